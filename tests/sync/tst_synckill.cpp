// SPDX-License-Identifier: MIT
// SIGKILL at random instants: a child process runs the engine on the store and is killed again and
// again (during the download, a resync and a clear & resync); the last run must end identical to the
// server, with every unsaved and protected record still there.
#include "enginefixture.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <algorithm>

#include <set>

using namespace enginetest;

namespace {

class KillTest : public EngineTest
{
protected:
    QStringList childArgs(const QString &mode) const
    {
        QStringList args{QString::fromStdString(url), dbPath, configPath, outletId,
                         shiftId.isEmpty() ? QStringLiteral("none") : shiftId, mode};
        if (!uploads)
            args << QStringLiteral("noupload");
        return args + extraArgs;
    }

    /// Starts the child; returns its exit code, or -1 when it was killed after `killAfterMs`.
    int runChild(const QString &mode, int killAfterMs)
    {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(POSDATA_ENGINE_CHILD), childArgs(mode));
        EXPECT_TRUE(child.waitForStarted());
        if (killAfterMs >= 0 && !child.waitForFinished(killAfterMs)) {
            child.kill(); // SIGKILL
            child.waitForFinished();
            return -1;
        }
        if (killAfterMs < 0)
            child.waitForFinished(60000);
        return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -2;
    }

    /// Runs `firstMode` and kills it at random instants until a run gets to the end; a restart
    /// after a kill is usually a plain start (which must finish what is pending), sometimes the
    /// same operation asked again. The kill window widens so the job ends after ~10-20 kills.
    int killRepeatedly(const QString &firstMode)
    {
        int killed = 0;
        QString mode = firstMode;
        for (int i = 0; i < 60; ++i) {
            const int at = QRandomGenerator::global()->bounded(20, 50 + 8 * i);
            const int code = runChild(mode, at);
            if (code != -1) {
                EXPECT_EQ(code, 0) << mode.toStdString();
                break;
            }
            ++killed;
            mode = QRandomGenerator::global()->bounded(3) == 0 ? firstMode : QStringLiteral("sync");
        }
        EXPECT_EQ(runChild(QStringLiteral("sync"), -1), 0);
        return killed;
    }

    void addLocalEdits()
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        const QStringList synced = store->ids(kProduct, posdata::RecordState::Synced);
        ASSERT_GT(synced.size(), 3);
        ASSERT_TRUE(store->createLocal(kProduct, QStringLiteral("local-kill-1"), R"({"Name":"made here"})"));
        ASSERT_TRUE(store->updateLocal(kProduct, synced[0], R"({"Name":"edited here"})"));
        ASSERT_TRUE(store->setPinned(kProduct, synced[1], true));
        editedId = synced[0];
        pinnedId = synced[1];
    }

    void expectLocalEditsKept()
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->record(kProduct, QStringLiteral("local-kill-1")));
        ASSERT_TRUE(store->record(kProduct, editedId));
        EXPECT_TRUE(store->record(kProduct, editedId)->payload.contains("edited here"));
        EXPECT_TRUE(store->record(kProduct, pinnedId));
        EXPECT_TRUE(store->record(kOutlet, outletId));
        for (const QString &object : allObjects())
            EXPECT_EQ(store->objectState(object).pending, posdata::PendingOp::None) << object.toStdString();
    }

    void expectIdenticalExceptEdited()
    {
        RecordMap serverSide = rest->records(kProduct);
        serverSide.remove(editedId);
        EXPECT_TRUE(localRecords(dbPath, kProduct) == serverSide);
        expectIdentical({kOutlet, kShift, QStringLiteral("contact"), kOrder});
    }

    QString editedId;
    QString pinnedId;
    bool uploads = true;
    QString configPath = QStringLiteral(POSDATA_SOURCE_DIR "/resources/sync-objects.json");
    QStringList extraArgs; ///< more arguments for the child (batch=N)
};

