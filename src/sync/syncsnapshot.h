// SPDX-License-Identifier: MIT
#pragma once

// The value types that leave the sync worker: one object's state, the whole engine's, an error.
// Copied freely across threads; the screen and `posdata status` word them, never recompute them.

#include "store/storetypes.h"
#include "syncstatus.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace posdata {

/// One error kept for an object (or for the engine), in words, with when it happened.
struct SyncError
{
    QString code; ///< e.g. INVALID_FIELD, NETWORK, TIMEOUT, STALLED, NO_PROGRESS, DISK_FULL, SIGN_IN_REQUIRED
    QString message; ///< in words, for people
    QDateTime time; ///< UTC
    QString detail; ///< the server's own message when `message` is ours, for support; may be empty
    bool operator==(const SyncError &) const = default;
};

/// What the engine is doing for an object right now: the status says Syncing for every value but
/// Idle (and Stopped says why it is Incomplete); this says what to word.
enum class SyncActivity {
    Idle, ///< settled: counts read after the last download, nothing wanted
    Waiting, ///< wanted, waiting its turn (a download slot, or the cycle's counts)
    Counting, ///< asking the server what changed and how many records it has
    Downloading, ///< downloading what changed since the last sync
    Resyncing, ///< a full download: the first sync, "resync", "clear & resync", or a repair
    UpdatingFields, ///< a full download because fields were added to the configuration
    Recounting, ///< reading the server counts after a download or an upload
    Retrying, ///< failed; tries again at retryAt (within the cycle, or at the next one)
    WaitingForSignIn, ///< nothing can happen before a sign-in is accepted
    Stopped, ///< stopped on an error only a person or a config change cures (see errors)
};

/// A value copy of one sync object's state: what leaves the worker thread for the GUI and the CLI.
/// Counts are -1 while unknown.
struct SyncObjectSnapshot
{
    QString name; ///< API name, e.g. s_c__product__c
    SyncStatus status = SyncStatus::Syncing;
    SyncActivity activity = SyncActivity::Waiting;
    QDateTime retryAt; ///< Retrying / WaitingForSignIn: when the next try is due (UTC); invalid if unknown
    bool scoped = false;
    /// Scoped objects: the device value the scope follows ("outletId", "shiftId"; empty when it
    /// follows no record of the device, see scopelabel.h) and that record's Name, or its Id while
    /// the record is not on the device (empty without a value: no shift open).
    QString scopeBy;
    QString scopeRecord;
    bool paused = false;
    bool syncing = false; ///< a download is running (Downloading, Resyncing, UpdatingFields)
    qint64 local = 0; ///< records in state Synced
    qint64 stored = 0; ///< every record stored on the device for the object: synced and unsaved
    qint64 server = -1; ///< S: server count in scope
    qint64 serverAll = -1; ///< A: server count of all records (= server when unscoped)
    qint64 unsaved = 0; ///< locally created, updated or deleted, not yet uploaded
    qint64 uploadFailed = 0; ///< unsaved records whose last upload the server refused
    bool uploading = false; ///< an upload batch of this object is in flight
    quint64 uploadPasses = 0; ///< upload passes of this object that ended since the engine started
    qint64 inUse = 0; ///< protected records (active outlet, shift, pinned)
    qint64 progressDone = 0; ///< records received in the current download
    qint64 progressTotal = 0; ///< records expected in the current download
    double recordsPerSecond = 0.0;
    qint64 secondsLeft = -1; ///< -1 while unknown
    QDateTime lastSynced; ///< last time the object was settled in sync with the server, UTC; invalid if never
    QDateTime countsReadAt; ///< when server/serverAll were last read or confirmed unchanged (UTC)
    QList<SyncError> errors; ///< recent errors, newest last
    bool lastAttemptFailed = false; ///< the last attempt ended on one of `errors`
    QString note; ///< a fact in words the status alone does not say (e.g. no shift is open)
    bool requiredForSale = false; ///< the till cannot sell without it (SyncObjectConfig::requiredForSale)
    /// Its records are on the device for selling: a download of it has completed and no clear &
    /// resync is under way (or nothing of it is in scope). Later syncs keep it ready.
    bool readyForSale = false;
    bool operator==(const SyncObjectSnapshot &) const = default;
};

/// The whole engine at one instant.
struct EngineSnapshot
{
    QList<SyncObjectSnapshot> objects; ///< in priority order
    bool running = false; ///< the worker has opened its store and works
    /// Every object requiredForSale is readyForSale (true when none is required): a host app may
    /// open the till while the other objects still download.
    bool readyToSell = false;
    bool signInRequired = false; ///< the refresh token was refused: the engine retries by itself
    QDateTime signInRetryAt; ///< when it tries the sign-in again (UTC)
    std::optional<SyncError> engineError;
    qint64 apiCallsLastCycle = 0;
    qint64 apiCallsTotal = 0;
    bool operator==(const EngineSnapshot &) const = default;
};

} // namespace posdata

Q_DECLARE_METATYPE(posdata::SyncError)
Q_DECLARE_METATYPE(posdata::SyncActivity)
Q_DECLARE_METATYPE(posdata::SyncObjectSnapshot)
Q_DECLARE_METATYPE(posdata::EngineSnapshot)
