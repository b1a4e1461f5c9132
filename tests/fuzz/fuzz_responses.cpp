// SPDX-License-Identifier: MIT
// libFuzzer target: the small-answer readers of net/responses.h on any bytes. Input: byte 0 picks
// the reader (count, composite counts, token), byte 1 the number of composite subrequests (0-31),
// the rest is the body. Each reader must never throw or crash, and must keep its promise: a count is
// a non-negative number with no error or -1 with an error in words (the body's totalSize exactly,
// as nlohmann reads it); a composite answer has exactly n entries; a token answer has a non-empty
// access token, or a refusal in words.
#include "net/responses.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace {

using nlohmann::json;

[[noreturn]] void fail(const char *what, const QByteArray &body)
{
    std::fprintf(stderr, "%s\nbody: %.*s\n", what, int(body.size()), body.constData());
    std::abort();
}

void checkCount(const posdata::responses::Count &c, const QByteArray &body)
{
    if (c.count >= 0 ? !c.error.ok() : (c.count != -1 || c.error.ok() || c.error.message.isEmpty()))
        fail("a count is neither a number nor an error in words", body);
}

/// totalSize as the contract reads it: a non-negative integer (clamped to qint64), else none.
qint64 expectedCount(const json &doc)
{
    if (!doc.is_object())
        return -1;
    const auto it = doc.find("totalSize");
    if (it == doc.end())
        return -1;
    if (it->is_number_unsigned())
        return qint64(std::min<std::uint64_t>(it->get<std::uint64_t>(), std::uint64_t(std::numeric_limits<qint64>::max())));
    if (it->is_number_integer() && it->get<std::int64_t>() >= 0)
        return it->get<std::int64_t>();
    return -1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    switch (data[0] % 3) {
    case 0: {
        const auto c = posdata::responses::countAnswer(body);
        checkCount(c, body);
        const json doc = json::parse(body.constBegin(), body.constEnd(), nullptr, false);
        if (c.count != expectedCount(doc))
            fail("count differs from the body's totalSize", body);
        break;
    }
    case 1: {
        const qsizetype n = data[1] % 32;
        const auto counts = posdata::responses::compositeCounts(body, n);
        if (counts.size() != n)
            fail("not one answer per subrequest", body);
        for (const auto &c : counts)
            checkCount(c, body);
        break;
    }
    default: {
        QString error;
        const auto token = posdata::responses::tokenAnswer(body, &error);
        if (token ? token->accessToken.isEmpty() : error.isEmpty())
            fail("a token answer with no access token, or a refusal without words", body);
        break;
    }
    }
    return 0;
}
