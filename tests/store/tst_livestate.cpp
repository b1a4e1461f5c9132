// SPDX-License-Identifier: MIT
// The running engine's live state (the `live` table): written with the writer's pid and a
// heartbeat, replaced in place, read by a read-only store beside the writer (another connection,
// another process, a writer in the middle of a transaction), cleared; bad input refused in words.
// And the history of sync cycles kept beside it for the support report.

#include "store/localstore.h"
#include "store/storetuning.h"
#include "storetesthelpers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class LiveStates : public FreshStore
{
protected:
    std::unique_ptr<LocalStore> openReader()
    {
        StoreError err;
        auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly, &err);
        EXPECT_TRUE(reader) << err.message.toStdString();
        return reader;
    }
    qint64 liveRows() { return RawDb(path, SQLITE_OPEN_READONLY).scalar("SELECT COUNT(*) FROM live").toLongLong(); }
};

TEST_F(LiveStates, AWriteIsReadBackWithThisProcessAndTheTime)
{
    auto reader = openReader();
    ASSERT_TRUE(reader);
    EXPECT_FALSE(reader->liveState()); // nothing written yet
    EXPECT_TRUE(reader->lastError().ok());
    const QDateTime before = QDateTime::currentDateTimeUtc();
    StoreError err;
    ASSERT_TRUE(store->writeLiveState(R"({"state":"downloading","object":"contact","done":2000})", &err))
        << err.message.toStdString();
    const QDateTime after = QDateTime::currentDateTimeUtc();
    const std::optional<LiveState> live = reader->liveState();
    ASSERT_TRUE(live);
    EXPECT_EQ(live->pid, QCoreApplication::applicationPid());
    EXPECT_EQ(live->json, QByteArray(R"({"state":"downloading","object":"contact","done":2000})"));
    EXPECT_EQ(live->heartbeat.timeSpec(), Qt::UTC);
    EXPECT_LE(before.toMSecsSinceEpoch(), live->heartbeat.toMSecsSinceEpoch());
    EXPECT_LE(live->heartbeat.toMSecsSinceEpoch(), after.toMSecsSinceEpoch());
    EXPECT_EQ(store->liveState(), live); // the writer reads its own
}

TEST_F(LiveStates, EachWriteReplacesTheOneRowAndTheReaderSeesTheLatest)
{
    auto reader = openReader();
    ASSERT_TRUE(reader);
    QDateTime last;
    for (int i = 0; i < 50; ++i) {
        const QByteArray json = QStringLiteral(R"({"done":%1})").arg(i * 2000).toUtf8();
        StoreError err;
        ASSERT_TRUE(store->writeLiveState(json, &err)) << err.message.toStdString();
        const std::optional<LiveState> live = reader->liveState();
        ASSERT_TRUE(live) << i;
        ASSERT_EQ(live->json, json); // never an older snapshot
        ASSERT_GE(live->heartbeat, last);
        last = live->heartbeat;
    }
    EXPECT_EQ(liveRows(), 1);
    // A sync write in between changes nothing of it.
    store->applyPage(QStringLiteral("contact"), pageOf({ "a" }), { "t", "a" }, 0);
    EXPECT_EQ(reader->liveState()->json, QByteArray(R"({"done":98000})"));
}

TEST_F(LiveStates, AReaderSeesTheLastCommittedStateWhileAWriteIsOpen)
{
    ASSERT_TRUE(store->writeLiveState(R"({"n":1})"));
    auto reader = openReader();
    ASSERT_TRUE(reader);
    // Another connection (the engine mid-page) holds the write lock with a newer state uncommitted.
    RawDb writer(path);
    ASSERT_TRUE(writer.exec("BEGIN IMMEDIATE; UPDATE live SET json = CAST('{\"n\":2}' AS BLOB)"));
    const std::optional<LiveState> live = reader->liveState();
    ASSERT_TRUE(live) << reader->lastError().message.toStdString();
    EXPECT_EQ(live->json, QByteArray(R"({"n":1})"));
    ASSERT_TRUE(writer.exec("COMMIT"));
    EXPECT_EQ(reader->liveState()->json, QByteArray(R"({"n":2})"));
}

