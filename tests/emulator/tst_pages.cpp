// SPDX-License-Identifier: MIT
// Exactness of the fast rendering path: records cut out of the in-memory ready JSON must be the same
// bytes as records read field by field from SQLite's columns, for any field list, in any order,
// whatever was written before (awkward strings and numbers, updates, deletes, rolled-back batches,
// purges). Randomised with a fixed seed; a failure names the round and the request.
#include "emulatortest.h"

#include "emulator/seeder.h"

#include <random>
#include <regex>

namespace {

using namespace emutest;

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

class PageExactness : public EmulatorTest
{
protected:
    void SetUp() override
    {
        emu::EmulatorOptions o;
        o.minBatchSize = 1; // small pages: cursors and later pages get compared too
        startServer(o);
        token = server->emulator().issueAccessToken();
    }

    emu::Response call(const std::string &method, const std::string &target, const std::string &body = {},
                       const std::string &batch = {})
    {
        emu::Request req = emu::Request::fromTarget(method, target);
        req.headers.emplace("Authorization", "Bearer " + token);
        if (!batch.empty())
            req.headers.emplace("Sforce-Query-Options", "batchSize=" + batch);
        req.body = body;
        return server->emulator().handle(req);
    }

    // The same request rendered both ways; locators differ by cursor, so they are masked.
    void expectSameBothWays(const std::string &target, const std::string &batch, const std::string &what)
    {
        static const std::regex locator("/query/01g[0-9A-Za-z]{15}-");
        auto &e = server->emulator();
        std::vector<std::string> fast, slow;
        for (const bool columns : {false, true}) {
            e.setRenderFromColumns(columns);
            std::vector<std::string> &pages = columns ? slow : fast;
            std::string next = target;
            for (int page = 0; page < 3 && !next.empty(); ++page) {
                const emu::Response r = call("GET", next, {}, batch);
                ASSERT_EQ(r.status, 200) << what << "\n" << next << "\n" << r.body;
                pages.push_back(std::regex_replace(r.body, locator, "/query/LOCATOR-"));
                const json j = json::parse(r.body, nullptr, false);
                ASSERT_FALSE(j.is_discarded()) << what << " " << r.body.substr(0, 300);
                next = j.is_object() && j.contains("nextRecordsUrl") ? j["nextRecordsUrl"].get<std::string>() : "";
            }
        }
        e.setRenderFromColumns(false);
        ASSERT_EQ(fast.size(), slow.size()) << what;
        for (size_t i = 0; i < fast.size(); ++i)
            ASSERT_EQ(fast[i], slow[i]) << what << " page " << i;
    }

    std::mt19937 rng{20261203};

    size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

    json value(const soql::FieldDef &f)
    {
        static const std::vector<std::string> texts = {
            "", "plain", "quote \" inside", "back\\slash", "ends with \\", "\\\"", ",\"Name\":\"x\"", ",\"", "}{",
            "Zoë ☕ 𝄞 – ü", "line\nbreak\ttab\r", std::string("ctl\x01\x1f"), "{\"a\":[1,2]}", std::string(700, 'w'),
            "comma, and, more, commas", "null", "true"};
        if (chance(0.1))
            return nullptr;
        switch (f.type) {
        case soql::FieldType::Boolean:
            return chance(0.5);
        case soql::FieldType::Int:
            return std::uniform_int_distribution<int64_t>(-1000000, 1000000)(rng);
        case soql::FieldType::Double: {
            static const std::vector<double> doubles = {0.0, 12.0, 0.1, 1e-7, 123456789.125, 1e300, 3.14159, 2.5, 99.99};
            return doubles[pick(doubles.size())];
        }
        case soql::FieldType::DateTime:
            return chance(0.5) ? "2025-03-04T05:06:07Z" : "2024-12-31T23:59:59.000+0130";
        case soql::FieldType::Date:
            return "2025-02-28";
        case soql::FieldType::Reference:
            return emu::Seeder::outletId(1 + static_cast<int>(pick(3)));
        default:
            return texts[pick(texts.size())];
        }
    }

    json record(const emu::ObjectDef &obj, bool withType)
    {
        json r = json::object();
        if (withType)
            r["attributes"] = {{"type", obj.name()}};
        for (const auto &f : obj.schema.fields) {
            if (!obj.isReadOnly(f.name) && chance(0.6))
                r[f.name] = value(f);
        }
        for (const auto &required : obj.required)
            r[required] = "required " + std::to_string(pick(1000));
        return r;
    }

    std::vector<std::string> ids(const emu::ObjectDef &obj, const std::string &resource)
    {
        const emu::Response r = call("GET", kV + "/" + resource + "?q=" + enc("SELECT Id FROM " + obj.name() + " ORDER BY Id"));
        std::vector<std::string> out;
        // Named: a range-for over json::parse(...)["records"] iterates a member of a temporary that
        // is destroyed before the loop's first step (C++20 extends no lifetime there; ASan saw it).
        const json page = json::parse(r.body);
        for (const auto &rec : page.at("records"))
            out.push_back(rec.at("Id"));
        return out;
    }

