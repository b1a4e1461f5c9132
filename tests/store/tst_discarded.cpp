// SPDX-License-Identifier: MIT
// Discarded records: discardUnsaved() moves an unsaved record of any kind out of the records in one
// transaction (counters follow, the protected set stays), discarded() lists them newest first,
// purgeDiscarded() drops the old ones; synced, unknown and bad records are refused in words.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QThread>
#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class Discarded : public FreshStore
{
protected:
    /// Synced a, b, c; b edited and c deleted on the device; a sale created here whose upload the
    /// server refused.
    void SetUp() override
    {
        FreshStore::SetUp();
        StoreError err;
        store->applyPage(kObj, pageOf({ "a", "b", "c" }), { "t1", "c" }, 0, &err);
        ASSERT_TRUE(err.ok()) << err.message.toStdString();
        ASSERT_TRUE(store->updateLocal(kObj, QStringLiteral("b"), R"({"Name":"B edited"})"));
        ASSERT_TRUE(store->deleteLocal(kObj, QStringLiteral("c")));
        sale = store->createRecord(kOrder, { { "Name", "sale 1" } }, kExt, &err);
        ASSERT_FALSE(sale.isEmpty()) << err.message.toStdString();
        ASSERT_TRUE(store->setUploadError(kOrder, sale, QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"),
            QStringLiteral("Total must be positive"), QDateTime::fromMSecsSinceEpoch(1764300000000, Qt::UTC)));
    }


    void expectCountersExact(const QString &object)
    {
        const ObjectState s = store->objectState(object);
        const QList<UnsavedRecord> unsaved = store->unsaved(object);
        EXPECT_EQ(s.unsavedCount, unsaved.size()) << object.toStdString();
        EXPECT_EQ(s.uploadFailedCount,
            std::count_if(unsaved.begin(), unsaved.end(), [](const UnsavedRecord &r) { return !r.errorCode.isEmpty(); }))
            << object.toStdString();
        EXPECT_EQ(s.localCount, store->countSlow(object, RecordState::Synced)) << object.toStdString();
        EXPECT_EQ(s.inUseCount,
            RawDb(path, SQLITE_OPEN_READONLY)
                .scalar(QByteArray("SELECT COUNT(DISTINCT p.id) FROM protected p JOIN records r ON r.obj = p.obj"
                                   " AND r.id = p.id JOIN objects o ON o.obj = p.obj WHERE o.name = '")
                        + object.toUtf8() + "'")
                .toLongLong())
            << object.toStdString();
    }

    QString sale;
};

TEST_F(Discarded, EachKindOfUnsavedRecordIsMovedWithWhatItHeld)
{
    const UnsavedRecord saleBefore = store->unsaved(kOrder).first();
    const UnsavedRecord editBefore = store->unsaved(kObj).first();
    ASSERT_EQ(editBefore.id, QStringLiteral("b"));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    StoreError err;
    for (const auto &[object, id] : { std::pair { kOrder, sale }, { kObj, QStringLiteral("b") }, { kObj, QStringLiteral("c") } }) {
        ASSERT_TRUE(store->discardUnsaved(object, id, &err)) << id.toStdString() << ": " << err.message.toStdString();
        EXPECT_FALSE(store->record(object, id)) << id.toStdString();
    }
    const QDateTime after = QDateTime::currentDateTimeUtc();
    EXPECT_TRUE(store->unsaved(kObj).isEmpty());
    EXPECT_TRUE(store->unsaved(kOrder).isEmpty());
    EXPECT_EQ(store->objectState(kObj).unsavedCount, 0);
    EXPECT_EQ(store->objectState(kObj).localCount, 1); // a
    EXPECT_EQ(store->objectState(kOrder).uploadFailedCount, 0);
    expectCountersExact(kObj);
    expectCountersExact(kOrder);

    const QList<DiscardedRecord> all = store->discarded();
    ASSERT_EQ(all.size(), 3);
    // Newest first.
    EXPECT_EQ(all[0].record.id, QStringLiteral("c"));
    EXPECT_EQ(all[0].record.state, RecordState::LocallyDeleted);
    EXPECT_EQ(all[1].record.id, QStringLiteral("b"));
    EXPECT_EQ(all[2].record.id, sale);
    for (const DiscardedRecord &r : all) {
        EXPECT_LE(before, r.discardedAt);
        EXPECT_LE(r.discardedAt, after);
        EXPECT_EQ(r.discardedAt.timeSpec(), Qt::UTC);
    }
    // Everything it held, as the unsaved list showed it (the refusal count is not kept).
    UnsavedRecord saleKept = saleBefore;
    saleKept.attempts = 0;
    EXPECT_EQ(all[2].record, saleKept);
    EXPECT_EQ(all[2].record.object, kOrder);
    EXPECT_EQ(all[2].record.name, QStringLiteral("sale 1"));
    EXPECT_FALSE(all[2].record.externalId.isEmpty());
    EXPECT_EQ(all[2].record.errorMessage, QStringLiteral("Total must be positive"));
    EXPECT_EQ(all[1].record, editBefore);
    EXPECT_EQ(all[1].record.name, QStringLiteral("B edited"));
}

