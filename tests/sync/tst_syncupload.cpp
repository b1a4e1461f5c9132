// SPDX-License-Identifier: MIT
// Uploads of unsaved records against the in-process emulator over loopback: creates (upserts by the
// external Id), updates and deletes; per-record refusals kept with their error; all-or-none batches;
// an answer lost after the server applied the batch; 401 during an upload; records deleted on the
// server; pause and clear & resync while uploads wait; a local record pointing at another one.

#include "enginefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <set>

using namespace enginetest;
using namespace posdata;

namespace {

const QString kContact = QStringLiteral("contact");

class UploadTest : public EngineTest
{
protected:
    /// Starts the engine and waits for its first cycle (a full download) to end.
    void startSynced(const QByteArray &config = QByteArray())
    {
        engine = std::make_unique<SyncEngine>(options(config));
        idles = std::make_unique<IdleCounter>(*engine);
        engine->start();
        ASSERT_TRUE(idles->waitNext(0));
    }
    void TearDown() override
    {
        engine.reset(); // closes its connections before the server stops (no keep-alive wait)
        EngineTest::TearDown();
    }
    /// A copy of the object's row now (a pointer into engine->snapshot() would point into a
    /// temporary, alive only while the engine's own copy shares its list).
    std::optional<SyncObjectSnapshot> snap(const QString &object) const
    {
        return objectOf(*engine, object);
    }
    /// Sales with these totals written on the device (a negative total is refused by the server);
    /// true once the engine counts them all unsaved.
    bool sell(std::initializer_list<double> totals)
    {
        for (const double total : totals)
            engine->createLocal(kOrder, order(total));
        return waitFor([&] { return snap(kOrder)->unsaved == qint64(totals.size()); });
    }
    /// Waits until the object's unsaved count reaches `unsaved` with nothing uploading.
    bool waitUnsaved(const QString &object, qint64 unsaved, qint64 failed = -1)
    {
        return waitFor([&] {
            const auto s = snap(object);
            return s && s->unsaved == unsaved && !s->uploading && (failed < 0 || s->uploadFailed == failed);
        });
    }
    QJsonObject order(double total, const QString &status = QStringLiteral("Till")) const
    {
        return { { "s_c__outlet__c", outletId }, { "s_c__total__c", total }, { "s_c__status__c", status },
            { "s_c__item_count__c", 1 } };
    }
    /// The orders on the server that came from this device's tests (status "Till"), by external Id.
    std::map<std::string, std::string> serverOrdersByUuid()
    {
        std::map<std::string, std::string> out;
        for (const auto &r :
            rest->query("SELECT Id, s_c__pos_uuid__c FROM s_c__order__c WHERE s_c__status__c = 'Till'")) {
            EXPECT_EQ(out.count(r["s_c__pos_uuid__c"].get<std::string>()), 0u) << "duplicate upload";
            out[r["s_c__pos_uuid__c"].get<std::string>()] = r["Id"].get<std::string>();
        }
        return out;
    }
    QList<UnsavedRecord> unsavedOf(const QString &object) { return enginetest::unsavedOf(*engine, object); }

    std::unique_ptr<SyncEngine> engine;
    std::unique_ptr<IdleCounter> idles;
};

TEST_F(UploadTest, CreatesUpdatesAndDeletesReachTheServerOnceAndEndIdentical)
{
    startSynced();
    const QStringList products = rest->ids(kProduct, QString(), 3);
    ASSERT_EQ(products.size(), 3);
    for (int i = 0; i < 3; ++i)
        engine->createLocal(kOrder, order(10 + i));
    engine->updateLocal(kProduct, products[0], { { "s_c__description__c", "changed on the till" } });
    engine->deleteLocal(kProduct, products[1]);
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->unsaved == 3; }));
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    ASSERT_TRUE(waitUnsaved(kProduct, 0, 0));

    EXPECT_EQ(serverOrdersByUuid().size(), 3u);
    const auto changed = rest->query(
        "SELECT s_c__description__c FROM s_c__product__c WHERE Id = '" + products[0].toStdString() + "'");
    ASSERT_EQ(changed.size(), 1u);
    EXPECT_EQ(changed[0]["s_c__description__c"], "changed on the till");
    EXPECT_TRUE(rest->ids(kProduct, QStringLiteral("Id = '%1'").arg(products[1])).isEmpty());

    const int before = idles->count;
    engine->syncNow();
    ASSERT_TRUE(idles->waitNext(before));
    expectIdentical(allObjects());
}

