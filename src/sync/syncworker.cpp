// SPDX-License-Identifier: MIT
// SyncWorker (see syncworker.h): its life cycle, the actions people ask for, the timers and the snapshots.
#include "sync/syncworker_p.h"

#include "store/localstore.h"
#include "sync/devicestorage.h"
#include "sync/snapshotjson.h"
#include "sync/synctuning.h"

#include <QJsonDocument>
#include <QThread>

Q_LOGGING_CATEGORY(lcSync, "posdata.sync")

namespace posdata {

namespace workerdetail {
QDateTime modstampTime(const QString &value)
{
    QString v = value;
    // Salesforce writes +0000; Qt's ISO parser wants a colon in the offset.
    if (v.size() > 5 && (v.at(v.size() - 5) == QLatin1Char('+') || v.at(v.size() - 5) == QLatin1Char('-')))
        v.insert(v.size() - 2, QLatin1Char(':'));
    return QDateTime::fromString(v, Qt::ISODateWithMs).toUTC();
}

/// A device value a scope may be missing, in words.
QString noScopeWords(const QString &variable)
{
    if (variable == u"shiftId")
        return QStringLiteral("No shift is open on this device: nothing of this object is in scope until one opens.");
    if (variable == u"outletId")
        return QStringLiteral("No outlet is set on this device: nothing of this object is in scope.");
    return QStringLiteral("The device has no %1: nothing of this object is in scope.").arg(variable);
}

/// A store failure in words, with its code.
SyncError storeErrorOf(const StoreError &error)
{
    QString code = QStringLiteral("STORE_ERROR");
    QString message = error.message;
    switch (error.kind) {
    case StoreError::DiskFull:
        code = QStringLiteral("DISK_FULL");
        message = QStringLiteral("The device storage is full; nothing was lost, the download stopped: %1").arg(error.message);
        break;
    case StoreError::Busy:
        code = QStringLiteral("STORE_BUSY");
        break;
    case StoreError::ReadOnly:
        code = QStringLiteral("STORE_READ_ONLY");
        message = QStringLiteral("The local store cannot be written: %1").arg(error.message);
        break;
    default:
        break;
    }
    return SyncError{code, message, QDateTime::currentDateTimeUtc(), {}};
}

/// A server error in words a person can act on; the server's own text stays as the detail.
QString wordsOf(const ApiError &error)
{
    if (error.code == QLatin1String("INVALID_FIELD")) {
        QString field = error.fields.value(0);
        if (field.isEmpty()) {
            // "No such column 'Foo' on entity ..." is how Salesforce names it.
            const qsizetype a = error.message.indexOf(QLatin1Char('\''));
            const qsizetype b = a >= 0 ? error.message.indexOf(QLatin1Char('\''), a + 1) : -1;
            if (b > a + 1)
                field = error.message.mid(a + 1, b - a - 1);
        }
        if (!field.isEmpty())
            return QStringLiteral("Field %1 is not available in Salesforce (check field-level security)").arg(field);
    }
    return error.message;
}

} // namespace workerdetail

using namespace workerdetail;

SyncWorker::SyncWorker(SyncEngineOptions options)
    : m_options(std::move(options))
{
    m_cycleTimer.setSingleShot(true);
    m_snapshotTimer.setSingleShot(true);
    m_uploadTimer.setSingleShot(true);
    m_recountTimer.setSingleShot(true);
    m_signInTimer.setSingleShot(true);
    m_measureTimer.setSingleShot(true);
    m_measureTimer.setInterval(tuning::kStorageMeasureDelayMs);
    connect(&m_uploadTimer, &QTimer::timeout, this, [this] { runUploads(nullptr); });
    connect(&m_cycleTimer, &QTimer::timeout, this, [this] { startCycle(); });
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncWorker::pollStore);
    connect(&m_watchdogTimer, &QTimer::timeout, this, &SyncWorker::watchdog);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &SyncWorker::emitSnapshot);
    connect(&m_recountTimer, &QTimer::timeout, this, &SyncWorker::recount);
    connect(&m_signInTimer, &QTimer::timeout, this, &SyncWorker::trySignInAgain);
    connect(&m_liveTimer, &QTimer::timeout, this, &SyncWorker::writeLiveState);
    connect(&m_measureTimer, &QTimer::timeout, this, [this] {
        if (!m_cycleActive) // else the cycle's end asks again
            measureStorage();
    });
}

