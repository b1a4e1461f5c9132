// SPDX-License-Identifier: MIT
// Request and Response helpers: percent and form decoding, case-insensitive headers.
#include "emulator/request.h"

#include <algorithm>
#include <cctype>

namespace emu {

namespace {
unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}
int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return lower(static_cast<unsigned char>(x)) < lower(static_cast<unsigned char>(y));
    });
}

std::string urlDecode(std::string_view text, bool formRules)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int hi = hexValue(text[i + 1]);
            const int lo = hexValue(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
            out.push_back(c);
        } else if (c == '+' && formRules) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::multimap<std::string, std::string> parseForm(std::string_view text)
{
    std::multimap<std::string, std::string> out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t amp = text.find('&', pos);
        if (amp == std::string_view::npos)
            amp = text.size();
        const std::string_view pair = text.substr(pos, amp - pos);
        if (!pair.empty()) {
            const size_t eq = pair.find('=');
            if (eq == std::string_view::npos)
                out.emplace(urlDecode(pair, true), std::string());
            else
                out.emplace(urlDecode(pair.substr(0, eq), true), urlDecode(pair.substr(eq + 1), true));
        }
        pos = amp + 1;
    }
    return out;
}

Request Request::fromTarget(std::string method, std::string_view target)
{
    Request r;
    r.method = std::move(method);
    r.target = std::string(target);
    const size_t q = target.find('?');
    r.path = urlDecode(target.substr(0, q), false);
    if (q != std::string_view::npos)
        r.query = parseForm(target.substr(q + 1));
    return r;
}

std::string Request::param(const std::string &name) const
{
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

std::string Request::header(const std::string &name) const
{
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Response::header(std::string_view name) const
{
    CaseInsensitiveLess less;
    for (const auto &[k, v] : headers) {
        if (!less(k, name) && !less(name, k))
            return v;
    }
    return {};
}

void Response::setHeader(const std::string &name, const std::string &value)
{
    CaseInsensitiveLess less;
    for (auto &[k, v] : headers) {
        if (!less(k, name) && !less(name, k)) {
            v = value;
            return;
        }
    }
    headers.emplace_back(name, value);
}

} // namespace emu
