// SPDX-License-Identifier: MIT
#include "syncworker.h"

#include "store/localstore.h"
#include "sync/synctuning.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QThread>

#include <cmath>

Q_LOGGING_CATEGORY(lcSync, "posdata.sync")

namespace posdata {

/// One sync object's run-time state (what the store does not persist).
struct SyncWorker::Run
{
    SyncObjectConfig config;
    std::optional<SoqlBuilder> soql;
    QString soqlError;
    bool paused = false;
    bool permanentFailure = false;
    enum class Phase { Idle, Queued, Downloading, Backoff } phase = Phase::Idle;
    qint64 knownGeneration = -1;
    PendingOp knownPending = PendingOp::None;

    // the current download
    quint64 seq = 0; ///< bumped by cancel(): late network or parse results are dropped
    bool full = false; ///< a full download: Id reconciliation at its end
    qint64 localAtStart = 0; ///< synced records when the download (re)started
    qint64 generation = 0;
    SalesforceClient::RequestId fetchId = 0;
    QString fetchUrl; ///< the nextRecordsUrl being fetched (empty for the first query)
    QString deferredUrl; ///< next page to fetch once the pipeline has room
    int inPipeline = 0; ///< bodies received, not yet written
    int attempts = 0; ///< transient failures in a row
    int locatorRestarts = 0;
    qint64 progressDone = 0;
    qint64 progressBase = 0; ///< records done before the current query (restarts)
    qint64 progressTotal = 0;
    QElapsedTimer clock; ///< since the download started
    qint64 lastProgressMs = 0;
    QList<SyncError> errors;
    bool changedUnknown = true;
};

/// A parsed page, or why it could not be parsed.
struct SyncWorker::ParseResult
{
    std::optional<QueryPage> page;
    QString error;
    QString prefetchedUrl; ///< the next page, requested before this one was written
};

namespace {

QDateTime modstampTime(const QString &value)
{
    QString v = value;
    // Salesforce writes +0000; Qt's ISO parser wants a colon in the offset.
    if (v.size() > 5 && (v.at(v.size() - 5) == QLatin1Char('+') || v.at(v.size() - 5) == QLatin1Char('-')))
        v.insert(v.size() - 2, QLatin1Char(':'));
    QDateTime t = QDateTime::fromString(v, Qt::ISODateWithMs);
    return t.toUTC();
}

QString quoted(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

SyncWorker::SyncWorker(SyncEngineOptions options)
    : m_options(std::move(options))
{
    m_cycleTimer.setSingleShot(true);
    m_snapshotTimer.setSingleShot(true);
    m_uploadTimer.setSingleShot(true);
    connect(&m_uploadTimer, &QTimer::timeout, this, [this] { runUploads(nullptr); });
    connect(&m_cycleTimer, &QTimer::timeout, this, [this] { startCycle(false); });
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncWorker::pollStore);
    connect(&m_watchdogTimer, &QTimer::timeout, this, &SyncWorker::watchdog);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &SyncWorker::emitSnapshot);
}

SyncWorker::~SyncWorker()
{
    shutdown();
}

void SyncWorker::shutdown()
{
    m_cycleTimer.stop();
    m_pollTimer.stop();
    m_watchdogTimer.stop();
    m_snapshotTimer.stop();
    m_uploadTimer.stop();
    if (m_uploader)
        m_uploader->cancel();
    m_afterUploads.clear();
    if (m_client)
        m_client->abortAll();
    for (auto &run : m_runs)
        run->seq++;
    if (m_parserThread) {
        m_parserThread->quit();
        m_parserThread->wait();
        delete m_parserContext;
        m_parserContext = nullptr;
        delete m_parserThread;
        m_parserThread = nullptr;
    }
    delete m_uploader;
    m_uploader = nullptr;
    delete m_client;
    m_client = nullptr;
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
    m_store->ensureObjects(m_options.config.names());
    // Downloads commit a page every few milliseconds: their checkpoints go to another thread (core).
    if (m_options.backgroundCheckpoints)
        m_store->setBackgroundCheckpoints(true);
    if (m_options.storeMaxPageCount > 0)
        m_store->setMaxPageCount(m_options.storeMaxPageCount);
    QList<QPair<QString, QString>> inUse;
    for (const SyncObjectConfig &object : m_options.config.objects) {
        auto run = std::make_unique<Run>();
        run->config = object;
        QString soqlError;
        run->soql = SoqlBuilder::create(object, m_options.device, &soqlError);
        run->soqlError = soqlError;
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
    m_store->setInUse(inUse);

    SalesforceClient::Options co;
    co.instanceUrl = m_options.device.instanceUrl;
    co.clientId = m_options.device.clientId;
    co.refreshToken = m_options.device.refreshToken;
    co.requestTimeoutMs = m_options.requestTimeoutMs;
    m_client = new SalesforceClient(co, this);
    Uploader::Options uo;
    uo.backoffBaseMs = m_options.backoffBaseMs;
    uo.backoffMaxMs = m_options.backoffMaxMs;
    uo.maxAttempts = m_options.maxAttemptsPerCycle;
    m_uploader = new Uploader(m_store.get(), m_client, uo, this);
    connect(m_uploader, &Uploader::progressed, this, &SyncWorker::markDirty);

    m_parserThread = new QThread;
    m_parserThread->setObjectName(QStringLiteral("posdata-parse"));
    m_parserContext = new QObject;
    m_parserContext->moveToThread(m_parserThread);
    // Query pages arrive and are parsed there: the next page is ready while this thread writes one.
    m_client->setPageThread(m_parserThread);
    m_parserThread->start();

    m_pollTimer.start(std::max(50, m_options.storePollMs));
    m_watchdogTimer.start(tuning::kWatchdogTickMs);
    m_sinceSnapshot.start();
    emit started();
    emitSnapshot();
    startCycle(true);
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
// cycles

void SyncWorker::syncNow()
{
    if (!m_store)
        return;
    for (auto &run : m_runs)
        run->permanentFailure = false; // asked by a person: try again once
    startCycle(true);
}

void SyncWorker::startCycle(bool manual, const std::optional<QSet<Run *>> &only)
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
        m_cycleManual = m_cycleManual || manual;
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
}

void SyncWorker::countPhase()
{
    m_countsAfterUploads = false;
    // Counts and "anything changed?" of every object that will be looked at, in /composite batches.
    QList<SalesforceClient::CountQuery> queries;
    QList<QPair<Run *, int>> querySlots; // run, kind (0 in scope, 1 all, 2 changed)
    for (auto &r : m_runs) {
        Run *run = r.get();
        if (!inCycle(run))
            continue;
        m_uploadedUncounted.remove(run); // counted now, or skipped: the next full cycle counts it
        if (run->paused || run->permanentFailure || run->phase != Run::Phase::Idle)
            continue;
        if (!run->soql) {
            addError(run, QStringLiteral("INVALID_SCOPE"), run->soqlError, true);
            run->permanentFailure = true;
            continue;
        }
        queries.append({run->soql->countInScope(), false});
        querySlots.append({run, 0});
        if (run->config.scoped()) {
            queries.append({run->soql->countAll(), false});
            querySlots.append({run, 1});
        }
        const ObjectState st = m_store->objectState(run->config.name);
        run->changedUnknown = true;
        if (!st.checkpoint.isEmpty() && st.pending == PendingOp::None) {
            QString where = QStringLiteral("(SystemModstamp > %1 OR (SystemModstamp = %1 AND Id > %2))")
                                .arg(SoqlBuilder::dateTimeLiteral(modstampTime(st.checkpoint.systemModstamp)),
                                     quoted(st.checkpoint.id));
            if (!run->soql->boundScope().isEmpty())
                where += QStringLiteral(" AND (%1)").arg(run->soql->boundScope());
            queries.append({QStringLiteral("SELECT COUNT() FROM %1 WHERE %2").arg(run->config.name, where), true});
            querySlots.append({run, 2});
        }
    }
    markDirty();
    if (queries.isEmpty()) {
        countsDone({}, {});
        return;
    }
    m_client->counts(queries, [this, querySlots](const QList<SalesforceClient::CountResult> &results) {
        countsDone(results, querySlots);
    });
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
        if (r.uploaded > 0)
            m_uploadedUncounted.insert(run);
        if (r.uploaded > 0 || r.refused > 0)
            qCInfo(lcSync) << r.object << "upload:" << r.uploaded << "uploaded," << r.refused << "refused";
        if (!r.error)
            continue;
        if (r.error->kind == ApiError::Kind::Auth) {
            signInRequired(*r.error);
            return;
        }
        // Kept with the object; the records stay unsaved and go with the next pass.
        addError(run, r.error->code, QStringLiteral("Upload stopped: %1").arg(r.error->message), true);
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
    // The uploaded objects' server counts are stale: a cycle over them alone reads them again (and
    // brings the uploaded records' server fields down), unless this pass opened a cycle that counts
    // next. Kept across passes: a pass that uploads nothing after one that did still recounts.
    const bool recount = !m_uploadedUncounted.isEmpty() && !m_countsAfterUploads;
    for (const auto &f : thens)
        f();
    if (recount)
        startCycle(false, m_uploadedUncounted);
}

void SyncWorker::countsDone(const QList<SalesforceClient::CountResult> &results, const QList<QPair<Run *, int>> &querySlots)
{
    struct Counts
    {
        qint64 server = -1, all = -1, changed = -1;
        bool failed = false;
    };
    QHash<Run *, Counts> counts;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < results.size() && i < querySlots.size(); ++i) {
        Run *run = querySlots[i].first;
        Counts &c = counts[run];
        const auto &res = results[i];
        if (!res.error.ok()) {
            if (res.error.kind == ApiError::Kind::Auth) {
                signInRequired(res.error);
                return;
            }
            if (!c.failed) {
                const bool permanent = res.error.kind == ApiError::Kind::Permanent;
                addError(run, res.error.code, res.error.message, true);
                if (permanent)
                    run->permanentFailure = true;
            }
            c.failed = true;
            continue;
        }
        (querySlots[i].second == 0 ? c.server : querySlots[i].second == 1 ? c.all : c.changed) = res.count;
    }
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        Run *run = it.key();
        const Counts &c = it.value();
        if (c.server >= 0 && (!run->config.scoped() || c.all >= 0))
            m_store->setServerCounts(run->config.name, c.server, run->config.scoped() ? c.all : c.server, now);
        run->changedUnknown = c.changed < 0;
        if (run->permanentFailure)
            continue;
        const ObjectState st = m_store->objectState(run->config.name);
        const bool upToDate = c.changed == 0 && st.pending == PendingOp::None && !st.checkpoint.isEmpty()
            && c.server >= 0 && st.localCount == c.server && !c.failed;
        if (upToDate) {
            // Nothing changed on the server: one count instead of a query (API economy).
            m_store->setLastSynced(run->config.name, now);
            if (!st.lastErrorCode.isEmpty())
                m_store->clearLastError(run->config.name);
            continue;
        }
        requestDownload(run);
    }
    // Objects that were not counted (a failure before counting) still get their download.
    for (auto &r : m_runs)
        if (!counts.contains(r.get()) && !r->paused && !r->permanentFailure && r->soql
            && r->phase == Run::Phase::Idle && inCycle(r.get()))
            requestDownload(r.get());
    markDirty();
    pump();
}

