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

    /// Kills `kills` runs of `mode` at random instants (restarted runs are plain syncs that must
    /// finish what was pending), then one run to the end.
    int killRepeatedly(const QString &firstMode, int kills)
    {
        int killed = 0;
        QString mode = firstMode;
        for (int i = 0; i < kills; ++i) {
            const int at = QRandomGenerator::global()->bounded(30, 400);
            if (runChild(mode, at) == -1) {
                ++killed;
            } else if (mode != QLatin1String("sync")) {
                mode = QStringLiteral("sync");
                continue;
            }
            // After a kill, half the time start the same operation over (the user asks again),
            // half the time just restart (the next start must finish the job).
            if (firstMode != QLatin1String("sync"))
                mode = QRandomGenerator::global()->bounded(2) ? firstMode : QStringLiteral("sync");
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
    // Initial download, killed over and over.
    const int killedDownload = killRepeatedly(QStringLiteral("sync"), 8);
    expectIdentical(allObjects());
    addLocalEdits();
    ASSERT_TRUE(rest->update(kProduct, rest->ids(kProduct).mid(0, 30), {{"Name", "changed on server"}}));

    const int killedResync = killRepeatedly(QStringLiteral("resync"), 8);
    expectLocalEditsKept();
    expectIdenticalExceptEdited();

    const int killedClear = killRepeatedly(QStringLiteral("clear"), 8);
    expectLocalEditsKept();
    expectIdenticalExceptEdited();

    EXPECT_GE(killedDownload + killedResync + killedClear, 20);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
