// SPDX-License-Identifier: MIT
#pragma once

// The status as QML sees it: an enum (StatusKind.Paused, ...) that Theme keys its colours, glyphs
// and icons by, instead of strings.

#include "sync/syncstatus.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace posdata {

/// The five statuses of the product page as a QML enum; values equal int(SyncStatus).
class StatusKind : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StatusKind only holds an enum")

public:
    enum Kind {
        Syncing = int(SyncStatus::Syncing),
        Paused = int(SyncStatus::Paused),
        FullySynced = int(SyncStatus::FullySynced),
        SubsetSynced = int(SyncStatus::SubsetSynced),
        Incomplete = int(SyncStatus::Incomplete),
    };
    Q_ENUM(Kind)

    static Kind of(SyncStatus status) { return Kind(int(status)); }
};

} // namespace posdata
