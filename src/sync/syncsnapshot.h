// SPDX-License-Identifier: MIT
#pragma once

#include "syncstatus.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace posdata {

/// One error kept for an object (or for the engine), in words, with when it happened.
struct SyncError
{
    QString code; ///< e.g. INVALID_FIELD, NETWORK, TIMEOUT, STALLED, SIGN_IN_REQUIRED
    QString message; ///< in words, for people
    QDateTime time; ///< UTC
    bool operator==(const SyncError &) const = default;
};

/// A value copy of one sync object's state: what leaves the worker thread for the GUI and the CLI.
/// Counts are -1 while unknown.
struct SyncObjectSnapshot
{
    QString name; ///< API name, e.g. s_c__product__c
    SyncStatus status = SyncStatus::Incomplete;
    bool scoped = false;
    bool paused = false;
    bool syncing = false;
    qint64 local = 0; ///< L: local records that came from the server (unsaved excluded)
    qint64 server = -1; ///< S: server count in scope
    qint64 serverAll = -1; ///< A: server count of all records (= server when unscoped)
    qint64 unsaved = 0; ///< locally created, updated or deleted, not yet uploaded
    qint64 uploadFailed = 0; ///< unsaved records whose last upload the server refused
    bool uploading = false; ///< an upload batch of this object is in flight
    qint64 inUse = 0; ///< protected records (active outlet, shift, pinned)
    qint64 progressDone = 0; ///< records received in the current download
    qint64 progressTotal = 0; ///< records expected in the current download
    double recordsPerSecond = 0.0;
    qint64 secondsLeft = -1; ///< -1 while unknown
    QDateTime lastSynced; ///< last successful download end, UTC; invalid if never
    QDateTime countsReadAt; ///< when server/serverAll were read
    QList<SyncError> errors; ///< recent errors, newest last; the last one is the last error
    bool lastAttemptFailed = false;
    bool operator==(const SyncObjectSnapshot &) const = default;
};

/// The whole engine at one instant.
struct EngineSnapshot
{
    QList<SyncObjectSnapshot> objects; ///< in priority order
    bool signInRequired = false; ///< the refresh token was refused: one engine-wide error
    std::optional<SyncError> engineError;
    qint64 apiCallsLastCycle = 0;
    qint64 apiCallsTotal = 0;
    bool operator==(const EngineSnapshot &) const = default;
};

} // namespace posdata

Q_DECLARE_METATYPE(posdata::SyncError)
Q_DECLARE_METATYPE(posdata::SyncObjectSnapshot)
Q_DECLARE_METATYPE(posdata::EngineSnapshot)
