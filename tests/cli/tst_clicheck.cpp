// SPDX-License-Identifier: MIT
// `posdata check` and `posdata repair` end to end: the real binary against the in-process emulator
// over loopback. A synced store is damaged directly in SQLite (rows deleted, ghost rows added, a row of
// another outlet), then the check must name exactly that damage with far fewer calls than a resync,
// and the repair must make the store equal the server again, keeping unsaved records.
#include "posdatarunner.h"

#include "emulator/emulatorserver.h"
#include "soql/ids.h"
#include "store/localstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <random>

namespace {

using clitest::CliOutput;
using clitest::runPosdata;

const QString kProducts = QStringLiteral("s_c__product__c");
const QString kOrders = QStringLiteral("s_c__order__c");

/// Runs SQL on the store's file behind its back, as damage would.
void execSql(const QString &db, const QString &sql, const QStringList &binds = {})
{
    sqlite3 *handle = nullptr;
    ASSERT_EQ(sqlite3_open(db.toUtf8().constData(), &handle), SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(handle, sql.toUtf8().constData(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(handle);
    for (int i = 0; i < binds.size(); ++i) {
        const QByteArray b = binds[i].toUtf8();
        sqlite3_bind_text(stmt, i + 1, b.constData(), int(b.size()), SQLITE_TRANSIENT);
    }
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE) << sqlite3_errmsg(handle);
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
}

class CliCheckTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        emu::EmulatorOptions options;
        options.seed = "demo"; // 100,000 products; 200,000 orders of which outlet 1 owns 10,000
        server = std::make_unique<emu::EmulatorServer>(options);
        std::string error;
        ASSERT_TRUE(server->start(&error)) << error;
        dbPath = dir.filePath(QStringLiteral("posdata.db"));
        device = clitest::writeDeviceFile(dir.filePath(QStringLiteral("device.json")),
            QString::fromStdString(server->url()), QString::fromLatin1(emu::Emulator::kRefreshToken));
    }
    void TearDown() override
    {
        if (server)
            server->stop();
    }

    void syncOnce(const QString &object)
    {
        const CliOutput o = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--object"),
            object, QStringLiteral("--device"), device, QStringLiteral("--db"), dbPath});
        ASSERT_EQ(o.code, 0) << o.err.toStdString();
    }

    /// `posdata check|repair OBJECT --json [more]`: the object's entry.
    QJsonObject runJson(const QString &command, const QString &object, const QStringList &more = {})
    {
        const CliOutput o = runPosdata(QStringList{command, object, QStringLiteral("--json"), QStringLiteral("--device"),
                                           device, QStringLiteral("--db"), dbPath}
            + more);
        EXPECT_EQ(o.code, 0) << o.err.toStdString();
        const QJsonArray a = QJsonDocument::fromJson(o.out.toUtf8()).array();
        EXPECT_EQ(a.size(), 1) << o.out.toStdString();
        return a.isEmpty() ? QJsonObject() : a.first().toObject();
    }

    QStringList storedIds(const QString &object)
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        return store ? store->ids(object) : QStringList();
    }

    /// Deletes `n` random rows of `object` (never `keep`) directly in SQLite; returns their Ids.
    QStringList deleteRandomRows(const QString &object, int n, const QString &keep)
    {
        QStringList ids = storedIds(object);
        ids.removeAll(keep);
        std::mt19937 random(20261204);
        std::shuffle(ids.begin(), ids.end(), random);
        ids = ids.mid(0, n);
        for (const QString &id : std::as_const(ids))
            execSql(dbPath, QStringLiteral("DELETE FROM records WHERE id = ?"), {id});
        return ids;
    }

    /// Deletes records on the server and empties its recycle bin of them: Ids it no longer has.
    void purgeOnServer(const QString &object, const QStringList &ids)
    {
        std::vector<std::string> gone;
        for (const QString &id : ids)
            gone.push_back(id.toStdString());
        const nlohmann::json deleted = server->emulator().deleteRecords(object.toStdString(), gone);
        EXPECT_EQ(deleted.size(), gone.size()) << deleted.dump();
        EXPECT_EQ(server->emulator().purge(object.toStdString()), qint64(gone.size()));
    }

    /// Five Ids among the products' that the server does not have, made before the device syncs:
    /// products spread over the Ids deleted and purged, and as many created after the last, so the
    /// count stays 100,000. Salesforce's Ids count in base 62 like the emulator's, one after another: an Id
    /// that sorts among the real ones and that the server does not have is one it deleted.
    QStringList productGapsBeforeSync()
    {
        QStringList gaps;
        nlohmann::json created = nlohmann::json::array();
        for (int i = 0; i < 5; ++i) {
            gaps << QString::fromStdString(soql::makeId("a02", uint64_t(10007 + 17011 * i)));
            created.push_back({{"Name", "Filler " + std::to_string(i)}});
        }
        purgeOnServer(kProducts, gaps);
        server->emulator().insertRecords(kProducts.toStdString(), created);
        return gaps;
    }

    /// Adds synced rows whose Ids the server does not have (`ghosts`), directly in SQLite.
    void addGhostRows(const QString &object, const QStringList &ghosts)
    {
        for (const QString &ghost : ghosts)
            addRow(object, ghost);
    }

    /// The outlet's 10,000 orders synced, then 37 of them deleted and 5 ghosts added in SQLite; returns
    /// the Ids the device held after the sync.
    QStringList syncedOrdersWith37MissingAnd5Ghosts()
    {
        syncOnce(kOrders);
        const QStringList synced = storedIds(kOrders);
        deleteRandomRows(kOrders, 37, QString());
        // Orders of other outlets among the outlet's, gone from the server: Ids it does not have.
        QStringList ghosts;
        for (uint64_t n = 20011; ghosts.size() < 5; n += 30011) {
            const QString id = QString::fromStdString(soql::makeId("a03", n));
            if (!synced.contains(id))
                ghosts << id;
        }
        purgeOnServer(kOrders, ghosts);
        addGhostRows(kOrders, ghosts);
        return synced;
    }

    void addRow(const QString &object, const QString &id)
    {
        execSql(dbPath,
            QStringLiteral("INSERT INTO records(obj, id, modstamp, state, seen_gen, payload)"
                           " SELECT obj, ?, '2025-01-01T00:00:00.000+0000', 0, generation, '{}' FROM objects WHERE name = ?"),
            {id, object});
    }

    QString statusOf(const QString &object)
    {
        const CliOutput o = runPosdata({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--db"), dbPath});
        EXPECT_EQ(o.code, 0) << o.err.toStdString();
        for (const QJsonValue &v : QJsonDocument::fromJson(o.out.toUtf8()).object().value(u"objects").toArray())
            if (v.toObject().value(u"name").toString() == object)
                return v.toObject().value(u"status").toString();
        return {};
    }

    QTemporaryDir dir;
    QString dbPath;
    QString device;
    std::unique_ptr<emu::EmulatorServer> server;
};

qint64 countOf(const QJsonObject &check, const char16_t *what)
{
    return check.value(QStringView(what)).toObject().value(u"count").toInteger(-1);
}

} // namespace

