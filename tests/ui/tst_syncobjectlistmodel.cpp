// SPDX-License-Identifier: MIT
// SyncObjectListModel: the exact change signals a snapshot produces.
#include "modelspies.h"
#include "uitestclock.h"
#include "ui/syncobjectlistmodel.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSignalSpy>

#include <gtest/gtest.h>

using posdata::SyncObjectListModel;
using posdata::SyncObjectSnapshot;
using posdata::SyncStatus;

namespace {

using uitest::kNow;

SyncObjectSnapshot object(const QString &name, qint64 local = 100, qint64 server = 100)
{
    SyncObjectSnapshot o;
    o.name = name;
    o.local = local;
    o.stored = local;
    o.server = server;
    o.serverAll = server;
    o.status = local == server ? SyncStatus::FullySynced : SyncStatus::Incomplete;
    o.lastSynced = kNow.addSecs(-300);
    return o;
}

QList<SyncObjectSnapshot> objects(const QStringList &names)
{
    QList<SyncObjectSnapshot> list;
    for (const auto &n : names)
        list.append(object(n));
    return list;
}

class ModelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        uitest::atTestTimeInEnglish(model);
    }
    QStringList names() const
    {
        QStringList out;
        for (int i = 0; i < model.rowCount(); ++i)
            out << model.data(model.index(i), SyncObjectListModel::NameRole).toString();
        return out;
    }
    QVariant value(int row, int role) const { return model.data(model.index(row), role); }

    SyncObjectListModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

TEST_F(ModelTest, FirstSnapshotInsertsAllRowsInOneSignal)
{
    ModelSpies spies(&model);
    model.applyObjects(objects({"contact", "s_c__product__c", "s_c__order__c"}));
    ASSERT_EQ(spies.inserted.size(), 1);
    EXPECT_EQ(spies.inserted.at(0).at(1).toInt(), 0);
    EXPECT_EQ(spies.inserted.at(0).at(2).toInt(), 2);
    EXPECT_EQ(spies.dataChanged.size(), 0);
    EXPECT_EQ(spies.reset.size(), 0);
    EXPECT_EQ(names(), QStringList({"contact", "s_c__product__c", "s_c__order__c"}));
}

