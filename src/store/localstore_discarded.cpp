// SPDX-License-Identifier: MIT
// LocalStore's discarded records (the `discarded` table): unsaved records a person chose to throw
// away, moved out of the records and kept for a while (the app purges them after 30 days).
#include "store/localstore_p.h"

namespace posdata {

bool LocalStore::discardUnsaved(const QString &object, const QString &id, StoreError *error)
{
    if (!isValidId(id))
        return d->fail(error, StoreError::Invalid, QStringLiteral("invalid record Id"));
    const QString what = QStringLiteral("discard %1 %2").arg(object, id);
    return d->writeObject(object, what, error, [&](qint64 key) {
        const int state = d->recordState(key, id, error);
        if (state == -2)
            return false;
        if (state == -1)
            return d->fail(error, StoreError::Invalid, QStringLiteral("%1: there is no such record").arg(what));
        if (state == int(RecordState::Synced))
            return d->fail(error, StoreError::Invalid,
                QStringLiteral("%1: it has no unsaved change to discard (it is as the server has it)").arg(what));
        QSqlQuery move(d->db);
        move.prepare(QStringLiteral(
            "INSERT INTO discarded(obj, id, state, payload, ext_id, err_code, err_message, err_at, changed_at,"
            " discarded_at) SELECT obj, id, state, payload, ext_id, err_code, err_message, err_at, changed_at, ?"
            " FROM records WHERE obj = ? AND id = ?"));
        move.addBindValue(QDateTime::currentMSecsSinceEpoch());
        move.addBindValue(key);
        move.addBindValue(id);
        QSqlQuery remove(d->db);
        remove.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND id = ?"));
        remove.addBindValue(key);
        remove.addBindValue(id);
        // An in-use or pinned Id stays in the protected set; only the count of those with a local
        // record moves.
        return d->exec(move, error, what) && d->exec(remove, error, what) && d->addCounts(key, 0, -1, error)
            && d->recountFailedOf(key, error) && d->recountInUseOf(key, error);
    });
}

QList<DiscardedRecord> LocalStore::discarded(const QString &object, int limit) const
{
    QList<DiscardedRecord> out;
    const bool all = object.isEmpty();
    const qint64 key = all ? 0 : d->checkObject(object, nullptr) ? d->findKey(object) : -1;
    if (key < 0)
        return out;
    // The records' column list as unsavedFromRow() reads it: this table keeps no upload attempts.
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kUnsavedColumns)
        + QStringLiteral(", discarded_at, name FROM (SELECT d.rowid AS seq, d.*, 0 AS attempts, o.name"
                         " FROM discarded d JOIN objects o ON o.obj = d.obj")
        + (all ? QString() : QStringLiteral(" WHERE d.obj = ?"))
        + QStringLiteral(") ORDER BY discarded_at DESC, seq DESC LIMIT ?"));
    if (!all)
        q.addBindValue(key);
    q.addBindValue(limit);
    if (!q.exec()) {
        d->failSql(nullptr, q.lastError(), QStringLiteral("list discarded records"));
        return out;
    }
    // discarded_at and the object's name follow the record's columns.
    const int at = int(QLatin1String(kUnsavedColumns).count(u',')) + 1;
    while (q.next())
        out.append({ Private::unsavedFromRow(q, q.value(at + 1).toString()), dateOrInvalid(q.value(at)) });
    return out;
}

qint64 LocalStore::purgeDiscarded(const QDateTime &olderThan, StoreError *error)
{
    if (!d->checkWritable(error))
        return -1;
    if (!olderThan.isValid())
        return d->fail(error, StoreError::Invalid, QStringLiteral("purge discarded records: no time given")), -1;
    // One statement: atomic by itself.
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("DELETE FROM discarded WHERE discarded_at < ?"));
    q.addBindValue(olderThan.toMSecsSinceEpoch());
    if (!d->exec(q, error, QStringLiteral("purge discarded records")))
        return -1;
    d->succeed(error);
    return q.numRowsAffected();
}

} // namespace posdata
