// SPDX-License-Identifier: MIT
// removeSynced(): an object taken out of the sync config loses its synced records in one
// transaction; unsaved and protected records, other objects and the counters' truth stay.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class RemoveSynced : public FreshStore
{
protected:
    /// Synced a..f (c in use, d pinned), e edited on the device (LocallyUpdated), f deleted on the
    /// device (LocallyDeleted), a created record; another object beside it; a download shape, a
    /// checkpoint and a resync under way.
    void SetUp() override
    {
        FreshStore::SetUp();
        StoreError err;
        store->applyPage(kObj, pageOf({ "a", "b", "c", "d", "e", "f" }), { "t1", "f" }, 0, &err);
        ASSERT_TRUE(err.ok()) << err.message.toStdString();
        store->applyPage(kContact, pageOf({ "a", "x" }), { "t1", "x" }, 0, &err);
        ASSERT_TRUE(err.ok()) << err.message.toStdString();
        ASSERT_TRUE(store->setInUse({ { kObj, QStringLiteral("c") }, { kContact, QStringLiteral("x") } }));
        ASSERT_TRUE(store->setPinned(kObj, QStringLiteral("d"), true));
        ASSERT_TRUE(store->updateLocal(kObj, QStringLiteral("e"), "mine:e"));
        ASSERT_TRUE(store->deleteLocal(kObj, QStringLiteral("f")));
        ASSERT_TRUE(store->createLocal(kObj, QStringLiteral("local-1"), R"({"Name":"new"})"));
        ASSERT_TRUE(store->setDownloadShape(kObj, QStringLiteral("f:1"), QStringLiteral("s:1")));
        ASSERT_TRUE(store->setDownloadShape(kContact, QStringLiteral("f:2"), QStringLiteral("s:2")));
        generation = store->beginFullResync(kObj, &err);
        ASSERT_GT(generation, 0) << err.message.toStdString();
        store->applyPage(kObj, pageOf({ "a", "b" }, "v2"), { "t2", "b" }, generation, &err);
        ASSERT_TRUE(err.ok()) << err.message.toStdString();
    }

    /// The counters must equal a count of the rows.
    void expectCountersExact(const QString &object)
    {
        const ObjectState s = store->objectState(object);
        EXPECT_EQ(s.localCount, store->countSlow(object, RecordState::Synced)) << object.toStdString();
        EXPECT_EQ(s.unsavedCount,
            store->countSlow(object) - store->countSlow(object, RecordState::Synced)) << object.toStdString();
    }


    qint64 generation = 0;
};

TEST_F(RemoveSynced, KeepsUnsavedAndProtectedRecordsAndStartsOver)
{
    const ObjectState before = store->objectState(kObj);
    ASSERT_EQ(before.localCount, 4);
    ASSERT_EQ(before.unsavedCount, 3);
    StoreError err;
    ASSERT_TRUE(store->removeSynced(kObj, &err)) << err.message.toStdString();
    EXPECT_EQ(store->ids(kObj), (QStringList { "c", "d", "e", "f", "local-1" }));
    EXPECT_EQ(store->ids(kObj, RecordState::Synced), (QStringList { "c", "d" }));
    EXPECT_EQ(store->record(kObj, QStringLiteral("e"))->payload, QByteArray("mine:e"));
    const ObjectState s = store->objectState(kObj);
    EXPECT_EQ(s.localCount, 2);
    EXPECT_EQ(s.unsavedCount, 3);
    EXPECT_EQ(s.inUseCount, before.inUseCount);
    EXPECT_TRUE(s.checkpoint.isEmpty());
    EXPECT_EQ(s.generation, generation + 1);
    EXPECT_EQ(s.pending, PendingOp::None);
    EXPECT_TRUE(s.fieldsSig.isEmpty());
    EXPECT_TRUE(s.scopeSig.isEmpty());
    expectCountersExact(kObj);
    EXPECT_EQ(store->unsaved(kObj).size(), 3);
}

TEST_F(RemoveSynced, LeavesOtherObjectsAlone)
{
    const ObjectState other = store->objectState(kContact);
    const auto otherRecords = [this] {
        return RawDb(path, SQLITE_OPEN_READONLY)
            .rows("SELECT * FROM records WHERE obj = (SELECT obj FROM objects WHERE name = 'contact') ORDER BY id");
    };
    const QString recordsBefore = otherRecords();
    const QString protectedRows = rowsOf("protected");
    ASSERT_TRUE(store->removeSynced(kObj));
    EXPECT_EQ(otherRecords().toStdString(), recordsBefore.toStdString());
    const ObjectState after = store->objectState(kContact);
    EXPECT_EQ(after.localCount, other.localCount);
    EXPECT_EQ(after.generation, other.generation);
    EXPECT_EQ(after.checkpoint, other.checkpoint);
    EXPECT_EQ(after.fieldsSig, QStringLiteral("f:2"));
    EXPECT_EQ(rowsOf("protected"), protectedRows); // the protected set is untouched
}

