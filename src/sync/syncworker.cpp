// SPDX-License-Identifier: MIT
// SyncWorker: cycles, downloads, recounts and failures of every sync object (see syncworker.h).
#include "syncworker.h"

#include "store/localstore.h"
#include "sync/synctuning.h"

#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcSync, "posdata.sync")

namespace posdata {

/// One sync object's run-time state (what the store does not persist).
struct SyncWorker::Run
{
    SyncObjectConfig config;
    std::optional<SoqlBuilder> soql;
    QString scopeProblem; ///< why the scope could not be bound (soql is then empty)
    /// A device value the scope needs is empty (no shift open): nothing of the object is in scope,
    /// so nothing downloads; `soql` is the unscoped builder, used for the count of all records.
    QString noScopeNote;
    bool paused = false;
    bool stopped = false; ///< a permanent error: waits for a person (sync now, resync) or a restart
    /// Counts were read (or confirmed unchanged) after the last download and compared: the status
    /// rests on them. Anything that may change local or server data clears it.
    bool settled = false;
    enum class Phase { Idle, Counting, Queued, Downloading, Backoff } phase = Phase::Idle;
    QDateTime retryAt; ///< Backoff: when the retry runs; Idle after giveUp(): the next try
    bool limitWait = false; ///< gave up on REQUEST_LIMIT_EXCEEDED: cycles skip it until retryAt
    qint64 knownGeneration = -1;
    PendingOp knownPending = PendingOp::None;

    // counts
    bool askChanged = false; ///< the counts in flight ask "changed since the checkpoint?"
    bool askCounts = false; ///< ... and S (and A)
    bool afterDownload = false; ///< ... after a download of this object ended
    bool countSent = false;
    qint64 countGeneration = -1; ///< the generation the counts in flight were asked for
    QDateTime countsConfirmedAt;
    int mismatchRounds = 0;
    qint64 repairedForServer = -1; ///< a repair (full resync) already ran for this server count

    // the current download
    quint64 seq = 0; ///< bumped whenever the download stops: late answers are dropped
    bool full = false; ///< a full download: Id reconciliation at its end
    bool lastDownloadFull = false;
    bool updatingFields = false; ///< the full download runs because fields were added
    qint64 localAtStart = 0;
    qint64 generation = 0;
    SalesforceClient::RequestId fetchId = 0;
    int attempts = 0; ///< transient failures in a row
    int locatorRestarts = 0;
    int locatorRestartsInDownload = 0;
    int pagesWithoutProgress = 0;
    Checkpoint lastCheckpoint;
    QSet<QString> checkpointIds; ///< last Ids of the pages of this download: a repeat is no progress
    qint64 newRecords = 0; ///< records inserted or removed by this download (not mere rewrites)
    qint64 progressDone = 0;
    qint64 progressBase = 0; ///< records done before the current query (restarts)
    qint64 progressTotal = 0;
    QElapsedTimer clock; ///< since the download started
    qint64 lastProgressMs = 0;

    QList<SyncError> errors;
    bool lastAttemptFailed = false;
    quint64 uploadPasses = 0;
    qint64 unsavedOfServer = 0; ///< unsaved changes of server records (see ObjectActivity)
    qint64 unsavedKey = -1; ///< the unsaved count unsavedOfServer was read at
};

namespace {

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

} // namespace

SyncWorker::SyncWorker(SyncEngineOptions options)
    : m_options(std::move(options))
{
    m_cycleTimer.setSingleShot(true);
    m_snapshotTimer.setSingleShot(true);
    m_uploadTimer.setSingleShot(true);
    m_recountTimer.setSingleShot(true);
    m_signInTimer.setSingleShot(true);
    connect(&m_uploadTimer, &QTimer::timeout, this, [this] { runUploads(nullptr); });
    connect(&m_cycleTimer, &QTimer::timeout, this, [this] { startCycle(); });
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncWorker::pollStore);
    connect(&m_watchdogTimer, &QTimer::timeout, this, &SyncWorker::watchdog);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &SyncWorker::emitSnapshot);
    connect(&m_recountTimer, &QTimer::timeout, this, &SyncWorker::recount);
    connect(&m_signInTimer, &QTimer::timeout, this, &SyncWorker::trySignInAgain);
}

SyncWorker::~SyncWorker()
{
    shutdown();
}

