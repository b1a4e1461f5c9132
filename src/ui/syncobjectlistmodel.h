// SPDX-License-Identifier: MIT
#pragma once

#include "rowchanges.h"
#include "sync/syncsnapshot.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace posdata {

/// One row per sync object, fed by engine snapshots; emits only the narrowest change signals.
class SyncObjectListModel : public KeyedListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ManageDataController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        StatusRole, ///< int value of posdata::SyncStatus
        StatusTextRole, ///< the product page's word, translated: "Syncing", "Fully synced", ...
        StatusIconRole, ///< qrc URL of the SVG, empty when SVG images cannot be read
        LocalRole, ///< the product page's "Local records": every record stored, unsaved ones included
        ServerRole, ///< -1 while unknown
        ServerAllRole, ///< -1 while unknown
        ScopedRole,
        UnsavedRole,
        InUseRole,
        SyncingRole,
        PausedRole,
        ProgressRole, ///< 0..1, or -1 while the download's total is unknown
        RateRole, ///< records per second
        SecondsLeftRole, ///< -1 while unknown
        LastSyncedRole, ///< QDateTime (UTC), invalid if never
        LastErrorRole, ///< the newest error's kind in words, empty if none
        ErrorCountRole,
        SyncedTextRole, ///< "Synced 1,234 of 2,000" (local records of the server count)
        /// The row's count line: the download in words while one runs ("Resyncing 12,000 of
        /// 100,007"), else SyncedTextRole.
        CountTextRole,
        /// What the engine does besides: "Waiting to sync", "Retrying in 30 s", "Waiting for
        /// sign-in", or the time left of a download; empty when settled.
        ActivityTextRole,
        RateTextRole, ///< "1,234 records/s" while syncing, else empty
        TimeLeftTextRole, ///< "2 min left" while syncing, else empty
        LastSyncedTextRole, ///< "Last synced 5 min ago", "Never synced"
        AccessibleTextRole, ///< one sentence for screen readers: name, status, counts
        UploadFailedRole, ///< unsaved records whose upload the server refused
        UploadFailedTextRole, ///< "2 failed to upload", empty when none: shown beside the status
        UploadingRole, ///< an upload batch of this object is in flight
        DownloadingRole, ///< a download runs (SyncFormatter::downloading): the progress bar shows
        LastRole = DownloadingRole
    };
    Q_ENUM(Role)

    using Clock = std::function<QDateTime()>;

    explicit SyncObjectListModel(QObject *parent = nullptr);

    /// Pins the clock and locale (tests); defaults are the wall clock and SyncFormatter::displayLocale().
    void setClock(Clock clock);
    void setLocale(const QLocale &locale);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Row of the object with this name, -1 if absent.
    Q_INVOKABLE int indexOf(const QString &name) const;

public slots:
    /// Brings the rows to `objects`: removes, inserts and moves rows only when the set or order of
    /// names changes, then one dataChanged per run of adjacent changed rows with the union of the
    /// roles that changed. Never resets.
    void applyObjects(const QList<posdata::SyncObjectSnapshot> &objects);

    /// Recomputes the texts that change with time alone ("5 min ago", "Retrying in 30 s").
    void refreshRelativeTimes();

signals:
    void countChanged();

private:
    struct Row
    {
        SyncObjectSnapshot object;
        QList<QVariant> values; ///< indexed by role - NameRole
    };

    QList<QVariant> valuesFor(const SyncObjectSnapshot &object, const QDateTime &now) const;

    QList<Row> m_rows;
    Clock m_clock;
    QLocale m_locale;
};

} // namespace posdata