TEST_F(CliCheckTest, ChecksAndRepairs37MissingAnd5GhostProductsOf100kWithAFewCalls)
{
    const QStringList gaps = productGapsBeforeSync();
    syncOnce(kProducts);
    const QStringList before = storedIds(kProducts);
    ASSERT_EQ(before.size(), 100000);

    const QJsonObject clean = runJson(QStringLiteral("check"), kProducts);
    EXPECT_TRUE(clean.value(u"clean").toBool()) << QJsonDocument(clean).toJson().toStdString();
    EXPECT_EQ(clean.value(u"serverCount").toInteger(), 100000);

    EXPECT_EQ(statusOf(kProducts), QStringLiteral("Fully synced"));

    // One unsaved change: the check never counts it as a difference and the repair keeps it.
    const QString edited = before.at(500);
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->updateRecord(kProducts, edited, {{"s_c__price__c", 0.5}}));
    }
    // Without a running engine, `posdata status` counts synced records only (the engine adds the
    // unsaved changes of server records): the repair must bring back this status, whatever it says.
    const QString statusUndamaged = statusOf(kProducts);
    const QStringList removed = deleteRandomRows(kProducts, 37, edited);
    addGhostRows(kProducts, gaps);

    // The default compares every Id: exact.
    const QJsonObject found = runJson(QStringLiteral("check"), kProducts);
    const QByteArray shown = QJsonDocument(found).toJson();
    EXPECT_TRUE(found.value(u"exact").toBool());
    EXPECT_EQ(found.value(u"deviceCount").toInteger(), 100000 - 37 + 5);
    EXPECT_EQ(countOf(found, u"missing"), 37) << shown.toStdString();
    EXPECT_EQ(countOf(found, u"extra"), 5) << shown.toStdString();
    EXPECT_EQ(countOf(found, u"outsideScope"), 0);
    EXPECT_EQ(countOf(found, u"unsaved"), 1);
    EXPECT_FALSE(found.value(u"clean").toBool());
    qint64 inRanges = 0;
    for (const QJsonValue &r : found.value(u"missing").toObject().value(u"ranges").toArray())
        inRanges += r.toObject().value(u"count").toInteger();
    EXPECT_EQ(inRanges, 37);
    // A resync of 100,000 is 50 pages of 2,000 (plus its probe): Id pages of ~1,950 records, 5 per
    // call, and the probe: about 11 calls.
    const qint64 calls = found.value(u"apiCalls").toInteger();
    EXPECT_GT(calls, 1);
    EXPECT_LE(calls, 13) << shown.toStdString();

    // --quick counts first: what differs in count is found; a range where as many records are missing
    // as are extra looks whole, so the found difference is the count difference, never more, and the
    // result says it is not exact.
    const QJsonObject counted = runJson(QStringLiteral("check"), kProducts, {QStringLiteral("--quick")});
    const QByteArray countedShown = QJsonDocument(counted).toJson();
    EXPECT_FALSE(counted.value(u"exact").toBool());
    EXPECT_EQ(counted.value(u"deviceCount").toInteger(), 100000 - 37 + 5);
    EXPECT_EQ(countOf(counted, u"missing") - countOf(counted, u"extra"), 37 - 5) << countedShown.toStdString();
    EXPECT_LE(countOf(counted, u"missing"), 37);
    EXPECT_LE(countOf(counted, u"extra"), 5);
    EXPECT_LE(counted.value(u"apiCalls").toInteger(), 25) << countedShown.toStdString();

    // The words say the same.
    const CliOutput words = runPosdata(
        {QStringLiteral("check"), kProducts, QStringLiteral("--device"), device, QStringLiteral("--db"), dbPath});
    ASSERT_EQ(words.code, 0) << words.err.toStdString();
    EXPECT_TRUE(words.out.contains(QStringLiteral("missing on this device:            37"))) << words.out.toStdString();
    EXPECT_TRUE(words.out.contains(QStringLiteral("gone from server:  5"))) << words.out.toStdString();
    EXPECT_TRUE(words.out.contains(QStringLiteral("(every Id compared)"))) << words.out.toStdString();

    const QJsonObject repaired = runJson(QStringLiteral("repair"), kProducts);
    const QJsonObject repair = repaired.value(u"repair").toObject();
    EXPECT_EQ(repair.value(u"downloaded").toInteger(), 37) << QJsonDocument(repaired).toJson().toStdString();
    EXPECT_EQ(repair.value(u"removed").toInteger(), 5);
    EXPECT_LE(repaired.value(u"apiCalls").toInteger() + repair.value(u"apiCalls").toInteger(), 30);

    const QJsonObject after = runJson(QStringLiteral("check"), kProducts);
    EXPECT_TRUE(after.value(u"clean").toBool()) << QJsonDocument(after).toJson().toStdString();
    EXPECT_EQ(countOf(after, u"missing"), 0);
    EXPECT_EQ(countOf(after, u"extra"), 0);
    EXPECT_TRUE(storedIds(kProducts) == before);
    auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    const auto kept = store->record(kProducts, edited);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->state, posdata::RecordState::LocallyUpdated);
    EXPECT_TRUE(kept->payload.contains("0.5")) << kept->payload.toStdString();
    const auto back = store->record(kProducts, removed.first());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->state, posdata::RecordState::Synced);
    EXPECT_TRUE(back->payload.contains("s_c__sku__c"));
    const posdata::ObjectState state = store->objectState(kProducts);
    EXPECT_EQ(state.localCount, 99999); // every product, less the one changed on this device
    EXPECT_EQ(state.unsavedCount, 1);
    store.reset();
    EXPECT_EQ(statusOf(kProducts), statusUndamaged);
}

