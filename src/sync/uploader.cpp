// SPDX-License-Identifier: MIT
#include "uploader.h"

#include "config/soqlbuilder.h"
#include "sync/synctuning.h"

#include "net/salesforceclient.h"
#include "store/localstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUrl>

Q_LOGGING_CATEGORY(lcUpload, "posdata.upload")

namespace posdata {

namespace {

/// Per-record codes that say nothing about the record itself: it is sent again later.
bool isTransientRecordCode(const QString &code)
{
    return code == QLatin1String("UNABLE_TO_LOCK_ROW") || code == QLatin1String("SERVER_UNAVAILABLE")
        || code == QLatin1String("REQUEST_LIMIT_EXCEEDED")
        || code == QLatin1String("ALL_OR_NONE_OPERATION_ROLLED_BACK");
}

/// True when the payload still refers to another record that exists on this device only (its own
/// Id, or a text that merely starts with "local-", does not count).
bool refersToLocalRecord(const UnsavedRecord &r, const LocalStore &store)
{
    static const QByteArray marker = QByteArrayLiteral("\"local-");
    for (qsizetype at = r.payload.indexOf(marker); at >= 0; at = r.payload.indexOf(marker, at + 1)) {
        const qsizetype end = r.payload.indexOf('"', at + 1);
        if (end < 0)
            break;
        const QString value = QString::fromUtf8(r.payload.mid(at + 1, end - at - 1));
        if (value != r.id && store.isPendingLocalId(value))
            return true;
    }
    return false;
}

QString recordOwnKey(const UnsavedRecord &r)
{
    return r.object.toLower() + u'/' + r.id;
}

} // namespace

Uploader::Uploader(LocalStore *store, SalesforceClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_client(client)
    , m_options(options)
{
    m_retryTimer.setSingleShot(true);
    // A retry starts over from the description: a failed describe leaves nothing to build bodies from.
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_busy && m_index >= 0 && m_index < m_objects.size())
            describeThen([this] { nextBatch(); });
    });
}

bool Uploader::run(const QList<SyncObjectConfig> &objects, StillWanted stillWanted, Done done)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_objects = objects;
    m_index = -1;
    m_stillWanted = std::move(stillWanted);
    m_done = std::move(done);
    m_results.clear();
    QMetaObject::invokeMethod(this, &Uploader::nextObject, Qt::QueuedConnection);
    return true;
}

void Uploader::cancel()
{
    ++m_seq;
    m_retryTimer.stop();
    m_busy = false;
    m_done = {};
    m_stillWanted = {};
    m_index = -1;
}

QString Uploader::currentObject() const
{
    return m_busy && m_index >= 0 && m_index < m_objects.size() ? m_objects[m_index].name : QString();
}

void Uploader::nextObject()
{
    if (!m_busy)
        return;
    ++m_index;
    // Skip objects with nothing waiting: one O(1) read each.
    while (m_index < m_objects.size()) {
        const SyncObjectConfig &o = m_objects[m_index];
        const ObjectState st = m_store->objectState(o.name);
        if (st.unsavedCount > st.uploadFailedCount && (!m_stillWanted || m_stillWanted(o.name)))
            break;
        ++m_index;
    }
    if (m_index >= m_objects.size()) {
        m_busy = false;
        Done done = std::move(m_done);
        m_done = {};
        if (done)
            done(m_results);
        return;
    }
    m_results.append(ObjectResult { m_objects[m_index].name, 0, 0, std::nullopt, std::nullopt });
    m_attempts = 0;
    m_sentThisPass.clear();
    describeThen([this] { nextBatch(); });
}

void Uploader::describeThen(std::function<void()> then)
{
    const QString name = m_objects[m_index].name;
    if (m_fields.contains(name.toLower())) {
        then();
        return;
    }
    m_client->rest("GET", QStringLiteral("/sobjects/%1/describe").arg(name), {},
        onAnswer([this, name, then](const QByteArray &body) {
            const QJsonObject doc = QJsonDocument::fromJson(body).object();
            const QJsonArray fields = doc.value(u"fields").toArray();
            if (fields.isEmpty()) {
                batchFailed(
                    ApiError::malformed(QStringLiteral("The description of %1 has no fields").arg(name)));
                return;
            }
            Fields f;
            for (const QJsonValue &v : fields) {
                const QJsonObject field = v.toObject();
                const QString fname = field.value(u"name").toString();
                if (field.value(u"createable").toBool())
                    f.createable << fname;
                if (field.value(u"updateable").toBool())
                    f.updateable << fname;
            }
            m_fields.insert(name.toLower(), f);
            then();
        }));
}