void SyncWorker::shutdown()
{
    for (QTimer *t : {&m_cycleTimer, &m_pollTimer, &m_watchdogTimer, &m_snapshotTimer, &m_uploadTimer,
                      &m_recountTimer, &m_signInTimer})
        t->stop();
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
    // Downloads commit a page every few milliseconds: their checkpoints go to another thread (core).
    if (m_options.backgroundCheckpoints && !m_store->setBackgroundCheckpoints(true, &error))
        qCWarning(lcSync) << "WAL checkpoints stay in the writing thread:" << error.message;
    if (m_options.storeMaxPageCount > 0)
        m_store->setMaxPageCount(m_options.storeMaxPageCount);
    QList<QPair<QString, QString>> inUse;
    for (const SyncObjectConfig &object : m_options.config.objects) {
        auto run = std::make_unique<Run>();
        run->config = object;
        for (const QString &variable : object.bindVariables()) {
            const auto value = m_options.device.variable(variable);
            if (value && value->isEmpty() && run->noScopeNote.isEmpty())
                run->noScopeNote = noScopeWords(variable);
        }
        if (run->noScopeNote.isEmpty()) {
            run->soql = SoqlBuilder::create(object, m_options.device, &run->scopeProblem);
        } else {
            SyncObjectConfig unscoped = object;
            unscoped.scope.clear();
            run->soql = SoqlBuilder::create(unscoped, m_options.device, &run->scopeProblem);
        }
        const ObjectState st = m_store->objectState(object.name);
        run->paused = st.paused;
        run->knownGeneration = st.generation;
        run->knownPending = st.pending;
        if (!object.inUse.isEmpty()) {
            const auto id = m_options.device.variable(object.inUse);
            if (id && !id->isEmpty())
                inUse.append({object.name, *id});
        }
        m_runs.push_back(std::move(run));
    }
    if (!m_store->setInUse(inUse, &error))
        engineStoreError(QStringLiteral("Cannot mark the records in use (outlet, shift)"), error);

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

    m_parserThread = std::make_unique<QThread>();
    m_parserThread->setObjectName(QStringLiteral("posdata-parse"));
    m_parserContext = std::make_unique<QObject>();
    m_parserContext->moveToThread(m_parserThread.get());
    // Query pages arrive and are parsed there: the next page is ready while this thread writes one.
    m_client->setPageThread(m_parserThread.get());
    m_parserThread->start();

    m_pollTimer.start(std::max(50, m_options.storePollMs));
    m_watchdogTimer.start(tuning::kWatchdogTickMs);
    m_sinceSnapshot.start();
    emit started();
    emitSnapshot();
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
    case SyncAction::Kind::Pause: {
        // The product page: "Pause all syncing - Only available while a sync is in progress."
        bool busy = !action.all();
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
    }
    markDirty();
}

void SyncWorker::setRefreshToken(const QString &token)
{
    if (!m_client)
        return;
    m_client->setRefreshToken(token);
    trySignInAgain();
}

void SyncWorker::pauseRun(Run *run, bool writeStore)
{
    StoreError error;
    if (writeStore && !m_store->setPaused(run->config.name, true, &error)) {
        failStore(run, error);
        return;
    }
    run->paused = true;
    // No further request; a page in flight is dropped whole (it was not written).
    stopQuietly(run);
    markDirty();
    pump();
}

void SyncWorker::resumeRun(Run *run, bool writeStore)
{
    StoreError error;
    if (writeStore && !m_store->setPaused(run->config.name, false, &error)) {
        failStore(run, error);
        return;
    }
    if (!run->paused)
        return;
    run->paused = false;
    run->stopped = false;
    run->settled = false;
    // Pause held this object's uploads too: the cycle sends them first, then asks what changed.
    startCycle(QSet<Run *>{run});
    markDirty();
}

void SyncWorker::beginPending(const QList<Run *> &runs, bool clear)
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
            pendingBegun(run, generation);
    }
    pump();
}

