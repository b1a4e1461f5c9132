// SPDX-License-Identifier: MIT
// The GoogleTest main of the test programs that need a QCoreApplication: Qt finds the QSQLITE
// driver plugin through it, and QNetworkAccessManager, QProcess and the engine need its event loop.
// Link the `gtest_qcoreapp_main` library instead of GTest::gtest_main.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