    std::string token;
};

TEST_F(PageExactness, FastRecordsEqualColumnRecordsForAnyFieldListAfterAnyWrites)
{
    const auto &objects = server->emulator().catalog().objects();
    int checks = 0, written = 0;
    auto count = [&written](const emu::Response &r) {
        const json results = json::parse(r.body, nullptr, false);
        for (const auto &x : results.is_array() ? results : json::array())
            written += x.is_object() && x.value("success", false) ? 1 : 0;
    };
    for (int round = 0; round < 600; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const emu::ObjectDef &obj = objects[pick(objects.size())];
        const int op = static_cast<int>(pick(10));
        if (op == 0) { // creates
            json records = json::array();
            for (size_t i = 0, n = 1 + pick(4); i < n; ++i)
                records.push_back(record(obj, true));
            count(call("POST", kV + "/composite/sobjects", json{{"allOrNone", false}, {"records", records}}.dump()));
        } else if (op == 1 || op == 2) { // updates
            const auto live = ids(obj, "query");
            json records = json::array();
            for (size_t i = 0, n = 1 + pick(4); i < n && !live.empty(); ++i) {
                json r = record(obj, true);
                r["Id"] = live[pick(live.size())];
                records.push_back(r);
            }
            count(call("PATCH", kV + "/composite/sobjects", json{{"allOrNone", false}, {"records", records}}.dump()));
        } else if (op == 3) { // deletes
            const auto live = ids(obj, "query");
            if (!live.empty())
                count(call("DELETE", kV + "/composite/sobjects?ids=" + live[pick(live.size())]));
        } else if (op == 4) { // a batch rolled back: good records first, then one that fails
            const auto live = ids(obj, "query");
            json records = json::array({record(obj, true)});
            if (!live.empty()) {
                json r = record(obj, true);
                r["Id"] = live[pick(live.size())];
                call("PATCH", kV + "/composite/sobjects",
                     json{{"allOrNone", true}, {"records", {r, {{"attributes", {{"type", obj.name()}}}, {"Id", r["Id"]}, {"Nope__c", 1}}}}}
                         .dump());
            }
            records.push_back({{"attributes", {{"type", obj.name()}}}, {"Nope__c", 1}});
            call("POST", kV + "/composite/sobjects", json{{"allOrNone", true}, {"records", records}}.dump());
        } else if (op == 5) { // a composite halted: its create is rolled back
            const json body = {{"allOrNone", true},
                               {"compositeRequest",
                                {{{"method", "POST"}, {"url", kV + "/sobjects/" + obj.name()}, {"referenceId", "a"}, {"body", record(obj, false)}},
                                 {{"method", "GET"}, {"url", kV + "/sobjects/Nope__c/x"}, {"referenceId", "b"}}}}};
            call("POST", kV + "/composite", body.dump());
        } else if (op == 6) {
            server->emulator().purge(obj.name());
        } else { // a check
            ++checks;
            std::vector<std::string> names;
            for (const auto &f : obj.schema.fields) {
                if (chance(0.7))
                    names.push_back(f.name);
            }
            if (names.empty())
                names.push_back(obj.schema.fields[pick(obj.schema.fields.size())].name);
            std::shuffle(names.begin(), names.end(), rng);
            std::string list;
            for (const auto &n : names)
                list += (list.empty() ? "" : ", ") + (chance(0.2) ? lower(n) : n);
            static const std::vector<std::string> orders = {"", " ORDER BY Id", " ORDER BY SystemModstamp, Id",
                                                            " ORDER BY Name DESC", " ORDER BY Id DESC LIMIT 7"};
            const std::string soql = "SELECT " + list + " FROM " + obj.name() + orders[pick(orders.size())];
            const std::string resource = chance(0.5) ? "query" : "queryAll";
            expectSameBothWays(kV + "/" + resource + "?q=" + enc(soql), std::to_string(1 + pick(40)), soql);
            const auto all = ids(obj, "query");
            if (!all.empty()) {
                std::string fields;
                for (const auto &n : names)
                    fields += (fields.empty() ? "" : ",") + n;
                const std::string id = all[pick(all.size())];
                expectSameBothWays(kV + "/sobjects/" + obj.name() + "/" + id + "?fields=" + fields, {}, "retrieve " + id);
                expectSameBothWays(kV + "/sobjects/" + obj.name() + "/" + id, {}, "retrieve all " + id);
                expectSameBothWays(kV + "/composite/sobjects/" + obj.name() + "?ids=" + id + "," + all.front() + "&fields=" + fields,
                                   {}, "collection retrieve");
            }
        }
        if (HasFatalFailure())
            return;
    }
    EXPECT_GT(checks, 120);
    EXPECT_GT(written, 100); // the writes were not all refused: there was something to render
}

} // namespace
