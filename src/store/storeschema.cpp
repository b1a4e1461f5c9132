// SPDX-License-Identifier: MIT
// The store's schema: forward-only migrations, each step one transaction ending with
// PRAGMA user_version = N. open() refuses a newer schema before any of this runs.
#include "store/localstore_p.h"

namespace posdata {

bool LocalStore::Private::runMigration(int version, const QStringList &statements, StoreError *error)
{
    const QString what = QStringLiteral("migrate to schema %1").arg(version);
    SqlTransaction tx(db);
    if (!tx.isActive())
        return failSql(error, tx.lastError(), what);
    for (const QString &sql : statements + QStringList{QStringLiteral("PRAGMA user_version = %1").arg(version)}) {
        if (!execSql(sql, error))
            return false;
    }
    if (!tx.commit())
        return failSql(error, tx.lastError(), what);
    return true;
}

bool LocalStore::Private::migrateTo1(StoreError *error)
{
    // Counters live next to the sync state so the screen reads one row per object (no COUNT(*)).
    // Timestamps are UTC milliseconds since the epoch, NULL while unknown.
    const QStringList statements = {
        QStringLiteral("CREATE TABLE objects ("
                       " obj INTEGER PRIMARY KEY,"
                       " name TEXT NOT NULL UNIQUE,"
                       " paused INTEGER NOT NULL DEFAULT 0,"
                       " cp_modstamp TEXT NOT NULL DEFAULT '',"
                       " cp_id TEXT NOT NULL DEFAULT '',"
                       " server_count INTEGER NOT NULL DEFAULT -1,"
                       " server_all_count INTEGER NOT NULL DEFAULT -1,"
                       " counts_read_at INTEGER,"
                       " last_error_code TEXT NOT NULL DEFAULT '',"
                       " last_error_message TEXT NOT NULL DEFAULT '',"
                       " last_error_at INTEGER,"
                       " last_synced_at INTEGER,"
                       " pending INTEGER NOT NULL DEFAULT 0,"
                       " generation INTEGER NOT NULL DEFAULT 0,"
                       " local_count INTEGER NOT NULL DEFAULT 0,"
                       " unsaved_count INTEGER NOT NULL DEFAULT 0,"
                       " in_use_count INTEGER NOT NULL DEFAULT 0)"),
        // A rowid table with the (obj, id) key as its index: rows of ~540 bytes are too wide for
        // WITHOUT ROWID to pay off (measured in benchmarks/store-insert).
        QStringLiteral("CREATE TABLE records ("
                       " obj INTEGER NOT NULL,"
                       " id TEXT NOT NULL,"
                       " modstamp TEXT NOT NULL,"
                       " state INTEGER NOT NULL,"
                       " seen_gen INTEGER NOT NULL,"
                       " payload BLOB NOT NULL,"
                       " PRIMARY KEY (obj, id))"),
        // Unsaved rows are few: a partial index finds them without scanning a million synced rows.
        QStringLiteral("CREATE INDEX records_unsaved ON records(obj, state) WHERE state <> 0"),
        QStringLiteral("CREATE TABLE protected ("
                       " obj INTEGER NOT NULL,"
                       " id TEXT NOT NULL,"
                       " kind INTEGER NOT NULL,"
                       " PRIMARY KEY (obj, id, kind)) WITHOUT ROWID"),
    };
    return runMigration(1, statements, error);
}

bool LocalStore::Private::migrateTo2(StoreError *error)
{
    // Unsaved records' upload bookkeeping. ADD COLUMN with a NULL default rewrites no row, so a
    // store of a million synced records migrates in no time; synced rows leave these NULL.
    const QStringList statements = {
        QStringLiteral("ALTER TABLE records ADD COLUMN changed_at INTEGER"), // last local write, ms UTC
        QStringLiteral("ALTER TABLE records ADD COLUMN ext_id TEXT"), // upload key of a created record
        QStringLiteral("ALTER TABLE records ADD COLUMN err_code TEXT"), // last refused upload
        QStringLiteral("ALTER TABLE records ADD COLUMN err_message TEXT"),
        QStringLiteral("ALTER TABLE records ADD COLUMN err_at INTEGER"),
        QStringLiteral("ALTER TABLE records ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0"),
        // 1 once a created record's upload was sent: from then on the server may have it.
        QStringLiteral("ALTER TABLE records ADD COLUMN sent INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE objects ADD COLUMN upload_failed_count INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("UPDATE records SET changed_at = CAST(strftime('%s','now') AS INTEGER) * 1000"
                       " WHERE state <> 0"),
    };
    return runMigration(2, statements, error);
}

bool LocalStore::Private::migrate(int from, StoreError *error)
{
    // Forward only: each step ends with PRAGMA user_version = N inside its own transaction.
    if (from < 1 && !migrateTo1(error))
        return false;
    if (from < 2 && !migrateTo2(error))
        return false;
    return true;
}

} // namespace posdata
