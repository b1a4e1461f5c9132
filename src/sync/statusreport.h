// SPDX-License-Identifier: MIT
#pragma once

// `posdata status`: what the engine running on a store says right now (its live state, kept in the
// store), or, when none runs, what the store's persisted states say; the same words as the screen.

#include "store/storetypes.h"
#include "sync/devicestorage.h"
#include "sync/syncsnapshot.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace posdata {

struct SyncConfig;

/// What `posdata status` prints.
struct StatusView
{
    /// An engine keeps this store's live state fresh (heartbeat younger than
    /// tuning::kLiveStaleAfterMs, and its process is alive): `engine` is what it publishes.
    bool engineRunning = false;
    qint64 pid = 0; ///< the running engine's process
    QDateTime heartbeat; ///< when it last wrote its live state (UTC)
    /// Per object, in the config's priority order then objects only the store knows: the running
    /// engine's snapshots, or (no engine) snapshots built from the persisted states by the shared
    /// status rule, with nothing wanted.
    EngineSnapshot engine;
    QDateTime now; ///< the moment the view was taken (UTC): ages are relative to it
};

class StatusReport
{
public:
    /// What the CLI reads from the store itself for the view when no engine runs (a running
    /// engine's live state says all of it).
    struct StoreFacts
    {
        /// The label of the record each scope variable follows, as the store keeps it in use
        /// (scopelabel::inUseLabel), by variable.
        QHash<QString, QString> scopeRecords;
        QHash<QString, qint64> bytes; ///< LocalStore::recordBytes(), by object name
        devicestorage::Volume volume;
    };

    /// `live`: the store's live state, if any. `now` is passed in so that tests can fix it.
    static StatusView build(const SyncConfig &config, const QList<ObjectState> &states,
                            const std::optional<LiveState> &live, const QDateTime &now,
                            const StoreFacts &facts = {});

    /// Whether a live state is an engine at work: fresh heartbeat, and (on this host) its process
    /// exists. A killed engine leaves its last live state behind; this is what tells.
    static bool isAlive(const LiveState &live, const QDateTime &now);

    /// For people: one line about the engine (running, sign-in, or none), then the table (object,
    /// status, activity, local, server, server (all), unsaved, failed uploads, last synced, server
    /// counted, bytes, last error), then a line per scoped object with its scope in words, then the
    /// database's size and free space (and the low-space warning). Server text is kept to one
    /// printable line.
    static QString text(const StatusView &view);

    /// {"engine": {running, pid, heartbeat, signInRequired, signInRetryAt, error},
    ///  "objects": [{name, status, activity, local, server, serverAll, unsaved, uploadFailed,
    ///               lastSynced, countsReadAt, countAgeSeconds, bytes, lastError, scope}],
    ///  "storage": {databaseBytes, freeBytes, neededBytes, lowSpace, warning}}: the table's
    /// columns as keys; unknown counts, never and no error are null; lastError is {code, message,
    /// time}; scope is {by, record, text} for a scoped object (by and record null when unknown),
    /// else null.
    static QByteArray json(const StatusView &view);
};

} // namespace posdata
