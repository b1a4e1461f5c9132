// SPDX-License-Identifier: MIT
// Honest outcomes: every count, status and error the engine reports is true at every moment that
// matters - during a first sync, after a resync, through a clear & resync in the middle of a
// download (from this app and from another process), a failing count, a refused sign-in, a server
// going round in circles, a till with no open shift - and an idle cycle costs one API call.
// End to end: the in-process emulator over loopback, a real store file, the real engine.
#include "enginefixture.h"

#include "emulator/emulator.h"

#include <QProcess>
#include <QRandomGenerator>

#include <thread>

using namespace enginetest;
using posdata::SyncActivity;

namespace {

const QByteArray kProductsOnly = R"({"version":1,"objects":[
    {"name":"s_c__product__c","priority":1,"fields":["Name","s_c__sku__c","s_c__price__c"]}]})";

/// Every snapshot an engine sent, for assertions over the whole run.
struct Recorder
{
    QList<posdata::EngineSnapshot> snapshots;
    explicit Recorder(SyncEngine &engine)
    {
        QObject::connect(&engine, &SyncEngine::snapshotChanged,
                         [this](const posdata::EngineSnapshot &s) { snapshots.append(s); });
    }
    /// Objects ever shown Incomplete, with the snapshot's words for the failure message.
    QStringList everIncomplete() const
    {
        QStringList out;
        for (const auto &s : snapshots)
            for (const auto &o : s.objects)
                if (o.status == SyncStatus::Incomplete)
                    out << QStringLiteral("%1 %2/%3").arg(o.name).arg(o.local).arg(o.server);
        return out;
    }
};

void expectSettled(const posdata::EngineSnapshot &snap)
{
    for (const auto &o : snap.objects) {
        EXPECT_TRUE(o.status == SyncStatus::FullySynced || o.status == SyncStatus::SubsetSynced)
            << o.name.toStdString() << " is " << posdata::statusWords(o.status).toStdString();
        EXPECT_EQ(o.activity, SyncActivity::Idle) << o.name.toStdString();
        EXPECT_GE(o.server, 0) << o.name.toStdString();
        EXPECT_FALSE(o.lastAttemptFailed) << o.name.toStdString();
    }
}

} // namespace

class HonestyTest : public EngineTest
{
protected:
    /// Products only, slowed down so that a download lasts several pages' worth of time.
    SyncEngineOptions slowProducts(int latencyMs)
    {
        setFaults({{"latencyMs", latencyMs}});
        auto o = options(kProductsOnly);
        o.storePollMs = 50;
        o.repairMismatches = false; // a gap must not exist, not be repaired afterwards
        return o;
    }
    void expectProductsExact(SyncEngine &engine)
    {
        expectFullySyncedExact(engine, kProduct);
    }
};

// Item 1: a clear & resync or a resync at a random moment of a running download, from another
// connection (what the CLI does: its own LocalStore on the same file) and from the app itself,
// never leaves a gap: a page in flight for the old generation is dropped, not written.
TEST_F(HonestyTest, ClearAndResyncAtRandomMomentsOfADownloadEachEndExact)
{
    QRandomGenerator random(20261203);
    for (int round = 0; round < 20; ++round) {
        SCOPED_TRACE(round);
        QFile::remove(dbPath);
        QFile::remove(dbPath + QStringLiteral("-wal"));
        QFile::remove(dbPath + QStringLiteral("-shm"));
        // Every other group of four rounds downloads in one cursor chain, the others in Id ranges
        // (4 ranges of 250 in two rounds of pages: slower pages keep the download long enough to be
        // met in the middle; the second round and the recount are that middle, 100 ms each, so that
        // a snapshot falls in it on a loaded machine and under ThreadSanitizer too).
        const bool ranged = round % 8 >= 4;
        auto o = slowProducts(ranged ? 100 : 15);
        o.rangesPerDownload = ranged ? 4 : 0;
        SyncEngine engine(o);
        IdleCounter idle(engine);
        const bool fromAnotherConnection = round % 2 == 0;
        const bool clear = round % 4 < 2;
        const qint64 at = 200 * (1 + random.bounded(3)); // after page 1, 2 or 3 of 5
        bool done = false;
        QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
            const auto *p = objectIn(s, kProduct);
            if (done || !p || !p->syncing || p->progressDone < at)
                return;
            done = true;
            resyncNow(engine, kProduct, clear, fromAnotherConnection);
        });
        ASSERT_TRUE(idle.startAndWait());
        ASSERT_TRUE(done) << "the action never met the download";
        // A second cycle must have nothing left to do: no gap that only a resync would repair.
        ASSERT_TRUE(idle.syncNowAndWait());
        expectProductsExact(engine);
    }
}

