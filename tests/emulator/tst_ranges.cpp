// SPDX-License-Identifier: MIT
// For range downloads: Id ranges (keyset pages), the smallest and largest Id, COUNT() of a range, the
// query plans behind them (an index range, never a sort of the whole table), the per-user cursor
// cap, and the serverTimeMs knob.
#include "emulatortest.h"

#include "emulator/objectcatalog.h"
#include "emulator/orgstore.h"
#include "emulator/seeder.h"
#include "soql/soql.h"

#include <chrono>
#include <future>
#include <regex>
#include <thread>

#include <sqlite3.h>

namespace {

using namespace emutest;

std::string productId(uint64_t n)
{
    return soql::makeId("a02", n);
}

TEST_F(EmulatorTest, IdRangesEndsAndCountsAnswerRight)
{
    // The ends, as a range download starts: one ORDER BY Id LIMIT 1 each way.
    auto end = [&](const std::string &dir, const std::string &resource) {
        const json page = query("SELECT Id FROM s_c__product__c ORDER BY Id " + dir + " LIMIT 1", 200, resource);
        EXPECT_EQ(page["done"], true);
        return page["records"].size() == 1 ? page["records"][0]["Id"].get<std::string>() : std::string();
    };
    EXPECT_EQ(end("ASC", "query"), productId(1));
    EXPECT_EQ(end("DESC", "query"), productId(1000));
    ASSERT_EQ(client->Delete((kV + "/sobjects/s_c__product__c/" + productId(1)).c_str(), auth())->status, 204);
    EXPECT_EQ(end("ASC", "query"), productId(2));      // live records only
    EXPECT_EQ(end("ASC", "queryAll"), productId(1));   // the tombstone too

    // One range in keyset pages: no cursor is held, each page is done:true.
    const std::string lo = productId(101), hi = productId(301);
    std::vector<std::string> got;
    std::string after;
    for (int page = 0; page < 10; ++page) {
        const std::string cond = after.empty() ? "Id >= '" + lo + "'" : "Id > '" + after + "'";
        const json p = query("SELECT Id, Name FROM s_c__product__c WHERE " + cond + " AND Id < '" + hi + "' ORDER BY Id LIMIT 50");
        EXPECT_EQ(p["done"], true);
        EXPECT_FALSE(p.contains("nextRecordsUrl"));
        const auto ids = idsOf(p);
        got.insert(got.end(), ids.begin(), ids.end());
        if (ids.size() < 50)
            break;
        after = ids.back();
    }
    ASSERT_EQ(got.size(), 200u);
    for (size_t i = 0; i < got.size(); ++i)
        EXPECT_EQ(got[i], productId(101 + i));
    EXPECT_EQ(server->emulator().openCursorCount(), 0);
    // The same range in one query with a cursor behind it.
    const json chain = query("SELECT Id FROM s_c__product__c WHERE Id >= '" + lo + "' AND Id < '" + hi + "' ORDER BY Id");
    EXPECT_EQ(chain["totalSize"], 200);
    EXPECT_EQ(idsOf(chain), got);

    // COUNT() of a range (an integrity check after the download), live and with tombstones.
    const std::string count = "SELECT COUNT() FROM s_c__product__c WHERE Id >= '" + lo + "' AND Id < '" + hi + "'";
    EXPECT_EQ(query(count)["totalSize"], 200);
    ASSERT_EQ(client->Delete((kV + "/sobjects/s_c__product__c/" + productId(150)).c_str(), auth())->status, 204);
    EXPECT_EQ(query(count)["totalSize"], 199);
    EXPECT_EQ(query(count, 200, "queryAll")["totalSize"], 200);
}

// The SQL the emulator runs for these queries must read an index range (or its first entry), not
// sort the table: on 1,000,000 products a sort of the whole table is read for every page.
TEST(EmulatorQueryPlans, IdRangesAndEndsReadAnIndexNotASortOfTheTable)
{
    emu::ObjectCatalog catalog;
    emu::OrgStore store(catalog);
    std::string error;
    ASSERT_TRUE(store.open("", &error)) << error;
    ASSERT_TRUE(emu::Seeder::seed(store, catalog, "small", 0, &error)) << error;
    const emu::ObjectDef &products = *catalog.find("s_c__product__c");
    const std::string lo = productId(101), hi = productId(301);
    const std::vector<std::string> soqls = {
        "SELECT Id, Name, SystemModstamp FROM s_c__product__c WHERE Id >= '" + lo + "' AND Id < '" + hi + "' ORDER BY Id",
        "SELECT Id FROM s_c__product__c WHERE Id > '" + lo + "' AND Id < '" + hi + "' ORDER BY Id LIMIT 2000",
        "SELECT Id FROM s_c__product__c ORDER BY Id ASC LIMIT 1",
        "SELECT Id FROM s_c__product__c ORDER BY Id DESC LIMIT 1",
        "SELECT COUNT() FROM s_c__product__c WHERE Id >= '" + lo + "' AND Id < '" + hi + "'"};
    for (const auto &text : soqls) {
        for (const bool includeDeleted : {false, true}) {
            SCOPED_TRACE(text + (includeDeleted ? " (queryAll)" : " (query)"));
            auto parsed = soql::parse(text);
            ASSERT_TRUE(parsed) << parsed.error().message;
            auto compiled = soql::compile(parsed.value(), products.schema, includeDeleted);
            ASSERT_TRUE(compiled) << compiled.error().message;
            const std::string explain = "EXPLAIN QUERY PLAN " + compiled.value().sql;
            sqlite3_stmt *st = nullptr;
            ASSERT_EQ(sqlite3_prepare_v2(store.db(), explain.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(store.db());
            std::string plan;
            while (sqlite3_step(st) == SQLITE_ROW)
                plan += std::string(reinterpret_cast<const char *>(sqlite3_column_text(st, 3))) + "\n";
            sqlite3_finalize(st);
            // A partial sort ("RIGHT PART OF ORDER BY", the rowid tie-break among equal Ids) is fine.
            EXPECT_EQ(plan.find("USE TEMP B-TREE FOR ORDER BY"), std::string::npos) << plan;
            EXPECT_NE(plan.find("USING COVERING INDEX"), std::string::npos) << plan;
            // ... and it is one that starts with Id (after IsDeleted for /query).
            EXPECT_TRUE(std::regex_search(plan, std::regex(R"(INDEX s_c__product__c_(live_)?id(\s|$))"))) << plan;
        }
    }
}

TEST_F(EmulatorTest, OpenCursorsAreCappedPerUserLeastRecentlyUsedFirst)
{
    // Reference §2.5: 10 open per user (every token of the one user shares them); the 11th releases
    // the least recently used. A cursor read to its end goes first: it only keeps the last page for
    // a retry.
    const std::string second = server->emulator().issueAccessToken();
    auto open = [&](bool otherToken) {
        const std::string path = kV + "/query?q=" + enc("SELECT Id FROM s_c__product__c ORDER BY Id");
        auto r = client->Get(path.c_str(), {{"Authorization", "Bearer " + (otherToken ? second : token)},
                                            {"Sforce-Query-Options", "batchSize=200"}});
        EXPECT_TRUE(r && r->status == 200);
        return r ? json::parse(r->body)["nextRecordsUrl"].get<std::string>() : std::string();
    };
    // A chain read to the end, then nine open ones.
    std::string finished = open(false);
    for (json page = getJson(finished); page.contains("nextRecordsUrl");)
        page = getJson(page["nextRecordsUrl"].get<std::string>());
    std::vector<std::string> chains;
    for (int i = 0; i < 9; ++i)
        chains.push_back(open(i % 2 == 1));
    EXPECT_EQ(server->emulator().openCursorCount(), 10);
    // The 11th open cursor: the finished one is released, all nine open ones stay.
    chains.push_back(open(true));
    EXPECT_EQ(server->emulator().openCursorCount(), 10);
    EXPECT_EQ(errorCode(getJson(finished, 400)), "INVALID_QUERY_LOCATOR");
    for (const auto &c : chains)
        EXPECT_EQ(getJson(c)["records"].size(), 200u);
    // Now all ten are open; chains[0] is used again, so chains[1] is the least recently used.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(getJson(chains[0])["records"].size(), 200u);
    const std::string twelfth = open(false);
    EXPECT_EQ(server->emulator().openCursorCount(), 10);
    EXPECT_EQ(errorCode(getJson(chains[1], 400)), "INVALID_QUERY_LOCATOR");
    EXPECT_EQ(getJson(chains[0])["records"].size(), 200u);
    EXPECT_EQ(getJson(twelfth)["records"].size(), 200u);
}

TEST_F(EmulatorTest, ServerTimeIsSpentAfterTheWorkAndSideBySide)
{
    auto &e = server->emulator();
    std::string error;
    const int64_t contacts = e.counts()["Contact"].live;
    // A client that gives up during the server time has lost the answer, not the write: it is
    // visible at once. With latency instead, the write is not there yet when the client gives up.
    ASSERT_TRUE(e.setFaults(json{{"serverTimeMs", 3000}}, &error)) << error;
    httplib::Client impatient(server->url());
    impatient.set_read_timeout(0, 300000);
    EXPECT_FALSE(impatient.Post((kV + "/sobjects/Contact").c_str(), auth(), R"({"LastName":"Slow org"})", "application/json"));
    EXPECT_EQ(e.counts()["Contact"].live, contacts + 1);
    ASSERT_TRUE(e.setFaults(json{{"serverTimeMs", 0}, {"latencyMs", 3000}}, &error)) << error;
    EXPECT_FALSE(impatient.Post((kV + "/sobjects/Contact").c_str(), auth(), R"({"LastName":"Slow link"})", "application/json"));
    EXPECT_EQ(e.counts()["Contact"].live, contacts + 1);
    e.resetFaults();

    // Only data calls wait: the token call and the admin endpoints answer at once.
    ASSERT_TRUE(e.setFaults(json{{"serverTimeMs", 30000}}, &error)) << error;
    client->set_read_timeout(5, 0);
    EXPECT_FALSE(refresh().empty());
    EXPECT_EQ(client->Get("/__admin/stats")->status, 200);
    // Two data calls wait side by side, not one after the other (the lock is not held meanwhile).
    ASSERT_TRUE(e.setFaults(json{{"serverTimeMs", 2000}}, &error)) << error;
    auto timed = [&] {
        httplib::Client c(server->url());
        c.set_url_encode(false);
        c.set_read_timeout(30, 0);
        auto r = c.Get((kV + "/limits").c_str(), auth());
        EXPECT_TRUE(r && r->status == 200);
        return std::chrono::steady_clock::now();
    };
    auto first = std::async(std::launch::async, timed);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto second = std::async(std::launch::async, timed);
    const auto gap = second.get() - first.get();
    // Side by side: about the 200 ms between the starts; one after the other: a whole 2 s more.
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(gap).count(), 1200);
    e.resetFaults();
    std::string err;
    EXPECT_FALSE(e.setFaults(json{{"serverTimeMs", -1}}, &err));
    EXPECT_FALSE(err.empty());
}

} // namespace
