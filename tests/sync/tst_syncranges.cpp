// SPDX-License-Identifier: MIT
// Full downloads in Id ranges, end to end against the emulator: the result is exact and the ranges
// ran side by side; the delta after them starts at the high-water mark read before them, so changes
// made during the download arrive in the same cycle; a clear & resync or a resync in the middle
// ends exact; a range that ends early splits the one with the most left (skewed Ids); a small object
// keeps the one-query path. The store's range plan is watched from another connection meanwhile.
#include "enginefixture.h"

#include "config/idspace.h"

#include <QTimer>

using namespace enginetest;
using posdata::IdRange;
using posdata::RangePlan;

namespace {

const QByteArray kProductsOnly = R"({"version":1,"objects":[
    {"name":"s_c__product__c","priority":1,"fields":["Name","s_c__sku__c","s_c__price__c"]}]})";

/// The products' range plan as the store holds it, read from another connection every few
/// milliseconds while the engine runs (a plan exists only while a ranged download is unfinished).
class PlanWatcher
{
public:
    explicit PlanWatcher(const QString &dbPath) : m_path(dbPath)
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] { sample(); });
        m_timer.start(2);
    }
    void stop() { m_timer.stop(); }

    QList<RangePlan> samples;
    std::function<void(const RangePlan &)> onPlan;

    qsizetype maxRanges() const
    {
        qsizetype most = 0;
        for (const RangePlan &p : samples)
            most = std::max(most, p.ranges.size());
        return most;
    }
    /// At some moment two ranges or more had records in and were not done.
    bool sawRangesSideBySide() const
    {
        for (const RangePlan &p : samples) {
            int busy = 0;
            for (const IdRange &r : p.ranges)
                busy += r.received > 0 && !r.done ? 1 : 0;
            if (busy >= 2)
                return true;
        }
        return false;
    }

private:
    void sample()
    {
        if (QFileInfo(m_path).size() == 0)
            return; // not created yet
        const auto store = posdata::LocalStore::open(m_path, posdata::LocalStore::Mode::ReadOnly);
        if (!store)
            return;
        const std::optional<RangePlan> plan = store->rangePlan(kProduct);
        if (!plan)
            return;
        samples.append(*plan);
        if (onPlan)
            onPlan(*plan);
    }

    QString m_path;
    QTimer m_timer;
};

} // namespace

class RangesTest : public EngineTest
{
protected:
    void customise(emu::EmulatorOptions &eo) override { eo.minBatchSize = 50; }

    /// Products only (1000 of them), pages of 50: a full download is 20 pages in 4 ranges.
    SyncEngineOptions rangedOptions(const QByteArray &config = kProductsOnly)
    {
        auto o = options(config);
        o.batchSize = 50;
        o.rangesPerDownload = 4;
        o.repairMismatches = false; // a gap must not exist, not be repaired afterwards
        o.storePollMs = 50;
        return o;
    }
    posdata::ObjectState productState() const
    {
        const auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        return store ? store->objectState(kProduct) : posdata::ObjectState{};
    }
    /// Runs `idle`'s engine's first cycle while `plans` watches; the API calls it cost (before any
    /// check's own queries).
    int64_t firstCycleCalls(IdleCounter &idle, PlanWatcher &plans)
    {
        const int64_t calls = server->emulator().apiCalls();
        EXPECT_TRUE(idle.startAndWait());
        plans.stop();
        return server->emulator().apiCalls() - calls;
    }
    bool planLeft() const
    {
        const auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        return store && store->rangePlan(kProduct).has_value();
    }
    void expectProductsExact(SyncEngine &engine)
    {
        expectFullySyncedExact(engine, kProduct);
        EXPECT_FALSE(planLeft());
    }
    /// The newest change of the products on the server, tombstones included (the high-water mark).
    posdata::Checkpoint newestChange()
    {
        const auto rows = rest->query("SELECT Id, SystemModstamp FROM s_c__product__c ORDER BY SystemModstamp DESC, Id DESC LIMIT 1", true);
        if (rows.size() != 1)
            return {};
        return {QString::fromStdString(rows[0]["SystemModstamp"].get<std::string>()),
                QString::fromStdString(rows[0]["Id"].get<std::string>())};
    }
};

