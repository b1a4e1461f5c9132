// SPDX-License-Identifier: MIT
// HttpRequestParser: request line, headers, Content-Length and chunked bodies under HttpLimits;
// decodeRequestBody() for gzip/deflate bodies; the reason phrases of the statuses the front sends.
#include "emulator/httprequestparser.h"

#include "common/zinflate.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace emu {

namespace {
bool isTokenChar(unsigned char c)
{
    // RFC 9110 tchar: what a method or a header name may contain.
    return std::isalnum(c) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return isTokenChar(static_cast<unsigned char>(c)); });
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Spaces, tabs and line ends at both ends.
std::string_view trim(std::string_view s)
{
    constexpr std::string_view blank = " \t\r\n";
    while (!s.empty() && blank.find(s.front()) != std::string_view::npos)
        s.remove_prefix(1);
    while (!s.empty() && blank.find(s.back()) != std::string_view::npos)
        s.remove_suffix(1);
    return s;
}

/// Whether a comma-separated header value lists `token` (any case): "keep-alive, Upgrade".
bool listsToken(std::string_view value, std::string_view token)
{
    size_t pos = 0;
    while (pos <= value.size()) {
        size_t comma = value.find(',', pos);
        if (comma == std::string_view::npos)
            comma = value.size();
        if (lower(trim(value.substr(pos, comma - pos))) == token)
            return true;
        pos = comma + 1;
    }
    return false;
}

std::string mib(size_t bytes)
{
    return std::to_string(bytes >> 20) + " MB";
}
} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits)
{
}

void HttpRequestParser::refuse(int status, std::string code, std::string message)
{
    m_progress = Progress::Refused;
    m_refusal = {status, std::move(code), std::move(message)};
}

void HttpRequestParser::reset()
{
    m_progress = Progress::NeedMore;
    m_stage = Stage::Head;
    release(m_head);
    m_scanned = 0;
    m_line.clear();
    m_trailerBytes = 0;
    release(m_body);
    m_remaining = 0;
    m_started = false;
    m_expectContinue = false;
    m_keepAlive = true;
    m_request = Request();
}

Request HttpRequestParser::take(bool *keepAlive)
{
    Request out = std::move(m_request);
    out.body = std::move(m_body);
    if (keepAlive)
        *keepAlive = m_keepAlive;
    reset();
    return out;
}

size_t HttpRequestParser::feed(std::string_view data)
{
    size_t used = 0;
    while (used < data.size() && m_progress == Progress::NeedMore) {
        const std::string_view rest = data.substr(used);
        switch (m_stage) {
        case Stage::Head:
            used += feedHead(rest);
            break;
        case Stage::Body:
        case Stage::ChunkData: {
            const size_t n = std::min(rest.size(), m_remaining);
            if (m_body.size() + n > m_body.capacity())
                reserveBody(m_body.size() + n);
            m_body.append(rest.data(), n);
            m_remaining -= n;
            used += n;
            if (m_remaining == 0) {
                m_stage = m_stage == Stage::Body ? Stage::Done : Stage::ChunkEnd;
                if (m_stage == Stage::Done)
                    m_progress = Progress::Complete;
            }
            break;
        }
        case Stage::ChunkSize:
        case Stage::ChunkEnd:
        case Stage::Trailers: {
            const size_t nl = rest.find('\n');
            const size_t n = nl == std::string_view::npos ? rest.size() : nl + 1;
            m_line.append(rest.data(), n);
            used += n;
            if (m_line.size() > m_limits.maxChunkLineBytes) {
                refuse(400, "MALFORMED_REQUEST", "Malformed chunked body: a chunk line is longer than "
                                                     + std::to_string(m_limits.maxChunkLineBytes) + " bytes");
                break;
            }
            if (nl == std::string_view::npos)
                break;
            if (m_stage == Stage::ChunkSize) {
                chunkSizeLine();
            } else if (m_stage == Stage::ChunkEnd) {
                if (m_line != "\r\n" && m_line != "\n")
                    refuse(400, "MALFORMED_REQUEST", "Malformed chunked body: a chunk does not end where its size says");
                else
                    m_stage = Stage::ChunkSize;
            } else {
                m_trailerBytes += m_line.size();
                if (m_line == "\r\n" || m_line == "\n") {
                    m_stage = Stage::Done;
                    m_progress = Progress::Complete;
                } else if (m_trailerBytes > m_limits.maxHeadBytes) {
                    refuse(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "The chunked body's trailer fields are longer than "
                                                                       + std::to_string(m_limits.maxHeadBytes) + " bytes");
                }
            }
            m_line.clear();
            break;
        }
        case Stage::Done:
            return used;
        }
    }
    return used;
}

