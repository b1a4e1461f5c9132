// SPDX-License-Identifier: MIT
#pragma once

// The sync engine's GUI-thread facade and the options it runs with.

#include "config/devicecontext.h"
#include "config/syncconfig.h"
#include "store/storetypes.h"
#include "sync/syncaction.h"
#include "sync/syncsnapshot.h"
#include "sync/synctuning.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

class QThread;

namespace posdata {

class SyncWorker;

/// Everything the engine needs; copied into the worker thread. The defaults are the production
/// values (sync/synctuning.h says why); tests shorten the waits.
struct SyncEngineOptions
{
    QString dbPath;
    SyncConfig config;
    DeviceContext device;
    int cycleIntervalMs = tuning::kCycleIntervalMs; ///< 0: cycles only when asked
    int maxConcurrentDownloads = tuning::kMaxConcurrentDownloads;
    int stallTimeoutMs = tuning::kStallTimeoutMs;
    int requestTimeoutMs = tuning::kRequestTimeoutMs;
    int batchSize = tuning::kBatchSize;
    int rangesPerDownload = tuning::kRangesPerDownload; ///< 0: a full download is one cursor
    int maxQueriesInFlight = tuning::kMaxQueriesInFlight; ///< at most tuning::kSalesforceQueryCursors
    int snapshotIntervalMs = tuning::kSnapshotIntervalMs;
    int storePollMs = tuning::kStorePollMs;
    int backoffBaseMs = tuning::kBackoffBaseMs;
    int backoffMaxMs = tuning::kBackoffMaxMs;
    int limitBackoffMs = tuning::kLimitBackoffMs;
    int maxAttemptsPerCycle = tuning::kMaxAttemptsPerCycle;
    int signInRetryBaseMs = tuning::kSignInRetryBaseMs;
    qint64 storeMaxPageCount = 0; ///< tests: limit the store file (PRAGMA max_page_count) to simulate a full disk
    /// false: unsaved records stay on the device (tests of the download rules, the benchmark).
    bool uploads = true;
    /// Counts that still disagree after a delta get one full download to repair them. Tests turn it
    /// off to see the cause of a difference instead of its cure.
    bool repairMismatches = true;
    /// WAL checkpoints on a thread of their own (LocalStore::setBackgroundCheckpoints); false only for
    /// the benchmark's A/B.
    bool backgroundCheckpoints = true;
    /// The C allocator keeps freed memory while the engine runs and gives it back after each cycle
    /// (allocator.h: a page's memory is not faulted in again for every page). Process-wide where the
    /// C library is glibc; false leaves the host's allocator settings alone.
    bool tuneAllocator = true;
};

/// GUI-thread facade of the sync engine: owns the worker thread, forwards intents, keeps the last snapshot.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    explicit SyncEngine(SyncEngineOptions options, QObject *parent = nullptr);
    ~SyncEngine() override;

    /// Starts the worker thread (it opens the store there) and the first cycle.
    void start();
    /// The last snapshot received from the worker.
    EngineSnapshot snapshot() const { return m_snapshot; }
    /// Every object the till needs to sell is synced (EngineSnapshot::readyToSell): a host app may
    /// open the till now, while the other objects still download.
    bool readyToSell() const { return m_snapshot.readyToSell; }
    /// The sync objects it runs with (the screen names unsaved records by their `display` fields).
    const SyncConfig &config() const { return m_options.config; }

