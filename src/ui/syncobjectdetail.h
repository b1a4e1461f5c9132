// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace posdata {

class ManageDataController;

/// The object detail page's values, formatted, for one object of a ManageDataController.
class SyncObjectDetail : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(posdata::ManageDataController *controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged) ///< the API name shown
    Q_PROPERTY(bool found READ found NOTIFY changed) ///< the engine knows the object
    Q_PROPERTY(QString statusText READ statusText NOTIFY changed)
    Q_PROPERTY(int statusKind READ statusKind NOTIFY changed) ///< a StatusKind value
    Q_PROPERTY(QUrl statusIcon READ statusIcon NOTIFY changed)
    Q_PROPERTY(bool syncing READ syncing NOTIFY changed)
    /// A download runs (SyncFormatter::downloading): the progress bar and progressText show then.
    Q_PROPERTY(bool downloading READ downloading NOTIFY changed)
    Q_PROPERTY(bool paused READ paused NOTIFY changed)
    Q_PROPERTY(bool scoped READ scoped NOTIFY changed) ///< show "Server records (all)" only then
    Q_PROPERTY(QString localText READ localText NOTIFY changed) ///< every record stored, unsaved included
    Q_PROPERTY(QString serverText READ serverText NOTIFY changed)
    /// "Checked 3 min ago": how old the server counts are; empty while never read.
    Q_PROPERTY(QString serverCheckedText READ serverCheckedText NOTIFY changed)
    /// What the engine does for the object: "Resyncing 12,000 of 100,007", "Retrying in 30 s", ...
    Q_PROPERTY(QString activityText READ activityText NOTIFY changed)
    Q_PROPERTY(QString serverAllText READ serverAllText NOTIFY changed)
    /// Scoped objects: "Only records of this outlet (Berlin Mitte): 10,000 of 200,000"
    /// (syncwords::scope); empty for the others.
    Q_PROPERTY(QString scopeText READ scopeText NOTIFY changed)
    Q_PROPERTY(QString unsavedText READ unsavedText NOTIFY changed)
    /// "1.2 MB · 1,000 records": the bytes and rows of its records on the device (synced and
    /// unsaved); empty until the engine measured them.
    Q_PROPERTY(QString storageText READ storageText NOTIFY changed)
    /// There are unsaved records: the "Unsaved records" field opens their list only then.
    Q_PROPERTY(bool hasUnsaved READ hasUnsaved NOTIFY changed)
    Q_PROPERTY(int uploadFailed READ uploadFailed NOTIFY changed)
    /// "2 failed to upload" beside the status (never instead of it); empty when none failed.
    Q_PROPERTY(QString uploadFailedText READ uploadFailedText NOTIFY changed)
    Q_PROPERTY(bool uploading READ uploading NOTIFY changed)
    Q_PROPERTY(QString syncedText READ syncedText NOTIFY changed)
    Q_PROPERTY(QString lastSyncedText READ lastSyncedText NOTIFY changed) ///< "5 min ago", "Never"
    Q_PROPERTY(double progress READ progress NOTIFY changed) ///< 0..1, -1 when indeterminate
    Q_PROPERTY(QString rateText READ rateText NOTIFY changed)
    Q_PROPERTY(QString timeLeftText READ timeLeftText NOTIFY changed)
    /// While downloading: "Synced 1,234 of 10,000 · 410 records/s · 35 min left" (known parts only).
    Q_PROPERTY(QString progressText READ progressText NOTIFY changed)
    /// Grouped by kind, newest first (errorgroups.h); each entry {line: "Salesforce did not answer
    /// (HTTP 503) - 6 times, last 7:50 PM", next: what happens next (the newest group of a failed
    /// last attempt only, else empty), raw: "CODE: server text" for support, code}.
    Q_PROPERTY(QVariantList errors READ errors NOTIFY changed)
    Q_PROPERTY(QString primaryActionText READ primaryActionText NOTIFY changed) ///< "Pause syncing"/"Resume syncing"
    /// The last "Check" (checkwords.h): shown once asked for. checkText is the sentence ("The device
    /// matches Salesforce.", "Checking against Salesforce...", why it failed or was refused);
    /// checkRows the counts as [{label, value}]; canRepair offers "Repair" (something differs).
    Q_PROPERTY(bool checkShown READ checkShown NOTIFY changed)
    Q_PROPERTY(bool checkBusy READ checkBusy NOTIFY changed)
    Q_PROPERTY(QString checkText READ checkText NOTIFY changed)
    Q_PROPERTY(QVariantList checkRows READ checkRows NOTIFY changed)
    Q_PROPERTY(bool canRepair READ canRepair NOTIFY changed)

