// SPDX-License-Identifier: MIT
// Real HTTP over loopback to an in-process EmulatorServer (seed "small").
#include "emulatortest.h"

#include "emulator/emulatorserver.h"
#include "emulator/seeder.h"

#include "soql/ids.h"

#include <atomic>
#include <cstring>
#include <filesystem>
#include <thread>
#include <regex>
#include <set>

#include <sqlite3.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

using nlohmann::json;

namespace {

using namespace emutest;

TEST_F(EmulatorTest, TokenRefreshFollowsReference)
{
    auto r = client->Post("/services/oauth2/token",
                          "grant_type=refresh_token&refresh_token=pos-demo-refresh&client_id=pos-demo&client_secret=x",
                          "application/x-www-form-urlencoded");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    const json j = json::parse(r->body);
    EXPECT_EQ(j["token_type"], "Bearer");
    EXPECT_EQ(j["scope"], "api refresh_token");
    EXPECT_TRUE(j["issued_at"].is_string());
    EXPECT_FALSE(j.contains("refresh_token"));
    const std::string id = j["id"];
    EXPECT_NE(id.find("/id/00D000000000001AAA/005000000000001AAA"), std::string::npos);
    EXPECT_EQ(id.rfind(j["instance_url"].get<std::string>(), 0), 0u);

    auto bad = client->Post("/services/oauth2/token", "grant_type=refresh_token&refresh_token=nope&client_id=pos-demo",
                            "application/x-www-form-urlencoded");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(json::parse(bad->body)["error"], "invalid_grant");
    auto badClient = client->Post("/services/oauth2/token",
                                  "grant_type=refresh_token&refresh_token=pos-demo-refresh&client_id=other",
                                  "application/x-www-form-urlencoded");
    EXPECT_EQ(json::parse(badClient->body)["error"], "invalid_client_id");
    auto grant = client->Post("/services/oauth2/token", "grant_type=password", "application/x-www-form-urlencoded");
    EXPECT_EQ(json::parse(grant->body)["error"], "unsupported_grant_type");
}

TEST_F(EmulatorTest, DataCallsNeedBearerToken)
{
    auto r = client->Get((kV + "/limits").c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json;charset=UTF-8");
    EXPECT_EQ(errorCode(json::parse(r->body)), "INVALID_SESSION_ID");
    auto wrong = client->Get((kV + "/limits").c_str(), {{"authorization", "Bearer not-a-token"}});
    EXPECT_EQ(wrong->status, 401);
    auto lower = client->Get((kV + "/limits").c_str(), {{"authorization", "Bearer " + token}});
    EXPECT_EQ(lower->status, 200);
}

TEST_F(EmulatorTest, LimitsAndLimitInfoHeader)
{
    const json l = getJson(kV + "/limits");
    EXPECT_EQ(l["DailyApiRequests"]["Max"], 5000000);
    auto r = get("/services/data/v50.0/limits");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("Sforce-Limit-Info"), "api-usage=2/5000000");
    const json rc = getJson(kV + "/limits/recordCount?sObjects=s_c__product__c,Contact");
    ASSERT_EQ(rc["sObjects"].size(), 2u);
    EXPECT_EQ(rc["sObjects"][0]["count"], 1000);
    EXPECT_EQ(rc["sObjects"][1]["name"], "Contact");
}

TEST_F(EmulatorTest, UnknownRoutesAndWrongMethods)
{
    EXPECT_EQ(errorCode(getJson(kV + "/nothing", 404)), "NOT_FOUND");
    EXPECT_EQ(errorCode(getJson("/services/data/vX/query", 404)), "NOT_FOUND");
    EXPECT_EQ(errorCode(getJson("/elsewhere", 404)), "NOT_FOUND");
    EXPECT_EQ(errorCode(getJson(kV + "/sobjects/NoSuch__c/a02000000000001AAA", 404)), "NOT_FOUND");
    auto r = client->Put((kV + "/query?q=x").c_str(), auth(), "", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 405);
    EXPECT_EQ(errorCode(json::parse(r->body)), "METHOD_NOT_ALLOWED");
    EXPECT_TRUE(getJson("/services/data/").is_array());
    EXPECT_EQ(getJson(kV + "/sobjects")["sobjects"].size(), 5u);
    EXPECT_EQ(getJson(kV + "/sobjects/s_c__product__c/describe")["fields"].size(), 12u);
}

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

TEST_F(EmulatorTest, SingleRecordCrudAndUpsert)
{
    auto created = send("POST", kV + "/sobjects/Contact", {{"FirstName", "Ada"}, {"LastName", "Lovelace"}});
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201);
    const json c = json::parse(created->body);
    EXPECT_EQ(c["success"], true);
    const std::string id = c["id"];
    EXPECT_EQ(id.substr(0, 3), "003");
    json rec = getJson(kV + "/sobjects/Contact/" + id);
    EXPECT_EQ(rec["Name"], "Ada Lovelace");
    EXPECT_EQ(rec["attributes"]["url"], kV + "/sobjects/Contact/" + id);
    EXPECT_EQ(getJson(kV + "/sobjects/Contact/" + id + "?fields=Email,LastName").size(), 3u);

