// SPDX-License-Identifier: MIT
#include "managedatacontroller.h"

#include "errorgroups.h"
#include "syncformatter.h"

#include "sync/syncwords.h"

#include <QDir>
#include <QStandardPaths>
#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace posdata {

namespace {
template<typename Pred>
qint64 countIf(const QList<SyncObjectSnapshot> &objects, Pred pred)
{
    return std::count_if(objects.cbegin(), objects.cend(), pred);
}

// Texts that move with the clock alone ("5 min ago", "Retrying in 30 s"): 5 s keeps a countdown
// honest and costs one recompute of the rows' texts.
constexpr int kRelativeTimeRefreshMs = 5 * 1000;
} // namespace

ManageDataController::ManageDataController(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_locale(SyncFormatter::displayLocale())
{
    m_reportFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_minuteTimer.setInterval(kRelativeTimeRefreshMs);
    connect(&m_minuteTimer, &QTimer::timeout, this, [this] {
        m_model.refreshRelativeTimes();
        if (m_snapshot.signInRequired)
            emit stateChanged(); // "Retrying in 30 s" counts down
        emit refreshed();
    });
    m_minuteTimer.start();
    m_describer.setMaxThreadCount(1);
}

SyncObjectListModel *ManageDataController::objects()
{
    return &m_model;
}

bool ManageDataController::anythingSyncing() const
{
    return std::any_of(m_snapshot.objects.cbegin(), m_snapshot.objects.cend(),
                       [](const SyncObjectSnapshot &o) { return o.syncing; });
}

bool ManageDataController::anythingPaused() const
{
    return std::any_of(m_snapshot.objects.cbegin(), m_snapshot.objects.cend(),
                       [](const SyncObjectSnapshot &o) { return o.paused; });
}

bool ManageDataController::allPaused() const
{
    return !m_snapshot.objects.isEmpty()
        && std::all_of(m_snapshot.objects.cbegin(), m_snapshot.objects.cend(),
                       [](const SyncObjectSnapshot &o) { return o.paused; });
}

bool ManageDataController::allSynced() const
{
    return !m_snapshot.objects.isEmpty()
        && std::all_of(m_snapshot.objects.cbegin(), m_snapshot.objects.cend(), [](const SyncObjectSnapshot &o) {
               return o.status == SyncStatus::FullySynced || o.status == SyncStatus::SubsetSynced;
           });
}

QString ManageDataController::primaryActionText() const
{
    if (canPauseAll())
        return tr("Pause all syncing");
    if (canResumeAll())
        return tr("Resume all syncing");
    return {};
}

bool ManageDataController::pausedBannerActionVisible() const
{
    // One "Resume all syncing" on the screen: the banner offers it only while the toolbar's primary
    // action is "Pause all syncing".
    return anythingPaused() && canPauseAll();
}

QString ManageDataController::pausedBannerText() const
{
    if (!anythingPaused())
        return {};
    if (allPaused())
        return tr("Syncing is paused");
    const qint64 paused = countIf(m_snapshot.objects, [](const SyncObjectSnapshot &o) { return o.paused; });
    return tr("Syncing is paused for %Ln object(s)", nullptr, int(paused));
}

QString ManageDataController::engineErrorText() const
{
    if (!m_fatalError.isEmpty())
        return tr("Syncing stopped: %1").arg(m_fatalError);
    if (m_snapshot.signInRequired)
        return {}; // the sign-in banner says it, with its own action
    if (m_snapshot.engineError)
        return errorKindSentence(m_snapshot.engineError->code);
    return {};
}

QString ManageDataController::signInText() const
{
    if (!m_snapshot.signInRequired)
        return {};
    return tr("Salesforce refused this device's sign-in. Nothing syncs until it is accepted.");
}

void ManageDataController::setReportFolder(const QString &folder)
{
    if (folder == m_reportFolder)
        return;
    m_reportFolder = folder;
    emit reportChanged();
}

void ManageDataController::shareReport()
{
    if (m_reportBusy)
        return;
    m_reportBusy = true;
    m_reportPath.clear();
    m_reportError.clear();
    emit reportChanged();
    emit reportRequested(m_reportFolder);
}

void ManageDataController::applyReport(const QString &path, const QString &error)
{
    m_reportBusy = false;
    m_reportPath = path;
    m_reportError = path.isEmpty() && error.isEmpty() ? tr("no answer") : error;
    emit reportChanged();
}

QString ManageDataController::reportText() const
{
    if (m_reportBusy)
        return tr("Saving the support report...");
    if (!m_reportError.isEmpty())
        return tr("The support report was not saved: %1").arg(m_reportError);
    if (!m_reportPath.isEmpty())
        return tr("Support report saved: %1").arg(QDir::toNativeSeparators(m_reportPath));
    return {};
}

QString ManageDataController::lowSpaceText() const
{
    return syncwords::lowSpace(m_snapshot, m_locale);
}

QString ManageDataController::databaseText() const
{
    if (m_snapshot.databaseBytes < 0)
        return {};
    if (m_snapshot.freeBytes < 0)
        return syncwords::bytes(m_snapshot.databaseBytes, m_locale);
    return tr("%1, %2 free").arg(syncwords::bytes(m_snapshot.databaseBytes, m_locale),
                                 syncwords::bytes(m_snapshot.freeBytes, m_locale));
}

QString ManageDataController::signInNextText() const
{
    if (!m_snapshot.signInRequired)
        return {};
    return syncwords::retry(m_snapshot.signInRetryAt, now(), m_locale);
}

QString ManageDataController::summaryText() const
{
    // By status, so that the line and the rows agree: "5 objects · 2 syncing · 1 incomplete".
    const auto &objects = m_snapshot.objects;
    QStringList parts{tr("%Ln object(s)", nullptr, int(objects.size()))};
    const auto withStatus = [&objects](SyncStatus status) {
        return countIf(objects, [status](const SyncObjectSnapshot &o) { return o.status == status; });
    };
    if (const qint64 n = withStatus(SyncStatus::Syncing))
        parts << tr("%Ln syncing", nullptr, int(n));
    if (const qint64 n = withStatus(SyncStatus::Paused))
        parts << tr("%Ln paused", nullptr, int(n));
    if (const qint64 n = withStatus(SyncStatus::Incomplete))
        parts << tr("%Ln incomplete", nullptr, int(n));
    return parts.join(QStringLiteral(" \u00b7 "));
}

bool ManageDataController::readyToSellShown() const
{
    return std::any_of(m_snapshot.objects.cbegin(), m_snapshot.objects.cend(),
                       [](const SyncObjectSnapshot &o) { return o.requiredForSale; });
}

QString ManageDataController::readyToSellText() const
{
    if (!readyToSellShown())
        return {};
    if (m_snapshot.readyToSell)
        return tr("Ready to sell");
    // Each object the till still waits for, with the share of its download in; the wait is the
    // longest of theirs (they download side by side), shown only while each one is on its way and
    // its rate says how long it takes.
    QStringList parts;
    qint64 longest = 0;
    for (const auto &o : m_snapshot.objects) {
        if (!o.requiredForSale || o.readyForSale)
            continue;
        const QString kind = objectKindLabel(o.name);
        if (o.status == SyncStatus::Syncing) {
            const QString percent = SyncFormatter::percentText(o.progressDone, o.progressTotal, m_locale);
            parts << (percent.isEmpty() ? kind : tr("%1 %2", "an object, then how much of it is in").arg(kind, percent));
            longest = o.secondsLeft < 0 || longest < 0 ? -1 : std::max(longest, o.secondsLeft);
        } else {
            parts << (o.status == SyncStatus::Paused ? tr("%1 paused").arg(kind) : tr("%1 not downloading").arg(kind));
            longest = -1;
        }
    }
    const QString names = parts.join(tr(", ", "between the objects of the ready-to-sell line"));
    const QString wait = SyncFormatter::aboutText(longest, m_locale);
    return wait.isEmpty() ? tr("Not ready: %1").arg(names) : tr("Not ready: %1, %2").arg(names, wait);
}

QString ManageDataController::clearPlanTitle() const
{
    if (m_clearPlanAll)
        return tr("Clear & resync all records?");
    if (m_clearPlanObjects.size() == 1)
        return tr("Clear & resync %1?").arg(m_clearPlanObjects.constFirst());
    return tr("Clear & resync records?");
}

QString ManageDataController::clearPlanWarning() const
{
    // The product page's warning, with "the affected object(s)" said for what is being cleared.
    if (m_clearPlanAll || m_clearPlanObjects.size() > 1)
        return tr("Clear & resync removes all locally stored records of every object. Records currently in "
                  "use (such as your active outlet and shift) and any unsaved records are preserved. All "
                  "other local records are deleted and must re-download before they are available again.");
    return tr("Clear & resync removes all locally stored records of this object. Records currently in use "
              "(such as your active outlet and shift) and any unsaved records are preserved. All other "
              "local records are deleted and must re-download before they are available again.");
}

QString ManageDataController::clearPlanDeleteText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans)
        n += p.willDelete;
    return tr("%Ln record(s) will be deleted", nullptr, int(n));
}