/// Products only, pages of 50: a first download is 20 pages in 4 Id ranges.
class RangesKillTest : public KillTest
{
protected:
    void customise(emu::EmulatorOptions &eo) override { eo.minBatchSize = 50; }
    void SetUp() override
    {
        KillTest::SetUp();
        configPath = dir.filePath(QStringLiteral("products.json"));
        QFile f(configPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(R"({"version":1,"objects":[
            {"name":"s_c__product__c","priority":1,"fields":["Name","s_c__sku__c","s_c__price__c"]}]})");
        uploads = false;
        // Four ranges of five pages each: enough pages per range for kills to land mid-range (the
        // call bound below counts on four).
        extraArgs = {QStringLiteral("batch=50"), QStringLiteral("ranges=4")};
    }
    std::optional<posdata::RangePlan> plan() const
    {
        if (QFileInfo(dbPath).size() == 0)
            return std::nullopt;
        const auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        return store ? store->rangePlan(kProduct) : std::nullopt;
    }
    static qint64 received(const posdata::RangePlan &p)
    {
        qint64 n = 0;
        for (const auto &r : p.ranges)
            n += r.received;
        return n;
    }
    /// `now` goes on from `before`: the same plan (no new probe), every range of it still there
    /// (a split keeps its start) and at least as far.
    static void expectResumed(const posdata::RangePlan &before, const posdata::RangePlan &now)
    {
        EXPECT_EQ(now.generation, before.generation);
        EXPECT_EQ(now.highWater, before.highWater);
        EXPECT_EQ(now.total, before.total);
        for (const auto &r : before.ranges) {
            const auto it = std::find_if(now.ranges.cbegin(), now.ranges.cend(),
                                         [&](const posdata::IdRange &n) { return n.lo == r.lo; });
            ASSERT_NE(it, now.ranges.cend()) << "range " << r.lo.toStdString() << " vanished";
            EXPECT_GE(it->received, r.received) << r.lo.toStdString();
            EXPECT_GE(it->lastId, r.lastId) << r.lo.toStdString();
            EXPECT_TRUE(it->done || !r.done) << r.lo.toStdString();
        }
    }
};

} // namespace

TEST_F(KillTest, KilledDuringDownloadResyncAndClearEndsIdenticalAndKeepsUnsaved)
{
    // The download rules under kills; the unsaved records stay local (uploads have their own test).
    uploads = false;
    // Slow pages, so that a kill lands in the middle of the work.
    setFaults({{"latencyMs", 15}});
    // Initial download, killed over and over.
    const int killedDownload = killRepeatedly(QStringLiteral("sync"));
    expectIdentical(allObjects());
    addLocalEdits();
    ASSERT_TRUE(rest->update(kProduct, rest->ids(kProduct).mid(0, 30), {{"Name", "changed on server"}}));

    const int killedResync = killRepeatedly(QStringLiteral("resync"));
    expectLocalEditsKept();
    expectIdenticalExceptEdited();

    const int killedClear = killRepeatedly(QStringLiteral("clear"));
    expectLocalEditsKept();
    expectIdenticalExceptEdited();

    EXPECT_GE(killedDownload + killedResync + killedClear, 20);
    std::printf("kills: download %d, resync %d, clear %d\n", killedDownload, killedResync, killedClear);
}

// kill -9 in the middle of a ranged download, again and again: each restart goes on with the same
// plan, every range from its own checkpoint (never from the start), and the end is exact.
TEST_F(RangesKillTest, KilledRangedDownloadsResumeEveryRangeFromItsOwnCheckpoint)
{
    setFaults({{"latencyMs", 20}});
    const int64_t calls = server->emulator().apiCalls();
    std::optional<posdata::RangePlan> left; // as the last killed child left it
    int kills = 0;
    for (int i = 0; i < 40; ++i) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(POSDATA_ENGINE_CHILD), childArgs(QStringLiteral("sync")));
        ASSERT_TRUE(child.waitForStarted());
        // Killed once it has brought 50 to 200 records more than the last one left.
        const qint64 killAt = (left ? received(*left) : 0) + QRandomGenerator::global()->bounded(50, 200);
        bool killed = false;
        bool checked = false;
        while (!child.waitForFinished(2)) {
            const std::optional<posdata::RangePlan> now = plan();
            if (!now)
                continue;
            if (left && !checked) {
                expectResumed(*left, *now);
                checked = true;
            }
            if (received(*now) >= killAt) {
                child.kill(); // SIGKILL
                child.waitForFinished();
                killed = true;
                break;
            }
        }
        if (!killed) {
            EXPECT_EQ(child.exitStatus(), QProcess::NormalExit);
            EXPECT_EQ(child.exitCode(), 0);
            break;
        }
        ++kills;
        const std::optional<posdata::RangePlan> after = plan();
        ASSERT_TRUE(after) << "a killed ranged download left no plan";
        if (left)
            expectResumed(*left, *after);
        left = after;
    }
    EXPECT_GE(kills, 3);
    setFaults({{"latencyMs", 0}});
    EXPECT_EQ(runChild(QStringLiteral("sync"), -1), 0);
    expectIdentical({kProduct});
    EXPECT_FALSE(plan());
    ASSERT_TRUE(left);
    const auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->objectState(kProduct).checkpoint, left->highWater);
    // Each run costs a probe at most once (the first), the pages in flight at the kill (4), its
    // recount, and the closing page of each range; a download that started over would cost 20
    // pages a run.
    const int64_t used = server->emulator().apiCalls() - calls;
    EXPECT_LE(used, 20 + 4 + 1 + (kills + 1) * 6) << kills << " kills";
    std::printf("ranged download kills: %d, API calls: %lld\n", kills, static_cast<long long>(used));
}

