// SPDX-License-Identifier: MIT
// SyncEngine: the worker thread's owner and the queued calls into it.
#include "syncengine.h"

#include "sync/allocator.h"
#include "sync/syncworker.h"

#include <QThread>

#include <utility>

namespace posdata {

SyncEngine::SyncEngine(SyncEngineOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    qRegisterMetaType<posdata::EngineSnapshot>();
    qRegisterMetaType<posdata::SyncAction>();
    qRegisterMetaType<posdata::ClearPlan>();
    qRegisterMetaType<QList<posdata::ClearPlan>>();
    qRegisterMetaType<posdata::UnsavedRecord>();
    qRegisterMetaType<QList<posdata::UnsavedRecord>>();
    // Until the worker speaks: the configured objects, nothing known yet.
    for (const SyncObjectConfig &object : m_options.config.objects) {
        SyncObjectSnapshot s;
        s.name = object.name;
        s.scoped = object.scoped();
        s.requiredForSale = object.requiredForSale;
        m_snapshot.objects.append(s);
    }
    m_snapshot.readyToSell = SnapshotPublisher::readyToSell(m_snapshot.objects);
}

SyncEngine::~SyncEngine()
{
    if (!m_thread)
        return;
    // The worker closes its store and client in its own thread, then the thread ends.
    QMetaObject::invokeMethod(m_worker, &SyncWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void SyncEngine::start()
{
    if (m_thread)
        return;
    if (m_options.tuneAllocator)
        allocator::keepFreedMemory();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("posdata-sync"));
    m_worker = new SyncWorker(m_options);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_thread, &QThread::started, m_worker, &SyncWorker::start);
    connect(m_worker, &SyncWorker::snapshotReady, this, [this](const EngineSnapshot &s) {
        const bool wasReady = m_snapshot.readyToSell;
        m_snapshot = s;
        emit snapshotChanged(m_snapshot);
        if (m_snapshot.readyToSell != wasReady)
            emit readyToSellChanged(m_snapshot.readyToSell);
    });
    connect(m_worker, &SyncWorker::clearPlanReady, this, &SyncEngine::clearPlanReady);
    connect(m_worker, &SyncWorker::unsavedReady, this, &SyncEngine::unsavedReady);
    connect(m_worker, &SyncWorker::reportWritten, this, &SyncEngine::reportWritten);
    connect(m_worker, &SyncWorker::unsavedDiscarded, this, &SyncEngine::unsavedDiscarded);
    connect(m_worker, &SyncWorker::localWriteStored, this, &SyncEngine::localWriteStored);
    connect(m_worker, &SyncWorker::localWriteFailed, this, &SyncEngine::localWriteFailed);
    connect(m_worker, &SyncWorker::recordUploaded, this, &SyncEngine::recordUploaded);
    connect(m_worker, &SyncWorker::recordRefused, this, &SyncEngine::recordRefused);
    connect(m_worker, &SyncWorker::credentialsNeeded, this, &SyncEngine::credentialsNeeded);
    connect(m_worker, &SyncWorker::started, this, &SyncEngine::started);
    connect(m_worker, &SyncWorker::fatalError, this, &SyncEngine::fatalError);
    connect(m_worker, &SyncWorker::idle, this, &SyncEngine::idle);
    m_thread->start();
    // Handed before start(): the worker takes it after its own start (queued behind it).
    if (!m_pendingAccessToken.isEmpty())
        setAccessToken(std::exchange(m_pendingAccessToken, QByteArray()));
}

quint64 SyncEngine::refuseWrite(quint64 ticket, const QString &object)
{
    QMetaObject::invokeMethod(this, [this, ticket, object] {
        emit localWriteFailed(ticket, object, QStringLiteral("the sync engine is not started"));
    }, Qt::QueuedConnection);
    return ticket;
}

void SyncEngine::setAccessToken(const QByteArray &token)
{
    if (!m_worker) {
        m_pendingAccessToken = token;
        return;
    }
    toWorker([w = m_worker, token] { w->setAccessToken(token); });
}

template<typename F>
void SyncEngine::toWorker(F &&f)
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
}

void SyncEngine::perform(const SyncAction &action)
{
    toWorker([w = m_worker, action] { w->perform(action); });
}

void SyncEngine::setRefreshToken(const QString &token)
{
    if (!m_worker) {
        m_options.device.refreshToken = token; // the worker starts with it
        return;
    }
    toWorker([w = m_worker, token] { w->setRefreshToken(token); });
}

void SyncEngine::setDeviceValues(const QString &outletId, const QString &shiftId)
{
    if (!m_worker) {
        // Before start(): the worker starts with them (an empty outlet is refused as it would be there).
        if (outletId.isEmpty())
            return;
        m_options.device.outletId = outletId;
        m_options.device.shiftId = shiftId;
        return;
    }
    toWorker([w = m_worker, outletId, shiftId] { w->setDeviceValues(outletId, shiftId); });
}

void SyncEngine::requestClearPlan(const QStringList &objects)
{
    toWorker([w = m_worker, objects] { w->requestClearPlan(objects); });
}

void SyncEngine::writeReport(const QString &folder)
{
    if (!m_worker) {
        emit reportWritten({}, QStringLiteral("the engine has not started"));
        return;
    }
    toWorker([w = m_worker, folder] { w->writeReport(folder); });
}

void SyncEngine::requestUnsaved(const QString &object)
{
    toWorker([w = m_worker, object] { w->requestUnsaved(object); });
}

void SyncEngine::discardUnsaved(const QString &object, const QString &id)
{
    if (!m_worker) {
        // Not started: say so like the worker would, never silently.
        QMetaObject::invokeMethod(this, [this, object, id] {
            emit unsavedDiscarded(object, id, QStringLiteral("the sync engine is not running"));
        }, Qt::QueuedConnection);
        return;
    }
    toWorker([w = m_worker, object, id] { w->discardUnsaved(object, id); });
}

template<typename F>
quint64 SyncEngine::localWrite(const QString &object, F &&write)
{
    const quint64 ticket = m_nextTicket++;
    if (!m_worker)
        return refuseWrite(ticket, object);
    toWorker([w = m_worker, ticket, write = std::forward<F>(write)] { write(w, ticket); });
    return ticket;
}

quint64 SyncEngine::createLocal(const QString &object, const QJsonObject &fields)
{
    return localWrite(object, [object, fields](SyncWorker *w, quint64 t) { w->createLocal(t, object, fields); });
}

quint64 SyncEngine::updateLocal(const QString &object, const QString &id, const QJsonObject &fields)
{
    return localWrite(object,
                      [object, id, fields](SyncWorker *w, quint64 t) { w->updateLocal(t, object, id, fields); });
}

quint64 SyncEngine::deleteLocal(const QString &object, const QString &id)
{
    return localWrite(object, [object, id](SyncWorker *w, quint64 t) { w->deleteLocal(t, object, id); });
}

} // namespace posdata