QString ManageDataController::clearPlanKeepUnsavedText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans)
        n += p.keepUnsaved;
    return tr("%Ln unsaved record(s) will be kept", nullptr, int(n));
}

QString ManageDataController::clearPlanKeepInUseText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans)
        n += p.keepInUse;
    return tr("%Ln record(s) in use will be kept", nullptr, int(n));
}

QString ManageDataController::clearPlanDownloadText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans) {
        if (p.willDownload < 0)
            return tr("Records will download again from Salesforce");
        n += p.willDownload;
    }
    return tr("%Ln record(s) will download again", nullptr, int(n));
}

QString ManageDataController::clearPlanConfirmText() const
{
    return m_clearPlanAll ? tr("Clear & resync all") : tr("Clear & resync");
}

const SyncObjectSnapshot *ManageDataController::find(const QString &name) const
{
    for (const auto &o : m_snapshot.objects) {
        if (o.name == name)
            return &o;
    }
    return nullptr;
}

void ManageDataController::setConfig(const SyncConfig &config)
{
    m_looks.clear();
    for (const SyncObjectConfig &o : config.objects)
        m_looks.insert(o.name, UnsavedLook::of(o));
}

UnsavedLook ManageDataController::look(const QString &name) const
{
    const auto it = m_looks.constFind(name);
    return it != m_looks.cend() ? *it : UnsavedLook::of(name);
}

