// SPDX-License-Identifier: MIT
#include "syncobjectdetail.h"

#include "managedatacontroller.h"
#include "errorgroups.h"
#include "statuskind.h"
#include "syncformatter.h"
#include "checkwords.h"

#include "sync/syncwords.h"

#include <QCoreApplication>
#include <QVariantMap>

namespace posdata {

SyncObjectDetail::SyncObjectDetail(QObject *parent)
    : QObject(parent)
{
}

void SyncObjectDetail::setController(ManageDataController *controller)
{
    if (m_controller == controller)
        return;
    disconnect(m_connection);
    m_controller = controller;
    if (m_controller)
        m_connection = connect(m_controller, &ManageDataController::refreshed, this, &SyncObjectDetail::refresh);
    emit controllerChanged();
    refresh();
}

void SyncObjectDetail::setName(const QString &name)
{
    if (m_name == name)
        return;
    m_name = name;
    emit nameChanged();
    refresh();
}

QString SyncObjectDetail::primaryActionText() const
{
    if (!m_found)
        return {};
    return m_paused ? QCoreApplication::translate("SyncObjectDetail", "Resume syncing")
                    : QCoreApplication::translate("SyncObjectDetail", "Pause syncing");
}

QString SyncObjectDetail::progressText() const
{
    if (!m_downloading)
        return {};
    // The download's own numbers: the synced count beside a moving bar read as a contradiction.
    QStringList parts{m_activityText.isEmpty() ? m_syncedText : m_activityText};
    if (!m_rateText.isEmpty())
        parts << m_rateText;
    if (!m_timeLeftText.isEmpty())
        parts << m_timeLeftText;
    return parts.join(QStringLiteral(" \u00b7 "));
}

void SyncObjectDetail::triggerPrimaryAction()
{
    if (!m_controller || !m_found)
        return;
    if (m_paused)
        m_controller->resume(m_name);
    else
        m_controller->pause(m_name);
}

void SyncObjectDetail::check()
{
    if (m_controller && m_found)
        m_controller->check(m_name);
}

void SyncObjectDetail::repair()
{
    if (m_controller && m_found && m_canRepair)
        m_controller->repair(m_name);
}

void SyncObjectDetail::refresh()
{
    const SyncObjectSnapshot *o = m_controller ? m_controller->find(m_name) : nullptr;
    m_found = o != nullptr;
    const SyncObjectSnapshot empty;
    const SyncObjectSnapshot &s = o ? *o : empty;
    const QLocale locale = m_controller ? m_controller->locale() : SyncFormatter::displayLocale();
    const QDateTime now = m_controller ? m_controller->now() : QDateTime::currentDateTimeUtc();

    m_statusText = m_found ? SyncFormatter::statusText(s.status) : QString();
    m_statusKind = StatusKind::of(s.status);
    m_statusIcon = m_found ? SyncFormatter::statusIconSource(s.status) : QUrl();
    m_syncing = s.syncing;
    m_downloading = SyncFormatter::downloading(s);
    m_paused = s.paused;
    m_scoped = s.scoped;
    m_localText = SyncFormatter::countText(SyncFormatter::localRecords(s), locale);
    m_serverText = SyncFormatter::countText(s.server, locale);
    m_serverCheckedText = s.countsReadAt.isValid()
        ? QCoreApplication::translate("SyncObjectDetail", "Checked %1").arg(syncwords::age(s.countsReadAt, now, locale))
        : QString();
    m_activityText = m_found ? syncwords::activity(s, now, locale) : QString();
    m_serverAllText = SyncFormatter::countText(s.scoped ? s.serverAll : s.server, locale);
    m_scopeText = m_found ? syncwords::scope(s, locale) : QString();
    m_unsavedText = SyncFormatter::countText(s.unsaved, locale);
    m_storageText = m_found && s.bytes >= 0
        ? QCoreApplication::translate("SyncObjectDetail", "%1 · %Ln record(s)", nullptr, int(s.stored))
              .arg(syncwords::bytes(s.bytes, locale))
        : QString();
    m_hasUnsaved = s.unsaved > 0;
    m_uploadFailed = s.uploadFailed;
    m_uploadFailedText = SyncFormatter::uploadFailedText(s.uploadFailed, locale);
    m_uploading = s.uploading;
    m_syncedText = SyncFormatter::syncedText(s, locale);
    // A value on its own: "Yesterday", "5 min ago", "Never" (the row's "Last synced ..." says it in a sentence).
    m_lastSyncedText = syncwords::age(s.lastSynced, now, locale);
    if (!m_lastSyncedText.isEmpty())
        m_lastSyncedText[0] = m_lastSyncedText.at(0).toUpper();
    m_progress = SyncFormatter::progress(s);
    m_rateText = s.syncing ? SyncFormatter::rateText(s.recordsPerSecond, locale) : QString();
    m_timeLeftText = s.syncing ? SyncFormatter::timeLeftText(s.secondsLeft, locale) : QString();
    QVariantList errors;
    const QList<ErrorGroup> groups = groupErrors(s.errors);
    for (const ErrorGroup &g : groups) {
        QString next;
        if (errors.isEmpty() && s.lastAttemptFailed)
            next = m_activityText.isEmpty() ? syncwords::retry({}, now, locale) : m_activityText;
        errors.append(QVariantMap{
            {QStringLiteral("line"), errorGroupLine(g, now, locale)},
            {QStringLiteral("next"), next},
            {QStringLiteral("raw"), g.raw},
            {QStringLiteral("code"), g.code},
        });
    }
    m_errors = errors;
    const CheckWords check = checkWords(s, locale);
    m_checkShown = m_found && s.check.phase != ObjectCheck::Phase::None;
    m_checkBusy = s.check.busy();
    m_checkText = check.sentence;
    m_checkRows = check.rows;
    m_canRepair = m_found && check.canRepair;

    // Snapshots arrive ~10 times a second; the page re-binds (and its error list rebuilds) only
    // when something it shows has changed.
    const QVariantList signature{m_found, m_statusText, m_statusIcon, m_syncing, m_downloading, m_paused, m_scoped,
                                 m_localText, m_serverText, m_serverCheckedText, m_activityText, m_serverAllText, m_scopeText, m_storageText, m_unsavedText, m_hasUnsaved,
                                 m_uploadFailed, m_uploadFailedText, m_uploading, m_syncedText,
                                 m_lastSyncedText, m_progress, m_rateText, m_timeLeftText, m_errors,
                                 m_checkShown, m_checkBusy, m_checkText, m_checkRows, m_canRepair};
    if (signature == m_signature)
        return;
    m_signature = signature;
    emit changed();
}

} // namespace posdata
