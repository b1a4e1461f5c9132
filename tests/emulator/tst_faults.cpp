// SPDX-License-Identifier: MIT
// Fault modes the engine's tests rely on: stuck query chains, locators that always fail, redirects,
// a foreign instance_url in the token answer, REQUEST_LIMIT_EXCEEDED on one path, INVALID_FIELD.
#include "emulatortest.h"

#include <array>

namespace {

using namespace emutest;

std::string lastSegment(const std::string &url)
{
    return url.substr(url.rfind('/') + 1);
}

TEST_F(EmulatorTest, StuckQueryChainLeadsBackToTheSamePageForever)
{
    std::string error;
    ASSERT_TRUE(server->emulator().setFaults(json{{"stuckQueries", "S_C__PRODUCT__C"}}, &error)) << error;
    const json first = query("SELECT Id FROM s_c__product__c ORDER BY Id", 200, "queryAll",
                             {{"Sforce-Query-Options", "batchSize=200"}});
    EXPECT_EQ(first["done"], false);
    EXPECT_EQ(first["totalSize"], 1000);
    ASSERT_EQ(first["records"].size(), 200u);
    const std::string next = first["nextRecordsUrl"];
    EXPECT_EQ(next.substr(next.size() - 2), "-0");
    for (int i = 0; i < 5; ++i) {
        const json again = getJson(next);
        EXPECT_EQ(again["done"], false);
        EXPECT_EQ(again["nextRecordsUrl"], next);
        EXPECT_EQ(idsOf(again), idsOf(first));
    }
    // A result that fits in one page never says done either.
    const json small = query("SELECT Id FROM s_c__product__c WHERE s_c__sku__c = 'SKU-0000001'");
    EXPECT_EQ(small["done"], false);
    EXPECT_EQ(small["records"].size(), 1u);
    EXPECT_EQ(getJson(small["nextRecordsUrl"].get<std::string>())["records"], small["records"]);
    // Other queries advance as usual, and COUNT() has no pages to loop.
    const json outlets = query("SELECT Id FROM s_c__outlet__c");
    EXPECT_EQ(outlets["done"], true);
    EXPECT_EQ(query("SELECT COUNT() FROM s_c__product__c"), json::parse(R"({"totalSize":1000,"done":true,"records":[]})"));
    // Switching the fault off leaves the stuck cursor stuck but lets new queries finish.
    server->emulator().resetFaults();
    EXPECT_EQ(getJson(next)["nextRecordsUrl"], next);
    EXPECT_EQ(query("SELECT Id FROM s_c__product__c WHERE s_c__sku__c = 'SKU-0000001'")["done"], true);
}

TEST_F(EmulatorTest, FailLocatorsMakesEveryQueryMoreInvalid)
{
    const json first = query("SELECT Id FROM s_c__product__c", 200, "query", {{"Sforce-Query-Options", "batchSize=200"}});
    const std::string next = first["nextRecordsUrl"];
    std::string error;
    ASSERT_TRUE(server->emulator().setFaults(json{{"failLocators", true}}, &error)) << error;
    const json expected = json::parse(R"([{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}])");
    EXPECT_EQ(getJson(next, 400), expected);
    EXPECT_EQ(getJson(next, 400), expected);
    EXPECT_EQ(getJson("/services/data/v50.0/queryAll/" + lastSegment(next), 400), expected);
    // First pages still come (the engine restarts with a keyset query), their locators fail.
    const json fresh = query("SELECT Id FROM s_c__product__c", 200, "query", {{"Sforce-Query-Options", "batchSize=200"}});
    EXPECT_EQ(fresh["records"].size(), 200u);
    EXPECT_EQ(getJson(fresh["nextRecordsUrl"].get<std::string>(), 400), expected);
    // Through the admin endpoint too, and off again: the cursor was never dropped.
    ASSERT_EQ(client->Post("/__admin/faults", R"({"failLocators":false})", "application/json")->status, 200);
    EXPECT_EQ(getJson(next)["records"].size(), 200u);
}

TEST_F(EmulatorTest, RedirectModeAnswersWithLocationForTokenQueryAndComposite)
{
    auto &e = server->emulator();
    const std::string tokenForm = "grant_type=refresh_token&refresh_token=pos-demo-refresh&client_id=pos-demo";
    const json composite = {{"compositeRequest",
                             {{{"method", "POST"}, {"url", kV + "/sobjects/Contact"}, {"referenceId", "c"},
                               {"body", {{"LastName", "Redirected"}}}}}}};
    const int64_t contacts = e.counts()["Contact"].live;
    for (const int status : {301, 302, 303, 307, 308}) {
        SCOPED_TRACE(status);
        std::string error;
        ASSERT_TRUE(e.setFaults(json{{"redirectStatus", status}, {"redirectTo", "https://elsewhere.example/next"}}, &error))
            << error;
        e.failNext(3, "redirect");
        auto tok = client->Post("/services/oauth2/token", tokenForm, "application/x-www-form-urlencoded");
        ASSERT_TRUE(tok);
        EXPECT_EQ(tok->status, status);
        EXPECT_EQ(tok->get_header_value("Location"), "https://elsewhere.example/next");
        auto page = get(kV + "/query?q=" + enc("SELECT Id FROM s_c__outlet__c"));
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, status);
        EXPECT_EQ(page->get_header_value("Location"), "https://elsewhere.example/next");
        auto comp = send("POST", kV + "/composite", composite);
        ASSERT_TRUE(comp);
        EXPECT_EQ(comp->status, status);
        EXPECT_EQ(comp->get_header_value("Location"), "https://elsewhere.example/next");
        EXPECT_EQ(e.counts()["Contact"].live, contacts); // a redirected write is not carried out
    }
    // Without redirectTo the Location is the request's own URL: a loop.
    std::string error;
    ASSERT_TRUE(e.setFaults(json{{"redirectTo", ""}, {"redirectStatus", 307}}, &error)) << error;
    e.failNext(1, "redirect", "/query");
    const std::string target = kV + "/query?q=" + enc("SELECT Id FROM s_c__outlet__c");
    auto loop = get(target);
    ASSERT_TRUE(loop);
    EXPECT_EQ(loop->status, 307);
    EXPECT_EQ(loop->get_header_value("Location"), server->url() + target);
    EXPECT_EQ(get(target)->status, 200); // only one
    // Bad settings are refused in words and change nothing.
    EXPECT_FALSE(e.setFaults(json{{"redirectStatus", 304}}, &error));
    EXPECT_NE(error.find("redirectStatus"), std::string::npos);
    auto injected = client->Post("/__admin/faults", R"({"redirectTo":"http://a/\r\nSet-Cookie: x=1"})", "application/json");
    EXPECT_EQ(injected->status, 400);
    EXPECT_EQ(e.faults().redirectStatus, 307);
}

TEST_F(EmulatorTest, TokenInstanceUrlCanBeAnyString)
{
    auto tokenAnswer = [&] {
        auto r = client->Post("/services/oauth2/token",
                              "grant_type=refresh_token&refresh_token=pos-demo-refresh&client_id=pos-demo",
                              "application/x-www-form-urlencoded");
        EXPECT_TRUE(r && r->status == 200);
        return r ? json::parse(r->body) : json();
    };
    for (const std::string url : {"ftp://files.example.com", "https://evil.example.com", "not a url"}) {
        std::string error;
        ASSERT_TRUE(server->emulator().setFaults(json{{"tokenInstanceUrl", url}}, &error)) << error;
        const json t = tokenAnswer();
        EXPECT_EQ(t["instance_url"], url);
        EXPECT_TRUE(t["access_token"].is_string());
    }
    server->emulator().resetFaults();
    EXPECT_EQ(tokenAnswer()["instance_url"], server->url());
}

TEST_F(EmulatorTest, RequestLimitExceededOnOnePathOrOnEveryDataCall)
{
    auto &e = server->emulator();
    const json records = {{"records", {{{"attributes", {{"type", "Contact"}}}, {"LastName", "Limited"}}}}};
    e.failNext(2, "403", "/composite/sobjects");
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(query("SELECT COUNT() FROM Contact")["totalSize"], 200); // other paths answer
        auto r = send("POST", kV + "/composite/sobjects", records);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 403);
        EXPECT_EQ(errorCode(json::parse(r->body)), "REQUEST_LIMIT_EXCEEDED");
    }
    EXPECT_EQ(send("POST", kV + "/composite/sobjects", records)->status, 200);
    EXPECT_EQ(e.counts()["Contact"].live, 201);
    // The daily limit: every data call, but not the token call (it is no API call).
    e.exhaustRequestLimit();
    EXPECT_EQ(errorCode(query("SELECT COUNT() FROM Contact", 403)), "REQUEST_LIMIT_EXCEEDED");
    EXPECT_EQ(send("POST", kV + "/composite/sobjects", records)->status, 403);
    EXPECT_FALSE(refresh().empty());
}