TEST_F(ModelTest, RolesCarryWordsAndFormattedNumbers)
{
    auto o = object("s_c__product__c", 1234, 2000);
    o.syncing = true;
    o.status = SyncStatus::Syncing;
    o.progressDone = 500;
    o.progressTotal = 1000;
    o.recordsPerSecond = 1234.4;
    o.secondsLeft = 95;
    o.activity = posdata::SyncActivity::Resyncing;
    o.stored = 1236; // two unsaved sales: the product page's local records count them
    o.errors.append({"TIMEOUT", {}, kNow, {}});
    model.applyObjects({o});
    EXPECT_EQ(value(0, SyncObjectListModel::StatusTextRole).toString(), "Syncing");
    EXPECT_EQ(value(0, SyncObjectListModel::StatusRole).toInt(), int(SyncStatus::Syncing));
    EXPECT_EQ(value(0, SyncObjectListModel::LocalRole).toLongLong(), 1236);
    EXPECT_EQ(value(0, SyncObjectListModel::SyncedTextRole).toString(), "Synced 1,236 of 2,000");
    // While the download runs the row says the download's own numbers, not the synced count.
    EXPECT_EQ(value(0, SyncObjectListModel::CountTextRole).toString(), "Resyncing 500 of 1,000");
    EXPECT_EQ(value(0, SyncObjectListModel::ActivityTextRole).toString(), "2 min left");
    EXPECT_EQ(value(0, SyncObjectListModel::RateTextRole).toString(), "1,234 records/s");
    EXPECT_EQ(value(0, SyncObjectListModel::TimeLeftTextRole).toString(), "2 min left");
    EXPECT_EQ(value(0, SyncObjectListModel::LastSyncedTextRole).toString(), "Last synced 5 min ago");
    EXPECT_DOUBLE_EQ(value(0, SyncObjectListModel::ProgressRole).toDouble(), 0.5);
    EXPECT_EQ(value(0, SyncObjectListModel::LastErrorRole).toString(), "Salesforce took too long to answer.");
    EXPECT_EQ(value(0, SyncObjectListModel::AccessibleTextRole).toString(),
              "s_c__product__c, Syncing, Resyncing 500 of 1,000");
    EXPECT_TRUE(value(0, SyncObjectListModel::DownloadingRole).toBool());

    // The first download of an object that was never synced is no "re"-sync.
    auto first = o;
    first.lastSynced = {};
    model.applyObjects({first});
    EXPECT_EQ(value(0, SyncObjectListModel::CountTextRole).toString(), "Downloading 500 of 1,000");
    EXPECT_EQ(value(0, SyncObjectListModel::LastSyncedTextRole).toString(), "Never synced");
    first.progressTotal = 0; // the total is not known yet
    model.applyObjects({first});
    EXPECT_EQ(value(0, SyncObjectListModel::CountTextRole).toString(), "Downloading");
    model.applyObjects({o});

    // Still wanted (Syncing) but waiting to retry: no download runs, so no bar and no download
    // numbers; the row keeps its synced count and says when it tries again.
    o.activity = posdata::SyncActivity::Retrying;
    o.retryAt = kNow.addSecs(30);
    model.applyObjects({o});
    EXPECT_FALSE(value(0, SyncObjectListModel::DownloadingRole).toBool());
    EXPECT_EQ(value(0, SyncObjectListModel::CountTextRole).toString(), "Synced 1,236 of 2,000");
    EXPECT_EQ(value(0, SyncObjectListModel::ActivityTextRole).toString(), "Retrying in 30 s");

    o.syncing = false; // settled after a failed try: the row says what happens next
    o.status = SyncStatus::Incomplete;
    model.applyObjects({o});
    EXPECT_EQ(value(0, SyncObjectListModel::CountTextRole).toString(), "Synced 1,236 of 2,000");
    EXPECT_EQ(value(0, SyncObjectListModel::ActivityTextRole).toString(), "Retrying in 30 s");
    EXPECT_EQ(value(0, Qt::DisplayRole).toString(), "s_c__product__c");
    const auto roles = model.roleNames();
    EXPECT_EQ(roles.value(SyncObjectListModel::SyncedTextRole), "syncedText");
    EXPECT_EQ(roles.value(SyncObjectListModel::StatusTextRole), "statusText");
}

TEST_F(ModelTest, FailedUploadsShowBesideTheStatusNotInsteadOfIt)
{
    auto o = object("s_c__order__c");
    o.unsaved = 5;
    model.applyObjects({o});
    EXPECT_EQ(value(0, SyncObjectListModel::UploadFailedTextRole).toString(), "");
    ModelSpies spies(&model);
    o.uploadFailed = 2;
    model.applyObjects({o});
    ASSERT_EQ(spies.dataChanged.size(), 1);
    EXPECT_EQ(spies.dataChanged.at(0).at(2).value<QList<int>>(),
              QList<int>({SyncObjectListModel::AccessibleTextRole, SyncObjectListModel::UploadFailedRole,
                          SyncObjectListModel::UploadFailedTextRole}));
    EXPECT_EQ(value(0, SyncObjectListModel::StatusTextRole).toString(), "Fully synced");
    EXPECT_EQ(value(0, SyncObjectListModel::UploadFailedTextRole).toString(), "2 failed to upload");
    EXPECT_EQ(value(0, SyncObjectListModel::AccessibleTextRole).toString(),
              "s_c__order__c, Fully synced, Synced 100 of 100, 2 failed to upload");
    EXPECT_EQ(model.roleNames().value(SyncObjectListModel::UploadFailedTextRole), "uploadFailedText");
}

TEST_F(ModelTest, IdenticalSnapshotEmitsNothing)
{
    model.applyObjects(objects({"a", "b", "c"}));
    ModelSpies spies(&model);
    model.applyObjects(objects({"a", "b", "c"}));
    EXPECT_EQ(spies.dataChanged.size(), 0);
    EXPECT_EQ(spies.structural(), 0);
}

