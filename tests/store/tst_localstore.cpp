// SPDX-License-Identifier: MIT
// Record rules of the local store: leave-if-changed, the protected set, local edits, the counters
// (checked against COUNT(*) after randomized operations) and the clear plan.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class Store : public FreshStore
{
protected:
    ApplyResult apply(const QVector<IncomingRecord> &page, qint64 generation = 0)
    {
        StoreError err;
        const ApplyResult r = store->applyPage(kObj, page, {}, generation, &err);
        EXPECT_TRUE(err.ok()) << err.message.toStdString();
        return r;
    }
    QByteArray payload(const QString &id) const
    {
        return store->record(kObj, id).value_or(StoredRecord {}).payload;
    }
    /// Counters must equal what COUNT(*) and a walk over the rows say.
    void expectCountersExact(const QString &object)
    {
        const ObjectState s = store->objectState(object);
        EXPECT_EQ(s.localCount, store->countSlow(object, RecordState::Synced)) << object.toStdString();
        EXPECT_EQ(s.unsavedCount, store->countSlow(object) - store->countSlow(object, RecordState::Synced))
            << object.toStdString();
        qint64 inUse = 0;
        for (const QString &id : store->ids(object)) {
            const auto r = store->record(object, id);
            inUse += (r && (r->inUse || r->pinned)) ? 1 : 0;
        }
        EXPECT_EQ(s.inUseCount, inUse) << object.toStdString();
    }
};

TEST_F(Store, ApplyPageInsertsUpdatesAndWritesTheCheckpoint)
{
    StoreError err;
    ApplyResult r
        = store->applyPage(kObj, pageOf({ "a", "b" }), { "2026-11-28T00:00:00.000+0000", "b" }, 0, &err);
    EXPECT_TRUE(err.ok());
    EXPECT_EQ(r.inserted, 2);
    EXPECT_EQ(payload(QStringLiteral("a")), QByteArray("v1:a"));
    r = store->applyPage(kObj, pageOf({ "b", "c" }, "v2"), { "2026-11-28T00:00:01.000+0000", "c" }, 0, &err);
    EXPECT_EQ(r.inserted, 1);
    EXPECT_EQ(r.updated, 1);
    EXPECT_EQ(payload(QStringLiteral("b")), QByteArray("v2:b"));
    const ObjectState s = store->objectState(kObj);
    EXPECT_EQ(s.localCount, 3);
    EXPECT_EQ(s.checkpoint, (Checkpoint { "2026-11-28T00:00:01.000+0000", "c" }));
    // An empty checkpoint leaves the stored one.
    apply(pageOf({ "d" }));
    EXPECT_EQ(store->objectState(kObj).checkpoint.id, QStringLiteral("c"));
}

TEST_F(Store, DownloadLeavesUnsavedRecordsAlone)
{
    apply(pageOf({ "a", "b", "c" }));
    ASSERT_TRUE(store->updateLocal(kObj, QStringLiteral("a"), "mine:a"));
    ASSERT_TRUE(store->deleteLocal(kObj, QStringLiteral("b")));
    ASSERT_TRUE(store->createLocal(kObj, QStringLiteral("n"), "mine:n"));

    ApplyResult r = apply(pageOf({ "a", "b", "c", "n" }, "v2"));
    EXPECT_EQ(r.updated, 1);
    EXPECT_EQ(r.skippedUnsaved, 3);
    EXPECT_EQ(payload(QStringLiteral("a")), QByteArray("mine:a"));
    EXPECT_EQ(store->record(kObj, QStringLiteral("b"))->state, RecordState::LocallyDeleted);
    EXPECT_EQ(payload(QStringLiteral("n")), QByteArray("mine:n"));
    EXPECT_EQ(payload(QStringLiteral("c")), QByteArray("v2:c"));

    // Tombstones and every removal path leave unsaved rows too.
    r = apply({ tombstone("a"), tombstone("b"), tombstone("n"), tombstone("c") });
    EXPECT_EQ(r.deleted, 1);
    EXPECT_EQ(r.skippedUnsaved, 3);
    const qint64 g = store->beginFullResync(kObj);
    EXPECT_EQ(store->removeUnseen(kObj, g), 0);
    store->beginClearResync(kObj);
    EXPECT_EQ(store->ids(kObj), (QStringList { "a", "b", "n" }));
    const ObjectState s = store->objectState(kObj);
    EXPECT_EQ(s.unsavedCount, 3);
    EXPECT_EQ(s.localCount, 0);
    expectCountersExact(kObj);
}

