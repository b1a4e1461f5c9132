// SPDX-License-Identifier: MIT
// The snapshot's pure parts, without threads: SnapshotPublisher (status by the rule from persisted
// and run-time state, skip-unchanged), the JSON the live state travels in, and the shared words.
#include "sync/devicestorage.h"
#include "sync/snapshotjson.h"
#include "sync/synctuning.h"
#include "sync/snapshotpublisher.h"
#include "sync/syncwords.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 3), QTime(19, 50), Qt::UTC);

SyncObjectConfig config(bool scoped)
{
    SyncObjectConfig c;
    c.name = QStringLiteral("s_c__order__c");
    if (scoped)
        c.scope = QStringLiteral("s_c__outlet__c = :outletId");
    return c;
}

ObjectState state(qint64 local, qint64 server, qint64 all)
{
    ObjectState st;
    st.object = QStringLiteral("s_c__order__c");
    st.localCount = local;
    st.serverCount = server;
    st.serverAllCount = all;
    return st;
}

ObjectActivity settled()
{
    ObjectActivity a;
    a.activity = SyncActivity::Idle;
    a.wanted = false;
    return a;
}

} // namespace

TEST(SnapshotPublisher, SettledObjectsGetTheirStatusFromFreshCounts)
{
    EXPECT_EQ(SnapshotPublisher::object(config(false), state(5, 5, 5), settled()).status, SyncStatus::FullySynced);
    EXPECT_EQ(SnapshotPublisher::object(config(true), state(5, 5, 9), settled()).status, SyncStatus::SubsetSynced);
    EXPECT_EQ(SnapshotPublisher::object(config(false), state(4, 5, 5), settled()).status, SyncStatus::Incomplete);
}

TEST(SnapshotPublisher, AWantedObjectIsSyncingWhateverItsCounts)
{
    ObjectActivity a;
    a.activity = SyncActivity::Waiting;
    a.wanted = true;
    const auto s = SnapshotPublisher::object(config(false), state(0, 10000, 10000), a);
    EXPECT_EQ(s.status, SyncStatus::Syncing);
    EXPECT_EQ(s.activity, SyncActivity::Waiting);
    EXPECT_FALSE(s.syncing); // waiting is not downloading
}

TEST(SnapshotPublisher, UnsavedChangesOfServerRecordsCountInLocalForTheRule)
{
    // 9 synced + 1 edited on the device = the server's 10: in sync, not Incomplete.
    ObjectState st = state(9, 10, 10);
    st.unsavedCount = 3;
    ObjectActivity a = settled();
    a.unsavedOfServerRecords = 1;
    const auto s = SnapshotPublisher::object(config(false), st, a);
    EXPECT_EQ(s.status, SyncStatus::FullySynced);
    EXPECT_EQ(s.local, 9);
    EXPECT_EQ(s.stored, 12); // every record stored on the device
}

TEST(SnapshotPublisher, PausedHidesTheActivityAndAPersistedErrorShows)
{
    ObjectState st = state(3, 5, 5);
    st.lastErrorCode = QStringLiteral("NETWORK");
    st.lastErrorMessage = QStringLiteral("Connection refused");
    ObjectActivity a = settled();
    a.paused = true;
    a.activity = SyncActivity::Downloading;
    const auto s = SnapshotPublisher::object(config(false), st, a);
    EXPECT_EQ(s.status, SyncStatus::Paused);
    EXPECT_EQ(s.activity, SyncActivity::Idle);
    EXPECT_FALSE(s.syncing);
    ASSERT_EQ(s.errors.size(), 1);
    EXPECT_EQ(s.errors.first().code, QStringLiteral("NETWORK"));
    EXPECT_TRUE(s.lastAttemptFailed);
}

TEST(SnapshotPublisher, ProgressAndTimeLeftWhileDownloading)
{
    ObjectActivity a;
    a.activity = SyncActivity::Resyncing;
    a.progressDone = 1000;
    a.progressTotal = 4000;
    a.downloadMs = 2000;
    const auto s = SnapshotPublisher::object(config(false), state(1000, 4000, 4000), a);
    EXPECT_TRUE(s.syncing);
    EXPECT_DOUBLE_EQ(s.recordsPerSecond, 500.0);
    EXPECT_EQ(s.secondsLeft, 6);
}

