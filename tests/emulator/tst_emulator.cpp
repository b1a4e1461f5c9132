// SPDX-License-Identifier: MIT
// The emulator over loopback: tokens, bearer checks, limits, routes, gzip, fault modes, admin,
// hostile bodies, reference §10, concurrency and --data files.
#include "emulatortest.h"

#include "emulator/emulatorserver.h"
#include "emulator/seeder.h"

#include "soql/ids.h"

#include <atomic>
#include <cstring>
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

TEST(EmulatorPersistence, OldDataFileGainsNewFields)
{
    // A --data file from before s_c__pos_uuid__c existed on Contact: the column and the JSON are added.
    const DataFile data;
    const std::string &file = data.path();
    ASSERT_TRUE(openOrg(file, "small"));
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
    const DataFile data;
    {
        const auto e = openOrg(data.path(), "small");
        ASSERT_TRUE(e);
        e->insertRecords("Contact", json::array({{{"LastName", "Kept"}}}));
    }
    const auto e = openOrg(data.path(), "none");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->counts()["Contact"].live, 201);
    EXPECT_EQ(e->insertRecords("Contact", json::array({{{"LastName", "Next"}}}))[0]["id"], soql::makeId("003", 202));
}

} // namespace
