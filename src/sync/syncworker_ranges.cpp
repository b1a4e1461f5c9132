// SPDX-License-Identifier: MIT
// SyncWorker (see syncworker.h): a full download split into Id ranges fetched at the same time.
//
// One /composite call reads the object's smallest and largest Id in scope, its count and its newest
// change (the high-water mark); the Id space between the ends is split into up to rangesPerDownload
// ranges, the first open below and the last open above, so that every record is in one whatever
// order the server gives Ids. Each range is paged by keyset (`Id > last AND Id < end ORDER BY Id
// LIMIT n`: no cursor held on the server), one page in flight per range and at most
// maxQueriesInFlight over all objects; each page is written with its range's checkpoint in one
// transaction, so a restart (kill -9 too) resumes every range where it was. A range that finishes
// early lets the range with the most records left be split in two, so they all end together. At the
// end the high-water mark becomes the object's checkpoint: the delta after it sees everything that
// changed while the ranges ran.
#include "sync/syncworker_p.h"

#include "store/localstore.h"
#include "sync/synctuning.h"

#include <algorithm>

namespace posdata {

using namespace workerdetail;

Q_LOGGING_CATEGORY(lcPages, "posdata.sync.pages", QtInfoMsg) // page by page: off unless asked for

namespace {

// The probe's queries, in the order of its composite call.
// The newest change is read first: a record created after it is newer than the high-water mark, so
// one whose Id is past the last Id read next arrives with the delta (see rangeComplete()).
enum ProbeQuery { NewestChange, FirstId, LastId, InScope, ProbeQueries };

/// A page of `range` (a full one: a part page ends its range anyway) leaves nothing of
/// `range` to fetch, so the range ends without asking for an empty page: the page reached the range's
/// end (a re-split moved it below a page in flight), or ended with the object's largest Id in scope
/// when the plan was made (anything after it is newer than the high-water mark: the delta brings it),
/// or with the Id right before the range's end. Only a page that starts where the range stood says
/// so: one from a server that ignored the Id condition says nothing about the Ids it skipped.
bool rangeComplete(const IdRange &range, const QueryPage &page, const RangePlan &plan,
                   const std::optional<IdSpace> &space)
{
    if (page.records.isEmpty())
        return false;
    const QString &firstId = page.records.constFirst().id;
    if (range.lastId.isEmpty() ? (!range.lo.isEmpty() && firstId < range.lo) : firstId <= range.lastId)
        return false;
    const QString &lastId = page.records.constLast().id;
    if (lastId == plan.lastId)
        return true;
    if (range.hi.isEmpty())
        return false;
    return lastId >= range.hi || (space && space->adjacent(lastId, range.hi));
}

IdRange *rangeAt(RangePlan &plan, const QString &lo)
{
    for (IdRange &r : plan.ranges)
        if (r.lo == lo)
            return &r;
    return nullptr;
}

} // namespace

bool SyncWorker::startRanged(Run *run, const ObjectState &st)
{
    // A download that began in ranges goes on in ranges (also when they have been turned off since:
    // its plan must end with finishRanges()).
    if (const std::optional<RangePlan> plan = m_store->rangePlan(run->config.name)) {
        resumeRanges(run, *plan);
        return true;
    }
    if (m_options.rangesPerDownload <= 0)
        return false;
    // A small object (its last count fits in one page) keeps the simple path: one query, one page,
    // no probe. An unknown count (a first download) is read by the probe.
    if (st.serverCount >= 0 && st.serverCount <= m_options.batchSize)
        return false;
    // A full download that began as one cursor (an earlier version, or ranges were off) and got
    // a checkpoint goes on as it began.
    if (!st.checkpoint.isEmpty())
        return false;
    run->ranged = true;
    run->probing = true;
    QList<SalesforceClient::CountQuery> probe(ProbeQueries);
    probe[FirstId] = {run->soql->idEnd(false), false};
    probe[LastId] = {run->soql->idEnd(true), false};
    probe[InScope] = {run->soql->countInScope(), false};
    probe[NewestChange] = {run->soql->newestChange(), true};
    const quint64 seq = run->seq;
    m_client->counts(probe, [this, run, seq](const QList<SalesforceClient::CountResult> &results) {
        rangesProbed(run, seq, results);
    });
    // The ranges' first pages go out together when the probe answers: their connections are opened
    // while it travels (a round trip each on a store's link, two or three more with TLS).
    m_client->warmUpPages(std::min({m_options.rangesPerDownload, m_options.maxQueriesInFlight,
                                    tuning::kSalesforceQueryCursors}));
    markDirty();
    return true;
}

void SyncWorker::rangesProbed(Run *run, quint64 seq, const QList<SalesforceClient::CountResult> &results)
{
    if (seq != run->seq || !m_store)
        return;
    run->probing = false;
    for (const SalesforceClient::CountResult &r : results) {
        if (!r.error.ok()) {
            fail(run, r.error, [this, run] { requestDownload(run); pump(); });
            return;
        }
    }
    if (results.size() != ProbeQueries) {
        fail(run, ApiError::malformed(QStringLiteral("The ends of %1 could not be read").arg(run->config.name)),
             [this, run] { requestDownload(run); pump(); });
        return;
    }
    RangePlan plan;
    plan.generation = run->generation;
    plan.highWater = {results[NewestChange].firstModstamp, results[NewestChange].firstId};
    if (plan.highWater.systemModstamp.isEmpty() != plan.highWater.id.isEmpty())
        plan.highWater = {}; // half a mark is none: the next download is a full one again
    plan.firstId = results[FirstId].firstId;
    plan.lastId = results[LastId].firstId;
    plan.total = results[InScope].count;
    plan.reconcile = run->localAtStart > 0;
    // No range at all only when the probe says the object has nothing in scope; Ids it could not
    // read (or a count that disagrees with them) leave one range open at both ends: everything is
    // downloaded, never taken for gone.
    if (!plan.firstId.isEmpty() || !plan.lastId.isEmpty() || plan.total != 0) {
        // One range per page at most: a small object costs no part pages more than it has pages.
        const qint64 pages = (plan.total + m_options.batchSize - 1) / std::max(1, m_options.batchSize);
        const int parts = int(std::clamp<qint64>(pages, 1, m_options.rangesPerDownload));
        const std::optional<IdSpace> space = IdSpace::between(plan.firstId, plan.lastId);
        // Ranges of whole pages: with Ids one after another (a catalogue loaded in one go) only the
        // last range ends with a part page.
        const QStringList points = space ? space->pageSplitPoints(parts, plan.total, m_options.batchSize) : QStringList();
        QString lo;
        for (const QString &point : points) {
            plan.ranges.append({lo, point, {}, 0, false});
            lo = point;
        }
        plan.ranges.append({lo, {}, {}, 0, false});
    }
    StoreError error;
    if (!m_store->beginRanges(run->config.name, plan, &error)) {
        if (error.kind == StoreError::Stale)
            restartStale(run);
        else
            failStore(run, error);
        return;
    }
    // The probe read the count in scope: the screen and `posdata status` say "of 100,000" from the
    // first page on (and while the download is paused), not "-" until the recount after it. A scoped
    // object's count of all records was not read: it stays what it was.
    if (plan.total >= 0) {
        const ObjectState st = m_store->objectState(run->config.name);
        const qint64 all = run->config.scoped() || !run->noScopeNote.isEmpty() ? st.serverAllCount : plan.total;
        if (!m_store->setServerCounts(run->config.name, plan.total, all, QDateTime::currentDateTimeUtc(), &error)) {
            failStore(run, error);
            return;
        }
    }
    qCInfo(lcSync) << run->config.name << "downloads" << plan.total << "records in Id ranges:" << plan.ranges.size();
    resumeRanges(run, plan);
}

void SyncWorker::resumeRanges(Run *run, const RangePlan &plan)
{
    run->ranged = true;
    run->probing = false;
    run->plan = plan;
    run->idSpace = IdSpace::between(plan.firstId, plan.lastId);
    run->rangeFetches.clear();
    const qint64 pages = (plan.total + m_options.batchSize - 1) / std::max(1, m_options.batchSize);
    run->rangesWanted = int(std::clamp<qint64>(pages, 1, std::max(1, m_options.rangesPerDownload)));
    qint64 done = 0;
    bool left = false;
    for (const IdRange &r : plan.ranges) {
        done += r.received;
        left = left || !r.done;
    }
    // Progress sums the ranges, also those a killed run had fetched.
    run->progressBase = 0;
    run->progressDone = done;
    run->progressTotal = std::max(plan.total, done);
    run->lastProgressMs = run->clock.elapsed();
    markDirty();
    if (!left) {
        finishDownload(run);
        return;
    }
    resplit(run); // a restart may find fewer ranges left than run at once
    feedRanges();
}

void SyncWorker::feedRanges()
{
    // A cursor download holds one request at a time: its share of the cap.
    int cursors = 0;
    for (auto &r : m_runs)
        cursors += r->phase == Run::Phase::Downloading && !r->ranged ? 1 : 0;
    const int cap = std::max(1, std::min(m_options.maxQueriesInFlight, tuning::kSalesforceQueryCursors) - cursors);
    for (auto &r : m_runs) {
        Run *run = r.get();
        if (run->phase != Run::Phase::Downloading || !run->ranged || run->probing || run->paused)
            continue;
        for (const IdRange &range : std::as_const(run->plan.ranges)) {
            if (m_rangeQueries >= cap)
                return;
            if (range.done || run->rangeFetches.contains(range.lo))
                continue;
            const QString soql = run->soql->rangePage(range.lo, range.lastId, range.hi, m_options.batchSize);
            const quint64 seq = run->seq;
            const QString lo = range.lo;
            ++m_rangeQueries;
            qCDebug(lcPages).nospace() << run->config.name << ": range " << lo << " page after " << range.lastId
                                      << " asked (" << m_rangeQueries << " in flight)";
            run->rangeFetches.insert(lo, m_client->queryPage(soql, m_options.batchSize, false,
                [this, run, seq, lo](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &p) {
                    rangePageArrived(run, seq, lo, e, p);
                }));
        }
    }
}

void SyncWorker::rangePageArrived(Run *run, quint64 seq, const QString &lo, const ApiError &error,
                                  const std::shared_ptr<SalesforceClient::ParsedPage> &parsed)
{
    if (seq != run->seq || !m_store)
        return;
    run->rangeFetches.remove(lo);
    --m_rangeQueries;
    const auto retryDownload = [this, run] { requestDownload(run); pump(); };
    if (!error.ok()) {
        fail(run, error, retryDownload); // the retry resumes every range from its checkpoint
        return;
    }
    if (!readable(run, parsed, retryDownload))
        return;
    IdRange *range = rangeAt(run->plan, lo);
    if (!range) {
        restartStale(run); // not a range of this plan any more
        return;
    }
    const QueryPage &page = *parsed->page;
    const qint64 received = page.records.size() + page.skippedWithoutId;
    qCDebug(lcPages).nospace() << run->config.name << ": range " << lo << " page of " << received << " arrived";
    IdRange next = *range;
    next.received += received;
    // Fewer records than asked for and no more to follow: the range is in. A server that chose a
    // smaller page than LIMIT (it may, for wide records) says so with nextRecordsUrl: the range then
    // goes on by keyset from its last Id (the cursor behind that URL is left to expire).
    const QString lastId = page.records.isEmpty() ? QString() : page.records.constLast().id;
    next.done = (received < m_options.batchSize && !page.hasNext())
                || rangeComplete(*range, page, run->plan, run->idSpace);
    // Progress is a page that ends past where the range stood (its last Id, or its start): a server
    // that ignores the keyset condition sends the same page again, one that ignores the range sends a
    // page from below it. Not "an Id no page of this download ended with": after a re-split the first
    // page of the new range can be the very page the range before it had in flight (both end with
    // the same Id), and that page must move the new range on, or it asks for it again and again.
    const QString &stood = range->lastId.isEmpty() ? range->lo : range->lastId;
    const bool newLast = !lastId.isEmpty() && lastId > stood;
    if (newLast)
        next.lastId = lastId;
    // The range's next page travels while this one is written.
    *range = next;
    if (!next.done)
        feedRanges();

    StoreError storeError;
    const ApplyResult applied = m_store->applyRangePage(run->config.name, page.records, next, run->generation, &storeError);
    if (!storeError.ok()) {
        if (storeError.kind == StoreError::Stale)
            restartStale(run);
        else
            failStore(run, storeError);
        return;
    }
    const qsizetype skippedWithoutId = page.skippedWithoutId;
    // Freeing 2000 records is not free: they go back to the parser thread, which has slack.
    QMetaObject::invokeMethod(m_parserContext.get(), [garbage = std::move(parsed->page->records)] {},
                              Qt::QueuedConnection);
    run->progressDone += received;
    run->progressTotal = std::max(run->progressTotal, run->progressDone);
    run->lastProgressMs = run->clock.elapsed();
    run->newRecords += applied.inserted + applied.deleted;
    if (!checkProgress(run, newLast || next.done || applied.inserted > 0, !next.done))
        return;
    if (skippedWithoutId > 0)
        addError(run, QStringLiteral("RECORD_WITHOUT_ID"),
                 QStringLiteral("%1 record(s) without an Id were skipped").arg(skippedWithoutId), {});
    markDirty();
    const bool allDone = std::all_of(run->plan.ranges.cbegin(), run->plan.ranges.cend(),
                                     [](const IdRange &r) { return r.done; });
    if (allDone) {
        finishDownload(run);
        return;
    }
    // Also after a page that did not end its range: it tells how dense the range is, and a range
    // that looked too small to split when another ended may turn out not to be.
    resplit(run);
    feedRanges();
}

qint64 SyncWorker::recordsLeft(const Run *run, const IdRange &range) const
{
    if (range.done || !run->idSpace)
        return 0;
    const IdSpace &space = *run->idSpace;
    const double start = range.lo.isEmpty() ? 0.0 : space.fraction(range.lo);
    const double at = range.lastId.isEmpty() ? start : space.fraction(range.lastId);
    const double end = range.hi.isEmpty() ? 1.0 : space.fraction(range.hi);
    if (start < 0 || at < 0 || end < 0 || end <= at)
        return 0;
    // Records per unit of the Id space: the range's own once it has a page behind it, else the
    // object's as the plan began.
    const double density = range.received >= m_options.batchSize && at > start ? range.received / (at - start)
                                                                                : double(run->plan.total);
    return qint64(density * (end - at));
}

void SyncWorker::resplit(Run *run)
{
    if (!run->idSpace)
        return;
    for (;;) {
        int running = 0;
        const IdRange *largest = nullptr;
        qint64 most = 0;
        for (const IdRange &r : std::as_const(run->plan.ranges)) {
            if (r.done)
                continue;
            ++running;
            if (const qint64 left = recordsLeft(run, r); left > most) {
                most = left;
                largest = &r;
            }
        }
        // Halves of less than a page each would cost a part page more and save no round trip.
        if (running >= run->rangesWanted || !largest || most < 2 * qint64(m_options.batchSize))
            return;
        // Split after whole pages of what is left (the page in flight included), at the range's own
        // density once it has a page behind it: both halves end with a full page when the Ids are
        // records one after another.
        const IdSpace &space = *run->idSpace;
        const QString start = largest->lo.isEmpty() ? run->plan.firstId : largest->lo;
        const QString next = largest->lastId.isEmpty() ? start : space.following(largest->lastId);
        const bool own = largest->received >= m_options.batchSize && !largest->lastId.isEmpty();
        const qint64 records = own ? largest->received : run->plan.total;
        const qint64 ids = own ? space.count(start, largest->lastId) : space.count(space.first(), space.last());
        const QString at = space.pageMidpoint(next, largest->hi, records, ids, m_options.batchSize);
        if (at.isEmpty() || at <= largest->lo || (!largest->hi.isEmpty() && at >= largest->hi))
            return;
        const QString lo = largest->lo, hi = largest->hi;
        StoreError error;
        if (!m_store->splitRange(run->config.name, run->generation, lo, at, &error)) {
            if (error.kind == StoreError::Stale)
                restartStale(run);
            else
                failStore(run, error);
            return;
        }
        // The page in flight for the first half may reach past `at`: its records are written twice
        // (an upsert) and that page ends the half (rangeComplete()).
        for (IdRange &r : run->plan.ranges)
            if (r.lo == lo)
                r.hi = at;
        run->plan.ranges.append({at, hi, {}, 0, false});
        std::sort(run->plan.ranges.begin(), run->plan.ranges.end(),
                  [](const IdRange &a, const IdRange &b) { return a.lo < b.lo; });
        qCInfo(lcSync) << run->config.name << "range split at" << at << "(about" << most << "records left)";
    }
}

void SyncWorker::abortRanges(Run *run)
{
    for (const SalesforceClient::RequestId id : std::as_const(run->rangeFetches)) {
        if (m_client)
            m_client->abort(id);
        --m_rangeQueries;
    }
    run->rangeFetches.clear();
    run->probing = false;
    run->ranged = false;
}

} // namespace posdata
