// SPDX-License-Identifier: MIT
#pragma once

// LocalStore: the device's local SQLite store (records, their local state, the protected set and
// each object's sync state), the one API every other layer uses to reach the file.

#include "store/storetypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>
#include <optional>

namespace posdata {

/// The device's local SQLite store: records with their local state, the protected set, and each
/// object's persisted sync state with O(1) counters.
///
/// Threading: one instance is used from ONE thread, the one that called open() (the engine worker
/// opens it inside its thread; the CLI in its main thread). Each instance has its own uniquely named
/// QSqlDatabase connection, so several instances (also in other processes) can share one file:
/// WAL journal, synchronous=NORMAL, a busy timeout.
///
/// Errors: every fallible call takes an optional StoreError* (nullptr = ignore) and also keeps the
/// last one in lastError(). A failing write is rolled back whole: records, counters and checkpoint
/// stay consistent (also on SQLITE_FULL, reported as StoreError::DiskFull).
///
/// Object names must be Salesforce identifiers (letter, then letters, digits, underscores; at most
/// 80 characters), else StoreError::Invalid. Unknown objects are added to the state table on first
/// write; ensureObjects() adds them up front.
class LocalStore
{
public:
    enum class Mode
    {
        ReadWrite,
        ReadOnly
    };

    /// The schema version this build writes (PRAGMA user_version).
    static constexpr int SchemaVersion = 5;
    /// PRAGMA application_id of every store ("POSD"): a store carries its identity, so that an
    /// SQLite file of another program is never taken for one (and never written).
    static constexpr qint32 ApplicationId = 0x504F5344;
    /// How long a statement waits for another connection's lock before failing with Busy.
    static constexpr int BusyTimeoutMs = 5000;

    /// How applyPage() writes a page's rows: through the sqlite3 C API on the Qt driver's own
    /// connection (SqliteApi: ~3 us a row less than QSqlQuery), or through QSqlQuery (QtSql). The
    /// results are the same. Auto takes SqliteApi where the driver allows it; SqliteApi fails at
    /// open where it does not.
    enum class WritePath
    {
        Auto,
        SqliteApi,
        QtSql
    };

    /// Opens (ReadWrite: creates and migrates) the store at path. Takes a file with its
    /// ApplicationId, a store of ours from before it had one (schema 1 or 2 with exactly its tables:
    /// stamped on the way), or an empty file (0 bytes, or SQLite with nothing in it). Refuses,
    /// without touching the file, one that is not SQLite (NotSqlite), another program's SQLite
    /// database (Foreign) or a newer schema (NewerSchema). Creation and migration are one
    /// transaction: two programs creating the same store at once both get it. A new file is made
    /// 0600. ReadWrite fails at once (StoreError::ReadOnly) on a file or folder this user cannot
    /// write. ReadOnly never writes, needs an existing store, and works in a read-only folder.
    /// Returns nullptr on failure.
    static std::unique_ptr<LocalStore> open(const QString &path, Mode mode, StoreError *error = nullptr,
        WritePath writePath = WritePath::Auto);
    ~LocalStore();
    LocalStore(const LocalStore &) = delete;
    LocalStore &operator=(const LocalStore &) = delete;

    QString path() const;
    Mode mode() const;
    /// The path applyPage() takes: SqliteApi or QtSql (Auto on a ReadOnly store, which writes nothing).
    WritePath writePath() const;
    StoreError lastError() const;
    static bool isValidObjectName(const QString &object);

    // --- downloads (the engine) ---

    /// The download calls below take the object's generation as it was when the download started
    /// (objectState().generation, or what beginFullResync()/beginClearResync() returned). Inside
    /// their transaction they check it is still the object's: after a clear or resync meanwhile (the
    /// CLI, another screen) they write nothing and fail with StoreError::Stale, so a page in flight
    /// cannot bring back the old checkpoint or records the clear removed.

    /// ONE transaction: upserts the page's live rows (new rows inserted, Synced rows updated, unsaved
    /// rows skipped: leave-if-changed), applies tombstones (isDeleted) to Synced non-protected rows,
    /// marks every written row with `generation`, writes newCheckpoint (when not empty) and the
    /// counters.
    ApplyResult applyPage(const QString &object, const QVector<IncomingRecord> &page,
        const Checkpoint &newCheckpoint, qint64 generation, StoreError *error = nullptr);
    /// After a complete full download of `generation`: deletes Synced, non-protected rows not seen
    /// in it (records gone from the server or out of scope). Returns the number deleted, -1 on error.
    qint64 removeUnseen(const QString &object, qint64 generation, StoreError *error = nullptr);

    // --- range downloads: a full download in Id ranges, each with its own checkpoint ---