TEST_F(RangesTest, ARangedDownloadIsExactAndItsRangesRunSideBySide)
{
    setFaults({{"latencyMs", 5}});
    const posdata::Checkpoint mark = newestChange();
    ASSERT_FALSE(mark.isEmpty());
    SyncEngine engine(rangedOptions());
    IdleCounter idle(engine);
    // What the screen says while the first download runs: "Synced N of 1,000" from the probe's count.
    qint64 serverWhileSyncing = -2;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        if (const auto *p = objectIn(s, kProduct); p && p->syncing && p->local > 0 && serverWhileSyncing == -2)
            serverWhileSyncing = p->server;
    });
    PlanWatcher plans(dbPath);
    const int64_t used = firstCycleCalls(idle, plans);
    EXPECT_EQ(serverWhileSyncing, 1000) << "the count in scope the probe read, shown while the ranges run";
    ASSERT_FALSE(plans.samples.isEmpty()) << "no range plan was ever seen";
    const RangePlan &first = plans.samples.first();
    EXPECT_EQ(first.ranges.size(), 4);
    EXPECT_EQ(first.total, 1000);
    EXPECT_FALSE(first.reconcile); // nothing local before: nothing to reconcile
    EXPECT_EQ(first.highWater, mark);
    EXPECT_TRUE(plans.sawRangesSideBySide());
    expectProductsExact(engine);
    // The delta after the ranges starts where the server stood when they began.
    EXPECT_EQ(productState().checkpoint, mark);
    EXPECT_EQ(productState().pending, posdata::PendingOp::None);
    // The emulator's Ids follow one another (base 62, as Salesforce makes them): the ranges and
    // their re-splits hold whole pages, so the download costs the 20 pages one cursor would, the
    // probe and the recount.
    EXPECT_EQ(used, 20 + 2) << "re-splits: " << plans.maxRanges() - 4;

    // Nothing changed: the next cycle downloads nothing.
    ASSERT_TRUE(idle.syncNowAndWait());
    expectProductsExact(engine);
}

// API economy: 1,000 products in pages of 60 are 17 pages for one cursor; in four ranges of equal
// Id spans (250 records each: 4 pages and a part page) they would be 20. Split after whole
// pages, the ranges cost the cursor's 17 and the probe and the recount, re-split or not.
TEST_F(RangesTest, ARangedDownloadCostsTheOneCursorsPagesAndTwoCallsMore)
{
    setFaults({{"latencyMs", 5}});
    auto o = rangedOptions();
    o.batchSize = 60;
    SyncEngine engine(o);
    IdleCounter idle(engine);
    PlanWatcher plans(dbPath);
    const int64_t used = firstCycleCalls(idle, plans);
    ASSERT_FALSE(plans.samples.isEmpty());
    EXPECT_EQ(plans.samples.first().ranges.size(), 4);
    EXPECT_EQ(used, 17 + 2) << "re-splits: " << plans.maxRanges() - 4;
    expectProductsExact(engine);
}

// Ids with holes (records deleted, Ids made by several servers): the split is a guess, and a
// range costs its own pages (its records in pages of 50, a part page at its end) and the download
// at most 2 calls more (the probe and the recount). Here 200 records are left, 4 pages, one a
// range: the split points fall a quarter of the Ids apart. The last range holds two whole pages (it
// ends with the largest Id) and the others a part page each, too few to be re-split: the last range
// must know it is done without asking for an empty page.
TEST_F(RangesTest, ARangedDownloadCostsItsPagesAndAtMostTwoCallsMore)
{
    const QStringList ids = rest->ids(kProduct);
    ASSERT_EQ(ids.size(), 1000);
    const auto space = posdata::IdSpace::between(ids.first(), ids.last());
    ASSERT_TRUE(space);
    const QStringList points = space->pageSplitPoints(4, 200, 50); // as the engine will split 200 records
    ASSERT_EQ(points.size(), 3);
    QList<QStringList> ranges(4);
    for (const QString &id : ids)
        ranges[std::upper_bound(points.cbegin(), points.cend(), id) - points.cbegin()] << id;
    QStringList gone;
    for (int i = 0; i < 4; ++i) {
        // Evenly thinned (a range's density decides re-splits); the first range keeps its first Id
        // and the last its last: the object's ends stay where the split points were made from.
        const qsizetype keep = i == 3 ? 100 : i == 2 ? 40 : 30, size = ranges[i].size(); // 200 in all
        ASSERT_GT(size, keep);
        QSet<qsizetype> kept;
        for (qsizetype j = 0; j < keep; ++j)
            kept.insert(i < 3 ? j * size / keep : size - 1 - j * size / keep);
        for (qsizetype j = 0; j < size; ++j)
            if (!kept.contains(j))
                gone << ranges[i][j];
    }
    ASSERT_TRUE(rest->remove(gone));

    setFaults({{"latencyMs", 5}});
    SyncEngine engine(rangedOptions());
    IdleCounter idle(engine);
    PlanWatcher plans(dbPath);
    const int64_t used = firstCycleCalls(idle, plans);
    ASSERT_FALSE(plans.samples.isEmpty());
    EXPECT_EQ(plans.samples.first().total, 200);
    EXPECT_EQ(plans.maxRanges(), 4); // no range ever holds two pages more than it has in: no re-split
    EXPECT_LE(used, 1 + 1 + 1 + 2 + 2);
    expectProductsExact(engine);
}