bool SyncWorker::inCycle(Run *run) const
{
    return !m_cycleOnly || m_cycleOnly->contains(run);
}

void SyncWorker::requestDownload(Run *run)
{
    if (run->paused || run->phase != Run::Phase::Idle || !run->soql)
        return;
    run->phase = Run::Phase::Queued;
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
    if (!m_cycleActive) {
        if (!m_queue.isEmpty()) {
            // Work asked for outside a cycle (resume, resync): it becomes a cycle.
            m_cycleActive = true;
            m_cycleOnly = std::nullopt;
            m_apiAtCycleStart = m_client->apiCalls();
        } else {
            return;
        }
    }
    while (!m_signInRequired && m_active < std::max(1, m_options.maxConcurrentDownloads) && !m_queue.isEmpty()) {
        Run *run = m_queue.takeFirst();
        ++m_active;
        run->attempts = 0;
        run->locatorRestarts = 0;
        run->progressDone = 0;
        run->progressBase = 0;
        run->progressTotal = 0;
        run->clock.start();
        startDownload(run);
    }
    if (m_active == 0 && m_queue.isEmpty())
        endCycle();
}

void SyncWorker::runEnded(Run *run)
{
    run->phase = Run::Phase::Idle;
    --m_active;
    markDirty();
    pump();
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
        const bool manual = m_cycleManual;
        const std::optional<QSet<Run *>> only = std::exchange(m_againOnly, std::nullopt);
        m_cycleAgain = false;
        m_cycleManual = false;
        QMetaObject::invokeMethod(this, [this, manual, only] { startCycle(manual, only); }, Qt::QueuedConnection);
    } else if (!m_signInRequired && m_options.cycleIntervalMs > 0 && !(recount && m_cycleTimer.isActive())) {
        m_cycleTimer.start(m_options.cycleIntervalMs);
    }
}

