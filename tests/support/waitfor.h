// SPDX-License-Identifier: MIT
// Waiting in a test for what Qt's event loop delivers (a reply's callback, a signal), without a
// nested QEventLoop per wait: the events are processed until the condition holds.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>

#include <functional>

namespace testsupport {

/// Processes events until `done()` or `ms` pass; returns `done()`. The limit only stops a broken
/// test from hanging the suite: nothing is asserted about time.
inline bool waitFor(const std::function<bool()> &done, int ms = 40000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    return done();
}

} // namespace testsupport
