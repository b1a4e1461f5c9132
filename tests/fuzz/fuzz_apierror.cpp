// SPDX-License-Identifier: MIT
// libFuzzer target: ApiError::fromResponse on any status and body. Input: two bytes of HTTP status
// (big-endian, modulo 1000), then the body. Whatever the body, the error is classified (never
// Kind::None), has a code and a message in words, agrees with classify(), and a body that is not
// JSON is kept short in the message.
#include "net/apierror.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, int status, const QByteArray &body, const posdata::ApiError &e)
{
    std::fprintf(stderr, "%s\nstatus %d, code %s, message %s\nbody: %.*s\n", what, status,
                 e.code.toStdString().c_str(), e.message.toStdString().c_str(), int(body.size()), body.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int status = ((data[0] << 8) | data[1]) % 1000;
    const QByteArray body(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    const posdata::ApiError e = posdata::ApiError::fromResponse(status, body);
    if (e.ok() || e.kind == posdata::ApiError::Kind::None)
        fail("an error response classified as no error", status, body, e);
    if (e.httpStatus != status)
        fail("status not kept", status, body, e);
    if (e.code.isEmpty() || e.message.trimmed().isEmpty())
        fail("no code or no message", status, body, e);
    if (e.kind != posdata::ApiError::classify(status, e.code))
        fail("kind disagrees with classify()", status, body, e);
    const bool isJson = nlohmann::json::accept(body.constBegin(), body.constEnd());
    if (!isJson && e.message.size() > 450)
        fail("a non-JSON body is not kept short", status, body, e);
    return 0;
}
