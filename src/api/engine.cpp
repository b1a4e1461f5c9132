// SPDX-License-Identifier: MIT
// posdatasync::Engine: checks the host's settings, builds the internal engine (sync/) from them and
// translates between the two: snapshots to public values, credentials on request, write tickets
// to outcomes.
#include "engine_p.h"

#include "config/devicecontext.h"
#include "config/syncconfig.h"
#include "publicsnapshot.h"
#include "sync/syncengine.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace posdatasync {

namespace {

const QString kInvalidSettings = QStringLiteral("INVALID_SETTINGS");

Error engineError(const QString &code, const QString &message)
{
    return Error{QString(), code, message, QDateTime::currentDateTimeUtc()};
}

bool allPaused(const Snapshot &s)
{
    if (s.objects.isEmpty())
        return false;
    for (const ObjectState &o : s.objects) {
        if (!o.paused)
            return false;
    }
    return true;
}

QString defaultDatabasePath()
{
    // The folder posdata (the CLI) and pos-manage-data use by default too: one store per app.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("posdata.db"));
}

} // namespace

EnginePrivate::EnginePrivate(Engine *q, EngineSettings settings, CredentialsProvider provider)
    : q(q), settings(std::move(settings)), provider(std::move(provider))
{
    qRegisterMetaType<posdatasync::Snapshot>();
    qRegisterMetaType<posdatasync::Error>();
    qRegisterMetaType<posdatasync::RecordOutcome>();
}

EnginePrivate::~EnginePrivate()
{
    // The worker thread stops before anything it may still call back into goes.
    delete sync;
}

posdata::SyncEngine *EnginePrivate::syncEngine(const Engine *engine)
{
    return engine ? engine->d->sync : nullptr;
}

void EnginePrivate::build()
{
    posdata::DeviceContext device;
    device.instanceUrl = settings.device.instanceUrl;
    device.clientId = settings.device.clientId;
    device.outletId = settings.device.outletId;
    device.shiftId = settings.device.shiftId.trimmed().isEmpty() ? QString() : settings.device.shiftId;
    settings.device.shiftId = device.shiftId;
    if (const auto problem = posdata::deviceContextProblem(device)) {
        error = QStringLiteral("device context: %1 %2").arg(problem->key, problem->why);
        return;
    }
    QString why;
    const auto config = settings.syncConfigPath.isEmpty() ? posdata::loadBundledSyncConfig(&why)
                                                          : posdata::loadSyncConfig(settings.syncConfigPath, &why);
    if (!config) {
        error = QStringLiteral("sync configuration: %1").arg(why);
        return;
    }
    posdata::SyncEngineOptions options;
    options.dbPath = settings.databasePath.isEmpty() ? defaultDatabasePath() : settings.databasePath;
    options.config = *config;
    options.device = device;
    options.tuneAllocator = settings.tuneAllocator;
    sync = new posdata::SyncEngine(std::move(options), q);
    snapshot = publicSnapshot(sync->snapshot());
    wire();
}

void EnginePrivate::wire()
{
    using posdata::SyncEngine;
    QObject::connect(sync, &SyncEngine::snapshotChanged, q, [this](const posdata::EngineSnapshot &s) { applySnapshot(s); });
    QObject::connect(sync, &SyncEngine::credentialsNeeded, q,
                     [this] { credentialsNeeded(CredentialsReason::SignInRequired); });
    QObject::connect(sync, &SyncEngine::fatalError, q, [this](const QString &message) {
        const Snapshot before = snapshot;
        snapshot.engineError = engineError(QStringLiteral("STORE"), message);
        emit q->snapshotChanged(snapshot);
        emitNewErrors(before, snapshot);
    });
    QObject::connect(sync, &SyncEngine::localWriteStored, q, [this](quint64 ticket, const QString &object, const QString &id) {
        tickets.insert(id, ticket);
        outcome({ticket, RecordStage::Stored, object, id, {}, {}, {}});
    });
    QObject::connect(sync, &SyncEngine::localWriteFailed, q,
                     [this](quint64 ticket, const QString &object, const QString &message) {
                         outcome({ticket, RecordStage::Failed, object, {}, {}, {}, message});
                     });
    QObject::connect(sync, &SyncEngine::recordUploaded, q,
                     [this](const QString &object, const QString &localId, const QString &serverId) {
                         outcome({tickets.take(localId), RecordStage::Uploaded, object, localId, serverId, {}, {}});
                     });
    QObject::connect(sync, &SyncEngine::recordRefused, q,
                     [this](const QString &object, const QString &id, const QString &code, const QString &message) {
                         outcome({tickets.value(id), RecordStage::Refused, object, id, {}, code, message});
                     });
}

void EnginePrivate::applySnapshot(const posdata::EngineSnapshot &internal)
{
    const Snapshot before = snapshot;
    snapshot = publicSnapshot(internal);
    if (snapshot == before)
        return;
    emit q->snapshotChanged(snapshot);
    if (snapshot.running != before.running)
        emit q->runningChanged(snapshot.running);
    if (snapshot.readyToSell != before.readyToSell)
        emit q->readyToSellChanged(snapshot.readyToSell);
    if (snapshot.signInRequired != before.signInRequired)
        emit q->signInRequiredChanged(snapshot.signInRequired);
    if (allPaused(snapshot) != allPaused(before))
        emit q->pausedChanged(allPaused(snapshot));
    emitNewErrors(before, snapshot);
}