// Item 1, with the real `posdata clear-resync` from another process while this engine downloads.
TEST_F(HonestyTest, ClearResyncFromTheCliDuringADownloadEndsExact)
{
    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE(round);
        QFile::remove(dbPath);
        auto o = slowProducts(40);
        // Two ranges: five pages in three rounds. Ten would fetch all five at once (whole pages
        // each), leaving no moment with 400 or 600 in and the download running.
        o.rangesPerDownload = 2;
        SyncEngine engine(o);
        IdleCounter idle(engine);
        std::optional<int> cliExit;
        QProcess cli;
        QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
            const auto *p = objectIn(s, kProduct);
            if (cli.state() != QProcess::NotRunning || cliExit || !p || !p->syncing || p->progressDone < 200 * (round + 1))
                return;
            cli.start(QStringLiteral(POSDATA_BINARY),
                      {QStringLiteral("clear-resync"), kProduct, QStringLiteral("--yes"), QStringLiteral("--db"), dbPath});
            cliExit = -1;
        });
        engine.start();
        ASSERT_TRUE(idle.waitNext(0, 60000));
        ASSERT_TRUE(cliExit) << "the download ended before the CLI could be started";
        ASSERT_TRUE(cli.state() == QProcess::NotRunning || cli.waitForFinished(30000)) << cli.errorString().toStdString();
        EXPECT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
        // The clear may have landed after the first download ended: the engine sees it within a poll.
        waitFor([&] { return objectOf(engine, kProduct)->status != SyncStatus::Syncing; }, 500);
        const int before = idle.count;
        engine.syncNow();
        ASSERT_TRUE(idle.waitNext(before, 60000));
        expectProductsExact(engine);
    }
}

// Item 2: objects waiting their turn, and every object before its counts are known, are Syncing
// (Waiting), never Incomplete; the first sync of a fresh device never shows red.
TEST_F(HonestyTest, AFirstSyncNeverShowsIncomplete)
{
    setFaults({{"latencyMs", 10}});
    SyncEngine engine(oneDownloadAtATime());
    EXPECT_EQ(engine.snapshot().objects.value(0).status, SyncStatus::Syncing); // before the worker speaks
    Recorder recorder(engine);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    EXPECT_TRUE(recorder.everIncomplete().isEmpty()) << recorder.everIncomplete().join(u", ").toStdString();
    bool sawWaiting = false;
    for (const auto &s : recorder.snapshots)
        for (const auto &obj : s.objects)
            sawWaiting = sawWaiting || (obj.activity == SyncActivity::Waiting && obj.status == SyncStatus::Syncing);
    EXPECT_TRUE(sawWaiting);
    expectSettled(engine.snapshot());

    // Clear & resync all: the same, for every object at once.
    Recorder again(engine);
    const int before = idle.count;
    engine.clearResyncAll();
    ASSERT_TRUE(idle.waitNext(before));
    EXPECT_TRUE(again.everIncomplete().isEmpty()) << again.everIncomplete().join(u", ").toStdString();
    expectSettled(engine.snapshot());
    setFaults({{"latencyMs", 0}});
    expectIdentical(allObjects());
}