void SyncWorker::pendingBegun(Run *run, qint64 generation)
{
    run->knownGeneration = generation;
    run->knownPending = m_store->objectState(run->config.name).pending;
    run->stopped = false;
    run->limitWait = false;
    run->retryAt = {};
    run->errors.clear();
    run->lastAttemptFailed = false;
    run->mismatchRounds = 0;
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

void SyncWorker::localWriteDone(const QString &object, const StoreError &error)
{
    if (!error.ok()) {
        emit localWriteFailed(object, error.message);
        return;
    }
    markDirty();
    // Soon, not at once: a POS writes a sale's records in a burst; they go in one batch.
    if (!m_uploadTimer.isActive())
        m_uploadTimer.start(tuning::kUploadAfterWriteMs);
}

void SyncWorker::createLocal(const QString &object, const QJsonObject &fields)
{
    if (!m_store)
        return;
    const Run *run = find(object);
    StoreError error;
    if (!run)
        error = StoreError{StoreError::Invalid, QStringLiteral("%1 is not a sync object").arg(object)};
    else if (run->config.externalId.isEmpty())
        error = StoreError{StoreError::Invalid,
                           QStringLiteral("%1 cannot be created on this device: its sync config has no externalId, "
                                          "so an upload could not be retried safely").arg(run->config.name)};
    else
        m_store->createRecord(run->config.name, fields, run->config.externalId, &error);
    localWriteDone(object, error);
}

void SyncWorker::updateLocal(const QString &object, const QString &id, const QJsonObject &fields)
{
    if (!m_store)
        return;
    StoreError error;
    m_store->updateRecord(object, id, fields, &error);
    localWriteDone(object, error);
}

void SyncWorker::deleteLocal(const QString &object, const QString &id)
{
    if (!m_store)
        return;
    StoreError error;
    m_store->deleteLocal(object, id, &error);
    localWriteDone(object, error);
}

// ---------------------------------------------------------------------------------------------
// cycles

void SyncWorker::startCycle(const std::optional<QSet<Run *>> &only)
{
    if (!m_store || m_signInRequired)
        return;
    if (m_cycleActive) {
        // One cycle follows, over the union of what was asked (nullopt, every object, absorbs all).
        if (!m_cycleAgain)
            m_againOnly = only;
        else if (m_againOnly && only)
            m_againOnly = *m_againOnly | *only;
        else
            m_againOnly = std::nullopt;
        m_cycleAgain = true;
        return;
    }
    if (!only)
        m_cycleTimer.stop(); // a full cycle restarts the interval; a recount leaves it running
    m_cycleOnly = only;
    m_cycleActive = true;
    m_apiAtCycleStart = m_client->apiCalls();
    // Uploads first: the server then holds this device's changes before we ask it what changed.
    m_countsAfterUploads = true;
    runUploads([this] { countPhase(); });
    markDirty();
}

bool SyncWorker::inCycle(Run *run) const
{
    return !m_cycleOnly || m_cycleOnly->contains(run);
}

void SyncWorker::countPhase()
{
    m_countsAfterUploads = false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto &r : m_runs) {
        Run *run = r.get();
        if (!inCycle(run) || run->paused || run->stopped || run->phase != Run::Phase::Idle)
            continue;
        if (run->limitWait && run->retryAt.isValid() && run->retryAt > now)
            continue;
        run->limitWait = false;
        run->retryAt = {};
        run->attempts = 0;
        const bool uploaded = m_uploadedUncounted.remove(run);
        if (!run->soql) {
            stop(run, QStringLiteral("INVALID_SCOPE"), run->scopeProblem);
            continue;
        }
        if (!run->noScopeNote.isEmpty()) {
            run->askChanged = false;
            run->askCounts = true;
            run->afterDownload = false;
            run->phase = Run::Phase::Counting;
            run->countSent = false;
            continue;
        }
        const ObjectState st = m_store->objectState(run->config.name);
        if (st.pending != PendingOp::None || st.checkpoint.isEmpty() || uploaded) {
            // Known to need a download: asking first would cost a call and tell nothing.
            requestDownload(run);
            continue;
        }
        const bool countsOld = !st.countsReadAt.isValid()
            || st.countsReadAt.msecsTo(now) > tuning::kFullRecountAfterMs;
        run->askChanged = true;
        run->askCounts = st.serverCount < 0 || (run->config.scoped() && st.serverAllCount < 0) || countsOld
            || !st.lastErrorCode.isEmpty();
        run->afterDownload = false;
        run->phase = Run::Phase::Counting;
        run->countSent = false;
    }
    markDirty();
    recount(); // sends the counts of every object marked above, in /composite batches
    pump();
}

void SyncWorker::maybeEndCycle()
{
    if (!m_cycleActive || !m_uploader || m_uploader->busy() || !m_afterUploads.isEmpty())
        return;
    for (auto &run : m_runs)
        if (run->phase != Run::Phase::Idle)
            return;
    endCycle();
}

void SyncWorker::endCycle()
{
    if (!m_cycleActive)
        return;
    m_cycleActive = false;
    m_apiCallsLastCycle = m_client->apiCalls() - m_apiAtCycleStart;
    emitSnapshot();
    emit idle();
    const bool recount = m_cycleOnly.has_value();
    m_cycleOnly = std::nullopt;
    if (m_cycleAgain) {
        const std::optional<QSet<Run *>> only = std::exchange(m_againOnly, std::nullopt);
        m_cycleAgain = false;
        QMetaObject::invokeMethod(this, [this, only] { startCycle(only); }, Qt::QueuedConnection);
    } else if (!m_signInRequired && m_options.cycleIntervalMs > 0 && !(recount && m_cycleTimer.isActive())) {
        m_cycleTimer.start(m_options.cycleIntervalMs);
    }
}

void SyncWorker::runUploads(std::function<void()> then)
{
    if (!m_store || !m_uploader)
        return;
    if (then)
        m_afterUploads.append(std::move(then));
    if (m_signInRequired) {
        m_afterUploads.clear();
        return;
    }
    if (m_uploader->busy()) {
        m_uploadAgain = true;
        return;
    }
    m_uploadAgain = false;
    QList<SyncObjectConfig> objects;
    for (auto &run : m_runs)
        if (!run->paused && m_options.uploads)
            objects.append(run->config);
    m_uploader->run(
        objects,
        [this](const QString &object) {
            const Run *run = find(object);
            return run && !run->paused && !m_signInRequired;
        },
        [this](const QList<Uploader::ObjectResult> &results) { uploadsDone(results); });
    markDirty();
}

