// SPDX-License-Identifier: MIT
// Waiting in a test for what Qt's event loop delivers (a reply's callback, a signal), without a
// nested QEventLoop per wait: the events are processed until the condition holds.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>

#include <functional>

namespace testsupport {

/// How many times slower than an ordinary build this test runs: scripts/test --sanitize thread sets
/// POSDATA_TEST_TIME_SCALE (a TSan engine is several times slower), 1 otherwise.
inline int timeScale()
{
    bool ok = false;
    const int scale = qEnvironmentVariableIntValue("POSDATA_TEST_TIME_SCALE", &ok);
    return ok && scale > 1 ? scale : 1;
}

/// Processes events until `done()` or `ms` (times timeScale()) pass; returns `done()`. The limit
/// only stops a broken test from hanging the suite: nothing is asserted about time.
inline bool waitFor(const std::function<bool()> &done, int ms = 40000)
{
    const qint64 limit = qint64(ms) * timeScale();
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < limit)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    return done();
}

} // namespace testsupport
