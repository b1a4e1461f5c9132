// SPDX-License-Identifier: MIT
// `posdata sync` progress lines: an object's error is server text, so the refresh token is scrubbed
// from it in any letter case, on a terminal and in plain output.
#include "cli/progressprinter.h"

#include <QTextStream>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

constexpr char kToken[] = "5Aep861TSESvWeug_progress_SECRET";

EngineSnapshot failedWith(const QString &message)
{
    SyncObjectSnapshot o;
    o.name = QStringLiteral("contact");
    o.status = SyncStatus::Incomplete;
    o.lastAttemptFailed = true;
    o.errors << SyncError{QStringLiteral("invalid_grant"), message, QDateTime::currentDateTimeUtc(), QString()};
    EngineSnapshot s;
    s.objects << o;
    return s;
}

} // namespace

TEST(ProgressPrinterTest, ErrorsAreScrubbedOfTheToken)
{
    const QString token = QLatin1String(kToken);
    const EngineSnapshot s = failedWith(QStringLiteral("refresh token %1 (%2) expired").arg(token, token.toLower()));
    for (bool terminal : {false, true}) {
        QString text;
        QTextStream out(&text);
        ProgressPrinter printer(out, terminal, token);
        printer.update(s);
        out.flush();
        EXPECT_TRUE(text.contains(QStringLiteral("error invalid_grant: refresh token <redacted> (<redacted>) expired")))
            << text.toStdString();
        EXPECT_FALSE(text.contains(token, Qt::CaseInsensitive)) << text.toStdString();
    }
}
