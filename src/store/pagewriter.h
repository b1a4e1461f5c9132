// SPDX-License-Identifier: MIT
#pragma once

// PageWriter: the bulk path of LocalStore::applyPage, which writes a downloaded page's rows.

#include "store/storetypes.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <memory>

class QSqlQuery;
struct sqlite3;

namespace posdata {

/// Why a PageWriter step failed: SQLite's primary result code and its message, for the store to
/// put in words.
struct SqlFailure
{
    int code = 0;
    QString text;
};

/// Writes the rows of one downloaded page inside the caller's transaction: new records inserted,
/// Synced records updated, unsaved records left as they are (leave-if-changed), tombstones applied
/// to Synced records outside the protected set. The outcome and the rows are those of applying
/// the records one by one in page order; runs of new records go in as one multi-row INSERT each
/// (tuning::RowsPerInsert). Counters and the checkpoint are the caller's.
///
/// Two paths to the rows, with the same statements and results:
/// - SqliteApi: the sqlite3 C API on the QSQLITE connection's own handle. QSqlQuery costs ~3 us a
///   row in QVariant/QString conversions and bookkeeping, more than SQLite's own work. Only when
///   the Qt plugin runs on this process's libsqlite3 (the caller checks): one library must own
///   the handle and the file's locks.
/// - QtSql: QSqlQuery, for any other build of the plugin (Qt's own, with its bundled SQLite).
class PageWriter
{
public:
    enum class Path
    {
        SqliteApi,
        QtSql
    };

    /// Prepares its statements on db's connection: Path::SqliteApi when `handle` (db's sqlite3*,
    /// checked by the caller) is given, else Path::QtSql. nullptr and *failure when preparing fails.
    static std::unique_ptr<PageWriter> create(const QSqlDatabase &db, sqlite3 *handle, SqlFailure *failure);
    ~PageWriter();
    PageWriter(const PageWriter &) = delete;
    PageWriter &operator=(const PageWriter &) = delete;

    Path path() const;
    /// Writes `page` into object `key`, marking written rows with `generation`, and adds what it
    /// did to *result. False and *failure on an SQLite error (the caller rolls back).
    bool write(qint64 key, qint64 generation, const QVector<IncomingRecord> &page, ApplyResult *result,
        SqlFailure *failure);

    class Rows; ///< the row statements of one path

private:
    PageWriter(const QSqlDatabase &db, std::unique_ptr<Rows> rows);
    bool applyTombstone(qint64 key, const IncomingRecord &r, ApplyResult *result, SqlFailure *failure);

    std::unique_ptr<Rows> m_rows;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_deleteRow; ///< both paths: tombstones are rare
    std::unique_ptr<QSqlQuery> m_probeRow;
};

} // namespace posdata
