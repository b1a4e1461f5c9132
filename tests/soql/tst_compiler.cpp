// SPDX-License-Identifier: MIT
// The evaluator test: compiled SQL runs against a real in-memory SQLite table.
#include "soql/compiler.h"
#include "soql/ids.h"
#include "soql/parser.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>

using namespace soql;

namespace {

const ObjectSchema& accountSchema()
{
    static const ObjectSchema schema{"Account",
                                     "sf_account",
                                     {{"Id", FieldType::Id},
                                      {"Name", FieldType::String},
                                      {"Outlet__c", FieldType::String},
                                      {"Parent__c", FieldType::Reference},
                                      {"Active__c", FieldType::Boolean},
                                      {"Qty__c", FieldType::Int},
                                      {"Price__c", FieldType::Double},
                                      {"SystemModstamp", FieldType::DateTime},
                                      {"Opened__c", FieldType::Date},
                                      {"IsDeleted", FieldType::Boolean}}};
    return schema;
}

std::string id(int n) { return makeId("001", static_cast<uint64_t>(n)); }

class CompilerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(sqlite3_open(":memory:", &m_db), SQLITE_OK);
        exec(R"(CREATE TABLE sf_account ("Id" TEXT, "Name" TEXT, "Outlet__c" TEXT, "Parent__c" TEXT,
                "Active__c" INTEGER, "Qty__c" INTEGER, "Price__c" REAL, "SystemModstamp" TEXT,
                "Opened__c" TEXT, "IsDeleted" INTEGER))");
        // rowid 1..5; row 5 is soft-deleted.
        exec("INSERT INTO sf_account VALUES ('" + id(1)
             + "', 'Alpha', 'O-1', NULL, 1, 5, 1.5, '2024-05-01T00:00:00.000+0000', '2024-01-01', 0)");
        exec("INSERT INTO sf_account VALUES ('" + id(2) + "', 'beta', 'O-1', '" + id(1)
             + "', 0, 10, 2.5, '2024-05-01T12:00:00.000+0000', '2024-02-01', 0)");
        exec("INSERT INTO sf_account VALUES ('" + id(3) + "', 'Gamma 50%', 'O-2', '" + id(1)
             + "', 1, NULL, NULL, '2024-05-02T00:00:00.000+0000', NULL, 0)");
        exec("INSERT INTO sf_account VALUES ('" + id(4)
             + "', NULL, NULL, NULL, 0, 3, 0.5, '2024-04-30T23:59:59.000+0000', NULL, 0)");
        exec("INSERT INTO sf_account VALUES ('" + id(5)
             + "', 'alpha', 'O-1', NULL, 1, 7, 3.0, '2024-05-01T12:00:00.000+0000', '2024-03-01', 1)");
    }
    void TearDown() override { sqlite3_close(m_db); }

    void exec(const std::string& sql)
    {
        char* err = nullptr;
        ASSERT_EQ(sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    }

    Result<CompiledQuery> compiled(std::string_view soql, bool includeDeleted = false)
    {
        auto q = parse(soql);
        if (!q)
            return q.error();
        return compile(q.value(), accountSchema(), includeDeleted);
    }

    // Runs the compiled statement; rowids for record queries, {count} for COUNT().
    std::vector<int64_t> run(std::string_view soql, bool includeDeleted = false)
    {
        auto c = compiled(soql, includeDeleted);
        EXPECT_TRUE(c.ok()) << soql << " -> " << (c.ok() ? "" : c.error().message);
        if (!c)
            return {};
        return execute(c.value());
    }

    std::vector<int64_t> execute(const CompiledQuery& c)
    {
        sqlite3_stmt* raw = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(m_db, c.sql.c_str(), -1, &raw, nullptr), SQLITE_OK)
            << c.sql << ": " << sqlite3_errmsg(m_db);
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
        if (!stmt)
            return {};
        EXPECT_EQ(sqlite3_bind_parameter_count(raw), static_cast<int>(c.params.size())) << c.sql;
        for (std::size_t i = 0; i < c.params.size(); ++i) {
            const int at = static_cast<int>(i + 1);
            const SqlValue& v = c.params[i];
            if (const auto* n = std::get_if<int64_t>(&v))
                sqlite3_bind_int64(raw, at, *n);
            else if (const auto* d = std::get_if<double>(&v))
                sqlite3_bind_double(raw, at, *d);
            else if (const auto* s = std::get_if<std::string>(&v))
                sqlite3_bind_text(raw, at, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(raw, at);
        }
        std::vector<int64_t> out;
        int rc;
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW)
            out.push_back(sqlite3_column_int64(raw, 0));
        EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(m_db);
        return out;
    }

    void expectError(std::string_view soql, std::string_view code, std::string_view message)
    {
        auto c = compiled(soql);
        ASSERT_FALSE(c.ok()) << soql << " compiled to " << c.value().sql;
        EXPECT_EQ(c.error().code, code) << soql;
        EXPECT_NE(c.error().message.find(message), std::string::npos)
            << soql << "\n  message: " << c.error().message << "\n  wanted:  " << message;
    }

    sqlite3* m_db = nullptr;
};

