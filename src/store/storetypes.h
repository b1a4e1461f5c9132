// SPDX-License-Identifier: MIT
#pragma once

// Value types of the local store: copied freely, safe to send across threads.

#include "common/incomingrecord.h"

#include <QByteArray>
#include <QList>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace posdata {

/// Where a local record stands against the server. The last three are "unsaved": never overwritten
/// by a download and never deleted by any sync action.
enum class RecordState
{
    Synced = 0,
    LocallyCreated = 1,
    LocallyUpdated = 2,
    LocallyDeleted = 3
};

/// A store failure, typed so callers can show it (DiskFull) or act on it (Busy: retry later).
struct StoreError
{
    enum Kind
    {
        None,
        NotSqlite, ///< the file exists and is not an SQLite database: left untouched
        NewerSchema, ///< written by a newer app (user_version too high): left untouched
        DiskFull, ///< SQLITE_FULL: the write was rolled back whole
        Io, ///< any other SQLite or file failure
        Invalid, ///< bad argument (object name, id, unknown record, wrong state)
        Busy, ///< another process held the lock longer than the busy timeout
        ReadOnly, ///< a write on a store opened in Mode::ReadOnly, or a file this user cannot write
        Foreign, ///< an SQLite database of another program: left untouched
        /// The object was cleared or resynced (a new generation) since the download that wrote this
        /// started: nothing was written; the new download takes over.
        Stale,
    };
    Kind kind = None;
    QString message;
    bool ok() const { return kind == None; }
};

/// Watermark of the last applied record: resume the download after (SystemModstamp, Id).
struct Checkpoint
{
    QString systemModstamp; ///< as received, e.g. 2026-11-28T03:32:19.000+0000
    QString id;
    bool isEmpty() const { return systemModstamp.isEmpty() && id.isEmpty(); }
    bool operator==(const Checkpoint &) const = default;
};

/// One Id range of a ranged full download and how far it got: the range's own checkpoint
/// (LocalStore::rangePlan(), applyRangePage()).
struct IdRange
{
    QString lo; ///< the range's first Id (inclusive); empty: open below
    QString hi; ///< where it ends (exclusive); empty: open above
    QString lastId; ///< the last Id applied from it: it goes on after this one; empty: none yet
    qint64 received = 0; ///< records applied from it so far (progress)
    bool done = false; ///< its last page was applied
    bool operator==(const IdRange &) const = default;
};

/// A full download split into Id ranges, as the store keeps it so that a restart (after kill -9
/// too) resumes every range where it was (LocalStore::beginRanges()).
struct RangePlan
{
    qint64 generation = 0; ///< the download's generation: a plan of an older one is dropped
    /// The object's checkpoint once every range is in: the newest change read before the ranges
    /// started, so the delta after them misses nothing changed meanwhile. Empty: no record at all.
    Checkpoint highWater;
    QString firstId; ///< the object's smallest and largest Id in scope when it began (re-splits)
    QString lastId;
    qint64 total = 0; ///< records in scope when it began (progress)
    bool reconcile = false; ///< synced records were there before: removeUnseen() at the end
    QList<IdRange> ranges; ///< ordered by lo (the open one first)
    bool operator==(const RangePlan &) const = default;
};

/// What one applyPage() did.
struct ApplyResult
{
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 deleted = 0;
    qint64 skippedUnsaved = 0; ///< leave-if-changed: an unsaved local record kept its version
    qint64 skippedProtected = 0; ///< a tombstone for a record in use: kept
    bool operator==(const ApplyResult &) const = default;
};

/// A multi-step operation that must be finished by the next start if the app stops midway.
enum class PendingOp
{
    None = 0,
    FullResync = 1,
    ClearResync = 2
};

/// One object's persisted sync state plus its counters (all read in O(1)).
struct ObjectState
{
    QString object;
    bool known = false; ///< false when the object has no row in the state table
    bool paused = false;
    Checkpoint checkpoint;
    qint64 serverCount = -1; ///< S, -1 while unknown
    qint64 serverAllCount = -1; ///< A, -1 while unknown
    QDateTime countsReadAt; ///< UTC; invalid while unknown
    QString lastErrorCode; ///< empty when the last attempt did not fail
    QString lastErrorMessage;
    QDateTime lastErrorAt;
    QDateTime lastSyncedAt; ///< last successful sync end, UTC; invalid if never
    PendingOp pending = PendingOp::None;
    qint64 generation = 0; ///< bumped by each full resync / clear & resync; pass to applyPage()
    qint64 localCount = 0; ///< L: records in state Synced
    qint64 unsavedCount = 0; ///< records in states LocallyCreated/Updated/Deleted
    qint64 inUseCount = 0; ///< protected ids (in use or pinned) that have a local record, any state
    qint64 uploadFailedCount = 0; ///< unsaved records whose last upload the server refused
    /// What the synced records were downloaded with (LocalStore::setDownloadShape()); empty while
    /// not known (never set, or a store from before schema 3).
    QString fieldsSig;
    QString scopeSig;
};

