// SPDX-License-Identifier: MIT
// HttpLimits: every bound and timeout of the emulator's HTTP front, each with the reason for its value.
#pragma once

#include <cstddef>

namespace emu {

/// What one request, one connection and all of them together may hold. A request over a limit is
/// refused in Salesforce's error shape (`[{"message":...,"errorCode":...}]`, JSON content type) and
/// its connection is closed; nothing over a limit is ever buffered.
struct HttpLimits
{
    /// Salesforce answers 414 when the URI is longer than 16,384 bytes (reference §5.2).
    size_t maxTargetBytes = 16384;
    /// ... and 431 when URI plus headers are longer than 16,384 bytes (§5.2).
    size_t maxHeadBytes = 16384;
    /// 413 above this body size (after chunked decoding, and again after gzip decoding).
    size_t maxBodyBytes = size_t{64} << 20;
    /// Request bodies buffered by all connections together: a 503 (retry later) beyond it, so a burst
    /// of large uploads cannot take the machine's memory. Two full-size bodies fit.
    size_t maxBufferedBodyBytes = size_t{128} << 20;
    /// A chunk-size line or a trailer line longer than this is malformed (400).
    size_t maxChunkLineBytes = 1024;
    /// Open connections; one more is answered 503 and closed. Each costs a socket and its buffers,
    /// never a thread.
    int maxConnections = 1024;
    /// A request that has started arriving but gets no byte for this long is dropped (408): a client
    /// that sends half a request line and stays holds no thread, and not for long.
    int idleReadMs = 5000;
    /// The head (request line and headers) must be complete this long after its first byte, so a
    /// client dripping a byte a second cannot keep a connection forever.
    int headDeadlineMs = 10000;
    /// An idle keep-alive connection is closed after this long (cpp-httplib's 5 s, kept as it was).
    int keepAliveMs = 5000;
    /// An answer that makes no progress into the socket for this long: the peer stopped reading.
    int writeStallMs = 30000;
    /// After an answer that closes the connection (a refusal, a "drop" fault), what the client still
    /// sends is read and dropped this long: closing on unread bytes would send a reset that can
    /// destroy the answer before the client reads it.
    int drainMs = 1000;
};

} // namespace emu
