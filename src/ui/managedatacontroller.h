// SPDX-License-Identifier: MIT
#pragma once

#include "config/syncconfig.h"
#include "store/storetypes.h"
#include "sync/syncaction.h"
#include "sync/syncsnapshot.h"
#include "syncobjectlistmodel.h"
#include "unsavedview.h"

#include <posdatasync/engine.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace posdata {

/// The Manage data page's facade: what the page shows and which actions it offers, decided from
/// engine snapshots; the page's intents leave as one actionRequested(SyncAction) that the app wires
/// to SyncEngine::perform (questions - a clear plan, unsaved records - have signals of their own).
/// A host app sets `engine` and the wiring is done (enginebinding.cpp).
class ManageDataController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// The host's engine: the page shows its state and its actions go to it. Null: nothing bound
    /// (tests feed snapshots through applySnapshot()).
    Q_PROPERTY(posdatasync::Engine *engine READ engine WRITE setEngine NOTIFY engineChanged)
    Q_PROPERTY(posdata::SyncObjectListModel *objects READ objects CONSTANT)
    Q_PROPERTY(bool ready READ ready NOTIFY stateChanged) ///< a first snapshot has arrived
    Q_PROPERTY(bool anythingSyncing READ anythingSyncing NOTIFY stateChanged)
    Q_PROPERTY(bool anythingPaused READ anythingPaused NOTIFY stateChanged)
    Q_PROPERTY(bool allPaused READ allPaused NOTIFY stateChanged)
    Q_PROPERTY(bool canPauseAll READ canPauseAll NOTIFY stateChanged) ///< only while a sync runs
    Q_PROPERTY(bool canResumeAll READ canResumeAll NOTIFY stateChanged)
    Q_PROPERTY(bool signInRequired READ signInRequired NOTIFY stateChanged)
    /// Every object is Fully synced or Subset synced (and there is at least one).
    Q_PROPERTY(bool allSynced READ allSynced NOTIFY stateChanged)
    /// "Pause all syncing" while something syncs, else "Resume all syncing" while something is
    /// paused, else empty (no primary action).
    Q_PROPERTY(QString primaryActionText READ primaryActionText NOTIFY stateChanged)
    Q_PROPERTY(bool pausedBannerVisible READ anythingPaused NOTIFY stateChanged)
    /// The banner's own "Resume all syncing": only while the toolbar offers "Pause all syncing".
    Q_PROPERTY(bool pausedBannerActionVisible READ pausedBannerActionVisible NOTIFY stateChanged)
    Q_PROPERTY(QString pausedBannerText READ pausedBannerText NOTIFY stateChanged)
    /// An engine-wide problem in words (a fatal error, a store that cannot open); empty when none.
    /// A refused sign-in has a banner of its own (signInText).
    Q_PROPERTY(QString engineErrorText READ engineErrorText NOTIFY stateChanged)
    /// "Salesforce refused this device's sign-in. ..." while it is refused; empty otherwise.
    Q_PROPERTY(QString signInText READ signInText NOTIFY stateChanged)
    /// "Not enough free space for the next download: about 120 MB needed, 80 MB free" while the
    /// engine's storage rule says so (devicestorage.h); empty otherwise.
    Q_PROPERTY(QString lowSpaceText READ lowSpaceText NOTIFY stateChanged)
    /// "240 MB, 12 GB free": the database and its volume's free space, as the engine measured them.
    Q_PROPERTY(QString databaseText READ databaseText NOTIFY stateChanged)
    /// Where "Share report" saves the support report: the host app's choice, by default the app's
    /// data folder (QStandardPaths::AppDataLocation).
    Q_PROPERTY(QString reportFolder READ reportFolder WRITE setReportFolder NOTIFY reportChanged)
    Q_PROPERTY(bool reportBusy READ reportBusy NOTIFY reportChanged) ///< the engine writes one now
    /// "Report saved: /path/posdata-report-....json" or "The report was not saved: why"; empty before.
    Q_PROPERTY(QString reportText READ reportText NOTIFY reportChanged)
    Q_PROPERTY(bool reportFailed READ reportFailed NOTIFY reportChanged)
    Q_PROPERTY(QString reportPath READ reportPath NOTIFY reportChanged) ///< the last saved report's JSON
    /// What happens next: "Retrying in 30 s", "Will try again at 7:55 PM".
    Q_PROPERTY(QString signInNextText READ signInNextText NOTIFY stateChanged)
    /// The module is embedded in a host app that can sign the device in again (it listens to
    /// signInRequested(), shows its own sign-in, then hands the engine new credentials with
    /// SyncEngine::setRefreshToken()): the sign-in banner offers "Sign in again" then.
    Q_PROPERTY(bool hostSignIn READ hostSignIn WRITE setHostSignIn NOTIFY stateChanged)
    /// "5 objects · 2 syncing · 1 incomplete" (by status, as the rows say it).
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY stateChanged)
    /// Some objects are required for selling (SyncObjectConfig::requiredForSale): the list says
    /// whether the till can sell yet. False when none is (then there is nothing to wait for).
    Q_PROPERTY(bool readyToSellShown READ readyToSellShown NOTIFY stateChanged)
    /// EngineSnapshot::readyToSell, the value of SyncEngine::readyToSell().
    Q_PROPERTY(bool readyToSell READ readyToSell NOTIFY stateChanged)
    /// "Ready to sell"; "Not ready: Shift 100 %, Product 40 %, about 20 s" while what is missing
    /// downloads (the share of each download in, the wait from the observed rates); "Not ready:
    /// Product paused" (or "not downloading": stopped, failed) when it does not.
    Q_PROPERTY(QString readyToSellText READ readyToSellText NOTIFY stateChanged)

    // The clear & resync confirmation: filled by applyClearPlan(), shown while clearPlanPending.
    Q_PROPERTY(bool clearPlanPending READ clearPlanPending NOTIFY clearPlanChanged)
    Q_PROPERTY(bool clearPlanAll READ clearPlanAll NOTIFY clearPlanChanged)
    Q_PROPERTY(QStringList clearPlanObjects READ clearPlanObjects NOTIFY clearPlanChanged)
    Q_PROPERTY(QString clearPlanTitle READ clearPlanTitle NOTIFY clearPlanChanged)
    Q_PROPERTY(QString clearPlanWarning READ clearPlanWarning NOTIFY clearPlanChanged) ///< the product page's words
    Q_PROPERTY(QString clearPlanDeleteText READ clearPlanDeleteText NOTIFY clearPlanChanged)
    Q_PROPERTY(QString clearPlanKeepUnsavedText READ clearPlanKeepUnsavedText NOTIFY clearPlanChanged)
    Q_PROPERTY(QString clearPlanKeepInUseText READ clearPlanKeepInUseText NOTIFY clearPlanChanged)
    Q_PROPERTY(QString clearPlanDownloadText READ clearPlanDownloadText NOTIFY clearPlanChanged)
    Q_PROPERTY(QString clearPlanConfirmText READ clearPlanConfirmText NOTIFY clearPlanChanged)