// Item 3: a resync after records were added on the server ends with counts read after it, equal.
TEST_F(HonestyTest, AFinishedResyncEndsWithFreshCountsNotIncomplete)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_TRUE(rest->upsert("Contact", "s_c__pos_uuid__c",
                             nlohmann::json::array({{{"attributes", {{"type", "Contact"}}}, {"LastName", "Added A"},
                                                     {"s_c__pos_uuid__c", "honesty-a"}},
                                                    {{"attributes", {{"type", "Contact"}}}, {"LastName", "Added B"},
                                                     {"s_c__pos_uuid__c", "honesty-b"}}})));
    const QDateTime asked = QDateTime::currentDateTimeUtc();
    int before = idle.count;
    engine.resync(QStringLiteral("contact"));
    ASSERT_TRUE(idle.waitNext(before));
    auto c = objectOf(engine, QStringLiteral("contact"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, SyncStatus::FullySynced);
    EXPECT_EQ(c->local, c->server);
    EXPECT_EQ(c->server, rest->ids(QStringLiteral("contact")).size());
    EXPECT_GE(c->countsReadAt, asked.addMSecs(-1));

    // And after a clear & resync.
    before = idle.count;
    engine.clearResync(QStringLiteral("contact"));
    ASSERT_TRUE(idle.waitNext(before));
    c = objectOf(engine, QStringLiteral("contact"));
    EXPECT_EQ(c->status, SyncStatus::FullySynced);
    EXPECT_EQ(c->local, c->server);
    expectIdentical({QStringLiteral("contact")});
}

// Item 3, the other way: records deleted on the server while nothing tells the device (a delta
// cannot see a purged deletion): local above server is chased, not shown red, and ends equal.
TEST_F(HonestyTest, LocalAboveServerIsSweptNotRed)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    {
        // Two ghosts: synced rows the server never had (as if their deletion was purged).
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        const qint64 generation = store->objectState(kProduct).generation;
        QVector<posdata::IncomingRecord> ghosts(2);
        ghosts[0].id = QStringLiteral("a0Bghost0000001AAA");
        ghosts[1].id = QStringLiteral("a0Bghost0000002AAA");
        for (auto &g : ghosts) {
            g.systemModstamp = QStringLiteral("2020-01-01T00:00:00.000+0000");
            g.payload = "{\"Id\":\"" + g.id.toUtf8() + "\"}";
        }
        posdata::StoreError error;
        store->applyPage(kProduct, ghosts, {}, generation, &error);
        ASSERT_TRUE(error.ok()) << error.message.toStdString();
        // The counts must be read again for the difference to show (an old count is confirmed only
        // while it agrees): make the stored one stale.
        ASSERT_TRUE(store->setServerCounts(kProduct, -1, -1, QDateTime()));
    }
    Recorder recorder(engine);
    ASSERT_TRUE(idle.syncNowAndWait());
    EXPECT_TRUE(recorder.everIncomplete().isEmpty()) << recorder.everIncomplete().join(u", ").toStdString();
    auto p = objectOf(engine, kProduct);
    EXPECT_EQ(p->status, SyncStatus::FullySynced);
    EXPECT_EQ(p->local, p->server);
    expectIdentical({kProduct});
}

// Item 4: a count call that fails now and then is retried with back-off and said in words; the
// objects end settled with their counts, never "-" with no error.
TEST_F(HonestyTest, TransientCountFailuresAreRetriedAndSaidInWords)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    setFaults({{"failNextCount", 2}, {"failNextMode", "503"}, {"failPathContains", "/composite"}});
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        for (const QString &object : allObjects())
            ASSERT_TRUE(store->setServerCounts(object, -1, -1, QDateTime())); // force the counts to be read
    }
    QSet<QString> codes;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        for (const auto &o : s.objects)
            for (const auto &e : o.errors)
                codes.insert(e.code);
    });
    ASSERT_TRUE(idle.syncNowAndWait());
    EXPECT_TRUE(codes.contains(QStringLiteral("SERVER_UNAVAILABLE"))) << QStringList(codes.values()).join(u',').toStdString();
    expectSettled(engine.snapshot());
}

