// SPDX-License-Identifier: MIT
// The query page scanner: what it keeps, what it skips, and that bad bodies are errors, never crashes.
#include "net/querypage.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <gtest/gtest.h>

using posdata::QueryPage;

namespace {

const QByteArray kPage = R"({"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gX-2",
 "records":[
  {"attributes":{"type":"P__c","url":"/x"},"Id":"a0X000000000001AAA","Name":"Cola \"Zero\" \u00e9","SystemModstamp":"2024-05-01T00:00:05.000+0000","IsDeleted":false},
  {"attributes":{"type":"P__c"},"Id":"a0X000000000002AAA","SystemModstamp":"2024-05-01T00:00:06.000+0000","IsDeleted":true,"Brand_New__c":{"nested":[1,2.5e3,null]}}
 ]})";

} // namespace

TEST(QueryPage, ReadsHeaderAndRecords)
{
    QString error;
    const auto page = QueryPage::parse(kPage, &error);
    ASSERT_TRUE(page) << error.toStdString();
    EXPECT_EQ(page->totalSize, 3);
    EXPECT_FALSE(page->done);
    EXPECT_EQ(page->nextRecordsUrl, QStringLiteral("/services/data/v62.0/query/01gX-2"));
    ASSERT_EQ(page->records.size(), 2);
    EXPECT_EQ(page->records[0].id, QStringLiteral("a0X000000000001AAA"));
    EXPECT_EQ(page->records[0].systemModstamp, QStringLiteral("2024-05-01T00:00:05.000+0000"));
    EXPECT_FALSE(page->records[0].isDeleted);
    EXPECT_TRUE(page->records[1].isDeleted);
    EXPECT_EQ(page->skippedWithoutId, 0);
}

TEST(QueryPage, PayloadIsTheRecordJsonWithUnknownFields)
{
    const auto page = QueryPage::parse(kPage);
    ASSERT_TRUE(page);
    // Everything but the "attributes" metadata, byte for byte.
    EXPECT_TRUE(page->records[1].payload.startsWith("{\"Id\":\"a0X000000000002AAA\""))
        << page->records[1].payload.constData();
    EXPECT_FALSE(page->records[0].payload.contains("attributes"));
    EXPECT_TRUE(page->records[1].payload.endsWith("}"));
    EXPECT_TRUE(page->records[1].payload.contains("\"Brand_New__c\":{\"nested\":[1,2.5e3,null]}"));
    EXPECT_TRUE(page->records[0].payload.contains(R"("Name":"Cola \"Zero\" \u00e9")"));
}

TEST(QueryPage, MarksWhereIdAndModstampSitInThePayload)
{
    const auto page = QueryPage::parse(kPage);
    ASSERT_TRUE(page);
    for (const auto &r : page->records) {
        ASSERT_GE(r.idAt, 0);
        ASSERT_GE(r.modstampAt, 0);
        EXPECT_EQ(r.payload.mid(r.idAt, r.idSize), r.id.toUtf8());
        EXPECT_EQ(r.payload.mid(r.modstampAt, r.modstampSize), r.systemModstamp.toUtf8());
    }
    // An escaped value is not the same bytes as its text: not marked, the store converts it.
    const auto escaped = QueryPage::parse(
        R"({"totalSize":1,"done":true,"records":[{"Id":"a0X000000000003AA\u0041","SystemModstamp":"x"}]})");
    ASSERT_TRUE(escaped);
    ASSERT_EQ(escaped->records.size(), 1);
    EXPECT_EQ(escaped->records[0].id, QStringLiteral("a0X000000000003AAA"));
    EXPECT_EQ(escaped->records[0].idAt, -1);
    EXPECT_EQ(escaped->records[0].payload.mid(escaped->records[0].modstampAt, 1), "x");
    // Nor are bytes that are not ASCII (invalid UTF-8 is refused: InvalidUtf8IsAnError).
    const auto binary = QueryPage::parse(
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"a0X\xe2\x82\xac\",\"SystemModstamp\":\"\xc3\xa9\"}]}");
    ASSERT_TRUE(binary);
    ASSERT_EQ(binary->records.size(), 1);
    EXPECT_EQ(binary->records[0].idAt, -1);
    EXPECT_EQ(binary->records[0].modstampAt, -1);
}

TEST(QueryPage, StringEndsAndEscapesAreFoundAtEveryOffset)
{
    // The string scanner reads eight bytes a step: put each kind of special byte at every offset
    // of strings of every length up to 40, before and after multi-byte UTF-8, and compare the Id
    // it decodes with QJsonDocument's reading of the same text.
    const QList<QByteArray> specials = { "\\\"", "\\\\", "\\u00e9", "\xc3\xa9", "\xe2\x82\xac", "\x7f", "" };
    for (int length = 0; length <= 40; ++length) {
        for (int at = 0; at <= length; ++at) {
            for (const QByteArray &special : specials) {
                const QByteArray text = QByteArray(at, 'a') + special + QByteArray(length - at, 'b');
                if (text.isEmpty())
                    continue; // a record without an Id is skipped, tested below
                const QByteArray body = R"({"totalSize":1,"done":true,"records":[{"Id":")" + text
                    + R"(","SystemModstamp":"s"}]})";
                const auto page = QueryPage::parse(body);
                ASSERT_TRUE(page) << body.constData();
                ASSERT_EQ(page->records.size(), 1) << body.constData();
                const QJsonDocument ref = QJsonDocument::fromJson(body);
                EXPECT_EQ(page->records[0].id, ref["records"][0]["Id"].toString()) << body.constData();
                EXPECT_EQ(page->records[0].systemModstamp, QStringLiteral("s"));
            }
            // A raw control byte is not JSON: an error, wherever it is.
            const QByteArray bad = R"({"totalSize":1,"done":true,"records":[{"Id":")" + QByteArray(at, 'a')
                + '\x01' + QByteArray(length - at, 'b') + R"("}]})";
            QString error;
            EXPECT_FALSE(QueryPage::parse(bad, &error)) << bad.constData();
            EXPECT_TRUE(error.contains(QStringLiteral("control character"))) << error.toStdString();
        }
    }
}

