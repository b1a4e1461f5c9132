// SPDX-License-Identifier: MIT
#pragma once

// Every tuning constant of the sync engine, each with the reason for its value, and the one back-off
// rule. SyncEngineOptions and Uploader::Options take their defaults from here.

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace posdata::tuning {

// --- schedule ---
/// Between two sync cycles when nothing asks for one: often enough that prices and stock are at most
/// minutes old, rare enough that an idle cycle (one API call) costs a till ~300 calls a day.
inline constexpr int kCycleIntervalMs = 300000;
/// Downloads at once. Two keep both cores busy (one page parsed while another is written) without
/// holding more than two of the org's ten open query cursors per user.
inline constexpr int kMaxConcurrentDownloads = 2;
/// Records per page asked for (Sforce-Query-Options batchSize): Salesforce's maximum, so a download
/// costs as few API calls as the server allows.
inline constexpr int kBatchSize = 2000;
/// A local write is uploaded this long after it (the next writes of the same sale join its batch).
inline constexpr int kUploadAfterWriteMs = 1000;
/// The server counts of an object whose idle cycles found nothing changed are read again after this
/// long: records that left the scope or deletions purged from the recycle bin show only in counts.
inline constexpr int kFullRecountAfterMs = 30 * 60 * 1000;
/// After a download ends, its recount waits this long for other downloads to end, so that they share
/// one /composite call ...
inline constexpr int kRecountDebounceMs = 300;
/// ... but never longer than this after the first one waiting: its status must settle.
inline constexpr int kRecountMaxWaitMs = 2000;
/// Rounds of "counts disagree -> delta -> recount" before an object settles with what it has; the
/// bound keeps a busy org (counts moving under us) from turning one cycle into endless work.
inline constexpr int kMaxMismatchRounds = 3;

// --- failures ---
/// First retry delay after a transient failure, doubled for each failure in a row ...
inline constexpr int kBackoffBaseMs = 1000;
/// ... up to this: a minute is short enough for a till to recover quickly after an outage.
inline constexpr int kBackoffMaxMs = 60000;
/// After REQUEST_LIMIT_EXCEEDED the org's daily allowance is gone: asking again soon only burns
/// what other tills of the org have left.
inline constexpr int kLimitBackoffMs = 300000;
/// Transient failures in a row before an object gives up until the next cycle (1+2+4+8+16 s apart).
inline constexpr int kMaxAttemptsPerCycle = 6;
/// Pages in a row that bring no new record and no new checkpoint before a download is taken to be
/// going round in circles (a server that keeps answering done:false with the same page).
inline constexpr int kMaxPagesWithoutProgress = 3;
/// Query locator restarts in a row without progress before the attempt ends ...
inline constexpr int kMaxLocatorRestarts = 3;
/// ... and in one download whatever the progress: Salesforce forgets a cursor after 15 idle minutes
/// or when a user opens more than ten, which a download meets a few times at most; a server that
/// forgets every one doubles the calls of a download and should stop it, in words.
inline constexpr int kMaxLocatorRestartsPerDownload = 10;
/// No page for this long turns a download into a "stalled, retrying" failure.
inline constexpr int kStallTimeoutMs = 60000;
/// No byte for this long aborts one request (a TIMEOUT failure).
inline constexpr int kRequestTimeoutMs = 60000;
/// How often the watchdog looks for downloads that make no progress.
inline constexpr int kWatchdogTickMs = 250;
/// Sign-in retries when the refresh was refused start here and double up to kSignInRetryMaxMs: a
/// password reset or a re-enabled user comes back within minutes without a restart.
inline constexpr int kSignInRetryBaseMs = 15000;
inline constexpr int kSignInRetryMaxMs = 300000;

// --- what the screen and the CLI see ---
/// Snapshots leave the worker at most this often (the screen needs no more than ~10 a second).
inline constexpr int kSnapshotIntervalMs = 100;
/// The live state (for `posdata status` in another process) is written at most this often ...
inline constexpr int kLiveStateIntervalMs = 500;
/// ... and at least this often while the engine runs (its heartbeat) ...
inline constexpr int kLiveHeartbeatMs = 1000;
/// ... so a live state older than this means no engine is running.
inline constexpr int kLiveStaleAfterMs = 3000;
/// Pause flags and pending markers written by the CLI are read this often.
inline constexpr int kStorePollMs = 1000;
/// Errors kept per object for the detail page; older ones drop off.
inline constexpr int kMaxErrorsPerObject = 20;
/// Unsaved records listed per object on the screen (the uploader is not limited by it).
inline constexpr int kMaxUnsavedListed = 1000;
/// Unsaved records a person discarded stay in the store's discarded log this long (`posdata unsaved
/// --discarded` lists them), so that nothing vanishes without trace; the engine purges older ones
/// when it starts.
inline constexpr int kKeepDiscardedDays = 30;

/// The delay before retry number `attempt` (1-based): base * 2^(attempt-1), at most `maxMs`, then
/// jittered into [0.75, 1.25) so that devices that failed together do not retry together.
inline int backoffDelay(int attempt, int baseMs, int maxMs)
{
    const double exact = std::min<double>(maxMs, baseMs * std::pow(2.0, std::clamp(attempt, 1, 30) - 1));
    return static_cast<int>(exact * (0.75 + 0.5 * QRandomGenerator::global()->generateDouble()));
}

} // namespace posdata::tuning
