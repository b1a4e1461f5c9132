// SPDX-License-Identifier: MIT
// libFuzzer target for the SOQL layer: the input is a SOQL query (first line) and a condition
// (the rest). Both go through the parser; the query is compiled against a sample schema and the
// SQL runs on an in-memory SQLite table. Any compiled SQL that SQLite rejects, any parameter-count
// mismatch or any crash/UB is a bug. Helpers get the same input.
#include "soql/soql.h"

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

const soql::ObjectSchema& schema()
{
    static const soql::ObjectSchema s{"Product__c",
                                      "product",
                                      {{"Id", soql::FieldType::Id},
                                       {"Name", soql::FieldType::String},
                                       {"Outlet__c", soql::FieldType::String},
                                       {"Parent__c", soql::FieldType::Reference},
                                       {"Active__c", soql::FieldType::Boolean},
                                       {"Stock__c", soql::FieldType::Int},
                                       {"Price__c", soql::FieldType::Double},
                                       {"SystemModstamp", soql::FieldType::DateTime},
                                       {"Launch__c", soql::FieldType::Date},
                                       {"IsDeleted", soql::FieldType::Boolean}}};
    return s;
}

sqlite3* database()
{
    static sqlite3* db = [] {
        sqlite3* d = nullptr;
        if (sqlite3_open(":memory:", &d) != SQLITE_OK)
            std::abort();
        const char* setup = R"(
            CREATE TABLE product ("Id" TEXT, "Name" TEXT, "Outlet__c" TEXT, "Parent__c" TEXT, "Active__c" INTEGER,
              "Stock__c" INTEGER, "Price__c" REAL, "SystemModstamp" TEXT, "Launch__c" TEXT, "IsDeleted" INTEGER);
            INSERT INTO product VALUES ('a0X000000000001EAA', 'Cola', 'O-1', NULL, 1, 5, 1.5,
              '2024-05-01T00:00:00.000+0000', '2024-01-01', 0);
            INSERT INTO product VALUES ('a0X000000000002EAA', 'cola 50%', 'O-2', 'a0X000000000001EAA', 0, NULL, NULL,
              '2024-05-01T12:00:00.000+0000', NULL, 1);
            INSERT INTO product VALUES ('a0X000000000003EAA', NULL, NULL, NULL, 0, -3, 0.5, NULL, NULL, 0);)";
        if (sqlite3_exec(d, setup, nullptr, nullptr, nullptr) != SQLITE_OK)
            std::abort();
        return d;
    }();
    return db;
}

void runCompiled(const soql::CompiledQuery& c)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(database(), c.sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "SQLite rejected compiled SQL: %s\n%s\n", sqlite3_errmsg(database()), c.sql.c_str());
        std::abort();
    }
    if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(c.params.size())) {
        std::fprintf(stderr, "parameter count mismatch: %s\n", c.sql.c_str());
        std::abort();
    }
    for (std::size_t i = 0; i < c.params.size(); ++i) {
        const int at = static_cast<int>(i + 1);
        const soql::SqlValue& v = c.params[i];
        if (const auto* n = std::get_if<int64_t>(&v))
            sqlite3_bind_int64(stmt, at, *n);
        else if (const auto* d = std::get_if<double>(&v))
            sqlite3_bind_double(stmt, at, *d);
        else if (const auto* s = std::get_if<std::string>(&v))
            sqlite3_bind_text(stmt, at, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(stmt, at);
    }
    int rc;
    int rows = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ++rows;
    if (rc != SQLITE_DONE) {
        std::fprintf(stderr, "SQLite failed running compiled SQL: %s\n%s\n", sqlite3_errmsg(database()), c.sql.c_str());
        std::abort();
    }
    if (c.isCount && rows != 1)
        std::abort();
    sqlite3_finalize(stmt);
}

void checkError(const soql::Error& e)
{
    if (e.code.empty() || e.message.empty())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = input.find('\n');
    const std::string_view query = input.substr(0, nl);
    const std::string_view condition = nl == std::string_view::npos ? std::string_view{} : input.substr(nl + 1);

    if (auto q = soql::parse(query)) {
        for (bool includeDeleted : {false, true}) {
            if (auto c = soql::compile(q.value(), schema(), includeDeleted))
                runCompiled(c.value());
            else
                checkError(c.error());
        }
    } else {
        checkError(q.error());
    }

    for (bool binds : {false, true}) {
        if (auto cond = soql::parseCondition(condition, binds)) {
            const auto names = soql::bindVariables(*cond.value());
            if (!binds && !names.empty())
                std::abort();
            if (names.empty()) {
                // A valid condition makes a valid query.
                soql::Query q;
                q.object = "Product__c";
                q.fields = {"Id"};
                q.where = cond.value();
                if (auto c = soql::compile(q, schema(), false))
                    runCompiled(c.value());
            }
        } else {
            checkError(cond.error());
        }
    }

    // Helpers: no crash, and their own round-trip promises hold.
    if (auto norm = soql::normalizeDateTime(query)) {
        const auto ms = soql::parseDateTime(*norm);
        if (!ms || soql::formatDateTime(*ms) != *norm)
            std::abort();
    }
    (void)soql::parseDateTime(input);
    (void)soql::normalizeDate(query);
    if (auto id = soql::normalizeId(query)) {
        if (id->size() != 18 || soql::normalizeId(*id) != *id)
            std::abort();
    }
    (void)soql::to18(query);
    (void)soql::isIdentifier(query);
    const std::string quoted = soql::quoteString(input);
    auto round = soql::parseCondition("Name = " + quoted, false);
    if (!round || round.value()->value.text != input)
        std::abort();
    return 0;
}