TEST_F(ModelTest, ProgressOnOneRowIsOneNarrowDataChanged)
{
    auto list = objects({"a", "b", "c"});
    model.applyObjects(list);
    ModelSpies spies(&model);
    list[1].stored = 150; // "Local records": every record stored
    list[1].server = 300;
    model.applyObjects(list);
    ASSERT_EQ(spies.dataChanged.size(), 1);
    EXPECT_EQ(spies.structural(), 0);
    const auto args = spies.dataChanged.at(0);
    EXPECT_EQ(args.at(0).toModelIndex().row(), 1);
    EXPECT_EQ(args.at(1).toModelIndex().row(), 1);
    // The status is the engine's word and did not change; only counts and the texts built on them move.
    EXPECT_EQ(args.at(2).value<QList<int>>(),
              QList<int>({SyncObjectListModel::LocalRole, SyncObjectListModel::ServerRole,
                          SyncObjectListModel::SyncedTextRole, SyncObjectListModel::CountTextRole,
                          SyncObjectListModel::AccessibleTextRole}));
}

TEST_F(ModelTest, OnlyLocalCountChangedGivesExactlyThoseRoles)
{
    auto list = objects({"a", "b"});
    list[0].server = 1000;
    list[0].serverAll = 1000;
    list[0].stored = 10;
    list[0].status = SyncStatus::Incomplete;
    model.applyObjects(list);
    ModelSpies spies(&model);
    list[0].stored = 20;
    model.applyObjects(list);
    ASSERT_EQ(spies.dataChanged.size(), 1);
    EXPECT_EQ(spies.dataChanged.at(0).at(2).value<QList<int>>(),
              QList<int>({SyncObjectListModel::LocalRole, SyncObjectListModel::SyncedTextRole,
                          SyncObjectListModel::CountTextRole, SyncObjectListModel::AccessibleTextRole}));
}

TEST_F(ModelTest, AdjacentChangedRowsMergeAndGapsSplit)
{
    auto list = objects({"a", "b", "c", "d", "e"});
    model.applyObjects(list);
    ModelSpies spies(&model);
    list[1].unsaved = 1; // b and c: adjacent, different roles -> one signal with the union
    list[2].inUse = 2;
    list[4].unsaved = 3; // e: separate
    model.applyObjects(list);
    ASSERT_EQ(spies.dataChanged.size(), 2);
    EXPECT_EQ(spies.dataChanged.at(0).at(0).toModelIndex().row(), 1);
    EXPECT_EQ(spies.dataChanged.at(0).at(1).toModelIndex().row(), 2);
    EXPECT_EQ(spies.dataChanged.at(0).at(2).value<QList<int>>(),
              QList<int>({SyncObjectListModel::UnsavedRole, SyncObjectListModel::InUseRole}));
    EXPECT_EQ(spies.dataChanged.at(1).at(0).toModelIndex().row(), 4);
    EXPECT_EQ(spies.dataChanged.at(1).at(1).toModelIndex().row(), 4);
    EXPECT_EQ(spies.dataChanged.at(1).at(2).value<QList<int>>(), QList<int>({SyncObjectListModel::UnsavedRole}));
    EXPECT_EQ(spies.structural(), 0);
}

TEST_F(ModelTest, NewObjectIsInsertedNotReset)
{
    model.applyObjects(objects({"a", "c"}));
    ModelSpies spies(&model);
    model.applyObjects(objects({"a", "b", "c", "d"}));
    ASSERT_EQ(spies.inserted.size(), 2);
    EXPECT_EQ(spies.inserted.at(0).at(1).toInt(), 1);
    EXPECT_EQ(spies.inserted.at(0).at(2).toInt(), 1);
    EXPECT_EQ(spies.inserted.at(1).at(1).toInt(), 3);
    EXPECT_EQ(spies.inserted.at(1).at(2).toInt(), 3);
    EXPECT_EQ(spies.removed.size() + spies.reset.size() + spies.moved.size(), 0);
    EXPECT_EQ(spies.dataChanged.size(), 0);
    EXPECT_EQ(names(), QStringList({"a", "b", "c", "d"}));
}

