// SPDX-License-Identifier: MIT
// SyncWorker (see syncworker.h): downloads, page by page, and what happens when one fails.
#include "sync/syncworker_p.h"

#include "store/localstore.h"
#include "sync/synctuning.h"

#include <QThread>

namespace posdata {

using namespace workerdetail;

// ---------------------------------------------------------------------------------------------
// downloads: query, then nextRecordsUrl pages; each page written with its checkpoint

void SyncWorker::requestDownload(Run *run)
{
    if (run->paused || run->stopped || !run->soql || !run->noScopeNote.isEmpty())
        return;
    // A check compares counts that a download would move; the check's end starts the cycle again.
    if (run->check.busy())
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
        run->deltaInserted = 0;
        run->deltaDeleted = 0;
        run->deltaKeptSome = false;
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
    feedRanges(); // a request slot may have come free
    maybeEndCycle();
}

void SyncWorker::startDownload(Run *run)
{
    if (m_cycleActive && !m_cycleDownloads.contains(run->config.name))
        m_cycleDownloads << run->config.name;
    const ObjectState st = m_store->objectState(run->config.name);
    run->phase = Run::Phase::Downloading;
    run->knownGeneration = st.generation;
    run->knownPending = st.pending;
    run->full = st.pending != PendingOp::None || st.checkpoint.isEmpty();
    run->localAtStart = st.localCount;
    run->countsAgreedAtStart = !run->full && countsAgree(run, st);
    run->generation = st.generation;
    run->lastCheckpoint = st.checkpoint;
    run->fetchId = 0;
    if (!run->clock.isValid())
        run->clock.start();
    run->lastProgressMs = run->clock.elapsed();
    run->progressBase = run->progressDone;
    run->ranged = false;
    if (run->full && startRanged(run, st))
        return;
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

bool SyncWorker::readable(Run *run, const std::shared_ptr<SalesforceClient::ParsedPage> &parsed,
                          const std::function<void()> &retry)
{
    if (parsed && parsed->page)
        return true;
    fail(run, ApiError::malformed(QStringLiteral("A page of %1 could not be read: %2")
                                      .arg(run->config.name, parsed ? parsed->parseError : QString())),
         retry);
    return false;
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
    if (!readable(run, parsed, retryDownload))
        return;
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
        if (storeError.kind == StoreError::Stale)
            restartStale(run); // the page was dropped whole
        else
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
    run->deltaInserted += applied.inserted;
    run->deltaDeleted += applied.deleted;
    run->deltaKeptSome = run->deltaKeptSome || applied.skippedUnsaved > 0 || applied.skippedProtected > 0;
    if (newCheckpoint) {
        run->checkpointIds.insert(checkpoint.id);
        run->lastCheckpoint = checkpoint;
    }
    if (!checkProgress(run, newCheckpoint || applied.inserted > 0 || applied.deleted > 0, hasNext))
        return;
    if (skippedWithoutId > 0)
        addError(run, QStringLiteral("RECORD_WITHOUT_ID"),
                 QStringLiteral("%1 record(s) without an Id were skipped").arg(skippedWithoutId), {});
    markDirty();
    if (!hasNext)
        finishDownload(run);
}

bool SyncWorker::checkProgress(Run *run, bool progressed, bool more)
{
    if (progressed) {
        run->pagesWithoutProgress = 0;
        run->attempts = 0;
        run->locatorRestarts = 0;
    } else if (more && ++run->pagesWithoutProgress >= tuning::kMaxPagesWithoutProgress) {
        addError(run, QStringLiteral("NO_PROGRESS"),
                 QStringLiteral("Salesforce kept sending pages with nothing new (%1 in a row); this attempt "
                                "stopped and the next sync tries again")
                     .arg(run->pagesWithoutProgress),
                 {});
        giveUp(run);
        return false;
    }
    return true;
}

void SyncWorker::restartStale(Run *run)
{
    // Cleared or resynced since this download started (here or by another process): what it was
    // about to write was dropped whole.
    qCInfo(lcSync) << run->config.name << "was cleared or resynced meanwhile; restarting";
    stopQuietly(run);
    requestDownload(run);
    pump();
}

void SyncWorker::finishDownload(Run *run)
{
    const QString &name = run->config.name;
    StoreError error;
    const auto failed = [&] {
        if (error.kind == StoreError::Stale)
            restartStale(run);
        else
            failStore(run, error);
    };
    // Id reconciliation: what this full download did not see is gone from the server or the scope.
    // A download into an object with no synced record has nothing to reconcile (every synced row was
    // written by it, with its generation): the scan of a million rows is skipped. A ranged download
    // kept that fact in its plan: after a restart the store is no longer empty.
    if (run->full) {
        if (run->ranged ? run->plan.reconcile : run->localAtStart > 0) {
            const qint64 removed = m_store->removeUnseen(name, run->generation, &error);
            if (removed < 0)
                return failed();
            run->newRecords += removed;
        }
        if (run->ranged) {
            // The high-water mark read before the ranges began becomes the checkpoint, and the
            // pending resync ends, in one transaction.
            if (!m_store->finishRanges(name, run->generation, &error))
                return failed();
        } else if (m_store->objectState(name).pending != PendingOp::None
                   && !m_store->finishPending(name, run->generation, &error)) {
            return failed();
        }
        shapeDownloaded(run);
        if (run->phase != Run::Phase::Downloading)
            return; // the shape could not be written: the object gave up with that error
    }
    const ObjectState st = m_store->objectState(name);
    run->knownPending = st.pending;
    run->knownGeneration = st.generation;
    run->lastDownloadFull = run->full;
    if (run->full)
        run->completeGeneration = st.generation;
    run->updatingFields = false;
    run->seq++;
    --m_active;
    // A download in ranges ends at the high-water mark read before it began: what changed while it
    // ran (a record it had passed, deleted; one made past its last Id) is newer. The recount asks
    // (in the same /composite call): counts that agree by chance must not call such a store synced.
    // Without a mark (the probe could not read one) there is nothing to ask after: the next
    // download is a full one again.
    if (!deltaSettles(run))
        requestRecount(run, run->ranged && !st.checkpoint.isEmpty());
    pump();
}

bool SyncWorker::countsAgree(Run *run, const ObjectState &st)
{
    // Derived counts are for an object whose every record in scope a delta sees: not a scoped one
    // (its count of all records moves with records the delta never sees), nor one without scope.
    if (run->config.scoped() || !run->noScopeNote.isEmpty() || st.serverCount < 0 || !st.countsReadAt.isValid()
        || st.countsReadAt.msecsTo(QDateTime::currentDateTimeUtc()) > tuning::kFullRecountAfterMs)
        return false;
    return comparedLocal(run, st) == st.serverCount;
}

bool SyncWorker::deltaSettles(Run *run)
{
    // A delta that began with counts that agreed and applied every change it brought moved both
    // sides alike: each record it inserted the server has one more of in scope (created, or come
    // into scope), each one it removed one fewer (a tombstone). The server's count is then the one
    // read before plus that difference, and asking it costs a call for nothing. What a delta cannot
    // see (records that left the scope, deletions purged from the recycle bin) the full recount
    // every kFullRecountAfterMs still finds: the count's read time stays the real read's.
    if (run->full || run->ranged || !run->countsAgreedAtStart || run->deltaKeptSome)
        return false;
    const ObjectState st = m_store->objectState(run->config.name);
    const qint64 server = st.serverCount + run->deltaInserted - run->deltaDeleted;
    if (comparedLocal(run, st) != server)
        return false;
    StoreError error;
    if (!m_store->setServerCounts(run->config.name, server, server, st.countsReadAt, &error)) {
        failStore(run, error);
        return true;
    }
    compareCounts(run, false); // they agree: it settles
    return true;
}

void SyncWorker::stopQuietly(Run *run)
{
    run->seq++;
    if (run->fetchId && m_client)
        m_client->abort(run->fetchId);
    run->fetchId = 0;
    abortRanges(run);
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
    emit credentialsNeeded();
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

} // namespace posdata