void ManageDataController::setClock(SyncObjectListModel::Clock clock)
{
    m_clock = clock;
    m_model.setClock(std::move(clock));
}

void ManageDataController::setLocale(const QLocale &locale)
{
    m_locale = locale;
    m_model.setLocale(locale);
}

void ManageDataController::syncNow()
{
    request(SyncAction::Kind::SyncNow);
}

void ManageDataController::triggerPrimaryAction()
{
    if (canPauseAll())
        pauseAll();
    else if (canResumeAll())
        resumeAll();
}

void ManageDataController::pauseAll()
{
    if (canPauseAll())
        request(SyncAction::Kind::Pause);
}

void ManageDataController::resumeAll()
{
    if (canResumeAll())
        request(SyncAction::Kind::Resume);
}

void ManageDataController::pause(const QString &name)
{
    const auto *o = find(name);
    if (o && !o->paused)
        request(SyncAction::Kind::Pause, name);
}

void ManageDataController::resume(const QString &name)
{
    const auto *o = find(name);
    if (o && o->paused)
        request(SyncAction::Kind::Resume, name);
}

void ManageDataController::resync(const QString &name)
{
    if (knows(name))
        request(SyncAction::Kind::Resync, name);
}

void ManageDataController::check(const QString &name)
{
    if (knows(name))
        request(SyncAction::Kind::Check, name);
}

void ManageDataController::repair(const QString &name)
{
    if (knows(name))
        request(SyncAction::Kind::Repair, name);
}

void ManageDataController::resyncAll()
{
    if (!m_snapshot.objects.isEmpty())
        request(SyncAction::Kind::Resync);
}

void ManageDataController::clearResync(const QString &name)
{
    if (knows(name))
        request(SyncAction::Kind::ClearResync, name);
}

