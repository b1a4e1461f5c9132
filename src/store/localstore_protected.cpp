// SPDX-License-Identifier: MIT
// LocalStore's protected set: records pinned by hand or in use (the active outlet, shift, ...).
// No sync action deletes them; the in-use counter counts those that have a local record.
#include "store/localstore_p.h"

#include <QSet>

namespace posdata {

bool LocalStore::setPinned(const QString &object, const QString &id, bool pinned, StoreError *error)
{
    if (!isValidId(id))
        return d->fail(error, StoreError::Invalid, QStringLiteral("invalid record Id"));
    return d->writeObject(object, QStringLiteral("pin record"), error, [&](qint64 key) {
        QSqlQuery q(d->db);
        q.prepare(pinned ? QStringLiteral("INSERT OR IGNORE INTO protected(obj, id, kind) VALUES (?, ?, ?)")
                         : QStringLiteral("DELETE FROM protected WHERE obj = ? AND id = ? AND kind = ?"));
        q.addBindValue(key);
        q.addBindValue(id);
        q.addBindValue(ProtectPinned);
        return d->exec(q, error, QStringLiteral("pin record")) && d->recountInUseOf(key, error);
    });
}

bool LocalStore::setInUse(const QList<QPair<QString, QString>> &records, StoreError *error)
{
    if (!d->checkWritable(error))
        return false;
    QList<qint64> newKeys;
    for (const auto &[object, id] : records) {
        if (!isValidId(id))
            return d->fail(
                error, StoreError::Invalid, QStringLiteral("invalid record Id for %1").arg(object));
        const qint64 key = d->objectKey(object, error);
        if (key < 0)
            return false;
        newKeys.append(key);
    }
    SqlTransaction tx(d->db);
    if (!tx.isActive())
        return d->failSql(error, tx.lastError(), QStringLiteral("set records in use"));
    QSet<qint64> touched(newKeys.cbegin(), newKeys.cend());
    {
        QSqlQuery q(d->db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT DISTINCT obj FROM protected WHERE kind = ?"));
        q.addBindValue(ProtectInUse);
        if (!d->exec(q, error, QStringLiteral("set records in use")))
            return false;
        while (q.next())
            touched.insert(q.value(0).toLongLong());
    }
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("DELETE FROM protected WHERE kind = ?"));
    q.addBindValue(ProtectInUse);
    if (!d->exec(q, error, QStringLiteral("set records in use")))
        return false;
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO protected(obj, id, kind) VALUES (?, ?, ?)"));
    for (qsizetype i = 0; i < records.size(); ++i) {
        q.bindValue(0, newKeys.at(i));
        q.bindValue(1, records.at(i).second);
        q.bindValue(2, ProtectInUse);
        if (!d->exec(q, error, QStringLiteral("set records in use")))
            return false;
    }
    for (qint64 key : std::as_const(touched)) {
        if (!d->recountInUseOf(key, error))
            return false;
    }
    if (!tx.commit())
        return d->failSql(error, tx.lastError(), QStringLiteral("set records in use"));
    return d->succeed(error);
}

QStringList LocalStore::inUseIds(const QString &object) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return {};
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM protected WHERE obj = ? AND kind = ? ORDER BY id"));
    q.addBindValue(key);
    q.addBindValue(ProtectInUse);
    QStringList ids;
    if (!q.exec())
        return ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

} // namespace posdata
