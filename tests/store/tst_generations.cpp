// SPDX-License-Identifier: MIT
// Generations enforced by the store: a download's writes (applyPage, removeUnseen, finishPending)
// after another connection cleared or resynced the object write nothing and fail with Stale.
// Two LocalStore instances share one file: `engine` downloads, `cli` plays `posdata clear|resync`
// run between two pages.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class Generations : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        StoreError err;
        engine = LocalStore::open(path(), LocalStore::Mode::ReadWrite, &err);
        ASSERT_TRUE(engine) << err.message.toStdString();
        cli = LocalStore::open(path(), LocalStore::Mode::ReadWrite, &err);
        ASSERT_TRUE(cli) << err.message.toStdString();
    }
    QString path() const { return dir.filePath(QStringLiteral("pos.db")); }

    /// The engine's first page at generation g, with an unsaved and an in-use record beside it.
    void firstPage(qint64 g)
    {
        StoreError err;
        const ApplyResult r = engine->applyPage(
            kObj, pageOf({ "a", "b", "c", "d" }), { "2026-11-28T00:00:00.000+0000", "d" }, g, &err);
        ASSERT_TRUE(err.ok()) << err.message.toStdString();
        ASSERT_EQ(r.inserted, 4);
        ASSERT_TRUE(cli->updateLocal(kObj, QStringLiteral("a"), "mine:a"));
        ASSERT_TRUE(cli->setInUse({ { kObj, QStringLiteral("b") } }));
    }

    /// Everything the store holds, exactly, as another program reading the file sees it.
    QString everything()
    {
        RawDb raw(path(), SQLITE_OPEN_READONLY);
        return raw.rows("SELECT * FROM objects ORDER BY obj") + u'#' + raw.rows("SELECT * FROM records ORDER BY obj, id")
            + u'#' + raw.rows("SELECT * FROM protected ORDER BY obj, id, kind");
    }

    /// A second page of the old download: new Ids, new versions of known ones, tombstones, and a
    /// checkpoint further on.
    static QVector<IncomingRecord> secondPage()
    {
        QVector<IncomingRecord> page = pageOf({ "c", "d", "e", "f" }, "v2");
        page.append(tombstone(QStringLiteral("c")));
        page.append(tombstone(QStringLiteral("a")));
        return page;
    }
    static Checkpoint secondCheckpoint() { return { "2026-11-28T00:00:05.000+0000", "f" }; }

    /// The old download's second page, written at its generation `g` after `cli` moved the object
    /// on: refused as stale and dropped whole.
    void expectSecondPageDropped(qint64 g)
    {
        const QString before = everything();
        StoreError err;
        const ApplyResult r = engine->applyPage(kObj, secondPage(), secondCheckpoint(), g, &err);
        expectStale(err);
        EXPECT_TRUE(err.message.contains(QStringLiteral("the page was dropped"))) << err.message.toStdString();
        EXPECT_EQ(engine->lastError().kind, StoreError::Stale);
        EXPECT_EQ(r, ApplyResult {});
        EXPECT_EQ(everything(), before);
    }

    static void expectStale(const StoreError &err)
    {
        EXPECT_EQ(err.kind, StoreError::Stale) << err.message.toStdString();
        EXPECT_TRUE(err.message.contains(QStringLiteral("cleared or resynced since this download started")))
            << err.message.toStdString();
    }

    QTemporaryDir dir;
    std::unique_ptr<LocalStore> engine;
    std::unique_ptr<LocalStore> cli;
};

