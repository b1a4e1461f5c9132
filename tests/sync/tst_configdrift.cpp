// SPDX-License-Identifier: MIT
// Configuration drift and device changes (issue 10 item 8): what the records on the device were
// downloaded with follows the configuration and the till. A field added reaches records synced
// before (in the background, "Updating fields"); a field removed costs no download; an object
// removed from the configuration keeps and uploads its unsaved records; a scope changed (another
// outlet, a shift opened or closed, at start or while running) sweeps what left it; a field the org
// does not have stops that object alone. End to end: emulator over loopback, a real store file.
#include "enginefixture.h"

#include "store/localstore.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace enginetest;
using posdata::LocalStore;
using posdata::SyncActivity;

namespace {

const QString kContact = QStringLiteral("contact");

QByteArray contactsWith(const QString &fields)
{
    return QStringLiteral(R"({"version":1,"objects":[
        {"name":"contact","priority":1,"fields":[%1]},
        {"name":"s_c__product__c","priority":2,"fields":["Name"]}]})")
        .arg(fields)
        .toUtf8();
}

/// Every activity the engine said for an object, in order, without repeats.
struct Activities
{
    QList<SyncActivity> seen;
    Activities(SyncEngine &engine, const QString &object)
    {
        QObject::connect(&engine, &SyncEngine::snapshotChanged, [this, object](const posdata::EngineSnapshot &s) {
            if (const auto *o = objectIn(s, object); o && (seen.isEmpty() || seen.constLast() != o->activity))
                seen.append(o->activity);
        });
    }
    bool contains(SyncActivity a) const { return seen.contains(a); }
};

/// How many of the object's synced records carry `field` in their stored payload.
int withField(const QString &dbPath, const QString &object, const QString &field)
{
    auto store = LocalStore::open(dbPath, LocalStore::Mode::ReadOnly);
    if (!store)
        return -1;
    int n = 0;
    for (const QString &id : store->ids(object, posdata::RecordState::Synced)) {
        const auto r = store->record(object, id);
        n += r && QJsonDocument::fromJson(r->payload).object().contains(field) ? 1 : 0;
    }
    return n;
}

posdata::ObjectState stateOf(const QString &dbPath, const QString &object)
{
    auto store = LocalStore::open(dbPath, LocalStore::Mode::ReadOnly);
    return store ? store->objectState(object) : posdata::ObjectState{};
}

} // namespace

class ConfigDriftTest : public EngineTest
{
protected:
    /// Runs an engine with these options to its first idle, then stops it.
    posdata::EngineSnapshot syncOnce(const SyncEngineOptions &o)
    {
        SyncEngine engine(o);
        IdleCounter idle(engine);
        EXPECT_TRUE(idle.startAndWait());
        return engine.snapshot();
    }
};

TEST_F(ConfigDriftTest, AFieldAddedReachesTheRecordsSyncedBefore)
{
    syncOnce(options(contactsWith(QStringLiteral(R"("Name","Phone")"))));
    const int contacts = int(rest->ids(kContact).size());
    ASSERT_GT(contacts, 0);
    ASSERT_EQ(withField(dbPath, kContact, QStringLiteral("Email")), 0);

    setFaults({{"latencyMs", 30}});
    SyncEngine engine(options(contactsWith(QStringLiteral(R"("Name","Phone","Email")"))));
    Activities activities(engine, kContact);
    QList<qint64> localWhileUpdating;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        if (const auto *c = objectIn(s, kContact); c && c->activity == SyncActivity::UpdatingFields)
            localWhileUpdating << c->local;
    });
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    EXPECT_TRUE(activities.contains(SyncActivity::UpdatingFields));
    // The records stay usable while their fields are updated: none was cleared for it.
    ASSERT_FALSE(localWhileUpdating.isEmpty());
    EXPECT_EQ(*std::min_element(localWhileUpdating.begin(), localWhileUpdating.end()), contacts);
    EXPECT_EQ(withField(dbPath, kContact, QStringLiteral("Email")), contacts);
    auto c = objectOf(engine, kContact);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, SyncStatus::FullySynced);
    EXPECT_EQ(c->local, contacts);
    EXPECT_EQ(stateOf(dbPath, kContact).fieldsSig, QStringLiteral("email,name,phone"));
}

TEST_F(ConfigDriftTest, AFieldRemovedDownloadsNothing)
{
    syncOnce(options(contactsWith(QStringLiteral(R"("Name","Phone","Email")"))));
    const qint64 generation = stateOf(dbPath, kContact).generation;

    SyncEngine engine(options(contactsWith(QStringLiteral(R"("Name","Phone")"))));
    Activities activities(engine, kContact);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    EXPECT_FALSE(activities.contains(SyncActivity::UpdatingFields));
    EXPECT_FALSE(activities.contains(SyncActivity::Resyncing));
    const auto st = stateOf(dbPath, kContact);
    EXPECT_EQ(st.generation, generation) << "no full download ran";
    EXPECT_EQ(st.fieldsSig, QStringLiteral("name,phone"));
    EXPECT_EQ(objectOf(engine, kContact)->status, SyncStatus::FullySynced);
}

