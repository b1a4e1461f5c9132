// SPDX-License-Identifier: MIT
// gzip for tests that send or serve compressed bodies (a Content-Encoding: gzip request, a gzip
// answer from a scripted server): one deflate call, the whole text at once.
#pragma once

#include <string>

#include <zlib.h>

namespace testsupport {

/// `text` as one gzip member (RFC 1952); empty when zlib refuses, which a test then sees.
inline std::string gzip(const std::string &text)
{
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out(deflateBound(&zs, text.size()) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(rc == Z_STREAM_END ? zs.total_out : 0);
    deflateEnd(&zs);
    return out;
}

} // namespace testsupport