TEST(QueryPage, TheAttributesMemberIsCutWhereverItIs)
{
    const QList<QPair<QByteArray, QByteArray>> cases = {
        { R"({"attributes":{"type":"P__c","url":"/x"},"Id":"a0X000000000001AAA","Name":"n"})",
            R"({"Id":"a0X000000000001AAA","Name":"n"})" },
        { R"({"Id":"a0X000000000001AAA", "attributes" : {"type":"P__c"} ,"Name":"n"})",
            R"({"Id":"a0X000000000001AAA", "Name":"n"})" },
        { R"({"Id":"a0X000000000001AAA","Name":"n","attributes":{"type":"P__c"}})",
            R"({"Id":"a0X000000000001AAA","Name":"n"})" },
        // Only the first one: a second member of that name is data, not the server's metadata.
        { R"({"attributes":{},"Id":"a0X000000000001AAA","attributes":[1]})",
            R"({"Id":"a0X000000000001AAA","attributes":[1]})" },
    };
    for (const auto &[record, stored] : cases) {
        const auto page = QueryPage::parse(R"({"totalSize":1,"done":true,"records":[)" + record + "]}");
        ASSERT_TRUE(page) << record.constData();
        ASSERT_EQ(page->records.size(), 1);
        const auto &r = page->records[0];
        EXPECT_EQ(r.payload, stored);
        EXPECT_TRUE(QJsonDocument::fromJson(r.payload).isObject()) << r.payload.constData();
        ASSERT_GE(r.idAt, 0);
        EXPECT_EQ(r.payload.mid(r.idAt, r.idSize), QByteArray("a0X000000000001AAA"));
    }
    // A record that is nothing but its attributes has no Id: skipped, as before.
    const auto only = QueryPage::parse(R"({"totalSize":1,"done":true,"records":[{"attributes":{}}]})");
    ASSERT_TRUE(only);
    EXPECT_EQ(only->skippedWithoutId, 1);
}

TEST(QueryPage, RecordsWithoutIdAreSkippedAndCounted)
{
    const QByteArray body = R"({"totalSize":4,"done":true,"records":[{"Name":"no id"},{"Id":null},
        {"Id":"a0X000000000003AAA","SystemModstamp":"2024-05-01T00:00:07.000+0000"}, 42]})";
    const auto page = QueryPage::parse(body);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->records.size(), 1);
    EXPECT_EQ(page->skippedWithoutId, 3);
    EXPECT_TRUE(page->done);
    EXPECT_FALSE(page->hasNext());
}

TEST(QueryPage, CountResponse)
{
    const auto page = QueryPage::parse(R"({"totalSize":42,"done":true,"records":[]})");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->totalSize, 42);
    EXPECT_TRUE(page->records.isEmpty());
}

TEST(QueryPage, EscapedIdIsDecoded)
{
    const auto page = QueryPage::parse(R"({"totalSize":1,"done":true,"records":[{"Id":"a0X\u0041\/1"}]})");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->records.size(), 1);
    EXPECT_EQ(page->records[0].id, QStringLiteral("a0XA/1"));
}

