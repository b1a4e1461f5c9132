// SPDX-License-Identifier: MIT
// ManageDataController and SyncObjectDetail: which actions are offered and what reaches the engine.
#include "actionspy.h"
#include "uitestclock.h"
#include "ui/managedatacontroller.h"
#include "ui/syncobjectdetail.h"

#include <QCoreApplication>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

using uitest::kNow;
using uitest::snapshot;

SyncObjectSnapshot object(const QString &name, SyncStatus status)
{
    SyncObjectSnapshot o;
    o.name = name;
    o.status = status;
    o.syncing = status == SyncStatus::Syncing;
    o.paused = status == SyncStatus::Paused;
    o.local = 10;
    o.stored = 10;
    o.server = 10;
    o.serverAll = 10;
    return o;
}

class ControllerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        uitest::atTestTimeInEnglish(c);
    }
    ManageDataController c;
};

// The ready-to-sell line: the share of each download the till waits for and the longest wait,
// from the snapshot's progress and observed rates; what does not download says so, without a wait.
TEST_F(ControllerTest, ReadyToSellLineSaysHowFarAndHowLong)
{
    const auto required = [](const QString &name, SyncStatus status, qint64 done, qint64 total, qint64 left) {
        SyncObjectSnapshot o = object(name, status);
        o.requiredForSale = true;
        o.progressDone = done;
        o.progressTotal = total;
        o.secondsLeft = left;
        return o;
    };
    QSignalSpy changed(&c, &ManageDataController::stateChanged);
    c.applySnapshot(snapshot({object("s_c__order__c", SyncStatus::Syncing)}));
    EXPECT_FALSE(c.readyToSellShown());
    EXPECT_EQ(c.readyToSellText(), "");

    SyncObjectSnapshot shift = required("s_c__shift__c", SyncStatus::FullySynced, 0, 0, -1);
    shift.readyForSale = true;
    c.applySnapshot(snapshot({shift, required("s_c__product__c", SyncStatus::Syncing, 400, 1000, 18)}));
    EXPECT_TRUE(c.readyToSellShown());
    EXPECT_FALSE(c.readyToSell());
    EXPECT_EQ(c.readyToSellText(), "Not ready: Product 40 %, about 20 s");

    // Two on their way: the longer wait; one whose count is not known yet shows no share.
    c.applySnapshot(snapshot({required("s_c__shift__c", SyncStatus::Syncing, 0, 0, 3),
                              required("s_c__product__c", SyncStatus::Syncing, 999, 1000, 130)}));
    EXPECT_EQ(c.readyToSellText(), "Not ready: Shift, Product 99 %, about 3 min");
    // A rate not known yet: no wait to show.
    c.applySnapshot(snapshot({required("s_c__product__c", SyncStatus::Syncing, 0, 1000, -1)}));
    EXPECT_EQ(c.readyToSellText(), "Not ready: Product 0 %");
    // Paused or failed: said so, and no wait (it is not coming by itself).
    c.applySnapshot(snapshot({required("s_c__shift__c", SyncStatus::Incomplete, 0, 0, -1),
                              required("s_c__product__c", SyncStatus::Paused, 400, 1000, 18)}));
    EXPECT_EQ(c.readyToSellText(), "Not ready: Shift not downloading, Product paused");

    EngineSnapshot ready = snapshot({shift});
    ready.readyToSell = true;
    changed.clear();
    c.applySnapshot(ready);
    EXPECT_TRUE(c.readyToSell());
    EXPECT_EQ(c.readyToSellText(), "Ready to sell");
    EXPECT_EQ(changed.count(), 1);
}

TEST_F(ControllerTest, PauseAllOnlyWhileSomethingSyncs)
{
    ActionSpy actions(&c);
    c.applySnapshot(snapshot({object("a", SyncStatus::FullySynced)}));
    EXPECT_FALSE(c.canPauseAll());
    EXPECT_EQ(c.primaryActionText(), "");
    c.pauseAll();
    c.triggerPrimaryAction();
    EXPECT_EQ(actions.size(), 0);

    c.applySnapshot(snapshot({object("a", SyncStatus::Syncing), object("b", SyncStatus::FullySynced)}));
    EXPECT_TRUE(c.canPauseAll());
    EXPECT_TRUE(c.anythingSyncing());
    EXPECT_EQ(c.primaryActionText(), "Pause all syncing");
    c.triggerPrimaryAction();
    ASSERT_EQ(actions.size(), 1);
    EXPECT_EQ(actions.all().at(0), (SyncAction{SyncAction::Kind::Pause, {}})); // all objects
    EXPECT_TRUE(actions.all().at(0).all());
}