using Rows = std::vector<int64_t>;

} // namespace

TEST_F(CompilerTest, SqlShapeForRecords)
{
    auto c = compiled("SELECT name, ID FROM account WHERE Name = 'Alpha' ORDER BY Qty__c DESC LIMIT 3 OFFSET 1");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c.value().sql,
              "SELECT rowid FROM \"sf_account\" WHERE (\"Name\" COLLATE NOCASE IS ?) AND \"IsDeleted\" = 0 "
              "ORDER BY \"Qty__c\" DESC NULLS LAST, rowid LIMIT ? OFFSET ?");
    ASSERT_EQ(c.value().params.size(), 3u);
    EXPECT_EQ(std::get<std::string>(c.value().params[0]), "Alpha");
    EXPECT_EQ(std::get<int64_t>(c.value().params[1]), 3);
    EXPECT_EQ(std::get<int64_t>(c.value().params[2]), 1);
    // Canonical field names, in SELECT order.
    ASSERT_EQ(c.value().fields.size(), 2u);
    EXPECT_EQ(c.value().fields[0]->name, "Name");
    EXPECT_EQ(c.value().fields[1]->name, "Id");
    EXPECT_FALSE(c.value().isCount);
}

TEST_F(CompilerTest, SqlShapeForCount)
{
    auto c = compiled("SELECT COUNT() FROM Account", true);
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(c.value().isCount);
    EXPECT_TRUE(c.value().fields.empty());
    EXPECT_EQ(c.value().sql, "SELECT COUNT(*) FROM (SELECT 1 FROM \"sf_account\" LIMIT ? OFFSET ?)");
    EXPECT_EQ(std::get<int64_t>(c.value().params[0]), -1);
}

TEST_F(CompilerTest, ValuesAreNeverInTheSql)
{
    auto c = compiled(R"(SELECT Id FROM Account WHERE Name = 'x\' OR 1=1 --' OR Qty__c IN (42, 43))");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c.value().sql.find("1=1"), std::string::npos);
    EXPECT_EQ(c.value().sql.find("42"), std::string::npos);
    EXPECT_EQ(execute(c.value()), Rows{});
}

TEST_F(CompilerTest, DeletedRowsOnlyWithIncludeDeleted)
{
    EXPECT_EQ(run("SELECT Id FROM Account"), (Rows{1, 2, 3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account", true), (Rows{1, 2, 3, 4, 5}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE IsDeleted = TRUE", true), (Rows{5}));
}

TEST_F(CompilerTest, StringEqualityIsCaseInsensitive)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name = 'ALPHA'"), (Rows{1}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name = 'ALPHA'", true), (Rows{1, 5}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE name = 'Beta'"), (Rows{2}));
}

