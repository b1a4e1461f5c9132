// SPDX-License-Identifier: MIT
#include "headlessrun.h"

#include "managedatacontroller.h"
#include "syncformatter.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QMouseEvent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

namespace posdata {

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

HeadlessRun::HeadlessRun(ManageDataController *controller, QQuickWindow *window, Options options,
                         QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_window(window)
    , m_options(std::move(options))
    , m_out(stdout)
{
    connect(controller, &ManageDataController::stateChanged, this, &HeadlessRun::onStateChanged);
}

QString HeadlessRun::detailObjectFor(const ManageDataController &controller)
{
    const auto &objects = controller.snapshot().objects;
    for (const auto &o : objects) {
        if (o.scoped)
            return o.name;
    }
    return objects.isEmpty() ? QString() : objects.constFirst().name;
}

QString HeadlessRun::unsavedObjectFor(const ManageDataController &controller)
{
    const auto &objects = controller.snapshot().objects;
    for (const auto &o : objects) {
        if (o.uploadFailed > 0)
            return o.name;
    }
    for (const auto &o : objects) {
        if (o.unsaved > 0)
            return o.name;
    }
    return {};
}

void HeadlessRun::onStateChanged()
{
    if (!m_controller)
        return;
    QString statuses;
    for (const auto &o : m_controller->snapshot().objects) {
        statuses += o.name + QLatin1Char('=') + SyncFormatter::statusText(o.status) + QLatin1Char(';');
        const QString seen = QStringLiteral("%1 %2/%3").arg(o.name).arg(o.stored).arg(o.server);
        if (o.status == SyncStatus::Incomplete && !m_sawIncomplete.contains(seen))
            m_sawIncomplete << seen;
    }
    const bool statusMoved = statuses != m_lastStatuses;
    m_lastStatuses = statuses;
    if (m_options.printTable)
        printTable(statusMoved);
    // Synced, and every unsaved record either uploaded or refused (the demo's sales have their answer).
    bool uploadsSettled = true;
    for (const auto &o : m_controller->snapshot().objects)
        uploadsSettled = uploadsSettled && !o.uploading && o.unsaved == o.uploadFailed;
    if (m_options.quitWhenSynced && !m_capturing && m_controller->allSynced() && uploadsSettled) {
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
    m_out << SyncFormatter::statusTable(m_controller->snapshot().objects, m_controller->locale()) << Qt::endl;
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
    if (!m_window || !m_controller)
        return finish(1);
    save(QStringLiteral("manage-data"));
    QObject *shell = m_window->property("shell").value<QObject *>();
    const QString name = detailObjectFor(*m_controller);
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
    const QString name = m_controller ? unsavedObjectFor(*m_controller) : QString();
    QObject *shell = m_window->property("shell").value<QObject *>();
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

} // namespace posdata
