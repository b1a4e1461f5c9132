// SPDX-License-Identifier: MIT
// LocalStore's records made or changed on this device (unsaved until uploaded) and their upload
// bookkeeping: local creates, edits and deletes, the uploader's marks (sent, uploaded, refused),
// the external Ids that make uploads retry-safe, and the refused-upload counter.
#include "store/localstore_p.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace posdata {

namespace {

/// A record's payload as the JSON object a field is merged into; nullopt when it is not one
/// (createLocal() takes any bytes), since a merge into it would replace what the record holds.
std::optional<QJsonObject> payloadObject(const QByteArray &payload)
{
    QJsonParseError parsed;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &parsed);
    if (parsed.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

} // namespace

bool LocalStore::Private::replaceReferences(const QString &localId, const QString &serverId, StoreError *error)
{
    const QString from = u'"' + localId + u'"';
    const QString to = u'"' + serverId + u'"';
    QSqlQuery objs(db);
    objs.setForwardOnly(true);
    if (!objs.exec(QStringLiteral("SELECT obj FROM objects")))
        return failSql(error, objs.lastError(), QStringLiteral("replace local Id references"));
    QList<qint64> keysToScan;
    while (objs.next())
        keysToScan.append(objs.value(0).toLongLong());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE records SET payload = CAST(replace(CAST(payload AS TEXT), ?, ?) AS BLOB)"
                             " WHERE obj = ? AND state <> 0 AND instr(CAST(payload AS TEXT), ?) > 0"));
    for (const qint64 k : keysToScan) {
        q.bindValue(0, from);
        q.bindValue(1, to);
        q.bindValue(2, k);
        q.bindValue(3, from);
        if (!exec(q, error, QStringLiteral("replace local Id references")))
            return false;
    }
    return true;
}

bool LocalStore::Private::recountFailedOf(qint64 key, StoreError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "UPDATE objects SET upload_failed_count = (SELECT COUNT(*) FROM records r WHERE r.obj = objects.obj"
        " AND r.state <> 0 AND r.err_code IS NOT NULL) WHERE obj = ?"));
    q.addBindValue(key);
    return exec(q, error, QStringLiteral("count refused uploads"));
}

UnsavedRecord LocalStore::Private::unsavedFromRow(const QSqlQuery &q, const QString &object)
{
    UnsavedRecord r;
    r.object = object;
    r.id = q.value(0).toString();
    r.state = RecordState(q.value(1).toInt());
    r.externalId = q.value(2).toString();
    r.changedAt = dateOrInvalid(q.value(3));
    r.errorCode = q.value(4).toString();
    r.errorMessage = q.value(5).toString();
    r.errorAt = dateOrInvalid(q.value(6));
    r.attempts = q.value(7).toInt();
    r.payload = q.value(8).toByteArray();
    const QJsonValue name = QJsonDocument::fromJson(r.payload).object().value(u"Name");
    if (name.isString())
        r.name = name.toString();
    return r;
}

int LocalStore::Private::recordState(qint64 key, const QString &id, StoreError *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT state FROM records WHERE obj = ? AND id = ?"));
    q.addBindValue(key);
    q.addBindValue(id);
    if (!exec(q, error, QStringLiteral("read record")))
        return -2;
    return q.next() ? q.value(0).toInt() : -1;
}

bool LocalStore::createLocal(const QString &object, const QString &id, const QByteArray &payload,
    StoreError *error, const QString &externalId)
{
    if (!isValidId(id))
        return d->fail(error, StoreError::Invalid, QStringLiteral("invalid record Id"));
    return d->writeObjectDurably(object, QStringLiteral("create record"), error, [&](qint64 key) {
        const qint64 generation = d->generationOf(key, error);
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO records(obj, id, modstamp, state, seen_gen, payload,"
                                 " changed_at, ext_id) VALUES (?, ?, '', ?, ?, ?, ?, ?)"));
        q.addBindValue(key);
        q.addBindValue(id);
        q.addBindValue(int(RecordState::LocallyCreated));
        q.addBindValue(generation);
        q.addBindValue(payload);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(externalId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(externalId));
        if (!d->exec(q, error, QStringLiteral("create record")))
            return false;
        if (q.numRowsAffected() == 0)
            return d->fail(error, StoreError::Invalid, QStringLiteral("%1 %2 already exists").arg(object, id));
        return d->addCounts(key, 0, 1, error) && d->recountInUseOf(key, error);
    });
}