// A record gone from the device and a ghost beside it: the same count in every range, different Ids.
// The check must see both (a count-first check cannot).
TEST_F(CliCheckTest, ACheckSeesAMissingAndAGhostRecordSideBySide)
{
    const QString ghost = productGapsBeforeSync().at(2);
    syncOnce(kProducts);
    const QStringList before = storedIds(kProducts);
    ASSERT_EQ(before.size(), 100000);
    // The record right before the gap: the missing record and the ghost are neighbours.
    const auto below = std::lower_bound(before.cbegin(), before.cend(), ghost);
    ASSERT_TRUE(below != before.cbegin() && below != before.cend() && *below != ghost);
    const QString gone = *(below - 1);
    execSql(dbPath, QStringLiteral("DELETE FROM records WHERE id = ?"), {gone});
    addRow(kProducts, ghost);

    const QJsonObject found = runJson(QStringLiteral("check"), kProducts);
    const QByteArray shown = QJsonDocument(found).toJson();
    EXPECT_EQ(found.value(u"deviceCount").toInteger(), 100000);
    EXPECT_EQ(found.value(u"serverCount").toInteger(), 100000);
    EXPECT_EQ(countOf(found, u"missing"), 1) << shown.toStdString();
    EXPECT_EQ(countOf(found, u"extra"), 1) << shown.toStdString();
    const QJsonArray ranges = found.value(u"missing").toObject().value(u"ranges").toArray();
    ASSERT_EQ(ranges.size(), 1) << shown.toStdString();
    const QJsonObject where = ranges.first().toObject();
    EXPECT_TRUE(where.value(u"from").isNull() || where.value(u"from").toString() <= gone) << shown.toStdString();
    EXPECT_TRUE(where.value(u"to").isNull() || gone < where.value(u"to").toString()) << shown.toStdString();
    EXPECT_FALSE(found.value(u"clean").toBool());

    // --quick compares counts, which agree here: it must not say the records do.
    const CliOutput quick = runPosdata({QStringLiteral("check"), kProducts, QStringLiteral("--quick"),
        QStringLiteral("--device"), device, QStringLiteral("--db"), dbPath});
    ASSERT_EQ(quick.code, 0) << quick.err.toStdString();
    EXPECT_FALSE(quick.out.contains(QStringLiteral("matches"))) << quick.out.toStdString();
    EXPECT_TRUE(quick.out.contains(QStringLiteral("the counts agree in every Id range (not every Id compared)")))
        << quick.out.toStdString();

    const QJsonObject repaired = runJson(QStringLiteral("repair"), kProducts);
    const QJsonObject repair = repaired.value(u"repair").toObject();
    EXPECT_EQ(repair.value(u"downloaded").toInteger(), 1) << QJsonDocument(repaired).toJson().toStdString();
    EXPECT_EQ(repair.value(u"removed").toInteger(), 1);
    EXPECT_TRUE(storedIds(kProducts) == before);
}