TEST_F(RangesTest, ChangesDuringARangedDownloadArriveInTheSameCycle)
{
    setFaults({{"latencyMs", 10}});
    SyncEngine engine(rangedOptions());
    IdleCounter idle(engine);
    auto plans = std::make_unique<PlanWatcher>(dbPath);
    QStringList updated;
    plans->onPlan = [&](const RangePlan &p) {
        const IdRange &r0 = p.ranges.first();
        if (!updated.isEmpty() || r0.received < 100 || r0.done)
            return;
        // Records the first range has written already (up to its checkpoint) change on the server;
        // the counts stay as they were, so nothing but the delta can bring the changes.
        const QStringList behind = rest->ids(kProduct, QStringLiteral("Id <= '%1'").arg(r0.lastId));
        ASSERT_GE(behind.size(), 100);
        updated = behind.mid(0, 20);
        ASSERT_TRUE(rest->update(kProduct, updated, {{"Name", "changed meanwhile"}}));
    };
    ASSERT_TRUE(idle.startAndWait());
    plans->stop();
    ASSERT_FALSE(updated.isEmpty()) << "the changes never met the download";
    setFaults({{"latencyMs", 0}});

    // The ranges had passed these records when they changed, and the counts did not move: only the
    // question "changed since the high-water mark read before the ranges?", asked with the recount
    // after them, can tell. It starts a delta in the same cycle: the object is never called synced
    // with these records stale (nor does it wait for the next cycle, minutes later).
    RecordMap local = localRecords(dbPath, kProduct);
    RecordMap serverSide = rest->records(kProduct);
    for (const QString &id : std::as_const(updated)) {
        ASSERT_TRUE(local.contains(id));
        EXPECT_EQ(local.value(id), serverSide.value(id)) << id.toStdString();
    }
    expectProductsExact(engine);
    const posdata::Checkpoint checkpoint = productState().checkpoint;
    EXPECT_LT(plans->samples.first().highWater.systemModstamp, serverSide.value(updated.first()));
    EXPECT_GE(checkpoint.systemModstamp, serverSide.value(updated.first())) << "the delta moved the checkpoint on";
    int before = idle.count;
    engine.syncNow();
    ASSERT_TRUE(idle.waitNext(before));
    expectProductsExact(engine);

    // The same in a resync, with a record the ranges had passed deleted and one created meanwhile:
    // the counts differ after the ranges, and the engine's delta settles them.
    setFaults({{"latencyMs", 10}});
    plans = std::make_unique<PlanWatcher>(dbPath);
    QString deleted, added;
    plans->onPlan = [&](const RangePlan &p) {
        const IdRange &r0 = p.ranges.first();
        if (!deleted.isEmpty() || r0.received < 100 || r0.done)
            return;
        deleted = rest->ids(kProduct, QStringLiteral("Id <= '%1'").arg(r0.lastId)).value(40);
        ASSERT_TRUE(rest->remove({deleted}));
        const auto made = server->emulator().insertRecords(kProduct.toStdString(),
                                                           nlohmann::json::array({{{"Name", "made meanwhile"}}}));
        added = QString::fromStdString(made.at(0).value("id", std::string()));
    };
    before = idle.count;
    engine.resync(kProduct);
    ASSERT_TRUE(idle.waitNext(before));
    plans->stop();
    ASSERT_FALSE(deleted.isEmpty()) << "the changes never met the download";
    if (!objectOf(engine, kProduct) || objectOf(engine, kProduct)->status != SyncStatus::FullySynced) {
        before = idle.count;
        engine.syncNow();
        ASSERT_TRUE(idle.waitNext(before));
    }
    expectProductsExact(engine);
    local = localRecords(dbPath, kProduct);
    EXPECT_FALSE(local.contains(deleted));
    EXPECT_TRUE(local.contains(added));
}

