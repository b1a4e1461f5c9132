// SPDX-License-Identifier: MIT
#pragma once

// The device's storage as the engine reports it: the database file and the free space of its
// volume (measured), and the rule that says whether the next download fits. One place for the
// worker's snapshots, `posdata status` without an engine, and the support report.

#include "sync/syncsnapshot.h"

#include <QList>
#include <QString>

namespace posdata::devicestorage {

/// The store's files and their volume; -1 where unknown.
struct Volume
{
    qint64 databaseBytes = -1; ///< the database file and its write-ahead log
    qint64 freeBytes = -1; ///< free space of the volume, as this process may use it
};

/// Measures the files of the store at `dbPath` and their volume (a stat and a statfs: blocking
/// I/O, never on the GUI thread).
Volume measure(const QString &dbPath);

/// What the next downloads need on the device, in bytes (0 when nothing is to download): for each
/// object, the server records not on the device yet (server - local, when counted) times its
/// average bytes per record on the device (tuning::kAssumedRecordBytes while it has none), the sum
/// times tuning::kSpaceOverheadPercent, plus tuning::kSpaceMarginBytes.
qint64 neededBytes(const QList<SyncObjectSnapshot> &objects);

/// Sets the engine-wide storage facts of `snapshot` from `volume` and its objects.
void apply(EngineSnapshot &snapshot, const Volume &volume);

} // namespace posdata::devicestorage
