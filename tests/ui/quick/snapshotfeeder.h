// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QVariantList>

namespace posdata {
class ManageDataController;
}

/// Test helper for QML: builds EngineSnapshots and ClearPlans from JS objects and hands them to a
/// controller, so the pages can be driven through every state without an engine.
class SnapshotFeeder : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString screenshotDir READ screenshotDir CONSTANT) ///< where page screenshots go
public:
    using QObject::QObject;

    QString screenshotDir() const;

    /// objects: [{name, status: "Syncing"|..., local, server, serverAll, scoped, unsaved, uploadFailed,
    /// uploading, inUse,
    /// paused, syncing, progressDone, progressTotal, rate, secondsLeft, lastSyncedSecsAgo,
    /// errors: [{code, message, secsAgo}], requiredForSale, readyForSale, scopeBy, scopeRecord, bytes,
    /// check: {phase: "checking"|"repairing"|"done"|"repaired"|"refused"|"failed", missing, extra,
    /// outsideScope, unsaved, apiCalls, downloaded, removed, errorCode}}];
    /// engine: {signInRequired, signInRetryInSecs, databaseBytes, freeBytes} (neededBytes by the
    /// engine's rule, devicestorage.h).
    Q_INVOKABLE void apply(posdata::ManageDataController *controller, const QVariantList &objects,
                           const QVariantMap &engine = {});
    /// An answer to requestUnsaved(): records: [{id, name, state: "created"|"updated"|"deleted",
    /// changedSecsAgo, errorCode, errorMessage, attempts, payload: {field: value}}].
    Q_INVOKABLE void applyUnsaved(posdata::ManageDataController *controller, const QString &object,
                                  const QVariantList &records);
    /// plans: [{object, willDelete, keepUnsaved, keepInUse, willDownload}]
    Q_INVOKABLE void applyPlan(posdata::ManageDataController *controller, const QVariantList &plans);
    /// Pins the controller's clock to a fixed instant so "ago" texts are stable, and its locale to
    /// the default one (en_US unless useLanguage() chose another); gives it the bundled sync config.
    Q_INVOKABLE void pinClock(posdata::ManageDataController *controller);
    /// Switches the screen's language as the app's --lang does ("en", "de", "fr"): installs its
    /// translation, makes its locale the default and re-evaluates the QML texts. False if missing.
    Q_INVOKABLE bool useLanguage(const QString &language);
};
