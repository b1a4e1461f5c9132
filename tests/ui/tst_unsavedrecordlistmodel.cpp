// SPDX-License-Identifier: MIT
// UnsavedRecordListModel: rows in words from value snapshots, the exact change signals, and when it
// asks the engine again.
#include "actionspy.h"
#include "modelspies.h"
#include "uitestclock.h"
#include "ui/managedatacontroller.h"
#include "ui/unsavedrecordlistmodel.h"

#include "config/syncconfig.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

using uitest::kNow;
const QString kOrder = QStringLiteral("s_c__order__c");

UnsavedRecord record(const QString &id, RecordState state = RecordState::LocallyCreated, qint64 secsAgo = 300)
{
    UnsavedRecord r;
    r.object = kOrder;
    r.id = id;
    r.state = state;
    r.changedAt = kNow.addSecs(-secsAgo);
    return r;
}

UnsavedRecord refused(UnsavedRecord r, const QString &message = QStringLiteral("Order total cannot be negative"))
{
    r.errorCode = QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION");
    r.errorMessage = message;
    r.errorAt = kNow.addSecs(-60);
    r.attempts = 1;
    return r;
}

SyncObjectSnapshot order(qint64 unsaved, qint64 failed = 0, bool uploading = false)
{
    SyncObjectSnapshot o;
    o.name = kOrder;
    o.status = SyncStatus::SubsetSynced;
    o.scoped = true;
    o.local = o.server = 10;
    o.serverAll = 100;
    o.unsaved = unsaved;
    o.uploadFailed = failed;
    o.uploading = uploading;
    return o;
}

EngineSnapshot snapshot(const SyncObjectSnapshot &o)
{
    return uitest::snapshot({o});
}

class UnsavedModelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        uitest::atTestTimeInEnglish(controller);
        controller.setConfig(*loadBundledSyncConfig()); // orders are titled by total and date
        model.setController(&controller);
        model.setName(kOrder);
    }
    QVariant value(int row, int role) const { return model.data(model.index(row), role); }
    /// Records as the controller hands them on, described (here, on the test's thread).
    QList<UnsavedView> described(const QString &object, const QList<UnsavedRecord> &records) const
    {
        return describeUnsaved(records, controller.look(object), controller.locale());
    }
    void apply(const QList<UnsavedRecord> &records) { model.applyRecords(described(kOrder, records)); }
    /// An answer of the engine, as the controller passes it on once described.
    void arrive(const QString &object, const QList<UnsavedRecord> &records)
    {
        controller.applyUnsavedViews(object, described(object, records));
    }
    QStringList ids() const
    {
        QStringList out;
        for (int i = 0; i < model.rowCount(); ++i)
            out << value(i, UnsavedRecordListModel::IdRole).toString();
        return out;
    }

    ManageDataController controller;
    UnsavedRecordListModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

