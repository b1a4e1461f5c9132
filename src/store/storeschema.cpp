// SPDX-License-Identifier: MIT
// The store's schema and identity: which files are stores of ours, and the forward-only
// migrations, all of them run in one exclusive transaction that re-reads the file inside the lock.
#include "store/localstore_p.h"

namespace posdata {

namespace {

/// The tables of a store of schema 1 or 2, written before stores carried an application_id.
const QStringList kOldStoreTables = { QStringLiteral("objects"), QStringLiteral("protected"), QStringLiteral("records") };

} // namespace

StoreIdentity StoreContents::identity() const
{
    if (applicationId == LocalStore::ApplicationId)
        return StoreIdentity::Ours;
    if (applicationId != 0)
        return StoreIdentity::Foreign;
    if (userVersion == 0 && tables.isEmpty())
        return StoreIdentity::Empty;
    if ((userVersion == 1 || userVersion == 2) && tables == kOldStoreTables)
        return StoreIdentity::OldOurs;
    return StoreIdentity::Foreign;
}

std::optional<StoreContents> StoreContents::read(const QSqlDatabase &db, QSqlError *error)
{
    StoreContents c;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const auto scalar = [&](const QString &sql, qint64 *out) {
        if (!q.exec(sql) || !q.next())
            return *error = q.lastError(), false;
        *out = q.value(0).toLongLong();
        q.finish();
        return true;
    };
    qint64 version = 0;
    if (!scalar(QStringLiteral("PRAGMA application_id"), &c.applicationId)
        || !scalar(QStringLiteral("PRAGMA user_version"), &version))
        return std::nullopt;
    c.userVersion = int(version);
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"
                               " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")))
        return *error = q.lastError(), std::nullopt;
    while (q.next())
        c.tables.append(q.value(0).toString());
    return c;
}

QString LocalStore::Private::foreignMessage() const
{
    return QStringLiteral("%1 is an SQLite database of another program, not a POS data store; it was left as it is")
        .arg(path);
}

QString LocalStore::Private::newerSchemaMessage(int version) const
{
    return QStringLiteral("%1 was written by a newer version of the app (schema %2, this app knows up to %3); "
                          "it was left as it is")
        .arg(path)
        .arg(version)
        .arg(SchemaVersion);
}

