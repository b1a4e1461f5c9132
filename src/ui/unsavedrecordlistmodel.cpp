// SPDX-License-Identifier: MIT
#include "unsavedrecordlistmodel.h"

#include "managedatacontroller.h"
#include "rowchanges.h"
#include "syncformatter.h"

#include "sync/syncwords.h"


namespace posdata {

namespace {
constexpr int kRoleCount = UnsavedRecordListModel::LastRole - UnsavedRecordListModel::IdRole + 1;

bool refused(const UnsavedRecord &r)
{
    return !r.errorCode.isEmpty() || !r.errorMessage.trimmed().isEmpty();
}
} // namespace

UnsavedRecordListModel::UnsavedRecordListModel(QObject *parent)
    : KeyedListModel(parent)
{
}

void UnsavedRecordListModel::setController(ManageDataController *controller)
{
    if (m_controller == controller)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_controller = controller;
    if (m_controller) {
        m_connections << connect(m_controller, &ManageDataController::refreshed, this,
                                 &UnsavedRecordListModel::onRefreshed)
                      << connect(m_controller, &ManageDataController::unsavedArrived, this,
                                 &UnsavedRecordListModel::onArrived);
    }
    m_inFlight = false;
    m_askAgain = false;
    m_watchValid = false;
    m_retry = Retry::None;
    m_retryText.clear();
    emit controllerChanged();
    onRefreshed();
}

void UnsavedRecordListModel::setName(const QString &name)
{
    if (m_name == name)
        return;
    m_name = name;
    clearRows();
    m_inFlight = false;
    m_askAgain = false;
    m_watchValid = false;
    m_retry = Retry::None;
    m_retryText.clear();
    emit nameChanged();
    onRefreshed();
}

void UnsavedRecordListModel::clearRows()
{
    const bool hadRows = !m_rows.isEmpty();
    if (hadRows) {
        // A different object: nothing of the old list stays, so this is the one place that resets.
        beginResetModel();
        m_rows.clear();
        endResetModel();
        emit countChanged();
        emit summaryChanged();
    }
    if (m_loaded) {
        m_loaded = false;
        emit loadedChanged();
    }
}

int UnsavedRecordListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant UnsavedRecordListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole)
        role = TitleRole;
    if (role < IdRole || role > LastRole)
        return {};
    return m_rows.at(index.row()).values.at(role - IdRole);
}

QHash<int, QByteArray> UnsavedRecordListModel::roleNames() const
{
    return {
        {IdRole, "recordId"},
        {TitleRole, "title"},
        {StateRole, "state"},
        {KindTextRole, "kindText"},
        {ChangedAtRole, "changedAt"},
        {WhenTextRole, "whenText"},
        {FailedRole, "failed"},
        {ErrorCodeRole, "errorCode"},
        {UploadTextRole, "uploadText"},
        {AttemptsRole, "attempts"},
        {AttemptsTextRole, "attemptsText"},
        {AccessibleTextRole, "accessibleText"},
    };
}

int UnsavedRecordListModel::failedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return refused(r.record); }));
}

QString UnsavedRecordListModel::summaryText() const
{
    if (m_rows.isEmpty())
        return tr("No unsaved records");
    const QLocale l = locale();
    QString text;
    qint64 failed = failedCount();
    if (m_watchValid && m_watch.unsaved > m_rows.size()) {
        // The engine lists the oldest ones only; the counts come from the snapshot then.
        text = tr("Showing the oldest %1 of %2").arg(SyncFormatter::number(m_rows.size(), l),
                                                      SyncFormatter::unsavedCountText(m_watch.unsaved, l));
        failed = std::max(failed, m_watch.uploadFailed);
    } else {
        text = SyncFormatter::unsavedCountText(m_rows.size(), l);
    }
    const QString failedText = SyncFormatter::uploadFailedText(failed, l);
    if (!failedText.isEmpty())
        text += QStringLiteral(", ") + failedText;
    return text;
}

int UnsavedRecordListModel::indexOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).record.id == id)
            return i;
    }
    return -1;
}

QDateTime UnsavedRecordListModel::now() const
{
    return m_controller ? m_controller->now() : QDateTime::currentDateTimeUtc();
}

QLocale UnsavedRecordListModel::locale() const
{
    return m_controller ? m_controller->locale() : SyncFormatter::displayLocale();
}

void UnsavedRecordListModel::request()
{
    if (!m_controller || m_name.isEmpty() || !m_controller->find(m_name))
        return;
    if (m_inFlight) {
        m_askAgain = true; // one answer at a time: a burst of snapshots costs one more read, not many
        return;
    }
    m_inFlight = true;
    m_controller->requestUnsaved(m_name);
}

void UnsavedRecordListModel::reload()
{
    // Explicit: ask even if an earlier question is unanswered (an engine restarted, say).
    m_inFlight = false;
    m_askAgain = false;
    request();
}

void UnsavedRecordListModel::retryUpload()
{
    const SyncObjectSnapshot *o = m_controller ? m_controller->find(m_name) : nullptr;
    if (!o || !canRetry())
        return;
    m_retryPassesBase = o->uploadPasses;
    m_retryCount = std::max<qint64>(o->unsaved, m_rows.size());
    setRetry(Retry::Uploading, tr("Uploading %Ln unsaved record(s)\u2026", nullptr, int(m_retryCount)));
    m_controller->retryUpload(m_name);
    // The worker runs our calls in order: this read sees the refusals forgotten; the upload's end
    // brings another (onRefreshed).
    reload();
}

void UnsavedRecordListModel::setRetry(Retry state, const QString &text)
{
    if (m_retry == state && m_retryText == text)
        return;
    m_retry = state;
    m_retryText = text;
    emit stateChanged();
}

