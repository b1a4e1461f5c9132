// SPDX-License-Identifier: MIT
#pragma once

// The sync engine's worker: the scheduling of cycles and the downloads, on the engine thread.

#include "config/soqlbuilder.h"
#include "net/apierror.h"
#include "net/salesforceclient.h"
#include "store/storetypes.h"
#include "sync/devicestorage.h"
#include "sync/scopelabel.h"
#include "sync/snapshotpublisher.h"
#include "sync/syncaction.h"
#include "sync/syncengine.h"
#include "sync/uploader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

class QThread;

namespace posdata {

class LocalStore;

/// Lives on the engine thread, owns the store connection, the client and the uploader, and runs
/// every object through one state machine:
///
///   Idle -> [Counting] -> Queued -> Downloading -> Recounting -> Idle (settled)
///                 \______ Backoff (a retry within the cycle, holding no download slot) _____/
///
/// A cycle uploads first, then asks the server in one /composite call per five objects what changed
/// since each checkpoint; only changed objects download (a delta: queryAll from the keyset
/// checkpoint, following nextRecordsUrl), and every download ends with a recount of the objects it
/// touched before their status settles, so "Fully synced" always rests on counts read after the
/// data arrived. Objects without a checkpoint, with a pending resync, or just uploaded to skip the
/// question and download at once.
///
/// Query pages arrive parsed from the parser thread (SalesforceClient::setPageThread), one request
/// ahead, and each is written with its checkpoint in one transaction that the store refuses when the
/// object's generation moved on (a clear or a resync, from this app or another process): a page of
/// an older generation is never written. Every late result carries its download's sequence number.
///
/// Failures are bounded: a transient one is retried with back-off and jitter up to
/// kMaxAttemptsPerCycle times, then the object waits for the next cycle; a chain that does not
/// advance, a locator that keeps failing or REQUEST_LIMIT_EXCEEDED end the attempt at once; a
/// permanent one stops the object until a person acts. Every failure, network or store, reaches the
/// object's errors in words.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    explicit SyncWorker(SyncEngineOptions options);
    ~SyncWorker() override;

    // --- to worker (queued from the facade) ---
    void start(); ///< opens the store in this thread, then the first cycle
    void shutdown(); ///< stops requests and timers, closes the store (before the thread quits)
    void perform(const SyncAction &action);
    void setRefreshToken(const QString &token); ///< new credentials from the host: sign in again now
    /// The till's outlet or shift changed (a shift opened or closed): scopes are bound again, the
    /// records in use follow, and an object whose scope changed downloads again (or, with nothing
    /// in scope, keeps only its unsaved records and those in use). An empty outlet is refused.
    void setDeviceValues(const QString &outletId, const QString &shiftId);
    void setAccessToken(const QByteArray &token); ///< a fresh access token from the host: go on now
    void requestClearPlan(const QStringList &objects);
    void requestUnsaved(const QString &object);
    /// A person discards one unsaved record (LocalStore::discardUnsaved): the answer comes as
    /// unsavedDiscarded(). Refused while that object's upload is in flight (the record may be in it).
    void discardUnsaved(const QString &object, const QString &id);
    /// Writes the support report (SupportReport) into `folder`: the answer is reportWritten().
    void writeReport(const QString &folder);
    void createLocal(quint64 ticket, const QString &object, const QJsonObject &fields);
    void updateLocal(quint64 ticket, const QString &object, const QString &id, const QJsonObject &fields);
    void deleteLocal(quint64 ticket, const QString &object, const QString &id);

signals:
    // --- from worker ---
    void snapshotReady(const posdata::EngineSnapshot &snapshot);
    void clearPlanReady(const QList<posdata::ClearPlan> &plans);
    void unsavedReady(const QString &object, const QList<posdata::UnsavedRecord> &records);
    /// The answer to discardUnsaved(): `error` is empty when the record went to the discarded log.
    void unsavedDiscarded(const QString &object, const QString &id, const QString &error);
    /// The answer to writeReport(): the JSON's path (its .txt twin beside it), or why not.
    void reportWritten(const QString &path, const QString &error);
    void localWriteStored(quint64 ticket, const QString &object, const QString &id);
    void localWriteFailed(quint64 ticket, const QString &object, const QString &message);
    void recordUploaded(const QString &object, const QString &id, const QString &serverId);
    void recordRefused(const QString &object, const QString &id, const QString &code, const QString &message);
    void credentialsNeeded();
    void started();
    void fatalError(const QString &message);
    void idle(); ///< a cycle ended: every object settled, waiting for a later try, or stopped

private:
    struct Run;

    Run *find(const QString &object);
    QList<Run *> targets(const QString &object);

    // cycles
    /// A cycle over every object, or over `only` (objects just uploaded to: the others' counts are
    /// still fresh, so they cost no query and keep their timer).
    void startCycle(const std::optional<QSet<Run *>> &only = std::nullopt);
    void countPhase();
    bool inCycle(Run *run) const;
    void maybeEndCycle();
    void endCycle();
    /// The ended cycle into the store's history (LocalStore::addSyncCycle()) for the support report.
    void keepCycle();
    /// Uploads the waiting records of every object that is not paused, then runs `then` (unless
    /// sign-in became required). While a pass runs, `then` waits for it.
    void runUploads(std::function<void()> then);
    void uploadsDone(const QList<Uploader::ObjectResult> &results);
    void localWriteDone(quint64 ticket, const QString &object, const QString &id, const StoreError &error);