// Item 4, when the count keeps failing: the object says so and waits for the next cycle; nothing
// claims a count it does not have.
TEST_F(HonestyTest, ACountThatKeepsFailingIsAnErrorNotASilentDash)
{
    setFaults({{"error503Rate", 1.0}});
    auto o = options();
    o.maxAttemptsPerCycle = 3;
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    for (const auto &obj : engine.snapshot().objects) {
        EXPECT_NE(obj.status, SyncStatus::FullySynced) << obj.name.toStdString();
        EXPECT_NE(obj.status, SyncStatus::Incomplete) << obj.name.toStdString(); // unknown is not red
        EXPECT_TRUE(obj.lastAttemptFailed) << obj.name.toStdString();
        ASSERT_FALSE(obj.errors.isEmpty()) << obj.name.toStdString();
        EXPECT_FALSE(obj.errors.constLast().message.isEmpty());
    }
    setFaults({{"error503Rate", 0.0}});
    ASSERT_TRUE(idle.syncNowAndWait());
    expectSettled(engine.snapshot());
}

// Item 5: a refused sign-in is one engine state; the engine tries again by itself, and when the
// server accepts again every object goes on without a restart.
TEST_F(HonestyTest, RefusedSignInRecoversByItselfWhenTheServerAcceptsAgain)
{
    setFaults({{"failNextCount", 2}, {"failNextMode", "401"}, {"failPathContains", "/oauth2/token"}});
    auto o = options();
    o.signInRetryBaseMs = 200;
    SyncEngine engine(o);
    IdleCounter idle(engine);
    bool sawSignIn = false;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        if (!s.signInRequired)
            return;
        sawSignIn = true;
        EXPECT_TRUE(s.signInRetryAt.isValid());
        for (const auto &obj : s.objects)
            EXPECT_EQ(obj.activity, SyncActivity::WaitingForSignIn) << obj.name.toStdString();
    });
    engine.start();
    ASSERT_TRUE(waitFor([&] {
        const auto s = engine.snapshot();
        if (s.signInRequired || s.objects.isEmpty())
            return false;
        for (const auto &obj : s.objects)
            if (obj.activity != SyncActivity::Idle)
                return false;
        return true;
    }));
    EXPECT_TRUE(sawSignIn);
    expectSettled(engine.snapshot());
    expectIdentical(allObjects());
}

// Item 5: "Try again" signs in at once, without waiting for the back-off.
TEST_F(HonestyTest, TryAgainSignsInAtOnce)
{
    setFaults({{"failNextCount", 1}, {"failNextMode", "401"}, {"failPathContains", "/oauth2/token"}});
    auto o = options();
    o.signInRetryBaseMs = 600000; // the engine alone would wait ten minutes
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_TRUE(engine.snapshot().signInRequired);
    engine.tryAgain();
    ASSERT_TRUE(idle.waitNext(1));
    EXPECT_FALSE(engine.snapshot().signInRequired);
    expectSettled(engine.snapshot());
}

// Item 6: a server whose query never advances ends the attempt with an error in words, after a
// bounded number of requests.
TEST_F(HonestyTest, AQueryThatNeverAdvancesEndsTheAttemptInWords)
{
    setFaults({{"stuckQueries", "s_c__product__c"}});
    const int64_t calls = server->emulator().apiCalls();
    auto o = options(kProductsOnly);
    // The server's cursor goes round in circles: a download that follows one. Id ranges page by
    // keyset and hold none (the delta's cursor meets the fault in tst_clihonesty).
    o.rangesPerDownload = 0;
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    auto p = objectOf(engine, kProduct);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->lastAttemptFailed);
    ASSERT_FALSE(p->errors.isEmpty());
    EXPECT_EQ(p->errors.constLast().code, QStringLiteral("NO_PROGRESS"));
    EXPECT_EQ(p->activity, SyncActivity::Waiting); // no cycle interval in tests: waits for a person
    EXPECT_LT(server->emulator().apiCalls() - calls, 20);
}