public:
    explicit ManageDataController(QObject *parent = nullptr);

    posdatasync::Engine *engine() const { return m_engine; }
    /// Unbinds the engine set before and binds this one (in enginebinding.cpp, with the binding).
    void setEngine(posdatasync::Engine *engine);

    SyncObjectListModel *objects();
    bool ready() const { return m_ready; }
    bool anythingSyncing() const;
    bool anythingPaused() const;
    bool allPaused() const;
    bool canPauseAll() const { return anythingSyncing(); }
    bool canResumeAll() const { return anythingPaused(); }
    bool signInRequired() const { return m_snapshot.signInRequired; }
    bool hostSignIn() const { return m_hostSignIn; }
    void setHostSignIn(bool on);
    bool allSynced() const;
    QString primaryActionText() const;
    QString pausedBannerText() const;
    bool pausedBannerActionVisible() const;
    QString engineErrorText() const;
    QString signInText() const;
    QString lowSpaceText() const;
    QString reportFolder() const { return m_reportFolder; }
    void setReportFolder(const QString &folder);
    bool reportBusy() const { return m_reportBusy; }
    QString reportText() const;
    bool reportFailed() const { return !m_reportError.isEmpty(); }
    QString reportPath() const { return m_reportPath; }
    /// The engine's answer to reportRequested().
    void applyReport(const QString &path, const QString &error);
    QString databaseText() const;
    QString signInNextText() const;
    QString summaryText() const;
    bool readyToSellShown() const;
    bool readyToSell() const { return m_snapshot.readyToSell; }
    QString readyToSellText() const;

    bool clearPlanPending() const { return m_clearPlanPending; }
    bool clearPlanAll() const { return m_clearPlanAll; }
    QStringList clearPlanObjects() const { return m_clearPlanObjects; }
    QString clearPlanTitle() const;
    QString clearPlanWarning() const;
    QString clearPlanDeleteText() const;
    QString clearPlanKeepUnsavedText() const;
    QString clearPlanKeepInUseText() const;
    QString clearPlanDownloadText() const;
    QString clearPlanConfirmText() const;
    QList<ClearPlan> clearPlans() const { return m_clearPlans; }

    const EngineSnapshot &snapshot() const { return m_snapshot; }
    /// The object's last snapshot, nullptr if the engine does not know it.
    const SyncObjectSnapshot *find(const QString &name) const;

    /// The sync objects the engine runs (SyncEngine::config()): how unsaved records are titled.
    void setConfig(const SyncConfig &config);
    /// How the object's unsaved records are titled and listed (from its name alone when unknown).
    UnsavedLook look(const QString &name) const;

    /// Pins the clock and locale for the model and the detail pages (tests).
    void setClock(SyncObjectListModel::Clock clock);
    QDateTime now() const { return m_clock(); }
    void setLocale(const QLocale &locale);
    QLocale locale() const { return m_locale; }

    // Intents from the page. Each checks that the action makes sense now, then asks the engine.
    Q_INVOKABLE void syncNow();
    /// Whatever primaryActionText says: pause all while syncing, else resume all while paused.
    Q_INVOKABLE void triggerPrimaryAction();
    Q_INVOKABLE void pauseAll();
    Q_INVOKABLE void resumeAll();
    Q_INVOKABLE void pause(const QString &name);
    Q_INVOKABLE void resume(const QString &name);
    Q_INVOKABLE void resync(const QString &name);
    /// "Check": the object's integrity check on the engine's worker (its result comes in the
    /// object's snapshot, SyncObjectDetail words it); "Repair" on a result that differs.
    Q_INVOKABLE void check(const QString &name);
    /// "Share report": the engine writes the support report into reportFolder (never on this thread).
    Q_INVOKABLE void shareReport();
    Q_INVOKABLE void repair(const QString &name);
    Q_INVOKABLE void resyncAll();
    Q_INVOKABLE void clearResync(const QString &name);
    Q_INVOKABLE void clearResyncAll();
    /// Asks the engine what a clear & resync of `names` would do (all objects when empty); the
    /// answer arrives through applyClearPlan() and opens the confirmation.
    Q_INVOKABLE void requestClearPlan(const QStringList &names = {});
    /// Runs the pending clear & resync (all objects or each named one) and closes the confirmation.
    Q_INVOKABLE void confirmClearPlan();
    Q_INVOKABLE void cancelClearPlan();
    /// Asks the engine for the object's unsaved records (read on its worker); the answer arrives
    /// through applyUnsaved() and leaves as unsavedArrived().
    Q_INVOKABLE void requestUnsaved(const QString &name);
    /// Uploads the object's unsaved records now, the ones Salesforce refused before included.
    Q_INVOKABLE void retryUpload(const QString &name);
    /// Sign-in refused: the engine tries the sign-in again now instead of at signInRetryAt.
    Q_INVOKABLE void tryAgain();
    /// Sign-in refused and a host can sign in (hostSignIn): asks it to, through signInRequested().
    Q_INVOKABLE void signIn();
    /// "Discard this change": the engine moves the record to its discarded log (kept
    /// tuning::kKeepDiscardedDays); the answer arrives through applyDiscarded().
    Q_INVOKABLE void discardUnsaved(const QString &name, const QString &id);
    /// What the page shows as a text table (object, status, counts, progress) in the page's
    /// locale: for a terminal, when nobody sees the window (pos-manage-data offscreen).
    Q_INVOKABLE QString statusTable() const;