    server->emulator().advanceClock(5);
    auto patched = send("PATCH", kV + "/sobjects/Contact/" + id, {{"LastName", "King"}});
    EXPECT_EQ(patched->status, 204);
    json after = getJson(kV + "/sobjects/Contact/" + id);
    EXPECT_EQ(after["Name"], "Ada King");
    EXPECT_GT(after["SystemModstamp"].get<std::string>(), rec["SystemModstamp"].get<std::string>());
    EXPECT_EQ(after["SystemModstamp"], after["LastModifiedDate"]);
    EXPECT_EQ(after["SystemModstamp"].get<std::string>().substr(19), ".000+0000");

    EXPECT_EQ(errorCode(json::parse(send("POST", kV + "/sobjects/Contact", {{"FirstName", "x"}})->body)),
              "REQUIRED_FIELD_MISSING");
    EXPECT_EQ(errorCode(json::parse(send("POST", kV + "/sobjects/Contact", {{"Bogus", 1}})->body)), "INVALID_FIELD");
    auto junk = client->Post((kV + "/sobjects/Contact").c_str(), auth(), "{\"LastName\":", "application/json");
    EXPECT_EQ(junk->status, 400);
    EXPECT_EQ(errorCode(json::parse(junk->body)), "JSON_PARSER_ERROR");

    auto del = client->Delete((kV + "/sobjects/Contact/" + id).c_str(), auth());
    EXPECT_EQ(del->status, 204);
    EXPECT_EQ(getJson(kV + "/sobjects/Contact/" + id, 404).size(), 1u);
    EXPECT_EQ(errorCode(getJson(kV + "/sobjects/Contact/003000000000ZZZAAA", 404)), "NOT_FOUND");

