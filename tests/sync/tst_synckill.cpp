// SPDX-License-Identifier: MIT
// SIGKILL at random instants: a child process runs the engine on the store and is killed again and
// again (during the download, a resync and a clear & resync); the last run must end identical to the
// server, with every unsaved and protected record still there.
#include "enginefixture.h"

#include <QProcess>
#include <QRandomGenerator>

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
        child.start(QStringLiteral(POSDATA_ENGINE_CHILD),
                    {QString::fromStdString(url), dbPath, QStringLiteral(POSDATA_SOURCE_DIR "/resources/sync-objects.json"),
                     outletId, shiftId.isEmpty() ? QStringLiteral("none") : shiftId, mode});
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
};

} // namespace

TEST_F(KillTest, KilledDuringDownloadResyncAndClearEndsIdenticalAndKeepsUnsaved)
{
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

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
