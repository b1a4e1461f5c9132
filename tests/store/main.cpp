// SPDX-License-Identifier: MIT
// GoogleTest main with a QCoreApplication: the QSQLITE driver is a plugin found through it.
#include <QCoreApplication>
#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
