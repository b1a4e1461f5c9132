// SPDX-License-Identifier: MIT
#pragma once

namespace posdata {

class ManageDataController;
class SyncEngine;

/// Wires a page controller to an engine: snapshots and clear plans in, intents out (queued
/// nowhere: both live on the GUI thread, the engine forwards to its worker itself).
void bindEngine(ManageDataController *controller, SyncEngine *engine);
/// Undoes bindEngine().
void unbindEngine(ManageDataController *controller, SyncEngine *engine);

} // namespace posdata
