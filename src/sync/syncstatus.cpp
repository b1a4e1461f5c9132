// SPDX-License-Identifier: MIT
// The status rule of syncstatus.h.
#include "syncstatus.h"

namespace posdata {

SyncStatus computeStatus(const StatusInputs &in)
{
    if (in.paused)
        return SyncStatus::Paused;
    if (in.wanted)
        return SyncStatus::Syncing;
    if (in.stopped)
        return SyncStatus::Incomplete;
    const std::optional<qint64> all = in.scoped ? in.serverAll : in.server;
    if (!in.local || !in.server || !all)
        return SyncStatus::Syncing;
    if (*in.local < *in.server)
        return SyncStatus::Incomplete;
    if (in.scoped && *in.server < *all)
        return SyncStatus::SubsetSynced;
    return SyncStatus::FullySynced;
}

QString statusWords(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Syncing:
        return QStringLiteral("Syncing");
    case SyncStatus::Paused:
        return QStringLiteral("Paused");
    case SyncStatus::FullySynced:
        return QStringLiteral("Fully synced");
    case SyncStatus::SubsetSynced:
        return QStringLiteral("Subset synced");
    case SyncStatus::Incomplete:
        return QStringLiteral("Incomplete");
    }
    return QStringLiteral("Incomplete");
}

} // namespace posdata
