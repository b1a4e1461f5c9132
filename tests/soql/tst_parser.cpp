// SPDX-License-Identifier: MIT
// The SOQL parser: every accepted form, and each malformed query refused with Salesforce's code
// and wording.
#include "soql/parser.h"

#include <gtest/gtest.h>

using namespace soql;

namespace {

Query parsed(std::string_view soql)
{
    auto r = parse(soql);
    EXPECT_TRUE(r.ok()) << soql << " -> " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r.value() : Query{};
}

// Asserts a parse error with this code whose message contains `fragment`.
void expectError(std::string_view soql, std::string_view code, std::string_view fragment)
{
    auto r = parse(soql);
    ASSERT_FALSE(r.ok()) << soql;
    EXPECT_EQ(r.error().code, code) << soql;
    EXPECT_NE(r.error().message.find(fragment), std::string::npos)
        << soql << "\n  message: " << r.error().message << "\n  wanted:  " << fragment;
}

void expectMalformed(std::string_view soql, std::string_view fragment)
{
    expectError(soql, "MALFORMED_QUERY", fragment);
}

// A copy, so callers may pass a temporary Query (the tree is shared, the root is copied).
Expr whereOf(const Query& q)
{
    return q.where ? *q.where : Expr{};
}

} // namespace

TEST(Parser, SelectFieldsFromObject)
{
    const Query q = parsed("SELECT Id, Name,SystemModstamp FROM Account");
    EXPECT_FALSE(q.isCount);
    EXPECT_EQ(q.fields, (std::vector<std::string>{"Id", "Name", "SystemModstamp"}));
    EXPECT_EQ(q.fieldColumns, (std::vector<int>{8, 12, 17}));
    EXPECT_EQ(q.object, "Account");
    EXPECT_EQ(q.objectColumn, 37);
    EXPECT_FALSE(q.where);
    EXPECT_TRUE(q.orderBy.empty());
    EXPECT_FALSE(q.limit);
    EXPECT_FALSE(q.offset);
}

TEST(Parser, KeywordsAreCaseInsensitiveAndWhitespaceFree)
{
    const Query q = parsed("  select id\nfrom\tproduct__c where name = 'x' order by id desc nulls last limit 5 offset 2 ");
    EXPECT_EQ(q.object, "product__c");
    ASSERT_EQ(q.orderBy.size(), 1u);
    EXPECT_TRUE(q.orderBy[0].descending);
    EXPECT_EQ(q.orderBy[0].nulls, OrderItem::Nulls::Last);
    EXPECT_EQ(q.limit, 5);
    EXPECT_EQ(q.offset, 2);
}

TEST(Parser, CountForms)
{
    for (const char* soql : {"SELECT COUNT() FROM Account", "select count() from Account", "SELECT Count ( ) FROM X"}) {
        const Query q = parsed(soql);
        EXPECT_TRUE(q.isCount) << soql;
        EXPECT_TRUE(q.fields.empty());
    }
    const Query q = parsed("SELECT COUNT() FROM Account WHERE Outlet__c = 'O-1' LIMIT 10");
    EXPECT_TRUE(q.isCount);
    EXPECT_EQ(q.limit, 10);
    EXPECT_TRUE(q.where);
    // A field that is merely called Count is still a field.
    EXPECT_EQ(parsed("SELECT Count FROM X").fields, std::vector<std::string>{"Count"});
}

TEST(Parser, DottedFieldPathsParse)
{
    EXPECT_EQ(parsed("SELECT Owner.Name FROM Account").fields, std::vector<std::string>{"Owner.Name"});
}

TEST(Parser, ComparisonOperators)
{
    const std::pair<const char*, CompareOp> cases[] = {
        {"=", CompareOp::Eq}, {"!=", CompareOp::Ne}, {"<>", CompareOp::Ne}, {"<", CompareOp::Lt},
        {"<=", CompareOp::Le}, {">", CompareOp::Gt}, {">=", CompareOp::Ge}, {"LIKE", CompareOp::Like},
        {"like", CompareOp::Like}};
    for (const auto& [text, op] : cases) {
        const Query q = parsed(std::string("SELECT Id FROM A WHERE Qty__c ") + text + " 5");
        const Expr& e = whereOf(q);
        EXPECT_EQ(e.kind, Expr::Kind::Compare) << text;
        EXPECT_EQ(e.op, op) << text;
        EXPECT_EQ(e.field, "Qty__c");
        EXPECT_EQ(e.fieldColumn, 24);
        EXPECT_EQ(e.value.kind, Literal::Kind::Number);
        EXPECT_EQ(e.value.text, "5");
    }
    // No spaces needed around operators.
    EXPECT_EQ(whereOf(parsed("SELECT Id FROM A WHERE a>=5")).op, CompareOp::Ge);
    EXPECT_EQ(whereOf(parsed("SELECT Id FROM A WHERE a<>'x'")).op, CompareOp::Ne);
}