void SyncWorker::uploadsDone(const QList<Uploader::ObjectResult> &results)
{
    for (const Uploader::ObjectResult &r : results) {
        Run *run = find(r.object);
        if (!run)
            continue;
        ++run->uploadPasses;
        if (r.uploaded > 0) {
            m_uploadedUncounted.insert(run);
            run->settled = false;
        }
        if (r.uploaded > 0 || r.refused > 0)
            qCInfo(lcSync) << r.object << "upload:" << r.uploaded << "uploaded," << r.refused << "refused";
        if (r.storeError)
            failStore(run, *r.storeError);
        if (!r.error)
            continue;
        if (r.error->kind == ApiError::Kind::Auth) {
            signInRequired(*r.error);
            return;
        }
        // Kept with the object; the records stay unsaved and go with the next pass.
        addError(run, r.error->code, QStringLiteral("Upload stopped: %1").arg(wordsOf(*r.error)), r.error->message);
        if (r.error->isLimitExceeded())
            break;
    }
    markDirty();
    if (m_uploadAgain) {
        runUploads(nullptr);
        return;
    }
    const QList<std::function<void()>> thens = std::move(m_afterUploads);
    m_afterUploads.clear();
    // The uploaded objects changed on the server: a cycle over them alone brings the server's
    // version down and recounts them, unless this pass opened a cycle that does so next.
    const bool recountUploaded = !m_uploadedUncounted.isEmpty() && !m_countsAfterUploads;
    for (const auto &f : thens)
        f();
    if (recountUploaded)
        startCycle(m_uploadedUncounted);
    maybeEndCycle();
}

// ---------------------------------------------------------------------------------------------
// counts: the cycle's question, and the recount that ends every download

void SyncWorker::requestRecount(Run *run)
{
    run->askChanged = false;
    run->askCounts = true;
    run->afterDownload = true;
    run->phase = Run::Phase::Counting;
    run->countSent = false;
    // Downloads ending close together share one /composite call; the last one sends it at once.
    if (m_active == 0 && m_queue.isEmpty())
        m_recountTimer.start(0);
    else if (!m_recountTimer.isActive())
        m_recountTimer.start(tuning::kRecountDebounceMs);
}

void SyncWorker::recount()
{
    m_recountTimer.stop();
    if (!m_client || m_signInRequired)
        return;
    QList<SalesforceClient::CountQuery> queries;
    QList<QPair<Run *, int>> asked; // run, kind (0 in scope, 1 all, 2 changed)
    for (auto &r : m_runs) {
        Run *run = r.get();
        if (run->phase != Run::Phase::Counting || run->countSent)
            continue;
        const ObjectState st = m_store->objectState(run->config.name);
        run->countGeneration = st.generation;
        run->countSent = true;
        const bool noScope = !run->noScopeNote.isEmpty();
        if (run->askChanged) {
            queries.append({run->soql->countChangedAfter(modstampTime(st.checkpoint.systemModstamp), st.checkpoint.id),
                            true});
            asked.append({run, 2});
        }
        if (run->askCounts && !noScope) {
            queries.append({run->soql->countInScope(), false});
            asked.append({run, 0});
        }
        if (run->askCounts && (run->config.scoped() || noScope)) {
            queries.append({run->soql->countAll(), false});
            asked.append({run, 1});
        }
    }
    markDirty();
    if (queries.isEmpty())
        return;
    m_client->counts(queries, [this, asked](const QList<SalesforceClient::CountResult> &results) {
        recountDone(results, asked);
    });
}

void SyncWorker::recountDone(const QList<SalesforceClient::CountResult> &results, const QList<QPair<Run *, int>> &asked)
{
    struct Counts
    {
        qint64 server = -1, all = -1, changed = -1;
        std::optional<ApiError> error;
    };
    QHash<Run *, Counts> counts;
    for (qsizetype i = 0; i < asked.size(); ++i) {
        Counts &c = counts[asked[i].first];
        const SalesforceClient::CountResult res = i < results.size()
            ? results[i]
            : SalesforceClient::CountResult{ApiError::malformed(QStringLiteral("A count got no answer")), -1};
        if (!res.error.ok()) {
            if (!c.error || res.error.kind == ApiError::Kind::Auth || res.error.kind == ApiError::Kind::Permanent)
                c.error = res.error;
            continue;
        }
        (asked[i].second == 0 ? c.server : asked[i].second == 1 ? c.all : c.changed) = res.count;
    }
    for (const Counts &c : std::as_const(counts)) {
        if (c.error && c.error->kind == ApiError::Kind::Auth) {
            signInRequired(*c.error);
            return;
        }
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto &r : m_runs) {
        Run *run = r.get();
        if (!counts.contains(run) || run->phase != Run::Phase::Counting || !run->countSent)
            continue; // paused, stopped or restarted meanwhile: this answer is not for it any more
        const Counts c = counts.value(run);
        run->phase = Run::Phase::Idle;
        run->countSent = false;
        if (c.error) {
            const bool askChanged = run->askChanged, askCounts = run->askCounts, afterDownload = run->afterDownload;
            fail(run, *c.error, [this, run, askChanged, askCounts, afterDownload] {
                run->askChanged = askChanged;
                run->askCounts = askCounts;
                run->afterDownload = afterDownload;
                run->phase = Run::Phase::Counting;
                run->countSent = false;
                recount();
            });
            continue;
        }
        const ObjectState st = m_store->objectState(run->config.name);
        if (st.generation != run->countGeneration || st.pending != PendingOp::None) {
            requestDownload(run); // cleared or resynced meanwhile: these counts describe the past
            continue;
        }
        const bool noScope = !run->noScopeNote.isEmpty();
        const bool countsRead = run->askCounts && (noScope ? c.all >= 0 : c.server >= 0);
        if (countsRead) {
            const qint64 server = noScope ? 0 : c.server;
            const qint64 all = run->config.scoped() || noScope ? c.all : c.server;
            StoreError error;
            if (!m_store->setServerCounts(run->config.name, server, all, now, &error)) {
                failStore(run, error);
                continue;
            }
        }
        if (run->askChanged && c.changed > 0) {
            requestDownload(run);
            continue;
        }
        compareCounts(run, countsRead);
    }
    markDirty();
    pump();
}

