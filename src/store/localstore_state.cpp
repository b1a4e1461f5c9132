// SPDX-License-Identifier: MIT
// LocalStore's per-object sync state (the objects table: pause, server counts, last error and sync,
// checkpoint, pending operation, generation, counters), and the resync and clear & resync that
// start a new generation.
#include "store/localstore_p.h"

namespace posdata {

namespace {

const char *const kStateColumns
    = "name, paused, cp_modstamp, cp_id, server_count, server_all_count, counts_read_at, last_error_code,"
      " last_error_message, last_error_at, last_synced_at, pending, generation, local_count, unsaved_count,"
      " in_use_count, upload_failed_count, fields_sig, scope_sig FROM objects";

ObjectState stateFromRow(const QSqlQuery &q)
{
    ObjectState s;
    s.object = q.value(0).toString();
    s.known = true;
    s.paused = q.value(1).toBool();
    s.checkpoint = { q.value(2).toString(), q.value(3).toString() };
    s.serverCount = q.value(4).toLongLong();
    s.serverAllCount = q.value(5).toLongLong();
    s.countsReadAt = dateOrInvalid(q.value(6));
    s.lastErrorCode = q.value(7).toString();
    s.lastErrorMessage = q.value(8).toString();
    s.lastErrorAt = dateOrInvalid(q.value(9));
    s.lastSyncedAt = dateOrInvalid(q.value(10));
    const int pending = q.value(11).toInt();
    s.pending = pending == int(PendingOp::FullResync) ? PendingOp::FullResync
        : pending == int(PendingOp::ClearResync)      ? PendingOp::ClearResync
                                                      : PendingOp::None;
    s.generation = q.value(12).toLongLong();
    s.localCount = q.value(13).toLongLong();
    s.unsavedCount = q.value(14).toLongLong();
    s.inUseCount = q.value(15).toLongLong();
    s.uploadFailedCount = q.value(16).toLongLong();
    s.fieldsSig = q.value(17).toString();
    s.scopeSig = q.value(18).toString();
    return s;
}

} // namespace

ObjectState LocalStore::objectState(const QString &object) const
{
    ObjectState s;
    s.object = object;
    if (!isValidObjectName(object))
        return s;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kStateColumns) + QStringLiteral(" WHERE name = ?"));
    q.addBindValue(object);
    if (q.exec() && q.next())
        return stateFromRow(q);
    return s;
}

QList<ObjectState> LocalStore::allObjectStates() const
{
    QList<ObjectState> out;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ") + QLatin1String(kStateColumns) + QStringLiteral(" ORDER BY name")))
        return out;
    while (q.next())
        out.append(stateFromRow(q));
    return out;
}

bool LocalStore::ensureObjects(const QStringList &objects, StoreError *error)
{
    if (!d->checkWritable(error))
        return false;
    for (const QString &object : objects) {
        if (!d->checkObject(object, error))
            return false;
    }
    for (const QString &object : objects) {
        if (d->objectKey(object, error) < 0)
            return false;
    }
    return d->succeed(error);
}

bool LocalStore::Private::updateState(
    const QString &object, const QString &set, const QVariantList &values, StoreError *error)
{
    const QString what = QStringLiteral("update the sync state of %1").arg(object);
    return writeObject(object, what, error, [&](qint64 key) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE objects SET ") + set + QStringLiteral(" WHERE obj = ?"));
        for (const QVariant &v : values)
            q.addBindValue(v);
        q.addBindValue(key);
        return exec(q, error, what);
    });
}

bool LocalStore::setPaused(const QString &object, bool paused, StoreError *error)
{
    return d->updateState(object, QStringLiteral("paused = ?"), { int(paused) }, error);
}

bool LocalStore::setServerCounts(
    const QString &object, qint64 server, qint64 serverAll, const QDateTime &readAt, StoreError *error)
{
    return d->updateState(object,
        QStringLiteral("server_count = ?, server_all_count = ?, counts_read_at = ?"),
        { server, serverAll, msOrNull(readAt) }, error);
}

bool LocalStore::setLastError(const QString &object, const QString &code, const QString &message,
    const QDateTime &when, StoreError *error)
{
    return d->updateState(object,
        QStringLiteral("last_error_code = ?, last_error_message = ?, last_error_at = ?"),
        { code, message, msOrNull(when) }, error);
}

bool LocalStore::clearLastError(const QString &object, StoreError *error)
{
    return d->updateState(object,
        QStringLiteral("last_error_code = '', last_error_message = '', last_error_at = NULL"), {}, error);
}

bool LocalStore::setLastSynced(const QString &object, const QDateTime &when, StoreError *error)
{
    return d->updateState(object, QStringLiteral("last_synced_at = ?"), { msOrNull(when) }, error);
}

bool LocalStore::setDownloadShape(
    const QString &object, const QString &fieldsSig, const QString &scopeSig, StoreError *error)
{
    // A null QString would bind NULL: stored as '' (not known), like an empty one.
    const auto text = [](const QString &sig) { return sig.isNull() ? QStringLiteral("") : sig; };
    return d->updateState(
        object, QStringLiteral("fields_sig = ?, scope_sig = ?"), { text(fieldsSig), text(scopeSig) }, error);
}