TEST_F(EmulatorTest, UnknownFieldGivesInvalidFieldWherever)
{
    const std::array<std::string, 4> queries = {
        "SELECT Id, Nope__c FROM s_c__product__c", "SELECT Id FROM s_c__product__c WHERE Nope__c = 'x'",
        "SELECT Id FROM s_c__product__c ORDER BY Nope__c", "SELECT COUNT() FROM s_c__product__c WHERE Nope__c != null"};
    for (const auto &q : queries) {
        for (const std::string resource : {"query", "queryAll"}) {
            const json e = query(q, 400, resource);
            ASSERT_EQ(e.size(), 1u) << q;
            EXPECT_EQ(e[0]["errorCode"], "INVALID_FIELD") << q;
            EXPECT_NE(e[0]["message"].get<std::string>().find("No such column 'Nope__c' on entity 's_c__product__c'"),
                      std::string::npos)
                << e.dump();
        }
    }
    // Single-record reads and writes too.
    EXPECT_EQ(errorCode(getJson(kV + "/sobjects/s_c__product__c/a02000000000001AAA?fields=Id,Nope__c", 400)), "INVALID_FIELD");
    EXPECT_EQ(errorCode(json::parse(send("PATCH", kV + "/sobjects/s_c__product__c/a02000000000001AAA", {{"Nope__c", 1}})->body)),
              "INVALID_FIELD");
}

} // namespace
