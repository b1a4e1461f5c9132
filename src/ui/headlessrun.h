// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTextStream>

class QQuickWindow;

namespace posdata {

class ManageDataController;

/// The unattended part of pos-manage-data: prints the live status table and, once every object
/// is synced, saves screenshots of the list, a detail page and (when there are some) an object's
/// unsaved records, and asks the app to quit.
class HeadlessRun : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString screenshotDir; ///< empty: no screenshots
        bool quitWhenSynced = false;
        bool printTable = false; ///< the live status table on stdout
        QString suffix; ///< appended to file names, e.g. "-portrait"
    };

    HeadlessRun(ManageDataController *controller, QQuickWindow *window, Options options,
                QObject *parent = nullptr);

    /// The object whose detail page is captured: a scoped one if any (it shows more), else the first.
    static QString detailObjectFor(const ManageDataController &controller);
    /// The object whose unsaved records are captured: one with refused uploads if any, else one
    /// with unsaved records; empty when nothing is unsaved (no such screenshot then).
    static QString unsavedObjectFor(const ManageDataController &controller);

signals:
    /// 0 when done, non-zero when a screenshot could not be written.
    void finished(int exitCode);

private:
    /// Ends the run with `code`, or 1 when an object showed Incomplete (see m_sawIncomplete).
    void finish(int code);
    void onStateChanged();
    void printTable(bool force);
    void captureList();
    void captureDetail();
    void captureUnsaved();
    bool save(const QString &name);

    QPointer<ManageDataController> m_controller;
    QPointer<QQuickWindow> m_window;
    Options m_options;
    QTextStream m_out;
    QElapsedTimer m_sincePrint;
    QString m_lastStatuses;
    bool m_capturing = false;
    bool m_failed = false;
    /// Objects the screen showed Incomplete during the run ("name local/server"): a demo of a fresh
    /// device must never show red, so --quit-when-synced ends with exit 1 when this is not empty.
    QStringList m_sawIncomplete;
};

} // namespace posdata
