// SPDX-License-Identifier: MIT
// The POS's local-write API and the upload bookkeeping of unsaved records: local and external Ids,
// errors kept per record, the refused-upload counter, a server Id replacing a local one everywhere,
// a change made while an upload was in flight, and the migration of a schema-1 file.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>
#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class Unsaved : public FreshStore
{
protected:
    QJsonObject json(const QString &object, const QString &id) const
    {
        return QJsonDocument::fromJson(store->record(object, id).value_or(StoredRecord {}).payload).object();
    }
    /// upload_failed_count must equal a walk over the unsaved rows.
    void expectFailedCountExact(const QString &object)
    {
        qint64 failed = 0;
        for (const UnsavedRecord &r : store->unsaved(object))
            failed += r.errorCode.isEmpty() ? 0 : 1;
        EXPECT_EQ(store->objectState(object).uploadFailedCount, failed) << object.toStdString();
    }
};

TEST_F(Unsaved, CreateRecordGivesALocalIdAndAnExternalIdWrittenIntoItsField)
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    StoreError err;
    const QString id
        = store->createRecord(kOrder, { { "s_c__total__c", 12.5 }, { "Name", "sale 1" } }, kExt, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    ASSERT_TRUE(id.startsWith(QStringLiteral("local-"))) << id.toStdString();
    const QList<UnsavedRecord> list = store->unsaved(kOrder);
    ASSERT_EQ(list.size(), 1);
    const UnsavedRecord &r = list.first();
    EXPECT_EQ(r.id, id);
    EXPECT_EQ(r.state, RecordState::LocallyCreated);
    EXPECT_EQ(r.name, QStringLiteral("sale 1"));
    EXPECT_EQ(id, QStringLiteral("local-") + r.externalId);
    EXPECT_EQ(json(kOrder, id).value(kExt).toString(), r.externalId);
    EXPECT_GE(r.changedAt, before);
    EXPECT_TRUE(r.errorCode.isEmpty());
    // Counts move at once.
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 1);
    // Two creates never share an Id or an external Id.
    const QString second = store->createRecord(kOrder, { { "s_c__total__c", 1 } }, kExt);
    EXPECT_NE(second, id);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 2);
}

TEST_F(Unsaved, BadLocalWritesAreRefusedAndChangeNothing)
{
    StoreError err;
    EXPECT_TRUE(store->createRecord(kOrder, { { "Id", "a03000000000001AAA" } }, kExt, &err).isEmpty());
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_TRUE(store->createRecord(QStringLiteral("bad name!"), {}, kExt, &err).isEmpty());
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_TRUE(store->createRecord(kOrder, {}, QStringLiteral("no such'field"), &err).isEmpty());
    EXPECT_FALSE(store->updateRecord(kOrder, QStringLiteral("nope"), { { "s_c__total__c", 1 } }, &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 0);
}

TEST_F(Unsaved, UpdateRecordMergesChangesAndKeepsTheStateOfACreatedRecord)
{
    store->applyPage(kOrder,
        { { QStringLiteral("a03000000000001AAA"), QStringLiteral("2026-11-28T00:00:00.000+0000"), false,
            R"({"Name":"ORD-1","s_c__total__c":5,"s_c__status__c":"Open"})" } },
        {}, 0);
    ASSERT_TRUE(
        store->updateRecord(kOrder, QStringLiteral("a03000000000001AAA"), { { "s_c__status__c", "Paid" } }));
    const QJsonObject o = json(kOrder, QStringLiteral("a03000000000001AAA"));
    EXPECT_EQ(o.value(u"s_c__status__c").toString(), QStringLiteral("Paid"));
    EXPECT_EQ(o.value(u"s_c__total__c").toInt(), 5);
    EXPECT_EQ(
        store->record(kOrder, QStringLiteral("a03000000000001AAA"))->state, RecordState::LocallyUpdated);
    EXPECT_EQ(store->objectState(kOrder).localCount, 0);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 1);

    const QString id = store->createRecord(kOrder, { { "s_c__total__c", 1 } }, kExt);
    ASSERT_TRUE(store->updateRecord(kOrder, id, { { "s_c__total__c", 2 } }));
    EXPECT_EQ(store->record(kOrder, id)->state, RecordState::LocallyCreated);
}