SyncWorker::~SyncWorker()
{
    shutdown();
}

void SyncWorker::shutdown()
{
    for (QTimer *t : {&m_cycleTimer, &m_pollTimer, &m_watchdogTimer, &m_snapshotTimer, &m_uploadTimer,
                      &m_recountTimer, &m_signInTimer, &m_liveTimer, &m_measureTimer})
        t->stop();
    // No engine runs on this store any more: `posdata status` says so at once instead of after the
    // heartbeat has gone stale.
    if (m_store) {
        StoreError error;
        if (!m_store->clearLiveState(&error))
            qCWarning(lcSync) << "Cannot clear the live state:" << error.message;
    }
    if (m_uploader)
        m_uploader->cancel();
    m_afterUploads.clear();
    if (m_client)
        m_client->abortAll();
    for (auto &run : m_runs)
        run->seq++;
    // The page transport on the parser thread calls back into the client: the thread ends first.
    if (m_parserThread) {
        m_parserThread->quit();
        m_parserThread->wait();
        m_parserContext.reset();
        m_parserThread.reset();
    }
    m_uploader.reset();
    m_client.reset();
    m_store.reset();
}

void SyncWorker::start()
{
    StoreError error;
    m_store = LocalStore::open(m_options.dbPath, LocalStore::Mode::ReadWrite, &error);
    if (!m_store) {
        emit fatalError(QStringLiteral("Cannot open the local store %1: %2").arg(m_options.dbPath, error.message));
        return;
    }
    if (!m_store->ensureObjects(m_options.config.names(), &error)) {
        emit fatalError(QStringLiteral("Cannot prepare the local store %1: %2").arg(m_options.dbPath, error.message));
        m_store.reset();
        return;
    }
    // Downloads commit a page every few milliseconds: their checkpoints go to another thread (core),
    // which copies in the writer's pauses (WalCheckpointer).
    if (m_options.backgroundCheckpoints && !m_store->setBackgroundCheckpoints(true, &error))
        qCWarning(lcSync) << "WAL checkpoints stay in the writing thread:" << error.message;
    if (m_options.storeMaxPageCount > 0)
        m_store->setMaxPageCount(m_options.storeMaxPageCount);
    for (const SyncObjectConfig &object : m_options.config.objects) {
        auto run = std::make_unique<Run>();
        run->config = object;
        bindScope(run.get());
        const ObjectState st = m_store->objectState(object.name);
        run->paused = st.paused;
        run->knownGeneration = st.generation;
        run->knownPending = st.pending;
        m_runs.push_back(std::move(run));
    }
    markInUse();
    // The volume at once (a stat of two files and the file system: cheap), so that a device too full
    // for its first download says so before it; the bytes per object once idle.
    measureVolume();
    m_measureTimer.start();
    // The discarded log keeps what a person threw away for a while, not for ever.
    if (m_store->purgeDiscarded(QDateTime::currentDateTimeUtc().addDays(-tuning::kKeepDiscardedDays), &error) < 0)
        qCWarning(lcSync) << "Discarded records older than" << tuning::kKeepDiscardedDays
                          << "days stay for now:" << error.message;

    SalesforceClient::Options co;
    co.instanceUrl = m_options.device.instanceUrl;
    co.clientId = m_options.device.clientId;
    co.refreshToken = m_options.device.refreshToken;
    co.requestTimeoutMs = m_options.requestTimeoutMs;
    m_client = std::make_unique<SalesforceClient>(co);
    Uploader::Options uo;
    uo.backoffBaseMs = m_options.backoffBaseMs;
    uo.backoffMaxMs = m_options.backoffMaxMs;
    uo.maxAttempts = m_options.maxAttemptsPerCycle;
    connect(m_client.get(), &SalesforceClient::signedIn, this, [this] {
        if (m_engineError && m_engineError->code == QLatin1String("SIGN_IN_REQUIRED")) {
            m_engineError.reset(); // the server accepts the sign-in again
            m_signInAttempts = 0;
            markDirty();
        }
    });
    m_uploader = std::make_unique<Uploader>(m_store.get(), m_client.get(), uo);
    connect(m_uploader.get(), &Uploader::progressed, this, &SyncWorker::markDirty);
    connect(m_uploader.get(), &Uploader::recordUploaded, this, &SyncWorker::recordUploaded);
    connect(m_uploader.get(), &Uploader::recordRefused, this, &SyncWorker::recordRefused);

    m_parserThread = std::make_unique<QThread>();
    m_parserThread->setObjectName(QStringLiteral("posdata-parse"));
    m_parserContext = std::make_unique<QObject>();
    m_parserContext->moveToThread(m_parserThread.get());
    // Query pages arrive and are parsed there: the next page is ready while this thread writes one.
    m_client->setPageThread(m_parserThread.get());
    m_parserThread->start();

    // What changed in the configuration since the last run: objects gone, fields added, scopes
    // changed (before the first cycle, so that it downloads what they need).
    retireRemovedObjects();
    for (auto &run : m_runs)
        checkShape(run.get(), true);

    m_pollTimer.start(std::max(50, m_options.storePollMs));
    m_watchdogTimer.start(tuning::kWatchdogTickMs);
    m_liveTimer.start(tuning::kLiveStateIntervalMs);
    m_sinceSnapshot.start();
    emit started();
    emitSnapshot();
    writeLiveState();
    startCycle();
}

