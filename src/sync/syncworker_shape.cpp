// SPDX-License-Identifier: MIT
// SyncWorker (see syncworker.h): what each object's records are downloaded with (its fields and its
// bound scope) and what a change of either does: at start (the configuration changed since the last
// run) and while running (the till's outlet or shift changed).
#include "sync/syncworker_p.h"

#include "store/localstore.h"

using namespace posdata::workerdetail;

namespace posdata {

namespace {

// The signatures are kept readable (the lowercased field names, the bound WHERE clause) rather than
// hashed: the next start must tell a field added (download again) from a field removed (nothing to
// download), and support can read them in the file.
QStringList fieldSet(const QString &signature)
{
    return signature.isEmpty() ? QStringList() : signature.split(u',');
}

} // namespace

QString SyncWorker::fieldsSignature(const Run *run)
{
    QStringList fields;
    for (const QString &f : run->config.fields)
        fields << f.toLower();
    fields.sort();
    fields.removeDuplicates();
    return fields.join(u',');
}

QString SyncWorker::scopeSignature(const Run *run)
{
    // Nothing in scope (no shift open) is a scope of its own: the records of the last shift go.
    if (!run->noScopeNote.isEmpty())
        return QStringLiteral("<nothing>");
    if (!run->config.scoped())
        return QStringLiteral("<all>");
    return run->soql ? run->soql->boundScope() : QString();
}

void SyncWorker::bindScope(Run *run)
{
    run->noScopeNote.clear();
    run->scopeProblem.clear();
    for (const QString &variable : run->config.bindVariables()) {
        const auto value = m_options.device.variable(variable);
        if (value && value->isEmpty() && run->noScopeNote.isEmpty())
            run->noScopeNote = noScopeWords(variable);
    }
    if (run->noScopeNote.isEmpty()) {
        run->soql = SoqlBuilder::create(run->config, m_options.device, &run->scopeProblem);
    } else {
        SyncObjectConfig unscoped = run->config;
        unscoped.scope.clear();
        run->soql = SoqlBuilder::create(unscoped, m_options.device, &run->scopeProblem);
    }
}

bool SyncWorker::markInUse()
{
    QList<QPair<QString, QString>> inUse;
    for (const auto &run : m_runs) {
        if (run->config.inUse.isEmpty())
            continue;
        const auto id = m_options.device.variable(run->config.inUse);
        if (id && !id->isEmpty())
            inUse.append({run->config.name, *id});
    }
    StoreError error;
    if (!m_store->setInUse(inUse, &error)) {
        engineStoreError(QStringLiteral("Cannot mark the records in use (outlet, shift)"), error);
        return false;
    }
    return true;
}

void SyncWorker::checkShape(Run *run, bool atStart)
{
    if (!run->soql)
        return; // the scope cannot be bound: the object says why and downloads nothing
    const ObjectState st = m_store->objectState(run->config.name);
    const QString fields = fieldsSignature(run);
    const QString scope = scopeSignature(run);
    StoreError error;
    if (st.fieldsSig.isEmpty() && st.scopeSig.isEmpty()) {
        // Never recorded: a new object (its first download records it), or a store from before the
        // shape was kept, whose records were downloaded with what it was then: taken as it is now.
        if (st.localCount > 0 && !m_store->setDownloadShape(run->config.name, fields, scope, &error))
            failStore(run, error);
        return;
    }
    if (fields == st.fieldsSig && scope == st.scopeSig)
        return;

    const QStringList had = fieldSet(st.fieldsSig);
    bool added = false;
    for (const QString &f : fieldSet(fields))
        added = added || !had.contains(f);
    const bool scopeChanged = scope != st.scopeSig;
    if (!added && !scopeChanged) {
        // Fields removed only: the stored payloads still carry them, harmless, and each record loses
        // them the next time it is written. Nothing to download.
        if (!m_store->setDownloadShape(run->config.name, fields, scope, &error))
            failStore(run, error);
        return;
    }
    qCInfo(lcSync) << run->config.name << (added ? "has new fields" : "has a new scope") << "- downloading it again";
    if (!run->noScopeNote.isEmpty()) {
        // Nothing is in scope any more: what was synced for the last scope goes (unsaved records and
        // records in use stay), and there is nothing to download.
        stopQuietly(run);
        if (!m_store->removeSynced(run->config.name, &error)
            || !m_store->setDownloadShape(run->config.name, fields, scope, &error))
            failStore(run, error);
        run->settled = false;
        return;
    }
    // A full download in the background: records stay usable while it runs, and its end sweeps
    // those outside the new scope (unsaved and in use kept). The shape is recorded when it ends.
    run->updatingFields = added;
    if (st.pending != PendingOp::None) {
        // A resync is already pending (an earlier run stopped during it): it goes on, with the
        // fields and the scope of now.
    } else if (atStart) {
        // Marked only: the first cycle downloads what is pending, as part of it (a download started
        // here would make a cycle of its own and end it before the others began).
        const qint64 generation = m_store->beginFullResync(run->config.name, &error);
        if (generation < 0) {
            failStore(run, error);
            return;
        }
        run->knownGeneration = generation;
        run->knownPending = m_store->objectState(run->config.name).pending;
    } else {
        beginPending({run}, false, false);
    }
}

void SyncWorker::shapeDownloaded(Run *run)
{
    StoreError error;
    if (!m_store->setDownloadShape(run->config.name, fieldsSignature(run), scopeSignature(run), &error))
        failStore(run, error);
}

void SyncWorker::retireRemovedObjects()
{
    // Objects the store holds that the configuration no longer has: their synced records go (they
    // are no longer kept up to date, so they would only go stale); their unsaved records stay and
    // are still uploaded, and records in use stay.
    m_retired.clear();
    for (const ObjectState &st : m_store->allObjectStates()) {
        if (m_options.config.find(st.object))
            continue;
        if (st.localCount > 0) {
            StoreError error;
            if (!m_store->removeSynced(st.object, &error))
                engineStoreError(QStringLiteral("Cannot remove the records of %1, no longer synced").arg(st.object), error);
            else
                qCInfo(lcSync) << st.object << "is no longer in the configuration: its synced records were removed";
        }
        if (st.unsavedCount > 0) {
            SyncObjectConfig retired;
            retired.name = st.object;
            m_retired.append(retired);
        }
    }
}

void SyncWorker::setDeviceValues(const QString &outletId, const QString &shiftId)
{
    if (!m_store)
        return;
    if (outletId.isEmpty()) {
        qCWarning(lcSync) << "An outlet is required: the change was ignored";
        return;
    }
    if (m_options.device.outletId == outletId && m_options.device.shiftId == shiftId)
        return;
    m_options.device.outletId = outletId;
    m_options.device.shiftId = shiftId;
    markInUse();
    for (auto &r : m_runs) {
        Run *run = r.get();
        const QString before = scopeSignature(run);
        bindScope(run);
        if (scopeSignature(run) != before)
            checkShape(run, false);
    }
    startCycle();
    markDirty();
}

} // namespace posdata