TEST_F(UnsavedModelTest, RowsSayWhatHappenedWhenAndWhyInWords)
{
    EXPECT_FALSE(model.loaded());
    auto sale = refused(record("local-1"));
    sale.payload = R"({"s_c__total__c":-3.5,"s_c__order_date__c":"2026-03-11","s_c__status__c":"Till"})";
    auto named = record("a03000000000099AAA", RecordState::LocallyUpdated, 7200);
    named.name = QStringLiteral("ORD-000042");
    apply({sale, named, record("a03000000000098AAA", RecordState::LocallyDeleted, 10)});
    EXPECT_TRUE(model.loaded());
    ASSERT_EQ(model.rowCount(), 3);

    // No Name yet: the kind and the configured display fields, never the bare local Id.
    EXPECT_EQ(value(0, UnsavedRecordListModel::TitleRole).toString(), "Order \u00b7 -3.5 \u00b7 3/11/26");
    EXPECT_EQ(value(0, UnsavedRecordListModel::KindTextRole).toString(), "Created on this device");
    EXPECT_EQ(value(0, UnsavedRecordListModel::WhenTextRole).toString(), "5 min ago");
    EXPECT_TRUE(value(0, UnsavedRecordListModel::FailedRole).toBool());
    EXPECT_EQ(value(0, UnsavedRecordListModel::UploadTextRole).toString(),
              "Refused by Salesforce: Order total cannot be negative");
    EXPECT_EQ(value(0, UnsavedRecordListModel::AccessibleTextRole).toString(),
              "Order \u00b7 -3.5 \u00b7 3/11/26, Created on this device 5 min ago, Refused by Salesforce: Order total "
              "cannot be negative");

    EXPECT_EQ(value(1, UnsavedRecordListModel::TitleRole).toString(), "ORD-000042");
    EXPECT_EQ(value(1, UnsavedRecordListModel::KindTextRole).toString(), "Changed on this device");
    EXPECT_EQ(value(1, UnsavedRecordListModel::WhenTextRole).toString(), "2 h ago");
    EXPECT_FALSE(value(1, UnsavedRecordListModel::FailedRole).toBool());
    EXPECT_EQ(value(1, UnsavedRecordListModel::UploadTextRole).toString(), "Waiting to upload");

    // Nothing to title it by: the kind and when it was changed.
    EXPECT_TRUE(value(2, UnsavedRecordListModel::TitleRole).toString().startsWith("Order \u00b7 3/12/26 "))
        << value(2, UnsavedRecordListModel::TitleRole).toString().toStdString();
    EXPECT_EQ(value(2, UnsavedRecordListModel::KindTextRole).toString(), "Deleted on this device");
    EXPECT_EQ(value(2, UnsavedRecordListModel::WhenTextRole).toString(), "just now");

    EXPECT_EQ(model.failedCount(), 1);
    EXPECT_EQ(model.summaryText(), "3 unsaved records, 1 failed to upload");
    EXPECT_EQ(model.totalText(), "Total: 3 unsaved records (1 created, 1 changed, 1 deleted)");
    EXPECT_EQ(model.indexOf("a03000000000099AAA"), 1);
    EXPECT_EQ(model.roleNames().value(UnsavedRecordListModel::UploadTextRole), "uploadText");
}

TEST_F(UnsavedModelTest, ARecordPageHasItsFieldsAsSentAndTheRefusalInWords)
{
    auto sale = refused(record("local-1"), QStringLiteral("Order total cannot be negative"));
    sale.payload = R"({"attributes":{"type":"s_c__order__c"},"s_c__status__c":"Till","s_c__total__c":-3.5,)"
                   R"("s_c__item_count__c":1200,"s_c__contact__c":null,"s_c__pos_uuid__c":"b558","zz_extra__c":true})";
    sale.attempts = 3;
    apply({sale});
    const QVariantMap r = model.recordData("local-1");
    EXPECT_TRUE(r.value("exists").toBool());
    EXPECT_EQ(r.value("title").toString(), "Order \u00b7 -3.5");
    EXPECT_EQ(r.value("kindText").toString(), "Created on this device");
    EXPECT_TRUE(r.value("failed").toBool());
    EXPECT_EQ(r.value("errorSentence").toString(), "A Salesforce rule refused the record.");
    EXPECT_EQ(r.value("errorRaw").toString(), "FIELD_CUSTOM_VALIDATION_EXCEPTION: Order total cannot be negative");
    EXPECT_EQ(r.value("attemptsText").toString(), "Refused 3 times");
    EXPECT_FALSE(r.value("errorAtText").toString().isEmpty());

    // The configured fields in their order, then the others; no "attributes"; empty as a dash.
    QStringList lines;
    for (const QVariant &f : r.value("fields").toList()) {
        const QVariantMap m = f.toMap();
        lines << m.value("label").toString() + "=" + m.value("value").toString();
    }
    EXPECT_EQ(lines, (QStringList{"Contact=\u2014", "Total=-3.5", "Status=Till", "Item count=1,200", "Pos uuid=b558",
                                  "Zz extra=Yes"}));
    EXPECT_TRUE(r.value("discardWarning").toString().startsWith("It was made on this device and is not in Salesforce."));
    EXPECT_TRUE(r.value("discardWarning").toString().endsWith("discarded log for 30 days."));
    EXPECT_EQ(r.value("discardTitle").toString(), "Discard this change to Order \u00b7 -3.5?");

    EXPECT_FALSE(model.recordData("nope").value("exists").toBool());
}

