// SPDX-License-Identifier: MIT
// SOQL dates and datetimes: strict literal checks, normalising, formatting and liberal parsing
// (civil-calendar arithmetic, no time zone database).
#include "soql/datetime.h"

#include <cstdio>

namespace soql {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// Howard Hinnant's days_from_civil / civil_from_days, valid far beyond years 0-9999.
int64_t daysFrom(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFrom(int64_t z, int64_t& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// "YYYY-MM-DD" at the start of s -> days, or nullopt.
std::optional<int64_t> datePart(std::string_view s)
{
    int y = 0, m = 0, d = 0;
    if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' || !digits(s, 8, 2, d))
        return std::nullopt;
    return daysFromCivil(y, m, d);
}

// "hh:mm:ss" at pos -> ms of day, or nullopt.
std::optional<int64_t> timePart(std::string_view s, std::size_t pos)
{
    int h = 0, mi = 0, se = 0;
    if (!digits(s, pos, 2, h) || pos + 2 >= s.size() || s[pos + 2] != ':' || !digits(s, pos + 3, 2, mi)
        || pos + 5 >= s.size() || s[pos + 5] != ':' || !digits(s, pos + 6, 2, se))
        return std::nullopt;
    if (h > 23 || mi > 59 || se > 59)
        return std::nullopt;
    return (static_cast<int64_t>(h) * 3600 + mi * 60 + se) * 1000;
}

// Parses the part after the seconds. strict: SOQL literal rules; else liberal.
std::optional<int64_t> parse(std::string_view s, bool strict)
{
    const auto days = datePart(s);
    if (!days || s.size() < 19 || (s[10] != 'T' && s[10] != 't' && (strict || s[10] != ' ')))
        return std::nullopt;
    const auto tod = timePart(s, 11);
    if (!tod)
        return std::nullopt;
    int64_t ms = *days * kMsPerDay + *tod;
    std::size_t p = 19;
    if (p < s.size() && s[p] == '.') {
        ++p;
        std::size_t n = 0;
        int64_t frac = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
            if (n < 3)
                frac = frac * 10 + (s[p] - '0');
            ++n;
            ++p;
        }
        if (n == 0 || (strict && n > 3))
            return std::nullopt;
        for (std::size_t k = n; k < 3; ++k)
            frac *= 10;
        ms += frac;
    }
    if (p == s.size())
        return strict ? std::nullopt : std::optional<int64_t>(ms);
    if (s[p] == 'Z' || s[p] == 'z')
        return p + 1 == s.size() ? std::optional<int64_t>(ms) : std::nullopt;
    if (s[p] != '+' && s[p] != '-')
        return std::nullopt;
    const int sign = s[p] == '+' ? 1 : -1;
    int oh = 0, om = 0;
    if (!digits(s, p + 1, 2, oh))
        return std::nullopt;
    p += 3;
    if (p < s.size() && s[p] == ':')
        ++p;
    if (p == s.size()) {
        if (strict)
            return std::nullopt;
    } else {
        if (!digits(s, p, 2, om) || p + 2 != s.size())
            return std::nullopt;
    }
    if (oh > 23 || om > 59)
        return std::nullopt;
    // Local time minus its offset is UTC.
    return ms - sign * (static_cast<int64_t>(oh) * 60 + om) * 60'000;
}

} // namespace

std::optional<int64_t> daysFromCivil(int year, int month, int day)
{
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    return daysFrom(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::string formatDateTime(int64_t ms)
{
    int64_t days = ms / kMsPerDay;
    int64_t rem = ms % kMsPerDay;
    if (rem < 0) {
        rem += kMsPerDay;
        --days;
    }
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFrom(days, y, m, d);
    const int64_t secs = rem / 1000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld+0000", static_cast<long long>(y), m, d,
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60), static_cast<long long>(rem % 1000));
    return buf;
}

std::optional<std::string> normalizeDateTime(std::string_view literal)
{
    const auto ms = parse(literal, true);
    // An offset can push 0000-01-01 or 9999-12-31 out of four-digit years, which the storage
    // form (and lexical ordering) cannot hold.
    static const int64_t kFirst = *daysFromCivil(0, 1, 1) * kMsPerDay;
    static const int64_t kEnd = (*daysFromCivil(9999, 12, 31) + 1) * kMsPerDay;
    if (!ms || *ms < kFirst || *ms >= kEnd)
        return std::nullopt;
    return formatDateTime(*ms);
}

std::optional<std::string> normalizeDate(std::string_view literal)
{
    if (literal.size() != 10 || !datePart(literal))
        return std::nullopt;
    return std::string(literal);
}

std::optional<int64_t> parseDateTime(std::string_view text)
{
    return parse(text, false);
}

} // namespace soql