TEST_F(ControllerTest, PausedShowsBannerAndResume)
{
    ActionSpy actions(&c);
    c.applySnapshot(snapshot({object("a", SyncStatus::Paused), object("b", SyncStatus::Paused)}));
    EXPECT_TRUE(c.anythingPaused());
    EXPECT_TRUE(c.allPaused());
    EXPECT_FALSE(c.canPauseAll());
    EXPECT_EQ(c.primaryActionText(), "Resume all syncing");
    EXPECT_EQ(c.pausedBannerText(), "Syncing is paused");
    c.triggerPrimaryAction();
    EXPECT_EQ(actions.objects(SyncAction::Kind::Resume), QStringList({""}));
    EXPECT_EQ(actions.size(), 1);

    c.applySnapshot(snapshot({object("a", SyncStatus::Paused), object("b", SyncStatus::Syncing)}));
    EXPECT_EQ(c.primaryActionText(), "Pause all syncing"); // a running sync comes first
    EXPECT_EQ(c.pausedBannerText(), "Syncing is paused for 1 object");
}

TEST_F(ControllerTest, StateChangedOnlyWhenTheSnapshotDiffers)
{
    QSignalSpy state(&c, &ManageDataController::stateChanged);
    const auto s = snapshot({object("a", SyncStatus::Syncing)});
    c.applySnapshot(s);
    c.applySnapshot(s);
    EXPECT_EQ(state.size(), 1);
    EXPECT_TRUE(c.ready());
}

TEST_F(ControllerTest, PerObjectIntentsCheckTheObject)
{
    ActionSpy actions(&c);
    c.applySnapshot(snapshot({object("a", SyncStatus::Syncing), object("b", SyncStatus::Paused)}));
    c.pause("a");
    c.pause("b"); // already paused
    c.pause("nope");
    c.resume("a"); // not paused
    c.resume("b");
    c.resync("a");
    c.resync("nope");
    c.clearResync("nope");
    c.retryUpload("a"); // nothing unsaved
    EXPECT_EQ(actions.objects(SyncAction::Kind::Pause), QStringList({"a"}));
    EXPECT_EQ(actions.objects(SyncAction::Kind::Resume), QStringList({"b"}));
    EXPECT_EQ(actions.objects(SyncAction::Kind::Resync), QStringList({"a"}));
    EXPECT_EQ(actions.size(), 3);
}

TEST_F(ControllerTest, ClearPlanFlowForOneObject)
{
    QSignalSpy asked(&c, &ManageDataController::clearPlanRequested);
    ActionSpy actions(&c);
    c.applySnapshot(snapshot({object("a", SyncStatus::Incomplete), object("b", SyncStatus::FullySynced)}));

    c.applyClearPlan({{"a", 5, 1, 1, 9}}); // nobody asked: ignored
    EXPECT_FALSE(c.clearPlanPending());

    c.requestClearPlan({"a", "nope"});
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked.at(0).at(0).toStringList(), QStringList({"a"}));
    EXPECT_FALSE(c.clearPlanPending());
    c.applyClearPlan({{"a", 1200, 3, 1, 2000}});
    EXPECT_TRUE(c.clearPlanPending());
    EXPECT_EQ(c.clearPlanTitle(), "Clear & resync a?");
    EXPECT_EQ(c.clearPlanDeleteText(), "1,200 records will be deleted");
    EXPECT_EQ(c.clearPlanKeepUnsavedText(), "3 unsaved records will be kept");
    EXPECT_EQ(c.clearPlanKeepInUseText(), "1 record in use will be kept");
    EXPECT_EQ(c.clearPlanDownloadText(), "2,000 records will download again");
    EXPECT_EQ(c.clearPlanConfirmText(), "Clear & resync");
    EXPECT_TRUE(c.clearPlanWarning().startsWith("Clear & resync removes all locally stored records"));

    EXPECT_EQ(actions.size(), 0); // asking is not doing
    c.confirmClearPlan();
    EXPECT_EQ(actions.objects(SyncAction::Kind::ClearResync), QStringList({"a"}));
    EXPECT_FALSE(c.clearPlanPending());
    c.confirmClearPlan(); // nothing pending any more
    EXPECT_EQ(actions.size(), 1);
}