bool LocalStore::Private::editRecord(qint64 key, const QString &object, const QString &id, int state,
    const QByteArray &payload, StoreError *error)
{
    if (state == -1)
        return fail(error, StoreError::Invalid, QStringLiteral("no record %1 %2").arg(object, id));
    if (state == int(RecordState::LocallyDeleted))
        return fail(error, StoreError::Invalid, QStringLiteral("%1 %2 was deleted on this device").arg(object, id));
    QSqlQuery q(db);
    // A new edit is a new attempt: the last refusal no longer applies to it.
    q.prepare(QStringLiteral("UPDATE records SET payload = ?, state = ?, changed_at = ?, err_code = NULL,"
                             " err_message = NULL, err_at = NULL WHERE obj = ? AND id = ?"));
    q.addBindValue(payload);
    q.addBindValue(state == int(RecordState::Synced) ? int(RecordState::LocallyUpdated) : state);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(key);
    q.addBindValue(id);
    if (!exec(q, error, QStringLiteral("update record")))
        return false;
    if (state == int(RecordState::Synced) && !addCounts(key, -1, 1, error))
        return false;
    return recountFailedOf(key, error);
}

bool LocalStore::updateLocal(
    const QString &object, const QString &id, const QByteArray &payload, StoreError *error)
{
    return d->writeObjectDurably(object, QStringLiteral("update record"), error, [&](qint64 key) {
        const int state = d->recordState(key, id, error);
        return state != -2 && d->editRecord(key, object, id, state, payload, error);
    });
}

bool LocalStore::deleteLocal(const QString &object, const QString &id, StoreError *error)
{
    return d->writeObjectDurably(object, QStringLiteral("delete record"), error, [&](qint64 key) {
        const int state = d->recordState(key, id, error);
        if (state == -2)
            return false;
        if (state == -1)
            return d->fail(error, StoreError::Invalid, QStringLiteral("no record %1 %2").arg(object, id));
        if (state == int(RecordState::LocallyDeleted))
            return d->succeed(error);
        QSqlQuery q(d->db);
        bool sent = false;
        if (state == int(RecordState::LocallyCreated)) {
            q.prepare(QStringLiteral("SELECT sent FROM records WHERE obj = ? AND id = ?"));
            q.addBindValue(key);
            q.addBindValue(id);
            if (!d->exec(q, error, QStringLiteral("delete record")))
                return false;
            sent = q.next() && q.value(0).toInt() != 0;
        }
        if (state == int(RecordState::LocallyCreated) && !sent) {
            // Never sent to the server: nothing to upload, so the row simply goes.
            q.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND id = ?"));
            q.addBindValue(key);
            q.addBindValue(id);
            if (!d->exec(q, error, QStringLiteral("delete record")) || !d->addCounts(key, 0, -1, error)
                || !d->recountInUseOf(key, error))
                return false;
        } else {
            // A created record whose upload was sent may be on the server (its answer lost, or the app
            // killed before it came): it stays as a deletion the uploader resolves by its external Id.
            q.prepare(QStringLiteral("UPDATE records SET state = ?, changed_at = ?, err_code = NULL,"
                                     " err_message = NULL, err_at = NULL WHERE obj = ? AND id = ?"));
            q.addBindValue(int(RecordState::LocallyDeleted));
            q.addBindValue(QDateTime::currentMSecsSinceEpoch());
            q.addBindValue(key);
            q.addBindValue(id);
            if (!d->exec(q, error, QStringLiteral("delete record")))
                return false;
            if (state == int(RecordState::Synced) && !d->addCounts(key, -1, 1, error))
                return false;
        }
        return d->recountFailedOf(key, error);
    });
}