TEST_F(Unsaved, RefusedUploadsKeepTheirErrorUntilRetryOrANewEdit)
{
    const QString a = store->createRecord(kOrder, { { "s_c__total__c", -1 } }, kExt);
    const QString b = store->createRecord(kOrder, { { "s_c__total__c", -2 } }, kExt);
    const QString c = store->createRecord(kOrder, { { "s_c__total__c", 3 } }, kExt);
    const QDateTime when = QDateTime::currentDateTimeUtc();
    ASSERT_TRUE(store->setUploadError(
        kOrder, a, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Order total cannot be negative", when));
    ASSERT_TRUE(store->setUploadError(
        kOrder, b, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Order total cannot be negative", when));
    ASSERT_TRUE(store->setUploadError(kOrder, b, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "again", when));
    expectFailedCountExact(kOrder);
    EXPECT_EQ(store->objectState(kOrder).uploadFailedCount, 2);

    const QList<UnsavedRecord> all = store->unsaved(kOrder);
    ASSERT_EQ(all.size(), 3);
    EXPECT_EQ(all[0].errorMessage, QStringLiteral("Order total cannot be negative"));
    EXPECT_EQ(all[0].attempts, 1);
    EXPECT_EQ(all[1].attempts, 2);
    EXPECT_EQ(all[1].errorAt.toSecsSinceEpoch(), when.toSecsSinceEpoch());
    // The uploader only takes the ones waiting.
    const QList<UnsavedRecord> waiting = store->unsaved(kOrder, -1, true);
    ASSERT_EQ(waiting.size(), 1);
    EXPECT_EQ(waiting[0].id, c);

    // A new edit is a new attempt.
    ASSERT_TRUE(store->updateRecord(kOrder, a, { { "s_c__total__c", 1 } }));
    EXPECT_EQ(store->objectState(kOrder).uploadFailedCount, 1);
    expectFailedCountExact(kOrder);
    // "Retry upload" forgets the rest of the refusals (the attempt count stays).
    ASSERT_TRUE(store->clearUploadErrors(kOrder));
    EXPECT_EQ(store->objectState(kOrder).uploadFailedCount, 0);
    EXPECT_EQ(store->unsaved(kOrder, -1, true).size(), 3);
    EXPECT_EQ(store->unsaved(kOrder)[1].attempts, 2);
    // An error for a record with nothing to upload is refused.
    StoreError err;
    EXPECT_FALSE(store->setUploadError(kOrder, QStringLiteral("a03000000000009AAA"), "X", "y", when, &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    // Errors survive a clear & resync: unsaved records are kept with them.
    ASSERT_TRUE(store->setUploadError(kOrder, c, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "no", when));
    ASSERT_GE(store->beginClearResync(kOrder), 0);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 3);
    EXPECT_EQ(store->objectState(kOrder).uploadFailedCount, 1);
}

TEST_F(Unsaved, AServerIdReplacesTheLocalIdEverywhere)
{
    const QString contact = store->createRecord(kContact, { { "LastName", "Ng" } }, kExt);
    const QString order
        = store->createRecord(kOrder, { { "s_c__contact__c", contact }, { "s_c__total__c", 4 } }, kExt);
    ASSERT_TRUE(store->setPinned(kContact, contact, true));
    ASSERT_TRUE(store->setUploadError(kContact, contact, "UNKNOWN_EXCEPTION", "once", {}));
    const QString serverId = QStringLiteral("003000000000042AAA");
    ASSERT_TRUE(store->markUploaded(kContact, contact, serverId, {}));
    EXPECT_FALSE(store->record(kContact, contact));
    const auto synced = store->record(kContact, serverId);
    ASSERT_TRUE(synced);
    EXPECT_EQ(synced->state, RecordState::Synced);
    EXPECT_TRUE(synced->pinned);
    EXPECT_EQ(json(kOrder, order).value(u"s_c__contact__c").toString(), serverId);
    EXPECT_EQ(store->objectState(kContact).uploadFailedCount, 0);
    EXPECT_EQ(store->objectState(kContact).localCount, 1);
    EXPECT_EQ(store->objectState(kContact).unsavedCount, 0);
}

TEST_F(Unsaved, AChangeMadeWhileTheUploadWasInFlightStaysUnsaved)
{
    const QString id = store->createRecord(kOrder, { { "s_c__total__c", 1 } }, kExt);
    const UnsavedRecord sent = store->unsaved(kOrder).first();
    ASSERT_TRUE(store->updateRecord(kOrder, id, { { "s_c__total__c", 2 } }));
    const QString serverId = QStringLiteral("a03000000000077AAA");
    ASSERT_TRUE(store->markUploaded(kOrder, id, serverId, {}, nullptr, &sent));
    const auto r = store->record(kOrder, serverId);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->state, RecordState::LocallyUpdated); // the edit goes up as an update
    EXPECT_EQ(QJsonDocument::fromJson(r->payload).object().value(u"s_c__total__c").toInt(), 2);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 1);

    // Unchanged since it was sent: synced.
    const UnsavedRecord again = store->unsaved(kOrder).first();
    ASSERT_TRUE(store->markUploaded(kOrder, serverId, {}, {}, nullptr, &again));
    EXPECT_EQ(store->record(kOrder, serverId)->state, RecordState::Synced);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 0);
    EXPECT_EQ(store->objectState(kOrder).localCount, 1);

    // Deleted on the device while its update was in flight: the delete still has to go up.
    ASSERT_TRUE(store->updateRecord(kOrder, serverId, { { "s_c__total__c", 3 } }));
    const UnsavedRecord update = store->unsaved(kOrder).first();
    ASSERT_TRUE(store->deleteLocal(kOrder, serverId));
    ASSERT_TRUE(store->markUploaded(kOrder, serverId, {}, {}, nullptr, &update));
    EXPECT_EQ(store->record(kOrder, serverId)->state, RecordState::LocallyDeleted);
}

TEST_F(Unsaved, DeletingACreatedRecordWhoseUploadWasSentKeepsADeletion)
{
    const QString never = store->createRecord(kOrder, { { "s_c__total__c", 1 } }, kExt);
    const QString sent = store->createRecord(kOrder, { { "s_c__total__c", 2 } }, kExt);
    ASSERT_TRUE(store->markSent(kOrder, { sent }));
    ASSERT_TRUE(store->deleteLocal(kOrder, never));
    ASSERT_TRUE(store->deleteLocal(kOrder, sent));
    EXPECT_FALSE(store->record(kOrder, never)); // never left the device: simply gone
    const QList<UnsavedRecord> left = store->unsaved(kOrder);
    ASSERT_EQ(left.size(), 1);
    EXPECT_EQ(left[0].id, sent);
    EXPECT_EQ(left[0].state, RecordState::LocallyDeleted);
    EXPECT_FALSE(left[0].externalId.isEmpty()); // the uploader looks the server's copy up by it
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 1);
    // Done: the row goes.
    ASSERT_TRUE(store->markUploaded(kOrder, sent, {}, {}, nullptr, &left[0]));
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 0);
    // An uploaded record loses its external Id: its later deletion is an ordinary one.
    const QString up = store->createRecord(kOrder, { { "s_c__total__c", 3 } }, kExt);
    ASSERT_TRUE(store->markSent(kOrder, { up }));
    ASSERT_TRUE(store->markUploaded(kOrder, up, QStringLiteral("a03000000000088AAA"), {}));
    ASSERT_TRUE(store->deleteLocal(kOrder, QStringLiteral("a03000000000088AAA")));
    EXPECT_TRUE(store->unsaved(kOrder).value(0).externalId.isEmpty());
}

