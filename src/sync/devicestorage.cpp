// SPDX-License-Identifier: MIT
// devicestorage.h: the store's size, its volume's free space, the space rule.
#include "sync/devicestorage.h"

#include "sync/synctuning.h"

#include <QFileInfo>
#include <QStorageInfo>

#include <algorithm>

namespace posdata::devicestorage {

Volume measure(const QString &dbPath)
{
    Volume v;
    const QFileInfo db(dbPath);
    if (db.exists()) {
        const QFileInfo wal(dbPath + QStringLiteral("-wal"));
        v.databaseBytes = db.size() + (wal.exists() ? wal.size() : 0);
    }
    const QStorageInfo volume(db.absolutePath());
    if (volume.isValid() && volume.isReady())
        v.freeBytes = volume.bytesAvailable();
    return v;
}

qint64 neededBytes(const QList<SyncObjectSnapshot> &objects)
{
    qint64 records = 0;
    for (const SyncObjectSnapshot &o : objects) {
        if (o.server < 0 || o.paused)
            continue;
        const qint64 missing = std::max<qint64>(0, o.server - o.local);
        const qint64 average = o.bytes > 0 && o.stored > 0 ? o.bytes / o.stored : tuning::kAssumedRecordBytes;
        records += missing * average;
    }
    if (records == 0)
        return 0;
    return records * tuning::kSpaceOverheadPercent / 100 + tuning::kSpaceMarginBytes;
}

void apply(EngineSnapshot &snapshot, const Volume &volume)
{
    snapshot.databaseBytes = volume.databaseBytes;
    snapshot.freeBytes = volume.freeBytes;
    snapshot.neededBytes = neededBytes(snapshot.objects);
}

} // namespace posdata::devicestorage
