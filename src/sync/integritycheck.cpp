// SPDX-License-Identifier: MIT
// IntegrityCheck and IntegrityRepair (see integritycheck.h): counts per Id range on both sides, Ids of
// the pages that differ, and the repair of only those records.
#include "sync/integritycheck.h"

#include "config/idspace.h"
#include "net/salesforceclient.h"
#include "store/localstore.h"

#include <QDateTime>
#include <QTimer>
#include <QSet>

#include <algorithm>

namespace posdata {

namespace {

QString apiWords(const ApiError &e)
{
    return QStringLiteral("%1: %2").arg(e.code, e.message);
}

/// The first error among `results`, nullopt when none.
std::optional<ApiError> firstError(const QList<SalesforceClient::CountResult> &results)
{
    for (const auto &r : results)
        if (!r.error.ok())
            return r.error;
    return std::nullopt;
}

const QString kStore = QStringLiteral("STORE");

qint64 partsFor(qint64 records, qint64 each)
{
    return std::max<qint64>(1, (records + each - 1) / each);
}

} // namespace

IntegrityCheck::IntegrityCheck(SalesforceClient &client, LocalStore &store, SoqlBuilder soql)
    : m_client(client), m_store(store), m_soql(std::move(soql))
{
}

void IntegrityCheck::run(std::function<void(const IntegrityResult &)> done, Mode mode)
{
    m_done = std::move(done);
    m_mode = mode;
    m_result = {};
    m_result.exact = mode == Mode::Exact;
    m_result.object = m_soql.object().name;
    m_result.scoped = !m_soql.boundScope().isEmpty();
    m_result.unsaved = m_store.objectState(m_result.object).unsavedCount;
    m_callsBefore = m_client.apiCalls();
    probe();
}

void IntegrityCheck::askCounts(const QList<SalesforceClient::CountQuery> &queries,
                               std::function<void(const QList<SalesforceClient::CountResult> &)> done, int attempt)
{
    m_client.counts(queries, [this, queries, done = std::move(done), attempt, life = std::weak_ptr<int>(m_life)](
                                 const QList<SalesforceClient::CountResult> &results) {
        if (life.expired())
            return;
        // Only the queries that failed for a passing reason go again (one busy answer among eleven
        // composite calls costs one call, not eleven); any other error ends the check as it is.
        QList<qsizetype> again;
        for (qsizetype i = 0; i < results.size(); ++i) {
            if (results[i].error.ok())
                continue;
            if (results[i].error.kind != ApiError::Kind::Transient || attempt >= kRetries)
                return done(results);
            again << i;
        }
        if (again.isEmpty())
            return done(results);
        QList<SalesforceClient::CountQuery> retry;
        for (const qsizetype i : std::as_const(again))
            retry << queries[i];
        QTimer::singleShot(kRetryBaseMs << attempt, &m_client, [this, retry, again, results, done, attempt, life] {
            if (life.expired())
                return;
            askCounts(retry,
                [again, merged = QList<SalesforceClient::CountResult>(results), done](
                    const QList<SalesforceClient::CountResult> &answered) mutable {
                    for (qsizetype k = 0; k < again.size() && k < answered.size(); ++k)
                        merged[again[k]] = answered[k];
                    done(merged);
                },
                attempt + 1);
        });
    });
}

void IntegrityCheck::probe()
{
    askCounts({{m_soql.countInScope()}, {m_soql.idEnd(false)}, {m_soql.idEnd(true)}},
        [this](const QList<SalesforceClient::CountResult> &r) {
            if (const auto e = firstError(r))
                return finish(apiWords(*e), e->code);
            m_result.serverCount = r[0].count;
            m_result.deviceCount = m_store.countIdRange(m_result.object, {}, {});
            if (m_result.deviceCount < 0)
                return finish(m_store.lastError().message, kStore);
            const auto [localFirst, localLast] = m_store.idEnds(m_result.object);
            QStringList firsts{r[1].firstId, localFirst}, lasts{r[2].firstId, localLast};
            firsts.removeAll(QString());
            lasts.removeAll(QString());
            if (firsts.isEmpty())
                return finish(); // neither side has a record
            m_first = *std::min_element(firsts.begin(), firsts.end());
            m_last = *std::max_element(lasts.begin(), lasts.end());
            const qint64 most = std::max(m_result.serverCount, m_result.deviceCount);
            if (m_mode == Mode::Exact)
                return exactPages();
            countRanges(split(Range{}, int(std::min<qint64>(partsFor(most, kCountRange), 10000))));
        });
}

QList<IntegrityCheck::Range> IntegrityCheck::split(const Range &range, int parts) const
{
    const std::optional<IdSpace> space
        = IdSpace::between(range.lo.isEmpty() ? m_first : range.lo, range.hi.isEmpty() ? m_last : range.hi);
    const QStringList points = space ? space->splitPoints(parts) : QStringList();
    QList<Range> out;
    QString lo = range.lo;
    for (const QString &p : points) {
        if (p <= lo && !lo.isEmpty())
            continue;
        out.append(Range{lo, p, {}, {}});
        lo = p;
    }
    out.append(Range{lo, range.hi, {}, {}});
    return out;
}

void IntegrityCheck::exactPages()
{
    // Cut at the device's own Ids, kCutEvery records a page: every page then holds a known number of
    // the device's records, and of the server's as many plus those the device misses there.
    const std::optional<QStringList> cuts = m_store.idCuts(m_result.object, kCutEvery);
    if (!cuts)
        return finish(m_store.lastError().message, kStore);
    // Where the server holds records the device lacks, the device's Ids do not say how many: a gap
    // is read by one page of 2,000 after another (fetchIds() goes on after a full page), beside the
    // other pages of the same calls. Cutting such pages further was tried (evenly, and by their width
    // in the Id space against their neighbours): with Ids spread unevenly over the base-62 space it
    // cost more calls, not fewer (docs/support.md).
    QList<Range> pages;
    QString lo;
    for (const QString &p : std::as_const(*cuts)) {
        pages.append(Range{lo, p, {}, {}});
        lo = p;
    }
    pages.append(Range{lo, {}, {}, {}});
    fetchIds(pages);
}

void IntegrityCheck::countRanges(const QList<Range> &ranges)
{
    QList<SalesforceClient::CountQuery> queries;
    for (const Range &r : ranges)
        queries.append({m_soql.countInRange(r.lo, r.hi)});
    askCounts(queries, [this, ranges](const QList<SalesforceClient::CountResult> &results) {
        if (const auto e = firstError(results))
            return finish(apiWords(*e), e->code);
        QList<Range> recount, pages;
        for (qsizetype i = 0; i < ranges.size(); ++i) {
            const qint64 server = results[i].count;
            const qint64 local = m_store.countIdRange(m_result.object, ranges[i].lo, ranges[i].hi);
            if (local < 0)
                return finish(m_store.lastError().message, kStore);
            if (server == local)
                continue;
            const qint64 most = std::max(server, local);
            const QList<Range> parts = most > kCountRange ? split(ranges[i], 5) : QList<Range>();
            if (parts.size() > 1)
                recount += parts;
            else
                pages += split(ranges[i], int(partsFor(most, kLeaf)));
        }
        if (!recount.isEmpty()) {
            // The pages of this round wait for the recounts: one Id round at the end.
            for (const Range &p : std::as_const(pages))
                m_pendingPages.append(p);
            return countRanges(recount);
        }
        fetchIds(m_pendingPages + pages);
    });
}

void IntegrityCheck::fetchIds(QList<Range> pages)
{
    m_pendingPages.clear();
    if (pages.isEmpty())
        return lookUpCandidates();
    QList<SalesforceClient::CountQuery> queries;
    for (const Range &p : pages)
        queries.append({m_soql.idPage(p.lo, p.after, p.hi, kPage)});
    askCounts(queries, [this, pages](const QList<SalesforceClient::CountResult> &results) {
        if (const auto e = firstError(results))
            return finish(apiWords(*e), e->code);
        QList<Range> more;
        for (qsizetype i = 0; i < pages.size(); ++i) {
            Range p = pages[i];
            p.ids += results[i].ids;
            if (results[i].ids.size() >= kPage) {
                p.after = results[i].ids.last(); // a full page: the range may hold more
                more.append(p);
            } else {
                compare(p);
            }
        }
        fetchIds(more);
    });
}

void IntegrityCheck::compare(const Range &page)
{
    const std::optional<QList<RangeRecord>> local = m_store.recordsInIdRange(m_result.object, page.lo, page.hi);
    if (!local) {
        m_result.error = m_store.lastError().message;
        return;
    }
    const QSet<QString> server(page.ids.begin(), page.ids.end());
    QSet<QString> device;
    for (const RangeRecord &r : *local) {
        device.insert(r.id);
        if (server.contains(r.id))
            continue;
        if (r.state != RecordState::Synced)
            ++m_result.unsavedNotOnServer;
        else if (r.isProtected)
            ++m_result.inUseKept;
        else
            m_candidates << r.id;
    }
    qint64 missing = 0;
    for (const QString &id : page.ids) {
        if (!device.contains(id)) {
            m_result.missingIds << id;
            ++missing;
        }
    }
    if (missing > 0)
        m_result.missingRanges.append({page.lo, page.hi, missing});
}

void IntegrityCheck::lookUpCandidates()
{
    if (!m_result.error.isEmpty())
        return finish(m_result.error, kStore);
    if (!m_result.scoped || m_candidates.isEmpty()) {
        m_result.extraIds = m_candidates;
        return finish();
    }
    QList<SalesforceClient::CountQuery> queries;
    for (qsizetype i = 0; i < m_candidates.size(); i += kIdsPerLookup)
        queries.append({m_soql.idsAnywhere(m_candidates.mid(i, kIdsPerLookup))});
    askCounts(queries, [this](const QList<SalesforceClient::CountResult> &results) {
        if (const auto e = firstError(results))
            return finish(apiWords(*e), e->code);
        QSet<QString> anywhere;
        for (const auto &r : results)
            for (const QString &id : r.ids)
                anywhere.insert(id);
        for (const QString &id : std::as_const(m_candidates))
            (anywhere.contains(id) ? m_result.outsideScopeIds : m_result.extraIds) << id;
        finish();
    });
}

void IntegrityCheck::finish(const QString &error, const QString &code)
{
    if (!m_done)
        return; // finished already (an error of one batch among several)
    m_result.error = error;
    m_result.errorCode = error.isEmpty() ? QString() : code;
    std::sort(m_result.missingRanges.begin(), m_result.missingRanges.end(),
        [](const IntegrityRange &a, const IntegrityRange &b) { return a.lo < b.lo; });
    m_result.missingIds.sort();
    m_result.apiCalls = m_client.apiCalls() - m_callsBefore;
    auto done = std::move(m_done);
    m_done = nullptr;
    done(m_result);
}

// --- repair ---

IntegrityRepair::IntegrityRepair(SalesforceClient &client, LocalStore &store, SoqlBuilder soql)
    : m_client(client), m_store(store), m_soql(std::move(soql))
{
}

void IntegrityRepair::run(const IntegrityResult &found, std::function<void(const RepairResult &)> done)
{
    m_done = std::move(done);
    m_found = found;
    m_result = {};
    m_next = 0;
    m_callsBefore = m_client.apiCalls();
    m_generation = m_store.objectState(found.object).generation;
    if (!found.ok())
        return finish(QStringLiteral("the check did not finish: ") + found.error, found.errorCode);
    downloadNext();
}

void IntegrityRepair::downloadNext()
{
    if (m_next >= m_found.missingIds.size())
        return removeAndRecount();
    const QStringList chunk = m_found.missingIds.mid(m_next, IntegrityCheck::kIdsPerLookup);
    m_next += chunk.size();
    m_client.queryPage(m_soql.recordsAmong(chunk), 0, false,
        [this](const ApiError &error, const std::shared_ptr<SalesforceClient::ParsedPage> &parsed) {
            if (!error.ok())
                return finish(apiWords(error), error.code);
            if (!parsed->page)
                return finish(parsed->parseError, QStringLiteral("MALFORMED_RESPONSE"));
            StoreError storeError;
            // The object's checkpoint stays: the delta after it brings anything newer anyway.
            const ApplyResult applied
                = m_store.applyPage(m_found.object, parsed->page->records, {}, m_generation, &storeError);
            if (!storeError.ok())
                return finish(storeError.message, kStore);
            m_result.downloaded += applied.inserted + applied.updated;
            downloadNext();
        });
}

void IntegrityRepair::removeAndRecount()
{
    StoreError error;
    const qint64 removed
        = m_store.removeRecords(m_found.object, m_found.extraIds + m_found.outsideScopeIds, m_generation, &error);
    if (removed < 0)
        return finish(error.message, kStore);
    m_result.removed = removed;
    m_client.counts({{m_soql.countInScope()}, {m_soql.countAll()}},
        [this](const QList<SalesforceClient::CountResult> &r) {
            if (const auto e = firstError(r))
                return finish(apiWords(*e), e->code);
            m_result.serverCount = r[0].count;
            StoreError storeError;
            if (!m_store.setServerCounts(m_found.object, r[0].count, r[1].count, QDateTime::currentDateTimeUtc(),
                    &storeError))
                return finish(storeError.message, kStore);
            finish();
        });
}

void IntegrityRepair::finish(const QString &error, const QString &code)
{
    m_result.error = error;
    m_result.errorCode = error.isEmpty() ? QString() : code;
    m_result.apiCalls = m_client.apiCalls() - m_callsBefore;
    if (auto done = std::exchange(m_done, nullptr))
        done(m_result);
}

} // namespace posdata
