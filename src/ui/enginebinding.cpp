// SPDX-License-Identifier: MIT
#include "enginebinding.h"

#include "api/engine_p.h"
#include "managedatacontroller.h"
#include "sync/syncengine.h"

namespace posdata {

void bindEngine(ManageDataController *c, SyncEngine *e)
{
    QObject::connect(e, &SyncEngine::snapshotChanged, c, &ManageDataController::applySnapshot);
    QObject::connect(e, &SyncEngine::clearPlanReady, c, &ManageDataController::applyClearPlan);
    QObject::connect(e, &SyncEngine::fatalError, c, &ManageDataController::setFatalError);
    QObject::connect(e, &SyncEngine::unsavedReady, c, &ManageDataController::applyUnsaved);
    QObject::connect(e, &SyncEngine::unsavedDiscarded, c, &ManageDataController::applyDiscarded);
    QObject::connect(e, &SyncEngine::reportWritten, c, &ManageDataController::applyReport);

    QObject::connect(c, &ManageDataController::actionRequested, e, &SyncEngine::perform);
    QObject::connect(c, &ManageDataController::clearPlanRequested, e, &SyncEngine::requestClearPlan);
    QObject::connect(c, &ManageDataController::unsavedRequested, e, &SyncEngine::requestUnsaved);
    QObject::connect(c, &ManageDataController::discardRequested, e, &SyncEngine::discardUnsaved);
    QObject::connect(c, &ManageDataController::reportRequested, e, &SyncEngine::writeReport);
    c->setConfig(e->config()); // how unsaved records are titled

    // A page opened after the engine started still shows the current state at once; before the
    // worker's first snapshot there is nothing to show, and the page keeps saying it is loading.
    if (!e->snapshot().objects.isEmpty())
        c->applySnapshot(e->snapshot());
}

void unbindEngine(ManageDataController *c, SyncEngine *e)
{
    QObject::disconnect(e, nullptr, c, nullptr);
    QObject::disconnect(c, nullptr, e, nullptr);
}

void ManageDataController::setEngine(posdatasync::Engine *engine)
{
    if (engine == m_engine)
        return;
    if (SyncEngine *old = posdatasync::EnginePrivate::syncEngine(m_engine))
        unbindEngine(this, old);
    m_engine = engine;
    // An engine whose settings were refused has nothing to bind: the page says why instead.
    setFatalError(engine ? engine->errorString() : QString());
    if (SyncEngine *bound = posdatasync::EnginePrivate::syncEngine(engine))
        bindEngine(this, bound);
    emit engineChanged();
}

} // namespace posdata