    // downloads
    void requestDownload(Run *run);
    void pump();
    void startDownload(Run *run);
    void fetchNext(Run *run, const QString &nextUrl);
    void pageArrived(Run *run, quint64 seq, const ApiError &error,
                     const std::shared_ptr<SalesforceClient::ParsedPage> &parsed);
    void finishDownload(Run *run);
    /// Stops what the object is doing (requests dropped, slot freed) and leaves it Idle.
    void stopQuietly(Run *run);
    /// A store write was Stale (a clear or resync since the download began): the download starts
    /// again from what the store says now.
    void restartStale(Run *run);
    /// A written page's progress, or not: false when the download gave up (NO_PROGRESS).
    bool checkProgress(Run *run, bool progressed, bool more);

    // full downloads in Id ranges (syncworker_ranges.cpp)
    /// Takes over a full download when ranges are on: resumes the object's range plan, or makes one.
    bool startRanged(Run *run, const ObjectState &st);
    void rangesProbed(Run *run, quint64 seq, const QList<SalesforceClient::CountResult> &results);
    void resumeRanges(Run *run, const RangePlan &plan);
    /// Sends the next page of every range that waits for one, within maxQueriesInFlight.
    void feedRanges();
    void rangePageArrived(Run *run, quint64 seq, const QString &lo, const ApiError &error,
                          const std::shared_ptr<SalesforceClient::ParsedPage> &parsed);
    /// Splits the range with the most records left while fewer than rangesWanted run.
    void resplit(Run *run);
    qint64 recordsLeft(const Run *run, const IdRange &range) const;
    void abortRanges(Run *run);

    // recounts and settling
    /// The counts after a download; `askChanged`: and whether anything changed since the checkpoint
    /// (then a delta runs before the counts are compared).
    void requestRecount(Run *run, bool askChanged = false);
    /// The object's local and server counts agreed when last read, not too long ago (countsAgree()),
    /// and a delta kept them agreeing: it settles with the server count that implies, no recount.
    bool countsAgree(Run *run, const ObjectState &st);
    /// The device's side of the comparison with the server's count: synced records, and unsaved
    /// changes of server records (they are the server's records too).
    qint64 comparedLocal(Run *run, const ObjectState &st);
    bool deltaSettles(Run *run);
    void recount();
    void recountDone(const QList<SalesforceClient::CountResult> &results, const QList<QPair<Run *, int>> &asked);
    /// Counts were read (or confirmed unchanged): settle, or chase the difference.
    void compareCounts(Run *run, bool countsReadNow);
    void settle(Run *run);

    // failures
    /// `retry` runs when a transient failure's back-off ends (a download, or the counts).
    /// False (and the run failed as malformed, to `retry` later) when a page came without its records.
    bool readable(Run *run, const std::shared_ptr<SalesforceClient::ParsedPage> &parsed,
                  const std::function<void()> &retry);
    void fail(Run *run, const ApiError &error, std::function<void()> retry);
    void failStore(Run *run, const StoreError &error);
    /// The object waits for the next cycle (or `until`) with its error.
    void giveUp(Run *run, const QDateTime &until = {});
    void stop(Run *run, const QString &code, const QString &message, const QString &detail = {});
    void signInRequired(const ApiError &error);
    void trySignInAgain();
    /// `detail`: the server's own words, for support (the message is ours).
    void addError(Run *run, const QString &code, const QString &message, const QString &detail);
    /// A store failure outside any object (the protected set, the live state): the engine's error.
    void engineStoreError(const QString &what, const StoreError &error);

    // the screen's integrity check and repair (syncworker_check.cpp)
    /// Runs "Check" (or "Repair") of the object on this thread, unless refuseCheck() says why not.
    void checkObject(Run *run, bool repair);
    /// Not while the object downloads or has no scope; true (the reason in its check) when refused.
    bool refuseCheck(Run *run);
    void checkEnded(Run *run, const QString &errorCode = {}, const QString &error = {});

    // actions
    /// Writes the object's pause flag; false (the run failed on the store's error) when it cannot.
    bool storePaused(Run *run, bool paused);
    void pauseRun(Run *run, bool writeStore);
    void resumeRun(Run *run, bool writeStore);
    /// `byPerson`: a person asked (their earlier errors are done with); else the engine repairs.
    void beginPending(const QList<Run *> &runs, bool clear, bool byPerson = true);
    void pendingBegun(Run *run, qint64 generation, bool byPerson = true);
    void retryUpload(const QString &object);
    void pollStore();
    void watchdog();