TEST(SnapshotPublisher, OnlyChangedSnapshotsArePublished)
{
    SnapshotPublisher p;
    EngineSnapshot s;
    s.objects.append(SnapshotPublisher::object(config(false), state(5, 5, 5), settled()));
    EXPECT_TRUE(p.offer(s));
    EXPECT_FALSE(p.offer(s));
    s.objects[0].local = 6;
    EXPECT_TRUE(p.offer(s));
    EXPECT_EQ(p.last().objects[0].local, 6);
}

TEST(SnapshotJson, RoundTripsEveryMember)
{
    EngineSnapshot s;
    s.running = true;
    s.signInRequired = true;
    s.signInRetryAt = kNow.addSecs(30);
    s.engineError = SyncError{QStringLiteral("SIGN_IN_REQUIRED"), QStringLiteral("Sign-in required"), kNow, {}};
    s.apiCallsLastCycle = 3;
    s.apiCallsTotal = 99;
    s.databaseBytes = 1 << 20;
    s.freeBytes = 1LL << 33;
    s.neededBytes = 1 << 26;
    SyncObjectSnapshot o = SnapshotPublisher::object(config(true), state(5, 6, 9), settled());
    o.activity = SyncActivity::Retrying;
    o.retryAt = kNow.addSecs(45);
    o.errors.append({QStringLiteral("SERVER_UNAVAILABLE"), QStringLiteral("Salesforce did not answer"), kNow,
                     QStringLiteral("raw server text")});
    o.note = QStringLiteral("a note");
    o.uploadPasses = 7;
    o.stored = 8;
    o.bytes = 4321;
    o.scopeBy = QStringLiteral("outletId");
    o.scopeRecord = QStringLiteral("Berlin Mitte");
    s.objects.append(o);
    const QByteArray bytes = QJsonDocument(snapshotjson::toJson(s)).toJson();
    EXPECT_EQ(snapshotjson::fromJson(QJsonDocument::fromJson(bytes).object()), s);
}

TEST(SnapshotJson, HostileJsonGivesDefaultsNotCrashes)
{
    const auto s = snapshotjson::fromJson(QJsonDocument::fromJson(
        R"({"objects":[{"name":5},{"name":"x","status":"nope","local":"7","errors":[1,{"code":[]}]},7],"running":"yes"})").object());
    ASSERT_EQ(s.objects.size(), 1);
    EXPECT_EQ(s.objects[0].name, QStringLiteral("x"));
    EXPECT_EQ(s.objects[0].status, SyncStatus::Syncing);
    EXPECT_EQ(s.objects[0].local, 0);
    EXPECT_FALSE(s.running);
}

TEST(SyncWords, ActivityInWords)
{
    const QLocale c(QLocale::English, QLocale::UnitedStates);
    SyncObjectSnapshot o;
    o.activity = SyncActivity::Waiting;
    EXPECT_EQ(syncwords::activity(o, kNow, c), QStringLiteral("Waiting to sync"));
    o.activity = SyncActivity::Resyncing;
    o.progressDone = 12000;
    o.progressTotal = 100007;
    EXPECT_EQ(syncwords::activity(o, kNow, c), QStringLiteral("Downloading 12,000 of 100,007")); // never synced
    o.lastSynced = kNow.addSecs(-3600);
    EXPECT_EQ(syncwords::activity(o, kNow, c), QStringLiteral("Resyncing 12,000 of 100,007"));
    o.activity = SyncActivity::Retrying;
    o.retryAt = kNow.addSecs(30);
    EXPECT_EQ(syncwords::activity(o, kNow, c), QStringLiteral("Retrying in 30 s"));
    o.retryAt = {};
    EXPECT_EQ(syncwords::activity(o, kNow, c), QStringLiteral("Will try again at the next sync"));
    o.activity = SyncActivity::Idle;
    EXPECT_TRUE(syncwords::activity(o, kNow, c).isEmpty());
    o.activity = SyncActivity::Downloading;
    o.paused = true;
    EXPECT_TRUE(syncwords::activity(o, kNow, c).isEmpty());
}

