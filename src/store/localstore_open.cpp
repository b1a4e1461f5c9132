// SPDX-License-Identifier: MIT
// LocalStore::open(): what lies at the path (a store of ours, an old one, an empty file, another
// program's database), the connection and its pragmas, then creation or migration.
#include "store/localstore_p.h"
#include "store/storefile.h"
#include "store/storetuning.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QThread>
#include <QUrl>
#include <mutex>
#include <sqlite3.h>

namespace posdata {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

QString newConnectionName()
{
    return QStringLiteral("posdata_store_%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
}

/// A URI that opens `path` as immutable: no locks, no -wal or -shm.
QString immutableUri(const QString &path)
{
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1");
}

/// What an SQLite file holds, read through a short read-only connection of its own. A WAL-mode file
/// with no -wal file next to it has no connection and no newer pages: it is read as immutable, so
/// that SQLite makes no -wal or -shm next to another program's file.
std::optional<StoreContents> inspect(const QString &path, const StoreFile &file, QSqlError *error)
{
    const QString name = newConnectionName();
    std::optional<StoreContents> contents;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        QString options = QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(LocalStore::BusyTimeoutMs);
        if (file.presence == StoreFile::Presence::Sqlite && file.walMode && !StoreFile::hasWal(path)) {
            db.setDatabaseName(immutableUri(path));
            options += QStringLiteral(";QSQLITE_OPEN_URI");
        } else {
            db.setDatabaseName(path);
        }
        db.setConnectOptions(options);
        if (db.open())
            contents = StoreContents::read(db, error);
        else
            *error = db.lastError();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return contents;
}

} // namespace

bool LocalStore::Private::switchToWal(StoreError *error)
{
    // Changing the journal mode takes an exclusive lock without waiting on the busy handler: while
    // another program creates the same file it fails with SQLITE_BUSY at once, so wait here. A file
    // already in WAL mode answers at once.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) && q.next()) {
            if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
                return true;
            return fail(error, StoreError::Io,
                QStringLiteral("cannot switch %1 to WAL journal mode (it stays %2)").arg(path, q.value(0).toString()));
        }
        const QSqlError e = q.lastError();
        const int code = e.nativeErrorCode().toInt() & 0xff;
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || waited.elapsed() > BusyTimeoutMs)
            return failSql(error, e, QStringLiteral("cannot switch %1 to WAL journal mode").arg(path));
        QThread::msleep(10);
    }
}

