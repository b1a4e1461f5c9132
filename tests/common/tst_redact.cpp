// SPDX-License-Identifier: MIT
// redactSecret(): every occurrence, any letter case, and nothing else touched.
#include "common/redact.h"

#include <gtest/gtest.h>

using namespace posdata;

TEST(RedactTest, ReplacesEveryOccurrenceInAnyCase)
{
    const QString secret = QStringLiteral("5Aep861TSESvWeug_SECRET");
    EXPECT_EQ(redactSecret(QStringLiteral("a 5Aep861TSESvWeug_SECRET b 5aep861tsesvweug_secret c 5AEP861TSESVWEUG_SECRET"),
                           secret),
              QStringLiteral("a <redacted> b <redacted> c <redacted>"));
    EXPECT_EQ(redactSecret(QStringLiteral("https://5aep861tsesvweug_secret.example.com/"), secret),
              QStringLiteral("https://<redacted>.example.com/"));
}

TEST(RedactTest, LeavesOtherTextAlone)
{
    EXPECT_EQ(redactSecret(QStringLiteral("no secret here"), QStringLiteral("5Aep861TSESvWeug_SECRET")),
              QStringLiteral("no secret here"));
    // No secret known yet (before a device file is loaded): nothing changes.
    EXPECT_EQ(redactSecret(QStringLiteral("text"), QString()), QStringLiteral("text"));
    // A partial match is not the secret.
    EXPECT_EQ(redactSecret(QStringLiteral("5Aep861TSESvWeug"), QStringLiteral("5Aep861TSESvWeug_SECRET")),
              QStringLiteral("5Aep861TSESvWeug"));
}

TEST(RedactTest, HidesEmailsAndPhoneNumbersForSupport)
{
    EXPECT_EQ(redactPersonal(QStringLiteral("duplicate value jane.doe+pos@mail.example.co.uk on Contact")),
              QStringLiteral("duplicate value <email> on Contact"));
    EXPECT_EQ(redactPersonal(QStringLiteral("call +49 30 1234567 or (030) 123-4567, or 015112345678.")),
              QStringLiteral("call <phone> or <phone>, or <phone>."));
}

TEST(RedactTest, LeavesDatesIdsAndShortNumbersAlone)
{
    const QString text = QStringLiteral("at 2026-12-04T13:00:00Z, 2026-12-04 13:00: record a02000000000001AAA, 37 of 100000 rows");
    EXPECT_EQ(redactPersonal(text), text);
}
