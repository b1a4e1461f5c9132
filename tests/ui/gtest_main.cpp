// SPDX-License-Identifier: MIT
// Runs the UI GoogleTests inside a QCoreApplication: the model and the facade need Qt's event
// types and plugin loading (the SVG probe), never a display, so test discovery works anywhere.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
