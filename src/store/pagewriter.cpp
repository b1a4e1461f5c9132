// SPDX-License-Identifier: MIT
// PageWriter: the write of a downloaded page's rows, over the sqlite3 C API or over QSqlQuery.
#include "store/pagewriter.h"

#include "store/localstore_p.h"
#include "store/storetuning.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVarLengthArray>
#include <QtEndian>
#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <tuple>
#include <sqlite3.h>

namespace posdata {

using tuning::RowsPerInsert;

/// The statements of one path. Each call binds, runs and resets one statement; false with
/// `failure` set on an SQLite error.
class PageWriter::Rows
{
public:
    virtual ~Rows() = default;
    virtual PageWriter::Path path() const = 0;
    /// INSERT OR IGNORE of one record as Synced: *added tells whether it was new.
    virtual bool insert(qint64 key, qint64 generation, const IncomingRecord &r, bool *added) = 0;
    /// INSERT OR IGNORE of RowsPerInsert records in one statement: *added rows were new.
    virtual bool insertRun(qint64 key, qint64 generation, const IncomingRecord *const *run, int *added) = 0;
    /// UPDATE of a Synced record to this version: *updated false when the record is unsaved.
    virtual bool update(qint64 key, qint64 generation, const IncomingRecord &r, bool *updated) = 0;
    /// The rowid of the last row an INSERT of this connection added.
    virtual qint64 lastInsertRowid() = 0;
    /// The rowid of the record with r's Id (0 when absent).
    virtual bool rowidOf(qint64 key, const IncomingRecord &r, qint64 *rowid) = 0;

    SqlFailure failure;
};

namespace {

/// A record's Id or SystemModstamp as UTF-8: a view into its payload where the parser marked the
/// bytes (no allocation), else converted.
/// Whether the parser marked bytes [at, at + size) of the payload (-1: not marked) and they lie inside it.
bool markedInPayload(const IncomingRecord &r, qint32 at, qint32 size)
{
    return at >= 0 && size >= 0 && qsizetype(at) + size <= r.payload.size();
}
QByteArray utf8Of(const IncomingRecord &r, qint32 at, qint32 size, const QString &text)
{
    if (markedInPayload(r, at, size))
        return QByteArray::fromRawData(r.payload.constData() + at, size);
    return text.toUtf8();
}
QByteArray idUtf8(const IncomingRecord &r)
{
    return utf8Of(r, r.idAt, r.idSize, r.id);
}
QByteArray modstampUtf8(const IncomingRecord &r)
{
    return utf8Of(r, r.modstampAt, r.modstampSize, r.systemModstamp);
}

/// A record and its Id as the store's index orders it (BINARY: byte by byte, a prefix first), packed
/// into three big-endian words: comparing two is three integer compares where memcmp() of the
/// bytes was a call per compare (a page's sort is ~22,000 compares). Ids longer than the words hold
/// (never from Salesforce, whose Ids are 15 or 18 characters) and Ids the parser did not mark are
/// not packed: a page with one of those is sorted by its records' QString Ids instead.
struct IdKey
{
    static constexpr qint32 kMaxBytes = 24;
    const IncomingRecord *record = nullptr;
    std::array<quint64, 3> words {};
    qint32 size = -1; ///< the Id's bytes, -1: not packed

