// SPDX-License-Identifier: MIT
// pos-manage-data's unattended runs (scripts/demo, screenshots for the docs), on the public API:
// the engine's snapshot, and the window's QML objects as any host's code would see them.
#pragma once

#include <posdatasync/engine.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTextStream>

class QQuickWindow;

/// Prints the live status table and, once every object is synced, saves screenshots of the list,
/// a detail page and (when there are some) an object's unsaved records, and asks the app to quit.
/// The window is pos-manage-data's Main.qml: its `controller` (ManageDataController: allSynced,
/// statusTable()) and its `shell` (openDetail(), openUnsaved()).
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

    HeadlessRun(const posdatasync::Engine *engine, QQuickWindow *window, Options options, QObject *parent = nullptr);

    /// The object whose detail page is captured: a scoped one if any (it shows more), else the first.
    static QString detailObjectFor(const posdatasync::Snapshot &snapshot);
    /// The object whose unsaved records are captured: one with refused uploads if any, else one
    /// with unsaved records; empty when nothing is unsaved (no such screenshot then).
    static QString unsavedObjectFor(const posdatasync::Snapshot &snapshot);

signals:
    /// 0 when done, non-zero when a screenshot could not be written.
    void finished(int exitCode);

private:
    /// Ends the run with `code`, or 1 when an object showed Incomplete (see m_sawIncomplete).
    void finish(int code);
    void onSnapshot(const posdatasync::Snapshot &snapshot);
    void printTable(bool force);
    void captureList();
    void captureDetail();
    void captureUnsaved();
    bool save(const QString &name);
    QObject *windowObject(const char *name) const;

    QPointer<const posdatasync::Engine> m_engine;
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
