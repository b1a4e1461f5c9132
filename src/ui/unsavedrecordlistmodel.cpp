// SPDX-License-Identifier: MIT
#include "unsavedrecordlistmodel.h"

#include "errorgroups.h"
#include "managedatacontroller.h"
#include "rowchanges.h"
#include "syncformatter.h"

#include "sync/synctuning.h"
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
                                 &UnsavedRecordListModel::onArrived)
                      << connect(m_controller, &ManageDataController::unsavedDiscarded, this,
                                 &UnsavedRecordListModel::onDiscarded);
    }
    m_discardingId.clear();
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
    m_discardingId.clear();
    m_discardText.clear();
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
        bumpRevision();
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
    return roleValue(m_rows, index, role, IdRole, LastRole, TitleRole);
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
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return refused(r.view.record); }));
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

QString UnsavedRecordListModel::totalText() const
{
    if (m_rows.isEmpty())
        return {};
    qint64 byState[4] = {0, 0, 0, 0};
    for (const Row &r : m_rows)
        ++byState[std::clamp(int(r.view.record.state), 0, 3)];
    const qint64 total = m_watchValid ? std::max<qint64>(m_watch.unsaved, m_rows.size()) : m_rows.size();
    const QString head = tr("Total: %Ln unsaved record(s)", nullptr, int(total));
    if (total > m_rows.size())
        return head; // what the unlisted ones are is not known here
    QStringList parts;
    if (const qint64 n = byState[int(RecordState::LocallyCreated)])
        parts << tr("%Ln created", nullptr, int(n));
    if (const qint64 n = byState[int(RecordState::LocallyUpdated)])
        parts << tr("%Ln changed", nullptr, int(n));
    if (const qint64 n = byState[int(RecordState::LocallyDeleted)])
        parts << tr("%Ln deleted", nullptr, int(n));
    return tr("%1 (%2)").arg(head, parts.join(QStringLiteral(", ")));
}

int UnsavedRecordListModel::indexOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).view.record.id == id)
            return i;
    }
    return -1;
}

QVariantMap UnsavedRecordListModel::recordData(const QString &id) const
{
    const int row = indexOf(id);
    if (row < 0)
        return {{QStringLiteral("exists"), false}, {QStringLiteral("id"), id}};
    const Row &r = m_rows.at(row);
    const UnsavedRecord &rec = r.view.record;
    const QLocale l = locale();
    const QDateTime now = this->now();
    auto value = [&r](int role) { return r.values.at(role - IdRole); };
    QVariantList fields;
    for (const RecordField &f : r.view.fields)
        fields.append(QVariantMap{{QStringLiteral("name"), f.name}, {QStringLiteral("label"), f.label},
                                  {QStringLiteral("value"), f.value}});
    const bool failed = refused(rec);
    const QString server = syncwords::printable(rec.errorMessage);
    QString warning;
    switch (rec.state) {
    case RecordState::LocallyCreated:
        warning = tr("It was made on this device and is not in Salesforce. Discarding removes it from this device: "
                     "it will never be uploaded.");
        break;
    case RecordState::LocallyUpdated:
        warning = tr("The changes made to it on this device will not reach Salesforce. The record leaves this "
                     "device until a resync brings back Salesforce's version.");
        break;
    case RecordState::LocallyDeleted:
        warning = tr("It will not be deleted in Salesforce. Salesforce's version comes back to this device with "
                     "the next resync.");
        break;
    case RecordState::Synced:
        break;
    }
    warning += QLatin1Char(' ')
        + tr("A copy stays in this device's discarded log for %Ln day(s).", nullptr, tuning::kKeepDiscardedDays);
    return {
        {QStringLiteral("exists"), true},
        {QStringLiteral("id"), rec.id},
        {QStringLiteral("title"), r.view.title},
        {QStringLiteral("kindText"), value(KindTextRole)},
        {QStringLiteral("whenText"), value(WhenTextRole)},
        {QStringLiteral("changedAtText"), rec.changedAt.isValid() ? errorTimeText(rec.changedAt, now, l) : QString()},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("uploadText"), value(UploadTextRole)},
        {QStringLiteral("errorSentence"), failed ? errorKindSentence(rec.errorCode) : QString()},
        {QStringLiteral("errorRaw"),
         !failed ? QString()
         : rec.errorCode.isEmpty() ? server
         : server.isEmpty() ? rec.errorCode
                            : rec.errorCode + QStringLiteral(": ") + server},
        {QStringLiteral("errorAtText"), failed && rec.errorAt.isValid() ? errorTimeText(rec.errorAt, now, l) : QString()},
        {QStringLiteral("attemptsText"), value(AttemptsTextRole)},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("discardTitle"), tr("Discard this change to %1?").arg(r.view.title)},
        {QStringLiteral("discardWarning"), warning},
    };
}