    bool packed() const { return size >= 0; }
    static IdKey of(const IncomingRecord &r)
    {
        IdKey k;
        k.record = &r;
        if (!markedInPayload(r, r.idAt, r.idSize) || r.idSize > kMaxBytes)
            return k;
        std::array<uchar, kMaxBytes> bytes {};
        std::memcpy(bytes.data(), r.payload.constData() + r.idAt, size_t(r.idSize));
        for (int w = 0; w < 3; ++w)
            k.words[w] = qFromBigEndian<quint64>(bytes.data() + 8 * w);
        k.size = r.idSize;
        return k;
    }
    /// Byte order of packed Ids: the words, then the length (zero padding is below any Id byte,
    /// Ids hold no NUL, so a shorter Id that is a prefix of a longer one comes first, as in memcmp()).
    static bool before(const IdKey &a, const IdKey &b)
    {
        return std::tie(a.words[0], a.words[1], a.words[2], a.size) < std::tie(b.words[0], b.words[1], b.words[2], b.size);
    }
};

const char *const kInsert = "INSERT OR IGNORE INTO records(obj, id, modstamp, state, seen_gen, payload)"
                            " VALUES (?1, ?2, ?3, 0, ?4, ?5)";
const char *const kUpdate = "UPDATE records SET modstamp = ?3, seen_gen = ?4, payload = ?5"
                            " WHERE obj = ?1 AND id = ?2 AND state = 0";
const char *const kRowidOf = "SELECT rowid FROM records WHERE obj = ?1 AND id = ?2";

/// The multi-row INSERT: ?1 obj, ?2 seen_gen, then id, modstamp, payload of each row.
QByteArray insertRunSql()
{
    QByteArray sql("INSERT OR IGNORE INTO records(obj, id, modstamp, state, seen_gen, payload) VALUES ");
    for (int row = 0; row < RowsPerInsert; ++row)
        sql += QByteArray(row ? ", " : "") + "(?1, ?" + QByteArray::number(3 + 3 * row) + ", ?"
            + QByteArray::number(4 + 3 * row) + ", 0, ?2, ?" + QByteArray::number(5 + 3 * row) + ")";
    return sql;
}

/// Path::SqliteApi. Texts and payloads are bound SQLITE_STATIC: they live in the page or in
/// `m_utf8` until the statement is reset, at the end of each call.
class SqliteApiRows final : public PageWriter::Rows
{
public:
    explicit SqliteApiRows(sqlite3 *handle)
        : m_db(handle)
    { }
    ~SqliteApiRows() override
    {
        for (sqlite3_stmt *stmt : { m_insert, m_insertRun, m_update, m_rowidOf })
            sqlite3_finalize(stmt);
    }
    bool prepare()
    {
        const auto prepareOne = [this](const char *sql, sqlite3_stmt **stmt) {
            const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr);
            return rc == SQLITE_OK || fail(rc);
        };
        return prepareOne(kInsert, &m_insert) && prepareOne(insertRunSql().constData(), &m_insertRun)
            && prepareOne(kUpdate, &m_update) && prepareOne(kRowidOf, &m_rowidOf);
    }
    PageWriter::Path path() const override { return PageWriter::Path::SqliteApi; }

