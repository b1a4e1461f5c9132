// SPDX-License-Identifier: MIT
// libFuzzer target: arbitrary method, target, headers and body into emu::Emulator::handle() on one
// seeded ("small") in-memory org. Input layout: byte 0 picks the method (and whether to send a valid
// token), then lines: request target, header lines until an empty line, then the body.
#include "emulator/emulator.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace {
emu::Emulator &emulator()
{
    static std::unique_ptr<emu::Emulator> e = [] {
        emu::EmulatorOptions o;
        o.seed = "small";
        auto p = std::make_unique<emu::Emulator>(o);
        std::string error;
        if (!p->init(&error))
            __builtin_trap();
        return p;
    }();
    return *e;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *methods[] = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS", "BREW"};
    emu::Emulator &e = emulator();
    // Undo whatever the previous input switched on through /__admin/ (latency, limits, expiry).
    e.resetFaults();
    e.setDailyApiLimit(5'000'000);
    e.setApiCalls(0);
    e.expireAllTokens();
    const std::string token = e.issueAccessToken();

    const std::string_view in(reinterpret_cast<const char *>(data) + 1, size - 1);
    const uint8_t control = data[0];
    size_t eol = in.find('\n');
    const std::string_view target = in.substr(0, eol);
    emu::Request req = emu::Request::fromTarget(methods[control & 7], target);
    size_t pos = eol == std::string_view::npos ? in.size() : eol + 1;
    while (pos < in.size()) {
        eol = in.find('\n', pos);
        const std::string_view line = in.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? in.size() : eol + 1;
        if (line.empty())
            break;
        const size_t colon = line.find(':');
        req.headers.emplace(std::string(line.substr(0, colon)),
                            colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1)));
    }
    req.body = std::string(in.substr(std::min(pos, in.size())));
    if (control & 8)
        req.headers.insert_or_assign("Authorization", "Bearer " + token);
    if (control & 16)
        req.remoteAddr = "192.0.2.1";
    const emu::Response r = e.handle(req);
    if (r.status < 100 || r.status > 599)
        __builtin_trap();
    return 0;
}
