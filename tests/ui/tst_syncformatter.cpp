// SPDX-License-Identifier: MIT
// SyncFormatter: the words and numbers the screen shows.
#include "ui/syncformatter.h"

#include <gtest/gtest.h>

using posdata::SyncError;
using posdata::SyncFormatter;
using posdata::SyncObjectSnapshot;
using posdata::SyncStatus;

namespace {
const QLocale kUs(QLocale::English, QLocale::UnitedStates);
const QLocale kDe(QLocale::German, QLocale::Germany);
const QDateTime kNow(QDate(2026, 3, 12), QTime(10, 0), Qt::UTC);
} // namespace

TEST(SyncFormatter, SyncedTextUsesLocaleGrouping)
{
    EXPECT_EQ(SyncFormatter::syncedText(1234, 2000, kUs), "Synced 1,234 of 2,000");
    EXPECT_EQ(SyncFormatter::syncedText(1234, 2000, kDe), "Synced 1.234 of 2.000");
    EXPECT_EQ(SyncFormatter::syncedText(0, 0, kUs), "Synced 0 of 0");
    EXPECT_EQ(SyncFormatter::syncedText(1234567, -1, kUs), "Synced 1,234,567");

    // Issue 12's orders: 10,003 synced and 2 unsaved sales stored. The row counts the 10,005 stored
    // (the product page's local records, posdata status's LOCAL), not the 10,003 synced.
    SyncObjectSnapshot orders;
    orders.local = 10003;
    orders.stored = 10005;
    orders.unsaved = 2;
    orders.server = 10005;
    EXPECT_EQ(SyncFormatter::localRecords(orders), 10005);
    EXPECT_EQ(SyncFormatter::syncedText(orders, kUs), "Synced 10,005 of 10,005");
}

TEST(SyncFormatter, CLocaleBecomesUsEnglish)
{
    QLocale::setDefault(QLocale::c());
    EXPECT_EQ(SyncFormatter::number(1234, SyncFormatter::displayLocale()), "1,234");
    QLocale::setDefault(kDe);
    EXPECT_EQ(SyncFormatter::number(1234, SyncFormatter::displayLocale()), "1.234");
    QLocale::setDefault(QLocale::system());
}

TEST(SyncFormatter, Counts)
{
    EXPECT_EQ(SyncFormatter::countText(-1, kUs), "Unknown");
    EXPECT_EQ(SyncFormatter::countText(1000000, kUs), "1,000,000");
}

TEST(SyncFormatter, Rate)
{
    EXPECT_EQ(SyncFormatter::rateText(0, kUs), "");
    EXPECT_EQ(SyncFormatter::rateText(std::nan(""), kUs), "");
    EXPECT_EQ(SyncFormatter::rateText(0.4, kUs), "Less than 1 record/s");
    EXPECT_EQ(SyncFormatter::rateText(1234.4, kUs), "1,234 records/s");
}

TEST(SyncFormatter, TimeLeftRoundsUpToWholeMinutes)
{
    EXPECT_EQ(SyncFormatter::timeLeftText(-1, kUs), "");
    EXPECT_EQ(SyncFormatter::timeLeftText(0, kUs), "Less than 1 min left");
    EXPECT_EQ(SyncFormatter::timeLeftText(59, kUs), "Less than 1 min left");
    EXPECT_EQ(SyncFormatter::timeLeftText(60, kUs), "1 min left");
    EXPECT_EQ(SyncFormatter::timeLeftText(61, kUs), "2 min left");
    EXPECT_EQ(SyncFormatter::timeLeftText(120, kUs), "2 min left");
    EXPECT_EQ(SyncFormatter::timeLeftText(3600, kUs), "1 h left");
    EXPECT_EQ(SyncFormatter::timeLeftText(3900, kUs), "1 h 5 min left");
}

TEST(SyncFormatter, PercentIsRoundedDownAndNeverAHundredBeforeTheEnd)
{
    EXPECT_EQ(SyncFormatter::percentText(0, 0, kUs), "");
    EXPECT_EQ(SyncFormatter::percentText(5, -1, kUs), "");
    EXPECT_EQ(SyncFormatter::percentText(0, 200, kUs), "0 %");
    EXPECT_EQ(SyncFormatter::percentText(80, 200, kUs), "40 %");
    EXPECT_EQ(SyncFormatter::percentText(1999, 2000, kUs), "99 %");
    EXPECT_EQ(SyncFormatter::percentText(2000, 2000, kUs), "100 %");
    EXPECT_EQ(SyncFormatter::percentText(2100, 2000, kUs), "100 %"); // more came than counted
    EXPECT_EQ(SyncFormatter::percentText(-3, 2000, kUs), "0 %");
}

TEST(SyncFormatter, AboutIsARoughWaitInSteps)
{
    EXPECT_EQ(SyncFormatter::aboutText(-1, kUs), "");
    EXPECT_EQ(SyncFormatter::aboutText(0, kUs), "about 5 s");
    EXPECT_EQ(SyncFormatter::aboutText(16, kUs), "about 20 s");
    EXPECT_EQ(SyncFormatter::aboutText(20, kUs), "about 20 s");
    EXPECT_EQ(SyncFormatter::aboutText(59, kUs), "about 60 s");
    EXPECT_EQ(SyncFormatter::aboutText(60, kUs), "about 1 min");
    EXPECT_EQ(SyncFormatter::aboutText(61, kUs), "about 2 min");
    EXPECT_EQ(SyncFormatter::aboutText(3600, kUs), "about 1 h");
    EXPECT_EQ(SyncFormatter::aboutText(3900, kUs), "about 1 h 5 min");
}