    bool insert(qint64 key, qint64 generation, const IncomingRecord &r, bool *added) override
    {
        bindRecord(m_insert, key, generation, r);
        int changes = 0;
        const bool ok = step(m_insert, &changes);
        *added = changes > 0;
        return ok;
    }
    bool insertRun(qint64 key, qint64 generation, const IncomingRecord *const *run, int *added) override
    {
        sqlite3_bind_int64(m_insertRun, 1, key);
        sqlite3_bind_int64(m_insertRun, 2, generation);
        for (int row = 0; row < RowsPerInsert; ++row) {
            const QByteArray &id = m_utf8[2 * row] = idUtf8(*run[row]);
            const QByteArray &modstamp = m_utf8[2 * row + 1] = modstampUtf8(*run[row]);
            bindText(m_insertRun, 3 + 3 * row, id);
            bindText(m_insertRun, 4 + 3 * row, modstamp);
            bindPayload(m_insertRun, 5 + 3 * row, *run[row]);
        }
        return step(m_insertRun, added);
    }
    bool update(qint64 key, qint64 generation, const IncomingRecord &r, bool *updated) override
    {
        bindRecord(m_update, key, generation, r);
        int changes = 0;
        const bool ok = step(m_update, &changes);
        *updated = changes > 0;
        return ok;
    }
    qint64 lastInsertRowid() override { return sqlite3_last_insert_rowid(m_db); }
    bool rowidOf(qint64 key, const IncomingRecord &r, qint64 *rowid) override
    {
        sqlite3_bind_int64(m_rowidOf, 1, key);
        const QByteArray &id = m_utf8[0] = idUtf8(r);
        bindText(m_rowidOf, 2, id);
        return selectInt(m_rowidOf, rowid);
    }

private:
    bool fail(int rc)
    {
        // Extended result codes carry the primary one in the low byte.
        failure = { rc & 0xff, QString::fromUtf8(sqlite3_errmsg(m_db)) };
        return false;
    }
    static void bindText(sqlite3_stmt *stmt, int column, const QByteArray &text)
    {
        sqlite3_bind_text(stmt, column, text.constData(), int(text.size()), SQLITE_STATIC);
    }
    static void bindPayload(sqlite3_stmt *stmt, int column, const IncomingRecord &r)
    {
        // A zero-length blob, never NULL: the column is NOT NULL.
        sqlite3_bind_blob(stmt, column, r.payload.constData() ? r.payload.constData() : "",
            int(r.payload.size()), SQLITE_STATIC);
    }
    /// ?1 obj, ?2 id, ?3 modstamp, ?4 seen_gen, ?5 payload.
    void bindRecord(sqlite3_stmt *stmt, qint64 key, qint64 generation, const IncomingRecord &r)
    {
        m_utf8[0] = idUtf8(r);
        m_utf8[1] = modstampUtf8(r);
        sqlite3_bind_int64(stmt, 1, key);
        bindText(stmt, 2, m_utf8[0]);
        bindText(stmt, 3, m_utf8[1]);
        sqlite3_bind_int64(stmt, 4, generation);
        bindPayload(stmt, 5, r);
    }
    bool step(sqlite3_stmt *stmt, int *changes)
    {
        const int rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE)
            fail(rc); // before the reset, while the message is the step's
        *changes = rc == SQLITE_DONE ? sqlite3_changes(m_db) : 0;
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        return rc == SQLITE_DONE;
    }
    /// The one integer of a one-row SELECT (0 for NULL or no row).
    bool selectInt(sqlite3_stmt *stmt, qint64 *out)
    {
        const int rc = sqlite3_step(stmt);
        *out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            fail(rc);
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        return rc == SQLITE_ROW || rc == SQLITE_DONE;
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_insertRun = nullptr;
    sqlite3_stmt *m_update = nullptr;
    sqlite3_stmt *m_rowidOf = nullptr;
    std::array<QByteArray, 2 * RowsPerInsert> m_utf8;
};

/// Path::QtSql: the same statements through QSqlQuery, values bound by position.
class QtSqlRows final : public PageWriter::Rows
{
public:
    explicit QtSqlRows(const QSqlDatabase &db)
        : m_insert(db)
        , m_insertRun(db)
        , m_update(db)
        , m_rowidOf(db)
    { }
    bool prepare()
    {
        // QSQLITE binds by position; plain ? placeholders, values in statement order.
        QString run = QStringLiteral("INSERT OR IGNORE INTO records(obj, id, modstamp, state, seen_gen, payload) VALUES ");
        for (int row = 0; row < RowsPerInsert; ++row)
            run += QLatin1String(row ? ", (?, ?, ?, 0, ?, ?)" : "(?, ?, ?, 0, ?, ?)");
        m_rowidOf.setForwardOnly(true);
        return prepareOne(m_insert, QStringLiteral("INSERT OR IGNORE INTO records(obj, id, modstamp, state,"
                                                   " seen_gen, payload) VALUES (?, ?, ?, 0, ?, ?)"))
            && prepareOne(m_insertRun, run)
            && prepareOne(m_update, QStringLiteral("UPDATE records SET modstamp = ?, seen_gen = ?, payload = ?"
                                                   " WHERE obj = ? AND id = ? AND state = 0"))
            && prepareOne(m_rowidOf, QStringLiteral("SELECT rowid FROM records WHERE obj = ? AND id = ?"));
    }
    PageWriter::Path path() const override { return PageWriter::Path::QtSql; }

    bool insert(qint64 key, qint64 generation, const IncomingRecord &r, bool *added) override
    {
        bindInsertRow(m_insert, 0, key, generation, r);
        *added = false;
        if (!exec(m_insert))
            return false;
        *added = m_insert.numRowsAffected() > 0;
        return true;
    }
    bool insertRun(qint64 key, qint64 generation, const IncomingRecord *const *run, int *added) override
    {
        for (int row = 0; row < RowsPerInsert; ++row)
            bindInsertRow(m_insertRun, 5 * row, key, generation, *run[row]);
        *added = 0;
        if (!exec(m_insertRun))
            return false;
        *added = m_insertRun.numRowsAffected();
        return true;
    }
    bool update(qint64 key, qint64 generation, const IncomingRecord &r, bool *updated) override
    {
        m_update.bindValue(0, text(r.systemModstamp));
        m_update.bindValue(1, generation);
        m_update.bindValue(2, blob(r.payload));
        m_update.bindValue(3, key);
        m_update.bindValue(4, text(r.id));
        *updated = false;
        if (!exec(m_update))
            return false;
        *updated = m_update.numRowsAffected() > 0;
        return true;
    }
    qint64 lastInsertRowid() override { return m_insertRun.lastInsertId().toLongLong(); }
    bool rowidOf(qint64 key, const IncomingRecord &r, qint64 *rowid) override
    {
        m_rowidOf.bindValue(0, key);
        m_rowidOf.bindValue(1, text(r.id));
        return selectInt(m_rowidOf, rowid);
    }

private:
    // As the C API path binds them: a null string or payload is stored empty, never NULL.
    static QString text(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }
    static QByteArray blob(const QByteArray &b) { return b.isNull() ? QByteArray("") : b; }