TEST(QueryPage, DoneIsNotTrustedWithoutNextRecordsUrl)
{
    // done:false but no URL: we cannot go on, so it is an error rather than a silent stop.
    EXPECT_FALSE(QueryPage::parse(R"({"totalSize":9,"done":false,"records":[]})"));
    // done:true with a URL: the URL wins (reference 8.2.10).
    const auto page = QueryPage::parse(R"({"totalSize":9,"done":true,"nextRecordsUrl":"/q/1","records":[]})");
    ASSERT_TRUE(page);
    EXPECT_TRUE(page->hasNext());
}

TEST(QueryPage, EveryTruncationIsAnError)
{
    // Cutting the body anywhere must give an error (and never crash or return a partial page).
    for (qsizetype n = 0; n < kPage.size(); ++n) {
        QString error;
        const auto page = QueryPage::parse(kPage.left(n), &error);
        EXPECT_FALSE(page) << "prefix of " << n << " bytes was accepted";
        EXPECT_FALSE(error.isEmpty());
    }
}

TEST(QueryPage, MalformedBodiesAreErrors)
{
    const QList<QByteArray> bad = {
        "",
        "<html><body>503 Service Unavailable</body></html>",
        "[{\"message\":\"x\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]",
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"a\"}]} trailing",
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"a\",}]}",
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":'a'}]}",
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"a\x01\"}]}",
        "{\"totalSize\":1.5,\"done\":true,\"records\":[]}",
        "{\"totalSize\":1,\"done\":tru,\"records\":[]}",
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"a\",\"X\":01}]}",
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"a\",\"X\":\"\\q\"}]}",
        "{\"foo\":1}",
        QByteArray(5000, '[') ,
    };
    for (const QByteArray &body : bad) {
        QString error;
        EXPECT_FALSE(QueryPage::parse(body, &error)) << body.left(80).toStdString();
        EXPECT_FALSE(error.isEmpty());
    }
}

TEST(QueryPage, InvalidUtf8IsAnError)
{
    // Found by fuzz_querypage: such bytes were stored, and QJsonDocument (which reads payloads back
    // for local edits) refuses them, so the record could not be read or edited afterwards.
    for (const QByteArray &bad : {QByteArray("\xff"), QByteArray("\xc3"), QByteArray("\xc0\xaf"), QByteArray("\xe0\x80\xaf"),
                                  QByteArray("\xed\xa0\x80"), QByteArray("\xf4\x90\x80\x80"), QByteArray("\x80"),
                                  QByteArray("\xe2\x82")}) {
        for (const QByteArray &where : {QByteArray("\"Id\":\"a0X1\",\"Name\":\"ab%1cd\""), QByteArray("\"Id\":\"a0X%1\""),
                                        QByteArray("\"Id\":\"a0X1\",\"N%1\":1"),
                                        QByteArray("\"Id\":\"a0X1\",\"Long__c\":\"01234567890123%1456789\"")}) {
            QByteArray body = R"({"totalSize":1,"done":true,"records":[{)" + where + "}]}";
            body.replace("%1", bad);
            QString error;
            EXPECT_FALSE(QueryPage::parse(body, &error)) << body.toHex().toStdString();
            EXPECT_TRUE(error.contains(QStringLiteral("invalid UTF-8"))) << error.toStdString();
        }
    }
    // Well-formed UTF-8 of every length passes, in and out of the eight-byte steps.
    const QByteArray good = "\"Name\":\"\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf \xf4\x8f\xbf\xbf 01234567\xc3\xa9\"";
    const auto page = QueryPage::parse(R"({"totalSize":1,"done":true,"records":[{"Id":"a0X000000000001AAA",)" + good + "}]}");
    ASSERT_TRUE(page);
    EXPECT_EQ(QJsonDocument::fromJson(page->records[0].payload).object().value(u"Name").toString(),
              QString::fromUtf8("\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf \xf4\x8f\xbf\xbf 01234567\xc3\xa9"));
}

TEST(QueryPage, EscapedKeysAreTheKeysTheyDecodeTo)
{
    // Found by fuzz_querypage: keys were compared as raw bytes, so a record keyed "\u0049d" had no
    // Id for the scanner (skipped) while every JSON reader, QJsonDocument included, sees Id.
    const auto page = QueryPage::parse(
        R"({"tot\u0061lSize":1,"done":true,"r\u0065cords":[{"\u0061ttributes":{"type":"X"},"\u0049d":"a0X000000000001AAA",)"
        R"("System\u004dodstamp":"2024-05-01T00:00:05.000+0000","IsDel\u0065ted":true,"Name":"n"}]})");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->totalSize, 1);
    ASSERT_EQ(page->records.size(), 1);
    EXPECT_EQ(page->skippedWithoutId, 0);
    EXPECT_EQ(page->records[0].id, QStringLiteral("a0X000000000001AAA"));
    EXPECT_EQ(page->records[0].systemModstamp, QStringLiteral("2024-05-01T00:00:05.000+0000"));
    EXPECT_TRUE(page->records[0].isDeleted);
    EXPECT_FALSE(page->records[0].payload.contains("ttributes"));
    EXPECT_EQ(page->records[0].payload.mid(page->records[0].idAt, page->records[0].idSize), "a0X000000000001AAA");
}