TEST_F(UnsavedModelTest, DiscardAsksTheEngineThenSaysWhatHappened)
{
    controller.applySnapshot(snapshot(order(2, 1)));
    auto sale = refused(record("local-1"));
    sale.payload = R"({"s_c__total__c":-3.5})";
    arrive(kOrder, {sale, record("local-2")});
    QSignalSpy asked(&controller, &ManageDataController::discardRequested);
    QSignalSpy reads(&controller, &ManageDataController::unsavedRequested);
    EXPECT_TRUE(model.canDiscard());

    model.discard("local-1");
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked.at(0).at(0).toString(), kOrder);
    EXPECT_EQ(asked.at(0).at(1).toString(), "local-1");
    EXPECT_TRUE(model.discarding());
    EXPECT_FALSE(model.canDiscard()); // one at a time
    model.discard("local-2");
    EXPECT_EQ(asked.size(), 1);

    controller.applyDiscarded(QStringLiteral("contact"), "local-1", {}); // another list's answer
    EXPECT_TRUE(model.discarding());
    controller.applyDiscarded(kOrder, "local-1", {});
    EXPECT_FALSE(model.discarding());
    EXPECT_EQ(model.discardText(), "Discarded Order \u00b7 -3.5. A copy stays in this device's discarded log for 30 days.");
    EXPECT_EQ(model.noticeText(), model.discardText());
    EXPECT_EQ(reads.size(), 1); // read again: the record has gone

    model.discard("local-2");
    controller.applyDiscarded(kOrder, "local-2", QStringLiteral("s_c__order__c is uploading right now"));
    EXPECT_TRUE(model.discardText().endsWith("was not discarded; nothing was lost (s_c__order__c is uploading right now)."))
        << model.discardText().toStdString();

    // Not while the object uploads: the record may be in the batch in flight.
    controller.applySnapshot(snapshot(order(1, 0, true)));
    EXPECT_FALSE(model.canDiscard());
    model.discard("local-2");
    EXPECT_EQ(asked.size(), 2);
}

TEST_F(UnsavedModelTest, TheEnginesAnswerIsDescribedOffTheGuiThread)
{
    controller.applySnapshot(snapshot(order(1)));
    auto sale = record("local-1");
    sale.payload = R"({"s_c__total__c":12,"s_c__order_date__c":"2026-03-11"})";
    controller.applyUnsaved(kOrder, {sale}); // as the engine answers
    EXPECT_EQ(model.rowCount(), 0); // not described yet: that happens on the describer's thread
    for (int i = 0; i < 500 && model.rowCount() == 0; ++i)
        QTest::qWait(10);
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(value(0, UnsavedRecordListModel::TitleRole).toString(), "Order \u00b7 12 \u00b7 3/11/26");
}