TEST_F(KillTest, AThousandLocalSalesReachTheServerExactlyOnceThroughFaultsAndKills)
{
    ASSERT_EQ(runChild(QStringLiteral("sync"), -1), 0);
    // How long a child takes with nothing to do (start, sign in, counts, exit): the kill instants
    // below start from it, so that they land in the uploads whatever the build (a sanitized child
    // starts several times slower) and the machine's load.
    QElapsedTimer idle;
    idle.start();
    ASSERT_EQ(runChild(QStringLiteral("sync"), -1), 0);
    const int idleMs = int(idle.elapsed());
    const auto tillOrders = [this] {
        std::map<std::string, int> byUuid;
        for (const auto &r : rest->query("SELECT Id, s_c__pos_uuid__c FROM s_c__order__c WHERE s_c__status__c = 'Till'"))
            byUuid[r["s_c__pos_uuid__c"].get<std::string>()] += 1;
        return byUuid;
    };
    ASSERT_TRUE(tillOrders().empty());
    std::set<std::string> made;
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        for (int i = 0; i < 1000; ++i) {
            posdata::StoreError error;
            const QString id = store->createRecord(kOrder,
                {{"s_c__outlet__c", outletId}, {"s_c__total__c", 1 + i}, {"s_c__status__c", "Till"}, {"s_c__item_count__c", 1}},
                QStringLiteral("s_c__pos_uuid__c"), &error);
            ASSERT_FALSE(id.isEmpty()) << error.message.toStdString();
            made.insert(id.mid(6).toStdString()); // the external Id follows "local-"
        }
        ASSERT_EQ(store->objectState(kOrder).unsavedCount, 1000);
    }
    // Faults on every request (5% 500, 5% 503, a little latency) and answers lost after the server
    // applied an upload batch; the engine is killed at random instants, again and again.
    setFaults({{"latencyMs", 3}, {"error500Rate", 0.05}, {"error503Rate", 0.05}, {"failNextCount", 4},
               {"failNextMode", "drop"}, {"failPathContains", "composite/sobjects"}});
    int kills = 0;
    int killsMidUpload = 0; // after which some records were up and some not
    // Early kills, mostly: once every sale is up, the runs are short syncs that outrun a late kill.
    // On a loaded machine a child may be killed before it sends anything: go on (within a bound)
    // until the lost answers and a kill in the middle of the uploads have happened too.
    const auto enough = [&] {
        return kills >= 25 && killsMidUpload >= 1 && server->emulator().faults().failNextCount == 0;
    };
    for (int i = 0; i < 200 && !enough(); ++i) {
        const int code = runChild(QStringLiteral("sync"),
                                  QRandomGenerator::global()->bounded(20 + idleMs / 2, 120 + idleMs + 2 * std::min(i, 80)));
        if (code != -1)
            continue;
        ++kills;
        const auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        ASSERT_TRUE(store);
        const qint64 unsaved = store->objectState(kOrder).unsavedCount;
        killsMidUpload += unsaved > 0 && unsaved < 1000 ? 1 : 0;
    }
    EXPECT_EQ(server->emulator().faults().failNextCount, 0); // every lost answer happened
    setFaults({{"latencyMs", 0}, {"error500Rate", 0}, {"error503Rate", 0}, {"failNextCount", 0}});
    EXPECT_EQ(runChild(QStringLiteral("sync"), -1), 0);

    const auto onServer = tillOrders();
    EXPECT_EQ(onServer.size(), 1000u);
    std::set<std::string> uuids;
    for (const auto &[uuid, count] : onServer) {
        EXPECT_EQ(count, 1) << "uploaded twice: " << uuid;
        uuids.insert(uuid);
    }
    EXPECT_TRUE(uuids == made);
    auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 0);
    EXPECT_EQ(store->countSlow(kOrder) - store->countSlow(kOrder, posdata::RecordState::Synced), 0);
    expectIdentical({kOrder});
    EXPECT_GE(kills, 20);
    EXPECT_GE(killsMidUpload, 1);
    std::printf("upload kills: %d, %d of them with the upload half done (an idle run: %d ms)\n", kills, killsMidUpload,
                idleMs);
}
