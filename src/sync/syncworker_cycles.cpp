// SPDX-License-Identifier: MIT
// SyncWorker (see syncworker.h): cycles, the upload pass that opens them, and the counts that settle every object.
#include "sync/syncworker_p.h"

#include "sync/allocator.h"

#include "store/localstore.h"
#include "sync/synctuning.h"


namespace posdata {

using namespace workerdetail;

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
    m_cycleStartedAt = QDateTime::currentDateTimeUtc();
    m_cycleClock.start();
    m_cycleDownloads.clear();
    m_cycleUploads.clear();
    // Uploads first: the server then holds this device's changes before we ask it what changed.
    m_countsAfterUploads = true;
    runUploads([this] { countPhase(); });
    markDirty();
}

void SyncWorker::keepCycle()
{
    QStringList what;
    if (!m_cycleDownloads.isEmpty())
        what << QStringLiteral("downloaded %1").arg(m_cycleDownloads.join(QStringLiteral(", ")));
    if (!m_cycleUploads.isEmpty())
        what << QStringLiteral("uploaded %1").arg(m_cycleUploads.join(QStringLiteral(", ")));
    if (what.isEmpty())
        what << (m_cycleOnly ? QStringLiteral("counted %1 again").arg(m_cycleOnly->size() == 1
                                                                          ? (*m_cycleOnly->begin())->config.name
                                                                          : QStringLiteral("%1 objects").arg(m_cycleOnly->size()))
                             : QStringLiteral("nothing changed"));
    StoreError error;
    const SyncCycle cycle{m_cycleStartedAt, m_cycleClock.isValid() ? m_cycleClock.elapsed() : 0, m_apiCallsLastCycle,
                          what.join(QStringLiteral("; "))};
    // Support's history only: the sync goes on without it, and says so once in the log.
    if (!m_store->addSyncCycle(cycle, &error))
        qCWarning(lcSync) << "Cannot keep the sync cycle in the store's history:" << error.message;
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
            run->countAgain(false, true, false);
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
        const bool countsUnknown = st.serverCount < 0 || (run->config.scoped() && st.serverAllCount < 0);
        run->countAgain(true, countsUnknown || countsOld || !st.lastErrorCode.isEmpty(), false);
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
    keepCycle();
    m_measureTimer.start(); // the storage measure runs once the engine is idle
    emitSnapshot();
    if (m_options.tuneAllocator)
        allocator::giveBackFreedMemory(); // the cycle's pages are freed: an idle engine holds no more
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
    if (m_options.uploads)
        objects.append(m_retired); // no longer synced, but what was sold on the device still goes up
    m_uploader->run(
        objects,
        [this](const QString &object) {
            if (m_signInRequired)
                return false;
            const Run *run = find(object);
            return run ? !run->paused
                       : std::any_of(m_retired.begin(), m_retired.end(), [&](const SyncObjectConfig &r) {
                             return r.name.compare(object, Qt::CaseInsensitive) == 0;
                         });
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
            if (m_cycleActive && !m_cycleUploads.contains(r.object))
                m_cycleUploads << r.object;
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

void SyncWorker::requestRecount(Run *run, bool askChanged)
{
    run->countAgain(askChanged, true, true);
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
            : SalesforceClient::CountResult{ApiError::malformed(QStringLiteral("A count got no answer")), -1, {}, {}, {}};
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
                run->countAgain(askChanged, askCounts, afterDownload);
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

qint64 SyncWorker::comparedLocal(Run *run, const ObjectState &st)
{
    return st.localCount + activityOf(run, st).unsavedOfServerRecords;
}

void SyncWorker::compareCounts(Run *run, bool countsReadNow)
{
    const ObjectState st = m_store->objectState(run->config.name);
    const qint64 local = comparedLocal(run, st);
    const bool known = run->settledMismatch && *run->settledMismatch == std::pair(local, st.serverCount);
    const bool match = st.serverCount >= 0 && (local == st.serverCount || known);
    if (!countsReadNow) {
        // Nothing changed since the checkpoint: the stored counts still hold, if they agree.
        if (match) {
            run->countsConfirmedAt = QDateTime::currentDateTimeUtc();
            settle(run);
        } else {
            run->countAgain(false, true, false);
            recount();
        }
        return;
    }
    if (match || !run->noScopeNote.isEmpty() || ++run->mismatchRounds > tuning::kMaxMismatchRounds) {
        run->settledMismatch = match ? run->settledMismatch : std::optional(std::pair(local, st.serverCount));
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
        beginPending({run}, false, false);
    } else {
        run->settledMismatch = std::pair(local, st.serverCount);
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

} // namespace posdata
