// SPDX-License-Identifier: MIT
// LocalStore's side of the support diagnostics: counts and Ids of an Id range read through the
// records' (obj, id) key, the ends of the object's Ids, the removal of records the server no longer
// has (src/sync/integritycheck.h compares them with the server's), and the bytes per object.
#include "store/localstore_p.h"

namespace posdata {

namespace {

/// The condition on `id` for lo <= id < hi (an empty bound is open) and the values it binds, after
/// the object's key. Records created on this device have no server Id yet: never compared.
QString rangeCondition(const QString &lo, const QString &hi, QVariantList *values)
{
    QString where = QStringLiteral("obj = ? AND state <> %1").arg(int(RecordState::LocallyCreated));
    if (!lo.isEmpty()) {
        where += QStringLiteral(" AND id >= ?");
        *values << lo;
    }
    if (!hi.isEmpty()) {
        where += QStringLiteral(" AND id < ?");
        *values << hi;
    }
    return where;
}

/// A record's bytes on the device, as both byte counts define them: its Id and its fields (a BLOB's
/// length is in its row header: no payload is read).
constexpr const char *kRecordBytes = "LENGTH(r.id) + LENGTH(r.payload)";

} // namespace

qint64 LocalStore::countIdRange(const QString &object, const QString &lo, const QString &hi) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return 0;
    QVariantList values{key};
    const QString where = rangeCondition(lo, hi, &values);
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM records WHERE ") + where);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        d->failSql(nullptr, q.lastError(), QStringLiteral("count a range of %1").arg(object));
        return -1;
    }
    return q.value(0).toLongLong();
}

std::optional<QList<RangeRecord>> LocalStore::recordsInIdRange(const QString &object, const QString &lo,
    const QString &hi) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return QList<RangeRecord>{};
    QVariantList values{key};
    const QString where = rangeCondition(lo, hi, &values);
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, state, NOT ") + QLatin1String(kNotProtected)
        + QStringLiteral(" FROM records WHERE ") + where + QStringLiteral(" ORDER BY id"));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        d->failSql(nullptr, q.lastError(), QStringLiteral("read a range of %1").arg(object));
        return std::nullopt;
    }
    QList<RangeRecord> out;
    while (q.next())
        out.append({q.value(0).toString(), RecordState(q.value(1).toInt()), q.value(2).toBool()});
    return out;
}

QPair<QString, QString> LocalStore::idEnds(const QString &object) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return {};
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    // Two lookups at the ends of the key index (MIN/MAX alone would each be one).
    q.prepare(QStringLiteral("SELECT (SELECT MIN(id) FROM records WHERE obj = ?1 AND state <> %1),"
                             " (SELECT MAX(id) FROM records WHERE obj = ?1 AND state <> %1)")
                  .arg(int(RecordState::LocallyCreated)));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    return {q.value(0).toString(), q.value(1).toString()};
}

std::optional<QStringList> LocalStore::idCuts(const QString &object, int every) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0 || every < 1)
        return QStringList();
    QVariantList values{key};
    const QString where = rangeCondition({}, {}, &values);
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    // The numbering is SQLite's (a window over the key index): only the cut points cross into Qt.
    q.prepare(QStringLiteral("SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM records WHERE ")
        + where + QStringLiteral(") WHERE n % ? = 0 ORDER BY id"));
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    q.addBindValue(every);
    if (!q.exec()) {
        d->failSql(nullptr, q.lastError(), QStringLiteral("cut the Ids of %1").arg(object));
        return std::nullopt;
    }
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QHash<QString, qint64> LocalStore::recordBytes() const
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    QHash<QString, qint64> out;
    if (!q.exec(QStringLiteral("SELECT o.name, SUM(") + QLatin1String(kRecordBytes) + QStringLiteral(") FROM records r"
                               " JOIN objects o ON o.obj = r.obj GROUP BY r.obj")))
        return out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

qint64 LocalStore::recordBytes(const QString &object) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return 0; // never stored anything
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(") + QLatin1String(kRecordBytes)
        + QStringLiteral("), 0) FROM records r WHERE obj = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

qint64 LocalStore::removeRecords(const QString &object, const QStringList &ids, qint64 generation, StoreError *error)
{
    return d->removeSynced(object, generation, error, [&](qint64 key, const QString &what) -> qint64 {
        qint64 removed = 0;
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND id = ? AND state = 0 AND ")
            + QLatin1String(kNotProtected));
        for (const QString &id : ids) {
            q.bindValue(0, key);
            q.bindValue(1, id);
            if (!d->exec(q, error, what))
                return -1;
            removed += q.numRowsAffected();
        }
        // A repair is for a store whose rows changed behind its back: its counters may be wrong too.
        return d->recountAllOf(key, error, what) ? removed : -1;
    });
}

} // namespace posdata