TEST_F(ConfigDriftTest, AnObjectRemovedKeepsAndUploadsItsUnsavedRecords)
{
    syncOnce(options(contactsWith(QStringLiteral(R"("Name","LastName")"))));
    const qint64 contactsBefore = rest->ids(kContact).size();
    {
        // A sale's customer recorded on the till, not yet uploaded, when the new configuration
        // (without contacts) arrives.
        auto store = LocalStore::open(dbPath, LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->createLocal(kContact, QStringLiteral("local-1"), R"({"LastName":"Kept-Customer"})"));
        ASSERT_EQ(store->objectState(kContact).unsavedCount, 1);
    }
    auto o = options(R"({"version":1,"objects":[{"name":"s_c__product__c","priority":1,"fields":["Name"]}]})");
    o.uploads = true;
    syncOnce(o);
    const auto st = stateOf(dbPath, kContact);
    EXPECT_EQ(st.unsavedCount, 0) << "the unsaved contact was uploaded";
    EXPECT_LE(st.localCount, 1) << "only the uploaded record is left of the contacts";
    EXPECT_EQ(rest->ids(kContact).size(), contactsBefore + 1);
    EXPECT_EQ(rest->ids(kContact, QStringLiteral("LastName = 'Kept-Customer'")).size(), 1);
    expectIdentical({kProduct});
}

TEST_F(ConfigDriftTest, AnotherOutletSweepsTheOrdersOfTheLastOne)
{
    const QByteArray config = R"({"version":1,"objects":[
        {"name":"s_c__order__c","priority":1,"fields":["Name","s_c__outlet__c"],"scope":"s_c__outlet__c = :outletId"}]})";
    syncOnce(options(config));
    expectIdentical({kOrder});
    const QString first = outletId;
    const QString second = rest->ids(kOutlet, QStringLiteral("Id != '%1'").arg(first), 1).value(0);
    ASSERT_FALSE(second.isEmpty());

    outletId = second;
    setFaults({{"latencyMs", 30}}); // a download lasting a few snapshots, so that it is seen
    auto o = options(config);
    o.repairMismatches = false; // the new scope must be seen, not repaired after the counts disagree
    SyncEngine engine(o);
    Activities activities(engine, kOrder);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    EXPECT_TRUE(activities.contains(SyncActivity::Resyncing));
    expectIdentical({kOrder}); // the orders of the second outlet, and none of the first
    EXPECT_EQ(objectOf(engine, kOrder)->status, SyncStatus::SubsetSynced);
}

TEST_F(ConfigDriftTest, AShiftClosedAndOpenedWhileRunningFollowsTheTill)
{
    const QByteArray config = R"({"version":1,"objects":[
        {"name":"s_c__shift__c","priority":1,"fields":["Name"],"scope":"Id = :shiftId","inUse":"shiftId"},
        {"name":"s_c__product__c","priority":2,"fields":["Name"]}]})";
    ASSERT_FALSE(shiftId.isEmpty());
    SyncEngine engine(options(config));
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_EQ(localRecords(dbPath, kShift).keys(), QStringList{shiftId});

    // The shift is closed: nothing is in scope, the closed shift is no longer in use nor kept.
    int before = idle.count;
    engine.setDeviceValues(outletId, QString());
    ASSERT_TRUE(idle.waitNext(before));
    ASSERT_TRUE(waitFor([&] { return objectOf(engine, kShift)->local == 0; }, 5000));
    auto shift = objectOf(engine, kShift);
    EXPECT_TRUE(shift->note.contains(QStringLiteral("No shift is open"))) << shift->note.toStdString();
    EXPECT_EQ(shift->inUse, 0);
    EXPECT_TRUE(localRecords(dbPath, kShift).isEmpty());

    // The next shift opens: it downloads, and is in use.
    const QString next = rest->ids(kShift, QStringLiteral("Id != '%1'").arg(shiftId), 1).value(0);
    ASSERT_FALSE(next.isEmpty());
    before = idle.count;
    engine.setDeviceValues(outletId, next);
    ASSERT_TRUE(idle.waitNext(before));
    ASSERT_TRUE(waitFor([&] { return objectOf(engine, kShift)->local == 1; }, 5000));
    EXPECT_EQ(localRecords(dbPath, kShift).keys(), QStringList{next});
    shift = objectOf(engine, kShift);
    EXPECT_EQ(shift->inUse, 1);
    EXPECT_TRUE(shift->note.isEmpty());
    EXPECT_EQ(shift->status, SyncStatus::SubsetSynced);
    expectIdentical({kProduct});
}

TEST_F(ConfigDriftTest, AFieldTheOrgDoesNotHaveStopsOnlyThatObjectOnAnExistingStore)
{
    syncOnce(options(contactsWith(QStringLiteral(R"("Name")"))));
    SyncEngine engine(options(contactsWith(QStringLiteral(R"("Name","Nope__c")"))));
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    const auto c = objectOf(engine, kContact);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->activity, SyncActivity::Stopped);
    ASSERT_FALSE(c->errors.isEmpty());
    EXPECT_TRUE(c->errors.constLast().message.contains(QStringLiteral("Nope__c")))
        << c->errors.constLast().message.toStdString();
    EXPECT_TRUE(c->errors.constLast().message.contains(QStringLiteral("not available in Salesforce")))
        << c->errors.constLast().message.toStdString();
    EXPECT_EQ(objectOf(engine, kProduct)->status, SyncStatus::FullySynced);
    // The records synced before stay usable.
    EXPECT_EQ(c->local, rest->ids(kContact).size());
}
