// SPDX-License-Identifier: MIT
// Range downloads in the store: a plan with one checkpoint per range, written with each page of
// the range in the same transaction and read back by another connection (a restart); re-splits;
// the end that makes the plan's high-water mark the object's checkpoint; and generations: a range
// page, split or end of an older download is Stale and writes nothing, its plan is no plan.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

const Checkpoint kHighWater{QStringLiteral("2026-11-28T09:00:00.000+0000"), QStringLiteral("k9")};

class Ranges : public FreshStore
{
protected:
    /// Three ranges over the Ids a..z: [.., h) [h, p) [p, ..).
    RangePlan plan(qint64 generation) const
    {
        RangePlan p;
        p.generation = generation;
        p.highWater = kHighWater;
        p.firstId = QStringLiteral("a");
        p.lastId = QStringLiteral("z");
        p.total = 9;
        p.reconcile = true;
        p.ranges = {{{}, QStringLiteral("h"), {}, 0, false},
                    {QStringLiteral("h"), QStringLiteral("p"), {}, 0, false},
                    {QStringLiteral("p"), {}, {}, 0, false}};
        return p;
    }

    /// Everything the store holds, as another program reading the file sees it.
    QString everything() const
    {
        RawDb raw(path, SQLITE_OPEN_READONLY);
        return raw.rows("SELECT * FROM objects ORDER BY obj") + u'#' + raw.rows("SELECT * FROM records ORDER BY obj, id")
            + u'#' + raw.rows("SELECT * FROM range_plans ORDER BY obj") + u'#' + raw.rows("SELECT * FROM ranges ORDER BY obj, lo");
    }
};

} // namespace

