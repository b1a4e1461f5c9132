// SPDX-License-Identifier: MIT
// Queries over loopback: pages and nextRecordsUrl, batch sizes, cursors (TTL, cap), COUNT(),
// SOQL errors, queryAll and the replication resources, and pages following every write.
#include "emulatortest.h"

#include "emulator/seeder.h"

#include <set>

namespace {

using namespace emutest;

TEST_F(EmulatorTest, PageChainFollowsNextRecordsUrl)
{
    json page = query("SELECT Id, Name, SystemModstamp FROM s_c__product__c ORDER BY SystemModstamp, Id", 200, "query",
                      {{"Sforce-Query-Options", "batchSize=300"}});
    std::set<std::string> ids;
    std::string lastKey;
    int pages = 0;
    while (true) {
        ++pages;
        EXPECT_EQ(page["totalSize"], 1000);
        for (const auto &rec : page["records"]) {
            EXPECT_EQ(rec["attributes"]["type"], "s_c__product__c");
            EXPECT_EQ(rec.size(), 4u); // attributes + 3 fields
            const std::string key = rec["SystemModstamp"].get<std::string>() + rec["Id"].get<std::string>();
            EXPECT_LT(lastKey, key);
            lastKey = key;
            ids.insert(rec["Id"]);
        }
        if (page["done"].get<bool>()) {
            EXPECT_FALSE(page.contains("nextRecordsUrl"));
            break;
        }
        EXPECT_EQ(page["records"].size(), 300u);
        page = getJson(page["nextRecordsUrl"].get<std::string>());
    }
    EXPECT_EQ(pages, 4);
    EXPECT_EQ(ids.size(), 1000u);
}

TEST_F(EmulatorTest, BatchSizeIsClampedAndKeptByTheCursor)
{
    json small = query("SELECT Id FROM s_c__order__c", 200, "query", {{"Sforce-Query-Options", "batchSize=50"}});
    EXPECT_EQ(small["records"].size(), 200u);
    json big = query("SELECT Id FROM s_c__order__c", 200, "query", {{"sforce-query-options", "foo=1, batchSize=5000"}});
    EXPECT_EQ(big["records"].size(), 2000u);
    EXPECT_TRUE(big["done"].get<bool>());
    json dflt = query("SELECT Id FROM s_c__order__c");
    EXPECT_EQ(dflt["records"].size(), 2000u);
    // Later pages keep the cursor's size whatever header arrives.
    json p2 = getJson(small["nextRecordsUrl"].get<std::string>(), 200, {{"Sforce-Query-Options", "batchSize=2000"}});
    EXPECT_EQ(p2["records"].size(), 200u);
}

TEST_F(EmulatorTest, EmulatorOnlyMinBatchSizeAllowsSmallPages)
{
    emu::EmulatorOptions o;
    o.minBatchSize = 2;
    startServer(o);
    json p = query("SELECT Id FROM s_c__outlet__c", 200, "query", {{"Sforce-Query-Options", "batchSize=2"}});
    EXPECT_EQ(p["records"].size(), 2u);
    EXPECT_EQ(p["totalSize"], 3);
}

TEST_F(EmulatorTest, RepeatedLocatorGetReturnsTheSamePageUnderAnyPathAndVersion)
{
    json first = queryAllFirst();
    const std::string next = first["nextRecordsUrl"];
    EXPECT_NE(next.find("/services/data/v62.0/query/01g"), std::string::npos);
    const std::string locator = next.substr(next.rfind('/') + 1);
    const json a = getJson(next);
    const json b = getJson(next);
    const json c = getJson("/services/data/v50.0/queryAll/" + locator);
    const json d = getJson("/services/data/v50.0/query/" + locator + "/");
    EXPECT_EQ(a, b);
    auto ids = [](const json &page) {
        std::vector<std::string> out;
        for (const auto &r : page["records"])
            out.push_back(r["Id"]);
        return out;
    };
    EXPECT_EQ(ids(a), ids(c));
    EXPECT_EQ(ids(a), ids(d));
    EXPECT_EQ(a["nextRecordsUrl"], d["nextRecordsUrl"].get<std::string>().replace(16, 4, "62.0"));
    EXPECT_NE(c["records"][0]["attributes"]["url"].get<std::string>().find("v50.0"), std::string::npos);
}

TEST_F(EmulatorTest, LocatorExpiresAfterIdleTime)
{
    json first = query("SELECT Id FROM s_c__product__c", 200, "query", {{"Sforce-Query-Options", "batchSize=200"}});
    const std::string next = first["nextRecordsUrl"];
    server->emulator().advanceClock(899);
    EXPECT_EQ(getJson(next)["records"].size(), 200u); // touching it resets the idle clock
    server->emulator().advanceClock(901);
    const json gone = getJson(next, 400);
    EXPECT_EQ(gone, json::parse(R"([{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}])"));
    EXPECT_EQ(errorCode(getJson(kV + "/query/garbage", 400)), "INVALID_QUERY_LOCATOR");
}

TEST_F(EmulatorTest, AdminExpiresAllCursors)
{
    json first = query("SELECT Id FROM s_c__product__c", 200, "query", {{"Sforce-Query-Options", "batchSize=200"}});
    auto r = client->Post("/__admin/cursors/expire", "", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(errorCode(getJson(first["nextRecordsUrl"].get<std::string>(), 400)), "INVALID_QUERY_LOCATOR");
}

TEST_F(EmulatorTest, EleventhCursorEvictsTheLeastRecentlyUsed)
{
    std::vector<std::string> next;
    for (int i = 0; i < 11; ++i)
        next.push_back(query("SELECT Id FROM s_c__product__c", 200, "query",
                             {{"Sforce-Query-Options", "batchSize=200"}})["nextRecordsUrl"]);
    EXPECT_EQ(server->emulator().openCursorCount(), 10);
    EXPECT_EQ(errorCode(getJson(next[0], 400)), "INVALID_QUERY_LOCATOR");
    for (int i = 1; i < 11; ++i)
        EXPECT_EQ(getJson(next[static_cast<size_t>(i)])["records"].size(), 200u);
}

TEST_F(EmulatorTest, CountQueries)
{
    const std::string outlet = emu::Seeder::outletId(1);
    EXPECT_EQ(query("SELECT COUNT() FROM s_c__order__c"),
              json::parse(R"({"totalSize":2000,"done":true,"records":[]})"));
    const json scoped = query("select count() from S_C__ORDER__C where s_c__outlet__c = '" + outlet + "'");
    EXPECT_EQ(scoped["totalSize"], 667);
    EXPECT_TRUE(scoped["records"].is_array());
    EXPECT_EQ(query("SELECT COUNT() FROM Contact WHERE LastName LIKE 'S%' AND (FirstName != null OR Email = null)")["done"], true);
}

TEST_F(EmulatorTest, BadQueriesGetSalesforceErrors)
{
    EXPECT_EQ(errorCode(query("SELEKT Id FROM Contact", 400)), "MALFORMED_QUERY");
    EXPECT_EQ(errorCode(query("SELECT Id FROM Nope__c", 400)), "INVALID_TYPE");
    EXPECT_EQ(errorCode(query("SELECT Foo FROM Contact", 400)), "INVALID_FIELD");
    EXPECT_EQ(errorCode(query("SELECT Id FROM Contact OFFSET 2001", 400)), "NUMBER_OUTSIDE_VALID_RANGE");
    EXPECT_EQ(errorCode(getJson(kV + "/query", 400)), "MALFORMED_QUERY");
    const json where = query("SELECT Id, SystemModstamp FROM s_c__product__c WHERE SystemModstamp > 2025-01-01T00:05:00.000+0000 "
                             "AND Id > 'a02000000000001AAA' ORDER BY Id DESC LIMIT 5 OFFSET 1");
    EXPECT_EQ(where["records"].size(), 5u);
}

TEST_F(EmulatorTest, QueryAllSeesSoftDeletesAndPurgeRemovesThem)
{
    const std::string id = "a02000000000001AAA";
    const json before = getJson(kV + "/sobjects/s_c__product__c/" + id);
    ASSERT_EQ(client->Delete((kV + "/sobjects/s_c__product__c/" + id).c_str(), auth())->status, 204);
    const std::string q = "SELECT Id, IsDeleted, SystemModstamp FROM s_c__product__c WHERE Id = '" + id + "'";
    EXPECT_EQ(query(q)["totalSize"], 0);
    const json all = query(q, 200, "queryAll");
    ASSERT_EQ(all["totalSize"], 1);
    EXPECT_EQ(all["records"][0]["IsDeleted"], true);
    EXPECT_GT(all["records"][0]["SystemModstamp"].get<std::string>(), before["SystemModstamp"].get<std::string>());
    server->emulator().advanceClock(120); // the current minute is not covered yet
    const json deleted = getJson(kV + "/sobjects/s_c__product__c/deleted?start=" + enc("2020-01-01T00:00:00+00:00")
                                 + "&end=" + enc("2099-01-01T00:00:00+00:00"));
    ASSERT_EQ(deleted["deletedRecords"].size(), 1u);
    EXPECT_EQ(deleted["deletedRecords"][0]["id"], id);
    EXPECT_TRUE(deleted.contains("latestDateCovered"));
    EXPECT_EQ(errorCode(getJson(kV + "/sobjects/s_c__product__c/deleted/?start=2030-01-01T00:00:00Z&end=2020-01-01T00:00:00Z", 400)),
              "INVALID_REPLICATION_DATE");
    EXPECT_EQ(server->emulator().counts()["s_c__product__c"].deleted, 1);
    EXPECT_EQ(server->emulator().purge("s_c__product__c"), 1);
    EXPECT_EQ(query(q, 200, "queryAll")["totalSize"], 0);
}

TEST_F(EmulatorTest, UpdatedListsChangedIds)
{
    const std::string id = "a02000000000002AAA";
    ASSERT_EQ(send("PATCH", kV + "/sobjects/s_c__product__c/" + id, {{"s_c__price__c", 1.5}})->status, 204);
    server->emulator().advanceClock(120);
    const json updated = getJson(kV + "/sobjects/s_c__product__c/updated?start=" + enc("2026-01-01T00:00:00Z")
                                 + "&end=" + enc("2099-01-01T00:00:00Z"));
    EXPECT_EQ(updated["ids"], json::array({id}));
}

// Every page (served from the store's in-memory JSON, whole or cut into fields) must equal the same
// records read field by field from SQLite's columns, whatever was written. tst_pages.cpp does the
// same with random field lists and writes.
TEST_F(EmulatorTest, FullFieldPagesFollowEveryWriteRollbackAndPurge)
{
    emu::EmulatorOptions o;
    o.minBatchSize = 1;
    startServer(o);
    const std::string all = "Id,Name,CreatedDate,LastModifiedDate,SystemModstamp,IsDeleted,s_c__code__c,s_c__city__c,"
                            "s_c__active__c";
    const std::string reversed = "s_c__active__c,s_c__city__c,s_c__code__c,IsDeleted,SystemModstamp,LastModifiedDate,"
                                 "CreatedDate,Name,Id";
    auto check = [&](const std::string &resource) {
        const json fast = query("SELECT " + all + " FROM s_c__outlet__c ORDER BY Id", 200, resource);
        const json cut = query("SELECT " + reversed + " FROM s_c__outlet__c ORDER BY Id", 200, resource);
        server->emulator().setRenderFromColumns(true);
        const json slow = query("SELECT " + all + " FROM s_c__outlet__c ORDER BY Id", 200, resource);
        const json slowCut = query("SELECT " + reversed + " FROM s_c__outlet__c ORDER BY Id", 200, resource);
        server->emulator().setRenderFromColumns(false);
        EXPECT_EQ(fast, slow);
        EXPECT_EQ(cut, slowCut);
        EXPECT_EQ(fast, cut); // parsed: the same values whatever the order
        return fast;
    };
    const std::string outlet1 = emu::Seeder::outletId(1);
    check("query");
    // create, update, soft delete
    auto created = send("POST", kV + "/sobjects/s_c__outlet__c", {{"Name", "Fresh"}, {"s_c__city__c", "Porto"}});
    ASSERT_EQ(created->status, 201);
    const std::string freshId = json::parse(created->body)["id"];
    ASSERT_EQ(send("PATCH", kV + "/sobjects/s_c__outlet__c/" + outlet1, {{"s_c__city__c", "Braga"}})->status, 204);
    json page = check("query");
    ASSERT_EQ(page["totalSize"], 4);
    EXPECT_EQ(page["records"][0]["s_c__city__c"], "Braga");
    EXPECT_EQ(page["records"][3]["Name"], "Fresh");
    // allOrNone: the good update and the good create are rolled back, memory too
    const json rolled = json::parse(
        send("POST", kV + "/composite/sobjects",
             {{"allOrNone", true},
              {"records", {{{"attributes", {{"type", "s_c__outlet__c"}}}, {"Name", "Ghost"}},
                           {{"attributes", {{"type", "s_c__outlet__c"}}}, {"s_c__city__c", "no name"}}}}})
            ->body);
    EXPECT_EQ(rolled[0]["errors"][0]["statusCode"], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    const json rolledUpdate = json::parse(
        send("PATCH", kV + "/composite/sobjects",
             {{"allOrNone", true},
              {"records", {{{"attributes", {{"type", "s_c__outlet__c"}}}, {"Id", outlet1}, {"s_c__city__c", "Faro"}},
                           {{"attributes", {{"type", "s_c__outlet__c"}}}, {"Id", outlet1}, {"Nope__c", 1}}}}})
            ->body);
    EXPECT_EQ(rolledUpdate[0]["errors"][0]["statusCode"], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    page = check("query");
    EXPECT_EQ(page["totalSize"], 4);
    EXPECT_EQ(page["records"][0]["s_c__city__c"], "Braga");
    // soft delete, then purge: gone from queryAll, and a page of an older cursor skips the row
    const json before = query("SELECT " + all + " FROM s_c__outlet__c ORDER BY Id", 200, "queryAll",
                              {{"Sforce-Query-Options", "batchSize=1"}});
    ASSERT_EQ(client->Delete((kV + "/sobjects/s_c__outlet__c/" + freshId).c_str(), auth())->status, 204);
    page = check("queryAll");
    EXPECT_EQ(page["records"][3]["IsDeleted"], true);
    EXPECT_EQ(server->emulator().purge("s_c__outlet__c"), 1);
    page = check("queryAll");
    EXPECT_EQ(page["totalSize"], 3);
    const std::string next = before["nextRecordsUrl"];
    const json lastPage = getJson(next.substr(0, next.rfind('-') + 1) + "3");
    EXPECT_EQ(lastPage["records"], json::array()); // row 4 was purged
    // a new row after the purge (SQLite may give it the purged row's _rid)
    ASSERT_EQ(send("POST", kV + "/sobjects/s_c__outlet__c", {{"Name", "After purge"}})->status, 201);
    page = check("query");
    EXPECT_EQ(page["records"][3]["Name"], "After purge");
}

} // namespace
