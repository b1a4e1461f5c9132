// SPDX-License-Identifier: MIT
// The background checkpointer's policy: it copies in the writer's pauses, or once the WAL holds its
// budget, never beside commits that come back to back below it. A raw sqlite3 writer stands for the
// store's connection (the checkpointer hears of its commits through its WAL hook).

#include "store/walcheckpointer.h"
#include "support/waitfor.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <chrono>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <thread>

using namespace posdata;
using namespace std::chrono_literals;

namespace {

class WalCheckpointerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        path = dir.filePath(QStringLiteral("wal.db"));
        ASSERT_EQ(sqlite3_open(path.toUtf8().constData(), &writer), SQLITE_OK);
        ASSERT_TRUE(exec("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                         "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)"));
    }
    void TearDown() override
    {
        if (checkpointer)
            checkpointer->detach(writer);
        checkpointer.reset();
        sqlite3_close(writer);
    }
    bool exec(const char *sql) { return sqlite3_exec(writer, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    void start(std::chrono::milliseconds quiet, qint64 deferBytes, qint64 minBytes = 0)
    {
        checkpointer = std::make_unique<WalCheckpointer>(path, WalCheckpointer::Policy{quiet, minBytes, deferBytes});
        ASSERT_TRUE(checkpointer->ok());
        checkpointer->attach(writer);
    }
    /// `n` commits one after another, each of a row of 100 KB (7 WAL frames of 16 KiB).
    void commits(int n)
    {
        for (int i = 0; i < n; ++i)
            ASSERT_TRUE(exec("INSERT INTO t(v) VALUES (zeroblob(100000))"));
    }
    qint64 fileSize() const { return QFileInfo(path).size(); }

    QTemporaryDir dir;
    QString path;
    sqlite3 *writer = nullptr;
    std::unique_ptr<WalCheckpointer> checkpointer;
};

TEST_F(WalCheckpointerTest, CommitsBackToBackBelowTheBudgetAreNotCopiedBesideThem)
{
    start(60s, qint64(1) << 30); // a pause longer than any wait of the test
    const qint64 before = fileSize();
    commits(40); // ~4 MB
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(checkpointer->checkpoints(), 0);
    EXPECT_EQ(fileSize(), before) << "nothing copied into the database file";
}

TEST_F(WalCheckpointerTest, APauseOfTheWriterStartsTheCopy)
{
    start(50ms, qint64(1) << 30);
    const qint64 before = fileSize();
    commits(10);
    EXPECT_TRUE(testsupport::waitFor([&] { return checkpointer->checkpoints() >= 1; }, 10000));
    EXPECT_GT(fileSize(), before + 900000) << "the rows were copied into the database file";
}

TEST_F(WalCheckpointerTest, APauseLeavesASmallWalForLater)
{
    // An idle engine writes its live state twice a second: a copy (and its disk syncs) after each
    // would be for nothing. The WAL waits until it holds the minimum, then the next pause copies it.
    start(50ms, qint64(1) << 30, 2 << 20);
    commits(5); // ~0.5 MB
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(checkpointer->checkpoints(), 0);
    commits(20); // past 2 MiB
    EXPECT_TRUE(testsupport::waitFor([&] { return checkpointer->checkpoints() >= 1; }, 10000));
}

TEST_F(WalCheckpointerTest, AWalOverTheBudgetIsCopiedWithoutAPause)
{
    start(60s, 1 << 20); // 1 MiB: reached by the 10th commit
    commits(40);
    EXPECT_TRUE(testsupport::waitFor([&] { return checkpointer->checkpoints() >= 1; }, 10000));
}

TEST_F(WalCheckpointerTest, DetachedTheWriterCheckpointsByItselfAgain)
{
    start(60s, qint64(1) << 30);
    checkpointer->detach(writer);
    const qint64 before = fileSize();
    commits(160); // ~16 MB: past SQLite's own 1000 pages
    EXPECT_GT(fileSize(), before + 10000000) << "SQLite's autocheckpoint copied in the committing thread";
    EXPECT_EQ(checkpointer->checkpoints(), 0);
}

} // namespace