void SyncWorker::compareCounts(Run *run, bool countsReadNow)
{
    const ObjectState st = m_store->objectState(run->config.name);
    const qint64 local = st.localCount + activityOf(run, st).unsavedOfServerRecords;
    const bool match = st.serverCount >= 0 && local == st.serverCount;
    if (!countsReadNow) {
        // Nothing changed since the checkpoint: the stored counts still hold, if they agree.
        if (match) {
            run->countsConfirmedAt = QDateTime::currentDateTimeUtc();
            settle(run);
        } else {
            run->askChanged = false;
            run->askCounts = true;
            run->afterDownload = false;
            run->phase = Run::Phase::Counting;
            run->countSent = false;
            recount();
        }
        return;
    }
    if (match || !run->noScopeNote.isEmpty() || ++run->mismatchRounds > tuning::kMaxMismatchRounds) {
        settle(run);
        return;
    }
    // The counts disagree. Records changed while the download ran: another delta brings them. If the
    // last download brought nothing new, one full download repairs what a delta cannot see (a gap,
    // records that left the scope, deletions purged from the recycle bin); after that, what remains
    // is what the device keeps on purpose (records in use) or a server that counts differently.
    qCInfo(lcSync) << run->config.name << "local" << local << "server" << st.serverCount << "after round"
                   << run->mismatchRounds;
    const bool afterFull = run->afterDownload && run->lastDownloadFull;
    if (run->newRecords > 0 || !run->afterDownload) {
        requestDownload(run); // a delta: what changed meanwhile
    } else if (!afterFull && m_options.repairMismatches && run->repairedForServer != st.serverCount) {
        run->repairedForServer = st.serverCount;
        beginPending({run}, false);
    } else {
        settle(run);
    }
}

void SyncWorker::settle(Run *run)
{
    run->phase = Run::Phase::Idle;
    run->settled = true;
    run->mismatchRounds = 0;
    run->attempts = 0;
    run->retryAt = {};
    run->limitWait = false;
    run->lastAttemptFailed = false;
    StoreError error;
    if (!m_store->setLastSynced(run->config.name, QDateTime::currentDateTimeUtc(), &error)
        || !m_store->clearLastError(run->config.name, &error)) {
        failStore(run, error);
        return;
    }
    markDirty();
    maybeEndCycle();
}

// ---------------------------------------------------------------------------------------------
// downloads: query, then nextRecordsUrl pages; each page written with its checkpoint

void SyncWorker::requestDownload(Run *run)
{
    if (run->paused || run->stopped || !run->soql || !run->noScopeNote.isEmpty())
        return;
    if (run->phase == Run::Phase::Queued || run->phase == Run::Phase::Downloading)
        return;
    if (run->phase == Run::Phase::Backoff)
        run->seq++; // the waiting retry is superseded
    run->phase = Run::Phase::Queued;
    run->settled = false;
    // Keep the queue in priority order (m_runs is).
    qsizetype pos = 0;
    for (auto &r : m_runs) {
        if (r.get() == run)
            break;
        if (pos < m_queue.size() && m_queue[pos] == r.get())
            ++pos;
    }
    m_queue.insert(pos, run);
}

void SyncWorker::pump()
{
    if (!m_store)
        return;
    if (!m_cycleActive) {
        bool work = !m_queue.isEmpty();
        for (auto &run : m_runs)
            work = work || run->phase != Run::Phase::Idle;
        if (!work)
            return;
        // Work asked for outside a cycle (resume, resync, a retry): it becomes a cycle.
        m_cycleActive = true;
        m_cycleOnly = std::nullopt;
        m_apiAtCycleStart = m_client->apiCalls();
    }
    while (!m_signInRequired && m_active < std::max(1, m_options.maxConcurrentDownloads) && !m_queue.isEmpty()) {
        Run *run = m_queue.takeFirst();
        ++m_active;
        run->locatorRestarts = 0;
        run->locatorRestartsInDownload = 0;
        run->pagesWithoutProgress = 0;
        run->newRecords = 0;
        run->checkpointIds.clear();
        if (run->retryAt.isValid() && run->progressDone > 0) {
            run->progressBase = run->progressDone; // a retry goes on counting where it was
        } else {
            run->progressDone = 0;
            run->progressBase = 0;
            run->progressTotal = 0;
            run->clock.start();
        }
        run->retryAt = {};
        startDownload(run);
    }
    maybeEndCycle();
}

