// SPDX-License-Identifier: MIT
// SOQL text helpers: quoting round-trips through the parser; identifiers and reserved words.
#include "soql/parser.h"
#include "soql/text.h"

#include <gtest/gtest.h>

using namespace soql;

TEST(Text, QuoteStringEscapes)
{
    EXPECT_EQ(quoteString(""), "''");
    EXPECT_EQ(quoteString("O-1"), "'O-1'");
    EXPECT_EQ(quoteString("it's"), "'it\\'s'");
    EXPECT_EQ(quoteString("a\\b"), "'a\\\\b'");
    EXPECT_EQ(quoteString("l1\nl2\tx\r\"q\""), "'l1\\nl2\\tx\\r\\\"q\\\"'");
    EXPECT_EQ(quoteString("50%_"), "'50%_'");
}

TEST(Text, QuoteStringRoundTripsThroughTheParser)
{
    for (std::string value : {"plain", "it's", "back\\slash", "tab\tnew\nline", "\"dq\"", "\b\f\r", "50% off_"}) {
        auto cond = parseCondition("Name = " + quoteString(value), false);
        ASSERT_TRUE(cond.ok()) << cond.error().message;
        EXPECT_EQ(cond.value()->value.text, value);
    }
}

TEST(Text, IsIdentifierAccepts)
{
    for (const char* name : {"Id", "Name", "Outlet_Id", "Outlet__c", "Owner__r", "ns__Field", "s_c__outlet__c",
                             "Event__e", "Setting__mdt", "a1", "A_b_c", "X"})
        EXPECT_TRUE(isIdentifier(name)) << name;
    EXPECT_TRUE(isIdentifier(std::string(80, 'a')));
}

TEST(Text, IsIdentifierRejects)
{
    for (const char* name : {"", "1a", "_x", "x_", "a___b", "a__", "__c", "a__b__zz", "a__b__c__d", "a b", "a-b",
                             "a.b", "na\xC3\xAFve", "Outlet__c_"})
        EXPECT_FALSE(isIdentifier(name)) << name;
    EXPECT_FALSE(isIdentifier(std::string(81, 'a')));
}
