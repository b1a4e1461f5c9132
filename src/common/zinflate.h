// SPDX-License-Identifier: MIT
// inflateInto(): a gzip, zlib or raw deflate stream decoded into a byte container (std::string,
// QByteArray), never past a bound. The emulator decodes request bodies with it, the client the query
// pages it keeps compressed until the writer is ready for them. Header only: no Qt, so that the
// emulator (which has none) can use it; the user links zlib.
#pragma once

#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace posdata::zinflate {

enum class Result { Ok, TooLarge, Corrupt };

/// A gzip or zlib stream (the header tells which) for windowBits 15 + 32, raw deflate for -15.
/// `out` holds the whole decoded stream on Ok; anything else leaves it unspecified.
template <class Out>
Result inflateInto(const char *data, std::size_t size, int windowBits, std::size_t maxOut, Out *out)
{
    out->clear();
    if (size > UINT32_MAX)
        return Result::TooLarge;
    // A gzip stream ends with its decoded size (modulo 4 GiB): one allocation instead of a dozen.
    if (windowBits == 15 + 32 && size >= 18 && static_cast<unsigned char>(data[0]) == 0x1f) {
        const auto *tail = reinterpret_cast<const unsigned char *>(data + size - 4);
        const std::size_t decoded = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (std::size_t(tail[3]) << 24);
        out->reserve(static_cast<decltype(out->size())>(std::min(decoded, maxOut)));
    }
    z_stream zs{};
    if (inflateInit2(&zs, windowBits) != Z_OK)
        return Result::Corrupt;
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    zs.avail_in = static_cast<uInt>(size);
    int rc = Z_OK;
    char buf[65536];
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        const std::size_t produced = sizeof buf - zs.avail_out;
        if (std::size_t(out->size()) + produced > maxOut) {
            inflateEnd(&zs);
            return Result::TooLarge;
        }
        out->append(buf, static_cast<decltype(out->size())>(produced));
        if (rc == Z_BUF_ERROR && zs.avail_in == 0)
            break; // the stream ended early
    }
    inflateEnd(&zs);
    return rc == Z_STREAM_END && zs.avail_in == 0 ? Result::Ok : Result::Corrupt;
}

} // namespace posdata::zinflate
