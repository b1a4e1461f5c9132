// SPDX-License-Identifier: MIT
// HeadlessRun: the table while syncing, then the screenshots, then the exit code.
#include "headlessrun.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QMouseEvent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

namespace {
// A terminal shows the table about once a second; status changes print at once.
constexpr int kTablePrintIntervalMs = 1000;
// Lets the pushed page lay out and paint a few frames before it is grabbed.
constexpr int kSettleMs = 400;
} // namespace

void HeadlessRun::finish(int code)
{
    if (m_options.quitWhenSynced && !m_sawIncomplete.isEmpty()) {
        m_out << "FAILED: the screen showed Incomplete during the run: " << m_sawIncomplete.join(QStringLiteral(", "))
              << Qt::endl;
        code = 1;
    }
    emit finished(code);
}

HeadlessRun::HeadlessRun(const posdatasync::Engine *engine, QQuickWindow *window, Options options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_window(window)
    , m_options(std::move(options))
    , m_out(stdout)
{
    // Queued: the page's controller takes the same snapshot first, so the table and its verdict
    // (allSynced) are the screen's at this snapshot.
    connect(engine, &posdatasync::Engine::snapshotChanged, this, &HeadlessRun::onSnapshot, Qt::QueuedConnection);
}

QString HeadlessRun::detailObjectFor(const posdatasync::Snapshot &snapshot)
{
    for (const auto &o : snapshot.objects) {
        if (o.scoped)
            return o.name;
    }
    return snapshot.objects.isEmpty() ? QString() : snapshot.objects.constFirst().name;
}

QString HeadlessRun::unsavedObjectFor(const posdatasync::Snapshot &snapshot)
{
    for (const auto &o : snapshot.objects) {
        if (o.uploadFailed > 0)
            return o.name;
    }
    for (const auto &o : snapshot.objects) {
        if (o.unsaved > 0)
            return o.name;
    }
    return {};
}

QObject *HeadlessRun::windowObject(const char *name) const
{
    return m_window ? m_window->property(name).value<QObject *>() : nullptr;
}

void HeadlessRun::onSnapshot(const posdatasync::Snapshot &snapshot)
{
    QString statuses;
    for (const auto &o : snapshot.objects) {
        statuses += o.name + QLatin1Char('=') + o.statusText + QLatin1Char(';');
        const QString seen = QStringLiteral("%1 %2/%3").arg(o.name).arg(o.stored).arg(o.server);
        if (o.status == posdatasync::Status::Incomplete && !m_sawIncomplete.contains(seen))
            m_sawIncomplete << seen;
    }
    const bool statusMoved = statuses != m_lastStatuses;
    m_lastStatuses = statuses;
    if (m_options.printTable)
        printTable(statusMoved);
    // Synced, and every unsaved record either uploaded or refused (the demo's sales have their answer).
    bool uploadsSettled = true;
    for (const auto &o : snapshot.objects)
        uploadsSettled = uploadsSettled && !o.uploading && o.unsaved == o.uploadFailed;
    // The screen's own verdict: what it shows is what is captured.
    const QObject *controller = windowObject("controller");
    const bool allSynced = controller && controller->property("allSynced").toBool();
    if (m_options.quitWhenSynced && !m_capturing && allSynced && uploadsSettled) {
        m_capturing = true;
        if (m_options.printTable)
            printTable(true);
        if (m_options.screenshotDir.isEmpty() || !m_window) {
            finish(0);
            return;
        }
        // Under Xvfb the pointer rests mid-screen: a row under it would show hovered.
        const QPointF corner(1, m_window->height() - 1);
        QMouseEvent away(QEvent::MouseMove, corner, m_window->mapToGlobal(corner), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(m_window, &away);
        QTimer::singleShot(kSettleMs, this, &HeadlessRun::captureList);
    }
}

void HeadlessRun::printTable(bool force)
{
    if (!force && m_sincePrint.isValid() && m_sincePrint.elapsed() < kTablePrintIntervalMs)
        return;
    m_sincePrint.start();
    QString table;
    if (QObject *controller = windowObject("controller"))
        QMetaObject::invokeMethod(controller, "statusTable", Q_RETURN_ARG(QString, table));
    m_out << table << Qt::endl;
}

bool HeadlessRun::save(const QString &name)
{
    QDir().mkpath(m_options.screenshotDir);
    const QString path = QDir(m_options.screenshotDir).filePath(name + m_options.suffix + QStringLiteral(".png"));
    const QImage image = m_window->grabWindow();
    if (image.isNull() || !image.save(path)) {
        m_out << "could not write screenshot " << path << Qt::endl;
        m_failed = true;
        return false;
    }
    m_out << "screenshot " << path << Qt::endl;
    return true;
}

void HeadlessRun::captureList()
{
    if (!m_window || !m_engine)
        return finish(1);
    save(QStringLiteral("manage-data"));
    QObject *shell = windowObject("shell");
    const QString name = detailObjectFor(m_engine->snapshot());
    if (!shell || name.isEmpty()
        || !QMetaObject::invokeMethod(shell, "openDetail", Q_ARG(QVariant, name), Q_ARG(QVariant, true))) {
        m_out << "could not open the detail page" << Qt::endl;
        return finish(1);
    }
    QTimer::singleShot(kSettleMs, this, &HeadlessRun::captureDetail);
}

void HeadlessRun::captureDetail()
{
    if (!m_window)
        return finish(1);
    save(QStringLiteral("object-detail"));
    const QString name = m_engine ? unsavedObjectFor(m_engine->snapshot()) : QString();
    QObject *shell = windowObject("shell");
    if (name.isEmpty() || !shell)
        return finish(m_failed ? 1 : 0);
    if (!QMetaObject::invokeMethod(shell, "openUnsaved", Q_ARG(QVariant, name), Q_ARG(QVariant, true))) {
        m_out << "could not open the unsaved records page" << Qt::endl;
        return finish(1);
    }
    // The page asks the engine for its records on open; the answer comes from the worker well
    // within the settle time.
    QTimer::singleShot(kSettleMs, this, &HeadlessRun::captureUnsaved);
}

void HeadlessRun::captureUnsaved()
{
    if (!m_window)
        return finish(1);
    save(QStringLiteral("unsaved-records"));
    finish(m_failed ? 1 : 0);
}