// A clear & resync or a resync in the middle of a ranged download, from another connection (what
// the CLI does) and from the engine itself: the old generation's pages and range checkpoints are
// dropped, a new plan starts, and the end is exact.
TEST_F(RangesTest, AClearOrResyncInTheMiddleOfARangedDownloadEndsExact)
{
    for (int round = 0; round < 4; ++round) {
        SCOPED_TRACE(round);
        for (const QString suffix : {"", "-wal", "-shm"})
            QFile::remove(dbPath + suffix);
        setFaults({{"latencyMs", 10}});
        SyncEngine engine(rangedOptions());
        IdleCounter idle(engine);
        PlanWatcher plans(dbPath);
        const bool fromAnotherConnection = round % 2 == 0;
        const bool clear = round < 2;
        bool done = false;
        plans.onPlan = [&](const RangePlan &p) {
            qint64 received = 0;
            for (const IdRange &r : p.ranges)
                received += r.received;
            if (done || received < 300)
                return;
            done = true;
            resyncNow(engine, kProduct, clear, fromAnotherConnection);
        };
        ASSERT_TRUE(idle.startAndWait());
        ASSERT_TRUE(done) << "the action never met the download";
        // The cleared or resynced object went on in ranges of its new generation.
        waitFor([&] { return !planLeft(); }, 5000);
        plans.stop();
        const qint64 firstGeneration = plans.samples.first().generation;
        EXPECT_TRUE(std::any_of(plans.samples.cbegin(), plans.samples.cend(),
                                [&](const RangePlan &p) { return p.generation > firstGeneration; }));
        // A second cycle must have nothing left to do: no gap that only a resync would repair.
        ASSERT_TRUE(idle.syncNowAndWait());
        expectProductsExact(engine);
    }
}

TEST_F(RangesTest, ARangeThatEndsEarlySplitsTheOneWithTheMostLeft)
{
    // Skewed Ids: of the first 750 products only every tenth is left, so three of the four even
    // ranges hold about 25 records each and the last one about 250.
    const QStringList ids = rest->ids(kProduct);
    ASSERT_EQ(ids.size(), 1000);
    QStringList gone;
    for (int i = 0; i < 750; ++i)
        if (i % 10 != 9)
            gone << ids[i];
    ASSERT_TRUE(rest->remove(gone));
    setFaults({{"latencyMs", 10}});
    SyncEngine engine(rangedOptions());
    IdleCounter idle(engine);
    PlanWatcher plans(dbPath);
    ASSERT_TRUE(idle.startAndWait());
    plans.stop();
    ASSERT_FALSE(plans.samples.isEmpty());
    EXPECT_EQ(plans.samples.first().ranges.size(), 4);
    EXPECT_EQ(plans.samples.first().total, 325);
    EXPECT_GT(plans.maxRanges(), 4) << "no range was split";
    expectProductsExact(engine);
}

// A small object (its known count fits in one page) is downloaded with one query, as before: its
// resync costs the same API calls with ranges on as with ranges off.
TEST_F(RangesTest, ASmallObjectKeepsTheOneQueryPath)
{
    const auto resyncCalls = [&](int ranges) {
        for (const QString suffix : {"", "-wal", "-shm"})
            QFile::remove(dbPath + suffix);
        auto o = options();
        o.rangesPerDownload = ranges;
        SyncEngine engine(o);
        IdleCounter idle(engine);
        EXPECT_TRUE(idle.startAndWait());
        const int64_t calls = server->emulator().apiCalls();
        const int before = idle.count;
        engine.resync(kOutlet); // 3 records, counted by the first sync
        EXPECT_TRUE(idle.waitNext(before));
        expectIdentical(allObjects());
        return server->emulator().apiCalls() - calls;
    };
    const int64_t oneQuery = resyncCalls(0);
    EXPECT_EQ(resyncCalls(4), oneQuery);
}