    // Shorthands for perform().
    void syncNow() { perform({SyncAction::Kind::SyncNow, {}}); }
    void pause(const QString &object) { perform({SyncAction::Kind::Pause, object}); }
    void resume(const QString &object) { perform({SyncAction::Kind::Resume, object}); }
    void pauseAll() { perform({SyncAction::Kind::Pause, {}}); }
    void hostPauseAll() { perform({SyncAction::Kind::HostPause, {}}); }
    void resumeAll() { perform({SyncAction::Kind::Resume, {}}); }
    void resync(const QString &object) { perform({SyncAction::Kind::Resync, object}); }
    void resyncAll() { perform({SyncAction::Kind::Resync, {}}); }
    void clearResync(const QString &object) { perform({SyncAction::Kind::ClearResync, object}); }
    void clearResyncAll() { perform({SyncAction::Kind::ClearResync, {}}); }
    void retryUpload(const QString &object = {}) { perform({SyncAction::Kind::RetryUpload, object}); }
    void tryAgain() { perform({SyncAction::Kind::TryAgain, {}}); }

public slots:
    /// A person's (or the host's) action, carried to the worker.
    void perform(const posdata::SyncAction &action);
    /// New credentials from the host (a fresh sign-in): the engine signs in with them at once.
    /// Credentials and device values handed before start() are kept and used from the start.
    void setRefreshToken(const QString &token);
    /// A fresh access token from a host that signs in by itself (no refresh token): used until the
    /// server refuses it, then credentialsNeeded() asks for another.
    void setAccessToken(const QByteArray &token);
    /// The till's outlet or shift changed (a shift opened: its Id; closed: empty): scopes and the
    /// records in use follow at once, without a restart (see SyncWorker::setDeviceValues()).
    void setDeviceValues(const QString &outletId, const QString &shiftId);
    void requestClearPlan(const QStringList &objects);
    /// Reads the object's unsaved records on the worker; the answer comes as unsavedReady().
    void requestUnsaved(const QString &object);
    /// A person throws one unsaved record away (kept in the store's discarded log for
    /// tuning::kKeepDiscardedDays): done on the worker, the answer comes as unsavedDiscarded().
    void discardUnsaved(const QString &object, const QString &id);
    /// Writes the support report (the same as `posdata report`) into `folder` on the worker thread;
    /// the answer comes as reportWritten().
    void writeReport(const QString &folder);
    /// Local writes through the worker's store connection (the GUI thread never runs SQL). Each
    /// returns a ticket: the write's outcome comes as localWriteStored() (with the record's Id: a
    /// new record's local Id) or localWriteFailed() with it; the record's upload then ends in
    /// recordUploaded() or recordRefused(). `fields` is the record's JSON object without Id.
    quint64 createLocal(const QString &object, const QJsonObject &fields);
    quint64 updateLocal(const QString &object, const QString &id, const QJsonObject &fields);
    quint64 deleteLocal(const QString &object, const QString &id);

signals:
    void snapshotChanged(const posdata::EngineSnapshot &snapshot);
    void readyToSellChanged(bool ready);
    void clearPlanReady(const QList<posdata::ClearPlan> &plans);
    void unsavedReady(const QString &object, const QList<posdata::UnsavedRecord> &records);
    /// The record is discarded (`error` empty), or why not in words.
    void unsavedDiscarded(const QString &object, const QString &id, const QString &error);
    /// The report's JSON file (its .txt twin beside it), or why it was not written (path empty).
    void reportWritten(const QString &path, const QString &error);
    void localWriteStored(quint64 ticket, const QString &object, const QString &id);
    void localWriteFailed(quint64 ticket, const QString &object, const QString &message);
    /// A record written on this device reached Salesforce: `serverId` is its Id there.
    void recordUploaded(const QString &object, const QString &localId, const QString &serverId);
    /// Salesforce refused a record written on this device; it stays unsaved with the reason.
    void recordRefused(const QString &object, const QString &id, const QString &code, const QString &message);
    /// Sign-in required: the host app may hand new credentials with setRefreshToken().
    void credentialsNeeded();
    void started();
    void fatalError(const QString &message);
    void idle(); ///< a cycle ended: every object settled, waiting for a later try, or stopped

private:
    template<typename F>
    void toWorker(F &&f);
    /// A local write handed to the worker with a new ticket (refused at once, by signal, when stopped).
    template<typename F>
    quint64 localWrite(const QString &object, F &&write);
    quint64 refuseWrite(quint64 ticket, const QString &object);

    SyncEngineOptions m_options;
    EngineSnapshot m_snapshot;
    QThread *m_thread = nullptr;
    quint64 m_nextTicket = 1;
    QByteArray m_pendingAccessToken; ///< secret: handed before start(), given to the worker by start()
    SyncWorker *m_worker = nullptr;
};

} // namespace posdata
