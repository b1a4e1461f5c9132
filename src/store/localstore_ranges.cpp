// SPDX-License-Identifier: MIT
// LocalStore's range downloads (the range_plans and ranges tables): a full download split into Id
// ranges keeps one checkpoint per range, written with each of the range's pages, so that a restart
// resumes every range where it was; like a page, anything of an older generation is dropped.
#include "store/localstore_p.h"

#include <QSet>

namespace posdata {

namespace {

/// The text the store keeps for a bound or an Id: never NULL (a null QString would bind NULL).
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

} // namespace

bool LocalStore::Private::dropRanges(qint64 key, const QString &what, StoreError *error)
{
    for (const char *sql : {"DELETE FROM ranges WHERE obj = ?", "DELETE FROM range_plans WHERE obj = ?"}) {
        QSqlQuery q(db);
        q.prepare(QLatin1String(sql));
        q.addBindValue(key);
        if (!exec(q, error, what))
            return false;
    }
    return true;
}

bool LocalStore::beginRanges(const QString &object, const RangePlan &plan, StoreError *error)
{
    const QString what = QStringLiteral("plan the ranges of %1").arg(object);
    QSet<QString> starts;
    for (const IdRange &r : plan.ranges) {
        if (starts.contains(r.lo))
            return d->fail(error, StoreError::Invalid,
                QStringLiteral("%1: two ranges start at \"%2\"").arg(what, r.lo.left(40)));
        starts.insert(r.lo);
    }
    return d->writeObject(object, what, error, [&](qint64 key) {
        if (!d->checkGeneration(key, plan.generation, what, QStringLiteral("no range was planned"), error)
            || !d->dropRanges(key, what, error))
            return false;
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("INSERT INTO range_plans(obj, gen, hw_modstamp, hw_id, first_id, last_id, total,"
                                 " reconcile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant &v : QVariantList{key, plan.generation, text(plan.highWater.systemModstamp),
                 text(plan.highWater.id), text(plan.firstId), text(plan.lastId), plan.total, int(plan.reconcile)})
            q.addBindValue(v);
        if (!d->exec(q, error, what))
            return false;
        QSqlQuery r(d->db);
        r.prepare(QStringLiteral("INSERT INTO ranges(obj, lo, hi, last_id, received, done) VALUES (?, ?, ?, ?, ?, ?)"));
        for (const IdRange &range : plan.ranges) {
            for (const QVariant &v : QVariantList{key, text(range.lo), text(range.hi), text(range.lastId),
                     range.received, int(range.done)})
                r.addBindValue(v);
            if (!d->exec(r, error, what))
                return false;
        }
        return true;
    });
}

