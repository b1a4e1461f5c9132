// SPDX-License-Identifier: MIT
// posdata: the support command line. Only wiring: stdio streams, application names, the CLI library.
#include "cli/cliapp.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The POS app's name, so that AppDataLocation (the default --db folder) is the app's own.
    QCoreApplication::setApplicationName(QStringLiteral("pos-manage-data"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    posdata::CliApp cli({&out, &err, &in, ::isatty(fileno(stdout)) == 1});
    return cli.run(QCoreApplication::arguments().mid(1));
}