TEST(Parser, LiteralKinds)
{
    auto lit = [](std::string_view value) {
        const Query q = parsed("SELECT Id FROM A WHERE f = " + std::string(value));
        return whereOf(q).value;
    };
    EXPECT_EQ(lit("null").kind, Literal::Kind::Null);
    EXPECT_EQ(lit("NULL").kind, Literal::Kind::Null);
    EXPECT_EQ(lit("TRUE").kind, Literal::Kind::Boolean);
    EXPECT_EQ(lit("TRUE").text, "true");
    EXPECT_EQ(lit("false").text, "false");
    EXPECT_EQ(lit("-12").text, "-12");
    EXPECT_EQ(lit("+3.25").text, "+3.25");
    EXPECT_EQ(lit("0.5").kind, Literal::Kind::Number);
    EXPECT_EQ(lit("'O-1'").kind, Literal::Kind::String);
    EXPECT_EQ(lit("'O-1'").text, "O-1");
    EXPECT_EQ(lit("''").text, "");
    EXPECT_EQ(lit("2024-05-01T12:34:56Z").kind, Literal::Kind::DateTime);
    EXPECT_EQ(lit("2024-05-01T12:34:56.956-0800").text, "2024-05-01T12:34:56.956-0800");
    EXPECT_EQ(lit("2024-05-01T12:34:56+02:00").kind, Literal::Kind::DateTime);
    EXPECT_EQ(lit("2024-05-01").kind, Literal::Kind::Date);
    EXPECT_EQ(lit("2024-05-01").column, 28);
}

TEST(Parser, StringEscapes)
{
    const Query q = parsed(R"(SELECT Id FROM A WHERE f = 'a\'b\\c\nd\te\"f\%g\_h\ri\bj\fk')");
    EXPECT_EQ(whereOf(q).value.text, "a'b\\c\nd\te\"f%g_h\ri\bj\fk");
}

TEST(Parser, LikePatternKeepsWildcardsAndEscapesLiterals)
{
    const Query q = parsed(R"(SELECT Id FROM A WHERE Name LIKE '50\% off_%\_x\\')");
    const Literal& v = whereOf(q).value;
    EXPECT_EQ(v.text, "50% off_%_x\\");
    EXPECT_EQ(v.likePattern, "50\\% off_%\\_x\\\\");
}

TEST(Parser, InAndNotIn)
{
    const Query q = parsed("SELECT Id FROM A WHERE Outlet__c IN ('O-1', 'O-2',null)");
    const Expr& e = whereOf(q);
    EXPECT_EQ(e.kind, Expr::Kind::In);
    EXPECT_FALSE(e.negated);
    ASSERT_EQ(e.values.size(), 3u);
    EXPECT_EQ(e.values[1].text, "O-2");
    EXPECT_EQ(e.values[2].kind, Literal::Kind::Null);
    const Expr& n = whereOf(parsed("SELECT Id FROM A WHERE Qty__c not in (1)"));
    EXPECT_EQ(n.kind, Expr::Kind::In);
    EXPECT_TRUE(n.negated);
    EXPECT_EQ(n.values.size(), 1u);
}

TEST(Parser, AndOrNotAndParentheses)
{
    const Query q = parsed("SELECT Id FROM A WHERE a = 1 AND (b = 2 OR c = 3) AND NOT d = 4");
    const Expr& e = whereOf(q);
    ASSERT_EQ(e.kind, Expr::Kind::And);
    ASSERT_EQ(e.children.size(), 3u);
    EXPECT_EQ(e.children[0]->field, "a");
    EXPECT_EQ(e.children[1]->kind, Expr::Kind::Or);
    EXPECT_EQ(e.children[1]->children.size(), 2u);
    EXPECT_EQ(e.children[2]->kind, Expr::Kind::Not);
    EXPECT_EQ(e.children[2]->children[0]->field, "d");

    const Expr& n = whereOf(parsed("SELECT Id FROM A WHERE (NOT Name LIKE 'x%')"));
    EXPECT_EQ(n.kind, Expr::Kind::Not);
    EXPECT_EQ(n.children[0]->op, CompareOp::Like);
    EXPECT_EQ(whereOf(parsed("SELECT Id FROM A WHERE ((a = 1))")).kind, Expr::Kind::Compare);
    EXPECT_EQ(whereOf(parsed("SELECT Id FROM A WHERE a = 1 or b = 2 OR c = 3")).children.size(), 3u);
}