// ---------------------------------------------------------------------------------------------
// one download: query, then nextRecordsUrl pages; each page written with its checkpoint

void SyncWorker::startDownload(Run *run)
{
    const ObjectState st = m_store->objectState(run->config.name);
    run->phase = Run::Phase::Downloading;
    run->knownGeneration = st.generation;
    run->knownPending = st.pending;
    run->full = st.pending != PendingOp::None || st.checkpoint.isEmpty();
    run->localAtStart = st.localCount;
    run->generation = st.generation;
    run->inPipeline = 0;
    run->deferredUrl.clear();
    run->fetchUrl.clear();
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

void SyncWorker::fetch(Run *run, QString nextUrl)
{
    if (run->fetchId != 0 || run->inPipeline >= tuning::kMaxPagesInPipeline) {
        run->deferredUrl = nextUrl;
        return;
    }
    run->deferredUrl.clear();
    run->fetchUrl = std::move(nextUrl);
    const quint64 seq = run->seq;
    run->fetchId = m_client->queryMorePage(run->fetchUrl, m_options.batchSize,
        [this, run, seq](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &p) {
            pageArrived(run, seq, e, p);
        });
}

void SyncWorker::pageArrived(Run *run, quint64 seq, const ApiError &error,
                             const std::shared_ptr<SalesforceClient::ParsedPage> &parsed)
{
    if (seq != run->seq)
        return;
    run->fetchId = 0;
    if (!error.ok()) {
        fail(run, error);
        return;
    }
    ++run->inPipeline;
    run->lastProgressMs = run->clock.elapsed();
    auto result = std::make_shared<ParseResult>();
    result->page = std::move(parsed->page);
    result->error = parsed->parseError;
    // Ask for the next page now: it is received and parsed on the parser thread while this one is
    // written here.
    if (result->page && result->page->hasNext() && !run->paused) {
        result->prefetchedUrl = result->page->nextRecordsUrl;
        fetch(run, result->prefetchedUrl);
    }
    pageParsed(run, seq, result);
}

void SyncWorker::pageParsed(Run *run, quint64 seq, const std::shared_ptr<ParseResult> &result)
{
    if (seq != run->seq || !m_store)
        return;
    if (!result->page) {
        fail(run, ApiError::malformed(QStringLiteral("A page of %1 could not be read: %2")
                                          .arg(run->config.name, result->error)));
        return;
    }
    const QueryPage &page = *result->page;
    if (run->progressTotal <= 0 || run->progressDone == run->progressBase)
        run->progressTotal = run->progressBase + std::max<qint64>(0, page.totalSize);

    Checkpoint checkpoint;
    if (!page.records.isEmpty())
        checkpoint = Checkpoint{page.records.constLast().systemModstamp, page.records.constLast().id};
    StoreError storeError;
    m_store->applyPage(run->config.name, page.records, checkpoint, run->generation, &storeError);
    if (!storeError.ok()) {
        failStore(run, storeError);
        return;
    }
    const qint64 received = page.records.size() + page.skippedWithoutId;
    // Freeing 2000 records is not free: the records go back to the parser thread, which has slack.
    QMetaObject::invokeMethod(m_parserContext, [garbage = std::move(result->page->records)] {},
                              Qt::QueuedConnection);
    --run->inPipeline;
    run->attempts = 0;
    run->locatorRestarts = 0;
    run->progressDone += received;
    run->lastProgressMs = run->clock.elapsed();
    if (page.skippedWithoutId > 0)
        addError(run, QStringLiteral("RECORD_WITHOUT_ID"),
                 QStringLiteral("%1 record(s) without an Id were skipped").arg(page.skippedWithoutId), false);
    markDirty();

    if (!page.hasNext()) {
        finishDownload(run);
        return;
    }
    if (run->paused)
        return;
    if (result->prefetchedUrl.isEmpty())
        fetch(run, page.nextRecordsUrl);
    else if (!run->deferredUrl.isEmpty() && run->fetchId == 0)
        fetch(run, run->deferredUrl);
}

void SyncWorker::finishDownload(Run *run)
{
    const QString &name = run->config.name;
    StoreError error;
    // Id reconciliation: what this full download did not see is gone from the server or the scope.
    // A download into an object with no synced record has nothing to reconcile (every synced row was
    // written by it, with its generation): the scan of a million rows is skipped.
    if (run->full) {
        if (run->localAtStart > 0 && m_store->removeUnseen(name, run->generation, &error) < 0) {
            failStore(run, error);
            return;
        }
        const ObjectState st = m_store->objectState(name);
        if (st.pending != PendingOp::None && !m_store->finishPending(name, run->generation, &error)) {
            failStore(run, error);
            return;
        }
    }
    const ObjectState st = m_store->objectState(name);
    run->knownPending = st.pending;
    run->knownGeneration = st.generation;
    m_store->setLastSynced(name, QDateTime::currentDateTimeUtc());
    m_store->clearLastError(name);
    run->seq++;
    runEnded(run);
}

void SyncWorker::cancel(Run *run)
{
    run->seq++;
    if (run->fetchId)
        m_client->abort(run->fetchId);
    run->fetchId = 0;
    run->inPipeline = 0;
    run->deferredUrl.clear();
    run->fetchUrl.clear();
}

void SyncWorker::stopQuietly(Run *run)
{
    // Stops the object without ending the cycle: the caller queues it again at once.
    if (run->phase == Run::Phase::Downloading || run->phase == Run::Phase::Backoff) {
        cancel(run);
        --m_active;
    } else if (run->phase == Run::Phase::Queued) {
        m_queue.removeAll(run);
    }
    run->phase = Run::Phase::Idle;
}

void SyncWorker::fail(Run *run, const ApiError &error)
{
    cancel(run);
    switch (error.kind) {
    case ApiError::Kind::Auth:
        signInRequired(error);
        return;
    case ApiError::Kind::LocatorExpired:
        if (++run->locatorRestarts <= tuning::kMaxLocatorRestarts) {
            // The server forgot the cursor: the checkpoint of the last page written is where to go on.
            qCInfo(lcSync) << run->config.name << "query locator expired; restarting from the checkpoint";
            startDownload(run);
            return;
        }
        [[fallthrough]];
    case ApiError::Kind::Transient:
    case ApiError::Kind::None: {
        addError(run, error.code, error.message, true);
        if (++run->attempts >= std::max(1, m_options.maxAttemptsPerCycle)) {
            runEnded(run); // the next cycle tries again
            return;
        }
        const int base = error.isLimitExceeded() ? m_options.limitBackoffMs : m_options.backoffBaseMs;
        double delay = std::min<double>(m_options.backoffMaxMs, base * std::pow(2.0, run->attempts - 1));
        if (error.isLimitExceeded())
            delay = std::max<double>(delay, m_options.limitBackoffMs);
        // Jitter in [0.75, 1.25): devices that failed together do not retry together.
        delay *= 0.75 + 0.5 * QRandomGenerator::global()->generateDouble();
        run->phase = Run::Phase::Backoff;
        const quint64 seq = run->seq;
        QTimer::singleShot(static_cast<int>(delay), this, [this, run, seq] {
            if (seq != run->seq || run->phase != Run::Phase::Backoff || run->paused || m_signInRequired)
                return;
            startDownload(run);
        });
        markDirty();
        return;
    }
    case ApiError::Kind::Permanent:
        addError(run, error.code, error.message, true);
        run->permanentFailure = true;
        runEnded(run);
        return;
    }
}

void SyncWorker::failStore(Run *run, const StoreError &error)
{
    cancel(run);
    const QString code = error.kind == StoreError::DiskFull ? QStringLiteral("DISK_FULL")
        : error.kind == StoreError::Busy                    ? QStringLiteral("STORE_BUSY")
                                                            : QStringLiteral("STORE_ERROR");
    const QString message = error.kind == StoreError::DiskFull
        ? QStringLiteral("The device storage is full; nothing was lost, the download stopped: %1").arg(error.message)
        : error.message;
    addError(run, code, message, true);
    runEnded(run);
}

void SyncWorker::signInRequired(const ApiError &error)
{
    if (!m_signInRequired) {
        m_signInRequired = true;
        m_engineError = SyncError{QStringLiteral("SIGN_IN_REQUIRED"),
                                  QStringLiteral("Sign-in required: %1").arg(error.message),
                                  QDateTime::currentDateTimeUtc()};
    }
    // One engine-wide error and no more requests: no retry storm against a refused token.
    m_client->abortAll();
    m_uploader->cancel();
    m_afterUploads.clear();
    m_uploadAgain = false;
    m_queue.clear();
    for (auto &run : m_runs) {
        if (run->phase == Run::Phase::Downloading || run->phase == Run::Phase::Backoff) {
            cancel(run.get());
            --m_active;
        }
        run->phase = Run::Phase::Idle;
    }
    m_active = 0;
    m_cycleTimer.stop();
    if (m_cycleActive)
        endCycle();
    markDirty();
}

// ---------------------------------------------------------------------------------------------
// intents

void SyncWorker::pauseRun(Run *run, bool writeStore)
{
    if (writeStore)
        m_store->setPaused(run->config.name, true);
    run->paused = true;
    switch (run->phase) {
    case Run::Phase::Downloading:
    case Run::Phase::Backoff:
        // No further request; a page in flight is dropped whole (it was not written).
        cancel(run);
        runEnded(run);
        break;
    case Run::Phase::Queued:
        m_queue.removeAll(run);
        run->phase = Run::Phase::Idle;
        pump();
        break;
    case Run::Phase::Idle:
        break;
    }
    markDirty();
}

void SyncWorker::resumeRun(Run *run, bool writeStore)
{
    if (writeStore)
        m_store->setPaused(run->config.name, false);
    if (!run->paused)
        return;
    run->paused = false;
    run->permanentFailure = false;
    if (m_store->objectState(run->config.name).unsavedCount > 0) {
        // Pause held this object's uploads too: they go first, then the download.
        runUploads([this, run] {
            requestDownload(run);
            pump();
        });
    } else {
        requestDownload(run);
        pump();
    }
    markDirty();
}

void SyncWorker::pause(const QString &object)
{
    if (!m_store)
        return;
    for (Run *run : targets(object))
        pauseRun(run, true);
}

void SyncWorker::resume(const QString &object)
{
    if (!m_store)
        return;
    for (Run *run : targets(object))
        resumeRun(run, true);
}

void SyncWorker::pauseAll()
{
    if (!m_store)
        return;
    // The product page: "Only available while a sync is in progress."
    if (!m_cycleActive && m_active == 0)
        return;
    for (auto &run : m_runs)
        pauseRun(run.get(), true);
}

void SyncWorker::resumeAll()
{
    if (!m_store)
        return;
    for (auto &run : m_runs)
        if (run->paused)
            resumeRun(run.get(), true);
}

void SyncWorker::beginPending(Run *run, bool clear)
{
    stopQuietly(run);
    StoreError error;
    const qint64 generation = clear ? m_store->beginClearResync(run->config.name, &error)
                                    : m_store->beginFullResync(run->config.name, &error);
    pendingBegun(run, clear, generation, error);
}

void SyncWorker::pendingBegun(Run *run, bool clear, qint64 generation, const StoreError &error)
{
    if (generation < 0) {
        addError(run, error.kind == StoreError::DiskFull ? QStringLiteral("DISK_FULL") : QStringLiteral("STORE_ERROR"),
                 error.message, true);
        return;
    }
    run->knownGeneration = generation;
    run->knownPending = clear ? PendingOp::ClearResync : PendingOp::FullResync;
    run->permanentFailure = false;
    run->errors.clear();
    requestDownload(run);
}

void SyncWorker::resync(const QString &object)
{
    if (!m_store || m_signInRequired)
        return;
    for (Run *run : targets(object))
        beginPending(run, false);
    pump();
    markDirty();
}

void SyncWorker::resyncAll()
{
    resync(QString());
}

void SyncWorker::clearResync(const QString &object)
{
    if (!m_store || m_signInRequired)
        return;
    const QList<Run *> runs = targets(object);
    if (runs.size() == 1) {
        beginPending(runs.first(), true);
    } else {
        // "Clear & resync all": every object cleared in one transaction, or none.
        QStringList names;
        for (Run *run : runs) {
            stopQuietly(run);
            names << run->config.name;
        }
        StoreError error;
        const QHash<QString, qint64> generations = m_store->beginClearResync(names, &error);
        for (Run *run : runs)
            pendingBegun(run, true, generations.value(run->config.name, -1), error);
    }
    pump();
    markDirty();
}

void SyncWorker::clearResyncAll()
{
    clearResync(QString());
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

void SyncWorker::retryUpload(const QString &object)
{
    if (!m_store || m_signInRequired)
        return;
    for (Run *run : targets(object)) {
        StoreError error;
        if (!m_store->clearUploadErrors(run->config.name, &error))
            addError(run, QStringLiteral("STORE_ERROR"), error.message, false);
    }
    runUploads(nullptr);
    markDirty();
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

void SyncWorker::addError(Run *run, const QString &code, const QString &message, bool persist)
{
    const SyncError e{code, message, QDateTime::currentDateTimeUtc()};
    run->errors.append(e);
    while (run->errors.size() > tuning::kMaxErrorsPerObject)
        run->errors.removeFirst();
    if (persist)
        m_store->setLastError(run->config.name, code, message, e.time);
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
                run->permanentFailure = false;
                requestDownload(run);
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
            fail(run, ApiError{ApiError::Kind::Transient, 0, QStringLiteral("STALLED"),
                               QStringLiteral("Stalled, retrying: no data for %1 s")
                                   .arg(m_options.stallTimeoutMs / 1000.0),
                               {}});
        }
    }
}

void SyncWorker::markDirty()
{
    m_dirty = true;
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
    EngineSnapshot snapshot = buildSnapshot();
    m_dirty = false;
    m_sinceSnapshot.restart();
    if (m_sentOnce && snapshot == m_lastSent)
        return;
    m_lastSent = snapshot;
    m_sentOnce = true;
    emit snapshotReady(snapshot);
}

EngineSnapshot SyncWorker::buildSnapshot()
{
    EngineSnapshot out;
    for (auto &r : m_runs) {
        Run *run = r.get();
        const ObjectState st = m_store->objectState(run->config.name);
        SyncObjectSnapshot s;
        s.name = run->config.name;
        s.scoped = run->config.scoped();
        s.paused = run->paused;
        s.syncing = run->phase == Run::Phase::Downloading;
        s.local = st.localCount;
        s.server = st.serverCount;
        s.serverAll = run->config.scoped() ? st.serverAllCount : st.serverCount;
        s.unsaved = st.unsavedCount;
        s.uploadFailed = st.uploadFailedCount;
        s.uploading = m_uploader && m_uploader->currentObject().compare(run->config.name, Qt::CaseInsensitive) == 0;
        s.inUse = st.inUseCount;
        s.lastSynced = st.lastSyncedAt;
        s.countsReadAt = st.countsReadAt;
        s.lastAttemptFailed = !st.lastErrorCode.isEmpty();
        s.errors = run->errors;
        if (s.errors.isEmpty() && s.lastAttemptFailed)
            s.errors.append(SyncError{st.lastErrorCode, st.lastErrorMessage, st.lastErrorAt});
        if (run->phase == Run::Phase::Downloading || run->phase == Run::Phase::Backoff) {
            s.progressDone = run->progressDone;
            s.progressTotal = std::max(run->progressTotal, run->progressDone);
            const double seconds = run->clock.elapsed() / 1000.0;
            s.recordsPerSecond = seconds > 0.2 ? run->progressDone / seconds : 0.0;
            s.secondsLeft = s.recordsPerSecond > 0
                ? static_cast<qint64>(std::ceil((s.progressTotal - s.progressDone) / s.recordsPerSecond))
                : -1;
        }
        StatusInputs in;
        in.syncing = s.syncing;
        in.paused = s.paused;
        in.scoped = s.scoped;
        in.local = s.local;
        if (s.server >= 0)
            in.server = s.server;
        if (s.serverAll >= 0)
            in.serverAll = s.serverAll;
        in.lastAttemptFailed = s.lastAttemptFailed;
        s.status = computeStatus(in);
        out.objects.append(s);
    }
    out.signInRequired = m_signInRequired;
    out.engineError = m_engineError;
    out.apiCallsLastCycle = m_apiCallsLastCycle;
    out.apiCallsTotal = m_client ? m_client->apiCalls() : 0;
    return out;
}

} // namespace posdata