TEST_F(LiveStates, AnotherProcessWritesItAndLeavesItBehindWhenKilled)
{
    auto reader = openReader();
    ASSERT_TRUE(reader);
    const qint64 parent = QCoreApplication::applicationPid();
    // The child is the engine: it writes with its own pid and ends without clearing (killed).
    const int code = inChildProcess([this] {
        StoreError err;
        auto engine = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
        const QByteArray json = QStringLiteral(R"({"pid":%1})").arg(QCoreApplication::applicationPid()).toUtf8();
        if (!engine || !engine->writeLiveState(json, &err)) {
            std::fprintf(stderr, "child: %s\n", qPrintable(err.message));
            return 1;
        }
        ::_exit(0); // no destructors: as if killed
    });
    ASSERT_EQ(code, 0);
    const std::optional<LiveState> live = reader->liveState();
    ASSERT_TRUE(live);
    EXPECT_NE(live->pid, parent);
    EXPECT_EQ(live->pid, QJsonDocument::fromJson(live->json).object().value(u"pid").toInteger(-1));
    // The next engine replaces it with its own.
    ASSERT_TRUE(store->writeLiveState(R"({"pid":"parent"})"));
    EXPECT_EQ(reader->liveState()->pid, parent);
}

TEST_F(LiveStates, ClearRemovesIt)
{
    auto reader = openReader();
    ASSERT_TRUE(reader);
    ASSERT_TRUE(store->writeLiveState(R"({"state":"idle"})"));
    StoreError err;
    ASSERT_TRUE(store->clearLiveState(&err)) << err.message.toStdString();
    EXPECT_FALSE(reader->liveState());
    EXPECT_EQ(liveRows(), 0);
    EXPECT_TRUE(store->clearLiveState(&err)); // nothing to clear: fine
    ASSERT_TRUE(store->writeLiveState(R"({"state":"again"})"));
    EXPECT_EQ(reader->liveState()->json, QByteArray(R"({"state":"again"})"));
}

TEST_F(LiveStates, BadStatesAreRefusedInWordsAndTheOldOneKept)
{
    ASSERT_TRUE(store->writeLiveState(R"({"ok":true})"));
    const struct
    {
        const char *name;
        QByteArray json;
        const char *words;
    } bad[] = {
        { "empty", QByteArray(), "is empty" },
        { "truncated", R"({"state":"downl)", "not JSON" },
        { "array", "[1,2]", "not a JSON object" },
        { "string", R"("idle")", "not JSON" },
        { "too large",
            "{\"x\":\"" + QByteArray(int(tuning::LiveStateMaxBytes), 'a') + "\"}", "more than the 262144" },
    };
    for (const auto &b : bad) {
        StoreError err;
        EXPECT_FALSE(store->writeLiveState(b.json, &err)) << b.name;
        EXPECT_EQ(err.kind, StoreError::Invalid) << b.name;
        EXPECT_TRUE(err.message.contains(QLatin1String(b.words))) << b.name << ": " << err.message.toStdString();
        EXPECT_EQ(store->liveState()->json, QByteArray(R"({"ok":true})")) << b.name;
    }
    // The largest one taken.
    const QByteArray largest = "{\"x\":\"" + QByteArray(int(tuning::LiveStateMaxBytes) - 8, 'a') + "\"}";
    ASSERT_EQ(largest.size(), tuning::LiveStateMaxBytes);
    StoreError err;
    EXPECT_TRUE(store->writeLiveState(largest, &err)) << err.message.toStdString();
    EXPECT_EQ(store->liveState()->json, largest);
}

TEST_F(LiveStates, AReadOnlyStoreReadsButNeverWritesIt)
{
    ASSERT_TRUE(store->writeLiveState(R"({"state":"idle"})"));
    auto reader = openReader();
    ASSERT_TRUE(reader);
    StoreError err;
    EXPECT_FALSE(reader->writeLiveState(R"({"state":"mine"})", &err));
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_FALSE(reader->clearLiveState(&err));
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_EQ(reader->liveState()->json, QByteArray(R"({"state":"idle"})"));
}

} // namespace

namespace {

TEST_F(LiveStates, TheLastSyncCyclesAreKeptNewestFirstForAReaderToo)
{
    const QDateTime t0 = QDateTime(QDate(2026, 12, 4), QTime(10, 0), Qt::UTC);
    for (int i = 0; i < tuning::KeptSyncCycles + 5; ++i) {
        StoreError err;
        ASSERT_TRUE(store->addSyncCycle({t0.addSecs(300 * i), 1000 + i, i, QStringLiteral("cycle %1").arg(i)}, &err))
            << err.message.toStdString();
    }
    auto reader = openReader();
    ASSERT_TRUE(reader);
    const QList<SyncCycle> cycles = reader->syncCycles();
    ASSERT_EQ(cycles.size(), tuning::KeptSyncCycles) << "only the newest are kept";
    const int newest = tuning::KeptSyncCycles + 4;
    EXPECT_EQ(cycles.first(), (SyncCycle{t0.addSecs(300 * newest), 1000 + newest, newest, QStringLiteral("cycle %1").arg(newest)}));
    EXPECT_EQ(cycles.last().what, QStringLiteral("cycle 5"));
    StoreError err;
    EXPECT_FALSE(reader->addSyncCycle({t0, 1, 1, QStringLiteral("x")}, &err)) << "a reader never writes";
}

} // namespace
