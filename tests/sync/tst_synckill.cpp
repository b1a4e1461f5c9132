// SPDX-License-Identifier: MIT
// SIGKILL at random instants: a child process runs the engine on the store and is killed again and
// again (during the download, a resync and a clear & resync); the last run must end identical to the
// server, with every unsaved and protected record still there.
#include "enginefixture.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <algorithm>

#include <set>

using namespace enginetest;

namespace {

class KillTest : public EngineTest
{
protected:
    /// Starts the child; returns its exit code, or -1 when it was killed after `killAfterMs`.
    int runChild(const QString &mode, int killAfterMs)
    {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args{QString::fromStdString(url), dbPath, QStringLiteral(POSDATA_SOURCE_DIR "/resources/sync-objects.json"),
                         outletId, shiftId.isEmpty() ? QStringLiteral("none") : shiftId, mode};
        if (!uploads)
            args << QStringLiteral("noupload");
        child.start(QStringLiteral(POSDATA_ENGINE_CHILD), args);
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

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