TEST_F(CompilerTest, NotEqualsMatchesNulls)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name != 'alpha'"), (Rows{2, 3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name <> 'alpha'"), (Rows{2, 3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE NOT Name = 'alpha'"), (Rows{2, 3, 4}));
}

TEST_F(CompilerTest, NullComparisons)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name = null"), (Rows{4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name != null"), (Rows{1, 2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c = NULL"), (Rows{3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Parent__c = null"), (Rows{1, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE SystemModstamp != null"), (Rows{1, 2, 3, 4}));
}

TEST_F(CompilerTest, Like)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name LIKE 'a%'"), (Rows{1}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name LIKE 'B_TA'"), (Rows{2}));
    EXPECT_EQ(run(R"(SELECT Id FROM Account WHERE Name LIKE '%\%')"), (Rows{3}));
    EXPECT_EQ(run(R"(SELECT Id FROM Account WHERE Name LIKE '%5\_%')"), (Rows{}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Name LIKE '%'"), (Rows{1, 2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE NOT Name LIKE 'a%'"), (Rows{2, 3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE (NOT Name LIKE 'a%') AND Name != null"), (Rows{2, 3}));
}

TEST_F(CompilerTest, NumericComparisons)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c > 4"), (Rows{1, 2}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c > 4.5"), (Rows{1, 2}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c >= 5 AND Qty__c < 10"), (Rows{1}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c <= 5"), (Rows{1, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE NOT Qty__c <= 5"), (Rows{2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c = -3"), (Rows{}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Price__c <= 1.5"), (Rows{1, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Price__c = 2.5"), (Rows{2}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Price__c > 2"), (Rows{2}));
}

TEST_F(CompilerTest, Booleans)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Active__c = TRUE"), (Rows{1, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Active__c = false"), (Rows{2, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Active__c != true"), (Rows{2, 4}));
}

TEST_F(CompilerTest, DateTimesAreNormalisedBeforeComparing)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE SystemModstamp > 2024-05-01T00:00:00Z"), (Rows{2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE SystemModstamp >= 2024-05-01T00:00:00.000+0000"), (Rows{1, 2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE SystemModstamp = 2024-05-01T14:00:00+02:00"), (Rows{2}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE SystemModstamp < 2024-04-30T16:00:00-0800"), (Rows{4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE SystemModstamp < 2024-04-30T15:59:58.999-08:00"), (Rows{}));
}

TEST_F(CompilerTest, Dates)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Opened__c >= 2024-02-01"), (Rows{2}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Opened__c = 2024-01-01"), (Rows{1}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Opened__c = null"), (Rows{3, 4}));
}

TEST_F(CompilerTest, InAndNotIn)
{
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Outlet__c IN ('o-1', 'O-2')"), (Rows{1, 2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Outlet__c NOT IN ('O-1')"), (Rows{3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Outlet__c IN ('O-2', null)"), (Rows{3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Outlet__c NOT IN ('O-2', null)"), (Rows{1, 2}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Outlet__c IN (null)"), (Rows{4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c IN (3, 10)"), (Rows{2, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c NOT IN (3, 10)"), (Rows{1, 3}));
}

TEST_F(CompilerTest, IdsCompareBytewiseAndAccept15CharacterForms)
{
    const std::string id1 = id(1);
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Parent__c = '" + id1.substr(0, 15) + "'"), (Rows{2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Id = '" + id(2) + "'"), (Rows{2}));
    std::string lower = id(3);
    for (char& ch : lower)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Id = '" + lower + "'"), (Rows{3}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Id > '" + id(2) + "'"), (Rows{3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Id IN ('" + id(1) + "', '" + id(4) + "')"), (Rows{1, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Parent__c != '" + id1 + "'"), (Rows{1, 4}));
}

TEST_F(CompilerTest, KeysetPagination)
{
    const std::string q = "SELECT Id FROM Account WHERE Outlet__c = 'O-1' AND (SystemModstamp > 2024-05-01T00:00:00Z "
                          "OR (SystemModstamp = 2024-05-01T00:00:00Z AND Id > '"
        + id(1) + "')) ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000";
    EXPECT_EQ(run(q), (Rows{2}));
    EXPECT_EQ(run(q, true), (Rows{2, 5}));
}

TEST_F(CompilerTest, OrderBy)
{
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY Name"), (Rows{4, 1, 2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY Name DESC"), (Rows{3, 2, 1, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY Name ASC NULLS LAST"), (Rows{1, 2, 3, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY Name DESC NULLS FIRST"), (Rows{4, 3, 2, 1}));
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY SystemModstamp DESC, Id ASC"), (Rows{3, 2, 1, 4}));
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY SystemModstamp, Id", true), (Rows{4, 1, 2, 5, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY Id DESC"), (Rows{4, 3, 2, 1}));
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY Qty__c"), (Rows{3, 4, 1, 2}));
    // Ties keep insertion order: rowid is the last key.
    EXPECT_EQ(run("SELECT Id FROM Account ORDER BY Active__c"), (Rows{2, 4, 1, 3}));
}

TEST_F(CompilerTest, LimitAndOffset)
{
    EXPECT_EQ(run("SELECT Id FROM Account LIMIT 2"), (Rows{1, 2}));
    EXPECT_EQ(run("SELECT Id FROM Account LIMIT 2 OFFSET 1"), (Rows{2, 3}));
    EXPECT_EQ(run("SELECT Id FROM Account OFFSET 3"), (Rows{4}));
    EXPECT_EQ(run("SELECT Id FROM Account LIMIT 0"), (Rows{}));
    EXPECT_EQ(run("SELECT Id FROM Account OFFSET 2000"), (Rows{}));
}

TEST_F(CompilerTest, Count)
{
    EXPECT_EQ(run("SELECT COUNT() FROM Account"), (Rows{4}));
    EXPECT_EQ(run("SELECT count() FROM Account", true), (Rows{5}));
    EXPECT_EQ(run("SELECT COUNT() FROM Account WHERE Outlet__c = 'O-1'"), (Rows{2}));
    EXPECT_EQ(run("SELECT COUNT() FROM Account WHERE Outlet__c = 'O-1'", true), (Rows{3}));
    EXPECT_EQ(run("SELECT COUNT() FROM Account LIMIT 1"), (Rows{1}));
    EXPECT_EQ(run("SELECT COUNT() FROM Account WHERE Name = 'nobody'"), (Rows{0}));
}

