// SPDX-License-Identifier: MIT
// LocalStore: the download writes (applyPage, removeUnseen), reads, checkpoints. The other parts:
// localstore_open.cpp, localstore_unsaved.cpp, localstore_protected.cpp, localstore_state.cpp,
// localstore_live.cpp, localstore_discarded.cpp, storeschema.cpp, pagewriter.cpp.
#include "store/localstore_p.h"
#include "store/sqlitelibrary.h"
#include "store/storetuning.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QStorageInfo>
#include <algorithm>
#include <mutex>
#include <sqlite3.h>

namespace posdata {

bool LocalStore::Private::prepareStatements(WritePath writePath, StoreError *error)
{
    addLocalCount = prepare(QStringLiteral("UPDATE objects SET local_count = local_count + ? WHERE obj = ?"));
    writeCheckpoint = prepare(QStringLiteral("UPDATE objects SET cp_modstamp = ?, cp_id = ? WHERE obj = ?"));
    // O(size of the protected set), which is a handful of records: cheap enough for every page.
    recountInUse = prepare(QStringLiteral(
        "UPDATE objects SET in_use_count = (SELECT COUNT(DISTINCT p.id) FROM protected p"
        " JOIN records r ON r.obj = p.obj AND r.id = p.id WHERE p.obj = objects.obj) WHERE obj = ?"));
    readGeneration = prepare(QStringLiteral("SELECT generation FROM objects WHERE obj = ?"));
    if (readGeneration)
        readGeneration->setForwardOnly(true);
    if (!addLocalCount || !writeCheckpoint || !recountInUse || !readGeneration)
        return fail(error, StoreError::Io, QStringLiteral("could not prepare the store's statements"));

    // The driver's handle goes to this program's sqlite3_* functions only when the driver runs on
    // this very library; a second copy (Qt's bundled SQLite) would take it for memory corruption.
    QString why;
    sameLibrary = sameSqliteLibrary(
        [this](const QString &sql) -> std::optional<QString> {
            QSqlQuery q(db);
            if (!q.exec(sql) || !q.next())
                return std::nullopt;
            return q.value(0).toString();
        },
        &why);
    const QVariant h = db.driver()->handle();
    sqlite3 *handle = nullptr;
    if (!sameLibrary)
        qCInfo(lcStore) << "applyPage writes through QSqlQuery:" << why;
    else if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
        handle = *static_cast<sqlite3 *const *>(h.constData());
    else
        why = QStringLiteral("the Qt SQLite driver gives no connection handle");
    if (writePath == WritePath::SqliteApi && !handle)
        return fail(error, StoreError::Invalid, QStringLiteral("cannot write through the sqlite3 C API: %1").arg(why));
    rawHandle = handle;
    if (writePath == WritePath::QtSql)
        handle = nullptr;
    SqlFailure failure;
    pageWriter = PageWriter::create(db, handle, &failure);
    if (!pageWriter)
        return failCode(error, failure.code, failure.text, QStringLiteral("prepare the store's statements"));
    return true;
}

LocalStore::LocalStore(std::unique_ptr<Private> dd)
    : d(std::move(dd))
{ }

LocalStore::~LocalStore() = default;

QString LocalStore::path() const
{
    return d->path;
}

LocalStore::Mode LocalStore::mode() const
{
    return d->mode;
}

LocalStore::WritePath LocalStore::writePath() const
{
    if (!d->pageWriter)
        return WritePath::Auto;
    return d->pageWriter->path() == PageWriter::Path::SqliteApi ? WritePath::SqliteApi : WritePath::QtSql;
}

StoreError LocalStore::lastError() const
{
    return d->lastError;
}

bool LocalStore::isValidObjectName(const QString &object)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9_]{0,79}$"));
    return re.match(object).hasMatch();
}

bool LocalStore::Private::writePage(qint64 key, const QVector<IncomingRecord> &page, qint64 generation,
    ApplyResult *result, const QString &what, StoreError *error)
{
    if (!checkGeneration(key, generation, what, QStringLiteral("the page was dropped"), error))
        return false;
    SqlFailure failure;
    if (!pageWriter->write(key, generation, page, result, &failure))
        return failCode(error, failure.code, failure.text, what);
    if (const qint64 delta = result->inserted - result->deleted; delta != 0) {
        addLocalCount->bindValue(0, delta);
        addLocalCount->bindValue(1, key);
        if (!exec(*addLocalCount, error, what))
            return false;
    }
    return result->inserted == 0 || recountInUseOf(key, error);
}

bool LocalStore::Private::checkPageIds(const QString &object, const QVector<IncomingRecord> &page, StoreError *error)
{
    for (const IncomingRecord &r : page) {
        if (!isValidId(r.id))
            return fail(error, StoreError::Invalid,
                QStringLiteral("page for %1 has a record with an invalid Id; nothing was written").arg(object.left(100)));
    }
    return true;
}