TEST_F(UploadTest, RefusedRecordsKeepTheirErrorWhileTheRestGoUp)
{
    startSynced();
    ASSERT_TRUE(sell({5.0, -1.0, 7.0, -2.0, 9.0}));
    ASSERT_TRUE(waitUnsaved(kOrder, 2, 2));
    EXPECT_EQ(serverOrdersByUuid().size(), 3u);

    const QList<UnsavedRecord> refused = unsavedOf(kOrder);
    ASSERT_EQ(refused.size(), 2);
    for (const UnsavedRecord &r : refused) {
        EXPECT_EQ(r.state, RecordState::LocallyCreated);
        EXPECT_EQ(r.errorCode, QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
        EXPECT_TRUE(r.errorMessage.contains(QStringLiteral("cannot be negative")))
            << r.errorMessage.toStdString();
        EXPECT_TRUE(r.errorAt.isValid());
        EXPECT_EQ(r.attempts, 1);
    }
    // The object is not shown as if all were well: the unsaved count and the refusals stay.
    const int before = idles->count;
    engine->syncNow();
    ASSERT_TRUE(idles->waitNext(before));
    EXPECT_EQ(snap(kOrder)->unsaved, 2);
    EXPECT_EQ(snap(kOrder)->uploadFailed, 2);
    EXPECT_EQ(unsavedOf(kOrder).value(0).attempts, 1); // a refused record waits for a person

    // "Retry upload" sends them again (refused again); fixing one lets it through.
    engine->retryUpload(kOrder);
    ASSERT_TRUE(waitFor([&] { return unsavedOf(kOrder).value(0).attempts == 2; }));
    engine->updateLocal(kOrder, refused[0].id, { { "s_c__total__c", 1.5 } });
    ASSERT_TRUE(waitUnsaved(kOrder, 1, 1));
    EXPECT_EQ(serverOrdersByUuid().size(), 4u);
}

TEST_F(UploadTest, AnAllOrNoneBatchWithARefusalLosesNothing)
{
    QFile f(QStringLiteral(POSDATA_SOURCE_DIR "/resources/sync-objects.json"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    // The bundled config with the orders' uploads all-or-none (set in its JSON, whatever the layout).
    QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QJsonArray objects = root.value(u"objects").toArray();
    for (qsizetype i = 0; i < objects.size(); ++i) {
        QJsonObject o = objects.at(i).toObject();
        if (o.value(u"name").toString() == kOrder)
            o.insert(u"uploadAllOrNone", true);
        objects[i] = o;
    }
    root.insert(u"objects", objects);
    const QByteArray config = QJsonDocument(root).toJson();
    ASSERT_TRUE(config.contains("uploadAllOrNone"));
    startSynced(config);
    ASSERT_TRUE(sell({5.0, -1.0, 7.0}));
    ASSERT_TRUE(waitUnsaved(kOrder, 1, 1));
    // The rolled-back records went again without the refused one.
    EXPECT_EQ(serverOrdersByUuid().size(), 2u);
    const QList<UnsavedRecord> left = unsavedOf(kOrder);
    ASSERT_EQ(left.size(), 1);
    EXPECT_EQ(left[0].errorCode, QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
}

TEST_F(UploadTest, AnAnswerLostAfterTheServerAppliedTheBatchMakesNoDuplicate)
{
    startSynced();
    // The next two upload answers are cut mid-body: the server has applied them.
    setFaults(
        { { "failNextCount", 2 }, { "failNextMode", "drop" }, { "failPathContains", "composite/sobjects" } });
    for (int i = 0; i < 50; ++i)
        engine->createLocal(kOrder, order(1 + i));
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->unsaved == 50; }));
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    EXPECT_EQ(serverOrdersByUuid().size(), 50u);
    EXPECT_EQ(server->emulator().faults().failNextCount, 0);
}

TEST_F(UploadTest, ATruncatedOrMalformedUploadAnswerIsSentAgainWithoutDuplicates)
{
    startSynced();
    int expected = 0;
    for (const char *mode : { "truncate", "malformed", "html" }) {
        setFaults({ { "failNextCount", 1 }, { "failNextMode", mode },
            { "failPathContains", "composite/sobjects" } });
        for (int i = 0; i < 5; ++i)
            engine->createLocal(kOrder, order(30 + i));
        expected += 5;
        ASSERT_TRUE(waitFor([&] { return int(serverOrdersByUuid().size()) == expected; })) << mode;
        ASSERT_TRUE(waitUnsaved(kOrder, 0, 0)) << mode;
        EXPECT_EQ(server->emulator().faults().failNextCount, 0) << mode;
    }
    EXPECT_EQ(serverOrdersByUuid().size(), 15u);
}

TEST_F(UploadTest, ARecordWrittenWithoutAnExternalIdGetsOneBeforeItsUpload)
{
    startSynced();
    engine->pause(kOrder);
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->paused; }));
    {
        // Another process wrote it with the low-level call: no external Id yet.
        auto store = LocalStore::open(dbPath, LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->createLocal(
            kOrder, QStringLiteral("till-7"), QJsonDocument(order(8)).toJson(QJsonDocument::Compact)));
    }
    setFaults(
        { { "failNextCount", 1 }, { "failNextMode", "drop" }, { "failPathContains", "composite/sobjects" } });
    engine->resume(kOrder);
    ASSERT_TRUE(waitFor([&] { return !serverOrdersByUuid().empty(); }));
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    // Its answer was lost once and it was sent again: still one record on the server.
    EXPECT_EQ(serverOrdersByUuid().size(), 1u);
    EXPECT_EQ(server->emulator().faults().failNextCount, 0);
}