    /// Starts a ranged full download of `generation`: `plan` (its ranges with empty checkpoints, or
    /// as given) replaces whatever plan the object had, in one transaction. Stale when the object
    /// has moved on to a newer generation; Invalid when two ranges start at the same Id.
    bool beginRanges(const QString &object, const RangePlan &plan, StoreError *error = nullptr);
    /// The object's range plan, when one of its current generation exists: a plan left by a download
    /// of an older generation (cleared or resynced since) is not one (nullopt), like its pages.
    std::optional<RangePlan> rangePlan(const QString &object) const;
    /// applyPage() for a page of one range: the records as above, and `range` (found by its lo) gets
    /// the lastId, received and done given, in the same transaction; the object's own checkpoint is
    /// left alone (the plan's highWater becomes it at the end). Stale when the generation moved on
    /// or the plan has no such range any more.
    ApplyResult applyRangePage(const QString &object, const QVector<IncomingRecord> &page, const IdRange &range,
        qint64 generation, StoreError *error = nullptr);
    /// Splits the range that starts at `lo` at `at`: it ends at `at`, and a new range [at, its old end)
    /// with an empty checkpoint follows, in one transaction. Invalid unless `at` is after lo (and
    /// before hi, when it has one, in the store's byte order); Stale as above.
    bool splitRange(const QString &object, qint64 generation, const QString &lo, const QString &at,
        StoreError *error = nullptr);
    /// Every range of the plan of `generation` is in (and removeUnseen() ran when it had to): ONE
    /// transaction makes the plan's highWater the object's checkpoint, ends the pending resync
    /// (pending=None) and removes the plan. Stale when the generation moved on; Invalid without a plan.
    bool finishRanges(const QString &object, qint64 generation, StoreError *error = nullptr);

    // --- integrity check and repair (src/sync/integritycheck.h): Id ranges read through the key index ---

    /// Records of `object` with lo <= id < hi (an empty bound is open) that the server may hold: every
    /// state but LocallyCreated (no server Id yet). Through the (obj, id) key: milliseconds. -1 on error.
    qint64 countIdRange(const QString &object, const QString &lo, const QString &hi) const;
    /// Those records themselves, by Id, with their state and whether they are protected (in use or
    /// pinned); nullopt on error.
    std::optional<QList<RangeRecord>> recordsInIdRange(const QString &object, const QString &lo, const QString &hi) const;
    /// The smallest and largest Id of those records (both empty when there is none).
    QPair<QString, QString> idEnds(const QString &object) const;
    /// Every `every`-th Id of those records in Id order (the every-th, the 2*every-th, ...): points that
    /// cut them into ranges of `every` records each. One pass over the key index; nullopt on error.
    std::optional<QStringList> idCuts(const QString &object, int every) const;
    /// Bytes of record data (Ids and payloads) per object name, for the support report: one pass over
    /// the records (O(records)); empty on error.
    QHash<QString, qint64> recordBytes() const;
    /// The same for one object: a pass over its rows in key order, reading no payload (a BLOB's
    /// length is in its row header); -1 on error. The engine measures it at most once a cycle.
    qint64 recordBytes(const QString &object) const;
    /// Repair: ONE transaction deletes those of `ids` that are Synced and not protected (unsaved and in-use
    /// records stay); then counts the object's counters again from its rows (local, unsaved, in use: exact
    /// even when rows changed behind the store's back). Stale when the object moved on from `generation`. Returns how
    /// many went, -1 on error.
    qint64 removeRecords(const QString &object, const QStringList &ids, qint64 generation, StoreError *error = nullptr);

    // --- local writes: the POS's API (the demo's, the tests') ---