void SyncWorker::startDownload(Run *run)
{
    const ObjectState st = m_store->objectState(run->config.name);
    run->phase = Run::Phase::Downloading;
    run->knownGeneration = st.generation;
    run->knownPending = st.pending;
    run->full = st.pending != PendingOp::None || st.checkpoint.isEmpty();
    run->localAtStart = st.localCount;
    run->generation = st.generation;
    run->lastCheckpoint = st.checkpoint;
    run->fetchId = 0;
    if (!run->clock.isValid())
        run->clock.start();
    run->lastProgressMs = run->clock.elapsed();
    run->progressBase = run->progressDone;
    // Always queryAll: a delta must see tombstones; in a full download they are harmless (a deleted
    // row is not "seen", so the reconciliation at the end removes it) and one query shape lets a
    // static page server stand in for the org in the benchmark.
    const bool includeDeleted = true;
    const QString soql = st.checkpoint.isEmpty()
        ? run->soql->delta(QDateTime(), includeDeleted)
        : run->soql->deltaAfter(modstampTime(st.checkpoint.systemModstamp), st.checkpoint.id, includeDeleted);
    const quint64 seq = run->seq;
    run->fetchId = m_client->queryPage(soql, m_options.batchSize, includeDeleted,
        [this, run, seq](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &p) {
            pageArrived(run, seq, e, p);
        });
    markDirty();
}

void SyncWorker::fetchNext(Run *run, const QString &nextUrl)
{
    const quint64 seq = run->seq;
    run->fetchId = m_client->queryMorePage(nextUrl, m_options.batchSize,
        [this, run, seq](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &p) {
            pageArrived(run, seq, e, p);
        });
}

void SyncWorker::pageArrived(Run *run, quint64 seq, const ApiError &error,
                             const std::shared_ptr<SalesforceClient::ParsedPage> &parsed)
{
    if (seq != run->seq || !m_store)
        return;
    run->fetchId = 0;
    const auto retryDownload = [this, run] { requestDownload(run); pump(); };
    if (!error.ok()) {
        if (error.kind == ApiError::Kind::LocatorExpired) {
            const int inARow = ++run->locatorRestarts;
            const int inDownload = ++run->locatorRestartsInDownload;
            if (inARow <= tuning::kMaxLocatorRestarts && inDownload <= tuning::kMaxLocatorRestartsPerDownload) {
                // The server forgot the cursor: the checkpoint of the last page written is where to go on.
                qCInfo(lcSync) << run->config.name << "query locator expired; restarting from the checkpoint";
                run->seq++;
                startDownload(run);
                return;
            }
            addError(run, error.code,
                     QStringLiteral("Salesforce keeps forgetting the query (%1 restarts in this download); this "
                                    "attempt stopped and the next sync tries again")
                         .arg(inDownload - 1),
                     error.message);
            giveUp(run);
            return;
        }
        fail(run, error, retryDownload);
        return;
    }
    if (!parsed || !parsed->page) {
        fail(run, ApiError::malformed(QStringLiteral("A page of %1 could not be read: %2")
                                          .arg(run->config.name, parsed ? parsed->parseError : QString())),
             retryDownload);
        return;
    }
    const QueryPage &page = *parsed->page;
    // Ask for the next page now: it is received and parsed on the parser thread while this one is
    // written here.
    if (page.hasNext() && !run->paused)
        fetchNext(run, page.nextRecordsUrl);
    if (run->progressTotal <= 0 || run->progressDone == run->progressBase)
        run->progressTotal = run->progressBase + std::max<qint64>(0, page.totalSize);

    // Progress is a checkpoint this download has not had (never one that goes back in time) or new
    // records; a page that brings neither is a server going round in circles.
    Checkpoint checkpoint;
    if (!page.records.isEmpty())
        checkpoint = Checkpoint{page.records.constLast().systemModstamp, page.records.constLast().id};
    const bool newCheckpoint = !checkpoint.isEmpty() && !run->checkpointIds.contains(checkpoint.id)
        && (run->lastCheckpoint.isEmpty()
            || modstampTime(checkpoint.systemModstamp) >= modstampTime(run->lastCheckpoint.systemModstamp));
    StoreError storeError;
    const ApplyResult applied = m_store->applyPage(run->config.name, page.records,
                                                   newCheckpoint ? checkpoint : Checkpoint{}, run->generation,
                                                   &storeError);
    if (!storeError.ok()) {
        if (storeError.kind == StoreError::Stale) {
            // Cleared or resynced since this download started (here or by another process): the page
            // was dropped whole; the download starts again from what the store says now.
            qCInfo(lcSync) << run->config.name << "was cleared or resynced meanwhile; restarting";
            stopQuietly(run);
            requestDownload(run);
            pump();
            return;
        }
        failStore(run, storeError);
        return;
    }
    const qint64 received = page.records.size() + page.skippedWithoutId;
    const qsizetype skippedWithoutId = page.skippedWithoutId;
    const bool hasNext = page.hasNext();
    // Freeing 2000 records is not free: they go back to the parser thread, which has slack.
    QMetaObject::invokeMethod(m_parserContext.get(), [garbage = std::move(parsed->page->records)] {},
                              Qt::QueuedConnection);
    run->progressDone += received;
    run->lastProgressMs = run->clock.elapsed();
    run->newRecords += applied.inserted + applied.deleted;
    if (newCheckpoint) {
        run->checkpointIds.insert(checkpoint.id);
        run->lastCheckpoint = checkpoint;
    }
    if (newCheckpoint || applied.inserted > 0 || applied.deleted > 0) {
        run->pagesWithoutProgress = 0;
        run->attempts = 0;
        run->locatorRestarts = 0;
    } else if (hasNext && ++run->pagesWithoutProgress >= tuning::kMaxPagesWithoutProgress) {
        addError(run, QStringLiteral("NO_PROGRESS"),
                 QStringLiteral("Salesforce kept sending pages with nothing new (%1 in a row); this attempt "
                                "stopped and the next sync tries again")
                     .arg(run->pagesWithoutProgress),
                 {});
        giveUp(run);
        return;
    }
    if (skippedWithoutId > 0)
        addError(run, QStringLiteral("RECORD_WITHOUT_ID"),
                 QStringLiteral("%1 record(s) without an Id were skipped").arg(skippedWithoutId), {});
    markDirty();
    if (!hasNext)
        finishDownload(run);
}

