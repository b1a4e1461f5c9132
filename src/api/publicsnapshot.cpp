// SPDX-License-Identifier: MIT
// posdata::EngineSnapshot -> posdatasync::Snapshot.
#include "publicsnapshot.h"

#include "sync/syncstatus.h"

namespace posdatasync {

Status publicStatus(posdata::SyncStatus status)
{
    switch (status) {
    case posdata::SyncStatus::Syncing:
        return Status::Syncing;
    case posdata::SyncStatus::Paused:
        return Status::Paused;
    case posdata::SyncStatus::FullySynced:
        return Status::FullySynced;
    case posdata::SyncStatus::SubsetSynced:
        return Status::SubsetSynced;
    case posdata::SyncStatus::Incomplete:
        break;
    }
    return Status::Incomplete;
}

Error publicError(const posdata::SyncError &error, const QString &object)
{
    return Error{object, error.code, error.message, error.time};
}

Snapshot publicSnapshot(const posdata::EngineSnapshot &snapshot)
{
    Snapshot s;
    s.running = snapshot.running;
    s.readyToSell = snapshot.readyToSell;
    s.signInRequired = snapshot.signInRequired;
    s.signInRetryAt = snapshot.signInRetryAt;
    if (snapshot.engineError)
        s.engineError = publicError(*snapshot.engineError, QString());
    s.objects.reserve(snapshot.objects.size());
    for (const posdata::SyncObjectSnapshot &o : snapshot.objects) {
        ObjectState p;
        p.name = o.name;
        p.status = publicStatus(o.status);
        p.statusText = posdata::statusWords(o.status);
        p.note = o.note;
        p.scoped = o.scoped;
        p.local = o.local;
        p.stored = o.stored;
        p.server = o.server;
        p.unsaved = o.unsaved;
        p.uploadFailed = o.uploadFailed;
        p.uploading = o.uploading;
        p.inUse = o.inUse;
        p.paused = o.paused;
        p.requiredForSale = o.requiredForSale;
        p.readyForSale = o.readyForSale;
        p.lastSynced = o.lastSynced;
        for (const posdata::SyncError &e : o.errors)
            p.errors.append(publicError(e, o.name));
        s.objects.append(p);
    }
    return s;
}

} // namespace posdatasync