bool LocalStore::markUploaded(const QString &object, const QString &localId, const QString &serverId,
    const QString &systemModstamp, StoreError *error, const UnsavedRecord *sent)
{
    const QString target = serverId.isEmpty() ? localId : serverId;
    if (!isValidId(target))
        return d->fail(error, StoreError::Invalid, QStringLiteral("invalid record Id"));
    const QString what = QStringLiteral("mark %1 %2 uploaded").arg(object, localId);
    return d->writeObject(object, what, error, [&](qint64 key) {
        const int state = d->recordState(key, localId, error);
        if (state == -2)
            return false;
        if (state == -1 || state == int(RecordState::Synced))
            return d->fail(
                error, StoreError::Invalid, QStringLiteral("%1 %2 has nothing to upload").arg(object, localId));
        QSqlQuery q(d->db);
        auto removeLocalRow = [&] {
            q.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND id = ?"));
            q.addBindValue(key);
            q.addBindValue(localId);
            return d->exec(q, error, what) && d->addCounts(key, 0, -1, error);
        };
        // Pins and in-use marks made under the temporary Id follow the record to its server Id.
        const auto moveProtection = [&] {
            QSqlQuery p(d->db);
            p.prepare(QStringLiteral("UPDATE OR REPLACE protected SET id = ? WHERE obj = ? AND id = ?"));
            p.addBindValue(target);
            p.addBindValue(key);
            p.addBindValue(localId);
            return d->exec(p, error, what);
        };
        // Changed on the device while the upload was in flight: the newer change stays unsaved.
        bool changedSince = false;
        if (sent && sent->state != RecordState::LocallyDeleted) {
            if (state == int(RecordState::LocallyDeleted)) {
                changedSince = true;
            } else {
                const std::optional<StoredRecord> now = record(object, localId);
                changedSince = now && now->payload != sent->payload;
            }
        }
        if (changedSince) {
            const int keepState = state == int(RecordState::LocallyDeleted) ? state : int(RecordState::LocallyUpdated);
            if (target != localId) {
                const int targetState = d->recordState(key, target, error);
                if (targetState == -2)
                    return false;
                if (targetState >= 0) {
                    // A download brought the server's copy meanwhile: the local change replaces it.
                    q.prepare(QStringLiteral("DELETE FROM records WHERE obj = ? AND id = ?"));
                    q.addBindValue(key);
                    q.addBindValue(target);
                    if (!d->exec(q, error, what)
                        || (targetState == int(RecordState::Synced) && !d->addCounts(key, -1, 0, error))
                        || (targetState > int(RecordState::Synced) && !d->addCounts(key, 0, -1, error)))
                        return false;
                }
                if (!moveProtection())
                    return false;
            }
            // Under its server Id now: a later deletion of it is an ordinary one (no external-Id lookup).
            q.prepare(QStringLiteral("UPDATE records SET id = ?, state = ?, ext_id = CASE WHEN ? THEN NULL ELSE ext_id END,"
                                     " sent = 0 WHERE obj = ? AND id = ?"));
            q.addBindValue(target);
            q.addBindValue(keepState);
            q.addBindValue(target != localId);
            q.addBindValue(key);
            q.addBindValue(localId);
            if (!d->exec(q, error, what))
                return false;
            if (target != localId && !d->replaceReferences(localId, target, error))
                return false;
        } else if (state == int(RecordState::LocallyDeleted)) {
            if (!removeLocalRow())
                return false;
        } else {
            int targetState = -1;
            if (target != localId) {
                targetState = d->recordState(key, target, error);
                if (targetState == -2)
                    return false;
                if (targetState > int(RecordState::Synced))
                    return d->fail(error, StoreError::Invalid,
                        QStringLiteral("%1 %2 already exists with unsaved changes").arg(object, target));
                if (!moveProtection())
                    return false;
            }
            if (targetState == int(RecordState::Synced)) {
                // A download already brought the server's copy: it wins, the local row goes.
                if (!removeLocalRow())
                    return false;
            } else {
                const qint64 generation = d->generationOf(key, error);
                q.prepare(QStringLiteral(
                    "UPDATE records SET id = ?, modstamp = ?, state = 0, seen_gen = ?, err_code = NULL,"
                    " err_message = NULL, err_at = NULL, attempts = 0, ext_id = NULL, sent = 0 WHERE obj = ? AND id = ?"));
                q.addBindValue(target);
                q.addBindValue(systemModstamp.isNull() ? QStringLiteral("") : systemModstamp);
                q.addBindValue(generation);
                q.addBindValue(key);
                q.addBindValue(localId);
                if (!d->exec(q, error, what) || !d->addCounts(key, 1, -1, error))
                    return false;
            }
            if (target != localId && !d->replaceReferences(localId, target, error))
                return false;
        }
        return d->recountInUseOf(key, error) && d->recountFailedOf(key, error);
    });
}

