// SPDX-License-Identifier: MIT
#pragma once

// EngineSnapshot as JSON and back: the running engine keeps its live state in the store this way,
// and `posdata status` in another process reads it (and prints it with --json).

#include "sync/syncsnapshot.h"

#include <QJsonObject>

#include <optional>

namespace posdata::snapshotjson {

QJsonObject toJson(const EngineSnapshot &snapshot);
/// Reads what toJson() wrote; members missing or of another type keep their defaults, and an
/// object without a name is left out (the file is another process's, not ours to trust blindly).
EngineSnapshot fromJson(const QJsonObject &json);

QString activityKey(SyncActivity activity); ///< "idle", "waiting", ... (stable JSON values)
std::optional<SyncActivity> activityFromKey(const QString &key);
QString statusKey(SyncStatus status); ///< "syncing", "paused", "fullySynced", "subsetSynced", "incomplete"
std::optional<SyncStatus> statusFromKey(const QString &key);

} // namespace posdata::snapshotjson
