// SPDX-License-Identifier: MIT
#pragma once

#include "config/devicecontext.h"
#include "config/syncconfig.h"
#include "store/storetypes.h"
#include "sync/syncsnapshot.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>


class QThread;

namespace posdata {

class SyncWorker;

/// Everything the engine needs; copied into the worker thread.
struct SyncEngineOptions
{
    QString dbPath;
    SyncConfig config;
    DeviceContext device;
    int cycleIntervalMs = 300000;
    int maxConcurrentDownloads = 2;
    int stallTimeoutMs = 60000; ///< no page for this long turns into a "stalled, retrying" error
    int requestTimeoutMs = 60000; ///< no byte for this long aborts one request
    int batchSize = 2000;
    int snapshotIntervalMs = 100; ///< snapshots leave the worker at most this often
    int storePollMs = 1000; ///< pause flags and pending markers written by the CLI are read this often
    // Added for tests and tuning; the defaults are the production values.
    int backoffBaseMs = 1000; ///< first retry delay after a transient error, doubled each time
    int backoffMaxMs = 60000;
    int limitBackoffMs = 300000; ///< after REQUEST_LIMIT_EXCEEDED
    int maxAttemptsPerCycle = 6; ///< transient failures in a row before an object waits for the next cycle
    qint64 storeMaxPageCount = 0; ///< tests: limit the store file (PRAGMA max_page_count) to simulate a full disk
    /// false: unsaved records stay on the device (tests of the download rules, the benchmark).
    bool uploads = true;
    /// WAL checkpoints on a thread of their own (LocalStore::setBackgroundCheckpoints); false only for
    /// the benchmark's A/B.
    bool backgroundCheckpoints = true;
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

public slots:
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
    /// Reads the object's unsaved records on the worker; the answer comes as unsavedReady().
    void requestUnsaved(const QString &object);
    /// Uploads the object's unsaved records now (all objects when empty), the ones the server
    /// refused before included.
    void retryUpload(const QString &object = {});
    /// Local writes through the worker's store connection (the GUI thread never runs SQL): the demo
    /// and the POS screens use these; the outcome shows in the next snapshot's counts, a failure as
    /// localWriteFailed(). `fields` is the record's JSON object without Id.
    void createLocal(const QString &object, const QJsonObject &fields);
    void updateLocal(const QString &object, const QString &id, const QJsonObject &fields);
    void deleteLocal(const QString &object, const QString &id);

signals:
    void snapshotChanged(const posdata::EngineSnapshot &snapshot);
    void clearPlanReady(const QList<posdata::ClearPlan> &plans);
    void unsavedReady(const QString &object, const QList<posdata::UnsavedRecord> &records);
    void localWriteFailed(const QString &object, const QString &message);
    void started();
    void fatalError(const QString &message);
    void idle(); ///< a cycle finished with nothing syncing

private:
    template<typename F>
    void toWorker(F &&f);

    SyncEngineOptions m_options;
    EngineSnapshot m_snapshot;
    QThread *m_thread = nullptr;
    SyncWorker *m_worker = nullptr;
};

} // namespace posdata
