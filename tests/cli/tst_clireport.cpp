// SPDX-License-Identifier: MIT
// `posdata report` end to end: the real binary on a store synced from the in-process emulator, with a
// token, an e-mail address and a phone number seeded where a report could pick them up (the device
// file, an object's last error, an unsaved contact): none of them may be in the JSON, its text twin
// or what is printed.
#include "posdatarunner.h"

#include "emulator/emulatorserver.h"
#include "store/localstore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using clitest::CliOutput;
using clitest::runPosdata;

const QString kEmail = QStringLiteral("jane.doe@example.com");
const QString kPhone = QStringLiteral("+49 30 1234567");

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void expectNothingPersonal(const QString &text, const char *where)
{
    ASSERT_FALSE(text.isEmpty()) << where;
    EXPECT_FALSE(text.contains(QString::fromLatin1(emu::Emulator::kRefreshToken), Qt::CaseInsensitive)) << where;
    EXPECT_FALSE(text.contains(kEmail, Qt::CaseInsensitive)) << where;
    EXPECT_FALSE(text.contains(QStringLiteral("1234567"))) << where;
    EXPECT_FALSE(text.contains(QStringLiteral("555-0199"))) << where;
    EXPECT_FALSE(text.contains(QStringLiteral("@"))) << where << ": " << text.toStdString();
}

} // namespace

TEST(CliReportTest, ReportSaysStatusCountsAndStorageWithoutTokensEmailsOrPhones)
{
    emu::EmulatorOptions options;
    options.seed = "small";
    emu::EmulatorServer server(options);
    std::string error;
    ASSERT_TRUE(server.start(&error)) << error;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("posdata.db"));
    const QString device = clitest::writeDeviceFile(dir.filePath(QStringLiteral("device.json")),
        QString::fromStdString(server.url()), QString::fromLatin1(emu::Emulator::kRefreshToken));
    ASSERT_EQ(runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device,
                  QStringLiteral("--db"), db}).code,
        0);
    server.stop();
    {
        auto store = posdata::LocalStore::open(db, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->setLastError(QStringLiteral("contact"), QStringLiteral("DUPLICATE_VALUE"),
            QStringLiteral("duplicate value found: Email %1, Phone %2 (also 0171 555-0199)").arg(kEmail, kPhone),
            QDateTime::currentDateTimeUtc()));
        ASSERT_FALSE(store->createRecord(QStringLiteral("contact"),
                              {{"LastName", "Doe"}, {"Email", kEmail}, {"Phone", kPhone}}, QStringLiteral("s_c__pos_uuid__c"))
                         .isEmpty());
    }

    const QString out = dir.filePath(QStringLiteral("report.json"));
    const CliOutput written = runPosdata({QStringLiteral("report"), QStringLiteral("--output"), out,
        QStringLiteral("--device"), device, QStringLiteral("--db"), db});
    ASSERT_EQ(written.code, 0) << written.err.toStdString();
    const QString json = readFile(out);
    const QString text = readFile(dir.filePath(QStringLiteral("report.txt")));
    expectNothingPersonal(json, "report.json");
    expectNothingPersonal(text, "report.txt");
    expectNothingPersonal(written.out + QStringLiteral(" "), "stdout");

    const QJsonObject report = QJsonDocument::fromJson(json.toUtf8()).object();
    EXPECT_EQ(report.value(u"configuration").toObject().value(u"sha256").toString().size(), 64);
    EXPECT_GT(report.value(u"storage").toObject().value(u"freeBytes").toInteger(), 0);
    EXPECT_GT(report.value(u"storage").toObject().value(u"databaseBytes").toInteger(), 0);
    bool sawContact = false;
    for (const QJsonValue &v : report.value(u"objects").toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name").toString() != u"contact")
            continue;
        sawContact = true;
        EXPECT_EQ(o.value(u"local").toInteger(), 201); // the 200 synced and the one made here
        EXPECT_EQ(o.value(u"unsaved").toInteger(), 1);
        EXPECT_GT(o.value(u"recordBytes").toInteger(), 200 * 18);
        const QString message = o.value(u"lastError").toObject().value(u"message").toString();
        EXPECT_TRUE(message.contains(QStringLiteral("<email>"))) << message.toStdString();
        EXPECT_TRUE(message.contains(QStringLiteral("<phone>"))) << message.toStdString();
    }
    EXPECT_TRUE(sawContact) << json.toStdString();
    // The sync cycle `posdata sync --once` ran, as the engine kept it in the store.
    const QJsonArray cycles = report.value(u"syncCycles").toArray();
    ASSERT_GE(cycles.size(), 1) << json.toStdString();
    const QJsonObject first = cycles.last().toObject(); // newest first: the first sync is last
    EXPECT_TRUE(first.value(u"what").toString().startsWith(QStringLiteral("downloaded s_c__outlet__c")))
        << first.value(u"what").toString().toStdString();
    EXPECT_GT(first.value(u"apiCalls").toInteger(), 4) << "a token, counts, and a download per object";
    EXPECT_GE(first.value(u"durationMs").toInteger(), 0);
    EXPECT_FALSE(first.value(u"when").toString().isEmpty());
    EXPECT_TRUE(text.contains(QStringLiteral("DUPLICATE_VALUE"))) << text.toStdString();

    // Printed instead of written: the same care.
    const CliOutput printed = runPosdata({QStringLiteral("report"), QStringLiteral("--db"), db});
    ASSERT_EQ(printed.code, 0) << printed.err.toStdString();
    expectNothingPersonal(printed.out, "printed report");
    EXPECT_TRUE(printed.out.contains(QStringLiteral("recordBytes")));
}