    /// Creates a record on this device from its fields (a JSON object without Id): it gets a local Id
    /// ("local-" + a UUID) and an external Id (the UUID). When the object has an external-Id field
    /// (`externalIdField`, from the sync config) the UUID is written into it, so the upload is an
    /// upsert by that key: a lost answer and a retry never make a duplicate. The record is unsaved
    /// (LocallyCreated) and the counts move at once. Returns the local Id, empty on failure.
    QString createRecord(const QString &object, const QJsonObject &fields, const QString &externalIdField,
        StoreError *error = nullptr);
    /// Changes fields of a record (merged into its payload): a Synced record becomes LocallyUpdated.
    bool updateRecord(
        const QString &object, const QString &id, const QJsonObject &changes, StoreError *error = nullptr);
    /// A new record made on this device (state LocallyCreated) with a caller-chosen id and payload.
    /// Fails if the id exists.
    bool createLocal(const QString &object, const QString &id, const QByteArray &payload,
        StoreError *error = nullptr, const QString &externalId = {});
    /// Edits an existing record: Synced becomes LocallyUpdated; created/updated stay as they are.
    bool updateLocal(
        const QString &object, const QString &id, const QByteArray &payload, StoreError *error = nullptr);
    /// Synced/LocallyUpdated become LocallyDeleted (kept until uploaded); a LocallyCreated record is
    /// removed if its upload was never sent, else it becomes LocallyDeleted too (with its external Id:
    /// the uploader deletes whatever the server made of it).
    bool deleteLocal(const QString &object, const QString &id, StoreError *error = nullptr);
    /// The upload of an unsaved record succeeded: created/updated become Synced (under serverId when
    /// the server assigned one, with its SystemModstamp); LocallyDeleted rows are removed. A new
    /// server Id replaces the local Id everywhere the store refers to it: protected set and the
    /// payloads of other unsaved records.
    /// `sent`, when given, is the record as it was uploaded: if it changed on the device while the
    /// upload was in flight, the change stays unsaved (LocallyUpdated, or LocallyDeleted) under the
    /// server Id instead of being marked synced.
    bool markUploaded(const QString &object, const QString &localId, const QString &serverId,
        const QString &systemModstamp, StoreError *error = nullptr, const UnsavedRecord *sent = nullptr);
    /// Unsaved records of an object, oldest first, with their upload errors: for the screen, the CLI
    /// and the uploader. `waitingOnly` leaves out the ones whose last upload the server refused.
    QList<UnsavedRecord> unsaved(const QString &object, int limit = -1, bool waitingOnly = false) const;
    /// A created record made without an external Id (createLocal()) gets one now, written into its
    /// `field` too, before its first upload. Returns the external Id (the existing one if it had one),
    /// empty on failure.
    QString ensureExternalId(const QString &object, const QString &id, const QString &field, StoreError *error = nullptr);
    /// The uploader is about to send these created records: from now on the server may have them, so
    /// deleting one on the device keeps a deletion to upload (found on the server by external Id).
    bool markSent(const QString &object, const QStringList &ids, StoreError *error = nullptr);
    /// A record created on this device and not yet uploaded has this Id (any object).
    bool isPendingLocalId(const QString &id) const;
    /// The server refused this record's upload: it stays unsaved with the error and the time.
    bool setUploadError(const QString &object, const QString &id, const QString &code, const QString &message,
        const QDateTime &when, StoreError *error = nullptr);
    /// "Retry upload": forgets the refusals of the object's records so the next upload sends them.
    bool clearUploadErrors(const QString &object, StoreError *error = nullptr);

    // --- discarded records (a person chose to throw an unsaved change away) ---

    /// ONE transaction: moves the unsaved record (any unsaved state) from the records into the
    /// discarded ones, with its upload key and last refusal; counters follow (unsaved, refused,
    /// in use). The protected set is untouched: a pinned or in-use Id stays so. The device then has
    /// no copy of that record: for a LocallyUpdated or LocallyDeleted one the server's version comes
    /// back only with a download that brings it (a change on the server, or a resync); a created
    /// record whose upload was sent may exist on the server and come down as a new record. A synced
    /// or unknown record is refused (Invalid).
    bool discardUnsaved(const QString &object, const QString &id, StoreError *error = nullptr);
    /// Discarded records, newest first: of `object`, or of every object when it is empty; at most
    /// `limit` (-1: all).
    QList<DiscardedRecord> discarded(const QString &object = {}, int limit = -1) const;
    /// Deletes the discarded records discarded before `olderThan` (the app keeps them 30 days).
    /// Returns how many went, -1 on error.
    qint64 purgeDiscarded(const QDateTime &olderThan, StoreError *error = nullptr);

    // --- protected set ---

    /// Pins or unpins one record (it need not exist locally yet).
    bool setPinned(const QString &object, const QString &id, bool pinned, StoreError *error = nullptr);
    /// Replaces the in-use set (active outlet, shift, ...) with these (object, id) pairs.
    bool setInUse(const QList<QPair<QString, QString>> &records, StoreError *error = nullptr);

    // --- per-object sync state ---

    ObjectState objectState(const QString &object) const; ///< O(1)
    QList<ObjectState> allObjectStates() const; ///< O(objects), ordered by name
    bool ensureObjects(const QStringList &objects, StoreError *error = nullptr);
    bool setPaused(const QString &object, bool paused, StoreError *error = nullptr);
    bool setServerCounts(const QString &object, qint64 server, qint64 serverAll, const QDateTime &readAt,
        StoreError *error = nullptr);
    bool setLastError(const QString &object, const QString &code, const QString &message,
        const QDateTime &when, StoreError *error = nullptr);
    bool clearLastError(const QString &object, StoreError *error = nullptr);
    bool setLastSynced(const QString &object, const QDateTime &when, StoreError *error = nullptr);
    /// What the object's synced records are downloaded with from now on (the engine's signatures of
    /// its field list and scope): ObjectState::fieldsSig and scopeSig.
    bool setDownloadShape(
        const QString &object, const QString &fieldsSig, const QString &scopeSig, StoreError *error = nullptr);