bool LocalStore::Private::runMigration(int version, const QStringList &statements, StoreError *error)
{
    for (const QString &sql : statements + QStringList{QStringLiteral("PRAGMA user_version = %1").arg(version)}) {
        if (!execSql(sql, error))
            return false;
    }
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

bool LocalStore::Private::migrateTo3(StoreError *error)
{
    const QStringList statements = {
        // What the object's synced records were downloaded with (the engine's signatures of the
        // field list and of the scope): a different one later means they must be downloaded again.
        // '' = not known (every object of an older store): the engine decides what that means.
        QStringLiteral("ALTER TABLE objects ADD COLUMN fields_sig TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE objects ADD COLUMN scope_sig TEXT NOT NULL DEFAULT ''"),
        // The running engine's live state for other programs (posdata status): one row, replaced
        // about twice a second, so it stays one small page. heartbeat: ms UTC of the last write.
        QStringLiteral("CREATE TABLE live ("
                       " one INTEGER PRIMARY KEY CHECK (one = 1),"
                       " pid INTEGER NOT NULL,"
                       " heartbeat INTEGER NOT NULL,"
                       " json BLOB NOT NULL)"),
        // Unsaved records a person chose to discard, kept for a while (restore, support). Written
        // one by one by hand, so the table stays small: no index, its scans are cheap. The same
        // record may be discarded more than once (edited again later): no key but the rowid.
        QStringLiteral("CREATE TABLE discarded ("
                       " obj INTEGER NOT NULL,"
                       " id TEXT NOT NULL,"
                       " state INTEGER NOT NULL,"
                       " payload BLOB NOT NULL,"
                       " ext_id TEXT,"
                       " err_code TEXT,"
                       " err_message TEXT,"
                       " err_at INTEGER,"
                       " changed_at INTEGER,"
                       " discarded_at INTEGER NOT NULL)"),
    };
    return runMigration(3, statements, error);
}

bool LocalStore::Private::migrateTo4(StoreError *error)
{
    const QStringList statements = {
        // A full download split into Id ranges (LocalStore::beginRanges()): one plan per object, of
        // the generation it was made for; hw_*: the checkpoint the object gets when every range is
        // in; first_id/last_id: its Id space then; reconcile: removeUnseen() at the end.
        QStringLiteral("CREATE TABLE range_plans ("
                       " obj INTEGER PRIMARY KEY,"
                       " gen INTEGER NOT NULL,"
                       " hw_modstamp TEXT NOT NULL,"
                       " hw_id TEXT NOT NULL,"
                       " first_id TEXT NOT NULL,"
                       " last_id TEXT NOT NULL,"
                       " total INTEGER NOT NULL,"
                       " reconcile INTEGER NOT NULL)"),
        // Its ranges, each with its own checkpoint (the last Id applied), written with every page.
        // lo '' is the range open below, hi '' the one open above.
        QStringLiteral("CREATE TABLE ranges ("
                       " obj INTEGER NOT NULL,"
                       " lo TEXT NOT NULL,"
                       " hi TEXT NOT NULL,"
                       " last_id TEXT NOT NULL DEFAULT '',"
                       " received INTEGER NOT NULL DEFAULT 0,"
                       " done INTEGER NOT NULL DEFAULT 0,"
                       " PRIMARY KEY (obj, lo)) WITHOUT ROWID"),
    };
    return runMigration(4, statements, error);
}

bool LocalStore::Private::migrateTo5(StoreError *error)
{
    const QStringList statements = {
        // The last sync cycles (LocalStore::addSyncCycle()): when, what, API calls, how long; the
        // support report reads them, from the app's process or from `posdata report` beside it.
        QStringLiteral("CREATE TABLE sync_cycles ("
                       " id INTEGER PRIMARY KEY,"
                       " started_at INTEGER NOT NULL,"
                       " duration_ms INTEGER NOT NULL,"
                       " api_calls INTEGER NOT NULL,"
                       " what TEXT NOT NULL)"),
    };
    return runMigration(5, statements, error);
}

bool LocalStore::Private::migrate(StoreError *error)
{
    const QString what = QStringLiteral("create or upgrade the store %1").arg(path);
    // EXCLUSIVE: a second program creating or upgrading the same file waits here (busy timeout),
    // then finds the work done below; a reader never sees half a schema.
    SqlTransaction tx(db, SqlTransaction::Lock::Exclusive);
    if (!tx.isActive())
        return failSql(error, tx.lastError(), what);
    // Read again inside the lock: what open() saw before may have been created or upgraded since.
    QSqlError sqlError;
    const std::optional<StoreContents> contents = StoreContents::read(db, &sqlError);
    if (!contents)
        return failSql(error, sqlError, what);
    if (contents->identity() == StoreIdentity::Foreign)
        return fail(error, StoreError::Foreign, foreignMessage());
    const int from = contents->userVersion;
    if (from > SchemaVersion)
        return fail(error, StoreError::NewerSchema, newerSchemaMessage(from));
    // Forward only: each step ends with PRAGMA user_version = N.
    if ((from < 1 && !migrateTo1(error)) || (from < 2 && !migrateTo2(error)) || (from < 3 && !migrateTo3(error))
        || (from < 4 && !migrateTo4(error)) || (from < 5 && !migrateTo5(error)))
        return false;
    // A store made before stores carried an identity gets it now.
    if (contents->applicationId == 0
        && !execSql(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId), error))
        return false;
    if (!tx.commit())
        return failSql(error, tx.lastError(), what);
    return true;
}

} // namespace posdata
