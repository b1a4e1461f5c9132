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
/// Id ranges a full download (first sync, resync, clear & resync, new fields, repair) is split into,
/// fetched at the same time. Over a store's link (100 ms round trip, ~200 ms of server time a page
/// of wide records, 50 Mbit/s) one chain of pages waits ~300 ms for each 2000 records and uses a
/// tenth of the bandwidth. Ten chains fill the link: 200,000 products in 4.6-4.7 s against a bound
/// of 3.3 s (1.4x), 1,000,000 in 18.5 s against 14.7 s (1.3x); four chains stay at ~2.9x (9.6 s),
/// eight at ~1.8x (docs/benchmarks.md sections 7 and 8). Ten is also the most kMaxQueriesInFlight lets run,
/// and never more than Salesforce's cursors per user leave: a cursor download beside them (a small
/// object, a delta) takes one of the ten and the ranges get the rest. Memory does not grow with
/// the ranges: pages wait for the writer compressed (SalesforceClient's page transport parses two
/// at a time), so 1,000,000 products peak at ~59 MiB in 10 ranges on loopback, 56-57 MiB in 4
/// (the budget is 64 MiB). Ranges hold whole pages (IdSpace::pageSplitPoints()): with Ids one after
/// another a download costs the pages of one cursor; Ids with holes add up to a part page per range.
/// 0: one cursor by SystemModstamp, as a delta (the loopback benchmark's page server serves only
/// that query).
inline constexpr int kRangesPerDownload = 10;
/// Query requests in flight at once, all objects together: Salesforce's 10 open query cursors per
/// user. Keyset range pages hold none (LIMIT makes each answer one whole page); a cursor download
/// (a delta, a small object) holds one while its next page is asked, and counts against the ten,
/// so that ranges and cursors together never pass what Salesforce allows one user.
inline constexpr int kMaxQueriesInFlight = 10;
/// Salesforce's open query cursors per user: whatever the options say, no more query requests than
/// this are in flight at once (SyncEngineOptions::maxQueriesInFlight is clamped to it).
inline constexpr int kSalesforceQueryCursors = 10;
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

// --- storage (devicestorage.h: the rule that warns before the device runs out of space) ---
/// Bytes per record assumed for an object with no records on the device yet: a wide record of the
/// emulator's seed (a product with a description) is ~0.5 KiB of JSON; twice that errs on the safe side.
inline constexpr qint64 kAssumedRecordBytes = 1024;
/// The database grows by more than the records' own bytes: the key index (every Id again), pages
/// left part full by inserts in Id order across ranges, and the free pages a rewrite leaves behind.
inline constexpr qint64 kSpaceOverheadPercent = 150;
/// A download also needs room for its write-ahead log before a checkpoint copies it back: the store
/// lets it grow to 64 MiB (storetuning.h WalGuardBytes) before the writer checkpoints by itself.
inline constexpr qint64 kSpaceMarginBytes = 64LL * 1024 * 1024;

/// The storage measure (bytes per object: a pass over the rows of each object that changed, 0.4 s
/// for 1,000,000 products) runs this long after a cycle ended (and after start), when no cycle runs:
/// never on a cycle's critical path, and a cycle that follows at once is not held up by it.
inline constexpr int kStorageMeasureDelayMs = 1500;

// --- the C allocator during a sync (allocator.h) ---
/// Freed memory kept by the process while the engine runs, instead of going back to the kernel and
/// coming back through page faults with the next page (glibc's default: 128 KiB). Several pages of
/// records are freed at a time; 32 MiB holds them. The peak does not move: this is memory the
/// process had a moment before, and the engine gives it back after each cycle.
inline constexpr qint64 kAllocatorKeepBytes = 32LL * 1024 * 1024;
/// Blocks up to this size come from the heap: a query page's body (1-2 MiB) is then reused rather
/// than mapped and faulted in again for every page (glibc's default starts at 128 KiB).
inline constexpr qint64 kAllocatorHeapBlockBytes = 4LL * 1024 * 1024;

/// The delay before retry number `attempt` (1-based): base * 2^(attempt-1), at most `maxMs`, then
/// jittered into [0.75, 1.25) so that devices that failed together do not retry together.
inline int backoffDelay(int attempt, int baseMs, int maxMs)
{
    const double exact = std::min<double>(maxMs, baseMs * std::pow(2.0, std::clamp(attempt, 1, 30) - 1));
    return static_cast<int>(exact * (0.75 + 0.5 * QRandomGenerator::global()->generateDouble()));
}

} // namespace posdata::tuning