SalesforceClient::BodyCallback Uploader::onAnswer(std::function<void(const QByteArray &)> handle)
{
    const quint64 seq = m_seq;
    return [this, seq, handle = std::move(handle)](const ApiError &error, const QByteArray &body) {
        if (seq != m_seq)
            return; // cancelled meanwhile
        if (!error.ok()) {
            batchFailed(error);
            return;
        }
        handle(body);
    };
}

void Uploader::nextBatch()
{
    if (!m_busy || m_index < 0 || m_index >= m_objects.size())
        return;
    const SyncObjectConfig &o = m_objects[m_index];
    if (m_stillWanted && !m_stillWanted(o.name)) {
        finishObject(std::nullopt); // paused: what is left waits for resume
        return;
    }
    // The waiting records, oldest first; ones tried in this pass (refused or sent) are not resent.
    const QList<UnsavedRecord> waiting = m_store->unsaved(o.name, -1, true);
    QList<UnsavedRecord> batch;
    Kind kind = Kind::Create;
    bool haveKind = false;
    for (const UnsavedRecord &r : waiting) {
        if (m_sentThisPass.value(recordOwnKey(r)) >= 2)
            continue; // sent twice in this pass already (e.g. rolled back with an all-or-none batch)
        if (r.state != RecordState::LocallyDeleted && refersToLocalRecord(r, *m_store))
            continue; // waits until the record it points at has its server Id
        const Kind k = r.state == RecordState::LocallyCreated ? Kind::Create
            : r.state == RecordState::LocallyUpdated          ? Kind::Update
            : r.externalId.isEmpty()                          ? Kind::Delete
                                                              : Kind::DeleteUnconfirmed;
        if (!haveKind) {
            kind = k;
            haveKind = true;
        }
        if (k != kind)
            continue;
        batch.append(r);
        if (batch.size() >= m_options.batchSize)
            break;
    }
    if (batch.isEmpty()) {
        finishObject(std::nullopt);
        return;
    }
    if (!m_fields.contains(o.name.toLower())) {
        describeThen([this] { nextBatch(); }); // never send a body without knowing the writable fields
        return;
    }
    if (kind == Kind::Create && !o.externalId.isEmpty()) {
        // A record written without one (LocalStore::createLocal) gets its upload key before it goes.
        for (UnsavedRecord &r : batch) {
            if (!r.externalId.isEmpty())
                continue;
            StoreError error;
            r.externalId = m_store->ensureExternalId(r.object, r.id, o.externalId, &error);
            if (r.externalId.isEmpty()) {
                batchFailed(ApiError {
                    ApiError::Kind::Permanent, 0, QStringLiteral("STORE_ERROR"), error.message, {} });
                return;
            }
            if (const auto stored = m_store->record(r.object, r.id))
                r.payload = stored->payload;
        }
    }
    if (kind == Kind::Create) {
        // From here on the server may have them: a deletion on the device must then reach it too.
        QStringList ids;
        for (const UnsavedRecord &r : batch)
            ids << r.id;
        StoreError error;
        if (!m_store->markSent(o.name, ids, &error)) {
            batchFailed(
                ApiError { ApiError::Kind::Permanent, 0, QStringLiteral("STORE_ERROR"), error.message, {} });
            return;
        }
    }
    if (kind == Kind::DeleteUnconfirmed) {
        resolveUnconfirmed(batch);
        return;
    }
    sendBatch(kind, batch);
}