    // --- resync / clear & resync ---

    /// Starts a full re-download keeping local data: pending=FullResync, a new generation, empty
    /// checkpoint, no range plan. Returns the new generation, -1 on error.
    qint64 beginFullResync(const QString &object, StoreError *error = nullptr);
    /// Counts only, for the confirmation dialog and --dry-run: willDelete = Synced non-protected
    /// rows, keepUnsaved, keepInUse = Synced protected rows, willDownload = S (-1 if unknown).
    QList<ClearPlan> planClear(const QStringList &objects) const;
    ClearPlan planClear(const QString &object) const;
    /// ONE transaction: deletes every Synced non-protected record, empties the checkpoint and the
    /// range plan, pending=ClearResync, a new generation. Returns the new generation, -1 on error.
    qint64 beginClearResync(const QString &object, StoreError *error = nullptr);
    /// The same for several objects ("clear & resync all") in ONE transaction: all cleared or none.
    /// Returns the new generation of each object (by name as given), empty on error.
    QHash<QString, qint64> beginClearResync(const QStringList &objects, StoreError *error = nullptr);
    /// For an object no longer in the sync config, ONE transaction: deletes its Synced records
    /// outside the protected set (unsaved and protected ones stay, still to upload or in use),
    /// empties the checkpoint and the download shape, a new generation (a download in flight gets
    /// Stale), pending=None. An object the store does not know is left alone (true, no row added).
    bool removeSynced(const QString &object, StoreError *error = nullptr);
    /// After the full download of `generation` and removeUnseen(): pending=None (Stale if the
    /// object has a newer generation: its pending operation belongs to the newer download).
    bool finishPending(const QString &object, qint64 generation, StoreError *error = nullptr);

    // --- the running engine's live state (one row, for other programs) ---

    /// Replaces the live state with `json` (a JSON object of at most 256 KiB: LiveStateMaxBytes in
    /// storetuning.h; anything else is refused with Invalid, the old state kept), with
    /// this process's pid and the current time as its heartbeat. One prepared statement in its own
    /// short transaction: cheap enough to write twice a second during a download. Call it between
    /// page writes on the engine's own store: another connection in a write waits the busy timeout.
    bool writeLiveState(const QByteArray &json, StoreError *error = nullptr);
    /// The live state last written (by any process, also on a ReadOnly store beside a running
    /// writer: the last committed one). nullopt when there is none (never written, or cleared), and
    /// when it cannot be read (then lastError() says why).
    std::optional<LiveState> liveState() const;
    /// Removes the live state (the engine stopped).
    bool clearLiveState(StoreError *error = nullptr);
    /// Keeps one sync cycle in the store's history; only the newest tuning::KeptSyncCycles stay.
    bool addSyncCycle(const SyncCycle &cycle, StoreError *error = nullptr);
    /// The kept sync cycles, newest first (empty on error: lastError() says why).
    QList<SyncCycle> syncCycles() const;

    // --- reads (tests, CLI, UI detail) ---

    std::optional<StoredRecord> record(const QString &object, const QString &id) const;
    /// Ids the last setInUse() marked in use for the object (the active outlet, the open shift),
    /// whether or not their records are on the device yet; sorted.
    QStringList inUseIds(const QString &object) const;
    /// Ids of an object's records, sorted; all states when state is nullopt.
    QStringList ids(const QString &object, std::optional<RecordState> state = std::nullopt) const;
    /// COUNT(*) over the records table: for tests and diagnostics only, never for the screen.
    qint64 countSlow(const QString &object, std::optional<RecordState> state = std::nullopt) const;
    /// Checkpoints on a thread of their own (WalCheckpointer) instead of in the committing thread,
    /// in the writer's pauses (tuning::CheckpointQuietMs) or once the WAL holds tuning::WalDeferBytes
    /// (a quarter of the free disk at most): the engine turns this on. Off again restores SQLite's
    /// default (a checkpoint in the committing thread every 1000 pages).
    bool setBackgroundCheckpoints(bool on, StoreError *error = nullptr);
    /// Limits the file to this many pages (PRAGMA max_page_count, this connection only): tests
    /// simulate a full disk with it; 0 restores the default limit.
    bool setMaxPageCount(qint64 pages);

private:
    struct Private;
    explicit LocalStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace posdata
