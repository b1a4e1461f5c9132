// SPDX-License-Identifier: MIT
// The sync engine end to end: in-process emulator over loopback, a real store file in a temp dir.
#include "enginefixture.h"

#include "emulator/emulator.h"

using namespace enginetest;

TEST_F(EngineTest, FullSyncEndsIdenticalToTheServer)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    expectIdentical(allObjects());
    const auto snap = engine.snapshot();
    ASSERT_EQ(snap.objects.size(), 5);
    for (const auto &o : snap.objects) {
        EXPECT_FALSE(o.syncing);
        EXPECT_FALSE(o.lastAttemptFailed) << o.name.toStdString();
        EXPECT_EQ(o.local, o.server) << o.name.toStdString();
        EXPECT_EQ(o.status, o.scoped && o.server < o.serverAll ? SyncStatus::SubsetSynced : SyncStatus::FullySynced)
            << o.name.toStdString();
    }
    EXPECT_GT(snap.apiCallsLastCycle, 0);
    EXPECT_FALSE(snap.signInRequired);
}

TEST_F(EngineTest, DeltaAppliesServerUpdatesAndDeletesAndAnIdleCycleOnlyCounts)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const QStringList products = rest->ids(kProduct);
    ASSERT_GT(products.size(), 20);
    {
        // An unsaved local edit of a record the server then deletes: the edit must survive.
        auto local = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(local->updateLocal(kProduct, products[11], R"({"Name":"edited here"})"));
    }
    ASSERT_TRUE(rest->update(kProduct, products.mid(0, 10), {{"Name", "Renamed"}}));
    ASSERT_TRUE(rest->remove(products.mid(10, 5)));
    const QStringList orders = rest->ids(kOrder, scopeOf(kOrder));
    ASSERT_FALSE(orders.isEmpty());
    ASSERT_TRUE(rest->remove(orders.mid(0, 1)));

    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(1));
    expectIdentical(allObjects());
    auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    EXPECT_TRUE(store->record(kProduct, products[0])->payload.contains("Renamed"));
    EXPECT_FALSE(store->record(kProduct, products[10]));
    ASSERT_TRUE(store->record(kProduct, products[11]));
    EXPECT_TRUE(store->record(kProduct, products[11])->payload.contains("edited here"));

    // Nothing changed: the cycle is counts in /composite (5 queries a call), no download.
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(2));
    const auto snap = engine.snapshot();
    EXPECT_LE(snap.apiCallsLastCycle, 3);
    for (const auto &o : snap.objects)
        EXPECT_NE(o.status, SyncStatus::Incomplete) << o.name.toStdString();
}

// A delta cycle costs the "changed since?" question and its pages: when the counts agreed before it
// and it applied every change, the server's count is the one read before plus what it inserted minus
// what it removed, so no recount is asked (10,000 changes in 1,000,000: 1 + 5 pages). A change the
// delta leaves as it was (an unsaved edit kept) moves the counts apart: they are read again, as before.
TEST_F(EngineTest, ADeltaCostsTheQuestionAndItsPagesAndNoRecount)
{
    SyncEngine engine(options(R"({"version":1,"objects":[{"name":"s_c__product__c","priority":1,"fields":["Name"]}]})"));
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const QStringList ids = rest->ids(kProduct);
    ASSERT_GT(ids.size(), 120);
    ASSERT_TRUE(rest->update(kProduct, ids.mid(0, 100), {{"Name", "Renamed"}}));
    ASSERT_TRUE(rest->remove(ids.mid(100, 3)));
    server->emulator().insertRecords(kProduct.toStdString(), nlohmann::json::array({{{"Name", "new 1"}}, {{"Name", "new 2"}}}));
    const qsizetype onServer = rest->ids(kProduct).size();
    ASSERT_EQ(onServer, ids.size() - 1);

    int64_t calls = server->emulator().apiCalls();
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(1));
    EXPECT_EQ(server->emulator().apiCalls() - calls, 2) << "the question and one page of 105 changes";
    expectIdentical({kProduct});
    const auto *product = objectIn(engine.snapshot(), kProduct);
    ASSERT_TRUE(product);
    EXPECT_EQ(product->status, SyncStatus::FullySynced);
    EXPECT_EQ(product->server, onServer);
    EXPECT_EQ(product->local, onServer);

    // A record with an unsaved edit deleted on the server: the edit is kept, and the counts are read
    // again instead of derived.
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store->updateLocal(kProduct, ids[110], R"({"Name":"edited here"})"));
    }
    ASSERT_TRUE(rest->remove({ids[110]}));
    calls = server->emulator().apiCalls();
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(2));
    EXPECT_GE(server->emulator().apiCalls() - calls, 3) << "the question, the page and the recount";
    product = objectIn(engine.snapshot(), kProduct);
    ASSERT_TRUE(product);
    EXPECT_EQ(product->server, onServer - 1) << "read from the server, not derived";
}

