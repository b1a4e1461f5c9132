// SPDX-License-Identifier: MIT
// OrgStore's savepoints: whatever way a write leaves its scope (a throw included), no savepoint
// stays open, SQLite and the in-memory JSON agree, and later writes are committed.
#include "emulatortest.h"

#include "emulator/objectcatalog.h"
#include "emulator/orgstore.h"
#include "soql/ids.h"

#include <stdexcept>

#include <sqlite3.h>
#include <unistd.h>

namespace {

using namespace emutest;

const emu::ObjectDef &contact(const emu::ObjectCatalog &catalog)
{
    return *catalog.find("Contact");
}

int64_t liveContacts(emu::OrgStore &store, const emu::ObjectCatalog &catalog)
{
    return store.count(contact(catalog), false);
}

TEST(OrgStoreSavepoint, AThrowRollsBackAndLeavesNothingOpen)
{
    emu::ObjectCatalog catalog;
    emu::OrgStore store(catalog);
    std::string error;
    ASSERT_TRUE(store.open("", &error)) << error;
    const auto &obj = contact(catalog);
    std::string id;
    try {
        emu::OrgStore::Savepoint outer(store);
        ASSERT_FALSE(store.create(obj, json{{"LastName", "Outer"}}, "2026-01-01T00:00:00.000+0000", &id));
        {
            emu::OrgStore::Savepoint inner(store);
            ASSERT_FALSE(store.create(obj, json{{"LastName", "Inner"}}, "2026-01-01T00:00:00.000+0000", &id));
            inner.release();
        }
        throw std::runtime_error("midway");
    } catch (const std::runtime_error &) {
    }
    EXPECT_NE(sqlite3_get_autocommit(store.db()), 0) << "a transaction is still open";
    EXPECT_EQ(liveContacts(store, catalog), 0);
    bool deleted = false;
    EXPECT_FALSE(store.rowidForId(obj, id, &deleted));
    // Memory follows SQLite: the rows written in the scope are gone from the ready JSON too.
    const std::string *ready = store.readyJson(obj, 2);
    EXPECT_TRUE(!ready || ready->empty());

    // The next write works and stays.
    {
        emu::OrgStore::Savepoint sp(store);
        ASSERT_FALSE(store.create(obj, json{{"LastName", "Kept"}}, "2026-01-01T00:00:00.000+0000", &id));
        sp.release();
    }
    EXPECT_NE(sqlite3_get_autocommit(store.db()), 0);
    EXPECT_EQ(liveContacts(store, catalog), 1);
    {
        emu::OrgStore::Savepoint unreleased(store); // left without release(): rolled back
        ASSERT_FALSE(store.create(obj, json{{"LastName", "Dropped"}}, "2026-01-01T00:00:00.000+0000", &id));
    }
    EXPECT_EQ(liveContacts(store, catalog), 1);
    EXPECT_NE(sqlite3_get_autocommit(store.db()), 0);
}

// Over HTTP, on a --data file: a composite whose subrequest throws must not leave its savepoint open,
// or every later write sits in a transaction nobody commits (invisible to other readers of the
// file, lost when the process ends).
TEST(OrgStoreSavepoint, AThrowInsideCompositeLeavesLaterWritesCommitted)
{
    const DataFile data;
    const std::string &file = data.path();
    emu::EmulatorOptions o;
    o.seed = "none";
    o.dataFile = file;
    auto server = std::make_unique<emu::EmulatorServer>(o);
    std::string error;
    ASSERT_TRUE(server->start(&error)) << error;
    httplib::Client client(server->url());
    client.set_url_encode(false);
    const httplib::Headers auth = {{"Authorization", "Bearer " + server->emulator().issueAccessToken()}};
    // The second subrequest's answer carries a byte that is not UTF-8 (from the ids parameter).
    const json composite = {{"compositeRequest",
                             {{{"method", "POST"}, {"url", kV + "/sobjects/Contact"}, {"referenceId", "a"},
                               {"body", {{"LastName", "Before throw"}}}},
                              {{"method", "DELETE"}, {"url", kV + "/composite/sobjects?ids=%FF"}, {"referenceId", "b"}}}}};
    auto r = client.Post((kV + "/composite").c_str(), auth, composite.dump(), "application/json");
    ASSERT_TRUE(r);
    auto after = client.Post((kV + "/sobjects/Contact").c_str(), auth, R"({"LastName":"After throw"})", "application/json");
    ASSERT_TRUE(after);
    ASSERT_EQ(after->status, 201) << after->body;

    auto countIn = [&](const std::string &lastName) {
        sqlite3 *db = nullptr;
        EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM \"Contact\" WHERE \"LastName\" = ?", -1, &st, nullptr);
        sqlite3_bind_text(st, 1, lastName.c_str(), -1, SQLITE_TRANSIENT);
        const int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
        sqlite3_finalize(st);
        sqlite3_close(db);
        return n;
    };
    // Another reader of the file sees the later write: it was committed.
    EXPECT_EQ(countIn("After throw"), 1);
    // The composite is all or nothing as answered: applied only if it answered 200.
    EXPECT_EQ(countIn("Before throw"), r->status == 200 ? 1 : 0) << r->status << " " << r->body;
    server.reset();
    // And it is still there when the file is opened again.
    EXPECT_EQ(countIn("After throw"), 1);
}

// Ids count in base 62 as Salesforce's do; an org file written when the emulator counted in base 36
// keeps counting so (a base-62 counter would make Ids its records already have: base 36 "10" is 36,
// base 62 "10" is 62).
TEST(OrgStoreIds, ANewOrgCountsInBase62AndAnOlderFileKeepsBase36)
{
    emu::ObjectCatalog catalog;
    const DataFile fresh, older;
    const auto insert = [&](emu::OrgStore &store) {
        emu::OrgStore::Savepoint sp(store);
        const std::string id = store.insertRow(contact(catalog), emu::OrgStore::Row{}, {});
        sp.release();
        return id;
    };
    {
        emu::OrgStore store(catalog);
        std::string error;
        ASSERT_TRUE(store.open(fresh.path(), &error)) << error;
        for (int i = 1; i < 36; ++i)
            insert(store);
        EXPECT_EQ(insert(store).substr(0, 15), "00300000000000a"); // the 36th
    }
    {
        // An older file: records made, no 'ids' mark (the emulator before it wrote none).
        emu::OrgStore store(catalog);
        std::string error;
        ASSERT_TRUE(store.open(older.path(), &error)) << error;
        insert(store);
        sqlite3 *db = nullptr;
        ASSERT_EQ(sqlite3_open(older.path().c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db, "DELETE FROM _meta WHERE key = 'ids'", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    for (const DataFile *file : {&fresh, &older}) {
        emu::OrgStore store(catalog);
        std::string error;
        ASSERT_TRUE(store.open(file->path(), &error)) << error;
        const std::string next = insert(store);
        if (file == &fresh)
            EXPECT_EQ(next.substr(0, 15), "00300000000000b"); // the 37th, in base 62 still
        else
            EXPECT_EQ(next, soql::makeId("003", 2, soql::IdDigits::Base36));
    }
    // Reopened, the older file still counts in base 36 (its mark is written now).
    emu::OrgStore store(catalog);
    std::string error;
    ASSERT_TRUE(store.open(older.path(), &error)) << error;
    for (int i = 3; i < 36; ++i)
        insert(store);
    EXPECT_EQ(insert(store), "003000000000010AAA"); // the 36th in base 36
}

} // namespace