TEST_F(ControllerTest, ClearPlanForAllAndCancel)
{
    QSignalSpy asked(&c, &ManageDataController::clearPlanRequested);
    ActionSpy actions(&c);
    c.applySnapshot(snapshot({object("a", SyncStatus::Incomplete), object("b", SyncStatus::FullySynced)}));
    c.requestClearPlan({});
    EXPECT_EQ(asked.at(0).at(0).toStringList(), QStringList({"a", "b"}));
    c.cancelClearPlan();
    c.applyClearPlan({{"a", 1, 0, 0, 1}}); // late answer after cancel: ignored
    EXPECT_FALSE(c.clearPlanPending());

    c.requestClearPlan({});
    c.applyClearPlan({{"a", 10, 0, 0, 10}, {"b", 5, 2, 0, -1}});
    EXPECT_TRUE(c.clearPlanAll());
    EXPECT_EQ(c.clearPlanTitle(), "Clear & resync all records?");
    EXPECT_EQ(c.clearPlanDeleteText(), "15 records will be deleted");
    EXPECT_EQ(c.clearPlanKeepUnsavedText(), "2 unsaved records will be kept");
    EXPECT_EQ(c.clearPlanDownloadText(), "Records will download again from Salesforce");
    c.confirmClearPlan();
    EXPECT_EQ(actions.objects(SyncAction::Kind::ClearResync), QStringList({""})); // one "all", not one per object
    EXPECT_EQ(actions.size(), 1);
}

TEST_F(ControllerTest, EngineErrors)
{
    EngineSnapshot s = snapshot({object("a", SyncStatus::Incomplete)});
    s.signInRequired = true;
    s.signInRetryAt = kNow.addSecs(30);
    c.applySnapshot(s);
    EXPECT_TRUE(c.signInRequired());
    EXPECT_EQ(c.engineErrorText(), ""); // the sign-in banner says it, with Try again
    EXPECT_EQ(c.signInText(), "Salesforce refused this device's sign-in. Nothing syncs until it is accepted.");
    EXPECT_EQ(c.signInNextText(), "Retrying in 30 s");
    s.signInRequired = false;
    s.engineError = SyncError{"DISK_FULL", "The device storage is full; ...", kNow, {}};
    c.applySnapshot(s);
    EXPECT_EQ(c.signInText(), "");
    EXPECT_EQ(c.engineErrorText(), "The device storage is full. Nothing was lost.");
    c.setFatalError("database is locked");
    EXPECT_EQ(c.engineErrorText(), "Syncing stopped: database is locked");
}

TEST_F(ControllerTest, DetailFollowsSnapshots)
{
    SyncObjectDetail d;
    d.setController(&c);
    d.setName("s_c__product__c");
    EXPECT_FALSE(d.found());
    EXPECT_EQ(d.primaryActionText(), "");

    auto o = object("s_c__product__c", SyncStatus::SubsetSynced);
    o.scoped = true;
    o.local = 1234;
    o.stored = 1236; // two unsaved records are stored too: "Local records" counts them
    o.server = 1234;
    o.serverAll = 5000;
    o.unsaved = 2;
    o.lastSynced = kNow.addSecs(-120);
    o.countsReadAt = kNow.addSecs(-180);
    o.errors = {{"NETWORK", "Connection refused", kNow.addSecs(-3600), {}},
                {"INVALID_FIELD", "Field X__c is not available", kNow.addSecs(-120), "No such column 'X__c'"},
                {"INVALID_FIELD", "Field X__c is not available", kNow.addSecs(-60), "No such column 'X__c'"}};
    o.lastAttemptFailed = true;
    o.activity = SyncActivity::Stopped;
    QSignalSpy changed(&d, &SyncObjectDetail::changed);
    c.applySnapshot(snapshot({o}));
    EXPECT_EQ(changed.size(), 1);
    auto other = object("other", SyncStatus::Syncing); // another object moving: this page stays put
    c.applySnapshot(snapshot({o, other}));
    other.local = 5;
    c.applySnapshot(snapshot({o, other}));
    EXPECT_EQ(changed.size(), 1);
    EXPECT_TRUE(d.found());
    EXPECT_EQ(d.statusText(), "Subset synced");
    EXPECT_TRUE(d.scoped());
    EXPECT_EQ(d.localText(), "1,236");
    EXPECT_EQ(d.serverCheckedText(), "Checked 3 min ago");
    EXPECT_EQ(d.serverText(), "1,234");
    EXPECT_EQ(d.serverAllText(), "5,000");
    EXPECT_EQ(d.unsavedText(), "2");
    EXPECT_EQ(d.lastSyncedText(), "2 min ago");
    EXPECT_EQ(d.primaryActionText(), "Pause syncing");
    EXPECT_EQ(d.progressText(), ""); // not syncing
    ASSERT_EQ(d.errors().size(), 2); // grouped by kind
    const auto newest = d.errors().at(0).toMap();
    EXPECT_TRUE(newest.value("line").toString().startsWith(
        "A field this object syncs is not available in Salesforce - 2 times, last "));
    EXPECT_EQ(newest.value("raw").toString(), "INVALID_FIELD: No such column 'X__c'");
    EXPECT_EQ(newest.value("next").toString(), "Stopped until the error is fixed");
    const auto older = d.errors().at(1).toMap();
    EXPECT_TRUE(older.value("line").toString().startsWith("Could not reach Salesforce. Check the network connection - "));
    EXPECT_EQ(older.value("raw").toString(), "NETWORK: Connection refused");
    EXPECT_EQ(older.value("next").toString(), ""); // what happens next belongs to the newest only

    ActionSpy actions(&c);
    d.triggerPrimaryAction();
    EXPECT_EQ(actions.objects(SyncAction::Kind::Pause), QStringList({"s_c__product__c"}));

    o.syncing = true;
    o.status = SyncStatus::Syncing;
    o.activity = SyncActivity::Downloading;
    o.recordsPerSecond = 410;
    o.secondsLeft = 2100;
    o.local = 1000;
    c.applySnapshot(snapshot({o}));
    EXPECT_EQ(d.progressText(), QString::fromUtf8("Downloading changes \u00b7 410 records/s \u00b7 35 min left"));

    o.syncing = false;
    o.paused = true;
    o.status = SyncStatus::Paused;
    c.applySnapshot(snapshot({o}));
    EXPECT_EQ(d.statusText(), "Paused");
    EXPECT_EQ(d.primaryActionText(), "Resume syncing");
    d.triggerPrimaryAction();
    EXPECT_EQ(actions.objects(SyncAction::Kind::Resume), QStringList({"s_c__product__c"}));
    EXPECT_EQ(actions.size(), 2);
}