TEST(QueryPage, RepeatedDecidingKeysAreErrors)
{
    // Found by fuzz_querypage: two "records" arrays were concatenated (other readers keep the last),
    // and a nextRecordsUrl followed by null was kept (others: no next page). Such a body has no one
    // meaning: refused, not guessed. (A second attributes member is data: TheAttributesMemberIsCut...)
    const QByteArray rec = R"({"Id":"a0X000000000001AAA","SystemModstamp":"2024-05-01T00:00:05.000+0000"})";
    const QList<QByteArray> bad = {
        R"({"totalSize":2,"done":true,"records":[)" + rec + R"(],"records":[]})",
        R"({"totalSize":2,"done":true,"nextRecordsUrl":"/q/2","nextRecordsUrl":null,"records":[]})",
        R"({"totalSize":2,"totalSize":3,"done":true,"records":[]})",
        R"({"totalSize":2,"done":false,"done":true,"records":[]})",
        R"({"totalSize":1,"done":true,"records":[{"Id":"a0X000000000001AAA","Id":"a0X000000000002AAA"}]})",
        R"({"totalSize":1,"done":true,"records":[{"Id":"a0X000000000001AAA","\u0049d":"a0X000000000002AAA"}]})",
        R"({"totalSize":1,"done":true,"records":[{"Id":"a","SystemModstamp":"x","SystemModstamp":"y"}]})",
        R"({"totalSize":1,"done":true,"records":[{"Id":"a","IsDeleted":false,"IsDeleted":true}]})",
    };
    for (const QByteArray &body : bad) {
        QString error;
        EXPECT_FALSE(QueryPage::parse(body, &error)) << body.toStdString();
        EXPECT_TRUE(error.contains(QStringLiteral("repeated"))) << error.toStdString();
    }
    // Repeated names elsewhere are the payload's business (every reader keeps the last one).
    const auto page = QueryPage::parse(
        R"({"x":1,"x":2,"totalSize":1,"done":true,"records":[{"Id":"a","Name":"p","Name":"q","Account":{"Id":"b","Id":"c"}}]})");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->records.size(), 1);
}

TEST(QueryPage, UnpairedSurrogatesAreErrors)
{
    // Found by fuzz_querypage: a lone \uD83D was accepted (nlohmann refuses it); decoded, every lone
    // surrogate becomes the same U+FFFD, so two different Ids could be stored as one.
    for (const char *bad : {R"(\ud83d)", R"(\ud83dX)", R"(\ud83d\n)", R"(\ude00)", R"(\ud83d\ud83d)", R"(\ud83d\u0041)",
                            R"(\ude00\ud83d)", R"(\ud83d\ude0)"}) {
        const QByteArray body = R"({"totalSize":1,"done":true,"records":[{"Id":"a0X1","Name":")" + QByteArray(bad) + R"("}]})";
        QString error;
        EXPECT_FALSE(QueryPage::parse(body, &error)) << body.toStdString();
        EXPECT_FALSE(error.isEmpty());
    }
    const auto page = QueryPage::parse(R"({"totalSize":1,"done":true,"records":[{"Id":"a0X\ud83d\ude00\uDBFF\uDFFF"}]})");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->records.size(), 1);
    EXPECT_EQ(page->records[0].id.toUtf8(), QByteArray("a0X\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf"));
}

TEST(QueryPage, ZeroWidthNoBreakSpaceIsKept)
{
    // Found by fuzz_querypage: QString::fromUtf8 drops a leading U+FEFF (a byte-order mark to it), so
    // "\xEF\xBB\xBF" + Id decoded to the bare Id: two different Ids could be stored as one.
    const QByteArray body = "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"\xef\xbb\xbf" "a0X1\","
                            "\"SystemModstamp\":\"x\\n\xef\xbb\xbf" "y\"}]}";
    const auto page = QueryPage::parse(body);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->records.size(), 1);
    EXPECT_EQ(page->records[0].id, QString(QChar(0xFEFF)) + QStringLiteral("a0X1"));
    EXPECT_EQ(page->records[0].systemModstamp, QStringLiteral("x\n") + QChar(0xFEFF) + u'y');
}