ApplyResult LocalStore::applyPage(const QString &object, const QVector<IncomingRecord> &page,
    const Checkpoint &newCheckpoint, qint64 generation, StoreError *error)
{
    return d->applyPageWith(object, page, generation, error, [&](qint64 key, const QString &what) {
        if (newCheckpoint.isEmpty())
            return true;
        d->writeCheckpoint->bindValue(0, newCheckpoint.systemModstamp);
        d->writeCheckpoint->bindValue(1, newCheckpoint.id);
        d->writeCheckpoint->bindValue(2, key);
        return d->exec(*d->writeCheckpoint, error, what);
    });
}

qint64 LocalStore::removeUnseen(const QString &object, qint64 generation, StoreError *error)
{
    return d->removeSynced(object, generation, error, [&](qint64 key, const QString &what) -> qint64 {
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND state = 0 AND seen_gen <> ? AND ")
            + QLatin1String(kNotProtected));
        q.addBindValue(key);
        q.addBindValue(generation);
        if (!d->exec(q, error, what))
            return -1;
        // The end of a full download, which read every record of the object: its counters are counted
        // again from the rows (O(records), beside the download's own O(records)), so a resync also
        // cures counters that rows changed behind the store's back made wrong.
        const qint64 removed = q.numRowsAffected();
        return d->recountAllOf(key, error, what) ? removed : -1;
    });
}

std::optional<StoredRecord> LocalStore::record(const QString &object, const QString &id) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return std::nullopt;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT modstamp, state, payload, seen_gen,"
        " EXISTS (SELECT 1 FROM protected p WHERE p.obj = r.obj AND p.id = r.id AND p.kind = ?),"
        " EXISTS (SELECT 1 FROM protected p WHERE p.obj = r.obj AND p.id = r.id AND p.kind = ?)"
        " FROM records r WHERE r.obj = ? AND r.id = ?"));
    q.addBindValue(ProtectInUse);
    q.addBindValue(ProtectPinned);
    q.addBindValue(key);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    StoredRecord r;
    r.object = object;
    r.id = id;
    r.systemModstamp = q.value(0).toString();
    r.state = RecordState(q.value(1).toInt());
    r.payload = q.value(2).toByteArray();
    r.seenGeneration = q.value(3).toLongLong();
    r.inUse = q.value(4).toBool();
    r.pinned = q.value(5).toBool();
    return r;
}

QStringList LocalStore::ids(const QString &object, std::optional<RecordState> state) const
{
    QStringList out;
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return out;
    QSqlQuery q = d->recordsQuery(key, QLatin1String("id"), state, QLatin1String(" ORDER BY id"));
    if (!q.exec())
        return out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

qint64 LocalStore::countSlow(const QString &object, std::optional<RecordState> state) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return 0;
    QSqlQuery q = d->recordsQuery(key, QLatin1String("COUNT(*)"), state);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

bool LocalStore::setBackgroundCheckpoints(bool on, StoreError *error)
{
    if (!d->checkWritable(error))
        return false;
    if (on == bool(d->checkpointer))
        return d->succeed(error);
    // The checkpointer's connection is this program's SQLite, and it hears of the writer's commits
    // through the writer's handle: beside a driver that runs another copy (closing a connection
    // would drop the driver's locks on the file), SQLite's own checkpoints then.
    if (on && (!d->sameLibrary || !d->rawHandle))
        return d->succeed(error);
    if (!on) {
        d->stopBackgroundCheckpoints();
        return d->succeed(error);
    }
    // The WAL may hold up to a quarter of the free disk before a copy starts without a pause.
    const qint64 freeBytes = QStorageInfo(QFileInfo(d->path).absolutePath()).bytesAvailable();
    const qint64 deferBytes = freeBytes > 0 ? std::min(tuning::WalDeferBytes, freeBytes / 4) : tuning::WalGuardBytes;
    auto checkpointer = std::make_unique<WalCheckpointer>(
        d->path, WalCheckpointer::Policy{std::chrono::milliseconds(tuning::CheckpointQuietMs), tuning::WalPauseCopyBytes,
                     std::max(deferBytes, tuning::WalGuardBytes)});
    if (!checkpointer->ok())
        return d->fail(error, StoreError::Io, QStringLiteral("cannot start background checkpoints on %1").arg(d->path));
    checkpointer->attach(d->rawHandle);
    d->checkpointer = std::move(checkpointer);
    return d->succeed(error);
}

bool LocalStore::setMaxPageCount(qint64 pages)
{
    // SQLite never shrinks the limit below the current size; a huge value restores "unlimited".
    const qint64 limit = pages > 0 ? pages : qint64(4294967294LL);
    return d->execSql(QStringLiteral("PRAGMA max_page_count = %1").arg(limit), nullptr);
}

} // namespace posdata
