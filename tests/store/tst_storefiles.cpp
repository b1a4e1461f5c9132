// SPDX-License-Identifier: MIT
// The store's file: creation, refusal of files that are not SQLite (left byte-identical), WAL,
// read-only readers next to a writer, full disk, state that survives a restart.

#include "store/localstore.h"
#include "store/sqltransaction.h"
#include "store/storetuning.h"
#include "storetesthelpers.h"
#include "support/waitfor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <chrono>
#include <thread>

using namespace posdata;
using namespace posdata::test;

namespace {

class StoreFiles : public ::testing::Test
{
protected:
    QTemporaryDir dir;
    QString path() const { return dir.filePath(QStringLiteral("pos.db")); }
    std::unique_ptr<LocalStore> openRw(StoreError *err = nullptr)
    {
        return LocalStore::open(path(), LocalStore::Mode::ReadWrite, err);
    }
};

TEST_F(StoreFiles, CreatesSchemaInWalMode)
{
    StoreError err;
    auto store = openRw(&err);
    ASSERT_TRUE(store) << err.message.toStdString();
    EXPECT_TRUE(err.ok());
    RawDb raw(path());
    EXPECT_EQ(raw.scalar("PRAGMA user_version"), QString::number(LocalStore::SchemaVersion));
    EXPECT_EQ(raw.scalar("PRAGMA journal_mode"), QStringLiteral("wal"));
    EXPECT_EQ(
        raw.scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('records','objects','protected')"),
        QStringLiteral("3"));
}

TEST_F(StoreFiles, ReopenKeepsDataAndDoesNotMigrateAgain)
{
    {
        auto store = openRw();
        ASSERT_TRUE(store);
        store->applyPage(kObj, pageOf({ "a", "b" }), { "2026-11-28T00:00:00.000+0000", "b" }, 0);
    }
    StoreError err;
    auto store = openRw(&err);
    ASSERT_TRUE(store) << err.message.toStdString();
    EXPECT_EQ(store->objectState(kObj).localCount, 2);
    EXPECT_EQ(store->countSlow(kObj), 2);
}

TEST_F(StoreFiles, RefusesAFileThatIsNotSqliteAndLeavesItUntouched)
{
    const QByteArray content = "this is a text file, not a database\n" + QByteArray(5000, 'x');
    {
        QFile f(path());
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    for (auto mode : { LocalStore::Mode::ReadWrite, LocalStore::Mode::ReadOnly }) {
        StoreError err;
        EXPECT_FALSE(LocalStore::open(path(), mode, &err));
        EXPECT_EQ(err.kind, StoreError::NotSqlite);
        EXPECT_TRUE(err.message.contains(QStringLiteral("not an SQLite database")))
            << err.message.toStdString();
    }
    EXPECT_EQ(fileBytes(path()), content);
    EXPECT_FALSE(QFile::exists(path() + QStringLiteral("-wal")));
    EXPECT_FALSE(QFile::exists(path() + QStringLiteral("-shm")));
}

TEST_F(StoreFiles, RefusesAnSqliteHeaderWithGarbageBehindIt)
{
    QByteArray content("SQLite format 3\0", 16);
    content += QByteArray(4096, '\x5a');
    {
        QFile f(path());
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    StoreError err;
    EXPECT_FALSE(openRw(&err));
    EXPECT_EQ(err.kind, StoreError::NotSqlite);
    EXPECT_EQ(fileBytes(path()), content);
}

TEST_F(StoreFiles, ReadOnlyNeedsAnExistingFile)
{
    StoreError err;
    EXPECT_FALSE(LocalStore::open(path(), LocalStore::Mode::ReadOnly, &err));
    EXPECT_EQ(err.kind, StoreError::Io);
    EXPECT_FALSE(QFile::exists(path()));
}

TEST_F(StoreFiles, ReadOnlyReadsWhileAWriterHoldsTheFile)
{
    auto writer = openRw();
    ASSERT_TRUE(writer);
    writer->applyPage(kObj, pageOf({ "a", "b", "c" }), { "t", "c" }, 0);

    StoreError err;
    auto reader = LocalStore::open(path(), LocalStore::Mode::ReadOnly, &err);
    ASSERT_TRUE(reader) << err.message.toStdString();
    EXPECT_EQ(reader->objectState(kObj).localCount, 3);

    // A write transaction held open by another program does not block WAL readers.
    RawDb other(path());
    ASSERT_TRUE(other.exec("BEGIN IMMEDIATE"));
    EXPECT_EQ(reader->objectState(kObj).localCount, 3);
    EXPECT_EQ(reader->ids(kObj).size(), 3);
    ASSERT_TRUE(other.exec("ROLLBACK"));

    writer->applyPage(kObj, pageOf({ "d" }), { "t", "d" }, 0);
    EXPECT_EQ(reader->objectState(kObj).localCount, 4);

    EXPECT_FALSE(reader->setPaused(kObj, true, &err));
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    const ApplyResult r = reader->applyPage(kObj, pageOf({ "e" }), {}, 0, &err);
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_EQ(r.inserted, 0);
    EXPECT_EQ(writer->countSlow(kObj), 4);
}

TEST_F(StoreFiles, TwoStoresOnOneFileInOneThread)
{
    auto a = openRw();
    auto b = openRw();
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    a->applyPage(kObj, pageOf({ "x" }), {}, 0);
    EXPECT_EQ(b->objectState(kObj).localCount, 1);
}

TEST_F(StoreFiles, PendingOperationSurvivesReopen)
{
    qint64 generation = 0;
    {
        auto store = openRw();
        ASSERT_TRUE(store);
        store->applyPage(kObj, pageOf({ "a", "b" }), { "t1", "b" }, 0);
        generation = store->beginClearResync(kObj);
        ASSERT_GT(generation, 0);
        store->applyPage(kObj, pageOf({ "a" }), { "t2", "a" }, generation);
    }
    {
        auto store = openRw();
        ASSERT_TRUE(store);
        const ObjectState s = store->objectState(kObj);
        EXPECT_EQ(s.pending, PendingOp::ClearResync);
        EXPECT_EQ(s.generation, generation);
        EXPECT_EQ(s.checkpoint, (Checkpoint { "t2", "a" }));
        EXPECT_EQ(s.localCount, 1);
        EXPECT_TRUE(store->finishPending(kObj, generation));
        const qint64 full = store->beginFullResync(kObj);
        EXPECT_EQ(full, generation + 1);
    }
    auto store = openRw();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->objectState(kObj).pending, PendingOp::FullResync);
    EXPECT_TRUE(store->objectState(kObj).checkpoint.isEmpty());
}

TEST_F(StoreFiles, SyncStateRoundTrips)
{
    const QDateTime t1 = QDateTime::fromMSecsSinceEpoch(1764300000123, Qt::UTC);
    const QDateTime t2 = t1.addSecs(60);
    {
        auto store = openRw();
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->ensureObjects({ kObj, QStringLiteral("contact") }));
        EXPECT_TRUE(store->setPaused(kObj, true));
        EXPECT_TRUE(store->setServerCounts(kObj, 10, 25, t1));
        EXPECT_TRUE(
            store->setLastError(kObj, QStringLiteral("INVALID_FIELD"), QStringLiteral("No such column"), t2));
        EXPECT_TRUE(store->setLastSynced(QStringLiteral("contact"), t2));
    }
    auto store = LocalStore::open(path(), LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    const QList<ObjectState> all = store->allObjectStates();
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all[0].object, QStringLiteral("contact"));
    EXPECT_EQ(all[0].lastSyncedAt, t2);
    EXPECT_FALSE(all[0].paused);
    EXPECT_EQ(all[0].serverCount, -1);
    const ObjectState s = all[1];
    EXPECT_TRUE(s.known);
    EXPECT_TRUE(s.paused);
    EXPECT_EQ(s.serverCount, 10);
    EXPECT_EQ(s.serverAllCount, 25);
    EXPECT_EQ(s.countsReadAt, t1);
    EXPECT_EQ(s.lastErrorCode, QStringLiteral("INVALID_FIELD"));
    EXPECT_EQ(s.lastErrorMessage, QStringLiteral("No such column"));
    EXPECT_EQ(s.lastErrorAt, t2);
    EXPECT_FALSE(s.lastSyncedAt.isValid());
    EXPECT_FALSE(store->objectState(QStringLiteral("never_seen")).known);
}

class StoreFilesWritePaths : public StoreFiles, public ::testing::WithParamInterface<LocalStore::WritePath>
{ };

TEST_P(StoreFilesWritePaths, FullDiskRollsBackWholeAndRecovers)
{
    StoreError openError;
    auto store = LocalStore::open(path(), LocalStore::Mode::ReadWrite, &openError, GetParam());
    ASSERT_TRUE(store) << openError.message.toStdString();
    ASSERT_EQ(store->writePath(), GetParam());
    ASSERT_TRUE(store->setInUse({ { kObj, QStringLiteral("p0") } }));
    QStringList first;
    for (int i = 0; i < 50; ++i)
        first << QStringLiteral("p%1").arg(i);
    store->applyPage(kObj, pageOf(first), { "t1", "p49" }, 0);
    const ObjectState before = store->objectState(kObj);
    ASSERT_EQ(before.localCount, 50);

    qint64 pages = 0;
    {
        RawDb raw(path());
        pages = raw.scalar("PRAGMA page_count").toLongLong();
    }
    ASSERT_GT(pages, 0);
    ASSERT_TRUE(store->setMaxPageCount(pages + 2));

    QStringList big;
    for (int i = 50; i < 2050; ++i)
        big << QStringLiteral("p%1").arg(i);
    StoreError err;
    const ApplyResult r = store->applyPage(kObj, pageOf(big), { "t2", "p2049" }, 0, &err);
    EXPECT_EQ(err.kind, StoreError::DiskFull);
    EXPECT_TRUE(err.message.contains(QStringLiteral("disk is full"))) << err.message.toStdString();
    EXPECT_EQ(r, ApplyResult {});
    EXPECT_EQ(store->lastError().kind, StoreError::DiskFull);

    const ObjectState after = store->objectState(kObj);
    EXPECT_EQ(after.localCount, 50);
    EXPECT_EQ(after.inUseCount, 1);
    EXPECT_EQ(after.checkpoint, (Checkpoint { "t1", "p49" }));
    EXPECT_EQ(store->countSlow(kObj), 50);

    ASSERT_TRUE(store->setMaxPageCount(0));
    const ApplyResult again = store->applyPage(kObj, pageOf(big), { "t2", "p2049" }, 0, &err);
    EXPECT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_EQ(again.inserted, 2000);
    EXPECT_EQ(store->objectState(kObj).localCount, 2050);
    EXPECT_EQ(store->countSlow(kObj), 2050);
    EXPECT_EQ(store->objectState(kObj).checkpoint, (Checkpoint { "t2", "p2049" }));
}

INSTANTIATE_TEST_SUITE_P(Paths, StoreFilesWritePaths,
    ::testing::Values(LocalStore::WritePath::SqliteApi, LocalStore::WritePath::QtSql), writePathName);

// A first download writes faster than checkpoints copy (each one syncs the disk), and a reader
// that holds its snapshot (posdata status, the screen) keeps the WAL from starting over: the WAL file
// grows meanwhile, to the size of the database at worst. Once the copy caught up, the next write
// starts it over and cuts the file back to tuning::WalGuardBytes: a big download does not keep its
// WAL's disk space for the rest of the day.
TEST_F(StoreFiles, TheWalFileIsCutBackOnceCheckpointsCaughtUp)
{
    // Both ways the store checkpoints: by the writer (SQLite's own), and on the background thread the
    // engine starts (the writer then checkpoints only past the guard).
    for (const bool background : { false, true }) {
        SCOPED_TRACE(background ? "background checkpoints" : "the writer's checkpoints");
        QFile::remove(path());
        auto store = openRw();
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->setBackgroundCheckpoints(background));
        const QString wal = path() + QStringLiteral("-wal");
        RawDb reader(path(), SQLITE_OPEN_READONLY);
        ASSERT_TRUE(reader.exec("BEGIN"));
        ASSERT_EQ(reader.scalar("SELECT count(*) FROM records"), QStringLiteral("0")); // the snapshot is held
        const QByteArray filler(4000, 'p');
        int page = 0;
        while (QFileInfo(wal).size() < 2 * tuning::WalGuardBytes) {
            QVector<IncomingRecord> records;
            for (int i = 0; i < 500; ++i)
                records.append({ QStringLiteral("r%1-%2").arg(page).arg(i), QStringLiteral("t"), false, filler });
            ASSERT_EQ(store->applyPage(kObj, records, { QStringLiteral("t"), records.last().id }, 0).inserted, 500);
            ++page;
        }
        ASSERT_TRUE(reader.exec("COMMIT"));
        // The checkpoints copy the rest now that no reader holds the old snapshot (background ones in
        // a pause of the writer's); a write after that starts the WAL over. The engine writes its
        // live state twice a second: a write every quarter of a second here.
        int late = 0;
        bool cutBack = false;
        for (int i = 0; i < 40 * testsupport::timeScale() && !cutBack; ++i) {
            store->applyPage(kObj, pageOf({ QStringLiteral("late%1").arg(late++) }), { QStringLiteral("t"), QStringLiteral("late") }, 0);
            cutBack = QFileInfo(wal).size() <= tuning::WalGuardBytes;
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
        EXPECT_TRUE(cutBack) << QFileInfo(wal).size() << " bytes after " << page << " pages";
        EXPECT_EQ(store->countSlow(kObj), page * 500 + late);
    }
}

TEST_F(StoreFiles, TransactionRollsBackUnlessCommitted)
{
    auto store = openRw();
    ASSERT_TRUE(store);
    store.reset();
    const QString conn = QStringLiteral("tst_tx");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(path());
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE t(x)")));
        {
            SqlTransaction tx(db);
            ASSERT_TRUE(tx.isActive());
            ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
        }
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
        EXPECT_EQ(q.value(0).toInt(), 0);
        q.finish();
        {
            SqlTransaction tx(db);
            ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO t VALUES (2)")));
            EXPECT_TRUE(tx.commit());
        }
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
        EXPECT_EQ(q.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(conn);
}

} // namespace
