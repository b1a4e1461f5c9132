// SPDX-License-Identifier: MIT
// SnapshotPublisher: the snapshot of an object from its persisted and run-time state.
#include "sync/snapshotpublisher.h"

#include <algorithm>
#include <cmath>

namespace posdata {

SyncObjectSnapshot SnapshotPublisher::object(const SyncObjectConfig &config, const ObjectState &st,
                                             const ObjectActivity &live)
{
    SyncObjectSnapshot s;
    s.name = config.name;
    s.scoped = config.scoped();
    s.paused = live.paused;
    s.activity = live.paused ? SyncActivity::Idle : live.activity;
    s.retryAt = live.retryAt;
    s.syncing = !live.paused
        && (live.activity == SyncActivity::Downloading || live.activity == SyncActivity::Resyncing
            || live.activity == SyncActivity::UpdatingFields);
    s.local = st.localCount;
    s.stored = st.localCount + st.unsavedCount;
    s.server = st.serverCount;
    s.serverAll = config.scoped() ? st.serverAllCount : st.serverCount;
    s.unsaved = st.unsavedCount;
    s.uploadFailed = st.uploadFailedCount;
    s.uploading = live.uploading;
    s.uploadPasses = live.uploadPasses;
    s.inUse = st.inUseCount;
    s.lastSynced = st.lastSyncedAt;
    s.countsReadAt = std::max(st.countsReadAt, live.countsConfirmedAt);
    s.errors = live.errors;
    s.lastAttemptFailed = live.lastAttemptFailed;
    if (s.errors.isEmpty() && !st.lastErrorCode.isEmpty()) {
        // An error persisted by an earlier run (or by the engine before a restart).
        s.errors.append(SyncError{st.lastErrorCode, st.lastErrorMessage, st.lastErrorAt, {}});
        s.lastAttemptFailed = true;
    }
    s.note = live.note;
    s.requiredForSale = config.requiredForSale;
    // Ready the moment the records are in: a first download need not wait for the recount after it.
    s.readyForSale = !live.note.isEmpty()
        || ((st.lastSyncedAt.isValid() || live.downloadComplete) && st.pending != PendingOp::ClearResync);
    if (s.syncing || live.activity == SyncActivity::Retrying) {
        s.progressDone = live.progressDone;
        s.progressTotal = std::max(live.progressTotal, live.progressDone);
        const double seconds = live.downloadMs / 1000.0;
        s.recordsPerSecond = seconds > 0.2 ? live.progressDone / seconds : 0.0;
        s.secondsLeft = s.recordsPerSecond > 0 && s.syncing
            ? static_cast<qint64>(std::ceil((s.progressTotal - s.progressDone) / s.recordsPerSecond))
            : -1;
    }
    StatusInputs in;
    in.paused = live.paused;
    in.wanted = live.wanted;
    in.stopped = live.stopped;
    in.scoped = s.scoped;
    in.local = st.localCount + live.unsavedOfServerRecords;
    if (s.server >= 0)
        in.server = s.server;
    if (s.serverAll >= 0)
        in.serverAll = s.serverAll;
    s.status = computeStatus(in);
    return s;
}

bool SnapshotPublisher::readyToSell(const QList<SyncObjectSnapshot> &objects)
{
    return std::all_of(objects.begin(), objects.end(),
                       [](const SyncObjectSnapshot &o) { return !o.requiredForSale || o.readyForSale; });
}

bool SnapshotPublisher::offer(const EngineSnapshot &snapshot)
{
    if (m_sentOnce && snapshot == m_last)
        return false;
    m_last = snapshot;
    m_sentOnce = true;
    return true;
}

} // namespace posdata