    // the shape of downloads (syncworker_shape.cpp)
    static QString fieldsSignature(const Run *run);
    static QString scopeSignature(const Run *run);
    void bindScope(Run *run); ///< the run's query builder (or why it has none) for the device now
    bool markInUse(); ///< the active outlet's and shift's records, protected
    /// Compares what the object's records were downloaded with to the config and device now, and
    /// starts what a difference needs (a full download, or removing what left the scope); `atStart`:
    /// the download is left to the first cycle.
    void checkShape(Run *run, bool atStart);
    void shapeDownloaded(Run *run); ///< a full download ended: its fields and scope are recorded
    void retireRemovedObjects(); ///< objects no longer configured: synced records go, unsaved stay

    // snapshots
    void markDirty();
    void emitSnapshot();
    /// The live state for `posdata status` in another process: the last snapshot into the store
    /// when it changed (at most every tuning::kLiveStateIntervalMs), else as a heartbeat.
    void writeLiveState();
    EngineSnapshot buildSnapshot();
    /// The name of the record a scope follows (SyncObjectSnapshot::scopeRecord), read again only
    /// when it may have changed.
    QString scopeRecord(const scopelabel::Source &source);
    /// Bytes of each object's records whose rows changed since the last measure, the store's size
    /// and its volume's free space (devicestorage.h): at start and at the end of each cycle.
    void measureStorage();
    /// The store's files and their volume (a stat and a statfs: cheap); the snapshot is marked when
    /// they moved.
    void measureVolume();
    ObjectActivity activityOf(Run *run, const ObjectState &st);

    SyncEngineOptions m_options;
    std::unique_ptr<LocalStore> m_store;
    /// The client's page transport lives on the parser thread and calls back into the client, so
    /// shutdown() stops that thread before the client goes (the client asserts it); the members
    /// are declared in that order for the destructor too.
    std::unique_ptr<SalesforceClient> m_client;
    std::unique_ptr<Uploader> m_uploader;
    std::unique_ptr<QThread> m_parserThread; ///< query pages are received and parsed there
    std::unique_ptr<QObject> m_parserContext; ///< lives on the parser thread: work queued to it runs there
    std::vector<std::unique_ptr<Run>> m_runs; ///< in priority order
    QList<Run *> m_queue; ///< waiting for a download slot, in priority order
    int m_active = 0; ///< downloads in flight (Backoff holds no slot)
    int m_rangeQueries = 0; ///< range pages in flight, all objects together

    bool m_cycleActive = false;
    bool m_cycleAgain = false;
    std::optional<QSet<Run *>> m_cycleOnly; ///< the running cycle's objects; nullopt: all
    std::optional<QSet<Run *>> m_againOnly; ///< the objects of the cycle asked for meanwhile
    QSet<Run *> m_uploadedUncounted; ///< uploaded to since their counts were read: they changed
    QList<std::function<void()>> m_afterUploads;
    bool m_uploadAgain = false; ///< "Retry upload" or a local write came during a pass
    bool m_countsAfterUploads = false; ///< the running pass opened a cycle: counts follow it
    QElapsedTimer m_recountWaiting; ///< since the first object began waiting for its recount

    /// Objects no longer in the configuration that still hold unsaved records: they are uploaded.
    QList<SyncObjectConfig> m_retired;

    bool m_signInRequired = false;
    int m_signInAttempts = 0;
    QDateTime m_signInRetryAt;
    std::optional<SyncError> m_engineError;
    qint64 m_apiAtCycleStart = 0;
    QDateTime m_cycleStartedAt; ///< the running cycle's start (UTC), for the store's cycle history
    QElapsedTimer m_cycleClock;
    QStringList m_cycleDownloads; ///< objects that downloaded in the running cycle
    QStringList m_cycleUploads; ///< objects that uploaded records in it
    qint64 m_apiCallsLastCycle = 0;

    // Parented so that moveToThread() takes them along: a parentless member timer stays in the GUI
    // thread and cannot be started from the worker ("Timers cannot be started from another thread").
    QTimer m_cycleTimer{this};
    QTimer m_pollTimer{this};
    QTimer m_watchdogTimer{this};
    QTimer m_snapshotTimer{this};
    QTimer m_uploadTimer{this}; ///< a local write uploads soon, without waiting for the next cycle
    QTimer m_recountTimer{this};
    QTimer m_signInTimer{this};
    QTimer m_liveTimer{this};
    QTimer m_measureTimer{this}; ///< measureStorage() once the engine is idle (tuning::kStorageMeasureDelayMs)
    QElapsedTimer m_sinceSnapshot;
    SnapshotPublisher m_publisher;
    bool m_liveChanged = true; ///< a snapshot was published since the live state was written
    QElapsedTimer m_sinceLive; ///< since the live state was written; invalid before the first write
    bool m_liveFailed = false;
    struct ScopeLabel
    {
        QString key; ///< the device value and its object's state the label was read at
        QString text;
    };
    QHash<QString, ScopeLabel> m_scopeLabels; ///< by bind variable (scopeRecord())
    struct Measured
    {
        QString key; ///< the object's counters and generation the bytes were measured at
        qint64 bytes = -1;
    };
    QHash<QString, Measured> m_bytes; ///< by object name (measureStorage())
    devicestorage::Volume m_volume; ///< the last write of the live state failed (logged once)
};

} // namespace posdata
