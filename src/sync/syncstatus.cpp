// SPDX-License-Identifier: MIT
#include "syncstatus.h"

namespace posdata {

SyncStatus computeStatus(const StatusInputs &in)
{
    if (in.syncing)
        return SyncStatus::Syncing;
    if (in.paused)
        return SyncStatus::Paused;
    if (in.lastAttemptFailed || !in.local || !in.server)
        return SyncStatus::Incomplete;
    const qint64 all = in.scoped ? in.serverAll.value_or(-1) : *in.server;
    if (all < 0)
        return SyncStatus::Incomplete;
    if (*in.local == *in.server && *in.server == all)
        return SyncStatus::FullySynced;
    if (in.scoped && *in.local == *in.server && *in.server < all)
        return SyncStatus::SubsetSynced;
    return SyncStatus::Incomplete;
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
