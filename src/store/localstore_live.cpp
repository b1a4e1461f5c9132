// SPDX-License-Identifier: MIT
// LocalStore's live-state row (the `live` table): the running engine writes what it is doing about
// twice a second, other programs (posdata status, a second screen) read it.
#include "store/localstore_p.h"
#include "store/storetuning.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace posdata {

bool LocalStore::writeLiveState(const QByteArray &json, StoreError *error)
{
    if (!d->checkWritable(error))
        return false;
    // Readers parse it as it is: only a JSON object gets in, so what they read always parses.
    if (json.size() > tuning::LiveStateMaxBytes)
        return d->fail(error, StoreError::Invalid,
            QStringLiteral("the live state is %1 bytes, more than the %2 the store takes")
                .arg(json.size())
                .arg(tuning::LiveStateMaxBytes));
    if (json.isEmpty())
        return d->fail(error, StoreError::Invalid, QStringLiteral("the live state is empty (a JSON object is needed)"));
    QJsonParseError parsed;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parsed);
    if (parsed.error != QJsonParseError::NoError)
        return d->fail(error, StoreError::Invalid,
            QStringLiteral("the live state is not JSON: %1 at byte %2").arg(parsed.errorString()).arg(parsed.offset));
    if (!doc.isObject())
        return d->fail(error, StoreError::Invalid, QStringLiteral("the live state is not a JSON object"));
    const QString what = QStringLiteral("write the live state");
    if (!d->writeLive) {
        // Prepared once: the engine writes it twice a second for as long as it runs.
        d->writeLive = d->prepare(QStringLiteral("INSERT OR REPLACE INTO live(one, pid, heartbeat, json)"
                                                 " VALUES (1, ?, ?, ?)"));
        if (!d->writeLive)
            return d->fail(error, StoreError::Io, what + QStringLiteral(": could not prepare the statement"));
    }
    QSqlQuery &q = *d->writeLive;
    q.bindValue(0, QCoreApplication::applicationPid());
    q.bindValue(1, QDateTime::currentMSecsSinceEpoch());
    q.bindValue(2, json);
    if (!d->exec(q, error, what))
        return false;
    return d->succeed(error);
}

std::optional<LiveState> LocalStore::liveState() const
{
    // A new statement each time, finished before returning: a read transaction left open would
    // pin this connection to an old snapshot and it would never see the engine's next write.
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT pid, heartbeat, json FROM live WHERE one = 1"))) {
        d->failSql(nullptr, q.lastError(), QStringLiteral("read the live state"));
        return std::nullopt;
    }
    d->succeed(nullptr);
    if (!q.next())
        return std::nullopt;
    LiveState live { q.value(0).toLongLong(), dateOrInvalid(q.value(1)), q.value(2).toByteArray() };
    q.finish();
    return live;
}

bool LocalStore::addSyncCycle(const SyncCycle &cycle, StoreError *error)
{
    if (!d->checkWritable(error))
        return false;
    const QString what = QStringLiteral("keep the sync cycle");
    SqlTransaction tx(d->db);
    if (!tx.isActive())
        return d->failSql(error, tx.lastError(), what);
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("INSERT INTO sync_cycles(started_at, duration_ms, api_calls, what) VALUES (?, ?, ?, ?)"));
    q.addBindValue(msOrNull(cycle.startedAt.isValid() ? cycle.startedAt : QDateTime::currentDateTimeUtc()));
    q.addBindValue(cycle.durationMs);
    q.addBindValue(cycle.apiCalls);
    q.addBindValue(cycle.what);
    if (!d->exec(q, error, what))
        return false;
    q.prepare(QStringLiteral("DELETE FROM sync_cycles WHERE id NOT IN"
                             " (SELECT id FROM sync_cycles ORDER BY id DESC LIMIT ?)"));
    q.addBindValue(tuning::KeptSyncCycles);
    if (!d->exec(q, error, what))
        return false;
    if (!tx.commit())
        return d->failSql(error, tx.lastError(), what);
    return d->succeed(error);
}

QList<SyncCycle> LocalStore::syncCycles() const
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    QList<SyncCycle> out;
    if (!q.exec(QStringLiteral("SELECT started_at, duration_ms, api_calls, what FROM sync_cycles ORDER BY id DESC"))) {
        d->failSql(nullptr, q.lastError(), QStringLiteral("read the sync cycles"));
        return out;
    }
    while (q.next())
        out.append({dateOrInvalid(q.value(0)), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toString()});
    d->succeed(nullptr);
    return out;
}

bool LocalStore::clearLiveState(StoreError *error)
{
    if (!d->checkWritable(error) || !d->execSql(QStringLiteral("DELETE FROM live"), error))
        return false;
    return d->succeed(error);
}

} // namespace posdata