TEST_F(UnsavedModelTest, SecondAnswerEmitsTheNarrowestChanges)
{
    apply({record("a"), record("b"), record("c")});
    ModelSpies spies(&model);
    QSignalSpy counts(&model, &UnsavedRecordListModel::countChanged);

    apply({record("a"), record("b"), record("c")}); // same values: nothing
    EXPECT_EQ(spies.dataChanged.size() + spies.inserted.size() + spies.removed.size() + spies.moved.size(), 0);

    // "b" is refused: one dataChanged on row 1 with exactly the roles that moved.
    apply({record("a"), refused(record("b")), record("c")});
    ASSERT_EQ(spies.dataChanged.size(), 1);
    EXPECT_EQ(spies.dataChanged.at(0).at(0).toModelIndex().row(), 1);
    EXPECT_EQ(spies.dataChanged.at(0).at(1).toModelIndex().row(), 1);
    EXPECT_EQ(spies.dataChanged.at(0).at(2).value<QList<int>>(),
              QList<int>({UnsavedRecordListModel::FailedRole, UnsavedRecordListModel::ErrorCodeRole,
                          UnsavedRecordListModel::UploadTextRole, UnsavedRecordListModel::AttemptsRole,
                          UnsavedRecordListModel::AccessibleTextRole}));
    EXPECT_EQ(counts.size(), 1); // the failed count moved

    // Refused again after a retry: only the attempts move.
    auto again = refused(record("b"));
    again.attempts = 2;
    apply({record("a"), again, record("c")});
    ASSERT_EQ(spies.dataChanged.size(), 2);
    EXPECT_EQ(spies.dataChanged.at(1).at(2).value<QList<int>>(),
              QList<int>({UnsavedRecordListModel::AttemptsRole, UnsavedRecordListModel::AttemptsTextRole}));
    EXPECT_EQ(value(1, UnsavedRecordListModel::AttemptsTextRole).toString(), "Refused 2 times");
    EXPECT_EQ(counts.size(), 1);

    // "a" and "c" uploaded, "d" new: two removals (not adjacent) and one insert, never a reset.
    apply({again, record("d")});
    EXPECT_EQ(spies.removed.size(), 2);
    EXPECT_EQ(spies.inserted.size(), 1);
    EXPECT_EQ(spies.reset.size(), 0);
    EXPECT_EQ(ids(), QStringList({"b", "d"}));

    // Everything uploaded.
    apply({});
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.summaryText(), "No unsaved records");
    EXPECT_FALSE(model.canRetry());
    EXPECT_EQ(spies.reset.size(), 0);
}

TEST_F(UnsavedModelTest, ReorderMovesRowsAndOtherObjectsAreIgnored)
{
    apply({record("a"), record("b"), record("c")});
    ModelSpies spies(&model);
    apply({record("c"), record("a"), record("b")});
    EXPECT_EQ(spies.moved.size(), 1);
    EXPECT_EQ(spies.inserted.size() + spies.removed.size() + spies.reset.size(), 0);
    EXPECT_EQ(ids(), QStringList({"c", "a", "b"}));

    auto contact = record("x");
    contact.object = QStringLiteral("contact");
    apply({record("c"), contact, record("a"), record("b"), record("a")}); // duplicate "a": first wins
    EXPECT_EQ(ids(), QStringList({"c", "a", "b"}));
}

TEST_F(UnsavedModelTest, AsksTheEngineWhenTheCountsMoveOneQuestionAtATime)
{
    QSignalSpy asked(&controller, &ManageDataController::unsavedRequested);
    controller.applySnapshot(snapshot(order(3)));
    ASSERT_EQ(asked.size(), 1); // the first snapshot naming the object
    EXPECT_EQ(asked.at(0).at(0).toString(), kOrder);

    controller.applySnapshot(snapshot(order(3))); // nothing moved
    auto progress = order(3);
    progress.local = 11; // a download moving is not the unsaved list's business
    controller.applySnapshot(snapshot(progress));
    EXPECT_EQ(asked.size(), 1);

    // Counts move twice before the first answer: one more question after the answer, not two.
    controller.applySnapshot(snapshot(order(4)));
    controller.applySnapshot(snapshot(order(5, 2)));
    EXPECT_EQ(asked.size(), 1);
    arrive(QStringLiteral("contact"), {}); // another object's answer: still waiting
    EXPECT_EQ(asked.size(), 1);
    arrive(kOrder, {record("a"), record("b"), record("c")});
    EXPECT_EQ(model.rowCount(), 3);
    ASSERT_EQ(asked.size(), 2);
    arrive(kOrder, {record("a"), record("b"), record("c"), refused(record("d")), refused(record("e"))});
    EXPECT_EQ(model.rowCount(), 5);
    EXPECT_EQ(asked.size(), 2);

    // An upload starting and ending moves the flag: each edge brings a fresh read.
    controller.applySnapshot(snapshot(order(5, 2, true)));
    EXPECT_TRUE(model.uploading());
    EXPECT_FALSE(model.canRetry());
    arrive(kOrder, {record("a"), record("b"), record("c"), refused(record("d")), refused(record("e"))});
    controller.applySnapshot(snapshot(order(5, 2, false)));
    EXPECT_EQ(asked.size(), 4);
    EXPECT_TRUE(model.canRetry());
}

