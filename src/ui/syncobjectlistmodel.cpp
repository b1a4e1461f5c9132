// SPDX-License-Identifier: MIT
#include "syncobjectlistmodel.h"

#include "rowchanges.h"
#include "errorgroups.h"
#include "syncformatter.h"

#include "sync/syncwords.h"

#include <QCoreApplication>

namespace posdata {

namespace {
constexpr int kRoleCount = SyncObjectListModel::LastRole - SyncObjectListModel::NameRole + 1;
} // namespace

SyncObjectListModel::SyncObjectListModel(QObject *parent)
    : KeyedListModel(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_locale(SyncFormatter::displayLocale())
{
}

void SyncObjectListModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void SyncObjectListModel::setLocale(const QLocale &locale)
{
    m_locale = locale;
}

int SyncObjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SyncObjectListModel::data(const QModelIndex &index, int role) const
{
    return roleValue(m_rows, index, role, NameRole, LastRole, NameRole);
}

QHash<int, QByteArray> SyncObjectListModel::roleNames() const
{
    return {
        {NameRole, "name"},
        {StatusRole, "status"},
        {StatusTextRole, "statusText"},
        {StatusIconRole, "statusIcon"},
        {LocalRole, "local"},
        {ServerRole, "server"},
        {ServerAllRole, "serverAll"},
        {ScopedRole, "scoped"},
        {UnsavedRole, "unsaved"},
        {InUseRole, "inUse"},
        {SyncingRole, "syncing"},
        {DownloadingRole, "downloading"},
        {PausedRole, "paused"},
        {ProgressRole, "progress"},
        {RateRole, "rate"},
        {SecondsLeftRole, "secondsLeft"},
        {LastSyncedRole, "lastSynced"},
        {LastErrorRole, "lastError"},
        {ErrorCountRole, "errorCount"},
        {SyncedTextRole, "syncedText"},
        {CountTextRole, "countText"},
        {ActivityTextRole, "activityText"},
        {RateTextRole, "rateText"},
        {TimeLeftTextRole, "timeLeftText"},
        {LastSyncedTextRole, "lastSyncedText"},
        {AccessibleTextRole, "accessibleText"},
        {UploadFailedRole, "uploadFailed"},
        {UploadFailedTextRole, "uploadFailedText"},
        {UploadingRole, "uploading"},
    };
}

int SyncObjectListModel::indexOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).object.name == name)
            return i;
    }
    return -1;
}

QList<QVariant> SyncObjectListModel::valuesFor(const SyncObjectSnapshot &o, const QDateTime &now) const
{
    QList<QVariant> v(kRoleCount);
    auto set = [&v](int role, QVariant value) { v[role - NameRole] = std::move(value); };
    const QString words = SyncFormatter::statusText(o.status);
    const QString synced = SyncFormatter::syncedText(o, m_locale);
    const QString activity = syncwords::activity(o, now, m_locale);
    set(NameRole, o.name);
    set(StatusRole, int(o.status));
    set(StatusTextRole, words);
    set(StatusIconRole, SyncFormatter::statusIconSource(o.status));
    set(LocalRole, SyncFormatter::localRecords(o));
    set(ServerRole, o.server);
    set(ServerAllRole, o.serverAll);
    set(ScopedRole, o.scoped);
    set(UnsavedRole, o.unsaved);
    set(InUseRole, o.inUse);
    set(SyncingRole, o.syncing);
    set(PausedRole, o.paused);
    set(ProgressRole, SyncFormatter::progress(o));
    set(RateRole, o.recordsPerSecond);
    set(SecondsLeftRole, o.secondsLeft);
    set(LastSyncedRole, o.lastSynced);
    set(LastErrorRole, o.errors.isEmpty() ? QString() : errorKindSentence(o.errors.constLast().code));
    set(ErrorCountRole, int(o.errors.size()));
    set(SyncedTextRole, synced);
    // A running download says its own progress ("Resyncing 12,000 of 100,007"): the synced count
    // beside a moving bar read as two numbers that disagree.
    const bool downloading = SyncFormatter::downloading(o);
    const QString timeLeft = o.syncing ? SyncFormatter::timeLeftText(o.secondsLeft, m_locale) : QString();
    const QString countText = downloading && !activity.isEmpty() ? activity : synced;
    set(CountTextRole, countText);
    set(ActivityTextRole, downloading ? timeLeft : activity);
    set(DownloadingRole, downloading);
    // Rate and time left describe a running download only; a paused one keeps stale figures.
    set(RateTextRole, o.syncing ? SyncFormatter::rateText(o.recordsPerSecond, m_locale) : QString());
    set(TimeLeftTextRole, timeLeft);
    set(LastSyncedTextRole, SyncFormatter::lastSyncedText(o.lastSynced, now, m_locale));
    const QString failed = SyncFormatter::uploadFailedText(o.uploadFailed, m_locale);
    QString accessible = QCoreApplication::translate("SyncObjectListModel", "%1, %2, %3").arg(o.name, words, countText);
    if (!failed.isEmpty())
        accessible += QStringLiteral(", ") + failed;
    set(AccessibleTextRole, accessible);
    set(UploadFailedRole, o.uploadFailed);
    set(UploadFailedTextRole, failed);
    set(UploadingRole, o.uploading);
    return v;
}

void SyncObjectListModel::applyObjects(const QList<SyncObjectSnapshot> &objects)
{
    const QDateTime now = m_clock();
    const int oldCount = int(m_rows.size());
    applyKeyed(
        m_rows, objects, [](const SyncObjectSnapshot &o) { return o.name; }, [](const Row &r) { return r.object.name; },
        [&](const SyncObjectSnapshot &o) { return Row{o, valuesFor(o, now)}; },
        [&](Row &row, const SyncObjectSnapshot &o) {
            // Some texts move with the clock alone: the values are compared even for an equal object.
            QList<QVariant> values = valuesFor(o, now);
            const QList<int> changed = differingRoles(row.values, values, NameRole);
            row.object = o;
            row.values = std::move(values);
            return changed;
        });
    if (oldCount != m_rows.size())
        emit countChanged();
}

void SyncObjectListModel::refreshRelativeTimes()
{
    const QDateTime now = m_clock();
    QList<QList<int>> changed(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        QList<QVariant> values = valuesFor(row.object, now);
        changed[i] = differingRoles(row.values, values, NameRole);
        row.values = std::move(values);
    }
    emitRowChanges(*this, changed);
}

} // namespace posdata