TEST_F(Ranges, EachRangeKeepsItsOwnCheckpointAndARestartReadsThemAll)
{
    StoreError err;
    ASSERT_TRUE(store->beginRanges(kObj, plan(0), &err)) << err.message.toStdString();
    // Pages of two ranges, in any order: each moves its range only, never the object's checkpoint.
    store->applyRangePage(kObj, pageOf({"p", "q"}), IdRange{QStringLiteral("p"), {}, QStringLiteral("q"), 2, false}, 0, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    const ApplyResult r = store->applyRangePage(kObj, pageOf({"a", "b", "c"}),
        IdRange{{}, QStringLiteral("h"), QStringLiteral("c"), 3, true}, 0, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_EQ(r.inserted, 3);
    EXPECT_EQ(store->objectState(kObj).localCount, 5);
    EXPECT_TRUE(store->objectState(kObj).checkpoint.isEmpty());

    // Another connection (the engine after kill -9) reads every range where it was.
    auto restarted = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(restarted) << err.message.toStdString();
    const std::optional<RangePlan> read = restarted->rangePlan(kObj);
    ASSERT_TRUE(read);
    RangePlan expected = plan(0);
    expected.ranges[0] = {{}, QStringLiteral("h"), QStringLiteral("c"), 3, true};
    expected.ranges[2] = {QStringLiteral("p"), {}, QStringLiteral("q"), 2, false};
    EXPECT_EQ(*read, expected);
    EXPECT_FALSE(restarted->rangePlan(QStringLiteral("contact"))); // another object has none
}

TEST_F(Ranges, ASplitEndsTheRangeWhereTheNewOneBegins)
{
    StoreError err;
    ASSERT_TRUE(store->beginRanges(kObj, plan(0), &err));
    store->applyRangePage(kObj, pageOf({"p"}), IdRange{QStringLiteral("p"), {}, QStringLiteral("p"), 1, false}, 0, &err);
    ASSERT_TRUE(store->splitRange(kObj, 0, QStringLiteral("p"), QStringLiteral("t"), &err)) << err.message.toStdString();
    ASSERT_TRUE(store->splitRange(kObj, 0, QStringLiteral("h"), QStringLiteral("l"), &err)) << err.message.toStdString();
    const auto read = store->rangePlan(kObj);
    ASSERT_TRUE(read);
    ASSERT_EQ(read->ranges.size(), 5);
    EXPECT_EQ(read->ranges[1], (IdRange{QStringLiteral("h"), QStringLiteral("l"), {}, 0, false}));
    EXPECT_EQ(read->ranges[2], (IdRange{QStringLiteral("l"), QStringLiteral("p"), {}, 0, false}));
    // The split range keeps its checkpoint; the new one starts empty and runs to the old end.
    EXPECT_EQ(read->ranges[3], (IdRange{QStringLiteral("p"), QStringLiteral("t"), QStringLiteral("p"), 1, false}));
    EXPECT_EQ(read->ranges[4], (IdRange{QStringLiteral("t"), {}, {}, 0, false}));

    // Not inside the range, or no such range: refused in words, nothing changed.
    const QString before = everything();
    for (const auto &[lo, at] : {std::pair{QStringLiteral("h"), QStringLiteral("h")},
                                 std::pair{QStringLiteral("h"), QStringLiteral("m")},
                                 std::pair{QStringLiteral("h"), QStringLiteral("a")},
                                 std::pair{QStringLiteral("t"), QString()}}) {
        EXPECT_FALSE(store->splitRange(kObj, 0, lo, at, &err)) << at.toStdString();
        EXPECT_EQ(err.kind, StoreError::Invalid) << err.message.toStdString();
        EXPECT_TRUE(err.message.contains(QStringLiteral("is not inside the range"))) << err.message.toStdString();
    }
    EXPECT_FALSE(store->splitRange(kObj, 0, QStringLiteral("x"), QStringLiteral("y"), &err));
    EXPECT_EQ(err.kind, StoreError::Stale);
    EXPECT_EQ(everything(), before);
}

TEST_F(Ranges, TheEndMakesTheHighWaterMarkTheCheckpointAndEndsThePendingResync)
{
    StoreError err;
    const qint64 g = store->beginFullResync(kObj, &err);
    ASSERT_GE(g, 1);
    ASSERT_TRUE(store->beginRanges(kObj, plan(g), &err));
    store->applyRangePage(kObj, pageOf({"a"}), IdRange{{}, QStringLiteral("h"), QStringLiteral("a"), 1, true}, g, &err);
    ASSERT_TRUE(store->finishRanges(kObj, g, &err)) << err.message.toStdString();
    const ObjectState s = store->objectState(kObj);
    EXPECT_EQ(s.checkpoint, kHighWater);
    EXPECT_EQ(s.pending, PendingOp::None);
    EXPECT_FALSE(store->rangePlan(kObj));
    EXPECT_EQ(RawDb(path, SQLITE_OPEN_READONLY).scalar("SELECT COUNT(*) FROM ranges").toInt(), 0);
    // Again: there is no plan to finish.
    EXPECT_FALSE(store->finishRanges(kObj, g, &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_TRUE(err.message.contains(QStringLiteral("has no range plan"))) << err.message.toStdString();
}

TEST_F(Ranges, AnOlderDownloadsRangeWritesAreStaleAndItsPlanIsNoPlan)
{
    StoreError err;
    ASSERT_TRUE(store->beginRanges(kObj, plan(0), &err));
    store->applyRangePage(kObj, pageOf({"a"}), IdRange{{}, QStringLiteral("h"), QStringLiteral("a"), 1, false}, 0, &err);
    ASSERT_TRUE(err.ok());
    // Another program clears the object (posdata clear-resync): the plan goes with the records.
    auto cli = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(cli);
    const qint64 g = cli->beginClearResync(kObj, &err);
    ASSERT_EQ(g, 1);
    EXPECT_FALSE(store->rangePlan(kObj));
    const QString cleared = everything();
    // The old download's next page, split and end: nothing written.
    const ApplyResult r = store->applyRangePage(kObj, pageOf({"b", "c"}),
        IdRange{{}, QStringLiteral("h"), QStringLiteral("c"), 3, false}, 0, &err);
    EXPECT_EQ(err.kind, StoreError::Stale) << err.message.toStdString();
    EXPECT_EQ(r, ApplyResult{});
    EXPECT_FALSE(store->splitRange(kObj, 0, {}, QStringLiteral("d"), &err));
    EXPECT_EQ(err.kind, StoreError::Stale);
    EXPECT_FALSE(store->finishRanges(kObj, 0, &err));
    EXPECT_EQ(err.kind, StoreError::Stale);
    EXPECT_FALSE(store->beginRanges(kObj, plan(0), &err));
    EXPECT_EQ(err.kind, StoreError::Stale);
    EXPECT_EQ(everything(), cleared);

    // A plan left behind by an older generation (a store written by a program that did not remove
    // it) is no plan either, and a range page into it is Stale.
    ASSERT_TRUE(store->beginRanges(kObj, plan(g), &err));
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec("UPDATE objects SET generation = generation + 1"));
    }
    EXPECT_FALSE(store->rangePlan(kObj));
    store->applyRangePage(kObj, pageOf({"b"}), IdRange{{}, QStringLiteral("h"), QStringLiteral("b"), 1, false}, g, &err);
    EXPECT_EQ(err.kind, StoreError::Stale);
    // A new plan of the current generation replaces it whole.
    RangePlan next = plan(g + 1);
    next.ranges.resize(1);
    next.ranges[0].hi.clear();
    ASSERT_TRUE(store->beginRanges(kObj, next, &err)) << err.message.toStdString();
    ASSERT_TRUE(store->rangePlan(kObj));
    EXPECT_EQ(*store->rangePlan(kObj), next);
}

TEST_F(Ranges, APageForARangeThatIsNotPlannedIsDroppedWhole)
{
    StoreError err;
    ASSERT_TRUE(store->beginRanges(kObj, plan(0), &err));
    const QString before = everything();
    store->applyRangePage(kObj, pageOf({"m", "n"}), IdRange{QStringLiteral("m"), {}, QStringLiteral("n"), 2, false}, 0, &err);
    EXPECT_EQ(err.kind, StoreError::Stale) << err.message.toStdString();
    EXPECT_TRUE(err.message.contains(QStringLiteral("no longer planned"))) << err.message.toStdString();
    EXPECT_EQ(everything(), before);
    // A plan with two ranges that start at the same Id is refused before anything is written.
    RangePlan twice = plan(0);
    twice.ranges[2].lo = QStringLiteral("h");
    EXPECT_FALSE(store->beginRanges(kObj, twice, &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_EQ(everything(), before);
}

TEST_F(Ranges, AResyncDropsThePlan)
{
    StoreError err;
    ASSERT_TRUE(store->beginRanges(kObj, plan(0), &err));
    ASSERT_EQ(store->beginFullResync(kObj, &err), 1);
    EXPECT_FALSE(store->rangePlan(kObj));
    EXPECT_EQ(RawDb(path, SQLITE_OPEN_READONLY).scalar("SELECT COUNT(*) FROM range_plans").toInt(), 0);
    ASSERT_TRUE(store->beginRanges(kObj, plan(1), &err));
    ASSERT_TRUE(store->removeSynced(kObj, &err));
    EXPECT_FALSE(store->rangePlan(kObj));
    EXPECT_EQ(RawDb(path, SQLITE_OPEN_READONLY).scalar("SELECT COUNT(*) FROM ranges").toInt(), 0);
}

TEST(RangesMigration, AStoreOfSchema3GetsTheRangeTablesAndKeepsItsState)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pos.db"));
    ASSERT_TRUE(writeSchema3Store(path));
    StoreError err;
    auto store = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(store) << err.message.toStdString();
    EXPECT_EQ(RawDb(path, SQLITE_OPEN_READONLY).scalar("PRAGMA user_version").toInt(), LocalStore::SchemaVersion);
    const ObjectState before = store->objectState(kObj);
    EXPECT_EQ(before.generation, 3);
    EXPECT_EQ(before.checkpoint, (Checkpoint{"t1", "a"}));
    EXPECT_FALSE(store->rangePlan(kObj));
    // A ranged resync on the migrated file, to its end.
    const qint64 g = store->beginFullResync(kObj, &err);
    ASSERT_EQ(g, 4);
    RangePlan plan;
    plan.generation = g;
    plan.highWater = kHighWater;
    plan.ranges = {{{}, {}, {}, 0, false}};
    ASSERT_TRUE(store->beginRanges(kObj, plan, &err)) << err.message.toStdString();
    store->applyRangePage(kObj, pageOf({"a", "b"}), IdRange{{}, {}, QStringLiteral("b"), 2, true}, g, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    ASSERT_EQ(store->removeUnseen(kObj, g, &err), 0);
    ASSERT_TRUE(store->finishRanges(kObj, g, &err)) << err.message.toStdString();
    const ObjectState after = store->objectState(kObj);
    EXPECT_EQ(after.checkpoint, kHighWater);
    EXPECT_EQ(after.pending, PendingOp::None);
    EXPECT_EQ(after.localCount, 2);
    EXPECT_EQ(after.unsavedCount, 1);
}