void SyncWorker::finishDownload(Run *run)
{
    const QString &name = run->config.name;
    StoreError error;
    const auto stale = [&] {
        if (error.kind != StoreError::Stale)
            return false;
        stopQuietly(run);
        requestDownload(run);
        pump();
        return true;
    };
    // Id reconciliation: what this full download did not see is gone from the server or the scope.
    // A download into an object with no synced record has nothing to reconcile (every synced row was
    // written by it, with its generation): the scan of a million rows is skipped.
    if (run->full) {
        if (run->localAtStart > 0) {
            const qint64 removed = m_store->removeUnseen(name, run->generation, &error);
            if (removed < 0) {
                if (!stale())
                    failStore(run, error);
                return;
            }
            run->newRecords += removed;
        }
        const ObjectState st = m_store->objectState(name);
        if (st.pending != PendingOp::None && !m_store->finishPending(name, run->generation, &error)) {
            if (!stale())
                failStore(run, error);
            return;
        }
    }
    const ObjectState st = m_store->objectState(name);
    run->knownPending = st.pending;
    run->knownGeneration = st.generation;
    run->lastDownloadFull = run->full;
    run->updatingFields = false;
    run->seq++;
    --m_active;
    requestRecount(run);
    pump();
}

void SyncWorker::stopQuietly(Run *run)
{
    run->seq++;
    if (run->fetchId && m_client)
        m_client->abort(run->fetchId);
    run->fetchId = 0;
    if (run->phase == Run::Phase::Downloading)
        --m_active;
    else if (run->phase == Run::Phase::Queued)
        m_queue.removeAll(run);
    run->phase = Run::Phase::Idle;
    run->countSent = false;
}

// ---------------------------------------------------------------------------------------------
// failures

void SyncWorker::fail(Run *run, const ApiError &error, std::function<void()> retry)
{
    stopQuietly(run);
    switch (error.kind) {
    case ApiError::Kind::Auth:
        signInRequired(error);
        return;
    case ApiError::Kind::Permanent:
        stop(run, error.code, wordsOf(error), error.message);
        return;
    case ApiError::Kind::LocatorExpired:
    case ApiError::Kind::Transient:
    case ApiError::Kind::None:
        break;
    }
    addError(run, error.code, wordsOf(error), error.message);
    if (error.isLimitExceeded()) {
        // The org's allowance is used up: this object waits long, and holds nothing meanwhile.
        giveUp(run, QDateTime::currentDateTimeUtc().addMSecs(m_options.limitBackoffMs));
        return;
    }
    if (++run->attempts >= std::max(1, m_options.maxAttemptsPerCycle)) {
        giveUp(run);
        return;
    }
    const int delay = tuning::backoffDelay(run->attempts, m_options.backoffBaseMs, m_options.backoffMaxMs);
    run->phase = Run::Phase::Backoff;
    run->retryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    const quint64 seq = run->seq;
    QTimer::singleShot(delay, this, [this, run, seq, retry] {
        if (seq != run->seq || run->phase != Run::Phase::Backoff || run->paused || m_signInRequired)
            return;
        run->phase = Run::Phase::Idle;
        retry();
    });
    markDirty();
    pump(); // the slot it held is free for another object
}