// A gap: 10,000 products in a row gone from the device. Exact, and the page over the gap goes on page
// after page beside the others: about one call per 10,000 records still, and a repair of only the gap.
TEST_F(CliCheckTest, AGapOfTenThousandIsFoundExactlyWithAboutAPageCallPer10000)
{
    syncOnce(kProducts);
    const QStringList before = storedIds(kProducts);
    ASSERT_EQ(before.size(), 100000);
    execSql(dbPath, QStringLiteral("DELETE FROM records WHERE id >= ? AND id < ?"), {before.at(40000), before.at(50000)});
    ASSERT_EQ(storedIds(kProducts).size(), 90000);

    const QJsonObject found = runJson(QStringLiteral("check"), kProducts);
    const QByteArray shown = QJsonDocument(found).toJson();
    EXPECT_EQ(countOf(found, u"missing"), 10000) << shown.toStdString();
    EXPECT_EQ(countOf(found, u"extra"), 0) << shown.toStdString();
    // 90,000 device Ids cut every 1,950: 47 pages, 10 calls, the page over the gap 5 more, the probe.
    EXPECT_LE(found.value(u"apiCalls").toInteger(), 16) << shown.toStdString();

    const QJsonObject repaired = runJson(QStringLiteral("repair"), kProducts);
    EXPECT_EQ(repaired.value(u"repair").toObject().value(u"downloaded").toInteger(), 10000)
        << QJsonDocument(repaired).toJson().toStdString();
    EXPECT_TRUE(storedIds(kProducts) == before);
}

