// SPDX-License-Identifier: MIT
// The status rule, one case per branch of computeStatus() and every word of statusWords().
#include "sync/syncstatus.h"

#include <gtest/gtest.h>

using posdata::computeStatus;
using posdata::StatusInputs;
using posdata::SyncStatus;

namespace {

StatusInputs counts(qint64 local, qint64 server, std::optional<qint64> all, bool scoped)
{
    StatusInputs in;
    in.local = local;
    in.server = server;
    in.serverAll = all;
    in.scoped = scoped;
    return in;
}

} // namespace

TEST(ComputeStatus, SyncingWinsOverEverything)
{
    StatusInputs in = counts(5, 5, 5, false);
    in.syncing = true;
    in.paused = true;
    in.lastAttemptFailed = true;
    EXPECT_EQ(computeStatus(in), SyncStatus::Syncing);
}

TEST(ComputeStatus, PausedWinsOverCounts)
{
    StatusInputs in = counts(5, 5, 5, false);
    in.paused = true;
    EXPECT_EQ(computeStatus(in), SyncStatus::Paused);
}

TEST(ComputeStatus, FailedLastAttemptIsIncompleteEvenWhenCountsMatch)
{
    StatusInputs in = counts(5, 5, 5, false);
    in.lastAttemptFailed = true;
    EXPECT_EQ(computeStatus(in), SyncStatus::Incomplete);
}

TEST(ComputeStatus, UnknownLocalOrServerIsIncomplete)
{
    StatusInputs in = counts(5, 5, 5, false);
    in.local.reset();
    EXPECT_EQ(computeStatus(in), SyncStatus::Incomplete);
    in = counts(5, 5, 5, false);
    in.server.reset();
    EXPECT_EQ(computeStatus(in), SyncStatus::Incomplete);
}

TEST(ComputeStatus, ScopedWithUnknownAllIsIncomplete)
{
    EXPECT_EQ(computeStatus(counts(5, 5, std::nullopt, true)), SyncStatus::Incomplete);
    EXPECT_EQ(computeStatus(counts(5, 5, -1, true)), SyncStatus::Incomplete);
}

TEST(ComputeStatus, UnscopedTakesAllToBeServer)
{
    // serverAll is ignored when unscoped, even when unknown or different.
    EXPECT_EQ(computeStatus(counts(7, 7, std::nullopt, false)), SyncStatus::FullySynced);
    EXPECT_EQ(computeStatus(counts(7, 7, 100, false)), SyncStatus::FullySynced);
    EXPECT_EQ(computeStatus(counts(0, 0, std::nullopt, false)), SyncStatus::FullySynced);
}

TEST(ComputeStatus, UnscopedMismatchIsIncomplete)
{
    EXPECT_EQ(computeStatus(counts(6, 7, 7, false)), SyncStatus::Incomplete);
    EXPECT_EQ(computeStatus(counts(8, 7, 7, false)), SyncStatus::Incomplete);
}

TEST(ComputeStatus, ScopedAllEqualIsFullySynced)
{
    EXPECT_EQ(computeStatus(counts(9, 9, 9, true)), SyncStatus::FullySynced);
}

TEST(ComputeStatus, ScopedSubsetIsSubsetSynced)
{
    EXPECT_EQ(computeStatus(counts(9, 9, 20, true)), SyncStatus::SubsetSynced);
}

TEST(ComputeStatus, ScopedLocalDiffersFromServerIsIncomplete)
{
    EXPECT_EQ(computeStatus(counts(8, 9, 20, true)), SyncStatus::Incomplete);
    EXPECT_EQ(computeStatus(counts(10, 9, 20, true)), SyncStatus::Incomplete);
}

TEST(ComputeStatus, ScopedServerAboveAllIsIncomplete)
{
    // Counts read at different instants can disagree; never claim a sync state then.
    EXPECT_EQ(computeStatus(counts(9, 9, 5, true)), SyncStatus::Incomplete);
}

TEST(StatusWords, MatchTheProductPage)
{
    EXPECT_EQ(posdata::statusWords(SyncStatus::Syncing), QStringLiteral("Syncing"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::Paused), QStringLiteral("Paused"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::FullySynced), QStringLiteral("Fully synced"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::SubsetSynced), QStringLiteral("Subset synced"));
    EXPECT_EQ(posdata::statusWords(SyncStatus::Incomplete), QStringLiteral("Incomplete"));
}