void Uploader::resolveUnconfirmed(const QList<UnsavedRecord> &records)
{
    const SyncObjectConfig &o = m_objects[m_index];
    if (o.externalId.isEmpty()) {
        settleDeletes(records, {}); // no key to look it up by: nothing more can be done
        return;
    }
    QStringList uuids;
    for (const UnsavedRecord &r : records)
        uuids << SoqlBuilder::stringLiteral(r.externalId);
    const QString soql = QStringLiteral("SELECT Id, %1 FROM %2 WHERE %1 IN (%3)")
                             .arg(o.externalId, o.name, uuids.join(QStringLiteral(", ")));
    const QString extField = o.externalId;
    m_client->query(soql, 0, false, onAnswer([this, records, extField](const QByteArray &body) {
        const QJsonObject page = QJsonDocument::fromJson(body).object();
        if (!page.value(u"records").isArray()) {
            batchFailed(
                ApiError::malformed(QStringLiteral("The lookup of %1 by external Id could not be read")
                                        .arg(m_objects[m_index].name)));
            return;
        }
        QHash<QString, QString> serverIdByUuid;
        for (const QJsonValue &v : page.value(u"records").toArray()) {
            const QJsonObject rec = v.toObject();
            serverIdByUuid.insert(rec.value(extField).toString(), rec.value(u"Id").toString());
        }
        QStringList serverIds;
        for (const UnsavedRecord &r : records)
            if (serverIdByUuid.contains(r.externalId))
                serverIds << serverIdByUuid.value(r.externalId);
        if (serverIds.isEmpty()) {
            settleDeletes(records, {}); // the create never landed
            return;
        }
        m_client->rest("DELETE",
            QStringLiteral("/composite/sobjects?ids=%1&allOrNone=false").arg(serverIds.join(u',')), {},
            onAnswer([this, records, serverIdByUuid, serverIds](const QByteArray &answer) {
                const QJsonArray results = QJsonDocument::fromJson(answer).array();
                if (results.size() != serverIds.size()) {
                    batchFailed(
                        ApiError::malformed(QStringLiteral("The delete answer of %1 could not be read")
                                                .arg(m_objects[m_index].name)));
                    return;
                }
                QHash<QString, UploadOutcome> outcomes;
                for (const UnsavedRecord &r : records) {
                    const qsizetype at = serverIds.indexOf(serverIdByUuid.value(r.externalId));
                    if (at >= 0)
                        outcomes.insert(
                            r.id, outcomeOf(r.id, results[at].toObject(), Kind::DeleteUnconfirmed));
                }
                settleDeletes(records, outcomes);
            }));
    }));
}

void Uploader::settleDeletes(
    const QList<UnsavedRecord> &records, const QHash<QString, UploadOutcome> &outcomes)
{
    m_attempts = 0;
    for (const UnsavedRecord &r : records)
        settle(Kind::DeleteUnconfirmed, r, outcomes.value(r.id, UploadOutcome { r.id, true, {}, {}, {} }));
    emit progressed(m_objects[m_index].name);
    nextBatch();
}

QByteArray Uploader::recordBody(Kind kind, const UnsavedRecord &record, bool *ok) const
{
    const SyncObjectConfig &o = m_objects[m_index];
    const Fields f = m_fields.value(o.name.toLower());
    const QStringList &allowed = kind == Kind::Create ? f.createable : f.updateable;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(record.payload, &parseError);
    *ok = doc.isObject();
    QJsonObject out;
    out.insert(QStringLiteral("attributes"), QJsonObject { { QStringLiteral("type"), o.name } });
    const QJsonObject payload = doc.object();
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        if (allowed.contains(it.key(), Qt::CaseInsensitive))
            out.insert(it.key(), it.value());
    }
    if (kind == Kind::Update)
        out.insert(QStringLiteral("Id"), record.id);
    if (kind == Kind::Create && !o.externalId.isEmpty() && !record.externalId.isEmpty())
        out.insert(o.externalId, record.externalId);
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

void Uploader::sendBatch(Kind kind, const QList<UnsavedRecord> &records)
{
    const SyncObjectConfig &o = m_objects[m_index];
    const QString allOrNone = o.uploadAllOrNone ? QStringLiteral("true") : QStringLiteral("false");
    QByteArray method;
    QString path;
    QByteArray body;
    if (kind == Kind::Delete) {
        QStringList ids;
        for (const UnsavedRecord &r : records)
            ids << QString::fromLatin1(QUrl::toPercentEncoding(r.id));
        method = "DELETE";
        path = QStringLiteral("/composite/sobjects?ids=%1&allOrNone=%2").arg(ids.join(u','), allOrNone);
    } else {
        QByteArray list = "[";
        for (const UnsavedRecord &r : records) {
            bool ok = false;
            const QByteArray one = recordBody(kind, r, &ok);
            if (list.size() > 1)
                list += ',';
            list += one;
        }
        list += ']';
        body = "{\"allOrNone\":" + allOrNone.toLatin1() + ",\"records\":" + list + '}';
        if (kind == Kind::Create && !o.externalId.isEmpty()) {
            method = "PATCH"; // upsert by the external Id: retry-safe
            path = QStringLiteral("/composite/sobjects/%1/%2").arg(o.name, o.externalId);
        } else {
            method = kind == Kind::Create ? "POST" : "PATCH";
            path = QStringLiteral("/composite/sobjects");
        }
    }
    m_client->rest(method, path, body,
        onAnswer([this, kind, records](const QByteArray &answer) { batchAnswered(kind, records, answer); }));
}

