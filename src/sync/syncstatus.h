// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace posdata {

/// The five words of the product page, in the order the rules test them.
enum class SyncStatus { Syncing, Paused, FullySynced, SubsetSynced, Incomplete };

/// What the status rule looks at; counts are std::nullopt while unknown.
struct StatusInputs
{
    bool syncing = false; ///< downloading now
    bool paused = false;
    bool scoped = false; ///< the object has a scope; when false A is taken to be S
    std::optional<qint64> local; ///< L: local records that came from the server
    std::optional<qint64> server; ///< S: server count in scope
    std::optional<qint64> serverAll; ///< A: server count of all records
    bool lastAttemptFailed = false;
};

/// The one status rule (see docs/status.md): Syncing, then Paused, then Fully synced when L = S = A,
/// Subset synced when scoped and L = S < A, Incomplete otherwise.
SyncStatus computeStatus(const StatusInputs &in);

/// The words shown on the screen and printed by `posdata status`, exactly as on the product page.
QString statusWords(SyncStatus status);

} // namespace posdata

Q_DECLARE_METATYPE(posdata::SyncStatus)