/// Pages of 50 records: a download of the products is 20 pages.
class SmallPageHonestyTest : public HonestyTest
{
protected:
    void customise(emu::EmulatorOptions &eo) override { eo.minBatchSize = 50; }
};

// Item 6: a locator that always fails ends the attempt too (restarts are bounded per download).
TEST_F(SmallPageHonestyTest, ALocatorThatAlwaysFailsEndsTheAttemptInWords)
{
    setFaults({{"failLocators", true}});
    const int64_t calls = server->emulator().apiCalls();
    auto o = options(kProductsOnly);
    o.batchSize = 50; // 20 pages: more than the restarts a download may spend
    o.rangesPerDownload = 0; // one cursor chain: range pages hold no locator to fail
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    auto p = objectOf(engine, kProduct);
    EXPECT_TRUE(p->lastAttemptFailed);
    ASSERT_FALSE(p->errors.isEmpty());
    EXPECT_EQ(p->errors.constLast().code, QStringLiteral("INVALID_QUERY_LOCATOR"));
    EXPECT_TRUE(p->errors.constLast().message.contains(QStringLiteral("forgetting"))) << p->errors.constLast().message.toStdString();
    EXPECT_LT(server->emulator().apiCalls() - calls, 40);
}

// Item 6: REQUEST_LIMIT_EXCEEDED ends that object's attempt at once; the objects in back-off hold
// no download slot, so the others finish, and the cycle ends instead of waiting minutes.
TEST_F(HonestyTest, LimitAnswersEndTheAttemptAndHoldNoSlot)
{
    setFaults({{"failNextCount", 1}, {"failNextMode", "403"}, {"failPathContains", "/query"}});
    SyncEngine engine(oneDownloadAtATime()); // limitBackoffMs stays 5 minutes
    IdleCounter idle(engine);
    engine.start();
    ASSERT_TRUE(idle.waitNext(0, 30000));
    const auto snap = engine.snapshot();
    const auto *outlet = objectIn(snap, kOutlet);
    EXPECT_TRUE(outlet->lastAttemptFailed);
    ASSERT_FALSE(outlet->errors.isEmpty());
    EXPECT_EQ(outlet->errors.constLast().code, QStringLiteral("REQUEST_LIMIT_EXCEEDED"));
    EXPECT_EQ(outlet->activity, SyncActivity::Retrying);
    EXPECT_GT(outlet->retryAt, QDateTime::currentDateTimeUtc().addSecs(200));
    for (const auto &obj : snap.objects) {
        if (obj.name != kOutlet) {
            EXPECT_TRUE(obj.status == SyncStatus::FullySynced || obj.status == SyncStatus::SubsetSynced) << obj.name.toStdString();
        }
    }
}

// Item 9: a till between shifts syncs; an object scoped by the shift has nothing in scope and says
// why, and nothing is protected as the shift.
TEST_F(HonestyTest, ADeviceWithNoOpenShiftSyncsAndSaysWhyTheShiftObjectIsEmpty)
{
    const QByteArray config = R"({"version":1,"objects":[
        {"name":"s_c__outlet__c","priority":1,"fields":["Name"],"inUse":"outletId"},
        {"name":"s_c__shift__c","priority":2,"fields":["Name"],"scope":"Id = :shiftId","inUse":"shiftId"},
        {"name":"s_c__product__c","priority":3,"fields":["Name"]}]})";
    auto o = options(config);
    o.device.shiftId.clear();
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const auto shift = objectOf(engine, kShift);
    ASSERT_TRUE(shift);
    EXPECT_EQ(shift->status, SyncStatus::SubsetSynced);
    EXPECT_EQ(shift->local, 0);
    EXPECT_EQ(shift->server, 0);
    EXPECT_GT(shift->serverAll, 0);
    EXPECT_TRUE(shift->note.contains(QStringLiteral("No shift is open"))) << shift->note.toStdString();
    EXPECT_EQ(shift->inUse, 0);
    EXPECT_FALSE(shift->lastAttemptFailed);
    expectIdentical({kOutlet, kProduct});
}