TEST(SyncWords, ScopeInWords)
{
    const QLocale c(QLocale::English, QLocale::UnitedStates);
    SyncObjectSnapshot o;
    EXPECT_TRUE(syncwords::scope(o, c).isEmpty()) << "an unscoped object has no scope to explain";
    o.scoped = true;
    o.scopeBy = QStringLiteral("outletId");
    EXPECT_EQ(syncwords::scope(o, c), QStringLiteral("Only records of this outlet")) << "no outlet, no counts yet";
    o.scopeRecord = QStringLiteral("Berlin Mitte");
    o.server = 10000;
    EXPECT_EQ(syncwords::scope(o, c), QStringLiteral("Only records of this outlet (Berlin Mitte)")) << "A unknown";
    o.serverAll = 200000;
    EXPECT_EQ(syncwords::scope(o, c), QStringLiteral("Only records of this outlet (Berlin Mitte): 10,000 of 200,000"));
    o.scopeBy = QStringLiteral("shiftId");
    o.scopeRecord = QStringLiteral("S-0001\nEvil");
    EXPECT_EQ(syncwords::scope(o, c), QStringLiteral("Only records of the open shift (S-0001 Evil): 10,000 of 200,000"));
    o.scopeBy.clear();
    EXPECT_EQ(syncwords::scope(o, c), QStringLiteral("Only records in this device's scope: 10,000 of 200,000"));
}

TEST(DeviceStorage, NextDownloadNeedsMissingRecordsAtTheirAverageSizePlusMargin)
{
    SyncObjectSnapshot product;
    product.server = 1000;
    product.local = 600;
    product.stored = 600;
    product.bytes = 600 * 500; // 500 bytes a record on the device
    SyncObjectSnapshot fresh; // nothing on the device yet: the assumed size
    fresh.server = 10;
    SyncObjectSnapshot uncounted; // server count unknown: nothing known to be missing
    SyncObjectSnapshot paused = fresh;
    paused.paused = true;
    const qint64 records = 400 * 500 + 10 * tuning::kAssumedRecordBytes;
    EXPECT_EQ(devicestorage::neededBytes({product, fresh, uncounted, paused}),
              records * tuning::kSpaceOverheadPercent / 100 + tuning::kSpaceMarginBytes);
    product.local = 1000;
    EXPECT_EQ(devicestorage::neededBytes({product, uncounted, paused}), 0) << "nothing to download, no margin";

    EngineSnapshot s;
    s.objects = {fresh};
    devicestorage::apply(s, {1000, 1024LL * 1024 * 1024});
    EXPECT_FALSE(s.lowSpace());
    EXPECT_TRUE(syncwords::lowSpace(s).isEmpty());
    devicestorage::apply(s, {1000, 10 * 1024 * 1024});
    ASSERT_TRUE(s.lowSpace());
    EXPECT_EQ(syncwords::lowSpace(s, QLocale(QLocale::English, QLocale::UnitedStates)),
              QStringLiteral("Not enough free space for the next download: about 64.0 MB needed, 10.0 MB free"));
    devicestorage::apply(s, {1000, -1});
    EXPECT_FALSE(s.lowSpace()) << "free space unknown: no warning made up";
}

TEST(SyncWords, AgeInWords)
{
    EXPECT_EQ(syncwords::age(kNow.addSecs(-10), kNow), QStringLiteral("just now"));
    EXPECT_EQ(syncwords::age(kNow.addSecs(-180), kNow), QStringLiteral("3 min ago"));
    EXPECT_EQ(syncwords::age(kNow.addSecs(-7200), kNow), QStringLiteral("2 h ago"));
    EXPECT_EQ(syncwords::age(QDateTime(), kNow), QStringLiteral("never"));
}

TEST(SyncWords, PrintableDropsEscapeSequencesNewlinesAndBidiOverrides)
{
    EXPECT_EQ(syncwords::printable(QStringLiteral("\x1b[2J\x1b]0;pwned\x07" "Bad\nthing\r\u202Egnp.exe")),
              QStringLiteral("[2J ]0;pwned Bad thing gnp.exe"));
    EXPECT_EQ(syncwords::printable(QStringLiteral("  plain   words ")), QStringLiteral("plain words"));
}
