// SPDX-License-Identifier: MIT
// Salesforce Ids: checksums against known Ids, case restored, made-up Ids valid and ordered.
#include "soql/ids.h"

#include <gtest/gtest.h>

using namespace soql;

TEST(Ids, To18MatchesKnownSalesforceIds)
{
    EXPECT_EQ(to18("001000000000000"), "001000000000000AAA");
    EXPECT_EQ(to18("0015000000Gv7qJ"), "0015000000Gv7qJAAR");
    // Upper case in every position of the first block: bits 0..4 set -> 31 -> '5'.
    EXPECT_EQ(to18("ABCDE0000000000"), "ABCDE00000000005AA");
    EXPECT_EQ(to18("a0X000000000001"), "a0X000000000001EAA");
}

TEST(Ids, To18LeavesOtherLengthsAlone)
{
    EXPECT_EQ(to18(""), "");
    EXPECT_EQ(to18("0015000000Gv7qJAAR"), "0015000000Gv7qJAAR");
    EXPECT_EQ(to18("abc"), "abc");
}

TEST(Ids, NormalizeIdRestoresCaseFromChecksum)
{
    EXPECT_EQ(normalizeId("0015000000Gv7qJ"), "0015000000Gv7qJAAR");
    EXPECT_EQ(normalizeId("0015000000Gv7qJAAR"), "0015000000Gv7qJAAR");
    EXPECT_EQ(normalizeId("0015000000gv7qjaar"), "0015000000Gv7qJAAR");
    EXPECT_EQ(normalizeId("0015000000GV7QJAAR"), "0015000000Gv7qJAAR");
}

TEST(Ids, NormalizeIdRejectsNonIds)
{
    EXPECT_FALSE(normalizeId(""));
    EXPECT_FALSE(normalizeId("O-1"));
    EXPECT_FALSE(normalizeId("0015000000Gv7q"));       // 14
    EXPECT_FALSE(normalizeId("0015000000Gv7qJ-AR"));   // not alphanumeric
    EXPECT_FALSE(normalizeId("0015000000Gv7qJAA5"));   // checksum says 5 upper-case letters where digits are
    EXPECT_FALSE(normalizeId("0015000000Gv7qJAA9"));   // 9 is not a checksum character
}

TEST(Ids, MakeIdIsFixedWidthMonotonicAndValid)
{
    // Base 62 as Salesforce counts: 0-9, A-Z, a-z, the order of their bytes.
    EXPECT_EQ(makeId("001", 0), "001000000000000AAA");
    EXPECT_EQ(makeId("001", 1), "001000000000001AAA");
    EXPECT_EQ(makeId("001", 35), "00100000000000ZAAQ");
    EXPECT_EQ(makeId("001", 36).substr(0, 15), "00100000000000a");
    EXPECT_EQ(makeId("001", 61).substr(0, 15), "00100000000000z");
    EXPECT_EQ(makeId("001", 62), "001000000000010AAA");
    std::string previous;
    for (uint64_t n : {0ull, 1ull, 9ull, 10ull, 35ull, 36ull, 61ull, 62ull, 3843ull, 3844ull, 99999ull, ~0ull}) {
        const std::string id = makeId("a0X", n);
        ASSERT_EQ(id.size(), 18u);
        EXPECT_EQ(normalizeId(id), id) << id;
        EXPECT_LT(previous, id);
        previous = id;
    }
    EXPECT_EQ(makeId("a0X", 3844 * 62 - 1).substr(0, 15), "a0X000000000zzz");
}

TEST(Ids, MakeIdInBase36IsTheUpperCaseIdsOfOlderEmulatorOrgs)
{
    EXPECT_EQ(makeId("001", 35, IdDigits::Base36), "00100000000000ZAAQ");
    EXPECT_EQ(makeId("001", 36, IdDigits::Base36), "001000000000010AAA");
    std::string previous;
    for (uint64_t n : {0ull, 1ull, 35ull, 36ull, 1295ull, 1296ull, 4738381338321616895ull}) {
        const std::string id = makeId("a0X", n, IdDigits::Base36);
        EXPECT_EQ(normalizeId(id), id) << id;
        EXPECT_LT(previous, id);
        previous = id;
    }
    EXPECT_EQ(makeId("a0X", 4738381338321616895ull, IdDigits::Base36).substr(0, 15), "a0XZZZZZZZZZZZZ");
}

TEST(Ids, MakeIdFixesBadPrefixes)
{
    EXPECT_EQ(makeId("0", 1).substr(0, 3), "000");
    EXPECT_EQ(makeId("0012", 1).substr(0, 3), "001");
}