    bool prepareOne(QSqlQuery &q, const QString &sql)
    {
        if (q.prepare(sql))
            return true;
        return fail(q);
    }
    bool fail(const QSqlQuery &q)
    {
        failure = { q.lastError().nativeErrorCode().toInt(), q.lastError().text() };
        return false;
    }
    bool exec(QSqlQuery &q)
    {
        const bool ok = q.exec() || fail(q);
        return ok;
    }
    /// obj, id, modstamp, seen_gen, payload from position `at`.
    static void bindInsertRow(QSqlQuery &q, int at, qint64 key, qint64 generation, const IncomingRecord &r)
    {
        q.bindValue(at, key);
        q.bindValue(at + 1, text(r.id));
        q.bindValue(at + 2, text(r.systemModstamp));
        q.bindValue(at + 3, generation);
        q.bindValue(at + 4, blob(r.payload));
    }
    bool selectInt(QSqlQuery &q, qint64 *out)
    {
        *out = 0;
        if (!exec(q))
            return false;
        if (q.next())
            *out = q.value(0).toLongLong();
        q.finish();
        return true;
    }

    QSqlQuery m_insert;
    QSqlQuery m_insertRun;
    QSqlQuery m_update;
    QSqlQuery m_rowidOf;
};

SqlFailure failureOf(const QSqlQuery &q)
{
    return { q.lastError().nativeErrorCode().toInt(), q.lastError().text() };
}

} // namespace

std::unique_ptr<PageWriter> PageWriter::create(const QSqlDatabase &db, sqlite3 *handle, SqlFailure *failure)
{
    std::unique_ptr<Rows> rows;
    if (handle) {
        auto api = std::make_unique<SqliteApiRows>(handle);
        if (!api->prepare())
            return *failure = api->failure, nullptr;
        rows = std::move(api);
    } else {
        auto qt = std::make_unique<QtSqlRows>(db);
        if (!qt->prepare())
            return *failure = qt->failure, nullptr;
        rows = std::move(qt);
    }
    std::unique_ptr<PageWriter> writer(new PageWriter(db, std::move(rows)));
    QSqlQuery &del = *writer->m_deleteRow;
    QSqlQuery &probe = *writer->m_probeRow;
    probe.setForwardOnly(true);
    if (!del.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND id = ? AND state = 0 AND ")
            + QLatin1String(kNotProtected)))
        return *failure = failureOf(del), nullptr;
    if (!probe.prepare(QStringLiteral("SELECT state, EXISTS (SELECT 1 FROM protected p WHERE p.obj = r.obj"
                                      " AND p.id = r.id) FROM records r WHERE r.obj = ? AND r.id = ?")))
        return *failure = failureOf(probe), nullptr;
    return writer;
}

PageWriter::PageWriter(const QSqlDatabase &db, std::unique_ptr<Rows> rows)
    : m_rows(std::move(rows))
    , m_db(db)
    , m_deleteRow(std::make_unique<QSqlQuery>(db))
    , m_probeRow(std::make_unique<QSqlQuery>(db))
{ }

PageWriter::~PageWriter() = default;

PageWriter::Path PageWriter::path() const
{
    return m_rows->path();
}

bool PageWriter::applyTombstone(qint64 key, const IncomingRecord &r, ApplyResult *result, SqlFailure *failure)
{
    QSqlQuery &del = *m_deleteRow;
    del.bindValue(0, key);
    del.bindValue(1, r.id);
    if (!del.exec())
        return *failure = failureOf(del), false;
    if (del.numRowsAffected() > 0) {
        ++result->deleted;
        return true;
    }
    // Tombstones are rare: a lookup tells why nothing was deleted.
    QSqlQuery &probe = *m_probeRow;
    probe.bindValue(0, key);
    probe.bindValue(1, r.id);
    if (!probe.exec())
        return *failure = failureOf(probe), false;
    if (probe.next()) {
        if (probe.value(0).toInt() != int(RecordState::Synced))
            ++result->skippedUnsaved;
        else if (probe.value(1).toBool())
            ++result->skippedProtected;
    }
    probe.finish();
    return true;
}