TEST_F(Generations, APageInFlightDuringClearAndResyncIsDropped)
{
    const qint64 g0 = engine->objectState(kObj).generation;
    firstPage(g0);
    StoreError err;
    const qint64 g1 = cli->beginClearResync(kObj, &err);
    ASSERT_EQ(g1, g0 + 1) << err.message.toStdString();
    const QString cleared = everything();
    ASSERT_EQ(cli->ids(kObj), (QStringList { "a", "b" })); // the unsaved and the in-use record

    expectSecondPageDropped(g0);
    const ObjectState s = cli->objectState(kObj);
    EXPECT_TRUE(s.checkpoint.isEmpty());
    EXPECT_EQ(s.localCount, 1);
    EXPECT_EQ(s.unsavedCount, 1);
    EXPECT_EQ(s.inUseCount, 1);
    EXPECT_EQ(s.pending, PendingOp::ClearResync);

    // The old download's end is dropped too: nothing removed, the clear stays pending.
    EXPECT_EQ(engine->removeUnseen(kObj, g0, &err), -1);
    expectStale(err);
    EXPECT_FALSE(engine->finishPending(kObj, g0, &err));
    expectStale(err);
    EXPECT_EQ(everything(), cleared);

    // The new download (the engine, having re-read the generation) writes as usual.
    const ApplyResult fresh = engine->applyPage(kObj, pageOf({ "b", "c" }, "v3"), { "t3", "c" }, g1, &err);
    EXPECT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_EQ(fresh.inserted, 1);
    EXPECT_EQ(fresh.updated, 1);
    EXPECT_EQ(engine->removeUnseen(kObj, g1, &err), 0);
    EXPECT_TRUE(engine->finishPending(kObj, g1, &err)) << err.message.toStdString();
    const ObjectState done = engine->objectState(kObj);
    EXPECT_EQ(done.pending, PendingOp::None);
    EXPECT_EQ(done.checkpoint, (Checkpoint { "t3", "c" }));
    EXPECT_EQ(done.localCount, 2);
}

TEST_F(Generations, APageInFlightDuringAFullResyncIsDropped)
{
    const qint64 g0 = engine->objectState(kObj).generation;
    firstPage(g0);
    StoreError err;
    const qint64 g1 = cli->beginFullResync(kObj, &err);
    ASSERT_EQ(g1, g0 + 1) << err.message.toStdString();

    expectSecondPageDropped(g0); // "c" and "d" keep v1, no e/f, the checkpoint stays empty
    EXPECT_TRUE(cli->objectState(kObj).checkpoint.isEmpty());
    EXPECT_EQ(cli->record(kObj, QStringLiteral("c"))->payload, QByteArray("v1:c"));
}

TEST_F(Generations, TheOldDownloadsEndCannotDeleteWhatTheNewOneWrote)
{
    // The old full download reaches its end after the resync's download wrote pages: its
    // reconciliation would delete every row not marked with its (old) generation.
    const qint64 g0 = cli->beginFullResync(kObj);
    firstPage(g0);
    StoreError err;
    const qint64 g1 = cli->beginFullResync(kObj, &err);
    ASSERT_GT(g1, g0);
    ASSERT_TRUE(cli->applyPage(kObj, pageOf({ "c", "n" }, "new"), { "t9", "n" }, g1, &err).inserted == 1)
        << err.message.toStdString();
    const QString before = everything();

    EXPECT_EQ(engine->removeUnseen(kObj, g0, &err), -1);
    expectStale(err);
    EXPECT_TRUE(err.message.contains(QStringLiteral("nothing was removed"))) << err.message.toStdString();
    EXPECT_FALSE(engine->finishPending(kObj, g0, &err));
    expectStale(err);
    EXPECT_EQ(everything(), before);
    EXPECT_EQ(engine->objectState(kObj).pending, PendingOp::FullResync);
    EXPECT_TRUE(engine->record(kObj, QStringLiteral("n")));
}

TEST_F(Generations, AClearOfSeveralObjectsMakesEachOnesPagesStale)
{
    const QString other = QStringLiteral("contact");
    StoreError err;
    ASSERT_EQ(engine->applyPage(other, pageOf({ "x" }), { "t1", "x" }, 0, &err).inserted, 1);
    const QHash<QString, qint64> generations = cli->beginClearResync(QStringList { kObj, other }, &err);
    ASSERT_EQ(generations.size(), 2) << err.message.toStdString();
    const QString cleared = everything();
    engine->applyPage(other, pageOf({ "y" }), { "t2", "y" }, 0, &err);
    expectStale(err);
    engine->applyPage(kObj, pageOf({ "y" }), { "t2", "y" }, 0, &err);
    expectStale(err);
    EXPECT_EQ(everything(), cleared);
    EXPECT_EQ(engine->applyPage(other, pageOf({ "y" }), { "t2", "y" }, generations.value(other), &err).inserted, 1);
    EXPECT_TRUE(err.ok()) << err.message.toStdString();
}

} // namespace