qint64 LocalStore::beginFullResync(const QString &object, StoreError *error)
{
    const QString what = QStringLiteral("start a resync of %1").arg(object);
    qint64 generation = -1;
    const bool begun = d->writeObject(object, what, error, [&](qint64 key) {
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("UPDATE objects SET pending = ?, generation = generation + 1, cp_modstamp = '',"
                                 " cp_id = '' WHERE obj = ?"));
        q.addBindValue(int(PendingOp::FullResync));
        q.addBindValue(key);
        if (!d->exec(q, error, what) || !d->dropRanges(key, what, error))
            return false;
        generation = d->generationOf(key, error);
        return generation >= 0;
    });
    return begun ? generation : -1;
}

ClearPlan LocalStore::planClear(const QString &object) const
{
    ClearPlan plan;
    plan.object = object;
    const ObjectState s = objectState(object);
    if (!s.known)
        return plan;
    const qint64 key = d->findKey(object);
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    // O(size of the protected set): the rest comes from the counters.
    q.prepare(QStringLiteral("SELECT COUNT(DISTINCT p.id) FROM protected p JOIN records r"
                             " ON r.obj = p.obj AND r.id = p.id AND r.state = 0 WHERE p.obj = ?"));
    q.addBindValue(key);
    const qint64 syncedProtected = q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    plan.willDelete = s.localCount - syncedProtected;
    plan.keepUnsaved = s.unsavedCount;
    plan.keepInUse = syncedProtected;
    plan.willDownload = s.serverCount;
    return plan;
}

QList<ClearPlan> LocalStore::planClear(const QStringList &objects) const
{
    QList<ClearPlan> out;
    out.reserve(objects.size());
    for (const QString &object : objects)
        out.append(planClear(object));
    return out;
}

qint64 LocalStore::beginClearResync(const QString &object, StoreError *error)
{
    const QHash<QString, qint64> generations = beginClearResync(QStringList{object}, error);
    return generations.value(object, -1);
}

QHash<QString, qint64> LocalStore::beginClearResync(const QStringList &objects, StoreError *error)
{
    if (!d->checkWritable(error))
        return {};
    QList<qint64> keys;
    for (const QString &object : objects) {
        const qint64 key = d->objectKey(object, error);
        if (key < 0)
            return {};
        keys.append(key);
    }
    const QString what = QStringLiteral("clear %1").arg(objects.join(QStringLiteral(", ")));
    SqlTransaction tx(d->db);
    if (!tx.isActive())
        return d->failSql(error, tx.lastError(), what), QHash<QString, qint64>();
    QHash<QString, qint64> generations;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        if (!d->dropSynced(keys[i], PendingOp::ClearResync, what, error))
            return {};
        const qint64 generation = d->generationOf(keys[i], error);
        if (generation < 0)
            return {};
        generations.insert(objects[i], generation);
    }
    if (!tx.commit())
        return d->failSql(error, tx.lastError(), what), QHash<QString, qint64>();
    d->succeed(error);
    return generations;
}

bool LocalStore::Private::dropSynced(qint64 key, PendingOp pending, const QString &what, StoreError *error)
{
    QSqlQuery del(db);
    del.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND state = 0 AND ") + QLatin1String(kNotProtected));
    del.addBindValue(key);
    if (!exec(del, error, what))
        return false;
    // in_use_count holds: only records outside the protected set went. The generation moves on, so
    // a page of a download begun before is Stale.
    QSqlQuery state(db);
    state.prepare(QStringLiteral("UPDATE objects SET local_count = local_count - ?, pending = ?,"
                                 " generation = generation + 1, cp_modstamp = '', cp_id = '' WHERE obj = ?"));
    state.addBindValue(del.numRowsAffected());
    state.addBindValue(int(pending));
    state.addBindValue(key);
    return exec(state, error, what) && dropRanges(key, what, error);
}

bool LocalStore::removeSynced(const QString &object, StoreError *error)
{
    if (!d->checkWritable(error) || !d->checkObject(object, error))
        return false;
    // An object the store never had has nothing to remove: no row is added for it.
    if (d->findKey(object) < 0)
        return d->succeed(error);
    const QString what = QStringLiteral("remove the synced records of %1").arg(object);
    return d->writeObject(object, what, error, [&](qint64 key) {
        if (!d->dropSynced(key, PendingOp::None, what, error))
            return false;
        // What is left was not downloaded with any shape: the signatures are no longer known.
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("UPDATE objects SET fields_sig = '', scope_sig = '' WHERE obj = ?"));
        q.addBindValue(key);
        return d->exec(q, error, what);
    });
}

bool LocalStore::finishPending(const QString &object, qint64 generation, StoreError *error)
{
    const QString what = QStringLiteral("finish the resync of %1").arg(object);
    return d->writeObject(object, what, error, [&](qint64 key) {
        if (!d->checkGeneration(key, generation, what,
                QStringLiteral("its new download finishes it"), error))
            return false;
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("UPDATE objects SET pending = ? WHERE obj = ?"));
        q.addBindValue(int(PendingOp::None));
        q.addBindValue(key);
        return d->exec(q, error, what);
    });
}

} // namespace posdata