/// One local record in an Id range, as the integrity check compares it with the server's Ids.
struct RangeRecord
{
    QString id;
    RecordState state = RecordState::Synced;
    bool isProtected = false; ///< in use or pinned
};

/// One local record as stored.
struct StoredRecord
{
    QString object;
    QString id;
    QString systemModstamp;
    RecordState state = RecordState::Synced;
    QByteArray payload;
    bool inUse = false; ///< in the active outlet/shift set
    bool pinned = false;
    qint64 seenGeneration = 0;
};

/// One unsaved record as the screen and the CLI list it: what changed, when, and why its upload
/// failed (if it did).
struct UnsavedRecord
{
    QString object;
    QString id; ///< the local Id until the server assigns one (created), else the server Id
    RecordState state = RecordState::LocallyCreated;
    QString externalId; ///< the retry-safe upload key of a created record (empty for others)
    QString name; ///< the payload's Name, when it has one, for people
    QDateTime changedAt; ///< the last local write, UTC
    QString errorCode; ///< the server's statusCode of the last refused upload; empty if none
    QString errorMessage;
    QDateTime errorAt;
    int attempts = 0; ///< uploads the server refused so far
    QByteArray payload;
    bool operator==(const UnsavedRecord &) const = default;
};

/// An unsaved record a person discarded (LocalStore::discardUnsaved()), kept for a while.
struct DiscardedRecord
{
    UnsavedRecord record; ///< as it was when discarded (its refused-upload count is not kept: 0)
    QDateTime discardedAt; ///< UTC
    bool operator==(const DiscardedRecord &) const = default;
};

/// What a clear & resync will do, counted by LocalStore::planClear() for the
/// confirmation dialog and `--dry-run`.
struct ClearPlan
{
    QString object;
    qint64 willDelete = 0; ///< synced local records that go
    qint64 keepUnsaved = 0;
    qint64 keepInUse = 0; ///< protected records that stay
    qint64 willDownload = -1; ///< server count in scope, -1 if unknown
    bool operator==(const ClearPlan &) const = default;
};

/// The running engine's live state as it last wrote it (LocalStore::writeLiveState()), for other
/// programs (posdata status) to read. A row is left behind when the engine was killed: a heartbeat
/// that no longer moves, or a pid that is gone, tells the reader it is not running.
struct LiveState
{
    qint64 pid = 0; ///< the writing process
    QDateTime heartbeat; ///< UTC, when it was written
    QByteArray json; ///< the engine's JSON object, as given
    bool operator==(const LiveState &) const = default;
};

/// One sync cycle as the store keeps it for support (LocalStore::addSyncCycle()).
struct SyncCycle
{
    QDateTime startedAt; ///< UTC
    qint64 durationMs = 0;
    qint64 apiCalls = 0;
    QString what; ///< in words: "downloaded s_c__product__c; uploaded contact", "nothing changed"
    bool operator==(const SyncCycle &) const = default;
};

/// The server's answer for one record of an upload batch.
struct UploadOutcome
{
    QString id; ///< the record's local key (its Id in the store)
    bool success = false;
    QString serverId; ///< on success: the server's Id (for creates)
    QString errorCode; ///< on failure: statusCode
    QString errorMessage;
};

} // namespace posdata

Q_DECLARE_METATYPE(posdata::StoreError)
Q_DECLARE_METATYPE(posdata::UnsavedRecord)
Q_DECLARE_METATYPE(posdata::DiscardedRecord)
Q_DECLARE_METATYPE(posdata::ObjectState)
Q_DECLARE_METATYPE(posdata::ClearPlan)
Q_DECLARE_METATYPE(posdata::LiveState)
Q_DECLARE_METATYPE(posdata::RangePlan)
