// SPDX-License-Identifier: MIT
// The self-test drives the real app step by step; it waits for each step's outcome in a local
// event loop with a time limit (a test driver: the app itself never waits like this).
#include "selftest.h"

#include "till.h"

#include <posdatasync/engine.h>

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace {

using posdatasync::RecordOutcome;
using posdatasync::RecordStage;

constexpr int kStepTimeoutMs = 60000;

bool waitUntil(const std::function<bool()> &done, int timeoutMs = kStepTimeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired())
            loop.quit();
    });
    tick.start(20);
    if (!done())
        loop.exec();
    return done();
}

struct Checks
{
    int failed = 0;
    bool check(bool ok, const QString &what)
    {
        std::fprintf(ok ? stdout : stderr, "self-test: %s %s\n", ok ? "ok  " : "FAIL", qPrintable(what));
        if (!ok)
            ++failed;
        return ok;
    }
};

bool settled(const posdatasync::Snapshot &s)
{
    if (!s.running || s.objects.isEmpty())
        return false;
    for (const auto &o : s.objects) {
        if (o.status != posdatasync::Status::FullySynced && o.status != posdatasync::Status::SubsetSynced)
            return false;
    }
    return true;
}

} // namespace

EmulatorProcess::~EmulatorProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
}

bool EmulatorProcess::start(const QString &program, QString *error)
{
    m_process.setProgram(program);
    m_process.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"), QStringLiteral("small")});
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
        return false;
    }
    // Its first line is the instance URL, once it listens.
    QDeadlineTimer deadline(15000);
    while (!m_process.canReadLine() && !deadline.hasExpired() && m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(int(deadline.remainingTime()));
    const QUrl url(QString::fromUtf8(m_process.readLine()).trimmed());
    if (!url.isValid() || url.scheme() != u"http") {
        *error = QStringLiteral("%1 did not say its URL").arg(program);
        return false;
    }
    m_url = url;
    return true;
}

int runSelfTest(posdatasync::Engine &engine, Till &till, QQuickWindow *window, const QStringList &qmlProblems)
{
    Checks c;
    QList<RecordOutcome> outcomes;
    QObject::connect(&engine, &posdatasync::Engine::recordOutcome, &engine,
                     [&](const RecordOutcome &o) { outcomes.append(o); });
    auto outcome = [&](quint64 ticket, RecordStage stage) -> std::optional<RecordOutcome> {
        for (const auto &o : outcomes) {
            if (o.ticket == ticket && o.stage == stage)
                return o;
        }
        return std::nullopt;
    };
    auto ended = [&](quint64 ticket) {
        for (auto stage : {RecordStage::Uploaded, RecordStage::Refused, RecordStage::Failed}) {
            if (outcome(ticket, stage))
                return true;
        }
        return false;
    };

    // 1. Synced: the till may sell, every object settled.
    c.check(waitUntil([&] { return settled(engine.snapshot()) && engine.readyToSell(); }),
            QStringLiteral("synced and ready to sell"));

    // 2. Manage data on the host's own stack.
    QObject *stack = window ? window->property("stack").value<QObject *>() : nullptr;
    if (c.check(stack != nullptr, QStringLiteral("the window has its stack"))) {
        QMetaObject::invokeMethod(window, "openManageData");
        auto *page = stack->property("currentItem").value<QQuickItem *>();
        c.check(page && page->objectName() == u"manageDataPage", QStringLiteral("Manage data pushed onto the host's stack"));
        QObject *controller = page ? page->property("controller").value<QObject *>() : nullptr;
        const bool shown = controller && waitUntil([&] { return controller->property("allSynced").toBool(); });
        c.check(shown, QStringLiteral("Manage data shows every object synced: %1")
                           .arg(controller ? controller->property("summaryText").toString() : QString()));
        // Its back button: the page pops itself off the host's stack.
        if (page)
            QMetaObject::invokeMethod(page, "backClicked");
        c.check(waitUntil([&] { return stack->property("depth").toInt() == 1 && !stack->property("busy").toBool(); }),
                QStringLiteral("back on the till page"));
    }

    // 3. A shift opens: its record is kept on the device, under its Salesforce Id once uploaded.
    // (Each wait is its own statement: a check's words are built from what the wait brought.)
    const quint64 shift = till.openShift();
    const bool shiftUploaded = waitUntil([&] { return outcome(shift, RecordStage::Uploaded).has_value(); });
    c.check(shiftUploaded && engine.shiftId() == outcome(shift, RecordStage::Uploaded)->serverId,
            QStringLiteral("shift opened, uploaded, kept under its Salesforce Id %1").arg(engine.shiftId()));
    c.check(waitUntil([&] { return engine.snapshot().object(u"s_c__shift__c")->inUse == 1; }),
            QStringLiteral("the open shift is kept on the device"));

    // 4. Two sales: one Salesforce takes, one its validation refuses (a negative total).
    const quint64 good = till.sell(12.5);
    const quint64 bad = till.sell(-5.0);
    const bool answered = waitUntil([&] { return ended(good) && ended(bad); });
    c.check(answered, QStringLiteral("both sales answered"));
    const auto uploaded = outcome(good, RecordStage::Uploaded);
    c.check(outcome(good, RecordStage::Stored) && uploaded && !uploaded->serverId.isEmpty(),
            QStringLiteral("sale stored, then uploaded as %1").arg(uploaded ? uploaded->serverId : QString()));
    const auto refused = outcome(bad, RecordStage::Refused);
    c.check(outcome(bad, RecordStage::Stored) && refused && refused->code == u"FIELD_CUSTOM_VALIDATION_EXCEPTION",
            QStringLiteral("negative sale stored, then refused: %1").arg(refused ? refused->message : QString()));
    c.check(waitUntil([&] { return engine.snapshot().object(u"s_c__order__c")->uploadFailed == 1; }),
            QStringLiteral("the refused sale stays on the device, unsaved"));

    // 5. The shift closes: its end goes to Salesforce and the engine lets the record go.
    const quint64 close = till.closeShift();
    c.check(engine.shiftId().isEmpty(), QStringLiteral("shift closed"));
    c.check(waitUntil([&] { return outcome(close, RecordStage::Uploaded).has_value(); }),
            QStringLiteral("the closed shift uploaded"));
    c.check(waitUntil([&] { return engine.snapshot().object(u"s_c__shift__c")->inUse == 0; }),
            QStringLiteral("no shift record kept in use"));
    c.check(waitUntil([&] { return settled(engine.snapshot()); }), QStringLiteral("settled again"));

    for (const QString &problem : qmlProblems)
        c.check(false, QStringLiteral("QML: %1").arg(problem));
    std::fprintf(c.failed ? stderr : stdout, "self-test: %s\n", c.failed ? "FAILED" : "ok");
    return c.failed ? 1 : 0;
}