QString LocalStore::createRecord(
    const QString &object, const QJsonObject &fields, const QString &externalIdField, StoreError *error)
{
    if (fields.contains(u"Id"))
        return d->fail(error, StoreError::Invalid, QStringLiteral("a new %1 cannot have an Id").arg(object)), QString();
    if (!externalIdField.isEmpty() && !isValidObjectName(externalIdField))
        return d->fail(error, StoreError::Invalid, QStringLiteral("invalid external Id field")), QString();
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString localId = QStringLiteral("local-") + uuid;
    QJsonObject payload = fields;
    if (!externalIdField.isEmpty())
        payload.insert(externalIdField, uuid);
    if (!createLocal(object, localId, QJsonDocument(payload).toJson(QJsonDocument::Compact), error, uuid))
        return {};
    return localId;
}

bool LocalStore::updateRecord(
    const QString &object, const QString &id, const QJsonObject &changes, StoreError *error)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.key() == u"Id" || it.key() == u"attributes")
            return d->fail(error, StoreError::Invalid, QStringLiteral("%1 cannot be changed").arg(it.key()));
    }
    // Read, merge and write in one transaction: a download or another program's edit between the
    // read and the write would otherwise be overwritten with the old fields.
    return d->writeObject(object, QStringLiteral("update record"), error, [&](qint64 key) {
        QSqlQuery q(d->db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT state, payload FROM records WHERE obj = ? AND id = ?"));
        q.addBindValue(key);
        q.addBindValue(id);
        if (!d->exec(q, error, QStringLiteral("update record")))
            return false;
        const int state = q.next() ? q.value(0).toInt() : -1;
        std::optional<QJsonObject> payload = state >= 0 ? payloadObject(q.value(1).toByteArray()) : QJsonObject();
        q.finish();
        if (!payload)
            return d->fail(error, StoreError::Invalid,
                QStringLiteral("%1 %2 does not hold a JSON object; its fields cannot be changed").arg(object, id));
        for (auto it = changes.begin(); it != changes.end(); ++it)
            payload->insert(it.key(), it.value());
        return d->editRecord(key, object, id, state, QJsonDocument(*payload).toJson(QJsonDocument::Compact), error);
    });
}

QList<UnsavedRecord> LocalStore::unsaved(const QString &object, int limit, bool waitingOnly) const
{
    QList<UnsavedRecord> out;
    const qint64 key = d->checkObject(object, nullptr) ? d->findKey(object) : -1;
    if (key < 0)
        return out;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kUnsavedColumns)
        + QStringLiteral(" FROM records WHERE obj = ? AND state <> 0")
        + (waitingOnly ? QStringLiteral(" AND err_code IS NULL") : QString())
        + QStringLiteral(" ORDER BY rowid LIMIT ?"));
    q.addBindValue(key);
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(Private::unsavedFromRow(q, object));
    return out;
}

