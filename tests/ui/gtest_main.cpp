// SPDX-License-Identifier: MIT
// Runs the UI GoogleTests inside a QGuiApplication (the model and the facade use Qt's event loop
// types; SVG support is probed through QImageReader).
#include <QGuiApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
