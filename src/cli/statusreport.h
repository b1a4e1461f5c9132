// SPDX-License-Identifier: MIT
#pragma once

#include "store/storetypes.h"
#include "sync/syncstatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace posdata {

struct SyncConfig;

/// One line of `posdata status`: an object's persisted state, with its status by the shared rule.
struct StatusRow
{
    QString name;
    SyncStatus status = SyncStatus::Incomplete;
    bool scoped = false;
    bool paused = false;
    qint64 local = 0;
    std::optional<qint64> server; ///< S, unknown until the engine has counted
    std::optional<qint64> serverAll; ///< A; equals S for unscoped objects
    qint64 unsaved = 0;
    QDateTime lastSynced; ///< invalid if never
    QString lastErrorCode; ///< empty when the last attempt did not fail
    QString lastErrorMessage;
    QDateTime lastErrorAt;
};

/// Builds and prints `posdata status` from the store's persisted object states (O(1) per object).
class StatusReport
{
public:
    /// Rows in the config's priority order, then objects the store knows but the config does not.
    /// Syncing cannot be seen from the file, so the status is computed with syncing = false.
    static QList<StatusRow> build(const SyncConfig &config, const QList<ObjectState> &states);

    /// The table for people (columns: object, status, local, server, server (all), unsaved,
    /// last synced, last error).
    static QString text(const QList<StatusRow> &rows);

    /// A JSON array of {name, status, local, server, serverAll, unsaved, lastSynced, lastError};
    /// unknown counts and never-synced are null, lastError is null or {code, message, time}.
    static QByteArray json(const QList<StatusRow> &rows);
};

} // namespace posdata
