// SPDX-License-Identifier: MIT
#pragma once

#include "config/soqlbuilder.h"
#include "net/apierror.h"
#include "net/querypage.h"
#include "net/salesforceclient.h"
#include "store/storetypes.h"
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

/// The sync engine's worker: lives on the engine thread, owns the client and the store connection,
/// schedules cycles and runs the downloads. Pages are parsed on a second thread while this one writes.
///
/// A cycle: one /composite batch of counts (in scope, all, and "changed since the checkpoint" via
/// queryAll) for every object, then the downloads in priority order, at most N at once. A download is
/// a queryAll from the checkpoint (keyset form when one exists) following nextRecordsUrl; the next
/// page is requested as soon as a body arrives (its URL is read from the body's head), the body is
/// parsed on the parser thread, and the parsed page is written with its checkpoint in one
/// transaction here. At most kMaxPagesInPipeline bodies wait, so memory stays flat. A full
/// download (empty checkpoint or a pending resync) ends with the Id reconciliation.
/// Every late result carries the download's sequence number: pause, cancel and errors bump it, so
/// a page in flight is either written whole before that or dropped.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    explicit SyncWorker(SyncEngineOptions options);
    ~SyncWorker() override;

    // --- to worker (queued from the facade) ---
    void start(); ///< opens the store in this thread, then the first cycle
    void shutdown(); ///< stops requests and timers, closes the store (before the thread quits)
    void syncNow();
    void pause(const QString &object);
    void resume(const QString &object);
    void pauseAll();
    void resumeAll();
    void resync(const QString &object);
    void resyncAll();
    void clearResync(const QString &object);
    void clearResyncAll();
    void requestClearPlan(const QStringList &objects);
    void requestUnsaved(const QString &object);
    void retryUpload(const QString &object);
    void createLocal(const QString &object, const QJsonObject &fields);
    void updateLocal(const QString &object, const QString &id, const QJsonObject &fields);
    void deleteLocal(const QString &object, const QString &id);

signals:
    // --- from worker ---
    void snapshotReady(const posdata::EngineSnapshot &snapshot);
    void clearPlanReady(const QList<posdata::ClearPlan> &plans);
    void unsavedReady(const QString &object, const QList<posdata::UnsavedRecord> &records);
    void localWriteFailed(const QString &object, const QString &message);
    void started();
    void fatalError(const QString &message);
    void idle();

private:
    struct Run;
    struct ParseResult;

    Run *find(const QString &object);
    QList<Run *> targets(const QString &object);

    // cycle
    /// A cycle over every object, or over `only` (a recount after an upload outside a cycle:
    /// the other objects' counts are still fresh, so they cost no query and keep their timer).
    void startCycle(bool manual, const std::optional<QSet<Run *>> &only = std::nullopt);
    void countPhase();
    /// Uploads the waiting records of every object that is not paused, then runs `then` (unless
    /// sign-in became required). While a pass runs, `then` waits for it.
    void runUploads(std::function<void()> then);
    void uploadsDone(const QList<Uploader::ObjectResult> &results);
    void localWriteDone(const QString &object, const StoreError &error);
    void countsDone(const QList<SalesforceClient::CountResult> &results, const QList<QPair<Run *, int>> &querySlots);
    void pump();
    void requestDownload(Run *run);
    bool inCycle(Run *run) const;
    void runEnded(Run *run);
    void endCycle();

    // one download
    void startDownload(Run *run);
    void fetch(Run *run, QString nextUrl); // by value: callers pass run->deferredUrl
    void pageArrived(Run *run, quint64 seq, const ApiError &error,
                     const std::shared_ptr<SalesforceClient::ParsedPage> &parsed);
    void pageParsed(Run *run, quint64 seq, const std::shared_ptr<ParseResult> &result);
    void finishDownload(Run *run);
    void fail(Run *run, const ApiError &error);
    void failStore(Run *run, const StoreError &error);
    void cancel(Run *run);
    void stopQuietly(Run *run);
    void signInRequired(const ApiError &error);

    // state
    void pauseRun(Run *run, bool writeStore);
    void resumeRun(Run *run, bool writeStore);
    void beginPending(Run *run, bool clear);
    void pendingBegun(Run *run, bool clear, qint64 generation, const StoreError &error);
    void addError(Run *run, const QString &code, const QString &message, bool persist);
    void pollStore();
    void watchdog();
    void markDirty();
    void emitSnapshot();
    EngineSnapshot buildSnapshot();

    SyncEngineOptions m_options;
    std::unique_ptr<LocalStore> m_store;
    SalesforceClient *m_client = nullptr;
    Uploader *m_uploader = nullptr;
    QList<std::function<void()>> m_afterUploads;
    bool m_uploadAgain = false; ///< "Retry upload" or a local write came during a pass
    bool m_countsAfterUploads = false; ///< the upload pass running opens a cycle: counts follow it
    QThread *m_parserThread = nullptr;
    QObject *m_parserContext = nullptr; ///< lives on the parser thread; parse jobs run in its event loop
    std::vector<std::unique_ptr<Run>> m_runs; ///< in priority order
    QList<Run *> m_queue;
    int m_active = 0;
    bool m_cycleActive = false;
    bool m_cycleAgain = false;
    bool m_cycleManual = false;
    std::optional<QSet<Run *>> m_cycleOnly; ///< the running cycle's objects; nullopt: all
    std::optional<QSet<Run *>> m_againOnly; ///< the objects of the cycle asked for meanwhile
    QSet<Run *> m_uploadedUncounted; ///< uploaded to since their server counts were last read
    bool m_signInRequired = false;
    std::optional<SyncError> m_engineError;
    qint64 m_apiAtCycleStart = 0;
    qint64 m_apiCallsLastCycle = 0;
    // Parented so that moveToThread() takes them along: a parentless member timer stays in the GUI
    // thread and cannot be started from the worker ("Timers cannot be started from another thread").
    QTimer m_cycleTimer{this};
    QTimer m_pollTimer{this};
    QTimer m_watchdogTimer{this};
    QTimer m_snapshotTimer{this};
    QTimer m_uploadTimer{this}; ///< a local write uploads soon, without waiting for the next cycle
    QElapsedTimer m_sinceSnapshot;
    bool m_dirty = false;
    EngineSnapshot m_lastSent;
    bool m_sentOnce = false;
};

} // namespace posdata