bool PageWriter::write(qint64 key, qint64 generation, const QVector<IncomingRecord> &page, ApplyResult *result,
    SqlFailure *failure)
{
    Rows &rows = *m_rows;
    const auto failed = [&] {
        *failure = rows.failure;
        return false;
    };
    // The version of a record already in the store replaces it unless it is unsaved (leave-if-changed).
    const auto update = [&](const IncomingRecord &r) {
        bool updated = false;
        if (!rows.update(key, generation, r, &updated))
            return failed();
        ++(updated ? result->updated : result->skippedUnsaved);
        return true;
    };
    const auto applyOne = [&](const IncomingRecord &r) {
        bool added = false;
        if (!rows.insert(key, generation, r, &added))
            return failed();
        if (added) {
            ++result->inserted;
            return true;
        }
        return update(r);
    };
    // RowsPerInsert records in one INSERT OR IGNORE. When some were ignored (already here, or an Id
    // twice in the run), the rowid tells them apart: each row the statement added took the table's
    // largest rowid + 1 (no AUTOINCREMENT), so the rows it added are the `added` rowids up to the
    // last one it inserted, all above the largest rowid before it; a later copy of an Id added here
    // updates it, as row by row. (Past rowid 2^63 - 1 SQLite picks free rowids at random: a store
    // would need that many inserts first.)
    const auto applyRun = [&](const IncomingRecord *const *run, bool *someIgnored) {
        int added = 0;
        if (!rows.insertRun(key, generation, run, &added))
            return failed();
        *someIgnored = added < RowsPerInsert;
        if (!*someIgnored) {
            result->inserted += added;
            return true;
        }
        const qint64 maxBefore
            = added > 0 ? rows.lastInsertRowid() - added : std::numeric_limits<qint64>::max();
        QSet<QString> addedHere;
        for (int row = 0; row < RowsPerInsert; ++row) {
            qint64 rowid = 0;
            if (!rows.rowidOf(key, *run[row], &rowid))
                return failed();
            if (rowid > maxBefore && !addedHere.contains(run[row]->id)) {
                addedHere.insert(run[row]->id);
                ++result->inserted;
            } else if (!update(*run[row])) {
                return false;
            }
        }
        return true;
    };

    // Records to insert wait here for a full multi-row statement; a deletion first writes those
    // waiting row by row, so the page's order holds (an Id written, then deleted, ends deleted).
    std::array<const IncomingRecord *, RowsPerInsert> waiting;
    int nWaiting = 0;
    const auto flushWaiting = [&] {
        for (int row = 0; row < nWaiting; ++row)
            if (!applyOne(*waiting[row]))
                return false;
        nWaiting = 0;
        return true;
    };
    // The page's records in Id order: a cursor page comes in SystemModstamp order, and each record
    // out of Id order costs its INSERT a seek of the (obj, id) index where one in order is an append.
    // Stable: two versions of one Id keep their order, so the page's end state is the same.
    QVarLengthArray<IdKey, 2048> keyed;
    keyed.reserve(page.size());
    bool packed = true;
    bool sorted = true;
    for (const IncomingRecord &r : page) {
        keyed.append(IdKey::of(r));
        packed = packed && keyed.back().packed();
        sorted = sorted && (keyed.size() == 1 || !IdKey::before(keyed.back(), keyed[keyed.size() - 2]));
    }
    if (!packed)
        std::stable_sort(keyed.begin(), keyed.end(),
            [](const IdKey &a, const IdKey &b) { return a.record->id < b.record->id; });
    else if (!sorted)
        std::stable_sort(keyed.begin(), keyed.end(), IdKey::before);
    bool useRuns = true;
    for (const IdKey &next : keyed) {
        const IncomingRecord &r = *next.record;
        if (r.isDeleted) {
            if (!flushWaiting() || !applyTombstone(key, r, result, failure))
                return false;
            continue;
        }
        if (!useRuns) {
            if (!applyOne(r))
                return false;
            continue;
        }
        waiting[nWaiting++] = &r;
        if (nWaiting == RowsPerInsert) {
            bool someIgnored = false;
            if (!applyRun(waiting.data(), &someIgnored))
                return false;
            nWaiting = 0;
            // Records already here (a resync, a delta): row by row costs less than a probe per row.
            useRuns = !someIgnored;
        }
    }
    return flushWaiting();
}

} // namespace posdata
