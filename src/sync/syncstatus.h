// SPDX-License-Identifier: MIT
#pragma once

// The one status rule of the product page, and its words.

#include <QMetaType>
#include <QString>

#include <optional>

namespace posdata {

/// The five words of the product page.
enum class SyncStatus { Syncing, Paused, FullySynced, SubsetSynced, Incomplete };

/// What the status rule looks at; counts are std::nullopt while unknown.
struct StatusInputs
{
    bool paused = false;
    /// A sync of the object is wanted: waiting its turn, counting, downloading, backing off,
    /// recounting, or waiting for sign-in. The engine keeps an object wanted until its counts were
    /// read after its last download ended, so "settled" always means fresh counts.
    bool wanted = false;
    /// The object stopped on an error only a person or a config change can cure (a field the org
    /// does not have, an object it lacks).
    bool stopped = false;
    bool scoped = false; ///< the object has a scope; when false A is taken to be S
    /// L: records on the device that are (or, once uploaded, will be) records of the server: synced
    /// ones and unsaved changes of server records. Records created on the device are not in it.
    std::optional<qint64> local;
    std::optional<qint64> server; ///< S: server count in scope
    std::optional<qint64> serverAll; ///< A: server count of all records
};

/// The rule, first match wins: Paused; Syncing while wanted; Incomplete when stopped on an error;
/// Syncing while a count is unknown (the engine is still finding out); Incomplete when L < S; else
/// Subset synced when scoped and S < A, Fully synced otherwise. L above S is not a red state: the
/// engine sweeps records the server no longer has before it settles, and what stays (records in
/// use) is on the device on purpose.
SyncStatus computeStatus(const StatusInputs &in);

/// The words shown on the screen and printed by `posdata status`, exactly as on the product page.
QString statusWords(SyncStatus status);

} // namespace posdata

Q_DECLARE_METATYPE(posdata::SyncStatus)