TEST(Parser, KeysetQueryFromTheReference)
{
    const Query q = parsed("SELECT Id, Name, SystemModstamp FROM Product__c WHERE Outlet__c = 'O-1' AND "
                           "(SystemModstamp > 2024-05-01T12:34:56Z OR (SystemModstamp = 2024-05-01T12:34:56Z AND "
                           "Id > 'a0X000000000123AAA')) ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000");
    ASSERT_EQ(q.orderBy.size(), 2u);
    EXPECT_EQ(q.orderBy[1].field, "Id");
    EXPECT_FALSE(q.orderBy[1].descending);
    EXPECT_EQ(q.orderBy[0].nulls, OrderItem::Nulls::Default);
    EXPECT_EQ(q.limit, 2000);
    EXPECT_EQ(whereOf(q).children[1]->kind, Expr::Kind::Or);
}

TEST(Parser, OrderByVariants)
{
    const Query q = parsed("SELECT Id FROM A ORDER BY a, b DESC, c ASC NULLS FIRST, d NULLS LAST");
    ASSERT_EQ(q.orderBy.size(), 4u);
    EXPECT_FALSE(q.orderBy[0].descending);
    EXPECT_TRUE(q.orderBy[1].descending);
    EXPECT_EQ(q.orderBy[2].nulls, OrderItem::Nulls::First);
    EXPECT_EQ(q.orderBy[3].nulls, OrderItem::Nulls::Last);
    EXPECT_EQ(q.orderBy[3].fieldColumn, 57);
}

TEST(Parser, OffsetUpTo2000)
{
    EXPECT_EQ(parsed("SELECT Id FROM A OFFSET 2000").offset, 2000);
    EXPECT_EQ(parsed("SELECT Id FROM A LIMIT 0").limit, 0);
}

TEST(Parser, ParseConditionWithBindVariables)
{
    auto r = parseCondition("s_c__outlet__c = :outletId AND (Region__c IN (:region, 'X') OR Owner = :outletId)", true);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(bindVariables(*r.value()), (std::vector<std::string>{"outletId", "region"}));
    EXPECT_EQ(r.value()->children[0]->value.kind, Literal::Kind::Bind);
    EXPECT_EQ(r.value()->children[0]->value.column, 18);

    auto plain = parseCondition("Outlet__c = 'O-1'", false);
    ASSERT_TRUE(plain.ok());
    EXPECT_TRUE(bindVariables(*plain.value()).empty());
}

TEST(ParserErrors, ExampleFromTheBrief)
{
    auto r = parse("SELECT Id, Name FORM Account");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "MALFORMED_QUERY");
    EXPECT_EQ(r.error().message, "unexpected token 'FORM' at column 17");
}

TEST(ParserErrors, StructuralErrors)
{
    expectMalformed("", "unexpected end of query at column 1");
    expectMalformed("   ", "unexpected end of query at column 4");
    expectMalformed("UPDATE Account", "unexpected token 'UPDATE' at column 1");
    expectMalformed("SELECT", "unexpected end of query at column 7");
    expectMalformed("SELECT FROM Account", "unexpected token 'FROM' at column 8");
    expectMalformed("SELECT Id, FROM Account", "unexpected token 'FROM' at column 12");
    expectMalformed("SELECT Id,, Name FROM Account", "unexpected token ',' at column 11");
    expectMalformed("SELECT Id Name FROM Account", "unexpected token 'Name' at column 11");
    expectMalformed("SELECT Id FROM", "unexpected end of query at column 15");
    expectMalformed("SELECT Id FROM 'Account'", "unexpected token ''Account'' at column 16");
    expectMalformed("SELECT Id FROM WHERE", "unexpected token 'WHERE' at column 16");
    expectMalformed("SELECT Id FROM A.B", "unexpected token 'A.B' at column 16");
    expectMalformed("SELECT Id FROM Account Contact", "unexpected token 'Contact' at column 24");
    expectMalformed("SELECT Id FROM Account LIMIT 5 LIMIT 6", "unexpected token 'LIMIT' at column 32");
    expectMalformed("SELECT Id FROM Account OFFSET 5 LIMIT 6", "unexpected token 'LIMIT' at column 33");
    expectMalformed("SELECT Id FROM Account WHERE", "unexpected end of query at column 29");
    expectMalformed("SELECT Id FROM Account ORDER Id", "unexpected token 'Id' at column 30");
    expectMalformed("SELECT Id FROM Account ORDER BY", "unexpected end of query at column 32");
    expectMalformed("SELECT Id FROM Account ORDER BY Id,", "unexpected end of query at column 36");
    expectMalformed("SELECT Id FROM Account ORDER BY Id NULLS", "unexpected end of query at column 41");
    expectMalformed("SELECT Id FROM Account ORDER BY Id NULLS MIDDLE", "unexpected token 'MIDDLE' at column 42");
    expectMalformed("SELECT Id FROM Account ORDER BY Id ASC DESC", "unexpected token 'DESC' at column 40");
    expectMalformed("SELECT Id FROM Account ) ", "unexpected token ')' at column 24");
}