TEST_F(UploadTest, ASaleDeletedAfterItsUploadWasSentIsDeletedOnTheServerToo)
{
    startSynced();
    engine->pause(kOrder);
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->paused; }));
    QString landedUuid;
    {
        // Two sales whose uploads were sent before the app was killed: one reached the server (its
        // answer was lost), one did not. Both are then deleted on the device.
        auto store = LocalStore::open(dbPath, LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        const QString landed = store->createRecord(kOrder, order(4), QStringLiteral("s_c__pos_uuid__c"));
        const QString lost = store->createRecord(kOrder, order(5), QStringLiteral("s_c__pos_uuid__c"));
        ASSERT_TRUE(store->markSent(kOrder, { landed, lost }));
        landedUuid = store->unsaved(kOrder).value(0).externalId;
        nlohmann::json rec = { { "attributes", { { "type", "s_c__order__c" } } },
            { "s_c__outlet__c", outletId.toStdString() }, { "s_c__total__c", 4 },
            { "s_c__status__c", "Till" }, { "s_c__pos_uuid__c", landedUuid.toStdString() } };
        ASSERT_TRUE(rest->upsert("s_c__order__c", "s_c__pos_uuid__c", nlohmann::json::array({ rec })));
        ASSERT_TRUE(store->deleteLocal(kOrder, landed));
        ASSERT_TRUE(store->deleteLocal(kOrder, lost));
        ASSERT_EQ(store->objectState(kOrder).unsavedCount, 2);
    }
    ASSERT_EQ(serverOrdersByUuid().size(), 1u);
    engine->resume(kOrder);
    ASSERT_TRUE(waitFor([&] { return serverOrdersByUuid().empty(); }));
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    const int before = idles->count;
    engine->syncNow();
    ASSERT_TRUE(idles->waitNext(before));
    expectIdentical({ kOrder });
}

TEST_F(UploadTest, AnExpiredTokenDuringAnUploadIsRefreshedOnce)
{
    startSynced();
    setFaults(
        { { "failNextCount", 1 }, { "failNextMode", "401" }, { "failPathContains", "composite/sobjects" } });
    engine->createLocal(kOrder, order(3));
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->unsaved == 1; }));
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    EXPECT_EQ(serverOrdersByUuid().size(), 1u);
    EXPECT_FALSE(engine->snapshot().signInRequired);
}

TEST_F(UploadTest, RecordsDeletedOnTheServer)
{
    startSynced();
    const QStringList products = rest->ids(kProduct, QString(), 2);
    ASSERT_EQ(products.size(), 2);
    engine->pause(kProduct); // hold the uploads while the server deletes both
    engine->deleteLocal(kProduct, products[0]);
    engine->updateLocal(kProduct, products[1], { { "s_c__description__c", "edited" } });
    ASSERT_TRUE(waitFor([&] { return snap(kProduct)->unsaved == 2 && snap(kProduct)->paused; }));
    ASSERT_TRUE(rest->remove(products));
    engine->resume(kProduct);
    // The delete is what the server already did; the edit is refused with ENTITY_IS_DELETED and kept.
    ASSERT_TRUE(waitUnsaved(kProduct, 1, 1));
    const QList<UnsavedRecord> left = unsavedOf(kProduct);
    ASSERT_EQ(left.size(), 1);
    EXPECT_EQ(left[0].id, products[1]);
    EXPECT_EQ(left[0].state, RecordState::LocallyUpdated);
    EXPECT_EQ(left[0].errorCode, QStringLiteral("ENTITY_IS_DELETED"));
}

