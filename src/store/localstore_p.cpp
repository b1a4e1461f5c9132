// SPDX-License-Identifier: MIT
// LocalStore::Private: errors in words, object keys, counters, generation checks.
#include "store/localstore_p.h"

namespace posdata {

Q_LOGGING_CATEGORY(lcStore, "posdata.store")

namespace {

// SQLite primary result codes as QSQLITE reports them in QSqlError::nativeErrorCode().
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteFull = 13;
constexpr int SqliteNotADb = 26;

} // namespace

LocalStore::Private::~Private()
{
    stopBackgroundCheckpoints();
    pageWriter.reset();
    addLocalCount.reset();
    writeCheckpoint.reset();
    recountInUse.reset();
    readGeneration.reset();
    writeLive.reset();
    if (db.isValid())
        db.close();
    db = QSqlDatabase();
    if (!connectionName.isEmpty())
        QSqlDatabase::removeDatabase(connectionName);
}

bool LocalStore::Private::succeed(StoreError *error)
{
    lastError = StoreError {};
    if (error)
        *error = lastError;
    return true;
}

bool LocalStore::Private::fail(StoreError *error, StoreError::Kind kind, const QString &message)
{
    lastError = StoreError { kind, message };
    if (error)
        *error = lastError;
    qCDebug(lcStore) << "store error" << kind << message;
    return false;
}

bool LocalStore::Private::failSql(StoreError *error, const QSqlError &e, const QString &what)
{
    // Extended result codes (if the driver turned them on) carry the primary one in the low byte.
    return failCode(error, e.nativeErrorCode().toInt() & 0xff, e.text(), what);
}

bool LocalStore::Private::failCode(StoreError *error, int code, const QString &text, const QString &what)
{
    StoreError::Kind kind = StoreError::Io;
    QString message = what + QStringLiteral(": ") + text;
    switch (code) {
    case SqliteFull:
        kind = StoreError::DiskFull;
        message = what
            + QStringLiteral(": the disk is full; nothing was written. Free some space and try again.");
        break;
    case SqliteBusy:
    case SqliteLocked:
        kind = StoreError::Busy;
        message
            = what + QStringLiteral(": the store is busy (another program is writing it); try again.");
        break;
    case SqliteNotADb:
        kind = StoreError::NotSqlite;
        break;
    case SqliteReadOnly:
        kind = StoreError::ReadOnly;
        break;
    default:
        break;
    }
    return fail(error, kind, message);
}

bool LocalStore::Private::checkWritable(StoreError *error)
{
    if (mode == Mode::ReadOnly)
        return fail(error, StoreError::ReadOnly, QStringLiteral("the store was opened read-only"));
    return true;
}

bool LocalStore::Private::checkObject(const QString &object, StoreError *error)
{
    if (!LocalStore::isValidObjectName(object))
        return fail(error, StoreError::Invalid,
            QStringLiteral("not a valid object name: \"%1\"").arg(object.left(100)));
    return true;
}

bool LocalStore::Private::exec(QSqlQuery &q, StoreError *error, const QString &what)
{
    if (!q.exec())
        return failSql(error, q.lastError(), what);
    return true;
}

bool LocalStore::Private::execSql(const QString &sql, StoreError *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return failSql(error, q.lastError(), sql.left(60));
    return true;
}

std::unique_ptr<QSqlQuery> LocalStore::Private::prepare(const QString &sql)
{
    auto q = std::make_unique<QSqlQuery>(db);
    if (!q->prepare(sql)) {
        qCWarning(lcStore) << "prepare failed" << sql << q->lastError().text();
        return nullptr;
    }
    return q;
}

QSqlQuery LocalStore::Private::recordsQuery(qint64 key, QLatin1String columns, std::optional<RecordState> state,
                                            QLatin1String tail) const
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM records WHERE obj = ?%2%3")
                  .arg(columns, state ? QLatin1String(" AND state = ?") : QLatin1String(), tail));
    q.addBindValue(key);
    if (state)
        q.addBindValue(int(*state));
    return q;
}

qint64 LocalStore::Private::findKey(const QString &object) const
{
    if (const auto it = keys.constFind(object); it != keys.constEnd())
        return it.value();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT obj FROM objects WHERE name = ?"));
    q.addBindValue(object);
    if (q.exec() && q.next()) {
        const qint64 key = q.value(0).toLongLong();
        keys.insert(object, key);
        return key;
    }
    return -1;
}

qint64 LocalStore::Private::objectKey(const QString &object, StoreError *error)
{
    if (!checkObject(object, error))
        return -1;
    if (const qint64 key = findKey(object); key >= 0)
        return key;
    if (!checkWritable(error))
        return -1;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO objects(name) VALUES (?)"));
    q.addBindValue(object);
    if (!exec(q, error, QStringLiteral("add object %1").arg(object)))
        return -1;
    const qint64 key = findKey(object);
    if (key < 0)
        fail(error, StoreError::Io, QStringLiteral("could not add object %1").arg(object));
    return key;
}

bool LocalStore::Private::recountInUseOf(qint64 key, StoreError *error)
{
    recountInUse->bindValue(0, key);
    return exec(*recountInUse, error, QStringLiteral("count records in use"));
}

bool LocalStore::Private::recountAllOf(qint64 key, StoreError *error, const QString &what)
{
    QSqlQuery recount(db);
    recount.prepare(QStringLiteral(
        "UPDATE objects SET local_count = (SELECT COUNT(*) FROM records WHERE obj = ? AND state = 0),"
        " unsaved_count = (SELECT COUNT(*) FROM records WHERE obj = ? AND state <> 0) WHERE obj = ?"));
    for (int i = 0; i < 3; ++i)
        recount.addBindValue(key);
    return exec(recount, error, what) && recountInUseOf(key, error);
}

bool LocalStore::Private::addCounts(qint64 key, qint64 local, qint64 unsaved, StoreError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE objects SET local_count = local_count + ?, unsaved_count = "
                             "unsaved_count + ? WHERE obj = ?"));
    q.addBindValue(local);
    q.addBindValue(unsaved);
    q.addBindValue(key);
    return exec(q, error, QStringLiteral("update counters"));
}

qint64 LocalStore::Private::generationOf(qint64 key, StoreError *error)
{
    QSqlQuery &q = *readGeneration;
    q.bindValue(0, key);
    if (!exec(q, error, QStringLiteral("read generation")))
        return -1;
    const qint64 generation = q.next() ? q.value(0).toLongLong() : -1;
    q.finish();
    if (generation < 0)
        fail(error, StoreError::Io, QStringLiteral("read generation: the object's row is missing"));
    return generation;
}

bool LocalStore::Private::checkGeneration(qint64 key, qint64 generation, const QString &what, const QString &dropped, StoreError *error)
{
    const qint64 current = generationOf(key, error);
    if (current < 0)
        return false;
    if (current != generation)
        return fail(error, StoreError::Stale,
            QStringLiteral("%1: the object was cleared or resynced since this download started; %2")
                .arg(what, dropped));
    return true;
}

} // namespace posdata