TEST_F(UnsavedModelTest, RetryUploadAsksTheEngineThenReadsAgain)
{
    QSignalSpy asked(&controller, &ManageDataController::unsavedRequested);
    ActionSpy actions(&controller);
    model.retryUpload(); // nothing known yet
    EXPECT_EQ(actions.size(), 0);
    controller.applySnapshot(snapshot(order(2, 1)));
    arrive(kOrder, {refused(record("a")), record("b")});
    EXPECT_TRUE(model.canRetry());
    const auto before = asked.size();
    model.retryUpload();
    EXPECT_EQ(actions.objects(SyncAction::Kind::RetryUpload), QStringList({kOrder}));
    EXPECT_EQ(actions.size(), 1);
    EXPECT_EQ(asked.size(), before + 1);
}

TEST_F(UnsavedModelTest, AfterARetryReadsOnceMoreWhenItsUploadPassIsOverEvenIfTheCountsLookTheSame)
{
    QSignalSpy asked(&controller, &ManageDataController::unsavedRequested);
    auto o = order(1, 1);
    o.uploadPasses = 4;
    EngineSnapshot s = snapshot(o);
    s.apiCallsTotal = 10;
    controller.applySnapshot(s);
    arrive(kOrder, {refused(record("a"))});
    EXPECT_EQ(model.retryText(), "");
    model.retryUpload();
    EXPECT_TRUE(model.retrying());
    EXPECT_FALSE(model.canRetry()); // one retry at a time
    EXPECT_EQ(model.retryText(), "Uploading 1 unsaved record\u2026");
    ASSERT_EQ(asked.size(), 2); // the first read, the read right after the retry
    auto forgotten = record("a");
    forgotten.attempts = 1;
    arrive(kOrder, {forgotten}); // the retry forgot the refusal: waiting
    EXPECT_EQ(value(0, UnsavedRecordListModel::UploadTextRole).toString(), "Waiting to upload");
    EXPECT_TRUE(model.retrying());

    // Other API calls (downloads) are not the retry's end.
    s.apiCallsTotal = 11;
    controller.applySnapshot(s);
    EXPECT_EQ(asked.size(), 2);
    EXPECT_TRUE(model.retrying());

    // The upload pass ran and was refused again between two snapshots: same counts, no upload in
    // flight, only the object's finished passes moved. That is the retry's end: read again.
    o.uploadPasses = 5;
    s = snapshot(o);
    controller.applySnapshot(s);
    ASSERT_EQ(asked.size(), 3);
    auto again = refused(record("a"));
    again.attempts = 2;
    arrive(kOrder, {again});
    EXPECT_EQ(value(0, UnsavedRecordListModel::UploadTextRole).toString(),
              "Refused by Salesforce: Order total cannot be negative");
    EXPECT_EQ(value(0, UnsavedRecordListModel::AttemptsTextRole).toString(), "Refused 2 times");
    EXPECT_FALSE(model.retrying());
    EXPECT_EQ(model.retryText(), "Salesforce refused 1 record again");

    o.uploadPasses = 6; // later passes are not the retry's business
    controller.applySnapshot(snapshot(o));
    EXPECT_EQ(asked.size(), 3);
}

