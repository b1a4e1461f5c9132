// SPDX-License-Identifier: MIT
#pragma once

// LocalStore's private part: the connection, its prepared statements and the helpers every part
// of the store uses (errors in words, object keys, counters, the write-transaction shape). Shared
// by the store's .cpp files only.

#include "store/localstore.h"
#include "store/pagewriter.h"
#include "store/sqltransaction.h"
#include "store/walcheckpointer.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QStringList>
#include <memory>
#include <optional>

namespace posdata {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

// Salesforce record Ids are 15/18 characters; locally created records use temporary ids. The bound
// only stops nonsense from reaching the database.
constexpr int MaxIdLength = 255;

// Kinds in the protected table; a record is protected while any kind holds it.
constexpr int ProtectInUse = 1;
constexpr int ProtectPinned = 2;

/// SQL condition: the `records` row is in no kind of the protected set.
inline constexpr char kNotProtected[]
    = "NOT EXISTS (SELECT 1 FROM protected p WHERE p.obj = records.obj AND p.id = records.id)";

/// The columns of an unsaved record, as unsavedFromRow() reads them (`attempts` stands for the
/// refused-upload count: a table without it selects 0 in its place).
inline constexpr char kUnsavedColumns[] = "id, state, ext_id, changed_at, err_code, err_message, err_at, attempts, payload";

inline bool isValidId(const QString &id)
{
    return !id.isEmpty() && id.size() <= MaxIdLength;
}

/// Timestamps are stored as UTC milliseconds since the epoch, NULL while unknown.
inline QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

inline QDateTime dateOrInvalid(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

/// Whose an SQLite file is, by what it holds (see LocalStore::open()).
enum class StoreIdentity
{
    Empty, ///< no table, user_version 0, no application_id: becomes a store
    Ours, ///< our application_id
    OldOurs, ///< a schema-1/2 store of ours from before the application_id
    Foreign, ///< anything else: another program's database
};

/// What an SQLite file holds, as SQLite reads it (from the -wal file too).
struct StoreContents
{
    qint64 applicationId = 0;
    int userVersion = 0;
    QStringList tables; ///< sorted; SQLite's own (sqlite_*) left out

    StoreIdentity identity() const;
    bool operator==(const StoreContents &) const = default;
    /// Reads it on an open connection, in one read transaction (one moment of the file, even while
    /// another program upgrades it); nullopt and *error when SQLite cannot.
    static std::optional<StoreContents> read(const QSqlDatabase &db, QSqlError *error);
};

struct LocalStore::Private
{
    QString path;
    Mode mode = Mode::ReadWrite;
    QString connectionName;
    QSqlDatabase db;
    StoreError lastError;
    // name -> objects.obj; only filled with keys whose row is committed (see objectKey()).
    mutable QHash<QString, qint64> keys;

    // Prepared once per store and reused for every page: preparing per page costs more than the
    // inserts of a small page.
    std::unique_ptr<PageWriter> pageWriter;
    std::unique_ptr<QSqlQuery> addLocalCount;
    std::unique_ptr<QSqlQuery> writeCheckpoint;
    std::unique_ptr<QSqlQuery> recountInUse;
    std::unique_ptr<QSqlQuery> readGeneration;
    std::unique_ptr<QSqlQuery> writeLive; ///< prepared on first use (localstore_live.cpp)
    std::unique_ptr<QSqlQuery> writeRange; ///< a range's checkpoint, prepared on first use (localstore_ranges.cpp)

    std::unique_ptr<WalCheckpointer> checkpointer; ///< set while background checkpoints are on
    /// The connection's sqlite3 handle when the driver runs this program's libsqlite3, else null.
    sqlite3 *rawHandle = nullptr;
    /// Gives the writer back SQLite's own checkpoints and ends the background thread.
    void stopBackgroundCheckpoints()
    {
        if (!checkpointer)
            return;
        checkpointer->detach(rawHandle);
        checkpointer.reset();
    }
    /// The Qt driver runs on this program's libsqlite3 (see sameSqliteLibrary()): the C API write
    /// path and the background checkpointer need it.
    bool sameLibrary = false;

    ~Private();

    bool succeed(StoreError *error);
    bool fail(StoreError *error, StoreError::Kind kind, const QString &message);
    bool failSql(StoreError *error, const QSqlError &e, const QString &what);
    /// `code`: SQLite's primary result code.
    bool failCode(StoreError *error, int code, const QString &text, const QString &what);

    bool checkWritable(StoreError *error);
    bool checkObject(const QString &object, StoreError *error);
    bool exec(QSqlQuery &q, StoreError *error, const QString &what);
    bool execSql(const QString &sql, StoreError *error);
    std::unique_ptr<QSqlQuery> prepare(const QString &sql);

    /// Key of an existing object row, -1 if none (or on error).
    qint64 findKey(const QString &object) const;
    /// `SELECT columns FROM records WHERE obj = key [AND state = state] tail`, prepared and bound.
    QSqlQuery recordsQuery(qint64 key, QLatin1String columns, std::optional<RecordState> state,
                           QLatin1String tail = {}) const;
    /// Key of the object, creating its row in its own committed statement: never call inside a
    /// transaction that may roll back, or the cache would name a row that does not exist.
    qint64 objectKey(const QString &object, StoreError *error);
    bool recountInUseOf(qint64 key, StoreError *error);
    /// The object's counters (synced, unsaved, in use) counted again from its rows: O(records of the
    /// object), for the writes that read them all anyway (the end of a full download, a repair). A
    /// store whose rows changed behind its back has them wrong; these writes put them right.
    bool recountAllOf(qint64 key, StoreError *error, const QString &what);
    bool addCounts(qint64 key, qint64 local, qint64 unsaved, StoreError *error);
    qint64 generationOf(qint64 key, StoreError *error);
    /// Inside a download write's transaction: the object is still at the generation its download
    /// started with. Else the object was cleared or resynced meanwhile and the write must not
    /// happen (`dropped` says what was not done).
    bool checkGeneration(qint64 key, qint64 generation, const QString &what, const QString &dropped,
        StoreError *error);

    // --- unsaved records (localstore_unsaved.cpp) ---

    /// A created record got its server Id: unsaved records that refer to the local Id (a local sale
    /// pointing at a local customer) now refer to the server Id. Only unsaved rows can hold a local
    /// Id (downloads bring server Ids), so this walks the partial index, object by object.
    bool replaceReferences(const QString &localId, const QString &serverId, StoreError *error);
    /// O(unsaved records of the object) through the partial index: they are few.
    bool recountFailedOf(qint64 key, StoreError *error);
    /// state of a record, -1 if absent, -2 on error.
    int recordState(qint64 key, const QString &id, StoreError *error);
    /// Inside a write transaction: the record (in `state`, -1 if absent) gets `payload` as a local
    /// edit (Synced becomes LocallyUpdated).
    bool editRecord(qint64 key, const QString &object, const QString &id, int state, const QByteArray &payload,
        StoreError *error);

    /// An unsaved record from a row whose first columns are kUnsavedColumns, in that order.
    static UnsavedRecord unsavedFromRow(const QSqlQuery &q, const QString &object);

    // --- schema and identity (storeschema.cpp) ---

    QString foreignMessage() const;
    QString newerSchemaMessage(int version) const;
    /// Creates or upgrades the store, and stamps its application_id, in ONE exclusive transaction
    /// that re-reads the file inside the lock first.
    bool migrate(StoreError *error);
    bool migrateTo1(StoreError *error);
    bool migrateTo2(StoreError *error);
    bool migrateTo3(StoreError *error);
    bool migrateTo4(StoreError *error);
    bool migrateTo5(StoreError *error);
    /// One migration step inside migrate()'s transaction: `statements`, then PRAGMA user_version.
    bool runMigration(int version, const QStringList &statements, StoreError *error);

    // --- localstore_open.cpp ---

    /// PRAGMA journal_mode = WAL, waiting (up to the busy timeout) while another program holds the
    /// lock it needs.
    bool switchToWal(StoreError *error);

    // --- localstore.cpp ---

    bool prepareStatements(WritePath writePath, StoreError *error);
    /// Inside applyPage()'s transaction: the generation check, the page's rows, the counters. The
    /// caller writes its checkpoint (the object's or a range's) after it.
    /// Every record of a page has a usable Id (else Invalid: nothing of it is written).
    bool checkPageIds(const QString &object, const QVector<IncomingRecord> &page, StoreError *error);
    bool writePage(qint64 key, const QVector<IncomingRecord> &page, qint64 generation, ApplyResult *result,
        const QString &what, StoreError *error);
    /// applyPage() and applyRangePage(): the Id check, then in one transaction the page's rows and
    /// `checkpoint(key, what)` (the object's or the range's; false = failed, *error set, all rolled
    /// back). An empty result when nothing was written.
    template<typename WriteCheckpoint>
    ApplyResult applyPageWith(const QString &object, const QVector<IncomingRecord> &page, qint64 generation,
        StoreError *error, WriteCheckpoint &&checkpoint)
    {
        if (!checkPageIds(object, page, error))
            return {};
        const QString what = QStringLiteral("write %1").arg(object);
        ApplyResult result;
        const bool written = writeObject(object, what, error, [&](qint64 key) {
            return writePage(key, page, generation, &result, what, error) && checkpoint(key, what);
        });
        if (!written)
            return {};
        return result;
    }

    // --- localstore_ranges.cpp ---

    /// Inside a write transaction: the object's range plan and ranges go (a new generation, a finished
    /// download).
    bool dropRanges(qint64 key, const QString &what, StoreError *error);

    // --- localstore_state.cpp ---

    /// Inside a write transaction: deletes the object's Synced records outside the protected set,
    /// empties its checkpoint, starts a new generation and sets `pending`; counters follow.
    bool dropSynced(qint64 key, PendingOp pending, const QString &what, StoreError *error);

    /// One UPDATE of the object's row: `set` holds ? placeholders for `values`.
    bool updateState(
        const QString &object, const QString &set, const QVariantList &values, StoreError *error);

    /// The shape of every write to one object (its records or its state row): the writable check,
    /// the object's key (added on first use), `body(key)` in one transaction (false = failed,
    /// *error set; everything rolled back), the commit.
    template<typename Body>
    bool writeObject(const QString &object, const QString &what, StoreError *error, Body &&body)
    {
        if (!checkWritable(error))
            return false;
        const qint64 key = objectKey(object, error);
        if (key < 0)
            return false;
        SqlTransaction tx(db);
        if (!tx.isActive())
            return failSql(error, tx.lastError(), what);
        if (!body(key))
            return false;
        if (!tx.commit())
            return failSql(error, tx.lastError(), what);
        return succeed(error);
    }

    /// writeObject() for a write that is on the disk when it returns: a sale or an edit made on this
    /// device exists nowhere else until it is uploaded, and synchronous NORMAL leaves the last commits
    /// to the next checkpoint's sync (a power cut, a battery gone flat, loses them). Its commit syncs
    /// the WAL (FULL); the connection then goes back to NORMAL, which downloads keep: a page lost that
    /// way is downloaded again from the checkpoint written with it. (The setting cannot change inside
    /// a transaction: it is set around writeObject's.)
    template<typename Body>
    bool writeObjectDurably(const QString &object, const QString &what, StoreError *error, Body &&body)
    {
        if (!checkWritable(error) || !execSql(QStringLiteral("PRAGMA synchronous = FULL"), error))
            return false;
        const bool ok = writeObject(object, what, error, std::forward<Body>(body));
        // Should going back fail, the connection stays on the safe side, only slower.
        execSql(QStringLiteral("PRAGMA synchronous = NORMAL"), nullptr);
        return ok;
    }

    /// The shape of removing synced records the server no longer has: in writeObject(), while the
    /// object is still at `generation` (a clear or resync meanwhile removes nothing: Stale),
    /// `remove(key, what)` returns how many rows it removed (-1 = failed, *error set).
    template<typename Remove>
    qint64 removeSynced(const QString &object, qint64 generation, StoreError *error, Remove &&remove)
    {
        const QString what = QStringLiteral("remove records gone from %1").arg(object);
        qint64 removed = -1;
        const bool ok = writeObject(object, what, error, [&](qint64 key) {
            if (!checkGeneration(key, generation, what, QStringLiteral("nothing was removed"), error))
                return false;
            removed = remove(key, what);
            return removed >= 0;
        });
        return ok ? removed : -1;
    }
};

} // namespace posdata