TEST_F(CliCheckTest, ChecksAndRepairsAScopedObjectWithinItsScope)
{
    const QStringList before = syncedOrdersWith37MissingAnd5Ghosts();
    ASSERT_EQ(before.size(), 10000);
    // An order the server has, of another outlet: on this device it is outside the scope.
    QString otherOutlet;
    for (int n = 1; n < 10 && otherOutlet.isEmpty(); ++n) {
        const QString id = QString::fromStdString(soql::makeId("a03", n));
        if (!before.contains(id))
            otherOutlet = id;
    }
    ASSERT_FALSE(otherOutlet.isEmpty());
    addRow(kOrders, otherOutlet);

    const QJsonObject found = runJson(QStringLiteral("check"), kOrders);
    const QByteArray shown = QJsonDocument(found).toJson();
    EXPECT_TRUE(found.value(u"scoped").toBool());
    EXPECT_EQ(found.value(u"serverCount").toInteger(), 10000);
    EXPECT_EQ(countOf(found, u"missing"), 37) << shown.toStdString();
    EXPECT_EQ(countOf(found, u"extra"), 5) << shown.toStdString();
    EXPECT_EQ(countOf(found, u"outsideScope"), 1) << shown.toStdString();
    EXPECT_LE(found.value(u"apiCalls").toInteger(), 10) << shown.toStdString(); // a resync: 5 pages and a probe

    runJson(QStringLiteral("repair"), kOrders);
    const QJsonObject after = runJson(QStringLiteral("check"), kOrders);
    EXPECT_TRUE(after.value(u"clean").toBool()) << QJsonDocument(after).toJson().toStdString();
    EXPECT_TRUE(storedIds(kOrders) == before);
    EXPECT_EQ(statusOf(kOrders), QStringLiteral("Subset synced"));
}

// A busy moment of the server (two 503 answers in a row) costs the check two calls more, not the
// check: a call that fails for a passing reason is sent again (IntegrityCheck::kRetries).
TEST_F(CliCheckTest, ACheckRidesOutTwoBusyAnswersOfTheServer)
{
    syncOnce(kProducts);
    const QJsonObject plain = runJson(QStringLiteral("check"), kProducts);
    ASSERT_TRUE(plain.value(u"clean").toBool());
    std::string error;
    ASSERT_TRUE(server->emulator().setFaults(
        nlohmann::json{{"failNextCount", 2}, {"failNextMode", "503"}, {"failPathContains", "/composite"}}, &error))
        << error;
    const QJsonObject found = runJson(QStringLiteral("check"), kProducts);
    EXPECT_TRUE(found.value(u"clean").toBool()) << QJsonDocument(found).toJson().toStdString();
    EXPECT_TRUE(found.value(u"error").isNull());
    EXPECT_EQ(found.value(u"apiCalls").toInteger(), plain.value(u"apiCalls").toInteger() + 2);
}

TEST_F(CliCheckTest, ACheckThatCannotReachTheServerFailsInWordsAndChangesNothing)
{
    syncOnce(kProducts);
    const QStringList before = storedIds(kProducts);
    server->stop();
    const CliOutput o = runPosdata({QStringLiteral("repair"), kProducts, QStringLiteral("--device"), device,
        QStringLiteral("--db"), dbPath});
    EXPECT_EQ(o.code, 1);
    EXPECT_TRUE(o.err.contains(QStringLiteral("the check failed"))) << o.err.toStdString();
    EXPECT_FALSE(o.err.contains(QString::fromLatin1(emu::Emulator::kRefreshToken)));
    EXPECT_TRUE(storedIds(kProducts) == before);
    server.reset();
}

TEST_F(CliCheckTest, ARepairKilledMidwayLeavesAStoreThatTheNextRepairFinishes)
{
    const QStringList before = syncedOrdersWith37MissingAnd5Ghosts();
    ASSERT_EQ(before.size(), 10000);
    // kill -9 somewhere in the check or the repair (where depends on the machine; every point must be safe).
    QProcess repair;
    repair.start(QStringLiteral(POSDATA_BINARY), {QStringLiteral("repair"), kOrders, QStringLiteral("--device"), device,
                                                  QStringLiteral("--db"), dbPath});
    ASSERT_TRUE(repair.waitForStarted());
    repair.waitForFinished(700);
    repair.kill();
    repair.waitForFinished();

    const QJsonObject again = runJson(QStringLiteral("repair"), kOrders);
    EXPECT_TRUE(again.value(u"repair").toObject().value(u"error").isNull()) << QJsonDocument(again).toJson().toStdString();
    const QJsonObject after = runJson(QStringLiteral("check"), kOrders);
    EXPECT_TRUE(after.value(u"clean").toBool()) << QJsonDocument(after).toJson().toStdString();
    EXPECT_TRUE(storedIds(kOrders) == before);
    auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->objectState(kOrders).localCount, 10000);
}
