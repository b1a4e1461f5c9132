// SPDX-License-Identifier: MIT
// Writes over loopback: single records, external Ids, collections, composite, the validation rule
// and a batch whose answer is lost after it was applied.
#include "emulatortest.h"


namespace {

using namespace emutest;

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

TEST_F(EmulatorTest, CompositeSubrequestWithAHugeUrlIsAnsweredNotACrash)
{
    // The subrequest URL comes from the body, so no HTTP limit applies to it: 3 MB of path once
    // overflowed the stack in std::regex and killed the process.
    const json body = {{"compositeRequest",
                        {{{"method", "GET"}, {"url", kV + "/" + std::string(3'000'000, 'a')}, {"referenceId", "huge"}},
                         {{"method", "GET"}, {"url", "/services/data/v" + std::string(3'000'000, '6')}, {"referenceId", "v"}}}}};
    auto r = send("POST", kV + "/composite", body);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    const json res = json::parse(r->body)["compositeResponse"];
    ASSERT_EQ(res.size(), 2u);
    EXPECT_EQ(res[0]["httpStatusCode"], 404);
    EXPECT_EQ(res[1]["httpStatusCode"], 404);
    EXPECT_EQ(get(kV + "/limits")->status, 200);
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

} // namespace