TEST_F(Discarded, TheProtectedSetIsUntouched)
{
    ASSERT_TRUE(store->setPinned(kObj, QStringLiteral("b"), true));
    ASSERT_TRUE(store->setInUse({ { kObj, QStringLiteral("c") }, { kObj, QStringLiteral("a") } }));
    ASSERT_EQ(store->objectState(kObj).inUseCount, 3);
    const QString protectedRows = rowsOf("protected");
    StoreError err;
    ASSERT_TRUE(store->discardUnsaved(kObj, QStringLiteral("b"), &err)) << err.message.toStdString();
    EXPECT_EQ(rowsOf("protected"), protectedRows);
    EXPECT_EQ(store->objectState(kObj).inUseCount, 2); // b is still pinned, but has no record now
    expectCountersExact(kObj);
    // When it comes down again it is protected at once.
    store->applyPage(kObj, pageOf({ "b" }, "v2"), { "t2", "b" }, 0, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_TRUE(store->record(kObj, QStringLiteral("b"))->pinned);
    EXPECT_EQ(store->objectState(kObj).inUseCount, 3);
}

TEST_F(Discarded, SyncedUnknownAndBadRecordsAreRefusedInWords)
{
    const QString records = rowsOf("records");
    const QString objects = rowsOf("objects");
    const struct
    {
        QString object;
        QString id;
        StoreError::Kind kind;
        const char *words;
    } bad[] = {
        { kObj, QStringLiteral("a"), StoreError::Invalid, "it has no unsaved change to discard" },
        { kObj, QStringLiteral("zzz"), StoreError::Invalid, "there is no such record" },
        { kObj, QString(), StoreError::Invalid, "invalid record Id" },
        { QStringLiteral("no such; object"), QStringLiteral("b"), StoreError::Invalid, "not a valid object name" },
    };
    for (const auto &b : bad) {
        StoreError err;
        EXPECT_FALSE(store->discardUnsaved(b.object, b.id, &err)) << b.words;
        EXPECT_EQ(err.kind, b.kind) << b.words;
        EXPECT_TRUE(err.message.contains(QLatin1String(b.words))) << err.message.toStdString();
    }
    StoreError err;
    auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly, &err);
    ASSERT_TRUE(reader) << err.message.toStdString();
    EXPECT_FALSE(reader->discardUnsaved(kObj, QStringLiteral("b"), &err));
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_EQ(rowsOf("records"), records);
    EXPECT_EQ(rowsOf("objects"), objects);
    EXPECT_TRUE(store->discarded().isEmpty());
}

TEST_F(Discarded, IsOneTransaction)
{
    // The last counter update fails after the record was moved: it must still be where it was.
    StoreError err = failsAsOneTransaction(
        "in_use_count", [this](StoreError *e) { return store->discardUnsaved(kObj, QStringLiteral("b"), e); });
    EXPECT_TRUE(err.message.contains(QStringLiteral("refused by a test trigger"))) << err.message.toStdString();
    EXPECT_TRUE(store->discarded().isEmpty());
    EXPECT_TRUE(store->discardUnsaved(kObj, QStringLiteral("b"), &err)) << err.message.toStdString();
}