std::optional<RangePlan> LocalStore::rangePlan(const QString &object) const
{
    const qint64 key = isValidObjectName(object) ? d->findKey(object) : -1;
    if (key < 0)
        return std::nullopt;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    // Only the plan of the object's current generation counts: one left by an older download is
    // what a clear or resync in another program (or an older version of it) did not remove.
    q.prepare(QStringLiteral("SELECT p.gen, p.hw_modstamp, p.hw_id, p.first_id, p.last_id, p.total, p.reconcile"
                             " FROM range_plans p JOIN objects o ON o.obj = p.obj AND o.generation = p.gen"
                             " WHERE p.obj = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return std::nullopt;
    RangePlan plan;
    plan.generation = q.value(0).toLongLong();
    plan.highWater = {q.value(1).toString(), q.value(2).toString()};
    plan.firstId = q.value(3).toString();
    plan.lastId = q.value(4).toString();
    plan.total = q.value(5).toLongLong();
    plan.reconcile = q.value(6).toBool();
    QSqlQuery r(d->db);
    r.setForwardOnly(true);
    r.prepare(QStringLiteral("SELECT lo, hi, last_id, received, done FROM ranges WHERE obj = ? ORDER BY lo"));
    r.addBindValue(key);
    if (!r.exec())
        return std::nullopt;
    while (r.next())
        plan.ranges.append({r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                            r.value(3).toLongLong(), r.value(4).toBool()});
    return plan;
}

ApplyResult LocalStore::applyRangePage(const QString &object, const QVector<IncomingRecord> &page, const IdRange &range,
    qint64 generation, StoreError *error)
{
    return d->applyPageWith(object, page, generation, error, [&](qint64 key, const QString &what) {
        if (!d->writeRange) {
            // Prepared once: it goes with every page of a ranged download.
            d->writeRange = d->prepare(QStringLiteral(
                "UPDATE ranges SET last_id = ?, received = ?, done = ? WHERE obj = ? AND lo = ?"
                " AND EXISTS (SELECT 1 FROM range_plans p WHERE p.obj = ranges.obj AND p.gen = ?)"));
            if (!d->writeRange)
                return d->fail(error, StoreError::Io, what + QStringLiteral(": could not prepare the statement"));
        }
        QSqlQuery &q = *d->writeRange;
        const QVariantList values{text(range.lastId), range.received, int(range.done), key, text(range.lo), generation};
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values[i]);
        if (!d->exec(q, error, what))
            return false;
        if (q.numRowsAffected() != 1)
            return d->fail(error, StoreError::Stale,
                QStringLiteral("%1: the range is no longer planned (a new download took over); the page was dropped")
                    .arg(what));
        return true;
    });
}

bool LocalStore::splitRange(const QString &object, qint64 generation, const QString &lo, const QString &at,
    StoreError *error)
{
    const QString what = QStringLiteral("split a range of %1").arg(object);
    return d->writeObject(object, what, error, [&](qint64 key) {
        if (!d->checkGeneration(key, generation, what, QStringLiteral("nothing was split"), error))
            return false;
        QSqlQuery q(d->db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT r.hi FROM ranges r JOIN range_plans p ON p.obj = r.obj AND p.gen = ?"
                                 " WHERE r.obj = ? AND r.lo = ?"));
        q.addBindValue(generation);
        q.addBindValue(key);
        q.addBindValue(text(lo));
        if (!d->exec(q, error, what))
            return false;
        if (!q.next())
            return d->fail(error, StoreError::Stale, what + QStringLiteral(": the range is no longer planned"));
        const QString hi = q.value(0).toString();
        q.finish();
        // The store orders bounds as SQLite compares text (bytes), like the Ids it keeps.
        if (at.isEmpty() || at <= lo || (!hi.isEmpty() && at >= hi))
            return d->fail(error, StoreError::Invalid,
                QStringLiteral("%1: \"%2\" is not inside the range").arg(what, at.left(40)));
        QSqlQuery shorten(d->db);
        shorten.prepare(QStringLiteral("UPDATE ranges SET hi = ? WHERE obj = ? AND lo = ?"));
        shorten.addBindValue(at);
        shorten.addBindValue(key);
        shorten.addBindValue(text(lo));
        QSqlQuery add(d->db);
        add.prepare(QStringLiteral("INSERT INTO ranges(obj, lo, hi) VALUES (?, ?, ?)"));
        add.addBindValue(key);
        add.addBindValue(at);
        add.addBindValue(text(hi));
        return d->exec(shorten, error, what) && d->exec(add, error, what);
    });
}

bool LocalStore::finishRanges(const QString &object, qint64 generation, StoreError *error)
{
    const QString what = QStringLiteral("finish the ranged download of %1").arg(object);
    return d->writeObject(object, what, error, [&](qint64 key) {
        if (!d->checkGeneration(key, generation, what, QStringLiteral("its new download finishes it"), error))
            return false;
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("UPDATE objects SET pending = ?,"
                                 " cp_modstamp = (SELECT hw_modstamp FROM range_plans p WHERE p.obj = objects.obj),"
                                 " cp_id = (SELECT hw_id FROM range_plans p WHERE p.obj = objects.obj)"
                                 " WHERE obj = ? AND EXISTS (SELECT 1 FROM range_plans p WHERE p.obj = objects.obj"
                                 " AND p.gen = ?)"));
        q.addBindValue(int(PendingOp::None));
        q.addBindValue(key);
        q.addBindValue(generation);
        if (!d->exec(q, error, what))
            return false;
        if (q.numRowsAffected() != 1)
            return d->fail(error, StoreError::Invalid, what + QStringLiteral(": it has no range plan"));
        return d->dropRanges(key, what, error);
    });
}

} // namespace posdata
