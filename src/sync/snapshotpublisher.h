// SPDX-License-Identifier: MIT
#pragma once

// Builds the engine's snapshots from what the store persists and what the worker knows at run time,
// applies the status rule, and tells which snapshots are worth sending (pure: no threads, no timers).

#include "config/syncobjectconfig.h"
#include "store/storetypes.h"
#include "sync/syncsnapshot.h"

#include <QDateTime>
#include <QList>

namespace posdata {

/// What the worker knows of one object beyond its persisted ObjectState.
struct ObjectActivity
{
    SyncActivity activity = SyncActivity::Waiting;
    QDateTime retryAt;
    bool paused = false;
    /// A sync is wanted (see StatusInputs::wanted); false once settled with fresh counts.
    bool wanted = true;
    bool stopped = false; ///< stopped on an error only a person or a config change cures
    qint64 progressDone = 0;
    qint64 progressTotal = 0;
    qint64 downloadMs = 0; ///< how long the current download has run
    QList<SyncError> errors;
    bool lastAttemptFailed = false;
    QString note;
    bool uploading = false;
    quint64 uploadPasses = 0;
    /// Unsaved changes of records the server has (updated or deleted on the device): they count in
    /// L for the status rule, records created on the device do not.
    qint64 unsavedOfServerRecords = 0;
    QDateTime countsConfirmedAt; ///< an idle cycle found nothing changed: the counts still hold
    /// A full download of the object's current generation ended in this run of the engine: its
    /// records are on the device (the recount that follows only confirms the server's count).
    bool downloadComplete = false;
};

class SnapshotPublisher
{
public:
    /// One object's snapshot, its status by the rule.
    static SyncObjectSnapshot object(const SyncObjectConfig &config, const ObjectState &state,
                                     const ObjectActivity &live);

    /// EngineSnapshot::readyToSell of these objects.
    static bool readyToSell(const QList<SyncObjectSnapshot> &objects);

    /// Offers the newest snapshot: true when it differs from the last one published (it then
    /// becomes the last one), false when sending it would tell nobody anything.
    bool offer(const EngineSnapshot &snapshot);
    const EngineSnapshot &last() const { return m_last; }

private:
    EngineSnapshot m_last;
    bool m_sentOnce = false;
};

} // namespace posdata
