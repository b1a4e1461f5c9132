// SPDX-License-Identifier: MIT
// "Discard this change" through the engine against the in-process emulator: a refused sale goes to
// the discarded log (counts follow, the other refused one stays), what cannot be discarded is said
// in words (a synced record, an unknown object, an upload in flight), and the log forgets records
// older than tuning::kKeepDiscardedDays when the engine starts.

#include "enginefixture.h"

#include "sync/synctuning.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace enginetest;
using namespace posdata;

namespace {

class DiscardTest : public EngineTest
{
protected:
    void startSynced()
    {
        engine = std::make_unique<SyncEngine>(options());
        idles = std::make_unique<IdleCounter>(*engine);
        engine->start();
        ASSERT_TRUE(idles->waitNext(0));
    }
    void TearDown() override
    {
        engine.reset();
        EngineTest::TearDown();
    }
    std::optional<SyncObjectSnapshot> snap(const QString &object) const { return objectOf(*engine, object); }
    QJsonObject order(double total) const
    {
        return {{"s_c__outlet__c", outletId}, {"s_c__total__c", total}, {"s_c__status__c", "Till"},
                {"s_c__item_count__c", 1}};
    }
    QList<UnsavedRecord> unsavedOf(const QString &object) { return enginetest::unsavedOf(*engine, object); }
    /// Discards through the engine and returns its answer: empty when discarded, else why not.
    QString discard(const QString &object, const QString &id)
    {
        QSignalSpy spy(engine.get(), &SyncEngine::unsavedDiscarded);
        engine->discardUnsaved(object, id);
        if (!waitFor([&] { return spy.count() > 0; }))
            return QStringLiteral("no answer");
        const QList<QVariant> answer = spy.takeFirst();
        EXPECT_EQ(answer.at(1).toString(), id);
        return answer.at(2).toString();
    }
    QList<DiscardedRecord> discardedInStore()
    {
        auto store = LocalStore::open(dbPath, LocalStore::Mode::ReadOnly);
        return store ? store->discarded() : QList<DiscardedRecord>();
    }

    std::unique_ptr<SyncEngine> engine;
    std::unique_ptr<IdleCounter> idles;
};

TEST_F(DiscardTest, ARefusedSaleGoesToTheDiscardedLogAndTheCountsFollow)
{
    startSynced();
    engine->createLocal(kOrder, order(-1));
    engine->createLocal(kOrder, order(-2));
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->uploadFailed == 2 && !snap(kOrder)->uploading; }));
    const qint64 storedBefore = snap(kOrder)->stored;
    const QList<UnsavedRecord> refused = unsavedOf(kOrder);
    ASSERT_EQ(refused.size(), 2);

    EXPECT_EQ(discard(kOrder, refused[0].id), QString());
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->unsaved == 1; }));
    EXPECT_EQ(snap(kOrder)->uploadFailed, 1);
    EXPECT_EQ(snap(kOrder)->stored, storedBefore - 1); // "Local records" follow
    const QList<UnsavedRecord> left = unsavedOf(kOrder);
    ASSERT_EQ(left.size(), 1);
    EXPECT_EQ(left[0].id, refused[1].id);

    // Kept in the log with what it held and why Salesforce refused it.
    const QList<DiscardedRecord> log = discardedInStore();
    ASSERT_EQ(log.size(), 1);
    EXPECT_EQ(log[0].record.id, refused[0].id);
    EXPECT_EQ(log[0].record.payload, refused[0].payload);
    EXPECT_EQ(log[0].record.errorCode, QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
    EXPECT_TRUE(log[0].discardedAt.isValid());

    // Nothing of it goes up on the next sync: the server never saw it.
    const int before = idles->count;
    engine->syncNow();
    ASSERT_TRUE(idles->waitNext(before));
    EXPECT_EQ(snap(kOrder)->unsaved, 1);
    EXPECT_TRUE(rest->query("SELECT Id FROM s_c__order__c WHERE s_c__status__c = 'Till'").empty());
}

TEST_F(DiscardTest, WhatCannotBeDiscardedIsSaidInWords)
{
    startSynced();
    const QString product = rest->ids(kProduct, QString(), 1).value(0);
    ASSERT_FALSE(product.isEmpty());
    EXPECT_TRUE(discard(kProduct, product).contains(QStringLiteral("no unsaved change")));
    EXPECT_TRUE(discard(QStringLiteral("s_c__nothing__c"), product).contains(QStringLiteral("is not a sync object")));
    EXPECT_TRUE(discard(kOrder, QStringLiteral("local-00000000-0000-0000-0000-000000000000"))
                    .contains(QStringLiteral("no such record")));
    EXPECT_TRUE(discardedInStore().isEmpty());
}

TEST_F(DiscardTest, NotWhileTheObjectUploads)
{
    startSynced();
    setFaults({{"latencyMs", 600}}); // the upload stays in flight long enough to ask
    engine->createLocal(kOrder, order(5));
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->uploading; }));
    const QList<UnsavedRecord> sent = unsavedOf(kOrder);
    ASSERT_EQ(sent.size(), 1);
    EXPECT_TRUE(discard(kOrder, sent[0].id).contains(QStringLiteral("uploading right now")));
    setFaults({{"latencyMs", 0}});
    // It went up whole: the refusal lost nothing.
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->unsaved == 0 && !snap(kOrder)->uploading; }));
    EXPECT_EQ(rest->query("SELECT Id FROM s_c__order__c WHERE s_c__status__c = 'Till'").size(), 1u);
    EXPECT_TRUE(discardedInStore().isEmpty());
}

TEST_F(DiscardTest, TheLogForgetsRecordsOlderThanItsKeepingTime)
{
    {
        auto store = LocalStore::open(dbPath, LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->ensureObjects({kOrder}));
        const QString old = store->createRecord(kOrder, order(1), QStringLiteral("s_c__pos_uuid__c"));
        const QString recent = store->createRecord(kOrder, order(2), QStringLiteral("s_c__pos_uuid__c"));
        ASSERT_TRUE(store->discardUnsaved(kOrder, old));
        ASSERT_TRUE(store->discardUnsaved(kOrder, recent));
        // One of them was discarded a day longer ago than the log keeps them, one a day less.
        const qint64 day = 24LL * 3600 * 1000;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("age"));
        db.setDatabaseName(dbPath);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.prepare(QStringLiteral("UPDATE discarded SET discarded_at = ? WHERE id = ?")));
        q.addBindValue(now - (tuning::kKeepDiscardedDays + 1) * day);
        q.addBindValue(old);
        ASSERT_TRUE(q.exec());
        q.addBindValue(now - (tuning::kKeepDiscardedDays - 1) * day);
        q.addBindValue(recent);
        ASSERT_TRUE(q.exec());
        q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("age"));
        ASSERT_EQ(store->discarded().size(), 2);
    }
    startSynced();
    const QList<DiscardedRecord> log = discardedInStore();
    ASSERT_EQ(log.size(), 1);
    EXPECT_EQ(log[0].record.payload.contains("\"s_c__total__c\":2"), true) << log[0].record.payload.toStdString();
}

} // namespace