TEST_F(EngineTest, PauseMidSyncThenResumeEndsIdentical)
{
    auto o = options();
    o.maxConcurrentDownloads = 1;
    o.rangesPerDownload = 2; // five pages in three rounds: ten ranges of whole pages fetch all at once
    setFaults({{"latencyMs", 30}}); // pages slow enough for the test to see one land
    SyncEngine engine(o);
    IdleCounter idle(engine);
    bool pausedOnce = false;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        const auto *p = objectIn(s, kProduct);
        if (!pausedOnce && p && p->syncing && p->progressDone > 0) {
            pausedOnce = true;
            engine.pause(kProduct);
        }
    });
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_TRUE(pausedOnce);
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        ASSERT_TRUE(store);
        EXPECT_TRUE(store->objectState(kProduct).paused); // persisted
        auto p = objectOf(engine, kProduct);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->status, SyncStatus::Paused);
        EXPECT_FALSE(p->syncing);
    }
    const qint64 localWhilePaused = localRecords(dbPath, kProduct).size();
    // Another cycle while paused downloads nothing for the paused object.
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(1));
    EXPECT_EQ(localRecords(dbPath, kProduct).size(), localWhilePaused);

    setFaults({{"latencyMs", 0}});
    const int before = idle.count;
    engine.resume(kProduct);
    ASSERT_TRUE(idle.waitNext(before));
    expectIdentical(allObjects());
}

TEST_F(EngineTest, PauseAllOnlyWhileSyncingAndResumeAllResumesEverything)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    engine.pauseAll(); // nothing syncing: refused
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(1));
    for (const auto &o : engine.snapshot().objects)
        EXPECT_FALSE(o.paused) << o.name.toStdString();

    engine.pause(kProduct);
    engine.pause(kOrder);
    engine.resumeAll();
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(2));
    for (const auto &o : engine.snapshot().objects)
        EXPECT_FALSE(o.paused) << o.name.toStdString();
}

TEST_F(EngineTest, ClearAndResyncKeepsUnsavedAndProtectedRecords)
{
    {
        SyncEngine engine(options());
        IdleCounter idle(engine);
        ASSERT_TRUE(idle.startAndWait());
    }
    const QStringList products = localRecords(dbPath, kProduct).keys();
    ASSERT_GT(products.size(), 3);
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->createLocal(kProduct, QStringLiteral("local-1"), R"({"Name":"made here"})"));
        ASSERT_TRUE(store->updateLocal(kProduct, products[0], R"({"Name":"edited here"})"));
        ASSERT_TRUE(store->setPinned(kProduct, products[1], true));
    }
    // The server changes the edited record too: leave-if-changed must keep ours.
    ASSERT_TRUE(rest->update(kProduct, {products[0]}, {{"Name", "server edit"}}));

    // The download rules alone: the unsaved records stay local (tst_syncupload covers them going up).
    auto o = options();
    o.uploads = false;
    SyncEngine engine(o);
    IdleCounter idle(engine);
    QList<posdata::ClearPlan> plans;
    QObject::connect(&engine, &SyncEngine::clearPlanReady, [&](const QList<posdata::ClearPlan> &p) { plans = p; });
    ASSERT_TRUE(idle.startAndWait());
    engine.requestClearPlan({kProduct, kOutlet});
    ASSERT_TRUE(waitFor([&] { return !plans.isEmpty(); }));
    ASSERT_EQ(plans.size(), 2);
    EXPECT_EQ(plans[0].object, kProduct);
    EXPECT_EQ(plans[0].keepUnsaved, 2);
    EXPECT_EQ(plans[0].keepInUse, 1);
    EXPECT_EQ(plans[1].keepInUse, 1); // the active outlet

    const int before = idle.count;
    engine.clearResyncAll();
    ASSERT_TRUE(idle.waitNext(before));
    for (const auto &o : engine.snapshot().objects)
        for (const auto &e : o.errors)
            ADD_FAILURE() << o.name.toStdString() << ": " << e.code.toStdString() << " " << e.message.toStdString();
    auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->record(kProduct, QStringLiteral("local-1")));
    EXPECT_TRUE(store->record(kProduct, products[0])->payload.contains("edited here"));
    EXPECT_TRUE(store->record(kProduct, products[1]));
    EXPECT_TRUE(store->record(kOutlet, outletId));
    EXPECT_EQ(store->objectState(kProduct).pending, posdata::PendingOp::None);
    // Everything else matches the server again (the edited record is unsaved, not Synced).
    RecordMap serverSide = rest->records(kProduct);
    serverSide.remove(products[0]);
    EXPECT_TRUE(localRecords(dbPath, kProduct) == serverSide);
    expectIdentical({kOutlet, kShift, QStringLiteral("contact"), kOrder});
}

TEST_F(EngineTest, ResyncRemovesRecordsThatLeftTheScope)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const QStringList otherOutlets = rest->ids(kOutlet, QStringLiteral("Id != '%1'").arg(outletId), 1);
    ASSERT_FALSE(otherOutlets.isEmpty());
    QStringList orders = rest->ids(kOrder, scopeOf(kOrder));
    ASSERT_GT(orders.size(), 2);
    ASSERT_TRUE(rest->update(kOrder, orders.mid(0, 2), {{"s_c__outlet__c", otherOutlets[0].toStdString()}}));

    // A delta does not see records that left the scope: they stay until a resync.
    int before = idle.count;
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(before));
    EXPECT_TRUE(localRecords(dbPath, kOrder).contains(orders[0]));

    before = idle.count;
    engine.resync(kOrder);
    ASSERT_TRUE(idle.waitNext(before));
    expectIdentical({kOrder});
    EXPECT_FALSE(localRecords(dbPath, kOrder).contains(orders[0]));
}

