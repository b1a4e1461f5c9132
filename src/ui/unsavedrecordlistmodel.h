// SPDX-License-Identifier: MIT
#pragma once

#include "rowchanges.h"
#include "store/storetypes.h"
#include "unsavedview.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QPointer>
#include <QVariant>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace posdata {

class ManageDataController;

/// One object's unsaved records (created, changed or deleted on this device, not yet in
/// Salesforce), one row each, titled for people, with the last upload error in words; a record's
/// fields as sent for its own page (recordData), and "Discard this change". The rows are value
/// copies from the engine's unsavedReady (read on its worker: the GUI thread runs no SQL), described
/// off the GUI thread by the controller; the list asks again when the object's unsaved or failed
/// counts, or its upload activity, move in a snapshot.
class UnsavedRecordListModel : public KeyedListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(posdata::ManageDataController *controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged) ///< the sync object's API name
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int failedCount READ failedCount NOTIFY countChanged) ///< rows the server refused
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged) ///< a first answer has arrived
    /// "5 unsaved records, 2 failed to upload"; "No unsaved records" once all are uploaded; "Showing
    /// the oldest 1,000 of 1,234 unsaved records, ..." when the engine lists fewer than there are.
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY summaryChanged)
    /// The line under the list: "Total: 5 unsaved records (3 created, 1 changed, 1 deleted)";
    /// empty without rows.
    Q_PROPERTY(QString totalText READ totalText NOTIFY summaryChanged)
    /// Moves whenever any row's values do: a record page re-reads recordData() on it.
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
    Q_PROPERTY(bool uploading READ uploading NOTIFY stateChanged) ///< an upload of the object is in flight
    Q_PROPERTY(bool paused READ paused NOTIFY stateChanged) ///< the object is paused: uploads wait too
    /// "Retry upload" makes sense: there are unsaved records, no upload of them is running, and the
    /// object is not paused (pause holds its uploads; resume sends them).
    Q_PROPERTY(bool canRetry READ canRetry NOTIFY stateChanged)
    /// After "Retry upload": true until the retry's upload pass has ended and the list was read again.
    Q_PROPERTY(bool retrying READ retrying NOTIFY stateChanged)
    /// The retry in words: "Uploading 3 unsaved records…", then its outcome ("All 3 records reached
    /// Salesforce", "1 record uploaded, 2 refused again", "Not sent: syncing is paused"); empty before.
    Q_PROPERTY(QString retryText READ retryText NOTIFY stateChanged)
    /// "Discard this change" makes sense now: no upload of the object is in flight (the record may
    /// be in it) and no other discard waits for its answer.
    Q_PROPERTY(bool canDiscard READ canDiscard NOTIFY stateChanged)
    Q_PROPERTY(bool discarding READ discarding NOTIFY stateChanged) ///< a discard waits for the engine
    /// The last discard in words: "Discarded Order · 42.5. A copy stays in the discarded log for 30
    /// days." or why it was not; empty before.
    Q_PROPERTY(QString discardText READ discardText NOTIFY stateChanged)
    /// The line under the summary: the latest of retryText and discardText.
    Q_PROPERTY(QString noticeText READ noticeText NOTIFY stateChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the local Id until the server assigns one, else the server Id
        TitleRole, ///< UnsavedView::title: its Name, else its kind and display fields
        StateRole, ///< int value of posdata::RecordState
        KindTextRole, ///< "Created on this device", "Changed on this device", "Deleted on this device"
        ChangedAtRole, ///< QDateTime (UTC) of the last local write
        WhenTextRole, ///< "5 min ago", like the rest of the screen
        FailedRole, ///< the server refused its last upload
        ErrorCodeRole, ///< statusCode of the refused upload, empty if none
        UploadTextRole, ///< "Refused by Salesforce: <message>" or "Waiting to upload"
        AttemptsRole, ///< uploads the server refused so far (a retry keeps counting)
        AttemptsTextRole, ///< "Refused 3 times" from the second refusal on, else empty
        AccessibleTextRole, ///< one sentence for screen readers
        LastRole = AccessibleTextRole
    };
    Q_ENUM(Role)

    explicit UnsavedRecordListModel(QObject *parent = nullptr);

    ManageDataController *controller() const { return m_controller; }
    void setController(ManageDataController *controller);
    QString name() const { return m_name; }
    void setName(const QString &name);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int failedCount() const;
    bool loaded() const { return m_loaded; }
    QString summaryText() const;
    bool uploading() const { return m_uploading; }
    bool paused() const { return m_paused; }
    bool canRetry() const { return !m_rows.isEmpty() && !m_uploading && !m_paused && !retrying(); }
    bool retrying() const { return m_retry == Retry::Uploading || m_retry == Retry::Reading; }
    QString retryText() const { return m_retryText; }
    QString totalText() const;
    int revision() const { return m_revision; }
    bool canDiscard() const { return !m_uploading && !discarding(); }
    bool discarding() const { return !m_discardingId.isEmpty(); }
    QString discardText() const { return m_discardText; }
    QString noticeText() const { return m_noticeIsDiscard ? m_discardText : m_retryText; }

    /// Row of the record with this Id, -1 if absent.
    Q_INVOKABLE int indexOf(const QString &id) const;
    /// Asks the engine for the records again (also done by itself when the counts move).
    Q_INVOKABLE void reload();
    /// "Retry upload": uploads this object's unsaved records now, then reads the list again.
    Q_INVOKABLE void retryUpload();
    /// One record for its page: {exists, id, title, kindText, whenText, changedAtText, failed,
    /// uploadText, errorSentence (the refusal in plain words), errorRaw ("CODE: Salesforce's text"),
    /// errorAtText, attemptsText, fields: [{name, label, value}] as sent, discardTitle,
    /// discardWarning (what discarding loses)}; {exists: false} once it is no longer listed.
    Q_INVOKABLE QVariantMap recordData(const QString &id) const;
    /// "Discard this change" (after the page's confirmation): the engine moves the record to its
    /// discarded log, then the list is read again.
    Q_INVOKABLE void discard(const QString &id);