void UnsavedRecordListModel::discard(const QString &id)
{
    const int row = indexOf(id);
    if (!m_controller || row < 0 || !canDiscard())
        return;
    m_discardingId = id;
    m_discardingTitle = m_rows.at(row).view.title;
    emit stateChanged();
    m_controller->discardUnsaved(m_name, id);
}

void UnsavedRecordListModel::onDiscarded(const QString &object, const QString &id, const QString &error)
{
    if (object != m_name || id != m_discardingId)
        return;
    m_discardingId.clear();
    m_noticeIsDiscard = true;
    if (error.isEmpty()) {
        m_discardText = tr("Discarded %1. A copy stays in this device's discarded log for %Ln day(s).", nullptr,
                           tuning::kKeepDiscardedDays)
                            .arg(m_discardingTitle);
        reload(); // the record is gone: the list follows at once
    } else {
        m_discardText = tr("%1 was not discarded; nothing was lost (%2).")
                            .arg(m_discardingTitle, syncwords::printable(error));
    }
    emit stateChanged();
}

void UnsavedRecordListModel::bumpRevision()
{
    ++m_revision;
    emit revisionChanged();
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
    m_noticeIsDiscard = false;
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

void UnsavedRecordListModel::onArrived(const QString &object, const QList<UnsavedView> &records)
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

QList<QVariant> UnsavedRecordListModel::valuesFor(const UnsavedView &view, const QDateTime &now) const
{
    const UnsavedRecord &r = view.record;
    const QLocale l = locale();
    QList<QVariant> v(kRoleCount);
    auto set = [&v](int role, QVariant value) { v[role - IdRole] = std::move(value); };
    const QString &title = view.title;
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

void UnsavedRecordListModel::applyRecords(const QList<UnsavedView> &incoming)
{
    const QDateTime now = this->now();
    const int oldCount = int(m_rows.size());
    const int oldFailed = failedCount();
    const QString oldTotal = totalText();
    const bool firstAnswer = !m_loaded;

    QList<UnsavedView> records;
    records.reserve(incoming.size());
    for (const auto &r : incoming) {
        if (r.record.object.isEmpty() || r.record.object == m_name)
            records.append(r);
    }
    bool moved = false;
    applyKeyed(
        m_rows, records, [](const UnsavedView &r) { return r.record.id; },
        [](const Row &row) { return row.view.record.id; },
        [&](const UnsavedView &r) {
            moved = true;
            return Row{r, valuesFor(r, now)};
        },
        [&](Row &row, const UnsavedView &r) {
            if (row.view == r)
                return QList<int>();
            moved = true; // fields or title may differ where no role does
            QList<QVariant> values = valuesFor(r, now);
            const QList<int> changed = differingRoles(row.values, values, IdRole);
            row.view = r;
            row.values = std::move(values);
            return changed;
        });

    if (oldCount != m_rows.size() || oldFailed != failedCount() || oldTotal != totalText()) {
        emit countChanged();
        emit summaryChanged();
    }
    if (moved || oldCount != m_rows.size())
        bumpRevision();
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
        const QVariant when = syncwords::age(row.view.record.changedAt, now, l);
        if (when != row.values.at(WhenTextRole - IdRole)) {
            // The accessible sentence carries the time too: recompute the row whole.
            QList<QVariant> values = valuesFor(row.view, now);
            changed[i] = differingRoles(row.values, values, IdRole);
            row.values = std::move(values);
        }
    }
    const bool any = std::any_of(changed.cbegin(), changed.cend(), [](const QList<int> &c) { return !c.isEmpty(); });
    emitRowChanges(*this, changed);
    if (any)
        bumpRevision();
}

} // namespace posdata