SyncWorker::Run *SyncWorker::find(const QString &object)
{
    for (auto &run : m_runs)
        if (run->config.name.compare(object, Qt::CaseInsensitive) == 0)
            return run.get();
    return nullptr;
}

QList<SyncWorker::Run *> SyncWorker::targets(const QString &object)
{
    QList<Run *> out;
    if (object.isEmpty()) {
        for (auto &run : m_runs)
            out << run.get();
    } else if (Run *run = find(object)) {
        out << run;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// actions

void SyncWorker::perform(const SyncAction &action)
{
    if (!m_store)
        return;
    const QList<Run *> runs = targets(action.object);
    switch (action.kind) {
    case SyncAction::Kind::SyncNow:
    case SyncAction::Kind::TryAgain:
        for (Run *run : runs) {
            // Asked by a person: what stopped or gave up tries again now.
            run->stopped = false;
            run->limitWait = false;
            run->retryAt = {};
        }
        if (m_engineError && m_engineError->code == QLatin1String("SIGN_IN_REQUIRED"))
            trySignInAgain();
        else
            startCycle(action.all() ? std::nullopt : std::optional<QSet<Run *>>(QSet<Run *>(runs.begin(), runs.end())));
        break;
    case SyncAction::Kind::Pause:
    case SyncAction::Kind::HostPause: {
        // The product page: "Pause all syncing - Only available while a sync is in progress." The
        // host's own pause holds the engine whenever the host needs it.
        bool busy = !action.all() || action.kind == SyncAction::Kind::HostPause;
        for (auto &run : m_runs)
            busy = busy || run->phase != Run::Phase::Idle;
        if (!busy)
            return;
        for (Run *run : runs)
            pauseRun(run, true);
        break;
    }
    case SyncAction::Kind::Resume:
        for (Run *run : runs)
            if (run->paused)
                resumeRun(run, true);
        break;
    case SyncAction::Kind::Resync:
        beginPending(runs, false);
        break;
    case SyncAction::Kind::ClearResync:
        beginPending(runs, true);
        break;
    case SyncAction::Kind::RetryUpload:
        retryUpload(action.object);
        break;
    case SyncAction::Kind::Check:
    case SyncAction::Kind::Repair:
        if (!action.all()) // one object at a time: each check is a person's question about it
            for (Run *run : runs)
                checkObject(run, action.kind == SyncAction::Kind::Repair);
        break;
    }
    markDirty();
}

void SyncWorker::setRefreshToken(const QString &token)
{
    m_options.device.refreshToken = token; // the secret the support report scrubs
    if (!m_client)
        return;
    m_client->setRefreshToken(token);
    trySignInAgain();
}

void SyncWorker::setAccessToken(const QByteArray &token)
{
    if (!m_client)
        return;
    // Not trySignInAgain(): that forgets the token in use, which here is the one just handed.
    m_signInTimer.stop();
    m_signInRequired = false;
    m_client->setAccessToken(token);
    startCycle();
}

bool SyncWorker::storePaused(Run *run, bool paused)
{
    StoreError error;
    if (m_store->setPaused(run->config.name, paused, &error))
        return true;
    failStore(run, error);
    return false;
}

void SyncWorker::pauseRun(Run *run, bool writeStore)
{
    if (writeStore && !storePaused(run, true))
        return;
    run->paused = true;
    // No further request; a page in flight is dropped whole (it was not written).
    stopQuietly(run);
    markDirty();
    pump();
}

void SyncWorker::resumeRun(Run *run, bool writeStore)
{
    if (writeStore && !storePaused(run, false))
        return;
    if (!run->paused)
        return;
    run->paused = false;
    run->stopped = false;
    run->settled = false;
    // Pause held this object's uploads too: the cycle sends them first, then asks what changed.
    startCycle(QSet<Run *>{run});
    markDirty();
}

void SyncWorker::beginPending(const QList<Run *> &runs, bool clear, bool byPerson)
{
    if (runs.isEmpty())
        return;
    QStringList names;
    for (Run *run : runs) {
        stopQuietly(run);
        names << run->config.name;
    }
    StoreError error;
    QHash<QString, qint64> generations;
    if (clear) {
        // "Clear & resync all": every object cleared in one transaction, or none.
        generations = m_store->beginClearResync(names, &error);
    } else {
        for (Run *run : runs) {
            const qint64 generation = m_store->beginFullResync(run->config.name, &error);
            if (generation < 0)
                break;
            generations.insert(run->config.name, generation);
        }
    }
    for (Run *run : runs) {
        const qint64 generation = generations.value(run->config.name, -1);
        if (generation < 0)
            failStore(run, error);
        else
            pendingBegun(run, generation, byPerson);
    }
    pump();
}

void SyncWorker::pendingBegun(Run *run, qint64 generation, bool byPerson)
{
    run->knownGeneration = generation;
    run->knownPending = m_store->objectState(run->config.name).pending;
    run->stopped = false;
    run->limitWait = false;
    run->retryAt = {};
    if (byPerson) {
        run->errors.clear();
        run->lastAttemptFailed = false;
        run->mismatchRounds = 0;
        run->settledMismatch.reset();
    }
    run->settled = false;
    requestDownload(run);
}

void SyncWorker::retryUpload(const QString &object)
{
    if (m_signInRequired)
        return;
    for (Run *run : targets(object)) {
        StoreError error;
        if (!m_store->clearUploadErrors(run->config.name, &error))
            failStore(run, error);
    }
    runUploads(nullptr);
}

void SyncWorker::requestClearPlan(const QStringList &objects)
{
    if (!m_store)
        return;
    emit clearPlanReady(m_store->planClear(objects.isEmpty() ? m_options.config.names() : objects));
}

void SyncWorker::requestUnsaved(const QString &object)
{
    if (!m_store)
        return;
    emit unsavedReady(object, m_store->unsaved(object, tuning::kMaxUnsavedListed));
}

void SyncWorker::discardUnsaved(const QString &object, const QString &id)
{
    const Run *run = find(object);
    StoreError error;
    if (!m_store)
        error = StoreError{StoreError::Io, QStringLiteral("the local store is not open")};
    else if (!run)
        error = StoreError{StoreError::Invalid, QStringLiteral("%1 is not a sync object").arg(object)};
    else if (m_uploader->busy() && m_uploader->currentObject().compare(run->config.name, Qt::CaseInsensitive) == 0)
        // The record may be in the batch in flight: its answer would find nothing to settle.
        error = StoreError{StoreError::Busy,
                           QStringLiteral("%1 is uploading right now; try again when the upload is over").arg(run->config.name)};
    else
        m_store->discardUnsaved(run->config.name, id, &error);
    if (error.ok())
        markDirty();
    emit unsavedDiscarded(run ? run->config.name : object, id, error.message);
}

void SyncWorker::localWriteDone(quint64 ticket, const QString &object, const QString &id, const StoreError &error)
{
    if (!error.ok()) {
        emit localWriteFailed(ticket, object, error.message);
        return;
    }
    emit localWriteStored(ticket, object, id);
    markDirty();
    // Soon, not at once: a POS writes a sale's records in a burst; they go in one batch.
    if (!m_uploadTimer.isActive())
        m_uploadTimer.start(tuning::kUploadAfterWriteMs);
}

void SyncWorker::createLocal(quint64 ticket, const QString &object, const QJsonObject &fields)
{
    if (!m_store) {
        emit localWriteFailed(ticket, object, QStringLiteral("the local store is not open"));
        return;
    }
    const Run *run = find(object);
    StoreError error;
    QString id;
    if (!run)
        error = StoreError{StoreError::Invalid, QStringLiteral("%1 is not a sync object").arg(object)};
    else if (run->config.externalId.isEmpty())
        error = StoreError{StoreError::Invalid,
                           QStringLiteral("%1 cannot be created on this device: its sync config has no externalId, "
                                          "so an upload could not be retried safely").arg(run->config.name)};
    else
        id = m_store->createRecord(run->config.name, fields, run->config.externalId, &error);
    localWriteDone(ticket, run ? run->config.name : object, id, error);
}

void SyncWorker::updateLocal(quint64 ticket, const QString &object, const QString &id, const QJsonObject &fields)
{
    if (!m_store) {
        emit localWriteFailed(ticket, object, QStringLiteral("the local store is not open"));
        return;
    }
    StoreError error;
    m_store->updateRecord(object, id, fields, &error);
    localWriteDone(ticket, object, id, error);
}

void SyncWorker::deleteLocal(quint64 ticket, const QString &object, const QString &id)
{
    if (!m_store) {
        emit localWriteFailed(ticket, object, QStringLiteral("the local store is not open"));
        return;
    }
    StoreError error;
    m_store->deleteLocal(object, id, &error);
    localWriteDone(ticket, object, id, error);
}

// ---------------------------------------------------------------------------------------------
// timers

void SyncWorker::pollStore()
{
    if (!m_store)
        return;
    // The files and their volume follow a download as it fills the device: the size and free space
    // shown, and the low-space warning, are never the start's.
    measureVolume();
    // The CLI writes pause flags and pending markers into the same file while we run.
    for (auto &r : m_runs) {
        Run *run = r.get();
        const ObjectState st = m_store->objectState(run->config.name);
        if (st.paused != run->paused) {
            if (st.paused)
                pauseRun(run, false);
            else
                resumeRun(run, false);
        }
        if (st.generation != run->knownGeneration || st.pending != run->knownPending) {
            run->knownGeneration = st.generation;
            run->knownPending = st.pending;
            if (st.pending != PendingOp::None && !run->paused) {
                stopQuietly(run);
                pendingBegun(run, st.generation);
                pump();
            }
        }
    }
    markDirty();
}

void SyncWorker::watchdog()
{
    for (auto &r : m_runs) {
        Run *run = r.get();
        if (run->phase != Run::Phase::Downloading)
            continue;
        if (run->clock.elapsed() - run->lastProgressMs > m_options.stallTimeoutMs) {
            qCWarning(lcSync) << run->config.name << "made no progress; retrying";
            fail(run,
                 ApiError{ApiError::Kind::Transient, 0, QStringLiteral("STALLED"),
                          QStringLiteral("Stalled, retrying: no data for %1 s").arg(m_options.stallTimeoutMs / 1000.0),
                          {}},
                 [this, run] { requestDownload(run); pump(); });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// snapshots

void SyncWorker::markDirty()
{
    if (m_snapshotTimer.isActive())
        return;
    const qint64 wait = std::max<qint64>(0, m_options.snapshotIntervalMs - m_sinceSnapshot.elapsed());
    m_snapshotTimer.start(static_cast<int>(wait));
}

void SyncWorker::emitSnapshot()
{
    m_snapshotTimer.stop();
    if (!m_store)
        return;
    const EngineSnapshot snapshot = buildSnapshot();
    m_sinceSnapshot.restart();
    if (m_publisher.offer(snapshot)) {
        m_liveChanged = true;
        emit snapshotReady(snapshot);
    }
}

void SyncWorker::writeLiveState()
{
    if (!m_store)
        return;
    if (!m_liveChanged && m_sinceLive.isValid() && m_sinceLive.elapsed() < tuning::kLiveHeartbeatMs)
        return;
    const QByteArray json = QJsonDocument(snapshotjson::toJson(m_publisher.last())).toJson(QJsonDocument::Compact);
    StoreError error;
    if (!m_store->writeLiveState(json, &error)) {
        // Only `posdata status` in another process misses it (it will say no engine runs); the
        // sync itself goes on, and the store's own failures reach the objects where they write.
        if (!m_liveFailed)
            qCWarning(lcSync) << "Cannot write the live state:" << error.message;
        m_liveFailed = true;
        return;
    }
    m_liveFailed = false;
    m_liveChanged = false;
    m_sinceLive.start();
}

ObjectActivity SyncWorker::activityOf(Run *run, const ObjectState &st)
{
    ObjectActivity a;
    a.paused = run->paused;
    a.stopped = run->stopped;
    a.errors = run->errors;
    a.lastAttemptFailed = run->lastAttemptFailed;
    a.note = run->noScopeNote;
    a.uploading = m_uploader && m_uploader->currentObject().compare(run->config.name, Qt::CaseInsensitive) == 0;
    a.uploadPasses = run->uploadPasses;
    a.countsConfirmedAt = run->countsConfirmedAt;
    a.downloadComplete = run->completeGeneration == st.generation;
    a.progressDone = run->progressDone;
    a.progressTotal = run->progressTotal;
    a.downloadMs = run->clock.isValid() ? run->clock.elapsed() : 0;
    a.retryAt = run->retryAt;
    if (st.unsavedCount == 0) {
        run->unsavedOfServer = 0;
        run->unsavedKey = 0;
    } else if (const qint64 key = st.unsavedCount * 1000003 + st.uploadFailedCount; run->unsavedKey != key) {
        // Unsaved records are few and read through a partial index; only when their number moves.
        qint64 n = 0;
        for (const UnsavedRecord &r : m_store->unsaved(run->config.name)) {
            // A change the server refused because it deleted the record is not of a server record.
            const bool ofServer = (r.state == RecordState::LocallyUpdated || r.state == RecordState::LocallyDeleted)
                && r.errorCode != QLatin1String("ENTITY_IS_DELETED");
            n += ofServer ? 1 : 0;
        }
        run->unsavedOfServer = n;
        run->unsavedKey = key;
    }
    a.unsavedOfServerRecords = run->unsavedOfServer;

    const bool signIn = m_engineError && m_engineError->code == QLatin1String("SIGN_IN_REQUIRED");
    a.wanted = !run->settled;
    if (run->stopped) {
        a.activity = SyncActivity::Stopped;
        a.wanted = false;
    } else if (signIn) {
        a.activity = SyncActivity::WaitingForSignIn;
        a.retryAt = m_signInRetryAt;
    } else {
        switch (run->phase) {
        case Run::Phase::Idle:
            a.activity = run->settled ? SyncActivity::Idle
                : run->retryAt.isValid() ? SyncActivity::Retrying
                                         : SyncActivity::Waiting;
            break;
        case Run::Phase::Counting:
            a.activity = run->settled ? SyncActivity::Idle
                : run->afterDownload  ? SyncActivity::Recounting
                                      : SyncActivity::Counting;
            break;
        case Run::Phase::Queued:
            a.activity = SyncActivity::Waiting;
            a.wanted = true;
            break;
        case Run::Phase::Downloading:
            a.activity = run->updatingFields ? SyncActivity::UpdatingFields
                : run->full                  ? SyncActivity::Resyncing
                                             : SyncActivity::Downloading;
            a.wanted = true;
            break;
        case Run::Phase::Backoff:
            a.activity = SyncActivity::Retrying;
            a.wanted = true;
            break;
        }
    }
    return a;
}

namespace {
/// Where an object's rows stand: its counters, generation and last settle. What was read at
/// another key (its bytes, a scope record's name) describes rows it no longer has.
QString rowsKey(const ObjectState &st)
{
    return QStringLiteral("%1|%2|%3|%4").arg(st.localCount).arg(st.unsavedCount).arg(st.generation)
        .arg(st.lastSyncedAt.toMSecsSinceEpoch());
}
} // namespace

void SyncWorker::measureStorage()
{
    if (!m_store)
        return;
    // Once a cycle (and at start), a moment after the engine went idle, and per object only when its
    // records may have changed: a pass over an object's rows costs O(its records) (0.4 s for 1,000,000
    // products), too much for every snapshot and not a cost a cycle's end should wait for
    // (docs/benchmarks.md). Until then the snapshot says "unknown" for an object whose rows moved.
    for (const auto &run : m_runs) {
        const QString key = rowsKey(m_store->objectState(run->config.name));
        Measured &m = m_bytes[run->config.name];
        if (m.key == key)
            continue;
        const qint64 bytes = m_store->recordBytes(run->config.name);
        m.key = bytes >= 0 ? key : QString(); // a failed read is tried again next time
        m.bytes = bytes;
    }
    measureVolume();
    markDirty();
}

void SyncWorker::measureVolume()
{
    const devicestorage::Volume volume = devicestorage::measure(m_options.dbPath);
    if (volume.databaseBytes != m_volume.databaseBytes || volume.freeBytes != m_volume.freeBytes) {
        m_volume = volume;
        markDirty();
    }
}

QString SyncWorker::scopeRecord(const scopelabel::Source &source)
{
    // Snapshots are built ~10 times a second: the record is read again only when the device value
    // or its object's records may have changed (a download of it settles, a clear, a resync).
    const QString id = m_options.device.variable(source.variable).value_or(QString());
    const ObjectState st = m_store->objectState(source.object);
    const QString key = id + u'|' + rowsKey(st);
    ScopeLabel &label = m_scopeLabels[source.variable];
    if (label.key != key) {
        label.key = key;
        label.text = scopelabel::recordLabel(*m_store, source.object, id);
    }
    return label.text;
}

EngineSnapshot SyncWorker::buildSnapshot()
{
    EngineSnapshot out;
    out.running = true;
    for (auto &r : m_runs) {
        const ObjectState st = m_store->objectState(r->config.name);
        SyncObjectSnapshot o = SnapshotPublisher::object(r->config, st, activityOf(r.get(), st));
        if (const auto source = scopelabel::sourceOf(m_options.config, r->config)) {
            o.scopeBy = source->variable;
            o.scopeRecord = scopeRecord(*source);
        }
        o.check = r->check;
        // Unknown ("-") while the rows differ from those measured (a download in progress), never
        // the figure of rows since written or removed.
        const auto measured = m_bytes.constFind(r->config.name);
        o.bytes = measured != m_bytes.cend() && measured->key == rowsKey(st) ? measured->bytes : -1;
        out.objects.append(std::move(o));
    }
    devicestorage::apply(out, m_volume);
    out.readyToSell = SnapshotPublisher::readyToSell(out.objects);
    out.signInRequired = m_engineError && m_engineError->code == QLatin1String("SIGN_IN_REQUIRED");
    out.signInRetryAt = out.signInRequired ? m_signInRetryAt : QDateTime();
    out.engineError = m_engineError;
    out.apiCallsLastCycle = m_apiCallsLastCycle;
    out.apiCallsTotal = m_client ? m_client->apiCalls() : 0;
    return out;
}

} // namespace posdata