TEST_F(Unsaved, EnsureExternalIdGivesARecordWrittenWithoutOneItsKeyOnce)
{
    const QString id = QStringLiteral("till-7");
    ASSERT_TRUE(store->createLocal(kOrder, id, R"({"Name":"sale 7","s_c__total__c":7})"));
    ASSERT_TRUE(store->unsaved(kOrder).value(0).externalId.isEmpty());
    StoreError err;
    const QString given = store->ensureExternalId(kOrder, id, kExt, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_FALSE(QUuid::fromString(given).isNull()) << given.toStdString();
    // Kept with the record and written into its field; the other fields are as they were.
    EXPECT_EQ(store->unsaved(kOrder).value(0).externalId, given);
    const QJsonObject o = json(kOrder, id);
    EXPECT_EQ(o.value(kExt).toString(), given);
    EXPECT_EQ(o.value(u"Name").toString(), QStringLiteral("sale 7"));
    EXPECT_EQ(o.value(u"s_c__total__c").toInt(), 7);
    EXPECT_EQ(store->record(kOrder, id)->state, RecordState::LocallyCreated);
    // Asked again (a retried upload), the same key: a second one would make a duplicate.
    EXPECT_EQ(store->ensureExternalId(kOrder, id, kExt, &err), given);
    EXPECT_TRUE(err.ok()) << err.message.toStdString();
    // A record made by createRecord keeps the key it was given.
    const QString made = store->createRecord(kOrder, { { "s_c__total__c", 1 } }, kExt);
    EXPECT_EQ(QStringLiteral("local-") + store->ensureExternalId(kOrder, made, kExt), made);
    EXPECT_EQ(store->objectState(kOrder).unsavedCount, 2);
}

TEST_F(Unsaved, EnsureExternalIdRefusesWhatItCannotKeyAndChangesNothing)
{
    store->applyPage(kOrder, pageOf({ QStringLiteral("a03000000000001AAA") }), {}, 0);
    ASSERT_TRUE(store->createLocal(kOrder, QStringLiteral("till-1"), R"({"Name":"sale 1"})"));
    // Not a JSON object: writing the key into it would replace what the record holds.
    const QByteArray notJson = "Name=sale 2; total=2";
    ASSERT_TRUE(store->createLocal(kOrder, QStringLiteral("till-2"), notJson));
    const QString before = RawDb(path).rows("SELECT id, state, ext_id, payload FROM records ORDER BY id");
    const struct {
        QString id;
        QString field;
        StoreError::Kind kind;
    } cases[] = {
        { QStringLiteral("a03000000000001AAA"), kExt, StoreError::Invalid }, // synced: not created here
        { QStringLiteral("nope"), kExt, StoreError::Invalid }, // no such record
        { QStringLiteral("till-1"), QStringLiteral("no such'field"), StoreError::Invalid },
        { QStringLiteral("till-2"), kExt, StoreError::Invalid }, // payload not a JSON object
    };
    for (const auto &c : cases) {
        StoreError err;
        EXPECT_TRUE(store->ensureExternalId(kOrder, c.id, c.field, &err).isEmpty()) << c.id.toStdString();
        EXPECT_EQ(err.kind, c.kind) << c.id.toStdString() << ": " << err.message.toStdString();
        EXPECT_FALSE(err.message.isEmpty());
    }
    EXPECT_EQ(store->record(kOrder, QStringLiteral("till-2"))->payload, notJson);
    // A store opened read-only writes nothing either.
    auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(reader);
    StoreError err;
    EXPECT_TRUE(reader->ensureExternalId(kOrder, QStringLiteral("till-1"), kExt, &err).isEmpty());
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_EQ(RawDb(path).rows("SELECT id, state, ext_id, payload FROM records ORDER BY id").toStdString(),
        before.toStdString());
}

TEST_F(Unsaved, AnEditOfARecordWhosePayloadIsNotJsonIsRefused)
{
    const QByteArray notJson = "Name=sale 2; total=2";
    ASSERT_TRUE(store->createLocal(kOrder, QStringLiteral("till-2"), notJson));
    StoreError err;
    EXPECT_FALSE(store->updateRecord(kOrder, QStringLiteral("till-2"), { { "s_c__total__c", 3 } }, &err));
    EXPECT_EQ(err.kind, StoreError::Invalid) << err.message.toStdString();
    EXPECT_EQ(store->record(kOrder, QStringLiteral("till-2"))->payload, notJson);
}

TEST_F(Unsaved, ASchemaOneFileMigratesKeepingItsUnsavedRecords)
{
    store.reset();
    QFile::remove(path);
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec(
            "CREATE TABLE objects (obj INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, paused INTEGER NOT "
            "NULL DEFAULT 0,"
            " cp_modstamp TEXT NOT NULL DEFAULT '', cp_id TEXT NOT NULL DEFAULT '', server_count INTEGER NOT "
            "NULL DEFAULT -1,"
            " server_all_count INTEGER NOT NULL DEFAULT -1, counts_read_at INTEGER, last_error_code TEXT NOT "
            "NULL DEFAULT '',"
            " last_error_message TEXT NOT NULL DEFAULT '', last_error_at INTEGER, last_synced_at INTEGER,"
            " pending INTEGER NOT NULL DEFAULT 0, generation INTEGER NOT NULL DEFAULT 0, local_count INTEGER "
            "NOT NULL DEFAULT 0,"
            " unsaved_count INTEGER NOT NULL DEFAULT 0, in_use_count INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE records (obj INTEGER NOT NULL, id TEXT NOT NULL, modstamp TEXT NOT NULL, state "
            "INTEGER NOT NULL,"
            " seen_gen INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (obj, id));"
            "CREATE INDEX records_unsaved ON records(obj, state) WHERE state <> 0;"
            "CREATE TABLE protected (obj INTEGER NOT NULL, id TEXT NOT NULL, kind INTEGER NOT NULL,"
            " PRIMARY KEY (obj, id, kind)) WITHOUT ROWID;"
            "INSERT INTO objects(obj, name, local_count, unsaved_count) VALUES (1, 's_c__order__c', 1, 1);"
            "INSERT INTO records VALUES (1, 'a03000000000001AAA', 't', 0, 0, '{\"Name\":\"ORD-1\"}');"
            "INSERT INTO records VALUES (1, 'tmp-1', '', 1, 0, '{\"Name\":\"mine\"}');"
            "PRAGMA user_version = 1;"));
    }
    StoreError err;
    store = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(store) << err.message.toStdString();
    store.reset();
    EXPECT_EQ(RawDb(path).scalar("PRAGMA user_version"), QString::number(LocalStore::SchemaVersion));
    store = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
    const QList<UnsavedRecord> list = store->unsaved(kOrder);
    ASSERT_EQ(list.size(), 1);
    EXPECT_EQ(list[0].id, QStringLiteral("tmp-1"));
    EXPECT_EQ(list[0].name, QStringLiteral("mine"));
    EXPECT_TRUE(list[0].changedAt.isValid());
    EXPECT_EQ(store->objectState(kOrder).localCount, 1);
    EXPECT_EQ(store->objectState(kOrder).uploadFailedCount, 0);
}

} // namespace
