// SPDX-License-Identifier: MIT
#include "managedatacontroller.h"

#include "syncformatter.h"

#include <QCoreApplication>

namespace posdata {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ManageDataController", text);
}

// English plurals without a translation file: "1 record" / "2 records".
QString counted(qint64 n, const char *one, const char *many, const QLocale &locale)
{
    return tr(n == 1 ? one : many).arg(SyncFormatter::number(n, locale));
}

// Relative "ago" texts go stale with time alone; a minute is their resolution.
constexpr int kRelativeTimeRefreshMs = 30 * 1000;
} // namespace

ManageDataController::ManageDataController(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_locale(SyncFormatter::displayLocale())
{
    m_minuteTimer.setInterval(kRelativeTimeRefreshMs);
    connect(&m_minuteTimer, &QTimer::timeout, this, [this] {
        m_model.refreshRelativeTimes();
        emit refreshed();
    });
    m_minuteTimer.start();
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

QString ManageDataController::pausedBannerText() const
{
    if (!anythingPaused())
        return {};
    if (allPaused())
        return tr("Syncing is paused");
    const auto paused = std::count_if(m_snapshot.objects.cbegin(), m_snapshot.objects.cend(),
                                      [](const SyncObjectSnapshot &o) { return o.paused; });
    return counted(paused, "Syncing is paused for %1 object", "Syncing is paused for %1 objects", m_locale);
}

QString ManageDataController::engineErrorText() const
{
    if (!m_fatalError.isEmpty())
        return tr("Syncing stopped: %1").arg(m_fatalError);
    if (m_snapshot.signInRequired)
        return tr("Salesforce refused this device's sign-in. Sign in again to continue syncing.");
    if (m_snapshot.engineError)
        return SyncFormatter::errorWords(*m_snapshot.engineError);
    return {};
}

QString ManageDataController::summaryText() const
{
    const qint64 total = m_snapshot.objects.size();
    QString text = counted(total, "%1 object", "%1 objects", m_locale);
    const auto syncing = std::count_if(m_snapshot.objects.cbegin(), m_snapshot.objects.cend(),
                                       [](const SyncObjectSnapshot &o) { return o.syncing; });
    if (syncing > 0)
        text += tr(", %1 syncing").arg(SyncFormatter::number(syncing, m_locale));
    return text;
}

QString ManageDataController::clearPlanTitle() const
{
    if (m_clearPlanAll)
        return tr("Clear & resync all records?");
    if (m_clearPlanObjects.size() == 1)
        return tr("Clear & resync %1?").arg(m_clearPlanObjects.constFirst());
    return tr("Clear & resync records?");
}

QString ManageDataController::clearPlanWarning()
{
    return tr("Clear & resync removes all locally stored records for the affected object(s). Records "
              "currently in use (such as your active outlet and shift) and any unsaved records are "
              "preserved. All other local records are deleted and must re-download before they are "
              "available again.");
}

QString ManageDataController::clearPlanDeleteText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans)
        n += p.willDelete;
    return counted(n, "%1 record will be deleted", "%1 records will be deleted", m_locale);
}

QString ManageDataController::clearPlanKeepUnsavedText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans)
        n += p.keepUnsaved;
    return counted(n, "%1 unsaved record will be kept", "%1 unsaved records will be kept", m_locale);
}

QString ManageDataController::clearPlanKeepInUseText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans)
        n += p.keepInUse;
    return counted(n, "%1 record in use will be kept", "%1 records in use will be kept", m_locale);
}

QString ManageDataController::clearPlanDownloadText() const
{
    qint64 n = 0;
    for (const auto &p : m_clearPlans) {
        if (p.willDownload < 0)
            return tr("Records will download again from Salesforce");
        n += p.willDownload;
    }
    return counted(n, "%1 record will download again", "%1 records will download again", m_locale);
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

void ManageDataController::applyUnsaved(const QString &object, const QList<UnsavedRecord> &records)
{
    emit unsavedArrived(object, records);
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

} // namespace posdata
