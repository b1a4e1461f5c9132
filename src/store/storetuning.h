// SPDX-License-Identifier: MIT
#pragma once

// The store's tuning constants, each with the reason for its value (measured in
// benchmarks/store-insert unless said otherwise).

#include <QtGlobal>

namespace posdata::tuning {

// Records can reach a few hundred bytes; a larger page cache keeps the (obj, id) index hot while a
// million-row download is written (about 32 MB, a fair share of a POS terminal's memory).
constexpr int CacheSizeKiB = 32 * 1024;

// Page size of new store files, fixed once the first table exists (older files keep 4096). 16 KiB
// pages halve the B-tree and WAL work of a bulk download, in key order as well as scattered;
// 32-64 KiB gained little more and cost more per single-row local edit.
constexpr int PageSizeBytes = 16 * 1024;

// Rows per multi-row INSERT in applyPage: one statement step keeps the table and index cursors
// where the last row went, instead of positioning them again for every row (a million rows insert
// ~30 % faster than with one step per row; variant rawmulti). 10 and 200 measured the same.
constexpr int RowsPerInsert = 50;

// A WAL file that grew is cut back to this size once it starts over (journal_size_limit): a fast
// download writes faster than checkpoints copy (1M products through nginx: the WAL reached 160-730 MB
// beside a 640 MB database), and SQLite would keep the file at its largest until the app closes.
// Also the least WAL a copy waits for when the free disk is not known.
constexpr qint64 WalGuardBytes = 64 * 1024 * 1024;

// Background checkpoints (WalCheckpointer) copy in the writer's pauses: a pause is this long without
// a commit. Longer than the gaps between a download's pages (loopback stalls of 20-60 ms, a store's
// link at ten ranges ~40 ms), shorter than the engine's idle writes (its live state, twice a second).
// A copy beside back-to-back commits took cores and disk from the download and could not catch up
// anyway: 1M products through nginx in 1.59-1.70 s without copies during the download against
// 2.04-2.32 s with a copy after every commit (docs/benchmarks.md section 9).
constexpr int CheckpointQuietMs = 100;

// A pause copies the WAL once it holds at least this much (SQLite's own autocheckpoint: 1000 pages,
// 16 MiB at our page size). Less waits for more: an idle engine writes its live state twice a second,
// and a copy of each would sync the disk twice a second for nothing.
constexpr qint64 WalPauseCopyBytes = 16 * 1024 * 1024;

// Without a pause, a copy starts once the WAL holds this much (at most a quarter of the free disk):
// a download of up to about a million wide records fits before it. Past twice this the writer copies
// by itself.
constexpr qint64 WalDeferBytes = qint64(1024) * 1024 * 1024;

// The largest live state the store takes (LocalStore::writeLiveState()). It is rewritten whole into
// the WAL about twice a second and read as often: a few KiB is what an engine needs (a line per
// object); this much is a caller's bug, refused in words rather than slowing every download.
constexpr qint64 LiveStateMaxBytes = 256 * 1024;

// A file read as another program's is read again this many times, this far apart, until two
// readings agree (open(): another program may be upgrading or checkpointing it that moment). A
// migration of an old store takes a few milliseconds; a foreign file costs 3 x 20 ms once.
constexpr int StableReadings = 3;
constexpr int StableReadingPauseMs = 20;

// Sync cycles the store keeps for the support report: the issue asks for the last 20; a cycle every
// five minutes makes that the last hour and a half, a few KiB.
constexpr int KeptSyncCycles = 20;

} // namespace posdata::tuning
