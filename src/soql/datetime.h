// SPDX-License-Identifier: MIT
// SOQL dates and datetimes as epoch milliseconds: validation, normalised text, parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soql {

// Datetimes are handled as milliseconds since the Unix epoch, UTC, proleptic Gregorian calendar,
// years 0000-9999. No time zone database: only explicit offsets.

/// A SOQL datetime literal YYYY-MM-DDThh:mm:ss(.s{1,3})?(Z|[+-]hh:?mm), validated (month, day of
/// month, hour < 24, minute and second < 60, offset hours < 24), as "YYYY-MM-DDTHH:MM:SS.mmm+0000"
/// in UTC (offset applied). nullopt when invalid.
std::optional<std::string> normalizeDateTime(std::string_view literal);

/// A date literal YYYY-MM-DD, validated; returns it unchanged when valid.
std::optional<std::string> normalizeDate(std::string_view literal);

/// "2024-05-01T12:34:56.000+0000".
std::string formatDateTime(int64_t msSinceEpoch);

/// Liberal reader for datetimes from JSON and parameters: "YYYY-MM-DDTHH:MM:SS" then optional
/// fraction (any number of digits, truncated to ms), then Z, +hhmm, +hh:mm, +hh or nothing (UTC).
std::optional<int64_t> parseDateTime(std::string_view text);

/// Days since 1970-01-01 for a valid date, else nullopt (no range check beyond the calendar).
std::optional<int64_t> daysFromCivil(int year, int month, int day);

} // namespace soql