TEST_F(ModelTest, VanishedObjectsAreRemovedInContiguousRuns)
{
    model.applyObjects(objects({"a", "b", "c", "d", "e"}));
    ModelSpies spies(&model);
    model.applyObjects(objects({"a", "d"}));
    ASSERT_EQ(spies.removed.size(), 2);
    EXPECT_EQ(spies.removed.at(0).at(1).toInt(), 4); // bottom-up: e first
    EXPECT_EQ(spies.removed.at(0).at(2).toInt(), 4);
    EXPECT_EQ(spies.removed.at(1).at(1).toInt(), 1); // then b..c
    EXPECT_EQ(spies.removed.at(1).at(2).toInt(), 2);
    EXPECT_EQ(spies.inserted.size() + spies.reset.size(), 0);
    EXPECT_EQ(names(), QStringList({"a", "d"}));
}

TEST_F(ModelTest, ReorderIsAMoveKeepingValues)
{
    auto list = objects({"a", "b", "c"});
    model.applyObjects(list);
    ModelSpies spies(&model);
    model.applyObjects({list[2], list[0], list[1]});
    EXPECT_EQ(spies.moved.size(), 1);
    EXPECT_EQ(spies.inserted.size() + spies.removed.size() + spies.reset.size(), 0);
    EXPECT_EQ(spies.dataChanged.size(), 0);
    EXPECT_EQ(names(), QStringList({"c", "a", "b"}));
}

TEST_F(ModelTest, DuplicateNamesKeepTheFirst)
{
    auto list = objects({"a", "b"});
    auto dup = object("a", 5, 5);
    list.append(dup);
    model.applyObjects(list);
    EXPECT_EQ(names(), QStringList({"a", "b"}));
    EXPECT_EQ(value(0, SyncObjectListModel::LocalRole).toLongLong(), 100);
}

TEST_F(ModelTest, RelativeTimesRefreshOnlyThatRole)
{
    QDateTime now = kNow;
    model.setClock([&now] { return now; });
    auto list = objects({"a", "b"});
    list[1].lastSynced = {};
    model.applyObjects(list);
    ModelSpies spies(&model);
    now = now.addSecs(120);
    model.refreshRelativeTimes();
    ASSERT_EQ(spies.dataChanged.size(), 1); // "b" was never synced: its text does not move
    EXPECT_EQ(spies.dataChanged.at(0).at(0).toModelIndex().row(), 0);
    EXPECT_EQ(spies.dataChanged.at(0).at(1).toModelIndex().row(), 0);
    EXPECT_EQ(spies.dataChanged.at(0).at(2).value<QList<int>>(),
              QList<int>({SyncObjectListModel::LastSyncedTextRole}));
    EXPECT_EQ(value(0, SyncObjectListModel::LastSyncedTextRole).toString(), "Last synced 7 min ago");
    EXPECT_EQ(value(1, SyncObjectListModel::LastSyncedTextRole).toString(), "Never synced");
}

TEST_F(ModelTest, TwoHundredObjectsOneTickTouchesOnlyChangedRows)
{
    QStringList many;
    for (int i = 0; i < 200; ++i)
        many << QStringLiteral("obj_%1__c").arg(i, 3, 10, QLatin1Char('0'));
    auto list = objects(many);
    model.applyObjects(list);
    ModelSpies spies(&model);
    list[57].stored = 7;
    list[58].stored = 8;
    list[199].syncing = true;
    model.applyObjects(list);
    ASSERT_EQ(spies.dataChanged.size(), 2);
    EXPECT_EQ(spies.dataChanged.at(0).at(0).toModelIndex().row(), 57);
    EXPECT_EQ(spies.dataChanged.at(0).at(1).toModelIndex().row(), 58);
    EXPECT_EQ(spies.dataChanged.at(1).at(0).toModelIndex().row(), 199);
    EXPECT_EQ(spies.structural(), 0);
}

} // namespace
