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

/// The integrity check (and repair) a person last asked for on the screen ("Check" in the object's
/// More actions), as the worker ran it (src/sync/integritycheck.h).
struct ObjectCheck
{
    enum class Phase {
        None, ///< never asked since the engine started
        Checking, ///< comparing counts per Id range with the server
        Repairing, ///< comparing every Id, then downloading or removing only the difference
        Done, ///< checked: the counts below
        Repaired, ///< repaired: downloaded and removed below; the object counts again
        Refused, ///< not run: errorCode DOWNLOADING (not while the object downloads) or NO_SCOPE
        Failed, ///< stopped on errorCode (NETWORK, SIGN_IN_REQUIRED, HTTP_503, STORE, ...)
    };
    Phase phase = Phase::None;
    qint64 missing = 0; ///< on the server (in scope), not on the device
    qint64 extra = 0; ///< on the device, gone from the server
    qint64 outsideScope = 0; ///< on the device, on the server outside the scope
    qint64 unsaved = 0; ///< unsaved records of the object: never compared, never removed
    qint64 kept = 0; ///< in use or unsaved and not on the server in scope: kept
    qint64 apiCalls = 0; ///< the check's (and the repair's) API calls
    qint64 downloaded = 0; ///< Repaired
    qint64 removed = 0; ///< Repaired
    QString errorCode;
    QString error; ///< the server's or the store's words, for support
    QDateTime at; ///< when it ended (UTC)

    bool busy() const { return phase == Phase::Checking || phase == Phase::Repairing; }
    /// Something a repair would download or remove.
    bool differs() const { return missing + extra + outsideScope > 0; }
    bool operator==(const ObjectCheck &) const = default;
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
    /// Bytes of its records on the device (Ids and fields, LocalStore::recordBytes()), measured by
    /// the worker when its records changed, at most once a cycle; -1 until measured.
    qint64 bytes = -1;
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
    ObjectCheck check; ///< the screen's last check of it (not in the live state: a screen's question)
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
    // The device's storage (devicestorage.h), measured at most once a cycle; -1 while unknown.
    qint64 databaseBytes = -1; ///< the store file with its write-ahead log
    qint64 freeBytes = -1; ///< free space of the store's volume
    qint64 neededBytes = 0; ///< what the next downloads need by the rule; 0: nothing to download
    /// The next downloads may not fit: the screen and `posdata status` warn.
    bool lowSpace() const { return freeBytes >= 0 && neededBytes > 0 && freeBytes < neededBytes; }
    bool operator==(const EngineSnapshot &) const = default;
};

} // namespace posdata

Q_DECLARE_METATYPE(posdata::SyncError)
Q_DECLARE_METATYPE(posdata::SyncActivity)
Q_DECLARE_METATYPE(posdata::SyncObjectSnapshot)
Q_DECLARE_METATYPE(posdata::EngineSnapshot)