public slots:
    /// Brings the rows to `records` (keyed by Id, in the engine's order): removes, inserts and moves
    /// rows only when the set or order changes, one dataChanged per run of changed rows. Never
    /// resets. Records of another object are ignored.
    void applyRecords(const QList<posdata::UnsavedView> &records);
    /// Recomputes the "ago" texts, which change with time alone.
    void refreshRelativeTimes();

signals:
    void controllerChanged();
    void nameChanged();
    void countChanged();
    void summaryChanged();
    void loadedChanged();
    void stateChanged();
    void revisionChanged();

private:
    struct Row
    {
        UnsavedView view;
        QList<QVariant> values; ///< indexed by role - IdRole
    };
    /// What in the object's snapshot means the list may have changed.
    struct Watch
    {
        qint64 unsaved = -1;
        qint64 uploadFailed = -1;
        bool uploading = false;
        bool syncing = false;
        QDateTime lastSynced;
        bool operator==(const Watch &) const = default;
    };

    void onRefreshed();
    void onArrived(const QString &object, const QList<posdata::UnsavedView> &records);
    void onDiscarded(const QString &object, const QString &id, const QString &error);
    void bumpRevision();
    void request();
    void clearRows();
    QDateTime now() const;
    QLocale locale() const;
    QList<QVariant> valuesFor(const UnsavedView &view, const QDateTime &now) const;

    QPointer<ManageDataController> m_controller;
    QList<QMetaObject::Connection> m_connections;
    QString m_name;
    QList<Row> m_rows;
    Watch m_watch;
    bool m_watchValid = false;
    bool m_loaded = false;
    bool m_inFlight = false; ///< asked the engine, no answer yet
    bool m_askAgain = false; ///< something moved while asking: ask once more when the answer comes
    /// After "Retry upload": read once more when the retry's upload is over. A fast upload can start
    /// and end between two (coalesced) snapshots that then show the same counts, so the end is told
    /// by the object's count of finished upload passes (SyncObjectSnapshot::uploadPasses).
    enum class Retry { None, Uploading, Reading, Done };
    void setRetry(Retry state, const QString &text);
    void finishRetry();
    Retry m_retry = Retry::None;
    quint64 m_retryPassesBase = 0;
    qint64 m_retryCount = 0; ///< unsaved records when the retry was asked for
    QString m_retryText;
    bool m_uploading = false;
    bool m_paused = false;
    int m_revision = 0;
    QString m_discardingId; ///< the record whose discard waits for the engine's answer
    QString m_discardingTitle;
    QString m_discardText;
    bool m_noticeIsDiscard = false; ///< the discard came after the last retry
};

} // namespace posdata