TEST_F(ControllerTest, DetailShowsFailedUploadsBesideTheStatus)
{
    SyncObjectDetail d;
    d.setController(&c);
    d.setName("s_c__order__c");
    auto o = object("s_c__order__c", SyncStatus::SubsetSynced);
    c.applySnapshot(snapshot({o}));
    EXPECT_FALSE(d.hasUnsaved());
    EXPECT_EQ(d.uploadFailedText(), "");

    QSignalSpy changed(&d, &SyncObjectDetail::changed);
    o.unsaved = 5;
    o.uploadFailed = 2;
    c.applySnapshot(snapshot({o}));
    EXPECT_EQ(changed.size(), 1);
    EXPECT_TRUE(d.hasUnsaved());
    EXPECT_EQ(d.unsavedText(), "5");
    EXPECT_EQ(d.statusText(), "Subset synced"); // the status word stays; the failures show beside it
    EXPECT_EQ(d.uploadFailed(), 2);
    EXPECT_EQ(d.uploadFailedText(), "2 failed to upload");
    o.uploading = true;
    c.applySnapshot(snapshot({o}));
    EXPECT_EQ(changed.size(), 2);
    EXPECT_TRUE(d.uploading());
}

TEST_F(ControllerTest, UnsavedIntentsReachTheEngineOnlyForKnownObjects)
{
    QSignalSpy asked(&c, &ManageDataController::unsavedRequested);
    ActionSpy actions(&c);
    auto o = object("s_c__order__c", SyncStatus::FullySynced);
    c.applySnapshot(snapshot({o}));
    c.requestUnsaved("nope");
    c.requestUnsaved("s_c__order__c");
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked.at(0).at(0).toString(), "s_c__order__c");
    c.retryUpload("s_c__order__c"); // nothing unsaved: nothing to retry
    EXPECT_EQ(actions.size(), 0);
    o.unsaved = 1;
    c.applySnapshot(snapshot({o}));
    c.retryUpload("nope");
    c.retryUpload("s_c__order__c");
    EXPECT_EQ(actions.objects(SyncAction::Kind::RetryUpload), QStringList({"s_c__order__c"}));
    EXPECT_EQ(actions.size(), 1);
}

TEST_F(ControllerTest, TryAgainOnlyWhileSignInIsRequired)
{
    ActionSpy actions(&c);
    EngineSnapshot s = snapshot({object("a", SyncStatus::Incomplete)});
    c.applySnapshot(s);
    c.tryAgain();
    EXPECT_EQ(actions.size(), 0);
    s.signInRequired = true;
    c.applySnapshot(s);
    c.tryAgain();
    ASSERT_EQ(actions.size(), 1);
    EXPECT_EQ(actions.all().at(0).kind, SyncAction::Kind::TryAgain);
    EXPECT_EQ(actions.all().at(0).word(), "try-again");
}

TEST_F(ControllerTest, SignInAsksTheHostOnlyWhenItCanAndSignInIsRequired)
{
    QSignalSpy asked(&c, &ManageDataController::signInRequested);
    EngineSnapshot s = snapshot({object("a", SyncStatus::Incomplete)});
    s.signInRequired = true;
    c.applySnapshot(s);
    c.signIn();
    EXPECT_EQ(asked.size(), 0); // no host to ask
    c.setHostSignIn(true);
    c.signIn();
    EXPECT_EQ(asked.size(), 1);
    s.signInRequired = false;
    c.applySnapshot(s);
    c.signIn();
    EXPECT_EQ(asked.size(), 1); // accepted again meanwhile: nothing to sign in
}

} // namespace
