// SPDX-License-Identifier: MIT
#pragma once

#include "config/syncobjectconfig.h"
#include "net/apierror.h"
#include "net/salesforceclient.h"
#include "store/storetypes.h"
#include "sync/synctuning.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <optional>

namespace posdata {

class LocalStore;

/// Uploads unsaved records through /composite/sobjects, on the engine thread, before each download.
///
/// Per object, in priority order: GET describe once (which fields the server lets us create and
/// update), then the records waiting to upload in batches of at most 200: creates as upserts by the
/// object's external Id (a lost answer and a retry never make a duplicate; without one, plain
/// inserts), updates, deletes. Each record's result is written at once: a success marks it synced
/// (a create takes its server Id everywhere the store refers to it), a refusal keeps it unsaved
/// with the server's statusCode and message, and it waits for "Retry upload" or a new local edit.
/// A batch-level failure (network, timeout, 5xx, malformed answer) is retried with back-off; a
/// record whose payload still points at another record's local Id waits for that one.
class Uploader : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int backoffBaseMs = tuning::kBackoffBaseMs;
        int backoffMaxMs = tuning::kBackoffMaxMs;
        int maxAttempts = tuning::kMaxAttemptsPerCycle; ///< batch failures in a row before the object waits for the next cycle
        int batchSize = 200; ///< Salesforce's limit for /composite/sobjects
    };
    /// What one object's upload pass came to.
    struct ObjectResult
    {
        QString object;
        qint64 uploaded = 0;
        qint64 refused = 0;
        std::optional<ApiError> error; ///< the batch-level error it stopped on, if any
        std::optional<StoreError> storeError; ///< an answer the store could not record (sent again later)
    };
    using Done = std::function<void(const QList<ObjectResult> &results)>;
    /// Asked before each batch: false when the object was paused (or the run cancelled) meanwhile.
    using StillWanted = std::function<bool(const QString &object)>;

    Uploader(LocalStore *store, SalesforceClient *client, Options options, QObject *parent = nullptr);

    /// Uploads the waiting records of these objects, one object after the other. `done` runs once,
    /// queued, when all are through (at once when nothing waits). Refused while busy().
    bool run(const QList<SyncObjectConfig> &objects, StillWanted stillWanted, Done done);
    /// Drops the pass: the batch in flight is forgotten (its records upload again next time, which
    /// the external Id makes safe); `done` is not called.
    void cancel();
    bool busy() const { return m_busy; }
    /// The object being uploaded now, empty when idle.
    QString currentObject() const;

signals:
    /// Records of `object` changed state (uploaded or refused): counts moved.
    void progressed(const QString &object);
    /// One record reached the server: `serverId` is its Id there (the local Id it had is `id`).
    void recordUploaded(const QString &object, const QString &id, const QString &serverId);
    /// The server refused one record: it stays unsaved with this error until a retry or an edit.
    void recordRefused(const QString &object, const QString &id, const QString &code, const QString &message);

private:
    struct Fields
    {
        QStringList createable;
        QStringList updateable;
    };
    enum class Kind
    {
        Create,
        Update,
        Delete,
        DeleteUnconfirmed ///< a created record deleted after its upload was sent: found by external Id
    };

    void nextObject();
    void describeThen(std::function<void()> then);
    void nextBatch();
    void sendBatch(Kind kind, const QList<UnsavedRecord> &records);
    /// Deletes on the server whatever it made of these (looked up by external Id), then drops them.
    void resolveUnconfirmed(const QList<UnsavedRecord> &records);
    /// The records are done with: their rows go (LocalStore::markUploaded), or keep `code`.
    void settleDeletes(const QList<UnsavedRecord> &records, const QHash<QString, UploadOutcome> &outcomes);
    /// One record of a /composite/sobjects answer, in the store's terms.
    static UploadOutcome outcomeOf(const QString &id, const QJsonObject &result, Kind kind);
    /// Writes one record's answer into the store: synced (and its server Id), refused with the error,
    /// or left waiting (a code that says nothing about the record).
    void settle(Kind kind, const UnsavedRecord &record, UploadOutcome outcome);
    void batchAnswered(Kind kind, const QList<UnsavedRecord> &records, const QByteArray &body);
    /// A request callback that drops an answer arriving after cancel() and turns an error into
    /// batchFailed(); `handle` gets the body of a successful answer.
    SalesforceClient::BodyCallback onAnswer(std::function<void(const QByteArray &)> handle);
    void batchFailed(const ApiError &error);
    void finishObject(std::optional<ApiError> error);
    QByteArray recordBody(Kind kind, const UnsavedRecord &record, bool *ok) const;

    LocalStore *m_store;
    SalesforceClient *m_client;
    Options m_options;
    QHash<QString, Fields> m_fields; ///< describe results, by object (lower case)
    QList<SyncObjectConfig> m_objects;
    qsizetype m_index = -1;
    StillWanted m_stillWanted;
    Done m_done;
    QList<ObjectResult> m_results;
    bool m_busy = false;
    quint64 m_seq = 0; ///< bumped by cancel(): late answers are dropped
    int m_attempts = 0; ///< batch failures in a row
    QHash<QString, int> m_sentThisPass; ///< sends per record in this pass: at most two
    QTimer m_retryTimer;
};

} // namespace posdata
