// SPDX-License-Identifier: MIT
// Runs the UI GoogleTests inside a QCoreApplication: the model and the facade need Qt's event
// types and plugin loading (the SVG probe), never a display, so test discovery works anywhere.
// The English translation is installed as in the app: it carries the plural forms (%n).
#include "ui/translations.h"

#include <QCoreApplication>

#include <gtest/gtest.h>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString error;
    if (!posdata::installTranslations(app, posdata::uiLocale(QStringLiteral("en")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
