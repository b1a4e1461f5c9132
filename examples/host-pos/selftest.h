// SPDX-License-Identifier: MIT
// host-pos --self-test: the package's emulator as a child process, and the checks.
#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace posdatasync {
class Engine;
}
class QQuickWindow;
class Till;

/// The installed sf-emulator on a free loopback port, seeded with the small demo org; stopped
/// when this goes.
class EmulatorProcess
{
public:
    ~EmulatorProcess();
    /// False with `error` in words when it does not start or does not say its URL.
    bool start(const QString &program, QString *error);
    QUrl url() const { return m_url; }

private:
    QProcess m_process;
    QUrl m_url;
};

/// The demo org's first outlet (sf-emulator's seeded org, docs/emulator.md).
inline constexpr const char *kDemoOutletId = "a00000000000001AAA";

/// Syncs until the till may sell, opens Manage data on the window's stack, opens a shift, sells
/// (a sale Salesforce takes and one its validation refuses), closes the shift, and checks each
/// outcome and the engine's snapshot; `qmlProblems` are the QML warnings seen meanwhile. Prints
/// what it checks; 0 when everything held, 1 otherwise.
int runSelfTest(posdatasync::Engine &engine, Till &till, QQuickWindow *window, const QStringList &qmlProblems);