TEST_F(UnsavedModelTest, RetryOutcomeSaysWhatReachedSalesforce)
{
    // Every question the list asks gets its answer, as the engine gives them, one at a time.
    const QList<UnsavedRecord> three{refused(record("a")), record("b"), record("c")};
    auto o = order(3, 1);
    controller.applySnapshot(snapshot(o));
    arrive(kOrder, three);
    model.retryUpload();
    EXPECT_EQ(model.retryText(), "Uploading 3 unsaved records\u2026");
    arrive(kOrder, three); // the read right after the retry: the pass has not ended
    EXPECT_TRUE(model.retrying());
    o.uploading = true;
    controller.applySnapshot(snapshot(o));
    arrive(kOrder, three);
    EXPECT_TRUE(model.retrying());
    o.uploading = false;
    o.uploadPasses = 1;
    o.unsaved = 1;
    controller.applySnapshot(snapshot(o));
    arrive(kOrder, {refused(record("a"))});
    EXPECT_FALSE(model.retrying());
    EXPECT_EQ(model.retryText(), "2 records uploaded, 1 refused again");

    model.retryUpload();
    arrive(kOrder, {record("a")});
    o.uploadPasses = 2;
    o.unsaved = 0;
    o.uploadFailed = 0;
    controller.applySnapshot(snapshot(o));
    arrive(kOrder, {});
    EXPECT_EQ(model.retryText(), "The record reached Salesforce");
}

TEST_F(UnsavedModelTest, RetryWhilePausedSaysItWasNotSent)
{
    auto o = order(1, 1);
    controller.applySnapshot(snapshot(o));
    arrive(kOrder, {refused(record("a"))});
    model.retryUpload();
    o.paused = true;
    o.status = SyncStatus::Paused;
    controller.applySnapshot(snapshot(o));
    EXPECT_FALSE(model.retrying());
    EXPECT_EQ(model.retryText(), "Not sent: syncing is paused for this object");
}

TEST_F(UnsavedModelTest, SummaryCountsFromTheSnapshotWhenTheListIsCutShort)
{
    controller.applySnapshot(snapshot(order(1234, 3)));
    QSignalSpy summary(&model, &UnsavedRecordListModel::summaryChanged);
    arrive(kOrder, {record("a"), refused(record("b"))});
    EXPECT_EQ(summary.size(), 1);
    EXPECT_EQ(model.summaryText(), "Showing the oldest 2 of 1,234 unsaved records, 3 failed to upload");
    controller.applySnapshot(snapshot(order(2, 1)));
    EXPECT_EQ(summary.size(), 2);
    EXPECT_EQ(model.summaryText(), "2 unsaved records, 1 failed to upload");
}

TEST_F(UnsavedModelTest, NoRetryWhilePausedPauseHoldsUploads)
{
    auto o = order(2, 1);
    controller.applySnapshot(snapshot(o));
    arrive(kOrder, {refused(record("a")), record("b")});
    EXPECT_TRUE(model.canRetry());
    QSignalSpy state(&model, &UnsavedRecordListModel::stateChanged);
    o.paused = true;
    o.status = SyncStatus::Paused;
    controller.applySnapshot(snapshot(o));
    EXPECT_GE(state.size(), 1);
    EXPECT_TRUE(model.paused());
    EXPECT_FALSE(model.canRetry());
    ActionSpy actions(&controller);
    model.retryUpload();
    EXPECT_EQ(actions.size(), 0);
}

TEST_F(UnsavedModelTest, AnotherObjectStartsAnEmptyList)
{
    apply({record("a")});
    QSignalSpy loaded(&model, &UnsavedRecordListModel::loadedChanged);
    model.setName(QStringLiteral("contact"));
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_FALSE(model.loaded());
    EXPECT_EQ(loaded.size(), 1);
}

TEST_F(UnsavedModelTest, RelativeTimesFollowTheClock)
{
    QDateTime now = kNow;
    controller.setClock([&now] { return now; });
    apply({record("a"), record("b", RecordState::LocallyCreated, 30)});
    ModelSpies spies(&model);
    now = kNow.addSecs(120);
    model.refreshRelativeTimes();
    ASSERT_EQ(spies.dataChanged.size(), 1);
    EXPECT_EQ(spies.dataChanged.at(0).at(0).toModelIndex().row(), 0);
    EXPECT_EQ(spies.dataChanged.at(0).at(1).toModelIndex().row(), 1);
    EXPECT_EQ(value(0, UnsavedRecordListModel::WhenTextRole).toString(), "7 min ago");
    EXPECT_EQ(value(1, UnsavedRecordListModel::WhenTextRole).toString(), "2 min ago");
}

} // namespace