std::unique_ptr<LocalStore> LocalStore::open(const QString &path, Mode mode, StoreError *error, WritePath writePath)
{
    // Before SQLite's first use in the process: no memory statistics. Debian's library keeps them,
    // which takes a process-wide mutex around every allocation (and, built without lookaside, a
    // million-row download makes several million). Too late once something opened a database: then
    // SQLite refuses the call and keeps its defaults, which is harmless.
    static std::once_flag sqliteConfigured;
    std::call_once(sqliteConfigured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    auto d = std::make_unique<Private>();
    d->path = path;
    d->mode = mode;
    const auto refuse = [&](StoreError::Kind kind, const QString &message) {
        d->fail(error, kind, message);
        return nullptr;
    };
    if (path.isEmpty())
        return refuse(StoreError::Invalid, QStringLiteral("no store path given"));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return refuse(StoreError::Io, QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));

    // Whose the file is, decided before any connection that could write to it: ours when the
    // header carries our application_id, else from what SQLite reads on a read-only connection
    // (which also waits out another program writing the file: the header read here may have been
    // caught half-written).
    const StoreFile file = StoreFile::look(path);
    StoreIdentity identity = StoreIdentity::Empty;
    int version = 0;
    switch (file.presence) {
    case StoreFile::Presence::Missing:
        if (mode == Mode::ReadOnly)
            return refuse(StoreError::Io, QStringLiteral("no store at %1").arg(path));
        break;
    case StoreFile::Presence::NotAFile:
        return refuse(StoreError::NotSqlite, QStringLiteral("%1 is not a file").arg(path));
    case StoreFile::Presence::Unreadable:
        return refuse(StoreError::Io, QStringLiteral("cannot read %1: %2").arg(path, file.error));
    case StoreFile::Presence::Empty:
        break;
    case StoreFile::Presence::NotSqlite:
    case StoreFile::Presence::Sqlite:
        if (file.presence == StoreFile::Presence::Sqlite && file.applicationId == quint32(ApplicationId)) {
            identity = StoreIdentity::Ours;
            version = int(file.userVersion);
            break;
        }
        QSqlError sqlError;
        std::optional<StoreContents> contents = inspect(path, file, &sqlError);
        // Another program may be upgrading or checkpointing this very file, and a reading without
        // the -wal file (immutable) has no lock to wait on: call the file another program's only
        // when a second reading, a moment later, says the same.
        for (int again = 0; again < tuning::StableReadings && contents && contents->identity() == StoreIdentity::Foreign;
             ++again) {
            QThread::msleep(tuning::StableReadingPauseMs);
            std::optional<StoreContents> next = inspect(path, StoreFile::look(path), &sqlError);
            if (next == contents)
                break;
            contents = std::move(next);
        }
        if (!contents) {
            if ((sqlError.nativeErrorCode().toInt() & 0xff) == SQLITE_NOTADB)
                return refuse(StoreError::NotSqlite,
                    QStringLiteral("%1 is not a POS data store (not an SQLite database); it was left as it is")
                        .arg(path));
            d->failSql(error, sqlError, QStringLiteral("cannot read %1").arg(path));
            return nullptr;
        }
        identity = contents->identity();
        version = contents->userVersion;
        break;
    }
    if (identity == StoreIdentity::Foreign)
        return refuse(StoreError::Foreign, d->foreignMessage());
    if (version > SchemaVersion)
        return refuse(StoreError::NewerSchema, d->newerSchemaMessage(version));
    if (mode == Mode::ReadOnly && identity == StoreIdentity::Empty)
        return refuse(StoreError::Io, QStringLiteral("%1 is empty: no store there yet").arg(path));

    if (mode == Mode::ReadWrite) {
        // Now, in words, not later as a write that fails (SQLite would open it read-only quietly).
        QString why = StoreFile::whyNotWritable(path);
        if (!why.isEmpty())
            return refuse(StoreError::ReadOnly, QStringLiteral("cannot open %1 for writing: %2").arg(path, why));
        if (file.presence == StoreFile::Presence::Missing && !StoreFile::createPrivate(path, &why))
            return refuse(StoreError::Io, QStringLiteral("cannot create %1: %2").arg(path, why));
        StoreFile::makePrivate(path);
    }

    d->connectionName = newConnectionName();
    d->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connectionName);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs);
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    // A reader of a WAL store needs the -shm file, and makes it (and a -wal) when there is none.
    // In a folder this user cannot write, no program can have the store open (it could not have
    // made them either): nothing can change the file while it is read, so it is read as
    // immutable, without them. With a -wal file there, a writer may be running: read it the
    // ordinary way, which sees its commits.
    if (mode == Mode::ReadOnly && !StoreFile::hasWal(path) && !StoreFile::folderWritable(path)) {
        d->db.setDatabaseName(immutableUri(path));
        options += QStringLiteral(";QSQLITE_OPEN_URI");
    } else {
        d->db.setDatabaseName(path);
    }
    d->db.setConnectOptions(options);
    if (!d->db.open()) {
        d->failSql(error, d->db.lastError(), QStringLiteral("cannot open %1").arg(path));
        return nullptr;
    }
    // The header's user_version is the main file's; SQLite's includes pages still in the -wal file.
    {
        QSqlQuery q(d->db);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            d->failSql(error, q.lastError(), QStringLiteral("cannot read %1").arg(path));
            return nullptr;
        }
        version = q.value(0).toInt();
    }
    if (version > SchemaVersion)
        return refuse(StoreError::NewerSchema, d->newerSchemaMessage(version));

    if (mode == Mode::ReadOnly) {
        if (identity == StoreIdentity::OldOurs || version < SchemaVersion)
            return refuse(StoreError::Invalid,
                QStringLiteral("%1 has schema %2, older than this app's %3: open it read-write once to upgrade it")
                    .arg(path)
                    .arg(version)
                    .arg(SchemaVersion));
        if (!d->execSql(QStringLiteral("PRAGMA query_only = 1"), error))
            return nullptr;
    } else {
        // A new file's page size (a no-op once the first table exists).
        if (identity == StoreIdentity::Empty
            && !d->execSql(QStringLiteral("PRAGMA page_size = %1").arg(tuning::PageSizeBytes), error))
            return nullptr;
        // Creation before the switch to WAL: a new file is made in one rollback-journal transaction,
        // which the busy timeout serialises with another program creating it at the same moment.
        if ((identity != StoreIdentity::Ours || version < SchemaVersion) && !d->migrate(error))
            return nullptr;
        // NORMAL in WAL mode loses at most the last commits on power loss, never consistency; the
        // checkpoint is written in the same transaction as its rows, so a resumed sync re-reads them.
        // Writes made on this device (sales, edits) sync at their commit: writeObjectDurably().
        // A WAL that grew (a first download writes faster than checkpoints copy) is cut back to the
        // guard once it starts over, instead of keeping its largest size as long as the app runs.
        if (!d->switchToWal(error) || !d->execSql(QStringLiteral("PRAGMA synchronous = NORMAL"), error)
            || !d->execSql(QStringLiteral("PRAGMA journal_size_limit = %1").arg(tuning::WalGuardBytes), error)
            || !d->execSql(QStringLiteral("PRAGMA cache_size = -%1").arg(tuning::CacheSizeKiB), error)
            || !d->prepareStatements(writePath, error))
            return nullptr;
    }
    d->succeed(error);
    return std::unique_ptr<LocalStore>(new LocalStore(std::move(d)));
}

} // namespace posdata
