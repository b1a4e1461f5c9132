// SPDX-License-Identifier: MIT
// libFuzzer target: arbitrary bytes into emu::HttpRequestParser, cut into pieces where the input says,
// under small limits; then decodeRequestBody() on every complete request. Checks the parser's promises:
// it never uses more bytes than it was given, never buffers past its limits, and goes on after a
// complete request with the bytes that follow.
#include "emulator/httprequestparser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    emu::HttpLimits limits;
    limits.maxTargetBytes = 256;
    limits.maxHeadBytes = 512;
    limits.maxBodyBytes = 4096;
    limits.maxChunkLineBytes = 64;
    const size_t piece = 1 + data[0] % 64; // how the bytes arrive: 1..64 at a time
    std::string_view in(reinterpret_cast<const char *>(data) + 1, size - 1);
    emu::HttpRequestParser parser(limits);
    while (!in.empty()) {
        const std::string_view chunk = in.substr(0, piece);
        const size_t used = parser.feed(chunk);
        if (used > chunk.size() || parser.bodyBytes() > limits.maxBodyBytes)
            __builtin_trap();
        in.remove_prefix(used);
        switch (parser.progress()) {
        case emu::HttpRequestParser::Progress::Refused:
            if (parser.refusal().status < 400 || parser.refusal().message.empty())
                __builtin_trap();
            return 0;
        case emu::HttpRequestParser::Progress::Complete: {
            bool keepAlive = true;
            emu::Request request = parser.take(&keepAlive);
            if (request.body.size() > limits.maxBodyBytes || request.method.empty())
                __builtin_trap();
            emu::HttpRefusal refusal;
            if (emu::decodeRequestBody(request, limits, &refusal) && request.body.size() > limits.maxBodyBytes)
                __builtin_trap();
            break;
        }
        case emu::HttpRequestParser::Progress::NeedMore:
            if (used == 0 && !chunk.empty())
                __builtin_trap(); // a parser that wants more must take what it is given
            break;
        }
    }
    return 0;
}