public slots:
    void applySnapshot(const posdata::EngineSnapshot &snapshot);
    void applyClearPlan(const QList<posdata::ClearPlan> &plans);
    void setFatalError(const QString &message);
    /// The engine's answer to requestUnsaved(): the records are described (payloads read, titles
    /// made) on a pool thread, in the order they came, then leave as unsavedArrived().
    void applyUnsaved(const QString &object, const QList<posdata::UnsavedRecord> &records);
    /// Records already described: leave as unsavedArrived() at once.
    void applyUnsavedViews(const QString &object, const QList<posdata::UnsavedView> &views);
    /// The engine's answer to discardUnsaved(): `error` is empty when the record was discarded.
    void applyDiscarded(const QString &object, const QString &id, const QString &error);

signals:
    void engineChanged();
    void stateChanged();
    void clearPlanChanged();
    /// Every snapshot (and every minute, for "ago" texts): detail pages refresh on it.
    void refreshed();
    /// An answer to requestUnsaved() (value copies): unsaved record lists pick their object's.
    void unsavedArrived(const QString &object, const QList<posdata::UnsavedView> &records);
    /// An answer to discardUnsaved().
    void unsavedDiscarded(const QString &object, const QString &id, const QString &error);
    void reportChanged();

    // To the engine.
    /// "Share report": the app connects it to SyncEngine::writeReport.
    void reportRequested(const QString &folder);
    /// A person's action, checked against the last snapshot: the app connects it to SyncEngine::perform.
    void actionRequested(const posdata::SyncAction &action);
    void clearPlanRequested(const QStringList &names);
    void unsavedRequested(const QString &name);
    void discardRequested(const QString &name, const QString &id);
    /// To the host app (hostSignIn): a person asked to sign this device in again.
    void signInRequested();

private:
    bool knows(const QString &name) const { return find(name) != nullptr; }
    void request(SyncAction::Kind kind, const QString &name = {}) { emit actionRequested({kind, name}); }

    QPointer<posdatasync::Engine> m_engine;
    QString m_reportFolder;
    bool m_reportBusy = false;
    QString m_reportPath;
    QString m_reportError;
    SyncObjectListModel m_model;
    EngineSnapshot m_snapshot;
    bool m_ready = false;
    bool m_hostSignIn = false;
    QString m_fatalError;
    SyncObjectListModel::Clock m_clock;
    QLocale m_locale;
    QTimer m_minuteTimer;
    QHash<QString, UnsavedLook> m_looks; ///< by object name
    /// Describes unsaved records off the GUI thread; one thread, so answers keep their order.
    QThreadPool m_describer;

    bool m_clearPlanWaiting = false; ///< asked the engine, no answer yet
    bool m_clearPlanPending = false;
    bool m_clearPlanAll = false;
    QStringList m_clearPlanObjects;
    QList<ClearPlan> m_clearPlans;
};

} // namespace posdata