TEST(ParserErrors, SelectListErrors)
{
    expectMalformed("SELECT Id, Name, id FROM Account", "duplicate field selected: id");
    expectMalformed("SELECT COUNT(), Id FROM Account", "COUNT() must be the only item in the SELECT list (column 8)");
    expectMalformed("SELECT Id, COUNT() FROM Account", "COUNT() must be the only item in the SELECT list (column 12)");
    expectMalformed("SELECT COUNT(Id) FROM Account", "unexpected token 'Id' at column 14");
    expectMalformed("SELECT COUNT( FROM Account", "unexpected token 'FROM' at column 15");
    expectMalformed("SELECT COUNT() FROM Account ORDER BY Name",
                    "ORDER BY cannot be used with COUNT() (column 29)");
    expectMalformed("SELECT AND FROM Account", "unexpected token 'AND' at column 8");
}

TEST(ParserErrors, ConditionErrors)
{
    expectMalformed("SELECT Id FROM A WHERE Name", "unexpected end of query at column 28");
    expectMalformed("SELECT Id FROM A WHERE Name 'x'", "unexpected token ''x'' at column 29");
    expectMalformed("SELECT Id FROM A WHERE Name =", "unexpected end of query at column 30");
    expectMalformed("SELECT Id FROM A WHERE Name = Other", "unexpected token 'Other' at column 31");
    expectMalformed("SELECT Id FROM A WHERE = 'x'", "unexpected token '=' at column 24");
    expectMalformed("SELECT Id FROM A WHERE AND a = 1", "unexpected token 'AND' at column 24");
    expectMalformed("SELECT Id FROM A WHERE a = 1 AND", "unexpected end of query at column 33");
    expectMalformed("SELECT Id FROM A WHERE a = 1 AND b = 2 OR c = 3",
                    "unexpected token 'OR' at column 40, use parentheses when mixing AND and OR");
    expectMalformed("SELECT Id FROM A WHERE a = 1 OR b = 2 AND c = 3", "unexpected token 'AND' at column 39");
    expectMalformed("SELECT Id FROM A WHERE (a = 1", "unexpected end of query at column 30");
    expectMalformed("SELECT Id FROM A WHERE (a = 1))", "unexpected token ')' at column 31");
    expectMalformed("SELECT Id FROM A WHERE ()", "unexpected token ')' at column 25");
    expectMalformed("SELECT Id FROM A WHERE NOT", "unexpected end of query at column 27");
    expectMalformed("SELECT Id FROM A WHERE a IN 'x'", "unexpected token ''x'' at column 29");
    expectMalformed("SELECT Id FROM A WHERE a IN ()", "unexpected token ')' at column 30");
    expectMalformed("SELECT Id FROM A WHERE a IN ('x',)", "unexpected token ')' at column 34");
    expectMalformed("SELECT Id FROM A WHERE a IN ('x' 'y')", "unexpected token ''y'' at column 34");
    expectMalformed("SELECT Id FROM A WHERE a NOT = 'x'", "unexpected token 'NOT' at column 26");
    expectMalformed("SELECT Id FROM A WHERE a > null", "null can only be compared with = or != (operator > at column 26)");
    expectMalformed("SELECT Id FROM A WHERE a LIKE null", "null can only be compared with = or != (operator LIKE");
    expectMalformed("SELECT Id FROM A WHERE a == 1", "unexpected token '=' at column 27");
    expectMalformed("SELECT Id FROM A WHERE a = (1)", "unexpected token '(' at column 28");
}