// Item 11: an idle cycle costs one API call; a cycle with changes costs 1 + its pages + 1.
TEST_F(HonestyTest, AnIdleCycleCostsOneApiCall)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    int64_t calls = server->emulator().apiCalls();
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(1));
    EXPECT_EQ(server->emulator().apiCalls() - calls, 1);
    EXPECT_EQ(engine.snapshot().apiCallsLastCycle, 1);
    expectSettled(engine.snapshot());

    const QStringList products = rest->ids(kProduct);
    ASSERT_TRUE(rest->update(kProduct, products.mid(0, 3), {{"Name", "Changed"}}));
    calls = server->emulator().apiCalls();
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(2));
    // The question and one page: the counts agreed before and the delta applied every change, so the
    // server count follows from it (deltaSettles()) and no recount is asked.
    EXPECT_EQ(server->emulator().apiCalls() - calls, 2);
    expectSettled(engine.snapshot());
    expectIdentical({kProduct});

    // A restarted app asks the same one question when its counts are recent.
    calls = server->emulator().apiCalls();
    {
        SyncEngine again(options());
        IdleCounter idleAgain(again);
        again.start();
        ASSERT_TRUE(idleAgain.waitNext(0));
        expectSettled(again.snapshot());
    }
    EXPECT_EQ(server->emulator().apiCalls() - calls, 1);
}

// Issue 14, "Ready to sell": the objects the till needs (requiredForSale: outlet, shift, products in
// the bundled config) download before the others, and the engine says readyToSell once each of them
// is on the device; a clear & resync of one of them makes it not ready until it is back.
TEST_F(HonestyTest, RequiredObjectsDownloadFirstThenTheTillIsReadyToSell)
{
    setFaults({{"latencyMs", 40}}); // each download lasts a few snapshots, so that each is seen
    SyncEngine engine(oneDownloadAtATime()); // the order is the queue's
    IdleCounter idle(engine);
    QStringList started;
    std::optional<posdata::EngineSnapshot> atReady;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        for (const auto &obj : s.objects)
            if (obj.syncing && !started.contains(obj.name))
                started << obj.name;
    });
    QObject::connect(&engine, &SyncEngine::readyToSellChanged, [&](bool ready) {
        if (ready && !atReady)
            atReady = engine.snapshot();
    });
    EXPECT_FALSE(engine.readyToSell());
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_TRUE(atReady) << "never ready to sell";
    EXPECT_TRUE(engine.readyToSell());
    ASSERT_GE(started.size(), 5) << started.join(u',').toStdString();
    EXPECT_EQ(started.mid(0, 3), (QStringList{kOutlet, kShift, kProduct})) << started.join(u',').toStdString();
    for (const auto &obj : atReady->objects) {
        EXPECT_EQ(obj.requiredForSale, obj.name == kOutlet || obj.name == kShift || obj.name == kProduct)
            << obj.name.toStdString();
        if (obj.requiredForSale) {
            EXPECT_TRUE(obj.readyForSale) << obj.name.toStdString();
        }
    }
    // Clear & resync of the products: not ready until they are back.
    std::optional<bool> readyDuringClear;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        if (const auto *p = objectIn(s, kProduct); p && p->syncing && !readyDuringClear)
            readyDuringClear = s.readyToSell;
    });
    const int before = idle.count;
    engine.clearResync(kProduct);
    ASSERT_TRUE(idle.waitNext(before));
    ASSERT_TRUE(readyDuringClear);
    EXPECT_FALSE(*readyDuringClear);
    EXPECT_TRUE(engine.readyToSell());
}