TEST_F(UploadTest, PauseHoldsUploadsAndClearAndResyncKeepsThem)
{
    startSynced();
    engine->pause(kOrder);
    for (int i = 0; i < 3; ++i)
        engine->createLocal(kOrder, order(20 + i));
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->unsaved == 3; }));
    const int before = idles->count;
    engine->syncNow();
    ASSERT_TRUE(idles->waitNext(before));
    EXPECT_EQ(snap(kOrder)->unsaved, 3); // paused: nothing went up
    EXPECT_TRUE(serverOrdersByUuid().empty());

    engine->clearResync(kOrder);
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->local == 0 || snap(kOrder)->syncing; }));
    EXPECT_EQ(snap(kOrder)->unsaved, 3);
    engine->resume(kOrder);
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    EXPECT_EQ(serverOrdersByUuid().size(), 3u);
    ASSERT_TRUE(waitFor([&] { return snap(kOrder)->status == SyncStatus::SubsetSynced; }));
    expectIdentical({ kOrder });
}

TEST_F(UploadTest, ARecordPointingAtALocalRecordGoesUpAfterItWithTheServerId)
{
    startSynced();
    engine->createLocal(kContact, { { "FirstName", "Ada" }, { "LastName", "Local" } });
    ASSERT_TRUE(waitFor([&] { return snap(kContact)->unsaved == 1; }));
    const QList<UnsavedRecord> contacts = unsavedOf(kContact);
    ASSERT_EQ(contacts.size(), 1);
    QJsonObject sale = order(12);
    sale.insert(QStringLiteral("s_c__contact__c"), contacts[0].id);
    engine->createLocal(kOrder, sale);
    // The snapshot may not show the sale yet: wait on the server, then for nothing left to upload.
    ASSERT_TRUE(waitFor([&] { return serverOrdersByUuid().size() == 1; }));
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    ASSERT_TRUE(waitUnsaved(kContact, 0, 0));
    const auto rows
        = rest->query("SELECT Id, s_c__contact__c FROM s_c__order__c WHERE s_c__status__c = 'Till'");
    ASSERT_EQ(rows.size(), 1u);
    const auto contact = rest->query("SELECT Id FROM Contact WHERE LastName = 'Local'");
    ASSERT_EQ(contact.size(), 1u);
    EXPECT_EQ(rows[0]["s_c__contact__c"], contact[0]["Id"]);

    // A text that merely looks like a local Id holds nothing back.
    engine->createLocal(kContact, { { "LastName", "local-but-a-name" }, { "FirstName", "\"local-quoted" } });
    ASSERT_TRUE(waitFor([&] { return snap(kContact)->unsaved == 1; }));
    ASSERT_TRUE(waitUnsaved(kContact, 0, 0));
    EXPECT_EQ(rest->query("SELECT Id FROM Contact WHERE LastName = 'local-but-a-name'").size(), 1u);
}

TEST_F(UploadTest, ASaleOutsideACycleRecountsOnlyTheObjectItWentTo)
{
    startSynced();
    const QDateTime productCountsRead = snap(kProduct)->countsReadAt;
    const qint64 ordersOnServer = snap(kOrder)->server;
    const qint64 apiBefore = engine->snapshot().apiCallsTotal;
    const int before = idles->count;
    engine->createLocal(kOrder, order(9));
    // The upload goes ~1 s after the write, then a cycle over the order object alone counts again.
    ASSERT_TRUE(idles->waitNext(before));
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
    const EngineSnapshot after = engine->snapshot();
    EXPECT_EQ(snap(kOrder)->server, ordersOnServer + 1);
    EXPECT_EQ(snap(kOrder)->local, snap(kOrder)->server);
    EXPECT_EQ(snap(kProduct)->countsReadAt, productCountsRead) << "an object nobody wrote to was counted again";
    // describe + the upload, then one /composite with the order's counts and one delta query.
    EXPECT_LE(after.apiCallsTotal - apiBefore, 4);
    EXPECT_LE(after.apiCallsLastCycle, 2);
    expectIdentical({ kOrder });
}

TEST_F(UploadTest, SalesEveryFewHundredMillisecondsDoNotPostponeTheFullCycle)
{
    SyncEngineOptions o = options();
    o.cycleIntervalMs = 2000; // longer than the ~1 s from a sale to its upload and recount
    engine = std::make_unique<SyncEngine>(o);
    idles = std::make_unique<IdleCounter>(*engine);
    engine->start();
    ASSERT_TRUE(idles->waitNext(0));
    const QDateTime productCountsRead = snap(kProduct)->countsReadAt;
    // Each sale's recount must leave the interval timer running: the other objects are still
    // counted every two seconds, however busy the till.
    bool fullCycleSeen = false;
    for (int sale = 0; sale < 40 && !fullCycleSeen; ++sale) {
        engine->createLocal(kOrder, order(1 + sale));
        fullCycleSeen = waitFor([&] { return snap(kProduct)->countsReadAt > productCountsRead; }, 250);
    }
    EXPECT_TRUE(fullCycleSeen);
    ASSERT_TRUE(waitUnsaved(kOrder, 0, 0));
}

} // namespace
