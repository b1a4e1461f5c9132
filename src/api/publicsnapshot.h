// SPDX-License-Identifier: MIT
// The internal engine's snapshot as the public API's value types: the one place where the two meet,
// so the internal snapshot may change without a host noticing.
#pragma once

#include <posdatasync/types.h>

#include "sync/syncsnapshot.h"

namespace posdatasync {

Status publicStatus(posdata::SyncStatus status);
Error publicError(const posdata::SyncError &error, const QString &object);
Snapshot publicSnapshot(const posdata::EngineSnapshot &snapshot);

} // namespace posdatasync
