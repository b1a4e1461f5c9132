// SPDX-License-Identifier: MIT
// posdata: the support command line. Only wiring: stdio streams, application names, the CLI library.
#include "cli/cliapp.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The POS app's name, so that AppDataLocation (the default --db folder) is the app's own.
    QCoreApplication::setApplicationName(QStringLiteral("pos-manage-data"));
    // The command's output is its words and its exit code; the engine's debug log is for
    // QT_LOGGING_RULES="posdata.*.debug=true" (warnings still show).
    QLoggingCategory::setFilterRules(QStringLiteral("posdata.*.debug=false\nposdata.*.info=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    posdata::CliApp cli({&out, &err, &in, ::isatty(fileno(stdout)) == 1});
    return cli.run(QCoreApplication::arguments().mid(1));
}