TEST(SyncFormatter, LastSynced)
{
    EXPECT_EQ(SyncFormatter::lastSyncedText({}, kNow, kUs), "Never synced");
    EXPECT_EQ(SyncFormatter::lastSyncedText(kNow.addSecs(-10), kNow, kUs), "Last synced just now");
    EXPECT_EQ(SyncFormatter::lastSyncedText(kNow.addSecs(5), kNow, kUs), "Last synced just now");
    EXPECT_EQ(SyncFormatter::lastSyncedText(kNow.addSecs(-300), kNow, kUs), "Last synced 5 min ago");
    EXPECT_EQ(SyncFormatter::lastSyncedText(kNow.addSecs(-3 * 3600 - 5), kNow, kUs), "Last synced 3 h ago");
    EXPECT_EQ(SyncFormatter::lastSyncedText(kNow.addDays(-3), kNow, kUs),
              "Last synced " + QLocale(kUs).toString(kNow.addDays(-3).toLocalTime().date(), QLocale::ShortFormat));
}

TEST(SyncFormatter, UploadWordsCountInTheDefaultLocale)
{
    EXPECT_EQ(SyncFormatter::uploadStateText("", ""), "Waiting to upload");
    EXPECT_EQ(SyncFormatter::refusedTimesText(1, kUs), "");
    EXPECT_EQ(SyncFormatter::refusedTimesText(3, kUs), "Refused 3 times");
    EXPECT_EQ(SyncFormatter::uploadFailedText(0, kUs), "");
    EXPECT_EQ(SyncFormatter::uploadFailedText(2, kUs), "2 failed to upload");
    EXPECT_EQ(SyncFormatter::uploadFailedText(1234, kUs), "1,234 failed to upload");
    EXPECT_EQ(SyncFormatter::unsavedCountText(1, kUs), "1 unsaved record");
    EXPECT_EQ(SyncFormatter::unsavedCountText(5, kUs), "5 unsaved records");
}

TEST(SyncFormatter, StatusWordsAreTheProductPages)
{
    EXPECT_EQ(SyncFormatter::statusText(SyncStatus::Syncing), "Syncing");
    EXPECT_EQ(SyncFormatter::statusText(SyncStatus::Paused), "Paused");
    EXPECT_EQ(SyncFormatter::statusText(SyncStatus::FullySynced), "Fully synced");
    EXPECT_EQ(SyncFormatter::statusText(SyncStatus::SubsetSynced), "Subset synced");
    EXPECT_EQ(SyncFormatter::statusText(SyncStatus::Incomplete), "Incomplete");
}

TEST(SyncFormatter, Progress)
{
    SyncObjectSnapshot o;
    EXPECT_EQ(SyncFormatter::progress(o), -1.0);
    o.progressTotal = 4;
    o.progressDone = 1;
    EXPECT_DOUBLE_EQ(SyncFormatter::progress(o), 0.25);
    o.progressDone = 9; // more arrived than announced: never past the end of the bar
    EXPECT_DOUBLE_EQ(SyncFormatter::progress(o), 1.0);
}

TEST(SyncFormatter, StatusKeysAndIcons)
{
    EXPECT_EQ(SyncFormatter::statusKey(SyncStatus::SubsetSynced), "subset-synced");
    EXPECT_EQ(SyncFormatter::statusKey(SyncStatus::FullySynced), "fully-synced");
    const QUrl icon = SyncFormatter::statusIconSource(SyncStatus::Paused);
    if (SyncFormatter::svgIconsAvailable())
        EXPECT_EQ(icon, QUrl("qrc:/PosData/icons/status-paused.svg"));
    else
        EXPECT_TRUE(icon.isEmpty());
}

TEST(SyncFormatter, StatusTableAlignsColumns)
{
    SyncObjectSnapshot a;
    a.name = "contact";
    a.status = SyncStatus::FullySynced;
    a.local = a.stored = a.server = a.serverAll = 1234;
    SyncObjectSnapshot b = a;
    b.name = "s_c__product__c";
    b.status = SyncStatus::Syncing;
    b.syncing = b.scoped = true;
    b.local = 5;
    b.stored = 8; // Local records: the 5 synced and the 3 unsaved
    b.server = 10;
    b.serverAll = 20;
    b.progressDone = 1;
    b.progressTotal = 4;
    b.unsaved = 3;
    b.uploadFailed = 2;
    EXPECT_EQ(SyncFormatter::statusTable({a, b}, kUs).toStdString(),
              "Object           Status        Local  Server  Server (all)  Unsaved  Failed  Progress\n"
              "contact          Fully synced  1,234   1,234                      0       0\n"
              "s_c__product__c  Syncing           8      10            20        3       2       25%\n");
}