public:
    explicit SyncObjectDetail(QObject *parent = nullptr);

    ManageDataController *controller() const { return m_controller; }
    void setController(ManageDataController *controller);
    QString name() const { return m_name; }
    void setName(const QString &name);

    bool found() const { return m_found; }
    QString statusText() const { return m_statusText; }
    int statusKind() const { return m_statusKind; }
    QUrl statusIcon() const { return m_statusIcon; }
    bool syncing() const { return m_syncing; }
    bool downloading() const { return m_downloading; }
    bool paused() const { return m_paused; }
    bool scoped() const { return m_scoped; }
    QString localText() const { return m_localText; }
    QString serverText() const { return m_serverText; }
    QString serverCheckedText() const { return m_serverCheckedText; }
    QString activityText() const { return m_activityText; }
    QString serverAllText() const { return m_serverAllText; }
    QString scopeText() const { return m_scopeText; }
    QString storageText() const { return m_storageText; }
    QString unsavedText() const { return m_unsavedText; }
    bool hasUnsaved() const { return m_hasUnsaved; }
    int uploadFailed() const { return int(m_uploadFailed); }
    QString uploadFailedText() const { return m_uploadFailedText; }
    bool uploading() const { return m_uploading; }
    QString syncedText() const { return m_syncedText; }
    QString lastSyncedText() const { return m_lastSyncedText; }
    double progress() const { return m_progress; }
    QString rateText() const { return m_rateText; }
    QString timeLeftText() const { return m_timeLeftText; }
    QString progressText() const;
    QVariantList errors() const { return m_errors; }
    QString primaryActionText() const;
    bool checkShown() const { return m_checkShown; }
    bool checkBusy() const { return m_checkBusy; }
    QString checkText() const { return m_checkText; }
    QVariantList checkRows() const { return m_checkRows; }
    bool canRepair() const { return m_canRepair; }

    /// Pauses or resumes this object, whichever the primary action says.
    Q_INVOKABLE void triggerPrimaryAction();
    Q_INVOKABLE void check();
    Q_INVOKABLE void repair();

signals:
    void controllerChanged();
    void nameChanged();
    void changed();

private:
    void refresh();

    QPointer<ManageDataController> m_controller;
    QMetaObject::Connection m_connection;
    QString m_name;
    bool m_found = false;
    QString m_statusText;
    int m_statusKind = 0;
    QUrl m_statusIcon;
    bool m_syncing = false;
    bool m_downloading = false;
    bool m_paused = false;
    bool m_scoped = false;
    QString m_localText;
    QString m_serverText;
    QString m_serverCheckedText;
    QString m_activityText;
    QString m_serverAllText;
    QString m_scopeText;
    QString m_storageText;
    QString m_unsavedText;
    bool m_hasUnsaved = false;
    qint64 m_uploadFailed = 0;
    QString m_uploadFailedText;
    bool m_uploading = false;
    QString m_syncedText;
    QString m_lastSyncedText;
    double m_progress = -1.0;
    QString m_rateText;
    QString m_timeLeftText;
    QVariantList m_errors;
    bool m_checkShown = false;
    bool m_checkBusy = false;
    QString m_checkText;
    QVariantList m_checkRows;
    bool m_canRepair = false;
    QVariantList m_signature; ///< everything above, to emit changed() only on a real change
};

} // namespace posdata