TEST_F(Store, ProtectedRecordsAreNeverDeleted)
{
    apply(pageOf({ "outlet", "shift", "pinned", "plain1", "plain2", "plain3" }));
    ASSERT_TRUE(store->setInUse({ { kObj, QStringLiteral("outlet") }, { kObj, QStringLiteral("shift") } }));
    ASSERT_TRUE(store->setPinned(kObj, QStringLiteral("pinned"), true));
    EXPECT_EQ(store->objectState(kObj).inUseCount, 3);
    EXPECT_TRUE(store->record(kObj, QStringLiteral("outlet"))->inUse);
    EXPECT_TRUE(store->record(kObj, QStringLiteral("pinned"))->pinned);

    ApplyResult r
        = apply({ tombstone("outlet"), tombstone("pinned"), tombstone("plain1"), tombstone("absent") });
    EXPECT_EQ(r.deleted, 1);
    EXPECT_EQ(r.skippedProtected, 2);

    r = apply({ tombstone("shift"), tombstone("pinned"), tombstone("plain2") });
    EXPECT_EQ(r.deleted, 1);
    EXPECT_EQ(r.skippedProtected, 2);

    const qint64 g = store->beginFullResync(kObj);
    apply(pageOf({ "plain3" }), g);
    EXPECT_EQ(store->removeUnseen(kObj, g), 0);

    EXPECT_EQ(store->beginClearResync(kObj), g + 1);
    EXPECT_EQ(store->ids(kObj), (QStringList { "outlet", "pinned", "shift" }));
    EXPECT_EQ(store->objectState(kObj).localCount, 3);
    EXPECT_EQ(store->objectState(kObj).inUseCount, 3);

    // Once released they go like any other record.
    ASSERT_TRUE(store->setInUse({}));
    ASSERT_TRUE(store->setPinned(kObj, QStringLiteral("pinned"), false));
    EXPECT_EQ(store->objectState(kObj).inUseCount, 0);
    EXPECT_EQ(apply({ tombstone("outlet"), tombstone("pinned") }, g + 1).deleted, 2);
    expectCountersExact(kObj);
}

TEST_F(Store, ProtectionSetBeforeTheRecordArrivesCounts)
{
    ASSERT_TRUE(store->setInUse({ { kObj, QStringLiteral("later") } }));
    EXPECT_EQ(store->objectState(kObj).inUseCount, 0);
    apply(pageOf({ "later", "other" }));
    EXPECT_EQ(store->objectState(kObj).inUseCount, 1);
    EXPECT_EQ(apply({ tombstone("later") }).skippedProtected, 1);
}

TEST_F(Store, RemoveUnseenDeletesOnlyRowsMissingFromTheFullDownload)
{
    apply(pageOf({ "a", "b", "c", "d" }));
    const qint64 g = store->beginFullResync(kObj);
    EXPECT_EQ(store->objectState(kObj).pending, PendingOp::FullResync);
    apply(pageOf({ "a", "c" }, "v2"), g);
    EXPECT_EQ(store->removeUnseen(kObj, g), 2);
    EXPECT_TRUE(store->finishPending(kObj, g));
    EXPECT_EQ(store->ids(kObj), (QStringList { "a", "c" }));
    EXPECT_EQ(store->objectState(kObj).pending, PendingOp::None);
    EXPECT_EQ(store->objectState(kObj).localCount, 2);
}