TEST_F(RemoveSynced, APageOfTheDownloadInFlightIsStaleAfterwards)
{
    // A second program (the engine) was downloading the object when it left the config.
    StoreError err;
    auto engine = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(engine) << err.message.toStdString();
    ASSERT_TRUE(store->removeSynced(kObj, &err)) << err.message.toStdString();
    const QString records = rowsOf("records");
    const QString objects = rowsOf("objects");
    engine->applyPage(kObj, pageOf({ "g", "h" }, "v3"), { "t3", "h" }, generation, &err);
    EXPECT_EQ(err.kind, StoreError::Stale) << err.message.toStdString();
    EXPECT_EQ(engine->removeUnseen(kObj, generation, &err), -1);
    EXPECT_EQ(err.kind, StoreError::Stale);
    EXPECT_FALSE(engine->finishPending(kObj, generation, &err));
    EXPECT_EQ(err.kind, StoreError::Stale);
    EXPECT_EQ(rowsOf("records"), records);
    EXPECT_EQ(rowsOf("objects"), objects);
}

TEST_F(RemoveSynced, IsOneTransaction)
{
    // The state row's update fails after the records' delete ran: nothing of it may stay.
    StoreError err = failsAsOneTransaction("generation", [this](StoreError *e) { return store->removeSynced(kObj, e); });
    EXPECT_TRUE(err.message.contains(QStringLiteral("remove the synced records of s_c__product__c")))
        << err.message.toStdString();
    EXPECT_TRUE(store->removeSynced(kObj, &err)) << err.message.toStdString();
    expectCountersExact(kObj);
}

TEST_F(RemoveSynced, BadCallsAndUnknownObjects)
{
    StoreError err;
    EXPECT_FALSE(store->removeSynced(QStringLiteral("no such; object"), &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    // An object the store never had: nothing to do, and no row made for it.
    const QString objects = rowsOf("objects");
    EXPECT_TRUE(store->removeSynced(QStringLiteral("account"), &err)) << err.message.toStdString();
    EXPECT_EQ(rowsOf("objects"), objects);
    EXPECT_FALSE(store->objectState(QStringLiteral("account")).known);
    auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly, &err);
    ASSERT_TRUE(reader) << err.message.toStdString();
    EXPECT_FALSE(reader->removeSynced(kObj, &err));
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_EQ(store->objectState(kObj).localCount, 4);
}

} // namespace

// The integrity check's page cuts: every n-th comparable Id in order, records created on this
// device (no server Id yet) left out, so that each page holds n of the device's records.
TEST_F(RemoveSynced, IdCutsAreEveryNthComparableIdInOrder)
{
    StoreError err;
    store->applyPage(kContact, pageOf({ "k", "c", "g", "a", "i", "e", "b", "h", "d", "j", "f" }), { "t1", "k" }, 0, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    ASSERT_TRUE(store->createLocal(kContact, QStringLiteral("local-2"), R"({"Name":"new"})"));
    // a..k and x: 12 Ids; every 3rd.
    EXPECT_EQ(store->idCuts(kContact, 3), QStringList({ "c", "f", "i", "x" }));
    EXPECT_EQ(store->idCuts(kContact, 5), QStringList({ "e", "j" }));
    EXPECT_EQ(store->idCuts(kContact, 13), QStringList());
    EXPECT_EQ(store->idCuts(QStringLiteral("s_c__none__c"), 3), QStringList());
}

// Rows changed behind the store's back (a damaged file, another program's SQL) leave the object's
// counters wrong; a full resync reads every record of the object anyway, and its end (removeUnseen)
// counts them again, so "Resync existing records" is a cure for wrong counts too.
TEST_F(RemoveSynced, AFullResyncEndsWithCountersCountedFromTheRows)
{
    StoreError err;
    store->applyPage(kContact, pageOf({ "b", "c", "d", "e", "f", "g" }), { "t1", "g" }, 0, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    ASSERT_EQ(store->objectState(kContact).localCount, 8); // a..g and x
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec("DELETE FROM records WHERE id IN ('b', 'c', 'd')"
                             " AND obj = (SELECT obj FROM objects WHERE name = 'contact')"));
        ASSERT_TRUE(raw.exec("INSERT INTO records(obj, id, modstamp, state, seen_gen, payload) SELECT obj, 'ghost',"
                             " '2025-01-01T00:00:00.000+0000', 0, generation, '{}' FROM objects WHERE name = 'contact'"));
    }
    ASSERT_EQ(store->objectState(kContact).localCount, 8); // the counters did not see it (6 rows)
    const qint64 g = store->beginFullResync(kContact, &err);
    ASSERT_GT(g, 0) << err.message.toStdString();
    store->applyPage(kContact, pageOf({ "a", "b", "c", "d", "e", "f", "g", "x" }, "v2"), { "t2", "x" }, g, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_EQ(store->removeUnseen(kContact, g, &err), 1); // the ghost
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_EQ(store->objectState(kContact).localCount, 8);
    expectCountersExact(kContact);
}
