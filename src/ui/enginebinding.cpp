// SPDX-License-Identifier: MIT
#include "enginebinding.h"

#include "managedatacontroller.h"
#include "sync/syncengine.h"

namespace posdata {

void bindEngine(ManageDataController *c, SyncEngine *e)
{
    QObject::connect(e, &SyncEngine::snapshotChanged, c, &ManageDataController::applySnapshot);
    QObject::connect(e, &SyncEngine::clearPlanReady, c, &ManageDataController::applyClearPlan);
    QObject::connect(e, &SyncEngine::fatalError, c, &ManageDataController::setFatalError);
    QObject::connect(e, &SyncEngine::unsavedReady, c, &ManageDataController::applyUnsaved);

    QObject::connect(c, &ManageDataController::syncNowRequested, e, &SyncEngine::syncNow);
    QObject::connect(c, &ManageDataController::pauseAllRequested, e, &SyncEngine::pauseAll);
    QObject::connect(c, &ManageDataController::resumeAllRequested, e, &SyncEngine::resumeAll);
    QObject::connect(c, &ManageDataController::pauseRequested, e, &SyncEngine::pause);
    QObject::connect(c, &ManageDataController::resumeRequested, e, &SyncEngine::resume);
    QObject::connect(c, &ManageDataController::resyncRequested, e, &SyncEngine::resync);
    QObject::connect(c, &ManageDataController::resyncAllRequested, e, &SyncEngine::resyncAll);
    QObject::connect(c, &ManageDataController::clearResyncRequested, e, &SyncEngine::clearResync);
    QObject::connect(c, &ManageDataController::clearResyncAllRequested, e, &SyncEngine::clearResyncAll);
    QObject::connect(c, &ManageDataController::clearPlanRequested, e, &SyncEngine::requestClearPlan);
    QObject::connect(c, &ManageDataController::unsavedRequested, e, &SyncEngine::requestUnsaved);
    QObject::connect(c, &ManageDataController::retryUploadRequested, e, &SyncEngine::retryUpload);

    // A page opened after the engine started still shows the current state at once; before the
    // worker's first snapshot there is nothing to show, and the page keeps saying it is loading.
    if (!e->snapshot().objects.isEmpty())
        c->applySnapshot(e->snapshot());
}

} // namespace posdata
