// SPDX-License-Identifier: MIT
// The status rule, one case per branch of computeStatus() and every word of statusWords().
#include "sync/syncstatus.h"

#include <gtest/gtest.h>

using posdata::computeStatus;
using posdata::StatusInputs;
using posdata::SyncStatus;

namespace {

StatusInputs counts(std::optional<qint64> local, std::optional<qint64> server, std::optional<qint64> all, bool scoped)
{
    StatusInputs in;
    in.local = local;
    in.server = server;
    in.serverAll = all;
    in.scoped = scoped;
    return in;
}

} // namespace

TEST(ComputeStatus, PausedWinsOverEverything)
{
    StatusInputs in = counts(0, 5, 5, false);
    in.paused = true;
    in.wanted = true;
    in.stopped = true;
    EXPECT_EQ(computeStatus(in), SyncStatus::Paused);
}

TEST(ComputeStatus, WantedIsSyncingWhateverTheCounts)
{
    // A fresh device waiting its turn: 0 of 10,000 is not Incomplete while a sync is wanted.
    StatusInputs in = counts(0, 10000, 10000, false);
    in.wanted = true;
    in.stopped = true;
    EXPECT_EQ(computeStatus(in), SyncStatus::Syncing);
}

TEST(ComputeStatus, StoppedOnAnErrorIsIncompleteEvenWhenCountsMatch)
{
    StatusInputs in = counts(5, 5, 5, false);
    in.stopped = true;
    EXPECT_EQ(computeStatus(in), SyncStatus::Incomplete);
    in = counts(0, std::nullopt, std::nullopt, false);
    in.stopped = true;
    EXPECT_EQ(computeStatus(in), SyncStatus::Incomplete);
}

TEST(ComputeStatus, UnknownCountsAreNeverIncomplete)
{
    EXPECT_EQ(computeStatus(counts(std::nullopt, 5, 5, false)), SyncStatus::Syncing);
    EXPECT_EQ(computeStatus(counts(0, std::nullopt, std::nullopt, false)), SyncStatus::Syncing);
    EXPECT_EQ(computeStatus(counts(3, 5, std::nullopt, true)), SyncStatus::Syncing);
}

TEST(ComputeStatus, UnscopedTakesAllToBeServer)
{
    EXPECT_EQ(computeStatus(counts(5, 5, std::nullopt, false)), SyncStatus::FullySynced);
    EXPECT_EQ(computeStatus(counts(5, 5, 99, false)), SyncStatus::FullySynced);
}

TEST(ComputeStatus, LocalBelowServerIsIncomplete)
{
    EXPECT_EQ(computeStatus(counts(4, 5, 5, false)), SyncStatus::Incomplete);
    EXPECT_EQ(computeStatus(counts(4, 5, 9, true)), SyncStatus::Incomplete);
}

TEST(ComputeStatus, LocalAboveServerIsNotARedState)
{
    EXPECT_EQ(computeStatus(counts(100007, 100005, 100005, false)), SyncStatus::FullySynced);
    EXPECT_EQ(computeStatus(counts(12, 10, 50, true)), SyncStatus::SubsetSynced);
}

TEST(ComputeStatus, ScopedAllEqualIsFullySynced)
{
    EXPECT_EQ(computeStatus(counts(5, 5, 5, true)), SyncStatus::FullySynced);
}

TEST(ComputeStatus, ScopedSubsetIsSubsetSynced)
{
    EXPECT_EQ(computeStatus(counts(5, 5, 9, true)), SyncStatus::SubsetSynced);
    EXPECT_EQ(computeStatus(counts(0, 0, 9, true)), SyncStatus::SubsetSynced); // no open shift: nothing in scope
}

TEST(ComputeStatus, ScopedServerAboveAllCountedAtAnotherMomentIsNotSubset)
{
    EXPECT_EQ(computeStatus(counts(6, 6, 5, true)), SyncStatus::FullySynced);
}

TEST(StatusWords, MatchTheProductPage)
{
    EXPECT_EQ(posdata::statusWords(SyncStatus::Syncing), QStringLiteral("Syncing"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::Paused), QStringLiteral("Paused"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::FullySynced), QStringLiteral("Fully synced"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::SubsetSynced), QStringLiteral("Subset synced"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::Incomplete), QStringLiteral("Incomplete"));
}