// Issue 14, "Ready to sell": the till may open the moment the required records are on the device,
// not a round trip later when the recount after the download has answered (on a store's link that is
// ~0.3 s of every first sync). 500 ms of server time per request keeps the recount in flight long
// after the snapshot that says ready (snapshots every 20 ms here).
TEST_F(RangesTest, ReadyToSellTheMomentTheRequiredRecordsAreInNotAfterTheRecount)
{
    const QByteArray required = R"({"version":1,"objects":[
        {"name":"s_c__product__c","priority":1,"requiredForSale":true,"fields":["Name","s_c__sku__c"]}]})";
    SyncEngine engine(rangedOptions(required));
    IdleCounter idle(engine);
    std::optional<posdata::SyncObjectSnapshot> atReady;
    QObject::connect(&engine, &SyncEngine::readyToSellChanged, [&](bool ready) {
        if (ready && !atReady)
            atReady = objectOf(engine, kProduct);
    });
    setFaults({{"serverTimeMs", 500}});
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_TRUE(atReady) << "never ready to sell";
    EXPECT_EQ(atReady->local, 1000); // every record in ...
    EXPECT_FALSE(atReady->lastSynced.isValid()); // ... before the recount settled the object
    EXPECT_TRUE(engine.readyToSell());
    const auto settled = objectOf(engine, kProduct);
    ASSERT_TRUE(settled);
    EXPECT_TRUE(settled->lastSynced.isValid());
    EXPECT_EQ(settled->status, posdata::SyncStatus::FullySynced);
}

// Issue 16, storage per object: the bytes a download changed are measured once the engine is idle
// (a pass over the object's rows, 0.4 s at 1,000,000: never on the cycle's critical path); until then
// the snapshot says unknown (-1), never the bytes of the rows before.
TEST_F(RangesTest, StorageIsMeasuredOnceIdleAndUnknownUntilThen)
{
    // Pages of a few ms each: the download lasts longer than the 100 ms between two snapshots, so one
    // of them shows it (without it the 1,000 products may be in before the first one after start).
    setFaults({{"latencyMs", 10}});
    SyncEngine engine(rangedOptions());
    IdleCounter idle(engine);
    std::optional<qint64> bytesAtIdle;
    std::optional<qint64> freeWhileDownloading; // the volume is measured at start, for the low-space rule
    qint64 firstDatabaseBytes = -1, lastDatabaseBytes = -1; // ... and again while the download fills it
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        const auto *p = objectIn(s, kProduct);
        if (!p || !p->syncing)
            return;
        if (!freeWhileDownloading)
            freeWhileDownloading = s.freeBytes;
        if (firstDatabaseBytes < 0)
            firstDatabaseBytes = s.databaseBytes;
        lastDatabaseBytes = s.databaseBytes;
    });
    QObject::connect(&engine, &SyncEngine::idle, [&] {
        if (!bytesAtIdle)
            bytesAtIdle = objectOf(engine, kProduct)->bytes;
    });
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_TRUE(freeWhileDownloading);
    EXPECT_GT(*freeWhileDownloading, 0);
    EXPECT_GT(lastDatabaseBytes, firstDatabaseBytes) << "the database's size shown while it grew stayed the start's";
    ASSERT_TRUE(bytesAtIdle);
    EXPECT_EQ(*bytesAtIdle, -1) << "1,000 products arrived: the start's measure of an empty object is not theirs";
    ASSERT_TRUE(testsupport::waitFor([&] { return objectOf(engine, kProduct)->bytes >= 0; }, 10000));
    const auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    EXPECT_EQ(objectOf(engine, kProduct)->bytes, store->recordBytes(kProduct));
    EXPECT_GT(objectOf(engine, kProduct)->bytes, 1000 * 18) << "1,000 records: their Ids and fields";
}
