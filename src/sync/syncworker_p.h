// SPDX-License-Identifier: MIT
#pragma once

// SyncWorker's private parts, shared by its three source files: the per-object run-time state and
// the small helpers that turn store and server failures into words.

#include "sync/syncworker.h"

#include "config/idspace.h"
#include "sync/integritycheck.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace posdata {

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
    /// Back to Counting: the next count of this object asks what the three flags say.
    void countAgain(bool changed, bool counts, bool afterDownloadEnded)
    {
        askChanged = changed;
        askCounts = counts;
        afterDownload = afterDownloadEnded;
        phase = Phase::Counting;
        countSent = false;
    }
    qint64 countGeneration = -1; ///< the generation the counts in flight were asked for
    QDateTime countsConfirmedAt;
    int mismatchRounds = 0;
    qint64 repairedForServer = -1; ///< a repair (full resync) already ran for this server count
    /// A difference (L, S) the object settled with after chasing it: met again, it is not chased again.
    std::optional<std::pair<qint64, qint64>> settledMismatch;

    // the current download
    quint64 seq = 0; ///< bumped whenever the download stops: late answers are dropped
    bool full = false; ///< a full download: Id reconciliation at its end
    qint64 completeGeneration = -1; ///< the generation a full download last ended at (ObjectActivity::downloadComplete)
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
    QSet<QString> checkpointIds; ///< a cursor download's page-end checkpoints so far: a repeat is no progress
    qint64 newRecords = 0; ///< records inserted or removed by this download (not mere rewrites)
    /// A delta's own count of what it changed, for the server count it implies (deltaSettles()):
    /// rows it inserted and removed, and whether it left anything as it was (an unsaved record's
    /// version, a tombstone of a record in use), which the counts cannot be derived past.
    qint64 deltaInserted = 0;
    qint64 deltaDeleted = 0;
    bool deltaKeptSome = false;
    /// The counts agreed when the delta began (and were read within kFullRecountAfterMs).
    bool countsAgreedAtStart = false;
    qint64 progressDone = 0;
    qint64 progressBase = 0; ///< records done before the current query (restarts)
    qint64 progressTotal = 0;
    QElapsedTimer clock; ///< since the download started
    qint64 lastProgressMs = 0;

    // a full download in Id ranges (syncworker_ranges.cpp)
    bool ranged = false; ///< the current download is one
    bool probing = false; ///< its plan is being made: the Id ends, the count, the high-water mark
    RangePlan plan; ///< as the store keeps it, each range's checkpoint as its last page left it
    std::optional<IdSpace> idSpace; ///< the plan's Ids as numbers; none: no re-split
    QHash<QString, SalesforceClient::RequestId> rangeFetches; ///< a range's page in flight, by the range's lo
    int rangesWanted = 1; ///< ranges that run at once (rangesPerDownload, fewer for a small object)

    // the screen's integrity check (syncworker_check.cpp)
    ObjectCheck check;
    std::unique_ptr<IntegrityCheck> checker; ///< the last one, kept until the next starts
    std::unique_ptr<IntegrityRepair> repairer;

    QList<SyncError> errors;
    bool lastAttemptFailed = false;
    quint64 uploadPasses = 0;
    qint64 unsavedOfServer = 0; ///< unsaved changes of server records (see ObjectActivity)
    qint64 unsavedKey = -1; ///< the unsaved and refused counts unsavedOfServer was read at
};

namespace workerdetail {

/// A SystemModstamp as Salesforce writes it (+0000 offset) as a UTC QDateTime.
QDateTime modstampTime(const QString &value);
/// A device value a scope may be missing, in words.
QString noScopeWords(const QString &variable);
/// A store failure in words, with its code.
SyncError storeErrorOf(const StoreError &error);
/// A server error in words a person can act on; the server's own text stays as the detail.
QString wordsOf(const ApiError &error);

} // namespace workerdetail

} // namespace posdata