TEST_F(EngineTest, PauseFlagsAndPendingMarkersWrittenByAnotherProcessArePickedUp)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const int generationBefore = [&] {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        return static_cast<int>(store->objectState(kOrder).generation);
    }();
    {
        // What `posdata pause` and `posdata resync` do: write the store while the app runs.
        auto cli = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(cli);
        ASSERT_TRUE(cli->setPaused(kProduct, true));
        ASSERT_GE(cli->beginFullResync(kOrder), 0);
    }
    ASSERT_TRUE(waitFor([&] {
        auto p = objectOf(engine, kProduct);
        return p && p->paused && p->status == SyncStatus::Paused;
    }));
    // The pending resync is run and finished without anyone calling the engine.
    ASSERT_TRUE(waitFor([&] {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        const auto st = store->objectState(kOrder);
        return st.pending == posdata::PendingOp::None && st.generation > generationBefore;
    }));
    ASSERT_TRUE(waitFor([&] {
        auto o = objectOf(engine, kOrder);
        return o && !o->syncing;
    }));
    expectIdentical({kOrder});
}

TEST_F(EngineTest, ApiCallsCountedAsTheServerCountsThem)
{
    const int64_t before = server->emulator().apiCalls();
    SyncEngine engine(options());
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const auto first = engine.snapshot();
    EXPECT_EQ(first.apiCallsTotal, server->emulator().apiCalls() - before);
    EXPECT_EQ(first.apiCallsLastCycle, first.apiCallsTotal);
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(1));
    const auto second = engine.snapshot();
    EXPECT_EQ(second.apiCallsTotal, server->emulator().apiCalls() - before);
    EXPECT_EQ(second.apiCallsLastCycle, second.apiCallsTotal - first.apiCallsTotal);
}

TEST_F(EngineTest, ObjectTheOrgLacksStopsOnlyThatObject)
{
    const QByteArray config = R"({"version":1,"objects":[
        {"name":"s_c__product__c","priority":1,"fields":["Name"]},
        {"name":"s_c__nope__c","priority":2,"fields":["Name"]}]})";
    SyncEngine engine(options(config));
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const auto snap = engine.snapshot();
    const auto *nope = objectIn(snap, QStringLiteral("s_c__nope__c"));
    ASSERT_TRUE(nope);
    EXPECT_TRUE(nope->lastAttemptFailed);
    ASSERT_FALSE(nope->errors.isEmpty());
    EXPECT_EQ(nope->errors.constLast().code, QStringLiteral("INVALID_TYPE"));
    EXPECT_EQ(nope->status, SyncStatus::Incomplete);
    expectIdentical({kProduct});
}

TEST_F(EngineTest, RefusedRefreshTokenIsOneSignInRequiredError)
{
    auto o = options();
    o.device.refreshToken = QStringLiteral("revoked-token");
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const auto snap = engine.snapshot();
    EXPECT_TRUE(snap.signInRequired);
    ASSERT_TRUE(snap.engineError);
    EXPECT_EQ(snap.engineError->code, QStringLiteral("SIGN_IN_REQUIRED"));
    EXPECT_FALSE(snap.engineError->message.contains(QStringLiteral("revoked-token")));
    EXPECT_EQ(snap.apiCallsTotal, 0);
}

TEST_F(EngineTest, FullDiskStopsTheDownloadAndLosesNothing)
{
    {
        // A first sync of a small object so the file exists with its schema.
        SyncEngine engine(options(R"({"version":1,"objects":[{"name":"s_c__outlet__c","priority":1,"fields":["Name"]}]})"));
        IdleCounter idle(engine);
        ASSERT_TRUE(idle.startAndWait());
    }
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store->createLocal(kProduct, QStringLiteral("local-1"), R"({"Name":"made here"})"));
    }
    const qint64 pages = QFileInfo(dbPath).size() / 4096 + 2;
    auto o = options();
    o.uploads = false; // the download side of a full disk
    o.storeMaxPageCount = pages;
    o.maxAttemptsPerCycle = 1;
    {
        SyncEngine engine(o);
        IdleCounter idle(engine);
        ASSERT_TRUE(idle.startAndWait());
        bool sawDiskFull = false;
        for (const auto &obj : engine.snapshot().objects)
            for (const auto &e : obj.errors)
                sawDiskFull = sawDiskFull || e.code == QStringLiteral("DISK_FULL");
        EXPECT_TRUE(sawDiskFull);
    }
    auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    EXPECT_TRUE(store->record(kProduct, QStringLiteral("local-1")));
    // With room again, the next run completes.
    o.storeMaxPageCount = 0;
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    expectIdentical(allObjects());
}