TEST_F(CompilerTest, UnknownFieldsAndObjects)
{
    expectError("SELECT Foo FROM Account", "INVALID_FIELD", "No such column 'Foo' on entity 'Account'");
    expectError("SELECT Id FROM Account WHERE Foo__c = 'x'", "INVALID_FIELD", "No such column 'Foo__c' on entity 'Account'");
    expectError("SELECT Id FROM Account WHERE Foo IN ('x')", "INVALID_FIELD", "No such column 'Foo'");
    expectError("SELECT Id FROM Account ORDER BY Bar", "INVALID_FIELD", "No such column 'Bar'");
    expectError("SELECT Owner.Name FROM Account", "INVALID_FIELD", "Didn't understand relationship 'Owner'");
    expectError("SELECT Id FROM Contact", "INVALID_TYPE", "sObject type 'Contact' is not supported");
    EXPECT_EQ(invalidTypeError("Foo").code, "INVALID_TYPE");
}

TEST_F(CompilerTest, LiteralTypeMismatches)
{
    expectError("SELECT Id FROM Account WHERE SystemModstamp > '2024-05-01T00:00:00Z'", "MALFORMED_QUERY",
                "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be "
                "enclosed in quotes");
    expectError("SELECT Id FROM Account WHERE SystemModstamp > 2024-05-01", "MALFORMED_QUERY",
                "field 'SystemModstamp' must be of type dateTime");
    expectError("SELECT Id FROM Account WHERE Opened__c > 2024-05-01T00:00:00Z", "MALFORMED_QUERY",
                "field 'Opened__c' must be of type date");
    expectError("SELECT Id FROM Account WHERE Opened__c = '2024-05-01'", "MALFORMED_QUERY",
                "must be of type date and should not be enclosed in quotes");
    expectError("SELECT Id FROM Account WHERE Name = 5", "MALFORMED_QUERY",
                "field 'Name' must be of type string and should be enclosed in quotes");
    expectError("SELECT Id FROM Account WHERE Name = TRUE", "MALFORMED_QUERY", "must be of type string");
    expectError("SELECT Id FROM Account WHERE Qty__c = '5'", "MALFORMED_QUERY",
                "field 'Qty__c' must be of type int and should not be enclosed in quotes");
    expectError("SELECT Id FROM Account WHERE Price__c IN (1, 'x')", "MALFORMED_QUERY", "must be of type double");
    expectError("SELECT Id FROM Account WHERE Active__c = 1", "MALFORMED_QUERY", "must be of type boolean");
    expectError("SELECT Id FROM Account WHERE Id = 5", "MALFORMED_QUERY", "must be of type id and should be enclosed");
    expectError("SELECT Id FROM Account WHERE Id = 'abc'", "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: abc");
    expectError("SELECT Id FROM Account WHERE Parent__c IN ('O-1')", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid ID field: O-1");
}

TEST_F(CompilerTest, OperatorMismatches)
{
    expectError("SELECT Id FROM Account WHERE Qty__c LIKE '5'", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid operator on int field: Qty__c");
    expectError("SELECT Id FROM Account WHERE Id LIKE '001%'", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid operator on id field: Id");
    expectError("SELECT Id FROM Account WHERE Active__c > false", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid operator > on boolean field: Active__c");
}

TEST_F(CompilerTest, NumbersOutOfRange)
{
    const std::string huge = "1" + std::string(400, '0');
    expectError("SELECT Id FROM Account WHERE Price__c > " + huge, "NUMBER_OUTSIDE_VALID_RANGE", "out of range");
    // An integer too large for int64 still compares as a REAL.
    EXPECT_EQ(run("SELECT Id FROM Account WHERE Qty__c < 99999999999999999999"), (Rows{1, 2, 4}));
}

TEST_F(CompilerTest, HandBuiltQueriesAreValidatedToo)
{
    Query q;
    q.object = "Account";
    auto empty = compile(q, accountSchema(), false);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().message, "no fields selected");

    q.fields = {"Name", "NAME"};
    auto dup = compile(q, accountSchema(), false);
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().message, "duplicate field selected: Name");

    auto cond = parseCondition("Outlet__c = :outletId", true);
    ASSERT_TRUE(cond.ok());
    q.fields = {"Id"};
    q.where = cond.value();
    auto bind = compile(q, accountSchema(), false);
    ASSERT_FALSE(bind.ok());
    EXPECT_EQ(bind.error().message, "bind variable ':outletId' not allowed at column 13");

    q.where = nullptr;
    q.isCount = true;
    q.fields.clear();
    q.orderBy.push_back(OrderItem{"Id", 1, false, OrderItem::Nulls::Default});
    auto countOrder = compile(q, accountSchema(), false);
    ASSERT_FALSE(countOrder.ok());
    EXPECT_EQ(countOrder.error().message, "ORDER BY cannot be used with COUNT()");
}
