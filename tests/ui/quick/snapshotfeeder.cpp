// SPDX-License-Identifier: MIT
#include "snapshotfeeder.h"

#include "ui/managedatacontroller.h"
#include "ui/translations.h"
#include "ui/unsavedview.h"

#include "config/syncconfig.h"
#include "sync/devicestorage.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlEngine>

using namespace posdata;

namespace {
const QDateTime kNow(QDate(2026, 3, 12), QTime(10, 0), Qt::UTC);

SyncStatus statusFromWords(const QString &words)
{
    for (auto s : {SyncStatus::Syncing, SyncStatus::Paused, SyncStatus::FullySynced, SyncStatus::SubsetSynced,
                   SyncStatus::Incomplete}) {
        if (statusWords(s) == words)
            return s;
    }
    return SyncStatus::Incomplete;
}
} // namespace

QString SnapshotFeeder::screenshotDir() const
{
    const QString dir = QStringLiteral(UI_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return dir;
}

void SnapshotFeeder::pinClock(ManageDataController *controller)
{
    controller->setClock([] { return kNow; });
    controller->setLocale(QLocale());
    if (const auto config = loadBundledSyncConfig())
        controller->setConfig(*config); // titles of unsaved records by their display fields
}

bool SnapshotFeeder::useLanguage(const QString &language)
{
    if (!posdata::installTranslations(*QCoreApplication::instance(), posdata::uiLocale(language)))
        return false;
    if (QQmlEngine *engine = qmlEngine(this))
        engine->retranslate();
    return true;
}

void SnapshotFeeder::apply(ManageDataController *controller, const QVariantList &objects, const QVariantMap &engine)
{
    EngineSnapshot snapshot;
    for (const auto &v : objects) {
        const QVariantMap m = v.toMap();
        SyncObjectSnapshot o;
        o.name = m.value("name").toString();
        o.status = statusFromWords(m.value("status").toString());
        o.syncing = m.value("syncing", o.status == SyncStatus::Syncing).toBool();
        o.paused = m.value("paused", o.status == SyncStatus::Paused).toBool();
        o.scoped = m.value("scoped").toBool();
        o.scopeBy = m.value("scopeBy").toString();
        o.scopeRecord = m.value("scopeRecord").toString();
        o.bytes = m.value("bytes", -1).toLongLong();
        if (const QVariantMap c = m.value("check").toMap(); !c.isEmpty()) {
            static const QHash<QString, ObjectCheck::Phase> phases{
                {"checking", ObjectCheck::Phase::Checking}, {"repairing", ObjectCheck::Phase::Repairing},
                {"done", ObjectCheck::Phase::Done}, {"repaired", ObjectCheck::Phase::Repaired},
                {"refused", ObjectCheck::Phase::Refused}, {"failed", ObjectCheck::Phase::Failed}};
            o.check.phase = phases.value(c.value("phase").toString(), ObjectCheck::Phase::Done);
            o.check.missing = c.value("missing", 0).toLongLong();
            o.check.extra = c.value("extra", 0).toLongLong();
            o.check.outsideScope = c.value("outsideScope", 0).toLongLong();
            o.check.unsaved = c.value("unsaved", 0).toLongLong();
            o.check.apiCalls = c.value("apiCalls", 0).toLongLong();
            o.check.downloaded = c.value("downloaded", 0).toLongLong();
            o.check.removed = c.value("removed", 0).toLongLong();
            o.check.errorCode = c.value("errorCode").toString();
        }
        o.local = m.value("local", 0).toLongLong();
        o.stored = m.value("stored", o.local + m.value("unsaved", 0).toLongLong()).toLongLong();
        o.server = m.value("server", -1).toLongLong();
        o.serverAll = m.value("serverAll", o.server).toLongLong();
        o.unsaved = m.value("unsaved", 0).toLongLong();
        o.uploadFailed = m.value("uploadFailed", 0).toLongLong();
        o.uploading = m.value("uploading").toBool();
        o.uploadPasses = m.value("uploadPasses", 0).toULongLong();
        o.inUse = m.value("inUse", 0).toLongLong();
        o.progressDone = m.value("progressDone", 0).toLongLong();
        o.progressTotal = m.value("progressTotal", 0).toLongLong();
        o.recordsPerSecond = m.value("rate", 0.0).toDouble();
        o.secondsLeft = m.value("secondsLeft", -1).toLongLong();
        static const QHash<QString, SyncActivity> activities{
            {"idle", SyncActivity::Idle}, {"waiting", SyncActivity::Waiting}, {"counting", SyncActivity::Counting},
            {"downloading", SyncActivity::Downloading}, {"resyncing", SyncActivity::Resyncing},
            {"updatingFields", SyncActivity::UpdatingFields}, {"recounting", SyncActivity::Recounting},
            {"retrying", SyncActivity::Retrying}, {"waitingForSignIn", SyncActivity::WaitingForSignIn},
            {"stopped", SyncActivity::Stopped}};
        o.activity = activities.value(m.value("activity").toString(),
                                      o.syncing ? SyncActivity::Downloading : SyncActivity::Idle);
        if (m.contains("retryInSecs"))
            o.retryAt = kNow.addSecs(m.value("retryInSecs").toLongLong());
        if (m.contains("countsSecsAgo"))
            o.countsReadAt = kNow.addSecs(-m.value("countsSecsAgo").toLongLong());
        if (m.contains("lastSyncedSecsAgo"))
            o.lastSynced = kNow.addSecs(-m.value("lastSyncedSecsAgo").toLongLong());
        for (const auto &e : m.value("errors").toList()) {
            const QVariantMap em = e.toMap();
            o.errors.append({em.value("code").toString(), em.value("message").toString(),
                             kNow.addSecs(-em.value("secsAgo", 0).toLongLong()), em.value("detail").toString()});
        }
        o.lastAttemptFailed = !o.errors.isEmpty();
        o.requiredForSale = m.value("requiredForSale").toBool();
        o.readyForSale = m.value("readyForSale").toBool();
        snapshot.objects.append(o);
    }
    snapshot.readyToSell = std::all_of(snapshot.objects.cbegin(), snapshot.objects.cend(),
                                       [](const SyncObjectSnapshot &o) { return !o.requiredForSale || o.readyForSale; });
    snapshot.signInRequired = engine.value("signInRequired").toBool();
    if (engine.contains("signInRetryInSecs"))
        snapshot.signInRetryAt = kNow.addSecs(engine.value("signInRetryInSecs").toLongLong());
    // The engine's own rule says what the next download needs.
    devicestorage::apply(snapshot, {engine.value("databaseBytes", -1).toLongLong(), engine.value("freeBytes", -1).toLongLong()});
    controller->applySnapshot(snapshot);
}

void SnapshotFeeder::applyUnsaved(ManageDataController *controller, const QString &object, const QVariantList &records)
{
    QList<UnsavedRecord> list;
    for (const auto &v : records) {
        const QVariantMap m = v.toMap();
        UnsavedRecord r;
        r.object = object;
        r.id = m.value("id").toString();
        r.name = m.value("name").toString();
        const QString state = m.value("state", "created").toString();
        r.state = state == u"deleted" ? RecordState::LocallyDeleted
            : state == u"updated"     ? RecordState::LocallyUpdated
                                      : RecordState::LocallyCreated;
        r.changedAt = kNow.addSecs(-m.value("changedSecsAgo", 0).toLongLong());
        r.errorCode = m.value("errorCode").toString();
        r.errorMessage = m.value("errorMessage").toString();
        if (!r.errorCode.isEmpty()) {
            r.errorAt = kNow;
            r.attempts = m.value("attempts", 1).toInt();
        }
        if (m.contains("payload"))
            r.payload = QJsonDocument(QJsonObject::fromVariantMap(m.value("payload").toMap())).toJson(QJsonDocument::Compact);
        list.append(r);
    }
    // Described here, as the controller's pool thread would (the engine rig goes that way).
    controller->applyUnsavedViews(object, describeUnsaved(list, controller->look(object), controller->locale()));
}

void SnapshotFeeder::applyPlan(ManageDataController *controller, const QVariantList &plans)
{
    QList<ClearPlan> list;
    for (const auto &v : plans) {
        const QVariantMap m = v.toMap();
        list.append({m.value("object").toString(), m.value("willDelete").toLongLong(),
                     m.value("keepUnsaved").toLongLong(), m.value("keepInUse").toLongLong(),
                     m.value("willDownload", -1).toLongLong()});
    }
    controller->applyClearPlan(list);
}
