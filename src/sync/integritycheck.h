// SPDX-License-Identifier: MIT
#pragma once

// IntegrityCheck and IntegrityRepair: where the device and the server differ for one object, found
// without downloading its records (counts per Id range, then the Ids of the few ranges that differ),
// and the repair of only that difference (docs/support.md).

#include "config/soqlbuilder.h"
#include "net/salesforceclient.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace posdata {

class LocalStore;
class SalesforceClient;

/// An Id range [lo, hi) (an empty bound is open) and how many records of it the device misses.
struct IntegrityRange
{
    QString lo;
    QString hi;
    qint64 count = 0;
};

/// What a check found for one object.
struct IntegrityResult
{
    QString object;
    bool scoped = false;
    bool exact = false; ///< every page's Ids compared (Mode::Exact; else counts first: see IntegrityCheck)
    qint64 serverCount = -1; ///< records in scope on the server
    qint64 deviceCount = 0; ///< records on the device the server may hold (all but those created here)
    QStringList missingIds; ///< on the server (in scope), not on the device
    QList<IntegrityRange> missingRanges; ///< where they are
    QStringList extraIds; ///< synced on the device, gone from the server
    QStringList outsideScopeIds; ///< synced on the device, on the server but outside the scope
    qint64 inUseKept = 0; ///< in use or pinned on the device, not on the server in scope: kept
    qint64 unsavedNotOnServer = 0; ///< unsaved changes of records not on the server in scope: kept
    qint64 unsaved = 0; ///< every unsaved record of the object (never compared, never removed)
    qint64 apiCalls = 0;
    QString error; ///< why the check did not finish (then the rest is partial); empty when it did
    QString errorCode; ///< the server's error code (NETWORK, SIGN_IN_REQUIRED, HTTP_503, ...) or STORE

    bool ok() const { return error.isEmpty(); }
    /// Nothing to repair.
    bool clean() const { return ok() && missingIds.isEmpty() && extraIds.isEmpty() && outsideScopeIds.isEmpty(); }
};

/// What a repair did.
struct RepairResult
{
    qint64 downloaded = 0;
    qint64 removed = 0;
    qint64 serverCount = -1; ///< recounted after the repair
    qint64 apiCalls = 0;
    QString error;
    QString errorCode; ///< as IntegrityResult::errorCode
    bool ok() const { return error.isEmpty(); }
};

/// Compares one object's records on the device with the server's, on the thread that owns `client` and
/// `store` (runs from its event loop; `done` is called once).
///
/// `Mode::Exact` (the default; what the screen's Check, `posdata check` and every repair use):
/// 1. One composite call: the count in scope and both ends of the server's Ids.
/// 2. The device's Ids cut into pages of kCutEvery records at its own Ids (the store numbers them on
///    its key index); a page where the server holds many more (a gap) goes on page after page.
/// 3. The server's Ids of every page read (an Id-only keyset page of up to kPage, 5 per composite call,
///    a full page followed by the next) and compared with the device's: about records / 10,000 calls,
///    a fifth of a resync's, and no record's fields cross the link.
/// 4. Records the device has and the server's scope does not: unsaved and in-use ones are set apart;
///    for a scoped object the rest are looked up without the scope (outside the scope, or gone).
///
/// `Mode::Counts` (`posdata check --quick`): the Id space is cut into ranges of about kCountRange
/// records, each range's COUNT() on the server (5 per composite call) compared with the store's; a
/// range that differs is cut in 5 and counted again down to kCountRange, then read by Ids as above.
/// Fewer calls when little differs, but counts are blind to a range in which as many records are
/// missing as are extra (a record deleted on the server and another one missing beside it): no set of
/// COUNT() ranges short of one boundary between every two Ids tells those apart, so a count-first check
/// can report fewer of both than there are. Its result says it is not exact.
class IntegrityCheck
{
public:
    static constexpr int kCountRange = 10000; ///< a range read by Ids, not counted further, below this
    static constexpr int kLeaf = 1800; ///< Ids per page aimed at (a page holds 2000: room for extras)
    static constexpr int kPage = 2000; ///< LIMIT of an Id page
    static constexpr int kIdsPerLookup = 100; ///< Ids per `Id IN (...)` query (URL length)
    /// Device records per page of the exact comparison: a page holds kPage, so up to 50 records the
    /// device misses in one page still come in one query.
    static constexpr int kCutEvery = 1950;
    /// A call that fails for a passing reason (a 503, a timeout, a dropped connection) is sent again
    /// this many times, after 0.5, 1 and 2 s, before the check stops and says why: one busy moment of
    /// the server must not cost support the whole check.
    static constexpr int kRetries = 3;
    static constexpr int kRetryBaseMs = 500;

    enum class Mode { Counts, Exact };

    IntegrityCheck(SalesforceClient &client, LocalStore &store, SoqlBuilder soql);
    void run(std::function<void(const IntegrityResult &)> done, Mode mode = Mode::Exact);

private:
    struct Range
    {
        QString lo;
        QString hi;
        QString after; ///< Id pages: the last Id read
        QStringList ids; ///< Id pages: the server's Ids read so far
    };
    /// m_client.counts(), sent again after a transient error (kRetries); `done` gets the last answer.
    void askCounts(const QList<SalesforceClient::CountQuery> &queries,
                   std::function<void(const QList<SalesforceClient::CountResult> &)> done, int attempt = 0);
    void probe();
    /// Mode::Exact: the pages cut at every kCutEvery-th Id of the device, then read.
    void exactPages();
    void countRanges(const QList<Range> &ranges);
    void fetchIds(QList<Range> pages);
    void compare(const Range &page);
    void lookUpCandidates();
    /// `range` cut into `parts` ranges (fewer when it has fewer Ids), open ends kept open.
    QList<Range> split(const Range &range, int parts) const;
    void finish(const QString &error = {}, const QString &code = {});

    SalesforceClient &m_client;
    LocalStore &m_store;
    SoqlBuilder m_soql;
    std::function<void(const IntegrityResult &)> m_done;
    IntegrityResult m_result;
    Mode m_mode = Mode::Exact;
    qint64 m_callsBefore = 0;
    QString m_first; ///< the smallest Id of either side
    QString m_last;
    QStringList m_candidates; ///< synced, unprotected, not on the server in scope
    QList<Range> m_pendingPages; ///< pages to read once the recounts of this round are in
    std::shared_ptr<int> m_life = std::make_shared<int>(0); ///< a retry's timer checks this check still exists
};

/// Repairs what an exact check found (IntegrityCheck::Mode::Exact), on the thread that owns `client` and `store`: downloads the missing
/// records (by Id, in scope, 100 per call) and removes the synced, unprotected records the server's
/// scope no longer has, each write in the store's own transaction under the object's generation (a
/// kill leaves a partly repaired object that the next check or download finishes; a clear or resync
/// meanwhile makes the repair stop, Stale). Then recounts the server (one composite call).
class IntegrityRepair
{
public:
    IntegrityRepair(SalesforceClient &client, LocalStore &store, SoqlBuilder soql);
    void run(const IntegrityResult &found, std::function<void(const RepairResult &)> done);

private:
    void downloadNext();
    void removeAndRecount();
    void finish(const QString &error = {}, const QString &code = {});

    SalesforceClient &m_client;
    LocalStore &m_store;
    SoqlBuilder m_soql;
    std::function<void(const RepairResult &)> m_done;
    IntegrityResult m_found;
    RepairResult m_result;
    qint64 m_generation = 0;
    qint64 m_callsBefore = 0;
    qsizetype m_next = 0; ///< index into m_found.missingIds of the next download
};

} // namespace posdata