size_t HttpRequestParser::feedHead(std::string_view data)
{
    size_t used = 0;
    if (m_head.empty()) {
        // RFC 9112 §2.2: empty lines before a request line are ignored.
        while (used < data.size() && (data[used] == '\r' || data[used] == '\n'))
            ++used;
        if (used == data.size())
            return used;
    }
    m_started = true;
    // Room for the method, the version and line ends around a URI plus headers of maxHeadBytes.
    const size_t cap = m_limits.maxHeadBytes + 64;
    const size_t take = std::min(data.size() - used, cap + 1 - std::min(cap + 1, m_head.size()));
    m_head.append(data.data() + used, take);
    // The blank line: "\r\n\r\n" or a bare "\n\n" (RFC 9112 lets a recipient accept a bare LF).
    size_t end = std::string::npos;
    for (size_t i = m_scanned; i < m_head.size(); ++i) {
        if (m_head[i] != '\n')
            continue;
        if (i >= 1 && m_head[i - 1] == '\n') {
            end = i + 1;
            break;
        }
        if (i >= 2 && m_head[i - 1] == '\r' && m_head[i - 2] == '\n') {
            end = i + 1;
            break;
        }
    }
    if (end == std::string::npos) {
        m_scanned = m_head.size() >= 2 ? m_head.size() - 2 : 0;
        if (m_head.size() > cap) {
            const size_t firstLine = m_head.find('\n');
            if (firstLine == std::string::npos || firstLine > m_limits.maxTargetBytes)
                refuse(414, "URI_TOO_LONG", "The request URI is longer than " + std::to_string(m_limits.maxTargetBytes) + " bytes");
            else
                refuse(431, "REQUEST_HEADER_FIELDS_TOO_LARGE",
                       "The URI plus headers are longer than " + std::to_string(m_limits.maxHeadBytes) + " bytes");
        }
        return used + take;
    }
    // Bytes after the blank line belong to the body (or the next request): hand them back.
    const size_t extra = m_head.size() - end;
    m_head.resize(end);
    used += take - extra;
    if (parseHead() && m_progress == Progress::NeedMore && m_stage == Stage::Done)
        m_progress = Progress::Complete;
    return used;
}

bool HttpRequestParser::parseHead()
{
    std::string_view head(m_head);
    size_t eol = head.find('\n');
    const std::string_view requestLine = trim(head.substr(0, eol));
    const size_t sp1 = requestLine.find(' ');
    const size_t sp2 = sp1 == std::string_view::npos ? sp1 : requestLine.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || requestLine.find(' ', sp2 + 1) != std::string_view::npos) {
        refuse(400, "MALFORMED_REQUEST", "Malformed request line: expected METHOD TARGET HTTP/1.1");
        return false;
    }
    const std::string_view method = requestLine.substr(0, sp1);
    std::string_view target = requestLine.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = requestLine.substr(sp2 + 1);
    if (!isToken(method) || method.size() > 32 || target.empty()) {
        refuse(400, "MALFORMED_REQUEST", "Malformed request line: bad method or empty target");
        return false;
    }
    if (target.size() > m_limits.maxTargetBytes) {
        refuse(414, "URI_TOO_LONG", "The request URI is longer than " + std::to_string(m_limits.maxTargetBytes) + " bytes");
        return false;
    }
    if (std::any_of(target.begin(), target.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; })) {
        refuse(400, "MALFORMED_REQUEST", "Malformed request line: control characters in the target");
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        refuse(505, "HTTP_VERSION_NOT_SUPPORTED", "Only HTTP/1.1 and HTTP/1.0 are served");
        return false;
    }
    // Absolute form ("GET http://host/path HTTP/1.1", as sent to proxies): keep the path.
    if (lower(target.substr(0, 7)) == "http://" || lower(target.substr(0, 8)) == "https://") {
        const size_t slash = target.find('/', target.find("//") + 2);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    m_request = Request::fromTarget(std::string(method), target);

    size_t headerBytes = target.size();
    std::string contentLength, transferEncoding;
    bool lengthConflict = false;
    for (size_t pos = eol + 1; pos < head.size();) {
        eol = head.find('\n', pos);
        const std::string_view raw = head.substr(pos, eol - pos + 1);
        pos = eol + 1;
        headerBytes += raw.size();
        const std::string_view line = trim(raw);
        if (line.empty())
            break;
        if (raw.front() == ' ' || raw.front() == '\t') {
            refuse(400, "MALFORMED_REQUEST", "Malformed header: folded header lines are not accepted");
            return false;
        }
        const size_t colon = line.find(':');
        const std::string_view name = colon == std::string_view::npos ? line : line.substr(0, colon);
        if (colon == std::string_view::npos || !isToken(name)) {
            refuse(400, "MALFORMED_REQUEST", "Malformed header line: expected Name: value");
            return false;
        }
        const std::string_view value = trim(line.substr(colon + 1));
        const std::string key = lower(name);
        if (key == "content-length") {
            if (!contentLength.empty() && contentLength != value)
                lengthConflict = true;
            contentLength = value;
        } else if (key == "transfer-encoding") {
            transferEncoding = lower(value);
        }
        m_request.headers.emplace(std::string(name), std::string(value));
    }
    if (headerBytes > m_limits.maxHeadBytes) {
        refuse(431, "REQUEST_HEADER_FIELDS_TOO_LARGE",
               "The URI plus headers are longer than " + std::to_string(m_limits.maxHeadBytes) + " bytes");
        return false;
    }
    const std::string connection = m_request.header("Connection");
    m_keepAlive = version == "HTTP/1.1" ? !listsToken(connection, "close") : listsToken(connection, "keep-alive");

    // Body framing (RFC 9112 §6.3); both headers at once is how requests are smuggled: refused.
    if (!transferEncoding.empty() && !contentLength.empty()) {
        refuse(400, "MALFORMED_REQUEST", "Both Transfer-Encoding and Content-Length were sent");
        return false;
    }
    if (!transferEncoding.empty()) {
        if (transferEncoding != "chunked") {
            refuse(400, "MALFORMED_REQUEST", "Transfer-Encoding '" + transferEncoding + "' is not supported (only chunked)");
            return false;
        }
        m_stage = Stage::ChunkSize;
    } else if (!contentLength.empty()) {
        if (lengthConflict || contentLength.size() > 19 || contentLength.find_first_not_of("0123456789") != std::string::npos) {
            refuse(400, "MALFORMED_REQUEST", "Malformed Content-Length: " + contentLength.substr(0, 40));
            return false;
        }
        const unsigned long long length = std::stoull(contentLength);
        if (length > m_limits.maxBodyBytes) {
            refuse(413, "REQUEST_ENTITY_TOO_LARGE",
                   "The request body is " + std::to_string(length) + " bytes; the limit is " + mib(m_limits.maxBodyBytes));
            return false;
        }
        m_remaining = static_cast<size_t>(length);
        reserveBody(m_remaining);
        m_stage = m_remaining > 0 ? Stage::Body : Stage::Done;
    } else {
        m_stage = Stage::Done; // no framing header: no body (RFC 9112 §6.3, last rule for requests)
    }
    m_expectContinue = m_stage != Stage::Done && lower(m_request.header("Expect")) == "100-continue";
    release(m_head);
    return true;
}

