// SPDX-License-Identifier: MIT
// posdatasync::Engine: the one entry point of a host POS app into POS Data Sync.
#pragma once

#include <posdatasync/posdatasynccore_export.h>
#include <posdatasync/types.h>

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace posdatasync {

class EnginePrivate;

/// Keeps the till's Salesforce data on the device and in sync, and uploads what the till writes.
///
/// Lives on the host's GUI thread and never blocks it: the store, the network and JSON parsing run
/// on a worker thread of its own; everything here returns at once and answers with signals.
///
/// \code
/// posdatasync::EngineSettings settings;
/// settings.device = {QUrl("https://acme.my.salesforce.com"), "pos-client", outletId, shiftId};
/// posdatasync::Engine engine(settings, [&](posdatasync::CredentialsReason) {
///     return std::optional(posdatasync::Credentials{vault.refreshToken(), {}});
/// });
/// if (!engine.start())
///     qFatal("%s", qPrintable(engine.errorString()));
/// \endcode
///
/// A host shows the Manage data screen with the QML module PosData (PosDataSync::Quick): a
/// ManageDataController whose `engine` is this object, and a ManageDataPage on the host's StackView.
class POSDATASYNCCORE_EXPORT Engine : public QObject
{
    Q_OBJECT
    /// The engine has opened its store and works (from the first snapshot after start()).
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    /// Every object the till needs to sell is on the device: the till may open while the rest syncs.
    Q_PROPERTY(bool readyToSell READ readyToSell NOTIFY readyToSellChanged)
    /// Salesforce refused the credentials; the CredentialsProvider was asked for new ones.
    Q_PROPERTY(bool signInRequired READ signInRequired NOTIFY signInRequiredChanged)
    /// Every object is paused (pauseAll()).
    Q_PROPERTY(bool paused READ isPaused NOTIFY pausedChanged)
    Q_PROPERTY(QString outletId READ outletId WRITE setOutletId NOTIFY deviceChanged)
    /// Empty between shifts.
    Q_PROPERTY(QString shiftId READ shiftId WRITE setShiftId NOTIFY deviceChanged)

public:
    /// Checks `settings` and reads the sync configuration; nothing runs before start(). Bad
    /// settings are not thrown: start() refuses them with errorString().
    Engine(EngineSettings settings, CredentialsProvider credentials, QObject *parent = nullptr);
    /// Stops the worker thread (waiting for the write in flight; the store stays consistent).
    ~Engine() override;

    /// Asks the CredentialsProvider for credentials (CredentialsReason::Start), then starts the
    /// worker thread: it opens the store and begins to sync. False, with errorString(), when the
    /// settings or the sync configuration are wrong (nothing started then). A second call does
    /// nothing and returns whether the first one started.
    bool start();
    /// Why start() refused, in words; empty when it did not.
    QString errorString() const;

    /// The last snapshot. Before start() it lists the configured objects, nothing known yet.
    Snapshot snapshot() const;
    bool isRunning() const;
    bool readyToSell() const;
    bool signInRequired() const;
    bool isPaused() const;
    QString outletId() const;
    QString shiftId() const;

    /// Writes a new record of `object` on the device (`fields`: the record's fields, without Id).
    /// Only objects with an `externalId` in the sync configuration can be created: the engine
    /// fills it in, so an interrupted upload is retried without a duplicate. Returns a ticket;
    /// the outcome comes as recordOutcome(): Stored (with the local Id) or Failed, later Uploaded
    /// or Refused.
    Q_INVOKABLE quint64 createRecord(const QString &object, const QJsonObject &fields);
    /// Changes fields of a record on the device (a synced one, or one written here); as createRecord().
    Q_INVOKABLE quint64 updateRecord(const QString &object, const QString &id, const QJsonObject &fields);
    /// Deletes a record on the device and then in Salesforce; as createRecord().
    Q_INVOKABLE quint64 deleteRecord(const QString &object, const QString &id);

public Q_SLOTS:
    /// The till moved to another outlet: scoped objects download the new outlet's records, the
    /// records kept in use follow. An empty id is refused (errorOccurred, code INVALID_SETTINGS).
    void setOutletId(const QString &outletId);
    /// A shift opened (its Id) or closed (empty): the records in use follow at once.
    void setShiftId(const QString &shiftId);
    /// Shorthands for setShiftId().
    void openShift(const QString &shiftId) { setShiftId(shiftId); }
    void closeShift() { setShiftId(QString()); }

    /// Pauses every object (downloads stop at a safe point, uploads wait): for the host's own bulk
    /// work on the device. resumeAll() goes on where it stopped.
    void pauseAll();
    void resumeAll();
    /// Syncs now instead of at the next cycle.
    void syncNow();
    /// Credentials the host obtained after it was asked (the provider returned std::nullopt) or
    /// on its own (a person signed in again): the engine signs in with them at once.
    void setCredentials(const posdatasync::Credentials &credentials);

Q_SIGNALS:
    /// At most about ten a second, and only when something changed.
    void snapshotChanged(const posdatasync::Snapshot &snapshot);
    void runningChanged(bool running);
    void readyToSellChanged(bool ready);
    void signInRequiredChanged(bool required);
    void pausedChanged(bool paused);
    void deviceChanged();
    /// Each new problem once: an object's failed download or upload, a refused sign-in, a store
    /// that cannot open, a refused setting.
    void errorOccurred(const posdatasync::Error &error);
    /// A local write's outcome (see RecordOutcome).
    void recordOutcome(const posdatasync::RecordOutcome &outcome);

private:
    friend class EnginePrivate;
    std::unique_ptr<EnginePrivate> d;
};

} // namespace posdatasync