QString LocalStore::ensureExternalId(const QString &object, const QString &id, const QString &field, StoreError *error)
{
    if (!isValidObjectName(field))
        return d->fail(error, StoreError::Invalid, QStringLiteral("invalid external Id field")), QString();
    const QString what = QStringLiteral("give %1 %2 an external Id").arg(object, id);
    QString externalId;
    const bool given = d->writeObject(object, what, error, [&](qint64 key) {
        QSqlQuery q(d->db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT state, ext_id, payload FROM records WHERE obj = ? AND id = ?"));
        q.addBindValue(key);
        q.addBindValue(id);
        if (!d->exec(q, error, what))
            return false;
        if (!q.next())
            return d->fail(error, StoreError::Invalid, QStringLiteral("no record %1 %2").arg(object, id));
        if (q.value(0).toInt() != int(RecordState::LocallyCreated))
            return d->fail(error, StoreError::Invalid, QStringLiteral("%1 %2 was not created here").arg(object, id));
        externalId = q.value(1).toString();
        if (!externalId.isEmpty())
            return true;
        std::optional<QJsonObject> payload = payloadObject(q.value(2).toByteArray());
        q.finish();
        if (!payload)
            return d->fail(error, StoreError::Invalid,
                QStringLiteral("%1 %2 does not hold a JSON object; no external Id can be written into it")
                    .arg(object, id));
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        payload->insert(field, uuid);
        QSqlQuery u(d->db);
        u.prepare(QStringLiteral("UPDATE records SET ext_id = ?, payload = ? WHERE obj = ? AND id = ?"));
        u.addBindValue(uuid);
        u.addBindValue(QJsonDocument(*payload).toJson(QJsonDocument::Compact));
        u.addBindValue(key);
        u.addBindValue(id);
        if (!d->exec(u, error, what))
            return false;
        externalId = uuid;
        return true;
    });
    return given ? externalId : QString();
}

bool LocalStore::markSent(const QString &object, const QStringList &ids, StoreError *error)
{
    return d->writeObject(object, QStringLiteral("mark sent"), error, [&](qint64 key) {
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("UPDATE records SET sent = 1 WHERE obj = ? AND id = ? AND state = ?"));
        for (const QString &id : ids) {
            q.bindValue(0, key);
            q.bindValue(1, id);
            q.bindValue(2, int(RecordState::LocallyCreated));
            if (!d->exec(q, error, QStringLiteral("mark %1 %2 sent").arg(object, id)))
                return false;
        }
        return true;
    });
}

bool LocalStore::isPendingLocalId(const QString &id) const
{
    if (!isValidId(id))
        return false;
    // One primary-key lookup per object: a handful.
    QSqlQuery objs(d->db);
    objs.setForwardOnly(true);
    if (!objs.exec(QStringLiteral("SELECT obj FROM objects")))
        return false;
    QList<qint64> keys;
    while (objs.next())
        keys.append(objs.value(0).toLongLong());
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT 1 FROM records WHERE obj = ? AND id = ? AND state = ?"));
    for (const qint64 key : keys) {
        q.bindValue(0, key);
        q.bindValue(1, id);
        q.bindValue(2, int(RecordState::LocallyCreated));
        if (q.exec() && q.next())
            return true;
    }
    return false;
}

bool LocalStore::setUploadError(const QString &object, const QString &id, const QString &code,
    const QString &message, const QDateTime &when, StoreError *error)
{
    const QString what = QStringLiteral("keep the upload error of %1 %2").arg(object, id);
    return d->writeObject(object, what, error, [&](qint64 key) {
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral(
            "UPDATE records SET err_code = ?, err_message = ?, err_at = ?, attempts = attempts + 1"
            " WHERE obj = ? AND id = ? AND state <> 0"));
        q.addBindValue(code.isEmpty() ? QStringLiteral("UNKNOWN_EXCEPTION") : code);
        q.addBindValue(message);
        q.addBindValue(msOrNull(when.isValid() ? when : QDateTime::currentDateTimeUtc()));
        q.addBindValue(key);
        q.addBindValue(id);
        if (!d->exec(q, error, what))
            return false;
        if (q.numRowsAffected() == 0)
            return d->fail(
                error, StoreError::Invalid, QStringLiteral("%1 %2 has nothing to upload").arg(object, id));
        return d->recountFailedOf(key, error);
    });
}

bool LocalStore::clearUploadErrors(const QString &object, StoreError *error)
{
    const QString what = QStringLiteral("retry the uploads of %1").arg(object);
    return d->writeObject(object, what, error, [&](qint64 key) {
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("UPDATE records SET err_code = NULL, err_message = NULL, err_at = NULL"
                                 " WHERE obj = ? AND state <> 0 AND err_code IS NOT NULL"));
        q.addBindValue(key);
        return d->exec(q, error, what) && d->recountFailedOf(key, error);
    });
}

} // namespace posdata