void EnginePrivate::emitNewErrors(const Snapshot &before, const Snapshot &after)
{
    // Each list holds the recent errors, newest last: what was not there before is new.
    if (after.engineError && after.engineError != before.engineError)
        emit q->errorOccurred(*after.engineError);
    for (const ObjectState &o : after.objects) {
        const ObjectState *old = before.object(o.name);
        for (const Error &e : o.errors) {
            if (!old || !old->errors.contains(e))
                emit q->errorOccurred(e);
        }
    }
}

void EnginePrivate::credentialsNeeded(CredentialsReason reason)
{
    if (!provider)
        return;
    const std::optional<Credentials> given = provider(reason);
    if (!given || given->isEmpty())
        return; // the host hands them later (setCredentials)
    if (reason == CredentialsReason::SignInRequired && *given == handed)
        return; // just refused: the engine tries them again by itself, at its own pace
    hand(*given);
}

void EnginePrivate::hand(const Credentials &credentials)
{
    handed = credentials;
    // The refresh token first: an access token handed with it is used at once, the refresh token
    // once that one runs out.
    if (!credentials.refreshToken.isEmpty())
        sync->setRefreshToken(credentials.refreshToken);
    if (!credentials.accessToken.isEmpty())
        sync->setAccessToken(credentials.accessToken);
}

void EnginePrivate::outcome(RecordOutcome outcome)
{
    emit q->recordOutcome(outcome);
}

quint64 EnginePrivate::refuseWrite(const QString &object)
{
    // Without an engine (refused settings) its tickets are ours; the answer comes later, as it
    // would from the engine, never inside the caller's own call.
    const quint64 ticket = ++refusedTickets;
    QMetaObject::invokeMethod(q, [this, ticket, object] {
        outcome({ticket, RecordStage::Failed, object, {}, {}, {}, QStringLiteral("not written: %1").arg(error)});
    }, Qt::QueuedConnection);
    return ticket;
}

void EnginePrivate::refuse(const QString &message)
{
    emit q->errorOccurred(engineError(kInvalidSettings, message));
}

Engine::Engine(EngineSettings settings, CredentialsProvider credentials, QObject *parent)
    : QObject(parent), d(std::make_unique<EnginePrivate>(this, std::move(settings), std::move(credentials)))
{
    d->build();
}

Engine::~Engine() = default;

bool Engine::start()
{
    if (!d->sync) {
        d->refuse(d->error);
        return false;
    }
    if (d->started)
        return true;
    d->started = true;
    if (d->settings.databasePath.isEmpty())
        QDir().mkpath(QFileInfo(defaultDatabasePath()).absolutePath()); // the app's data folder may be new

    d->credentialsNeeded(CredentialsReason::Start);
    d->sync->start();
    return true;
}

QString Engine::errorString() const
{
    return d->error;
}

Snapshot Engine::snapshot() const
{
    return d->snapshot;
}

bool Engine::isRunning() const
{
    return d->snapshot.running;
}

bool Engine::readyToSell() const
{
    return d->snapshot.readyToSell;
}

bool Engine::signInRequired() const
{
    return d->snapshot.signInRequired;
}

bool Engine::isPaused() const
{
    return allPaused(d->snapshot);
}

QString Engine::outletId() const
{
    return d->settings.device.outletId;
}

QString Engine::shiftId() const
{
    return d->settings.device.shiftId;
}

quint64 Engine::createRecord(const QString &object, const QJsonObject &fields)
{
    return d->sync ? d->sync->createLocal(object, fields) : d->refuseWrite(object);
}

quint64 Engine::updateRecord(const QString &object, const QString &id, const QJsonObject &fields)
{
    return d->sync ? d->sync->updateLocal(object, id, fields) : d->refuseWrite(object);
}

quint64 Engine::deleteRecord(const QString &object, const QString &id)
{
    return d->sync ? d->sync->deleteLocal(object, id) : d->refuseWrite(object);
}

void Engine::setOutletId(const QString &outletId)
{
    if (outletId.trimmed().isEmpty()) {
        d->refuse(QStringLiteral("An outlet is required: the outlet was not changed"));
        return;
    }
    if (outletId == d->settings.device.outletId)
        return;
    d->settings.device.outletId = outletId;
    if (d->sync)
        d->sync->setDeviceValues(outletId, d->settings.device.shiftId);
    emit deviceChanged();
}

void Engine::setShiftId(const QString &shiftId)
{
    const QString shift = shiftId.trimmed().isEmpty() ? QString() : shiftId;
    if (shift == d->settings.device.shiftId)
        return;
    d->settings.device.shiftId = shift;
    if (d->sync)
        d->sync->setDeviceValues(d->settings.device.outletId, shift);
    emit deviceChanged();
}

void Engine::pauseAll()
{
    if (d->sync)
        d->sync->hostPauseAll();
}

void Engine::resumeAll()
{
    if (d->sync)
        d->sync->resumeAll();
}

void Engine::syncNow()
{
    if (d->sync)
        d->sync->syncNow();
}

void Engine::setCredentials(const Credentials &credentials)
{
    if (d->sync && !credentials.isEmpty())
        d->hand(credentials);
}

} // namespace posdatasync
