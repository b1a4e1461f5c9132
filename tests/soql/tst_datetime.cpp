// SPDX-License-Identifier: MIT
// SOQL dates and datetimes: every literal form accepted or refused, normalising, formatting,
// parsing and the calendar arithmetic.
#include "soql/datetime.h"

#include <gtest/gtest.h>

using namespace soql;

TEST(DateTime, NormalizeAcceptsEverySoqlForm)
{
    EXPECT_EQ(normalizeDateTime("2024-05-01T12:34:56Z"), "2024-05-01T12:34:56.000+0000");
    EXPECT_EQ(normalizeDateTime("2024-05-01T12:34:56z"), "2024-05-01T12:34:56.000+0000");
    EXPECT_EQ(normalizeDateTime("2024-05-01T12:34:56.7Z"), "2024-05-01T12:34:56.700+0000");
    EXPECT_EQ(normalizeDateTime("2024-05-01T12:34:56.07Z"), "2024-05-01T12:34:56.070+0000");
    EXPECT_EQ(normalizeDateTime("2024-05-01T12:34:56.956Z"), "2024-05-01T12:34:56.956+0000");
    EXPECT_EQ(normalizeDateTime("2024-05-01T12:34:56+00:00"), "2024-05-01T12:34:56.000+0000");
    EXPECT_EQ(normalizeDateTime("2024-05-01T12:34:56+0000"), "2024-05-01T12:34:56.000+0000");
    EXPECT_EQ(normalizeDateTime("2024-05-01T14:34:56+02:00"), "2024-05-01T12:34:56.000+0000");
    EXPECT_EQ(normalizeDateTime("2015-02-05T13:12:03.956-0800"), "2015-02-05T21:12:03.956+0000");
    // Offsets cross day, month and year boundaries.
    EXPECT_EQ(normalizeDateTime("2024-12-31T23:30:00-01:00"), "2025-01-01T00:30:00.000+0000");
    EXPECT_EQ(normalizeDateTime("2024-03-01T00:15:00+05:30"), "2024-02-29T18:45:00.000+0000");
}

TEST(DateTime, NormalizeRejectsInvalidLiterals)
{
    for (const char* bad : {"", "2024-05-01", "2024-05-01T12:34:56", "2024-05-01T12:34:56.1234Z",
                            "2024-05-01T12:34:56.Z", "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
                            "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z",
                            "2024-05-01T12:60:00Z", "2024-05-01T12:00:60Z", "2024-05-01T12:00:00+24:00",
                            "2024-05-01T12:00:00+01:60", "2024-05-01T12:00:00+01", "2024-05-01T12:00:00Zx",
                            "2024-05-01 12:00:00Z", "2024-5-01T12:00:00Z"})
        EXPECT_FALSE(normalizeDateTime(bad)) << bad;
    EXPECT_EQ(normalizeDateTime("2024-02-29T00:00:00Z"), "2024-02-29T00:00:00.000+0000");
    // Offsets must not leave four-digit years.
    EXPECT_FALSE(normalizeDateTime("0000-01-01T00:00:00+01:00"));
    EXPECT_FALSE(normalizeDateTime("9999-12-31T23:30:00-01:00"));
    EXPECT_EQ(normalizeDateTime("0000-01-01T00:00:00-01:00"), "0000-01-01T01:00:00.000+0000");
    EXPECT_EQ(normalizeDateTime("9999-12-31T23:59:59.999Z"), "9999-12-31T23:59:59.999+0000");
}

TEST(DateTime, NormalizeDate)
{
    EXPECT_EQ(normalizeDate("2024-02-29"), "2024-02-29");
    EXPECT_FALSE(normalizeDate("2023-02-29"));
    EXPECT_FALSE(normalizeDate("2024-02-29T00:00:00Z"));
    EXPECT_FALSE(normalizeDate("2024-2-29"));
}

TEST(DateTime, FormatDateTime)
{
    EXPECT_EQ(formatDateTime(0), "1970-01-01T00:00:00.000+0000");
    EXPECT_EQ(formatDateTime(1714566896000), "2024-05-01T12:34:56.000+0000");
    EXPECT_EQ(formatDateTime(1714566896789), "2024-05-01T12:34:56.789+0000");
    EXPECT_EQ(formatDateTime(-1), "1969-12-31T23:59:59.999+0000");
    EXPECT_EQ(formatDateTime(951782400000), "2000-02-29T00:00:00.000+0000");
}

TEST(DateTime, ParseDateTimeIsLiberal)
{
    const int64_t t = 1714566896000;
    for (const char* text : {"2024-05-01T12:34:56Z", "2024-05-01T12:34:56.000+0000", "2024-05-01T12:34:56+00:00",
                             "2024-05-01T12:34:56+00", "2024-05-01T12:34:56", "2024-05-01 12:34:56Z",
                             "2024-05-01T14:34:56.000+0200", "2024-05-01T12:34:56.0001Z"})
        EXPECT_EQ(parseDateTime(text), t) << text;
    EXPECT_EQ(parseDateTime("2024-05-01T12:34:56.5Z"), t + 500);
    EXPECT_FALSE(parseDateTime(""));
    EXPECT_FALSE(parseDateTime("yesterday"));
    EXPECT_FALSE(parseDateTime("2024-05-01"));
    EXPECT_FALSE(parseDateTime("2024-05-01T12:34:56+"));
    EXPECT_FALSE(parseDateTime("2024-05-01T12:34:56Z trailing"));
}

TEST(DateTime, FormatAndParseRoundTrip)
{
    for (int64_t ms : {int64_t{0}, int64_t{1}, int64_t{-86400001}, int64_t{253402300799999}, int64_t{1714566896123}}) {
        EXPECT_EQ(parseDateTime(formatDateTime(ms)), ms) << ms;
        EXPECT_EQ(normalizeDateTime(formatDateTime(ms)), formatDateTime(ms));
    }
}

TEST(DateTime, DaysFromCivil)
{
    EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(daysFromCivil(2000, 3, 1), 11017);
    EXPECT_FALSE(daysFromCivil(2000, 2, 30));
    EXPECT_FALSE(daysFromCivil(1900, 2, 29));
}