void SyncWorker::failStore(Run *run, const StoreError &error)
{
    const SyncError e = storeErrorOf(error);
    addError(run, e.code, e.message, {});
    giveUp(run);
}

void SyncWorker::giveUp(Run *run, const QDateTime &until)
{
    stopQuietly(run);
    run->settled = false;
    run->attempts = 0;
    run->lastAttemptFailed = true;
    run->limitWait = until.isValid();
    run->retryAt = until.isValid() ? until
        : m_options.cycleIntervalMs > 0 ? QDateTime::currentDateTimeUtc().addMSecs(m_options.cycleIntervalMs)
                                        : QDateTime();
    markDirty();
    pump();
}

void SyncWorker::stop(Run *run, const QString &code, const QString &message, const QString &detail)
{
    stopQuietly(run);
    addError(run, code, message, detail);
    run->stopped = true;
    run->settled = false;
    markDirty();
    pump();
}

void SyncWorker::signInRequired(const ApiError &error)
{
    ++m_signInAttempts;
    m_signInRequired = true;
    m_engineError = SyncError{QStringLiteral("SIGN_IN_REQUIRED"),
                              QStringLiteral("Sign-in required: %1").arg(error.message),
                              QDateTime::currentDateTimeUtc(), {}};
    // One engine-wide error and no more requests: no retry storm against a refused token. The
    // engine tries again by itself, less and less often.
    m_client->abortAll();
    m_uploader->cancel();
    m_afterUploads.clear();
    m_uploadAgain = false;
    m_recountTimer.stop();
    for (auto &run : m_runs)
        stopQuietly(run.get());
    m_queue.clear();
    m_active = 0;
    m_cycleTimer.stop();
    const int delay = tuning::backoffDelay(m_signInAttempts, m_options.signInRetryBaseMs, tuning::kSignInRetryMaxMs);
    m_signInRetryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    m_signInTimer.start(delay);
    qCWarning(lcSync) << "sign-in required; trying again in" << delay / 1000 << "s";
    if (m_cycleActive)
        endCycle();
    markDirty();
}

void SyncWorker::trySignInAgain()
{
    m_signInTimer.stop();
    if (!m_client)
        return;
    if (m_signInRequired) {
        m_signInRequired = false;
        m_client->retrySignIn();
    }
    startCycle();
}

void SyncWorker::addError(Run *run, const QString &code, const QString &message, const QString &detail)
{
    const SyncError e{code, message, QDateTime::currentDateTimeUtc(), detail};
    run->errors.append(e);
    while (run->errors.size() > tuning::kMaxErrorsPerObject)
        run->errors.removeFirst();
    run->lastAttemptFailed = true;
    StoreError error;
    if (!m_store->setLastError(run->config.name, code, message, e.time, &error))
        qCWarning(lcSync) << "cannot keep the error of" << run->config.name << "in the store:" << error.message;
    markDirty();
}

void SyncWorker::engineStoreError(const QString &what, const StoreError &error)
{
    const SyncError e = storeErrorOf(error);
    m_engineError = SyncError{e.code, QStringLiteral("%1: %2").arg(what, e.message), e.time, {}};
    markDirty();
}

// ---------------------------------------------------------------------------------------------
// timers

void SyncWorker::pollStore()
{
    if (!m_store)
        return;
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
    if (m_publisher.offer(snapshot))
        emit snapshotReady(snapshot);
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
    a.progressDone = run->progressDone;
    a.progressTotal = run->progressTotal;
    a.downloadMs = run->clock.isValid() ? run->clock.elapsed() : 0;
    a.retryAt = run->retryAt;
    if (st.unsavedCount == 0) {
        run->unsavedOfServer = 0;
        run->unsavedKey = 0;
    } else if (run->unsavedKey != st.unsavedCount) {
        // Unsaved records are few and read through a partial index; only when their number moves.
        qint64 n = 0;
        for (const UnsavedRecord &r : m_store->unsaved(run->config.name))
            n += r.state == RecordState::LocallyUpdated || r.state == RecordState::LocallyDeleted ? 1 : 0;
        run->unsavedOfServer = n;
        run->unsavedKey = st.unsavedCount;
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

EngineSnapshot SyncWorker::buildSnapshot()
{
    EngineSnapshot out;
    out.running = true;
    for (auto &r : m_runs) {
        const ObjectState st = m_store->objectState(r->config.name);
        out.objects.append(SnapshotPublisher::object(r->config, st, activityOf(r.get(), st)));
    }
    out.signInRequired = m_engineError && m_engineError->code == QLatin1String("SIGN_IN_REQUIRED");
    out.signInRetryAt = out.signInRequired ? m_signInRetryAt : QDateTime();
    out.engineError = m_engineError;
    out.apiCallsLastCycle = m_apiCallsLastCycle;
    out.apiCallsTotal = m_client ? m_client->apiCalls() : 0;
    return out;
}

} // namespace posdata