void Uploader::batchAnswered(Kind kind, const QList<UnsavedRecord> &records, const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonArray results = doc.array();
    if (!doc.isArray() || results.size() != records.size()) {
        // The server may have applied it: the retry is safe (upsert by external Id, idempotent
        // updates, deletes of deleted records succeed).
        batchFailed(ApiError::malformed(
            QStringLiteral("The upload answer of %1 could not be read (%2 results for %3 records)")
                .arg(m_objects[m_index].name)
                .arg(results.size())
                .arg(records.size())));
        return;
    }
    m_attempts = 0;
    for (qsizetype i = 0; i < records.size(); ++i)
        settle(kind, records[i], outcomeOf(records[i].id, results[i].toObject(), kind));
    emit progressed(m_objects[m_index].name);
    nextBatch();
}

UploadOutcome Uploader::outcomeOf(const QString &id, const QJsonObject &result, Kind kind)
{
    UploadOutcome o;
    o.id = id;
    o.success = result.value(u"success").toBool();
    o.serverId = result.value(u"id").toString();
    const QJsonArray errors = result.value(u"errors").toArray();
    if (!errors.isEmpty()) {
        const QJsonObject e = errors.first().toObject();
        o.errorCode = e.value(u"statusCode").toString();
        o.errorMessage = e.value(u"message").toString();
        QStringList names;
        for (const QJsonValue &f : e.value(u"fields").toArray())
            names << f.toString();
        if (!names.isEmpty())
            o.errorMessage += QStringLiteral(" (%1)").arg(names.join(QStringLiteral(", ")));
    }
    // A record deleted on the server is what a local delete wanted.
    if (!o.success && kind != Kind::Create && kind != Kind::Update
        && o.errorCode == QLatin1String("ENTITY_IS_DELETED"))
        o.success = true;
    return o;
}

void Uploader::settle(Kind kind, const UnsavedRecord &r, UploadOutcome outcome)
{
    ObjectResult &result = m_results.last();
    m_sentThisPass[recordOwnKey(r)] += 1;
    StoreError error;
    if (outcome.success && kind == Kind::Create && outcome.serverId.isEmpty()) {
        outcome.success = false;
        outcome.errorCode = QStringLiteral("MALFORMED_RESPONSE");
        outcome.errorMessage = QStringLiteral("The server accepted the record but gave no Id");
    }
    if (outcome.success) {
        const QString serverId = kind == Kind::Create ? outcome.serverId : QString();
        if (m_store->markUploaded(r.object, r.id, serverId, QString(), &error, &r)) {
            ++result.uploaded;
            emit recordUploaded(r.object, r.id, serverId.isEmpty() ? r.id : serverId);
        }
    } else if (isTransientRecordCode(outcome.errorCode)) {
        // Nothing wrong with this record: it goes again in the next pass.
    } else {
        if (outcome.errorCode.isEmpty())
            outcome.errorCode = QStringLiteral("UNKNOWN_EXCEPTION");
        if (outcome.errorMessage.isEmpty())
            outcome.errorMessage = QStringLiteral("The server refused the record without saying why");
        if (m_store->setUploadError(r.object, r.id, outcome.errorCode, outcome.errorMessage,
                QDateTime::currentDateTimeUtc(), &error)) {
            ++result.refused;
            emit recordRefused(r.object, r.id, outcome.errorCode, outcome.errorMessage);
        }
    }
    if (!error.ok()) {
        // The record stays unsaved and goes again (an upsert: no duplicate); the object says why.
        qCWarning(lcUpload) << "could not record the upload of" << r.object << r.id << ":" << error.message;
        if (!result.storeError)
            result.storeError = error;
    }
}

void Uploader::batchFailed(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Transient && ++m_attempts < m_options.maxAttempts
        && !error.isLimitExceeded()) {
        const int delay = tuning::backoffDelay(m_attempts, m_options.backoffBaseMs, m_options.backoffMaxMs);
        qCInfo(lcUpload) << "upload of" << m_objects[m_index].name << "failed:" << error.code
                         << "- retrying in" << delay << "ms";
        m_retryTimer.start(delay);
        return;
    }
    finishObject(error);
}

void Uploader::finishObject(std::optional<ApiError> error)
{
    if (!m_results.isEmpty())
        m_results.last().error = error;
    if (error && error->kind == ApiError::Kind::Auth) {
        // Sign-in required: nothing else can be uploaded either.
        m_index = m_objects.size() - 1;
    }
    nextObject();
}

} // namespace posdata
