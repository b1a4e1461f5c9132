// SPDX-License-Identifier: MIT
// What the CLI tests share: the outcome of one `posdata` run (exit code and both streams), running
// the real binary as a child process (as this user or as nobody), and the device file it reads.
#pragma once

#include "soql/ids.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>

#include <grp.h>
#include <unistd.h>

namespace clitest {

/// One run of the CLI, in-process or as a child: code -1 when the child crashed or hung.
struct CliOutput
{
    int code = -1;
    QString out;
    QString err;
};

/// Writes the device file `posdata sync` and `posdata upload` read, readable by its owner only (the
/// CLI refuses anything looser), and returns its path.
inline QString writeDeviceFile(const QString &path, const QString &instanceUrl, const QString &refreshToken)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    const QJsonObject o{{QStringLiteral("instanceUrl"), instanceUrl},
                        {QStringLiteral("clientId"), QStringLiteral("pos-demo")},
                        {QStringLiteral("refreshToken"), refreshToken},
                        {QStringLiteral("outletId"), QString::fromStdString(soql::makeId("a00", 1))},
                        {QStringLiteral("shiftId"), QString::fromStdString(soql::makeId("a01", 1))}};
    f.write(QJsonDocument(o).toJson());
    f.close();
    EXPECT_TRUE(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    return path;
}

#ifdef POSDATA_BINARY

/// Who the child runs as. Nobody (uid and gid 65534, no supplementary groups) only when the tests
/// run as root; otherwise the child runs as this user and the caller skips what needs root.
enum class RunAs { ThisUser, Nobody };

/// Runs the real `posdata` with `args` and waits for it. The guard only stops a hung child from
/// hanging the suite (it is killed and the code is -1); nothing is asserted about time.
inline CliOutput runPosdata(const QStringList &args, RunAs as = RunAs::ThisUser)
{
    QProcess p;
    if (as == RunAs::Nobody && ::geteuid() == 0) {
        p.setChildProcessModifier([] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(99);
        });
    }
    p.start(QStringLiteral(POSDATA_BINARY), args);
    CliOutput o;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return o;
    }
    o.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

#endif

} // namespace clitest