TEST_F(Store, LocalEditsAndUpload)
{
    apply(pageOf({ "a", "b" }));
    StoreError err;
    EXPECT_FALSE(store->createLocal(kObj, QStringLiteral("a"), "dup", &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_FALSE(store->updateLocal(kObj, QStringLiteral("zz"), "x", &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);

    ASSERT_TRUE(store->createLocal(kObj, QStringLiteral("tmp-1"), "new"));
    ASSERT_TRUE(store->setPinned(kObj, QStringLiteral("tmp-1"), true));
    ASSERT_TRUE(store->updateLocal(kObj, QStringLiteral("a"), "edit"));
    ASSERT_TRUE(store->deleteLocal(kObj, QStringLiteral("b")));
    EXPECT_EQ(store->unsaved(kObj).size(), 3);
    EXPECT_EQ(store->objectState(kObj).unsavedCount, 3);
    EXPECT_EQ(store->objectState(kObj).localCount, 0);

    ASSERT_TRUE(
        store->markUploaded(kObj, QStringLiteral("tmp-1"), QStringLiteral("a0B000000000001AAA"), "t9"));
    const auto created = store->record(kObj, QStringLiteral("a0B000000000001AAA"));
    ASSERT_TRUE(created);
    EXPECT_EQ(created->state, RecordState::Synced);
    EXPECT_TRUE(created->pinned); // the pin follows the server Id
    EXPECT_FALSE(store->record(kObj, QStringLiteral("tmp-1")));
    ASSERT_TRUE(store->markUploaded(kObj, QStringLiteral("a"), {}, "t9"));
    ASSERT_TRUE(store->markUploaded(kObj, QStringLiteral("b"), {}, {}));
    EXPECT_FALSE(store->record(kObj, QStringLiteral("b")));
    EXPECT_FALSE(store->markUploaded(kObj, QStringLiteral("a"), {}, "t9", &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);

    const ObjectState s = store->objectState(kObj);
    EXPECT_EQ(s.localCount, 2);
    EXPECT_EQ(s.unsavedCount, 0);
    EXPECT_EQ(s.inUseCount, 1);
    expectCountersExact(kObj);

    // A created record deleted before upload just goes.
    ASSERT_TRUE(store->createLocal(kObj, QStringLiteral("tmp-2"), "x"));
    ASSERT_TRUE(store->deleteLocal(kObj, QStringLiteral("tmp-2")));
    EXPECT_FALSE(store->record(kObj, QStringLiteral("tmp-2")));
    expectCountersExact(kObj);
}

TEST_F(Store, RejectsBadObjectNamesBeforeSql)
{
    StoreError err;
    for (const QString &bad : { QString(), QStringLiteral("1abc"), QStringLiteral("a b"),
             QStringLiteral("x'; DROP TABLE records; --"), QString(81, QLatin1Char('a')) }) {
        store->applyPage(bad, pageOf({ "a" }), {}, 0, &err);
        EXPECT_EQ(err.kind, StoreError::Invalid) << bad.toStdString();
        EXPECT_FALSE(store->setPaused(bad, true, &err));
        EXPECT_EQ(err.kind, StoreError::Invalid);
        EXPECT_FALSE(store->ensureObjects({ kObj, bad }, &err));
    }
    EXPECT_TRUE(store->allObjectStates().isEmpty());
    store->applyPage(kObj, { IncomingRecord {} }, {}, 0, &err);
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_EQ(store->countSlow(kObj), 0);
    // Values are bound, never spliced: quotes in ids and payloads are data.
    apply(pageOf({ "it's", "x\"); DROP TABLE records; --" }));
    EXPECT_EQ(store->countSlow(kObj), 2);
}

TEST_F(Store, PlanClearCountsWhatGoesAndWhatStays)
{
    apply(pageOf({ "a", "b", "c", "d", "e" }));
    ASSERT_TRUE(store->setInUse({ { kObj, QStringLiteral("a") }, { kObj, QStringLiteral("missing") } }));
    ASSERT_TRUE(store->setPinned(kObj, QStringLiteral("b"), true));
    ASSERT_TRUE(store->updateLocal(kObj, QStringLiteral("b"), "edit")); // unsaved and pinned
    ASSERT_TRUE(store->createLocal(kObj, QStringLiteral("n"), "new"));
    ASSERT_TRUE(store->setServerCounts(kObj, 7, 9, QDateTime::currentDateTimeUtc()));
    ASSERT_TRUE(store->ensureObjects({ QStringLiteral("contact") }));

    const QList<ClearPlan> plans = store->planClear(QStringList { kObj, QStringLiteral("contact") });
    ASSERT_EQ(plans.size(), 2);
    EXPECT_EQ(plans[0], (ClearPlan { kObj, 3, 2, 1, 7 }));
    EXPECT_EQ(plans[1], (ClearPlan { QStringLiteral("contact"), 0, 0, 0, -1 }));

    store->beginClearResync(kObj);
    EXPECT_EQ(store->countSlow(kObj), 1 + 2); // a kept (in use) + b and n (unsaved)
    EXPECT_EQ(store->planClear(kObj), (ClearPlan { kObj, 0, 2, 1, 7 }));
}

TEST_F(Store, CountersMatchCountStarAfterRandomizedOperations)
{
    const QStringList objects = { kObj, QStringLiteral("contact") };
    QRandomGenerator rng(20261128);
    auto randomId = [&] { return QStringLiteral("r%1").arg(rng.bounded(120)); };
    QHash<QString, qint64> generation;
    for (int step = 0; step < 600; ++step) {
        const QString obj = objects[rng.bounded(2)];
        const int op = rng.bounded(100);
        if (op < 35) {
            QVector<IncomingRecord> page;
            const int n = 1 + rng.bounded(25);
            for (int i = 0; i < n; ++i) {
                if (rng.bounded(6) == 0)
                    page.append(tombstone(randomId()));
                else
                    page.append(pageOf({ randomId() }, QByteArray::number(step)).first());
            }
            store->applyPage(obj, page, { QString::number(step), page.last().id }, generation.value(obj));
        } else if (op < 45) {
            store->createLocal(obj, randomId(), "c");
        } else if (op < 55) {
            store->updateLocal(obj, randomId(), "u");
        } else if (op < 63) {
            store->deleteLocal(obj, randomId());
        } else if (op < 71) {
            const QString id = randomId();
            store->markUploaded(obj, id, rng.bounded(3) == 0 ? randomId() : QString(), "m");
        } else if (op < 77) {
            store->setPinned(obj, randomId(), rng.bounded(2) == 0);
        } else if (op < 81) {
            QList<QPair<QString, QString>> inUse;
            for (int i = 0; i < rng.bounded(4); ++i)
                inUse.append({ objects[rng.bounded(2)], randomId() });
            store->setInUse(inUse);
        } else if (op < 88) {
            store->applyPage(obj, { tombstone(randomId()), tombstone(randomId()), tombstone(randomId()) }, {},
                generation.value(obj));
        } else if (op < 93) {
            generation[obj] = store->beginFullResync(obj);
        } else if (op < 97) {
            store->removeUnseen(obj, generation.value(obj));
            store->finishPending(obj, generation.value(obj));
        } else {
            generation[obj] = store->beginClearResync(obj);
        }
        if (step % 50 == 0) {
            for (const QString &o : objects)
                expectCountersExact(o);
        }
    }
    for (const QString &o : objects) {
        expectCountersExact(o);
        EXPECT_GT(store->countSlow(o), 0);
    }
    // And after a restart.
    store.reset();
    store = LocalStore::open(path, LocalStore::Mode::ReadWrite);
    ASSERT_TRUE(store);
    for (const QString &o : objects)
        expectCountersExact(o);
}

/// The model test below runs on both of applyPage's write paths.
class StoreWritePaths : public Store, public ::testing::WithParamInterface<LocalStore::WritePath>
{ };

TEST_P(StoreWritePaths, MultiRowInsertsGiveTheResultsOfRowByRowWrites)
{
    // applyPage writes runs of new records as multi-row INSERTs; whatever a page holds (Ids already
    // here, unsaved or in use, an Id twice, an Id then its tombstone), the outcome and the counts
    // must be those of applying the records one by one, in page order. The model does the latter.
    store.reset();
    StoreError err;
    store = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err, GetParam());
    ASSERT_TRUE(store) << err.message.toStdString();
    ASSERT_EQ(store->writePath(), GetParam());
    struct Row
    {
        RecordState state = RecordState::Synced;
        QByteArray payload;
    };
    QHash<QString, Row> model;
    QSet<QString> inUse;
    QRandomGenerator rng(20261130);
    int nextNew = 0;
    const auto anyKnown = [&]() -> QString {
        if (model.isEmpty())
            return QStringLiteral("n0");
        auto it = model.constBegin();
        std::advance(it, rng.bounded(int(model.size())));
        return it.key();
    };
    for (int pageNo = 0; pageNo < 40; ++pageNo) {
        // Some pages are all new records (the fast path throughout), others mix in known Ids, and
        // every fifth is a resync's: only Ids already here (its first run adds no row at all).
        const int knownPercent = pageNo % 5 == 4 ? 100 : pageNo % 3 == 0 ? 0 : pageNo % 3 == 1 ? 2 : 30;
        // Even pages mark where each Id sits in the payload, as the parser does, and hold no tombstone
        // (its empty payload marks nothing): they are put in Id order by the packed Id bytes. Odd
        // pages, tombstones among them, are put in order by their records' QString Ids.
        const bool marked = pageNo % 2 == 0;
        QVector<IncomingRecord> page;
        const int n = 60 + rng.bounded(400);
        for (int i = 0; i < n; ++i) {
            const int roll = marked ? 3 + rng.bounded(97) : rng.bounded(100);
            const QByteArray tag = "p" + QByteArray::number(pageNo) + "-" + QByteArray::number(i);
            if (roll < 2 && !page.isEmpty()) {
                page.append(tombstone(page[rng.bounded(int(page.size()))].id));
            } else if (roll < 3) {
                page.append(tombstone(anyKnown()));
            } else if (roll < 5 && !page.isEmpty()) {
                page.append(pageOf({ page[rng.bounded(int(page.size()))].id }, tag).first());
            } else if (roll < 5 + knownPercent) {
                page.append(pageOf({ anyKnown() }, tag).first());
            } else {
                page.append(pageOf({ QStringLiteral("n%1").arg(nextNew++) }, tag).first());
            }
        }
        if (marked) {
            for (IncomingRecord &r : page) {
                r.idAt = qint32(r.payload.indexOf(':') + 1);
                r.idSize = qint32(r.id.toUtf8().size());
            }
        }
        ApplyResult expected;
        for (const IncomingRecord &r : page) {
            const auto it = model.find(r.id);
            if (r.isDeleted) {
                if (it == model.end())
                    continue;
                if (it->state != RecordState::Synced)
                    ++expected.skippedUnsaved;
                else if (inUse.contains(r.id))
                    ++expected.skippedProtected;
                else
                    model.erase(it), ++expected.deleted;
            } else if (it == model.end()) {
                model.insert(r.id, { RecordState::Synced, r.payload });
                ++expected.inserted;
            } else if (it->state == RecordState::Synced) {
                it->payload = r.payload;
                ++expected.updated;
            } else {
                ++expected.skippedUnsaved;
            }
        }
        const ApplyResult got = apply(page);
        EXPECT_EQ(got.inserted, expected.inserted) << "page " << pageNo;
        EXPECT_EQ(got.updated, expected.updated) << "page " << pageNo;
        EXPECT_EQ(got.deleted, expected.deleted) << "page " << pageNo;
        EXPECT_EQ(got.skippedUnsaved, expected.skippedUnsaved) << "page " << pageNo;
        EXPECT_EQ(got.skippedProtected, expected.skippedProtected) << "page " << pageNo;

        // Between pages: local edits and records in use, so that later pages meet them.
        for (int k = 0; k < 5; ++k) {
            const QString id = anyKnown();
            const auto it = model.find(id);
            if (it == model.end() || it->state != RecordState::Synced)
                continue;
            if (k % 2 == 0) {
                ASSERT_TRUE(store->updateLocal(kObj, id, "mine:" + id.toUtf8()));
                *it = { RecordState::LocallyUpdated, "mine:" + id.toUtf8() };
            } else {
                ASSERT_TRUE(store->deleteLocal(kObj, id));
                it->state = RecordState::LocallyDeleted;
            }
        }
        const QString created = QStringLiteral("n%1").arg(nextNew++);
        ASSERT_TRUE(store->createLocal(kObj, created, "mine:" + created.toUtf8()));
        model.insert(created, { RecordState::LocallyCreated, "mine:" + created.toUtf8() });
        inUse.insert(anyKnown());
        QList<QPair<QString, QString>> inUseList;
        for (const QString &id : inUse)
            inUseList.append({ kObj, id });
        ASSERT_TRUE(store->setInUse(inUseList));
    }
    const QStringList ids = store->ids(kObj);
    EXPECT_EQ(ids.size(), model.size());
    for (const QString &id : ids) {
        const auto stored = store->record(kObj, id);
        ASSERT_TRUE(stored && model.contains(id)) << id.toStdString();
        EXPECT_EQ(stored->state, model[id].state) << id.toStdString();
        EXPECT_EQ(stored->payload, model[id].payload) << id.toStdString();
    }
    expectCountersExact(kObj);
}

INSTANTIATE_TEST_SUITE_P(Paths, StoreWritePaths,
    ::testing::Values(LocalStore::WritePath::SqliteApi, LocalStore::WritePath::QtSql),
    writePathName);

TEST_F(Store, ClearAndResyncOfSeveralObjectsIsOneTransaction)
{
    const QString other = QStringLiteral("contact");
    apply(pageOf({"a", "b"}));
    ASSERT_FALSE(store->applyPage(other, pageOf({"c1", "c2", "c3"}), {}, 0).inserted == 0);
    ASSERT_TRUE(store->updateLocal(kObj, QStringLiteral("a"), "mine"));
    // A failure at the second object (a trigger stands in for a full disk or an I/O error there):
    // nothing of either object is cleared.
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec("CREATE TRIGGER fail_contact BEFORE UPDATE OF pending ON objects WHEN NEW.name = 'contact'"
                             " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"));
    }
    StoreError err;
    EXPECT_TRUE(store->beginClearResync(QStringList{kObj, other}, &err).isEmpty());
    EXPECT_FALSE(err.ok());
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec("DROP TRIGGER fail_contact"));
    }
    EXPECT_EQ(store->countSlow(kObj), 2);
    EXPECT_EQ(store->countSlow(other), 3);
    EXPECT_EQ(store->objectState(other).pending, PendingOp::None);

    const QHash<QString, qint64> generations = store->beginClearResync(QStringList{kObj, other}, &err);
    ASSERT_EQ(generations.size(), 2) << err.message.toStdString();
    EXPECT_EQ(generations.value(kObj), store->objectState(kObj).generation);
    EXPECT_EQ(store->ids(kObj), QStringList{QStringLiteral("a")}); // the unsaved one stays
    EXPECT_TRUE(store->ids(other).isEmpty());
    EXPECT_EQ(store->objectState(kObj).pending, PendingOp::ClearResync);
    EXPECT_EQ(store->objectState(other).pending, PendingOp::ClearResync);
    expectCountersExact(kObj);
    expectCountersExact(other);
}

} // namespace