TEST_F(Discarded, ListsPerObjectOrAllWithALimitAlsoReadOnly)
{
    ASSERT_TRUE(store->discardUnsaved(kObj, QStringLiteral("b")));
    ASSERT_TRUE(store->discardUnsaved(kOrder, sale));
    ASSERT_TRUE(store->discardUnsaved(kObj, QStringLiteral("c")));
    // The same record edited again and discarded again: both kept.
    ASSERT_TRUE(store->updateLocal(kObj, QStringLiteral("a"), R"({"Name":"A once"})"));
    ASSERT_TRUE(store->discardUnsaved(kObj, QStringLiteral("a")));
    ASSERT_TRUE(store->createLocal(kObj, QStringLiteral("a"), R"({"Name":"A twice"})"));
    ASSERT_TRUE(store->discardUnsaved(kObj, QStringLiteral("a")));
    StoreError err;
    auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly, &err);
    ASSERT_TRUE(reader) << err.message.toStdString();
    const auto ids = [](const QList<DiscardedRecord> &list) {
        QStringList out;
        for (const DiscardedRecord &r : list)
            out << r.record.object + u'/' + r.record.name;
        return out;
    };
    EXPECT_EQ(ids(reader->discarded()),
        (QStringList { "s_c__product__c/A twice", "s_c__product__c/A once", "s_c__product__c/",
            "s_c__order__c/sale 1", "s_c__product__c/B edited" }));
    EXPECT_EQ(ids(reader->discarded(kObj)),
        (QStringList { "s_c__product__c/A twice", "s_c__product__c/A once", "s_c__product__c/",
            "s_c__product__c/B edited" }));
    EXPECT_EQ(ids(reader->discarded(kOrder, 1)), (QStringList { "s_c__order__c/sale 1" }));
    EXPECT_EQ(ids(reader->discarded({}, 2)), (QStringList { "s_c__product__c/A twice", "s_c__product__c/A once" }));
    EXPECT_TRUE(reader->discarded(QStringLiteral("contact")).isEmpty());
    EXPECT_TRUE(reader->discarded(QStringLiteral("bad name!")).isEmpty());
    EXPECT_TRUE(reader->discarded(kObj, 0).isEmpty());
    EXPECT_EQ(store->objectState(kObj).localCount, 0);
    expectCountersExact(kObj);
}

TEST_F(Discarded, PurgeDropsWhatWasDiscardedBeforeTheTimeGiven)
{
    ASSERT_TRUE(store->discardUnsaved(kObj, QStringLiteral("b")));
    const QDateTime first = store->discarded().first().discardedAt;
    while (QDateTime::currentDateTimeUtc() <= first)
        QThread::msleep(1);
    const QDateTime cutoff = QDateTime::currentDateTimeUtc();
    ASSERT_TRUE(store->discardUnsaved(kObj, QStringLiteral("c")));
    StoreError err;
    EXPECT_EQ(store->purgeDiscarded(first, &err), 0) << err.message.toStdString(); // strictly before
    EXPECT_EQ(store->purgeDiscarded(cutoff, &err), 1) << err.message.toStdString();
    ASSERT_EQ(store->discarded().size(), 1);
    EXPECT_EQ(store->discarded().first().record.id, QStringLiteral("c"));
    EXPECT_EQ(store->purgeDiscarded(QDateTime(), &err), -1);
    EXPECT_EQ(err.kind, StoreError::Invalid);
    auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly, &err);
    ASSERT_TRUE(reader) << err.message.toStdString();
    EXPECT_EQ(reader->purgeDiscarded(cutoff.addDays(1), &err), -1);
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_EQ(store->purgeDiscarded(cutoff.addDays(1), &err), 1);
    EXPECT_TRUE(store->discarded().isEmpty());
    EXPECT_EQ(store->purgeDiscarded(cutoff.addDays(1), &err), 0);
    // The records and counters were not touched by any of it.
    expectCountersExact(kObj);
    EXPECT_EQ(store->objectState(kObj).localCount, 1);
}

} // namespace
