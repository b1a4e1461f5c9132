// SPDX-License-Identifier: MIT
// HttpRequestParser: turns the bytes of one connection into emu::Requests under HttpLimits (no sockets).
#pragma once

#include "emulator/httplimits.h"
#include "emulator/request.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace emu {

/// Why the HTTP front refused a request: the status and a Salesforce-style error in words.
struct HttpRefusal
{
    int status = 400;
    std::string errorCode;
    std::string message;
};

/// Incremental HTTP/1.0 and 1.1 request parser: request line, headers, a Content-Length or chunked
/// body. It never holds more than the limits allow: a head over maxHeadBytes or a body over
/// maxBodyBytes is refused as soon as the excess is seen, not after it was read. After a refusal the
/// stream cannot be trusted any more: the connection must be closed. Content-Encoding is left to
/// decodeRequestBody() (CPU work that belongs on a worker, not on the thread reading sockets).
class HttpRequestParser
{
public:
    enum class Progress { NeedMore, Complete, Refused };

    explicit HttpRequestParser(const HttpLimits &limits);

    /// Consumes bytes and returns how many it used: it stops after a complete request or a refusal,
    /// so pipelined bytes stay with the caller.
    size_t feed(std::string_view data);
    Progress progress() const { return m_progress; }
    /// The head is in, a body is announced with "Expect: 100-continue" and none of it came yet.
    bool wantsContinue() const { return m_expectContinue && m_body.empty() && m_stage != Stage::Head; }
    void continueSent() { m_expectContinue = false; }
    /// Whether any byte of the next request arrived (a partial request, not an idle connection).
    bool started() const { return m_started; }
    bool headComplete() const { return m_stage != Stage::Head; }
    size_t bodyBytes() const { return m_body.size(); }
    const HttpRefusal &refusal() const { return m_refusal; }
    /// Takes the complete request; *keepAlive says whether the connection may carry another one.
    /// The parser is then ready for the next request.
    Request take(bool *keepAlive);
    /// Drops whatever was received of the current request and frees its memory.
    void discard() { reset(); }

private:
    enum class Stage { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done };

    size_t feedHead(std::string_view data);
    bool parseHead();
    bool chunkSizeLine();
    void reserveBody(size_t bytes);
    void refuse(int status, std::string code, std::string message);
    void reset();

    const HttpLimits &m_limits;
    Progress m_progress = Progress::NeedMore;
    Stage m_stage = Stage::Head;
    HttpRefusal m_refusal;
    std::string m_head;   // the head until its blank line
    size_t m_scanned = 0; // where the search for the blank line resumes
    std::string m_line;   // a chunk-size, chunk-end or trailer line being read
    size_t m_trailerBytes = 0;
    std::string m_body;
    size_t m_remaining = 0; // body or chunk bytes still to come
    bool m_started = false;
    bool m_expectContinue = false;
    bool m_keepAlive = true;
    Request m_request;
};

/// Decodes a gzip or deflate request body (Content-Encoding) in place, never past maxBodyBytes.
/// false with *refusal (400 for a corrupt stream, 413 over the limit, 415 for an unknown encoding).
bool decodeRequestBody(Request &request, const HttpLimits &limits, HttpRefusal *refusal);

/// "Not Found" for 404, ... ("" for a status it does not know).
const char *statusReason(int status);

} // namespace emu