void ManageDataController::clearResyncAll()
{
    if (!m_snapshot.objects.isEmpty())
        request(SyncAction::Kind::ClearResync);
}

void ManageDataController::requestClearPlan(const QStringList &names)
{
    QStringList known;
    for (const auto &name : names) {
        if (knows(name) && !known.contains(name))
            known.append(name);
    }
    const bool all = names.isEmpty();
    if (all) {
        for (const auto &o : m_snapshot.objects)
            known.append(o.name);
    }
    if (known.isEmpty())
        return;
    m_clearPlanWaiting = true;
    m_clearPlanPending = false;
    m_clearPlanAll = all;
    m_clearPlanObjects = known;
    m_clearPlans.clear();
    emit clearPlanChanged();
    emit clearPlanRequested(known);
}

void ManageDataController::applyClearPlan(const QList<ClearPlan> &plans)
{
    if (!m_clearPlanWaiting)
        return; // a late answer to a confirmation that was cancelled
    QList<ClearPlan> accepted;
    for (const auto &p : plans) {
        if (m_clearPlanObjects.contains(p.object))
            accepted.append(p);
    }
    m_clearPlanWaiting = false;
    m_clearPlanPending = true;
    m_clearPlans = accepted;
    emit clearPlanChanged();
}

void ManageDataController::confirmClearPlan()
{
    if (!m_clearPlanPending)
        return;
    if (m_clearPlanAll) {
        clearResyncAll();
    } else {
        for (const auto &name : std::as_const(m_clearPlanObjects))
            clearResync(name);
    }
    cancelClearPlan();
}

void ManageDataController::cancelClearPlan()
{
    m_clearPlanWaiting = false;
    m_clearPlanPending = false;
    m_clearPlanAll = false;
    m_clearPlanObjects.clear();
    m_clearPlans.clear();
    emit clearPlanChanged();
}

void ManageDataController::requestUnsaved(const QString &name)
{
    if (knows(name))
        emit unsavedRequested(name);
}

void ManageDataController::retryUpload(const QString &name)
{
    const auto *o = find(name);
    if (o && o->unsaved > 0)
        request(SyncAction::Kind::RetryUpload, name);
}

void ManageDataController::tryAgain()
{
    if (m_snapshot.signInRequired)
        request(SyncAction::Kind::TryAgain);
}

void ManageDataController::setHostSignIn(bool on)
{
    if (m_hostSignIn == on)
        return;
    m_hostSignIn = on;
    emit stateChanged();
}

void ManageDataController::signIn()
{
    if (m_snapshot.signInRequired && m_hostSignIn)
        emit signInRequested();
}

void ManageDataController::discardUnsaved(const QString &name, const QString &id)
{
    if (knows(name) && !id.isEmpty())
        emit discardRequested(name, id);
}

void ManageDataController::applyUnsaved(const QString &object, const QList<UnsavedRecord> &records)
{
    // Up to kMaxUnsavedListed payloads to parse: not on the GUI thread.
    auto *watcher = new QFutureWatcher<QList<UnsavedView>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, object] {
        watcher->deleteLater();
        applyUnsavedViews(object, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_describer, [records, look = look(object), locale = m_locale] {
        return describeUnsaved(records, look, locale);
    }));
}

void ManageDataController::applyUnsavedViews(const QString &object, const QList<UnsavedView> &views)
{
    emit unsavedArrived(object, views);
}

void ManageDataController::applyDiscarded(const QString &object, const QString &id, const QString &error)
{
    emit unsavedDiscarded(object, id, error);
}

void ManageDataController::applySnapshot(const EngineSnapshot &snapshot)
{
    const bool first = !m_ready;
    const bool same = m_snapshot == snapshot;
    m_snapshot = snapshot;
    m_ready = true;
    if (same && !first)
        return;
    m_model.applyObjects(m_snapshot.objects);
    emit stateChanged();
    emit refreshed();
}

void ManageDataController::setFatalError(const QString &message)
{
    m_fatalError = message;
    emit stateChanged();
}

QString ManageDataController::statusTable() const
{
    return SyncFormatter::statusTable(m_snapshot.objects, m_locale);
}

} // namespace posdata