void HttpRequestParser::reserveBody(size_t bytes)
{
    // A large body gets one reservation of (at least) the whole limit: above glibc's largest mmap
    // threshold (32 MB), so it is one mapping, resident only as far as it is written, and given back
    // whole when freed. Growing by doubling instead would leave the smaller steps in malloc's arenas,
    // resident, after every large body.
    constexpr size_t kLargeBody = size_t{1} << 20;
    if (bytes < kLargeBody)
        m_body.reserve(std::max(bytes, 2 * m_body.capacity()));
    else
        m_body.reserve(std::max(m_limits.maxBodyBytes, size_t{64} << 20));
}

bool HttpRequestParser::chunkSizeLine()
{
    std::string_view line = trim(m_line);
    line = trim(line.substr(0, line.find(';'))); // chunk extensions are ignored
    if (line.empty() || line.size() > 15 || line.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) {
        refuse(400, "MALFORMED_REQUEST", "Malformed chunked body: bad chunk size '" + std::string(line.substr(0, 20)) + "'");
        return false;
    }
    const size_t size = std::stoull(std::string(line), nullptr, 16);
    if (size > m_limits.maxBodyBytes - m_body.size()) {
        refuse(413, "REQUEST_ENTITY_TOO_LARGE", "The chunked request body is larger than " + mib(m_limits.maxBodyBytes));
        return false;
    }
    m_remaining = size;
    m_stage = size == 0 ? Stage::Trailers : Stage::ChunkData;
    return true;
}

bool decodeRequestBody(Request &request, const HttpLimits &limits, HttpRefusal *refusal)
{
    const std::string encoding = lower(trim(request.header("Content-Encoding")));
    if (encoding.empty() || encoding == "identity")
        return true;
    if (encoding != "gzip" && encoding != "x-gzip" && encoding != "deflate") {
        *refusal = {415, "UNSUPPORTED_MEDIA_TYPE", "Content-Encoding '" + encoding.substr(0, 40) + "' is not supported (gzip, deflate)"};
        return false;
    }
    // 15 + 32: zlib detects a gzip or a zlib header by itself; "deflate" may also come raw (-15).
    std::string out;
    for (const int windowBits : {15 + 32, -15}) {
        const posdata::zinflate::Result result
            = posdata::zinflate::inflateInto(request.body.data(), request.body.size(), windowBits, limits.maxBodyBytes, &out);
        if (result == posdata::zinflate::Result::TooLarge) {
            *refusal = {413, "REQUEST_ENTITY_TOO_LARGE", "The decompressed request body is larger than " + mib(limits.maxBodyBytes)};
            return false;
        }
        if (result == posdata::zinflate::Result::Ok) {
            request.body = std::move(out);
            return true;
        }
        if (encoding != "deflate")
            break;
    }
    *refusal = {400, "MALFORMED_REQUEST", "The request body is not valid " + encoding + " data"};
    return false;
}

const char *statusReason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "";
    }
}

} // namespace emu
