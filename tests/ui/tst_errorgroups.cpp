// SPDX-License-Identifier: MIT
// The error wording of the detail page: one plain sentence per kind, errors grouped by kind with how
// often and when, the raw server text kept for support, a bounded history.
#include "ui/errorgroups.h"

#include <gtest/gtest.h>

using namespace posdata;

namespace {
const QLocale kUs(QLocale::English, QLocale::UnitedStates);
const QLocale kDe(QLocale::German, QLocale::Germany);
// 19:50 local time today, whatever the machine's time zone.
const QDateTime kNow = QDateTime(QDate(2026, 3, 12), QTime(20, 0)).toUTC();

SyncError error(const QString &code, int minutesAgo, const QString &message = {}, const QString &detail = {})
{
    return SyncError{code, message, kNow.addSecs(-60 * minutesAgo), detail};
}
} // namespace

TEST(ErrorWords, EveryKnownKindHasItsOwnSentenceAndUnknownOnesAGeneralOne)
{
    EXPECT_EQ(errorKindSentence("NETWORK"), "Could not reach Salesforce. Check the network connection.");
    EXPECT_EQ(errorKindSentence("HTTP_503"), "Salesforce did not answer (HTTP 503).");
    EXPECT_EQ(errorKindSentence("HTTP_404"), "Salesforce refused the request (HTTP 404).");
    EXPECT_EQ(errorKindSentence("INVALID_FIELD"), "A field this object syncs is not available in Salesforce.");
    EXPECT_EQ(errorKindSentence("INVALID_TYPE"), "This object is not available in Salesforce for this device.");
    EXPECT_EQ(errorKindSentence("DISK_FULL"), "The device storage is full. Nothing was lost.");
    EXPECT_EQ(errorKindSentence("SOMETHING_NEW"), "Salesforce reported an error.");
    EXPECT_EQ(errorKindSentence(""), "Salesforce reported an error.");
    // The codes the engine, the network layer and the store give all have words of their own.
    for (const char *code : {"TIMEOUT", "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION", "REQUEST_LIMIT_EXCEEDED",
                             "MALFORMED_RESPONSE", "STALLED", "NO_PROGRESS", "RECORD_WITHOUT_ID",
                             "INVALID_QUERY_LOCATOR", "INVALID_SCOPE", "SIGN_IN_REQUIRED", "invalid_grant",
                             "REDIRECT_REFUSED", "INSTANCE_URL_REFUSED", "STORE_BUSY", "STORE_READ_ONLY",
                             "STORE_ERROR", "UNABLE_TO_LOCK_ROW", "ENTITY_IS_DELETED",
                             "ALL_OR_NONE_OPERATION_ROLLED_BACK", "FIELD_CUSTOM_VALIDATION_EXCEPTION"})
        EXPECT_NE(errorKindSentence(code), "Salesforce reported an error.") << code;
}

TEST(ErrorWords, SixIdenticalErrorsAreOneEntryWithHowOftenAndWhen)
{
    QList<SyncError> errors;
    for (int i = 6; i >= 1; --i)
        errors.append(error("HTTP_503", 10 + i, "Salesforce answered HTTP 503", "<html>Service Unavailable</html>"));
    const auto groups = groupErrors(errors);
    ASSERT_EQ(groups.size(), 1);
    EXPECT_EQ(groups.at(0).count, 6);
    EXPECT_EQ(groupErrors(errors).at(0).last, kNow.addSecs(-60 * 11));
    EXPECT_EQ(errorGroupLine(groups.at(0), kNow, kUs),
              "Salesforce did not answer (HTTP 503) - 6 times, last "
                  + kUs.toString(kNow.addSecs(-660).toLocalTime().time(), QLocale::ShortFormat));
    EXPECT_EQ(groups.at(0).raw, "HTTP_503: <html>Service Unavailable</html>");
}

TEST(ErrorWords, GroupsAreNewestFirstAndKeepTheNewestRawText)
{
    const QList<SyncError> errors{
        error("INVALID_FIELD", 30, "Field X is not available", "No such column 'X' on entity 'Contact'"),
        error("NETWORK", 20, "Connection refused"),
        error("INVALID_FIELD", 10, "Field Y is not available", "No such column 'Y' on entity 'Contact'"),
    };
    const auto groups = groupErrors(errors);
    ASSERT_EQ(groups.size(), 2);
    EXPECT_EQ(groups.at(0).code, "INVALID_FIELD");
    EXPECT_EQ(groups.at(0).count, 2);
    EXPECT_EQ(groups.at(0).raw, "INVALID_FIELD: No such column 'Y' on entity 'Contact'");
    EXPECT_EQ(groups.at(1).code, "NETWORK");
    EXPECT_EQ(groups.at(1).raw, "NETWORK: Connection refused"); // no server text: our message
    const QString single = errorGroupLine(groups.at(1), kNow, kUs);
    EXPECT_TRUE(single.startsWith("Could not reach Salesforce. Check the network connection - ")) << single.toStdString();
    EXPECT_FALSE(single.contains("times"));
}

TEST(ErrorWords, ServerTextIsOneLineOfPrintableText)
{
    const auto groups = groupErrors({error("UNKNOWN_EXCEPTION", 1, {}, "An unexpected error\n\x1b[31moccurred\u202e")});
    ASSERT_EQ(groups.size(), 1);
    EXPECT_EQ(groups.at(0).raw, "UNKNOWN_EXCEPTION: An unexpected error [31moccurred");
}

TEST(ErrorWords, HistoryIsBoundedToTheNewestKinds)
{
    QList<SyncError> errors;
    for (int i = 0; i < 30; ++i)
        errors.append(error(QStringLiteral("HTTP_5%1").arg(i, 2, 10, QLatin1Char('0')), 60 - i));
    const auto groups = groupErrors(errors);
    ASSERT_EQ(groups.size(), 20);
    EXPECT_EQ(groups.first().code, "HTTP_529");
    EXPECT_EQ(groups.last().code, "HTTP_510");
    EXPECT_EQ(groupErrors(errors, 3).size(), 3);
}

TEST(ErrorWords, OlderErrorsCarryTheirDateInTheLocaleFormat)
{
    const auto groups = groupErrors({error("TIMEOUT", 60 * 24 * 3), error("TIMEOUT", 60 * 24 * 2)});
    const QDateTime last = kNow.addSecs(-60 * 60 * 24 * 2).toLocalTime();
    EXPECT_EQ(errorTimeText(groups.at(0).last, kNow, kDe),
              kDe.toString(last.date(), QLocale::ShortFormat) + " " + kDe.toString(last.time(), QLocale::ShortFormat));
    EXPECT_EQ(errorTimeText({}, kNow, kUs), "time unknown");
}
