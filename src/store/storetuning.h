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

// While background checkpoints are on, the writer checkpoints by itself only past this much WAL:
// the background thread fell behind, and an unbounded WAL would slow every reader. It does not bound
// the WAL file during a fast download: the writer's checkpoint yields to the background one, which
// syncs the disk for each copy and falls behind (1M products through nginx: the WAL file reached
// 160-730 MB, the database 640 MB). The file is cut back to this size (journal_size_limit) once the
// copy caught up and the WAL starts over.
constexpr qint64 WalGuardBytes = 64 * 1024 * 1024;

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