void UnsavedRecordListModel::finishRetry()
{
    // The list was read after the pass: what is still listed did not reach Salesforce.
    const qint64 left = std::max<qint64>(m_rows.size(), m_watch.unsaved);
    const qint64 refusedNow = std::max<qint64>(failedCount(), m_watch.uploadFailed);
    const qint64 uploaded = std::max<qint64>(0, m_retryCount - left);
    QString text;
    if (left == 0)
        text = tr("All %Ln record(s) reached Salesforce", nullptr, int(uploaded));
    else if (uploaded == 0)
        text = tr("Salesforce refused %Ln record(s) again", nullptr, int(refusedNow));
    else
        text = tr("%Ln record(s) uploaded", nullptr, int(uploaded)) + QStringLiteral(", ")
            + tr("%Ln refused again", nullptr, int(refusedNow));
    setRetry(Retry::Done, text);
}

void UnsavedRecordListModel::onRefreshed()
{
    const SyncObjectSnapshot *o = m_controller ? m_controller->find(m_name) : nullptr;
    if (!o)
        return;
    if (m_uploading != o->uploading || m_paused != o->paused) {
        m_uploading = o->uploading;
        m_paused = o->paused;
        emit stateChanged();
    }
    bool read = false;
    const Watch watch{o->unsaved, o->uploadFailed, o->uploading, o->syncing, o->lastSynced};
    if (!m_watchValid || watch != m_watch) {
        m_watch = watch;
        m_watchValid = true;
        emit summaryChanged(); // it reads the snapshot's counts when the list is cut short
        read = true;
    }
    if (m_retry == Retry::Uploading) {
        if (o->paused) {
            setRetry(Retry::Done, tr("Not sent: syncing is paused for this object"));
        } else if (m_controller->snapshot().signInRequired) {
            setRetry(Retry::Done, tr("Not sent: waiting for sign-in"));
        } else if (o->uploadPasses > m_retryPassesBase && !o->uploading) {
            setRetry(Retry::Reading, m_retryText);
            read = true;
        }
    }
    if (read)
        request();
    refreshRelativeTimes();
}

void UnsavedRecordListModel::onArrived(const QString &object, const QList<UnsavedRecord> &records)
{
    if (object != m_name)
        return;
    m_inFlight = false;
    applyRecords(records);
    if (m_retry == Retry::Reading && !m_askAgain)
        finishRetry();
    if (m_askAgain) {
        m_askAgain = false;
        request();
    }
}

QList<QVariant> UnsavedRecordListModel::valuesFor(const UnsavedRecord &r, const QDateTime &now) const
{
    const QLocale l = locale();
    QList<QVariant> v(kRoleCount);
    auto set = [&v](int role, QVariant value) { v[role - IdRole] = std::move(value); };
    const QString title = r.name.trimmed().isEmpty() ? r.id : r.name.trimmed();
    const QString kind = SyncFormatter::unsavedKindText(r.state);
    const QString when = syncwords::age(r.changedAt, now, l);
    const QString upload = SyncFormatter::uploadStateText(r.errorCode, r.errorMessage);
    const bool failed = refused(r);
    set(IdRole, r.id);
    set(TitleRole, title);
    set(StateRole, int(r.state));
    set(KindTextRole, kind);
    set(ChangedAtRole, r.changedAt);
    set(WhenTextRole, when);
    set(FailedRole, failed);
    set(ErrorCodeRole, r.errorCode);
    set(UploadTextRole, upload);
    set(AttemptsRole, r.attempts);
    set(AttemptsTextRole, failed ? SyncFormatter::refusedTimesText(r.attempts, l) : QString());
    set(AccessibleTextRole, tr("%1, %2 %3, %4").arg(title, kind, when, upload));
    return v;
}

void UnsavedRecordListModel::applyRecords(const QList<UnsavedRecord> &incoming)
{
    const QDateTime now = this->now();
    const int oldCount = int(m_rows.size());
    const int oldFailed = failedCount();
    const bool firstAnswer = !m_loaded;

    QList<UnsavedRecord> records;
    records.reserve(incoming.size());
    for (const auto &r : incoming) {
        if (r.object.isEmpty() || r.object == m_name)
            records.append(r);
    }
    applyKeyed(
        m_rows, records, [](const UnsavedRecord &r) { return r.id; }, [](const Row &row) { return row.record.id; },
        [&](const UnsavedRecord &r) { return Row{r, valuesFor(r, now)}; },
        [&](Row &row, const UnsavedRecord &r) {
            if (row.record == r)
                return QList<int>();
            QList<QVariant> values = valuesFor(r, now);
            const QList<int> changed = differingRoles(row.values, values, IdRole);
            row.record = r;
            row.values = std::move(values);
            return changed;
        });

    if (oldCount != m_rows.size() || oldFailed != failedCount()) {
        emit countChanged();
        emit summaryChanged();
    }
    if (firstAnswer) {
        m_loaded = true;
        emit loadedChanged();
    }
    emit stateChanged(); // canRetry follows the rows
}

void UnsavedRecordListModel::refreshRelativeTimes()
{
    const QDateTime now = this->now();
    const QLocale l = locale();
    QList<QList<int>> changed(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        const QVariant when = syncwords::age(row.record.changedAt, now, l);
        if (when != row.values.at(WhenTextRole - IdRole)) {
            // The accessible sentence carries the time too: recompute the row whole.
            QList<QVariant> values = valuesFor(row.record, now);
            changed[i] = differingRoles(row.values, values, IdRole);
            row.values = std::move(values);
        }
    }
    emitRowChanges(*this, changed);
}

} // namespace posdata