TEST(ParserErrors, LexicalErrors)
{
    expectMalformed("SELECT Id FROM A WHERE Name = 'abc", "unterminated string literal at column 31");
    expectMalformed("SELECT Id FROM A WHERE Name = 'abc\\", "unterminated string literal at column 31");
    expectMalformed("SELECT Id FROM A WHERE Name = 'a\\qb'", "invalid escape sequence '\\q' at column 33");
    expectMalformed("SELECT Id FROM A WHERE Name = \"x\"", "unexpected character '\"' at column 31");
    expectMalformed("SELECT Id FROM A WHERE Name # 1", "unexpected character '#' at column 29");
    expectMalformed("SELECT Id FROM A WHERE Name = !1", "unexpected character '!' at column 31");
    expectMalformed("SELECT Id\x01 FROM A", "unexpected character '\\x01' at column 10");
    expectMalformed("SELECT Id FROM A WHERE n = 1.", "invalid number '1.' at column 28");
    expectMalformed("SELECT Id FROM A WHERE n = 12ab", "invalid number '12a' at column 28");
    expectMalformed("SELECT Id FROM A WHERE n = 1.2.3", "invalid number '1.2.' at column 28");
    expectMalformed("SELECT Id FROM A WHERE n = :x", "bind variable ':x' not allowed at column 28");
    expectMalformed("SELECT Id FROM A WHERE n = :", "invalid bind variable at column 28");
    expectMalformed("SELECT Id FROM A WHERE n = :1", "invalid bind variable at column 28");
}

TEST(ParserErrors, DateTimeLiteralErrors)
{
    expectMalformed("SELECT Id FROM A WHERE d > 2024-13-01T00:00:00Z",
                    "invalid datetime literal '2024-13-01T00:00:00Z' at column 28");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-02-30T00:00:00Z", "invalid datetime literal");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-05-01T25:00:00Z", "invalid datetime literal");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-05-01T12:00:00", "invalid datetime literal '2024-05-01T12:00:00'");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-05-01T12:00:00.1234Z", "invalid datetime literal");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-05-01T12:00Z", "invalid datetime literal '2024-05-01T12:00Z'");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-05-01T12:00:00+1", "invalid datetime literal");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-02-30", "invalid date literal '2024-02-30' at column 28");
    expectMalformed("SELECT Id FROM A WHERE d > 2024-00-10", "invalid date literal");
    // Not a date at all: a number followed by garbage.
    expectMalformed("SELECT Id FROM A WHERE d > 2024-05", "unexpected token '-05' at column 32");
}

TEST(ParserErrors, LimitAndOffset)
{
    expectMalformed("SELECT Id FROM A LIMIT", "unexpected end of query at column 23, LIMIT expects a non-negative integer");
    expectMalformed("SELECT Id FROM A LIMIT x", "unexpected token 'x' at column 24");
    expectMalformed("SELECT Id FROM A LIMIT -1", "LIMIT expects a non-negative integer, found '-1' at column 24");
    expectMalformed("SELECT Id FROM A LIMIT 1.5", "LIMIT expects a non-negative integer, found '1.5'");
    expectMalformed("SELECT Id FROM A OFFSET -5", "OFFSET expects a non-negative integer");
    expectError("SELECT Id FROM A OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000");
    expectError("SELECT Id FROM A LIMIT 99999999999999999999", "NUMBER_OUTSIDE_VALID_RANGE",
                "LIMIT value 99999999999999999999 is too large at column 24");
    expectError("SELECT Id FROM A OFFSET 99999999999999999999", "NUMBER_OUTSIDE_VALID_RANGE", "too large");
}

TEST(ParserErrors, NestingIsCapped)
{
    std::string deep = "SELECT Id FROM A WHERE " + std::string(100, '(') + "a = 1" + std::string(100, ')');
    expectMalformed(deep, "condition nested too deeply at column 88");
    std::string nots = "SELECT Id FROM A WHERE ";
    for (int i = 0; i < 100; ++i)
        nots += "NOT ";
    expectMalformed(nots + "a = 1", "condition nested too deeply");
    std::string ok = "SELECT Id FROM A WHERE " + std::string(60, '(') + "a = 1" + std::string(60, ')');
    EXPECT_TRUE(parse(ok).ok());
}

TEST(ParserErrors, ParseConditionErrors)
{
    struct Case
    {
        std::string_view condition;
        bool bindVariables;
        std::string_view message;
    };
    for (const Case &c : {Case{"Outlet__c = :outletId", false, "bind variable ':outletId' not allowed at column 13"},
                          Case{"a = 1 ORDER BY a", true, "unexpected token 'ORDER' at column 7"},
                          Case{"", true, "unexpected end of query at column 1, expected a field name"},
                          Case{"WHERE a = 1", true, "unexpected token 'WHERE' at column 1, expected a field name"}}) {
        const auto r = parseCondition(c.condition, c.bindVariables);
        ASSERT_FALSE(r.ok()) << c.condition;
        EXPECT_EQ(r.error().message, c.message) << c.condition;
    }
}
