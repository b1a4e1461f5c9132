// SPDX-License-Identifier: MIT
// Request and Response: one HTTP exchange as the emulator core sees it; URL and form decoding.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu {

/// ASCII case-insensitive ordering, because HTTP header names are case-insensitive.
struct CaseInsensitiveLess
{
    bool operator()(std::string_view a, std::string_view b) const;
    using is_transparent = void;
};

using HeaderMap = std::map<std::string, std::string, CaseInsensitiveLess>;

/// One HTTP request as the emulator core sees it: no HTTP library types, so it can be fuzzed.
struct Request
{
    std::string method;                                    // "GET", "POST", ...
    std::string target;                                    // as received: "/a%20b?x=1+2"
    std::string path;                                      // percent-decoded, without the query
    std::multimap<std::string, std::string> query;         // form-decoded ('+' is a space)
    HeaderMap headers;
    std::string body;
    std::string remoteAddr = "127.0.0.1";

    /// Splits a raw request target ("/a%20b?x=1+2") into path and query, decoding both.
    static Request fromTarget(std::string method, std::string_view target);
    /// The first value of a query parameter, or "" when absent.
    std::string param(const std::string &name) const;
    bool hasParam(const std::string &name) const { return query.count(name) > 0; }
    std::string header(const std::string &name) const;
};

/// One HTTP response, plus fault directives the HTTP front carries out.
struct Response
{
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// Fault: send the headers (with the full Content-Length) and only this many body bytes, then
    /// close the connection. -1 means send everything.
    int64_t dropAfterBytes = -1;

    std::string header(std::string_view name) const;
    void setHeader(const std::string &name, const std::string &value);
};

/// Empties `text` and gives its buffer back: assigning std::string() keeps the capacity (libstdc++
/// copies a short string into the existing buffer), which would keep a large body resident.
inline void release(std::string &text)
{
    std::string().swap(text);
}

/// Percent-decoding; with formRules a '+' becomes a space (query strings, form bodies).
std::string urlDecode(std::string_view text, bool formRules);
/// Parses "a=1&b=2" with form rules.
std::multimap<std::string, std::string> parseForm(std::string_view text);

} // namespace emu