    auto up1 = send("PATCH", kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/pos-uuid-1", {{"s_c__total__c", 12.5}});
    ASSERT_EQ(up1->status, 201);
    EXPECT_EQ(json::parse(up1->body)["created"], true);
    auto up2 = send("PATCH", kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/pos-uuid-1", {{"s_c__total__c", 13.5}});
    ASSERT_EQ(up2->status, 200);
    EXPECT_EQ(json::parse(up2->body)["created"], false);
    EXPECT_EQ(json::parse(up2->body)["id"], json::parse(up1->body)["id"]);
    EXPECT_EQ(getJson(kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/pos-uuid-1")["s_c__total__c"], 13.5);
}

TEST_F(EmulatorTest, ExternalIdRoutesRetrieveAndRevoke)
{
    // Two live orders share an external Id value: GET and upsert answer 300 with both URLs.
    server->emulator().insertRecords("s_c__order__c", json::array({{{"s_c__pos_uuid__c", "dup"}}, {{"s_c__pos_uuid__c", "dup"}}}));
    const json multi = getJson(kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/dup", 300);
    EXPECT_EQ(multi.size(), 2u);
    EXPECT_EQ(send("PATCH", kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/dup", {{"s_c__total__c", 1}})->status, 300);
    EXPECT_EQ(errorCode(getJson(kV + "/sobjects/s_c__order__c/s_c__status__c/Paid", 404)), "NOT_FOUND"); // not an ext Id
    EXPECT_EQ(send("PATCH", kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/new?updateOnly=true", {{"s_c__total__c", 1}})->status, 404);
    auto del = client->Delete((kV + "/sobjects/s_c__product__c/s_c__sku__c/SKU-0000005").c_str(), auth());
    EXPECT_EQ(del->status, 204);
    EXPECT_EQ(errorCode(getJson(kV + "/sobjects/s_c__product__c/a02000000000005AAA", 404)), "ENTITY_IS_DELETED");
    const json got = getJson(kV + "/composite/sobjects/s_c__product__c?ids=a02000000000006AAA,a02000000000005AAA&fields=Id,s_c__sku__c");
    EXPECT_EQ(got[0]["s_c__sku__c"], "SKU-0000006");
    EXPECT_TRUE(got[1].is_null());
    auto head = client->Head((kV + "/sobjects/s_c__product__c/a02000000000006AAA").c_str(), auth());
    EXPECT_EQ(head->status, 200);
    EXPECT_TRUE(head->body.empty());
    auto revoke = client->Post("/services/oauth2/revoke", "token=" + token, "application/x-www-form-urlencoded");
    EXPECT_EQ(revoke->status, 200);
    EXPECT_EQ(get(kV + "/limits")->status, 401);
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

TEST_F(EmulatorTest, CollectionsCreateUpdateDeleteAndUpsert)
{
    json create = {{"allOrNone", false},
                   {"records", {{{"attributes", {{"type", "Contact"}}}, {"LastName", "A"}},
                                {{"attributes", {{"type", "Contact"}}}, {"FirstName", "NoLast"}}}}};
    auto r = send("POST", kV + "/composite/sobjects", create);
    ASSERT_EQ(r->status, 200);
    json res = json::parse(r->body);
    ASSERT_EQ(res.size(), 2u);
    EXPECT_EQ(res[0]["success"], true);
    EXPECT_EQ(res[1]["success"], false);
    EXPECT_EQ(res[1]["errors"][0]["statusCode"], "REQUIRED_FIELD_MISSING");
    const std::string id = res[0]["id"];

    json update = {{"records", {{{"attributes", {{"type", "Contact"}}}, {"id", id}, {"Phone", "123"}},
                                {{"attributes", {{"type", "Contact"}}}, {"Id", id}, {"Email", "a@b.c"}}}}};
    res = json::parse(send("PATCH", kV + "/composite/sobjects", update)->body);
    EXPECT_EQ(res[0]["success"], true);
    EXPECT_EQ(res[1]["success"], true);
    const json rec = getJson(kV + "/sobjects/Contact/" + id);
    EXPECT_EQ(rec["Phone"], "123");
    EXPECT_EQ(rec["Email"], "a@b.c");

    auto del = client->Delete((kV + "/composite/sobjects?ids=" + id + "%2C003000000000ZZZAAA").c_str(), auth());
    res = json::parse(del->body);
    EXPECT_EQ(res[0]["success"], true);
    EXPECT_EQ(res[1]["success"], false);
    res = json::parse(client->Delete((kV + "/composite/sobjects?allOrNone=false&ids=" + id).c_str(), auth())->body);
    EXPECT_EQ(res[0]["errors"][0]["statusCode"], "ENTITY_IS_DELETED");

    json upsert = {{"allOrNone", false},
                   {"records", {{{"attributes", {{"type", "s_c__product__c"}}}, {"s_c__sku__c", "NEW-1"}, {"Name", "N"}},
                                {{"attributes", {{"type", "s_c__product__c"}}}, {"s_c__sku__c", "SKU-0000003"}, {"Name", "Renamed"}}}}};
    res = json::parse(send("PATCH", kV + "/composite/sobjects/s_c__product__c/s_c__sku__c", upsert)->body);
    EXPECT_EQ(res[0]["created"], true);
    EXPECT_EQ(res[1]["created"], false);
    EXPECT_EQ(getJson(kV + "/sobjects/s_c__product__c/s_c__sku__c/SKU-0000003")["Name"], "Renamed");

    const json retrieved = json::parse(send("POST", kV + "/composite/sobjects/s_c__product__c",
                                            {{"ids", {"a02000000000003AAA", "a02000000000ZZZAAA"}}, {"fields", {"Name"}}})->body);
    EXPECT_EQ(retrieved[0]["Name"], "Renamed");
    EXPECT_TRUE(retrieved[1].is_null());
}

TEST_F(EmulatorTest, CollectionAllOrNoneRollsBack)
{
    const int64_t before = server->emulator().counts()["Contact"].live;
    json create = {{"allOrNone", true},
                   {"records", {{{"attributes", {{"type", "Contact"}}}, {"LastName", "Ok"}},
                                {{"attributes", {{"type", "Contact"}}}, {"Nope__c", 1}}}}};
    const json res = json::parse(send("POST", kV + "/composite/sobjects", create)->body);
    EXPECT_EQ(res[0]["success"], false);
    EXPECT_EQ(res[0]["errors"][0]["statusCode"], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    EXPECT_EQ(res[0]["errors"][0]["message"], "Record rolled back because not all records were valid and the request was using AllOrNone header");
    EXPECT_EQ(res[1]["errors"][0]["statusCode"], "INVALID_FIELD");
    EXPECT_EQ(server->emulator().counts()["Contact"].live, before);
}

TEST_F(EmulatorTest, OversizedCollectionGetsExceededIdLimit)
{
    json records = json::array();
    for (int i = 0; i < 201; ++i)
        records.push_back({{"attributes", {{"type", "Contact"}}}, {"LastName", "L" + std::to_string(i)}});
    auto r = send("POST", kV + "/composite/sobjects", {{"records", records}});
    EXPECT_EQ(r->status, 400);
    const json body = json::parse(r->body);
    EXPECT_EQ(errorCode(body), "EXCEEDED_ID_LIMIT");
    EXPECT_EQ(body[0]["message"], "record limit reached. cannot submit more than 200 records into this call");
}

TEST_F(EmulatorTest, CompositeRunsSubrequestsAsOneApiCall)
{
    const int64_t before = server->emulator().apiCalls();
    json body = {{"allOrNone", false},
                 {"compositeRequest",
                  {{{"method", "POST"}, {"url", kV + "/sobjects/Contact"}, {"referenceId", "newContact"},
                    {"body", {{"LastName", "Composite"}}}},
                   {{"method", "GET"}, {"url", kV + "/sobjects/Contact/@{newContact.id}"}, {"referenceId", "read"}},
                   {{"method", "GET"}, {"url", kV + "/query?q=SELECT+COUNT()+FROM+s_c__product__c"}, {"referenceId", "count"}}}}};
    auto r = send("POST", kV + "/composite", body);
    ASSERT_EQ(r->status, 200);
    const json res = json::parse(r->body)["compositeResponse"];
    ASSERT_EQ(res.size(), 3u);
    EXPECT_EQ(res[0]["httpStatusCode"], 201);
    EXPECT_EQ(res[1]["httpStatusCode"], 200);
    EXPECT_EQ(res[1]["body"]["Name"], "Composite");
    EXPECT_EQ(res[2]["body"]["totalSize"], 1000);
    EXPECT_EQ(res[2]["referenceId"], "count");
    EXPECT_EQ(server->emulator().apiCalls(), before + 1);
}

TEST_F(EmulatorTest, GzipWhenAccepted)
{
    client->set_decompress(false);
    auto r = get(kV + "/query?q=" + enc("SELECT Id, Name FROM s_c__product__c"), {{"Accept-Encoding", "br, gzip, deflate"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json;charset=UTF-8");
    std::string out(8u << 20, '\0');
    z_stream zs{};
    ASSERT_EQ(inflateInit2(&zs, 31), Z_OK);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(r->body.data()));
    zs.avail_in = static_cast<uInt>(r->body.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    ASSERT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
    out.resize(zs.total_out);
    inflateEnd(&zs);
    EXPECT_EQ(json::parse(out)["totalSize"], 1000);
    auto plain = get(kV + "/limits", {{"Accept-Encoding", "identity"}});
    EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
}

TEST_F(EmulatorTest, FailNextModes)
{
    auto &e = server->emulator();
    e.failNext(1, "500");
    EXPECT_EQ(errorCode(getJson(kV + "/limits", 500)), "UNKNOWN_EXCEPTION");
    EXPECT_EQ(getJson(kV + "/limits")["DailyApiRequests"]["Max"], 5000000); // only one failed
    e.failNext(1, "503");
    EXPECT_EQ(get(kV + "/limits")->status, 503);
    e.failNext(1, "html");
    auto html = get(kV + "/limits");
    EXPECT_EQ(html->status, 503);
    EXPECT_EQ(html->get_header_value("Content-Type").rfind("text/html", 0), 0u);
    e.failNext(1, "truncate");
    auto cut = get(kV + "/query?q=" + enc("SELECT Id FROM s_c__outlet__c"));
    EXPECT_EQ(cut->status, 200);
    EXPECT_TRUE(json::parse(cut->body, nullptr, false).is_discarded());
    e.failNext(1, "malformed");
    auto bad = get(kV + "/limits");
    EXPECT_TRUE(json::parse(bad->body, nullptr, false).is_discarded());
    e.failNext(1, "drop", "/query");
    EXPECT_EQ(get(kV + "/limits")->status, 200); // path filter: not a query
    auto dropped = get(kV + "/query?q=" + enc("SELECT Id FROM s_c__product__c"));
    EXPECT_FALSE(dropped);
    e.failNext(1, "401");
    EXPECT_EQ(get(kV + "/limits")->status, 401);
    e.failNext(1, "403");
    EXPECT_EQ(errorCode(getJson(kV + "/limits", 403)), "REQUEST_LIMIT_EXCEEDED");
    EXPECT_EQ(get(kV + "/limits")->status, 200);
}

TEST_F(EmulatorTest, ErrorRatesAreDeterministicAndSetThroughAdmin)
{
    auto r = client->Post("/__admin/faults", R"({"error503Rate":1.0,"latencyMs":1})", "application/json");
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(get(kV + "/limits")->status, 503);
    EXPECT_EQ(json::parse(client->Get("/__admin/faults")->body)["latencyMs"], 1);
    auto runPattern = [&] {
        client->Post("/__admin/faults", R"({"error503Rate":0,"error500Rate":0.5,"seed":42,"latencyMs":0})", "application/json");
        std::string pattern;
        for (int i = 0; i < 20; ++i)
            pattern += get(kV + "/limits")->status == 500 ? 'x' : '.';
        return pattern;
    };
    const std::string a = runPattern(), b = runPattern();
    EXPECT_EQ(a, b);
    EXPECT_NE(a.find('x'), std::string::npos);
    EXPECT_NE(a.find('.'), std::string::npos);
    EXPECT_EQ(client->Post("/__admin/faults", R"({"error500Rate":7})", "application/json")->status, 400);
    client->Post("/__admin/faults/reset", "", "application/json");
    EXPECT_EQ(get(kV + "/limits")->status, 200);
}

TEST_F(EmulatorTest, TokenExpiresAfterRequestsAndTimeThenRefreshWorks)
{
    std::string err;
    ASSERT_TRUE(server->emulator().setFaults(json{{"tokenExpireAfterRequests", 2}}, &err)) << err;
    EXPECT_EQ(get(kV + "/limits")->status, 200);
    EXPECT_EQ(get(kV + "/limits")->status, 200);
    EXPECT_EQ(errorCode(getJson(kV + "/limits", 401)), "INVALID_SESSION_ID");
    token = refresh();
    EXPECT_EQ(get(kV + "/limits")->status, 200);
    server->emulator().resetFaults();
    server->emulator().advanceClock(7201);
    EXPECT_EQ(get(kV + "/limits")->status, 401);
    token = refresh();
    EXPECT_EQ(get(kV + "/limits")->status, 200);
    client->Post("/__admin/tokens/expire", "", "application/json");
    EXPECT_EQ(get(kV + "/limits")->status, 401);
}

TEST_F(EmulatorTest, DailyLimitGivesRequestLimitExceeded)
{
    emu::EmulatorOptions o;
    o.dailyApiLimit = 3;
    startServer(o);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(get(kV + "/limits")->status, 200);
    auto r = get(kV + "/limits");
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(errorCode(json::parse(r->body)), "REQUEST_LIMIT_EXCEEDED");
    EXPECT_EQ(r->get_header_value("Sforce-Limit-Info"), "api-usage=3/3");
    client->Post("/__admin/limits", R"({"apiCalls":0})", "application/json");
    EXPECT_EQ(get(kV + "/limits")->status, 200);
    client->Post("/__admin/limits/exhaust", "", "application/json");
    EXPECT_EQ(get(kV + "/limits")->status, 403);
}

TEST_F(EmulatorTest, AdminBulkWritesAndStats)
{
    auto ins = client->Post("/__admin/records/s_c__outlet__c",
                            R"([{"Name":"Outlet X","s_c__code__c":"O-X"},{"Name":"Outlet Y"}])", "application/json");
    ASSERT_EQ(ins->status, 200);
    const json res = json::parse(ins->body);
    ASSERT_EQ(res.size(), 2u);
    EXPECT_EQ(res[0]["id"], emu::Seeder::outletId(4));
    auto upd = client->Patch("/__admin/records/s_c__outlet__c",
                             json::array({{{"Id", res[1]["id"]}, {"s_c__city__c", "Faro"}}}).dump(), "application/json");
    EXPECT_EQ(json::parse(upd->body)[0]["success"], true);
    auto del = client->Delete("/__admin/records/s_c__outlet__c", json{{"ids", {res[0]["id"]}}}.dump(), "application/json");
    EXPECT_EQ(json::parse(del->body)[0]["success"], true);
    const json stats = json::parse(client->Get("/__admin/stats")->body);
    EXPECT_EQ(stats["objects"]["s_c__outlet__c"]["live"], 4);
    EXPECT_EQ(stats["objects"]["s_c__outlet__c"]["deleted"], 1);
    EXPECT_TRUE(stats.contains("apiCalls"));
    EXPECT_EQ(json::parse(client->Post("/__admin/purge", "{}", "application/json")->body)["purged"], 1);

    emu::Request remote = emu::Request::fromTarget("GET", "/__admin/stats");
    remote.remoteAddr = "10.0.0.7";
    EXPECT_EQ(server->emulator().handle(remote).status, 403);
}

TEST_F(EmulatorTest, MalformedBodiesNeverCrash)
{
    const std::vector<std::string> bodies = {"", "{", "[", "null", "42", "\"x\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                                             std::string(200000, '['), "{\"records\":{}}", "{\"records\":[1,2,null]}",
                                             "{\"compositeRequest\":[{\"method\":\"GET\",\"url\":\"@{a.b}\"}]}",
                                             "{\"LastName\":\"\\ud800\"}", std::string("{\"LastName\":\"\xff\xfe\"}")};
    const std::vector<std::pair<std::string, std::string>> targets = {
        {"POST", kV + "/sobjects/Contact"}, {"PATCH", kV + "/sobjects/Contact/003000000000001AAA"},
        {"POST", kV + "/composite/sobjects"}, {"PATCH", kV + "/composite/sobjects"},
        {"PATCH", kV + "/composite/sobjects/s_c__product__c/s_c__sku__c"}, {"POST", kV + "/composite"},
        {"POST", "/services/oauth2/token"}, {"POST", "/__admin/faults"}, {"POST", "/__admin/records/Contact"}};
    for (const auto &[method, path] : targets) {
        for (const auto &b : bodies) {
            emu::Request req = emu::Request::fromTarget(method, path);
            req.headers.emplace("Authorization", "Bearer " + token);
            req.body = b;
            const emu::Response r = server->emulator().handle(req);
            EXPECT_LT(r.status, 500) << method << " " << path << " " << b.substr(0, 40) << " -> " << r.body;
        }
    }
    EXPECT_EQ(get(kV + "/limits")->status, 200);
}

TEST_F(EmulatorTest, ConformanceWithReferenceSection10)
{
    // §10 adapted to the seeded objects: Product__c -> s_c__order__c scoped by s_c__outlet__c.
    const std::string outlet = emu::Seeder::outletId(1);
    const std::string scope = "s_c__outlet__c='" + outlet + "'";
    EXPECT_EQ(query("SELECT COUNT() FROM s_c__order__c WHERE " + scope), json::parse(R"({"totalSize":667,"done":true,"records":[]})"));
    EXPECT_EQ(query("SELECT COUNT() FROM s_c__order__c"), json::parse(R"({"totalSize":2000,"done":true,"records":[]})"));
    const json first = query("SELECT Id,Name,IsDeleted,SystemModstamp FROM s_c__order__c WHERE " + scope
                                 + " AND SystemModstamp>2024-05-01T00:00:00Z ORDER BY SystemModstamp,Id",
                             200, "queryAll", {{"Sforce-Query-Options", "batchSize=500"}});
    EXPECT_EQ(first["totalSize"], 667);
    EXPECT_EQ(first["done"], false);
    const std::string next = first["nextRecordsUrl"];
    EXPECT_TRUE(std::regex_match(next, std::regex("/services/data/v62\\.0/query/01g[0-9A-Za-z]{15}-500")));
    const json r0 = first["records"][0];
    EXPECT_EQ(r0["attributes"]["type"], "s_c__order__c");
    EXPECT_EQ(r0["attributes"]["url"], kV + "/sobjects/s_c__order__c/" + r0["Id"].get<std::string>());
    EXPECT_EQ(r0["IsDeleted"], false);
    EXPECT_TRUE(std::regex_match(r0["SystemModstamp"].get<std::string>(),
                                 std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000")));
    const json last = getJson(next);
    EXPECT_EQ(last["done"], true);
    EXPECT_EQ(last["records"].size(), 167u);
    EXPECT_FALSE(last.contains("nextRecordsUrl"));

    auto push = send("POST", kV + "/composite/sobjects",
                     {{"allOrNone", false},
                      {"records", {{{"attributes", {{"type", "s_c__order__c"}}}, {"s_c__pos_uuid__c", "pos-uuid-1"}, {"s_c__total__c", 12.5}}}}});
    const json pushed = json::parse(push->body);
    EXPECT_EQ(pushed[0]["success"], true);
    EXPECT_EQ(pushed[0]["errors"], json::array());
    const std::string deletedId = r0["Id"];
    ASSERT_EQ(client->Delete((kV + "/sobjects/s_c__order__c/" + deletedId).c_str(), auth())->status, 204);
    const json patch = json::parse(send("PATCH", kV + "/composite/sobjects",
                                        {{"allOrNone", false},
                                         {"records", {{{"attributes", {{"type", "s_c__order__c"}}}, {"Id", pushed[0]["id"]}, {"s_c__total__c", 7}},
                                                      {{"attributes", {{"type", "s_c__order__c"}}}, {"Id", deletedId}, {"s_c__total__c", 1}}}}})->body);
    EXPECT_EQ(patch[0], json::parse("{\"id\":" + pushed[0]["id"].dump() + ",\"success\":true,\"errors\":[]}"));
    EXPECT_EQ(patch[1], json::parse(R"({"success":false,"errors":[{"statusCode":"ENTITY_IS_DELETED","message":"entity is deleted","fields":[]}]})"));
    server->emulator().expireAllCursors();
    EXPECT_EQ(getJson(next, 400), json::parse(R"([{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}])"));
}

TEST_F(EmulatorTest, ConcurrentClientsAreServedConsistently)
{
    // More parallel keep-alive connections than a browser or Qt opens per host (6).
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client c(server->url());
            c.set_url_encode(false);
            for (int i = 0; i < 10; ++i) {
                auto r = c.Get((kV + "/query?q=" + enc("SELECT COUNT() FROM Contact")).c_str(), auth());
                if (r && r->status == 200 && json::parse(r->body)["totalSize"] == 200)
                    ++ok;
                if (t % 2 == 0)
                    c.Post((kV + "/sobjects/s_c__outlet__c").c_str(), auth(), R"({"Name":"Parallel"})", "application/json");
            }
        });
    }
    for (auto &th : threads)
        th.join();
    EXPECT_EQ(ok.load(), 80);
    EXPECT_EQ(server->emulator().counts()["s_c__outlet__c"].live, 3 + 40);
}

// Every full-field page (served from the store's in-memory JSON) must equal the same records read
// field by field from SQLite (a field list in another order takes that path), whatever was written.
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
        const json slow = query("SELECT " + reversed + " FROM s_c__outlet__c ORDER BY Id", 200, resource);
        EXPECT_EQ(fast, slow);
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

TEST_F(EmulatorTest, PosUuidIsAnExternalIdOnContactAndShift)
{
    for (const std::string object : {"Contact", "s_c__shift__c"}) {
        SCOPED_TRACE(object);
        bool external = false;
        const json describe = getJson(kV + "/sobjects/" + object + "/describe");
        for (const auto &f : describe["fields"]) {
            if (f["name"] == "s_c__pos_uuid__c")
                external = f["externalId"] == true && f["type"] == "string" && f["createable"] == true;
        }
        EXPECT_TRUE(external);
        // seeded records leave it null
        EXPECT_EQ(query("SELECT COUNT() FROM " + object + " WHERE s_c__pos_uuid__c != null")["totalSize"], 0);
        const json seeded = query("SELECT Id, s_c__pos_uuid__c FROM " + object + " ORDER BY Id LIMIT 1");
        EXPECT_TRUE(seeded["records"][0]["s_c__pos_uuid__c"].is_null());
        // upsert by it: create, then update the same record
        const json rec = object == "Contact" ? json{{"LastName", "Upload"}} : json{{"s_c__status__c", "Open"}};
        json withType = rec;
        withType["attributes"] = {{"type", object}};
        withType["s_c__pos_uuid__c"] = "uuid-" + object;
        const json first = json::parse(
            send("PATCH", kV + "/composite/sobjects/" + object + "/s_c__pos_uuid__c", {{"allOrNone", false}, {"records", {withType}}})
                ->body);
        ASSERT_EQ(first[0]["success"], true) << first.dump();
        EXPECT_EQ(first[0]["created"], true);
        const json second = json::parse(
            send("PATCH", kV + "/composite/sobjects/" + object + "/s_c__pos_uuid__c", {{"allOrNone", false}, {"records", {withType}}})
                ->body);
        EXPECT_EQ(second[0]["created"], false);
        EXPECT_EQ(second[0]["id"], first[0]["id"]);
        auto single = send("PATCH", kV + "/sobjects/" + object + "/s_c__pos_uuid__c/uuid-" + object, rec);
        ASSERT_EQ(single->status, 200) << single->body;
        EXPECT_EQ(json::parse(single->body)["id"], first[0]["id"]);
        const json found = query("SELECT Id FROM " + object + " WHERE s_c__pos_uuid__c = 'uuid-" + object + "'");
        EXPECT_EQ(found["totalSize"], 1);
    }
}

TEST_F(EmulatorTest, ValidationRuleRefusesNegativeOrderTotal)
{
    const json expectedError = json::parse(
        R"([{"message":"Order total cannot be negative","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":["s_c__total__c"]}])");
    const json expectedResult = json::parse(
        R"({"id":null,"success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Order total cannot be negative","fields":["s_c__total__c"]}]})");
    const int64_t orders = server->emulator().counts()["s_c__order__c"].live;
    // single-record create, update, upsert (create and update branches)
    auto create = send("POST", kV + "/sobjects/s_c__order__c", {{"s_c__total__c", -0.01}});
    ASSERT_EQ(create->status, 400);
    EXPECT_EQ(json::parse(create->body), expectedError);
    const json some = query("SELECT Id, s_c__total__c FROM s_c__order__c ORDER BY Id LIMIT 1")["records"][0];
    const std::string orderId = some["Id"];
    auto update = send("PATCH", kV + "/sobjects/s_c__order__c/" + orderId, {{"s_c__total__c", -5}});
    ASSERT_EQ(update->status, 400);
    EXPECT_EQ(json::parse(update->body), expectedError);
    auto upsertNew = send("PATCH", kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/neg-1", {{"s_c__total__c", -2}});
    ASSERT_EQ(upsertNew->status, 400);
    EXPECT_EQ(json::parse(upsertNew->body), expectedError);
    ASSERT_EQ(send("PATCH", kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/pos-1", {{"s_c__total__c", 3}})->status, 201);
    auto upsertOld = send("PATCH", kV + "/sobjects/s_c__order__c/s_c__pos_uuid__c/pos-1", {{"s_c__total__c", -3}});
    ASSERT_EQ(upsertOld->status, 400);
    EXPECT_EQ(json::parse(upsertOld->body), expectedError);
    EXPECT_EQ(query("SELECT s_c__total__c FROM s_c__order__c WHERE s_c__pos_uuid__c = 'pos-1'")["records"][0]["s_c__total__c"], 3.0);
    EXPECT_EQ(query("SELECT s_c__total__c FROM s_c__order__c WHERE Id = '" + orderId + "'")["records"][0]["s_c__total__c"],
              some["s_c__total__c"]);
    // zero and null pass
    EXPECT_EQ(send("POST", kV + "/sobjects/s_c__order__c", {{"s_c__total__c", 0}})->status, 201);
    EXPECT_EQ(send("POST", kV + "/sobjects/s_c__order__c", {{"s_c__total__c", nullptr}})->status, 201);
    EXPECT_EQ(server->emulator().counts()["s_c__order__c"].live, orders + 3);

    auto order = [](const std::string &uuid, double total) {
        return json{{"attributes", {{"type", "s_c__order__c"}}}, {"s_c__pos_uuid__c", uuid}, {"s_c__total__c", total}};
    };
    // collections, allOrNone false: per record
    json created = json::parse(send("POST", kV + "/composite/sobjects",
                                    {{"allOrNone", false}, {"records", {order("c-1", 1), order("c-2", -1)}}})
                                   ->body);
    EXPECT_EQ(created[0]["success"], true);
    EXPECT_EQ(created[1], expectedResult);
    json updated = json::parse(
        send("PATCH", kV + "/composite/sobjects",
             {{"allOrNone", false},
              {"records", {{{"attributes", {{"type", "s_c__order__c"}}}, {"Id", created[0]["id"]}, {"s_c__total__c", -9}}}}})
            ->body);
    EXPECT_EQ(updated[0], expectedResult);
    json upserted = json::parse(send("PATCH", kV + "/composite/sobjects/s_c__order__c/s_c__pos_uuid__c",
                                     {{"allOrNone", false}, {"records", {order("c-1", -4), order("c-3", -4), order("c-4", 4)}}})
                                    ->body);
    EXPECT_EQ(upserted[0], expectedResult);
    EXPECT_EQ(upserted[1], expectedResult);
    EXPECT_EQ(upserted[2]["success"], true);
    EXPECT_EQ(query("SELECT COUNT() FROM s_c__order__c WHERE s_c__pos_uuid__c IN ('c-1','c-4')")["totalSize"], 2);
    EXPECT_EQ(query("SELECT COUNT() FROM s_c__order__c WHERE s_c__pos_uuid__c IN ('c-2','c-3')")["totalSize"], 0);
    EXPECT_EQ(query("SELECT s_c__total__c FROM s_c__order__c WHERE s_c__pos_uuid__c = 'c-1'")["records"][0]["s_c__total__c"], 1.0);
    // allOrNone true: the whole batch is rolled back
    const int64_t before = server->emulator().counts()["s_c__order__c"].live;
    json all = json::parse(send("PATCH", kV + "/composite/sobjects/s_c__order__c/s_c__pos_uuid__c",
                                {{"allOrNone", true}, {"records", {order("c-1", 10), order("c-5", 5), order("c-6", -6)}}})
                               ->body);
    EXPECT_EQ(all[0]["errors"][0]["statusCode"], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    EXPECT_EQ(all[1]["errors"][0]["statusCode"], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    EXPECT_EQ(all[2], expectedResult);
    EXPECT_EQ(server->emulator().counts()["s_c__order__c"].live, before);
    const json c1 = query("SELECT Id,Name,CreatedDate,LastModifiedDate,SystemModstamp,IsDeleted,s_c__outlet__c,"
                          "s_c__contact__c,s_c__total__c,s_c__status__c,s_c__order_date__c,s_c__item_count__c,"
                          "s_c__pos_uuid__c FROM s_c__order__c WHERE s_c__pos_uuid__c = 'c-1'");
    EXPECT_EQ(c1["records"][0]["s_c__total__c"], 1.0); // the full-field page too
}

TEST_F(EmulatorTest, DropModeAppliesTheBatchThenLosesTheAnswer)
{
    auto &e = server->emulator();
    const int64_t before = e.counts()["s_c__order__c"].live;
    const std::string body = json{{"allOrNone", true},
                                  {"records", {{{"attributes", {{"type", "s_c__order__c"}}}, {"s_c__pos_uuid__c", "drop-1"}, {"s_c__total__c", 1}},
                                               {{"attributes", {{"type", "s_c__order__c"}}}, {"s_c__pos_uuid__c", "drop-2"}, {"s_c__total__c", 2}}}}}
                                 .dump();
    e.failNext(1, "drop", "/composite/sobjects");
    // httplib's client sees a lost answer ...
    auto lost = client->Post((kV + "/composite/sobjects").c_str(), auth(), body, "application/json");
    EXPECT_FALSE(lost);
    // ... after the server applied the batch
    EXPECT_EQ(e.counts()["s_c__order__c"].live, before + 2);
    EXPECT_EQ(query("SELECT COUNT() FROM s_c__order__c WHERE s_c__pos_uuid__c IN ('drop-1','drop-2')")["totalSize"], 2);

    // On the wire: status and the full Content-Length, then part of the body, then the socket closes.
    e.failNext(1, "drop", "/composite/sobjects");
    const std::string again = json{{"allOrNone", false},
                                   {"records", {{{"attributes", {{"type", "s_c__order__c"}}}, {"s_c__pos_uuid__c", "drop-3"}, {"s_c__total__c", 3}}}}}
                                  .dump();
    const RawAnswer raw = rawRequest(server->port(),
                                     "POST " + kV + "/composite/sobjects HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                                         + "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(again.size())
                                         + "\r\n\r\n" + again);
    EXPECT_EQ(raw.head.rfind("HTTP/1.1 200", 0), 0u) << raw.head;
    ASSERT_GT(raw.contentLength, 0);
    EXPECT_GT(raw.body.size(), 0u);
    EXPECT_LT(static_cast<long>(raw.body.size()), raw.contentLength);
    EXPECT_EQ(raw.body.rfind("[{", 0), 0u); // the start of the results array
    EXPECT_EQ(e.counts()["s_c__order__c"].live, before + 3);
    EXPECT_EQ(get(kV + "/limits")->status, 200); // only one dropped
}

TEST(EmulatorPersistence, OldDataFileGainsNewFields)
{
    // A --data file from before s_c__pos_uuid__c existed on Contact: the column and the JSON are added.
    const auto dir = std::filesystem::temp_directory_path() / ("emu-test-old-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "org.db").string();
    {
        emu::EmulatorOptions o;
        o.seed = "small";
        o.dataFile = file;
        emu::Emulator e(o);
        std::string error;
        ASSERT_TRUE(e.init(&error)) << error;
    }
    {
        sqlite3 *db = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
        EXPECT_EQ(sqlite3_exec(db,
                               "DROP INDEX \"Contact_s_c__pos_uuid__c\";"
                               "ALTER TABLE \"Contact\" DROP COLUMN \"s_c__pos_uuid__c\";"
                               "UPDATE \"Contact\" SET _json = replace(_json, ',\"s_c__pos_uuid__c\":null', '');",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    emu::EmulatorOptions o;
    o.seed = "none";
    o.dataFile = file;
    o.port = 0;
    emu::EmulatorServer server(o);
    std::string error;
    ASSERT_TRUE(server.start(&error)) << error;
    httplib::Client c(server.url());
    c.set_url_encode(false);
    const std::string token = server.emulator().issueAccessToken();
    const httplib::Headers h = {{"Authorization", "Bearer " + token}};
    auto r = c.Get((kV + "/query?q=" + enc("SELECT Id,Name,CreatedDate,LastModifiedDate,SystemModstamp,IsDeleted,FirstName,"
                                           "LastName,Email,Phone,s_c__pos_uuid__c FROM Contact"))
                       .c_str(),
                   h);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const json page = json::parse(r->body);
    EXPECT_EQ(page["totalSize"], 200);
    for (const auto &rec : page["records"]) {
        ASSERT_TRUE(rec.contains("s_c__pos_uuid__c"));
        EXPECT_TRUE(rec["s_c__pos_uuid__c"].is_null());
    }
    auto up = c.Patch((kV + "/sobjects/Contact/s_c__pos_uuid__c/old-1").c_str(), h, R"({"LastName":"Old"})", "application/json");
    ASSERT_TRUE(up);
    EXPECT_EQ(up->status, 201);
    server.stop();
    std::filesystem::remove_all(dir);
}

TEST(EmulatorServers, TwentyInMemoryServersRunSideBySide)
{
    std::vector<std::unique_ptr<emu::EmulatorServer>> servers;
    std::set<uint16_t> ports;
    for (int i = 0; i < 20; ++i) {
        emu::EmulatorOptions o;
        o.seed = "none";
        servers.push_back(std::make_unique<emu::EmulatorServer>(o));
        std::string error;
        ASSERT_TRUE(servers.back()->start(&error)) << error;
        ports.insert(servers.back()->port());
        httplib::Client c(servers.back()->url());
        auto r = c.Get("/services/data/");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
    }
    EXPECT_EQ(ports.size(), 20u);
}

TEST(EmulatorPersistence, DataFileKeepsTheOrg)
{
    const auto dir = std::filesystem::temp_directory_path() / ("emu-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "org.db").string();
    {
        emu::EmulatorOptions o;
        o.seed = "small";
        o.dataFile = file;
        emu::Emulator e(o);
        std::string error;
        ASSERT_TRUE(e.init(&error)) << error;
        e.insertRecords("Contact", json::array({{{"LastName", "Kept"}}}));
    }
    emu::EmulatorOptions o;
    o.seed = "none";
    o.dataFile = file;
    emu::Emulator e(o);
    std::string error;
    ASSERT_TRUE(e.init(&error)) << error;
    EXPECT_EQ(e.counts()["Contact"].live, 201);
    EXPECT_EQ(e.insertRecords("Contact", json::array({{{"LastName", "Next"}}}))[0]["id"], soql::makeId("003", 202));
    std::filesystem::remove_all(dir);
}

} // namespace
