// SPDX-License-Identifier: MIT
// The CLI against a real temp store: status text and JSON, pause/resume/resync/clear-resync effects
// in the store (as a running engine would read them), dry runs, refusals, and no token in output.
#include "posdatarunner.h"

#include "cli/cliapp.h"
#include "config/syncconfig.h"
#include "store/localstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

const QString kOrder = QStringLiteral("s_c__order__c");
const QString kOutlet = QStringLiteral("s_c__outlet__c");
const QString kShift = QStringLiteral("s_c__shift__c");
const QString kContact = QStringLiteral("contact");
const QString kProduct = QStringLiteral("s_c__product__c");
constexpr char kToken[] = "5Aep861TSESvWeug_cli_SECRET";

QString id(const char *prefix, int n)
{
    return QStringLiteral("%1%2AAA").arg(QLatin1String(prefix)).arg(n, 12, 10, QLatin1Char('0'));
}

IncomingRecord rec(const QString &object, const QString &recordId, int second)
{
    IncomingRecord r;
    r.id = recordId;
    r.systemModstamp = QStringLiteral("2026-11-28T03:00:%1.000+0000").arg(second, 2, 10, QLatin1Char('0'));
    r.payload = QStringLiteral(R"({"attributes":{"type":"%1"},"Id":"%2","SystemModstamp":"%3"})")
                    .arg(object, recordId, r.systemModstamp)
                    .toUtf8();
    return r;
}

using clitest::CliOutput;

class CliAppTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        dbPath = dir.filePath(QStringLiteral("posdata.db"));
        StoreError error;
        app = LocalStore::open(dbPath, LocalStore::Mode::ReadWrite, &error);
        ASSERT_TRUE(app) << error.message.toStdString();
        const auto config = loadBundledSyncConfig();
        ASSERT_TRUE(config);
        ASSERT_TRUE(app->ensureObjects(config->names()));

        // s_c__order__c: 4 synced (one in use) + 1 unsaved; S = 4 of A = 10 -> Subset synced.
        apply(kOrder, {rec(kOrder, id("a03", 1), 1), rec(kOrder, id("a03", 2), 2), rec(kOrder, id("a03", 3), 3),
                       rec(kOrder, id("a03", 4), 4)});
        ASSERT_TRUE(app->createLocal(kOrder, id("a03", 99), R"({"Name":"local"})"));
        ASSERT_TRUE(app->setInUse({{kOrder, id("a03", 1)}}));
        ASSERT_TRUE(app->setServerCounts(kOrder, 4, 10, QDateTime::currentDateTimeUtc()));
        ASSERT_TRUE(app->setLastSynced(kOrder, QDateTime(QDate(2026, 11, 28), QTime(3, 10, 0), Qt::UTC)));
        // s_c__outlet__c: 1 of 1, unscoped -> Fully synced.
        apply(kOutlet, {rec(kOutlet, id("a00", 1), 1)});
        ASSERT_TRUE(app->setServerCounts(kOutlet, 1, 1, QDateTime::currentDateTimeUtc()));
        // contact: paused.
        ASSERT_TRUE(app->setPaused(kContact, true));
        // s_c__product__c: 2 of 5 with an error -> Incomplete.
        apply(kProduct, {rec(kProduct, id("a02", 1), 1), rec(kProduct, id("a02", 2), 2)});
        ASSERT_TRUE(app->setServerCounts(kProduct, 5, 5, QDateTime::currentDateTimeUtc()));
        ASSERT_TRUE(app->setLastError(kProduct, QStringLiteral("NETWORK"), QStringLiteral("connection refused\nretrying"),
                                      QDateTime(QDate(2026, 11, 28), QTime(3, 20, 0), Qt::UTC)));
    }

    void apply(const QString &object, const QVector<IncomingRecord> &page)
    {
        StoreError error;
        app->applyPage(object, page, Checkpoint{page.last().systemModstamp, page.last().id},
                       app->objectState(object).generation, &error);
        ASSERT_TRUE(error.ok()) << error.message.toStdString();
    }

    // Runs the CLI in-process, as main() would, with --db pointing at the temp store.
    CliOutput cli(QStringList args, const QString &input = QString(), bool withDb = true)
    {
        CliOutput r;
        QString in = input;
        QTextStream out(&r.out), err(&r.err), inStream(&in);
        CliApp cliApp({&out, &err, &inStream, false});
        if (withDb)
            args << QStringLiteral("--db") << dbPath;
        r.code = cliApp.run(args);
        out.flush();
        err.flush();
        return r;
    }

    // The line of the status table for one object, split into its columns.
    static QStringList row(const QString &table, const QString &object)
    {
        for (const QString &line : table.split(u'\n')) {
            if (line.startsWith(object + u' '))
                return line.split(QRegularExpression(QStringLiteral("\\s{2,}")));
        }
        return {};
    }

    QTemporaryDir dir;
    QString dbPath;
    std::unique_ptr<LocalStore> app; ///< stands for the running app's connection
};

} // namespace

TEST_F(CliAppTest, StatusTableWhileTheAppHoldsTheStore)
{
    const CliOutput r = cli({QStringLiteral("status")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 10) << r.out.toStdString();
    // The app's connection holds the store, but no engine keeps a live state in it.
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("No engine running on this store"))) << r.out.toStdString();
    EXPECT_EQ(lines[1].split(QRegularExpression(QStringLiteral("\\s{2,}"))),
              (QStringList{QStringLiteral("OBJECT"), QStringLiteral("STATUS"), QStringLiteral("ACTIVITY"),
                           QStringLiteral("LOCAL"), QStringLiteral("SERVER"), QStringLiteral("SERVER (ALL)"),
                           QStringLiteral("UNSAVED"), QStringLiteral("FAILED UPLOADS"), QStringLiteral("BYTES"),
                           QStringLiteral("LAST SYNCED"), QStringLiteral("SERVER COUNTED"), QStringLiteral("LAST ERROR")}));
    // Priority order of the bundled config.
    EXPECT_TRUE(lines[2].startsWith(kOutlet));
    EXPECT_TRUE(lines[6].startsWith(kOrder));
    // Local records are every record stored for the object: 4 synced and 1 unsaved order.
    const QStringList order = row(r.out, kOrder);
    EXPECT_EQ(order.mid(0, 10), (QStringList{kOrder, QStringLiteral("Subset synced"), QStringLiteral("-"), QStringLiteral("5"),
                                             QStringLiteral("4"), QStringLiteral("10"), QStringLiteral("1"), QStringLiteral("0"),
                                             QStringLiteral("%1 bytes").arg(app->recordBytes(kOrder)),
                                             QStringLiteral("2026-11-28 03:10:00Z")}));
    EXPECT_EQ(order.value(11), QStringLiteral("-"));
    // The outlet's one record: its Id and the fields as stored.
    const qint64 outletBytes = id("a00", 1).size() + rec(kOutlet, id("a00", 1), 1).payload.size();
    EXPECT_EQ(row(r.out, kOutlet).mid(0, 10), (QStringList{kOutlet, QStringLiteral("Fully synced"), QStringLiteral("-"),
                                                           QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("-"),
                                                           QStringLiteral("0"), QStringLiteral("0"),
                                                           QStringLiteral("%1 bytes").arg(outletBytes), QStringLiteral("never")}));
    // The scope in words (no outlet is in use in this store: no name), the database and its volume.
    EXPECT_EQ(lines[7], QStringLiteral("s_c__shift__c: Only records of this outlet"));
    EXPECT_EQ(lines[8], QStringLiteral("s_c__order__c: Only records of this outlet: 4 of 10"));
    EXPECT_TRUE(lines[9].startsWith(QStringLiteral("Database "))) << lines[9].toStdString();
    EXPECT_TRUE(lines[9].endsWith(QStringLiteral(" free on its volume"))) << lines[9].toStdString();
    EXPECT_EQ(row(r.out, kContact).value(1), QStringLiteral("Paused"));
    // Counts never read: Incomplete as far as the file goes, "-" and "never" for them.
    EXPECT_EQ(row(r.out, kShift).mid(1, 11),
              (QStringList{QStringLiteral("Incomplete"), QStringLiteral("-"), QStringLiteral("0"), QStringLiteral("-"),
                           QStringLiteral("-"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0 bytes"),
                           QStringLiteral("never"), QStringLiteral("never"), QStringLiteral("-")}));
    const QStringList product = row(r.out, kProduct);
    EXPECT_EQ(product.mid(0, 8), (QStringList{kProduct, QStringLiteral("Incomplete"), QStringLiteral("-"), QStringLiteral("2"),
                                              QStringLiteral("5"), QStringLiteral("-"), QStringLiteral("0"),
                                              QStringLiteral("0")}));
    EXPECT_EQ(product.value(9), QStringLiteral("never"));
    EXPECT_EQ(product.value(11), QStringLiteral("NETWORK: connection refused retrying"));
}

TEST_F(CliAppTest, StatusJson)
{
    const CliOutput r = cli({QStringLiteral("status"), QStringLiteral("--json")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &pe);
    ASSERT_EQ(pe.error, QJsonParseError::NoError) << r.out.toStdString();
    const QJsonObject engine = doc.object().value(u"engine").toObject();
    EXPECT_FALSE(engine.value(u"running").toBool());
    EXPECT_TRUE(engine.value(u"pid").isNull());
    EXPECT_FALSE(engine.value(u"signInRequired").toBool());
    const QJsonArray a = doc.object().value(u"objects").toArray();
    ASSERT_EQ(a.size(), 5);
    for (const QJsonValue &v : a) {
        QStringList keys = v.toObject().keys();
        keys.sort();
        EXPECT_EQ(keys, (QStringList{QStringLiteral("activity"), QStringLiteral("bytes"), QStringLiteral("countAgeSeconds"),
                                     QStringLiteral("countsReadAt"), QStringLiteral("lastError"),
                                     QStringLiteral("lastSynced"), QStringLiteral("local"), QStringLiteral("name"),
                                     QStringLiteral("scope"), QStringLiteral("server"), QStringLiteral("serverAll"),
                                     QStringLiteral("status"), QStringLiteral("unsaved"), QStringLiteral("uploadFailed")}));
    }
    const QJsonObject order = a.at(4).toObject();
    EXPECT_EQ(order.value(u"name").toString(), kOrder);
    EXPECT_EQ(order.value(u"status").toString(), QStringLiteral("Subset synced"));
    EXPECT_TRUE(order.value(u"activity").isNull()) << "no engine runs: nothing is going on";
    EXPECT_EQ(order.value(u"local").toInteger(), 5);
    EXPECT_EQ(order.value(u"server").toInteger(), 4);
    EXPECT_EQ(order.value(u"serverAll").toInteger(), 10);
    EXPECT_EQ(order.value(u"unsaved").toInteger(), 1);
    EXPECT_EQ(order.value(u"uploadFailed").toInteger(), 0);
    EXPECT_EQ(order.value(u"lastSynced").toString(), QStringLiteral("2026-11-28T03:10:00.000Z"));
    EXPECT_TRUE(order.value(u"lastError").isNull());
    EXPECT_EQ(order.value(u"bytes").toInteger(), app->recordBytes(kOrder));
    EXPECT_GT(order.value(u"bytes").toInteger(), 5 * 18) << "five records, their Ids and fields";
    const QJsonObject scope = order.value(u"scope").toObject();
    EXPECT_EQ(scope.value(u"by").toString(), QStringLiteral("outletId"));
    EXPECT_TRUE(scope.value(u"record").isNull()) << "no outlet in use in this store";
    EXPECT_EQ(scope.value(u"text").toString(), QStringLiteral("Only records of this outlet: 4 of 10"));
    const QJsonObject storage = doc.object().value(u"storage").toObject();
    EXPECT_EQ(storage.value(u"databaseBytes").toInteger(),
              QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size());
    EXPECT_GT(storage.value(u"freeBytes").toInteger(), 0);
    // Missing: 3 products (the others complete or never counted): their average bytes times 1.5,
    // plus the 64 MiB margin, on a test machine's disk: no warning.
    EXPECT_GT(storage.value(u"neededBytes").toInteger(), 64LL * 1024 * 1024);
    EXPECT_FALSE(storage.value(u"lowSpace").toBool());
    EXPECT_TRUE(storage.value(u"warning").isNull());
    const QJsonObject shift = a.at(1).toObject();
    EXPECT_TRUE(shift.value(u"server").isNull());
    EXPECT_TRUE(shift.value(u"lastSynced").isNull());
    EXPECT_TRUE(shift.value(u"countsReadAt").isNull());
    EXPECT_TRUE(shift.value(u"countAgeSeconds").isNull());
    const QJsonObject product = a.at(2).toObject();
    EXPECT_EQ(product.value(u"status").toString(), QStringLiteral("Incomplete"));
    EXPECT_EQ(product.value(u"serverAll").toInteger(), 5); // unscoped: A is S
    EXPECT_EQ(product.value(u"lastError").toObject().value(u"code").toString(), QStringLiteral("NETWORK"));
    EXPECT_EQ(product.value(u"lastError").toObject().value(u"time").toString(), QStringLiteral("2026-11-28T03:20:00.000Z"));
}

TEST_F(CliAppTest, PauseAndResumeWriteTheFlagTheEngineReads)
{
    CliOutput r = cli({QStringLiteral("pause"), QStringLiteral("S_C__ORDER__C")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(r.out, QStringLiteral("s_c__order__c: paused\n"));
    EXPECT_TRUE(app->objectState(kOrder).paused); // seen through the "app" connection

    r = cli({QStringLiteral("pause"), kOrder});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, QStringLiteral("s_c__order__c: already paused\n"));

    r = cli({QStringLiteral("resume"), QStringLiteral("--all"), QStringLiteral("--dry-run")});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.out.contains(QStringLiteral("s_c__order__c: would resume\n")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("contact: would resume\n")));
    EXPECT_TRUE(r.out.endsWith(QStringLiteral("dry run: nothing changed\n")));
    EXPECT_TRUE(app->objectState(kOrder).paused);

    r = cli({QStringLiteral("resume"), QStringLiteral("--all")});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    for (const QString &o : {kOrder, kContact, kOutlet, kShift, kProduct})
        EXPECT_FALSE(app->objectState(o).paused) << o.toStdString();

    r = cli({QStringLiteral("pause"), QStringLiteral("--all")});
    EXPECT_EQ(r.code, 0);
    for (const QString &o : {kOrder, kContact, kOutlet, kShift, kProduct})
        EXPECT_TRUE(app->objectState(o).paused) << o.toStdString();
}

TEST_F(CliAppTest, ResyncQueuesAFullDownloadKeepingRecords)
{
    const qint64 generation = app->objectState(kProduct).generation;
    const CliOutput r = cli({QStringLiteral("resync"), kProduct});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(r.out, QStringLiteral("s_c__product__c: full resync queued (local records kept)\n"));
    const ObjectState st = app->objectState(kProduct);
    EXPECT_EQ(st.pending, PendingOp::FullResync);
    EXPECT_GT(st.generation, generation);
    EXPECT_EQ(st.localCount, 2);
}

TEST_F(CliAppTest, ClearResyncDryRunShowsTheNumbersAndChangesNothing)
{
    const CliOutput r = cli({QStringLiteral("clear-resync"), kOrder, QStringLiteral("--dry-run")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(r.out, QStringLiteral("s_c__order__c: delete 3 synced records, keep 1 unsaved and 1 in use, then download 4\n"
                                    "dry run: nothing changed\n"));
    EXPECT_EQ(app->objectState(kOrder).localCount, 4);
    EXPECT_EQ(app->objectState(kOrder).pending, PendingOp::None);
}

TEST_F(CliAppTest, ClearResyncAsksAndHonoursNo)
{
    const CliOutput r = cli({QStringLiteral("clear-resync"), kOrder}, QStringLiteral("n\n"));
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.out.contains(QStringLiteral("Delete 3 records and re-download?"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.endsWith(QStringLiteral("cancelled: nothing changed\n")));
    EXPECT_EQ(app->objectState(kOrder).localCount, 4);
    // End of input counts as no.
    EXPECT_EQ(cli({QStringLiteral("clear-resync"), kOrder}).code, 1);
    EXPECT_EQ(app->objectState(kOrder).localCount, 4);
}

TEST_F(CliAppTest, ClearResyncKeepsUnsavedAndInUse)
{
    CliOutput r = cli({QStringLiteral("clear-resync"), kOrder}, QStringLiteral("yes\n"));
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.endsWith(QStringLiteral("s_c__order__c: cleared, re-download queued\n"))) << r.out.toStdString();
    EXPECT_EQ(app->ids(kOrder), (QStringList{id("a03", 1), id("a03", 99)}));
    EXPECT_EQ(app->objectState(kOrder).pending, PendingOp::ClearResync);

    r = cli({QStringLiteral("clear-resync"), kProduct, QStringLiteral("--yes")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(app->countSlow(kProduct), 0);
}

TEST_F(CliAppTest, UnsavedDiscardedListsWhatAPersonThrewAwayWithWhatItHeld)
{
    const CliOutput none = cli({QStringLiteral("unsaved"), QStringLiteral("--discarded")});
    ASSERT_EQ(none.code, 0) << none.err.toStdString();
    EXPECT_EQ(none.out, QStringLiteral("No discarded records.\n"));

    // A refused sale, discarded on the screen.
    ASSERT_TRUE(app->createLocal(kContact, id("003", 7), R"({"FirstName":"Ada","LastName":"Lovelace"})"));
    ASSERT_TRUE(app->setUploadError(kContact, id("003", 7), QStringLiteral("DUPLICATES_DETECTED"),
                                 QStringLiteral("Use one of these records?\nDuplicate"), QDateTime::currentDateTimeUtc()));
    ASSERT_TRUE(app->discardUnsaved(kContact, id("003", 7)));
    ASSERT_TRUE(app->discardUnsaved(kOrder, id("a03", 99)));

    const CliOutput text = cli({QStringLiteral("unsaved"), QStringLiteral("--discarded")});
    ASSERT_EQ(text.code, 0) << text.err.toStdString();
    const QStringList lines = text.out.split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 4) << text.out.toStdString();
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("OBJECT"))) << text.out.toStdString();
    EXPECT_TRUE(lines[0].contains(QStringLiteral("DISCARDED (UTC)")));
    // Newest first; the refusal on one line, safe for a terminal.
    EXPECT_TRUE(lines[1].startsWith(kOrder)) << text.out.toStdString();
    EXPECT_TRUE(lines[1].endsWith(QStringLiteral("none")));
    EXPECT_TRUE(lines[2].startsWith(kContact));
    EXPECT_TRUE(lines[2].endsWith(QStringLiteral("DUPLICATES_DETECTED: Use one of these records? Duplicate")))
        << lines[2].toStdString();
    EXPECT_EQ(lines[3], QStringLiteral("2 discarded, kept 30 days after discarding (--json shows what each held)"));
    // The unsaved list no longer has them.
    EXPECT_EQ(cli({QStringLiteral("unsaved")}).out, QStringLiteral("No unsaved records.\n"));

    const CliOutput json = cli({QStringLiteral("unsaved"), QStringLiteral("contact"), QStringLiteral("--discarded"),
                             QStringLiteral("--json")});
    ASSERT_EQ(json.code, 0) << json.err.toStdString();
    const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 1) << json.out.toStdString();
    const QJsonObject row = rows.first().toObject();
    EXPECT_EQ(row.value(u"object").toString(), kContact);
    EXPECT_EQ(row.value(u"kind").toString(), QStringLiteral("created"));
    EXPECT_EQ(row.value(u"fields").toObject().value(u"LastName").toString(), QStringLiteral("Lovelace"));
    EXPECT_EQ(row.value(u"error").toObject().value(u"code").toString(), QStringLiteral("DUPLICATES_DETECTED"));
    EXPECT_TRUE(QDateTime::fromString(row.value(u"discardedAt").toString(), Qt::ISODate).isValid());
    EXPECT_FALSE(row.contains(u"attempts")); // the log does not keep them

    EXPECT_EQ(cli({QStringLiteral("status"), QStringLiteral("--discarded")}).code, 2);
}

TEST_F(CliAppTest, RefusesBadInputWithExitTwo)
{
    CliOutput r = cli({QStringLiteral("status"), QStringLiteral("--colour")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_EQ(r.err, QStringLiteral("posdata: unknown option --colour\nRun \"posdata --help\" for usage.\n"));

    r = cli({QStringLiteral("pause"), QStringLiteral("s_c__nope__c")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("posdata: unknown object \"s_c__nope__c\" (objects: s_c__outlet__c,")))
        << r.err.toStdString();

    r = cli({QStringLiteral("sync"), QStringLiteral("--once")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("needs --device FILE")));
}

TEST_F(CliAppTest, MissingStoreAndBadConfigFail)
{
    CliOutput r = cli({QStringLiteral("status"), QStringLiteral("--db"), dir.filePath(QStringLiteral("absent.db"))}, {}, false);
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("absent.db: no local store there"))) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("absent.db"))));

    const QString config = dir.filePath(QStringLiteral("bad.json"));
    QFile f(config);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"objects": [{"name": "contact", "priority": 1}]})");
    f.close();
    r = cli({QStringLiteral("status"), QStringLiteral("--config"), config});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("bad.json: object \"contact\": key \"fields\": missing required key")))
        << r.err.toStdString();
}

TEST_F(CliAppTest, UploadWithABadDeviceFileKeepsTheRefusals)
{
    // "Retry upload" forgets the refusals before the upload runs: with no device to upload with,
    // it must not get that far.
    ASSERT_TRUE(app->setUploadError(kOrder, id("a03", 99), QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"),
                                    QStringLiteral("Order total cannot be negative"), QDateTime::currentDateTimeUtc()));
    const CliOutput r = cli({QStringLiteral("upload"), kOrder, QStringLiteral("--device"),
                             dir.filePath(QStringLiteral("absent-device.json"))});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("absent-device.json"))) << r.err.toStdString();
    const QList<UnsavedRecord> unsaved = app->unsaved(kOrder);
    ASSERT_EQ(unsaved.size(), 1);
    EXPECT_EQ(unsaved.first().errorCode, QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
    EXPECT_EQ(app->objectState(kOrder).uploadFailedCount, 1);
}

TEST_F(CliAppTest, NoTokenInOutput)
{
    const QString device = dir.filePath(QStringLiteral("device.json"));
    QFile f(device);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(R"({"instanceUrl": "http://example.com", "clientId": "c", "refreshToken": ")") + kToken
            + R"(", "outletId": "o", "shiftId": "s"})");
    f.close();
    // Readable by others, then http to a remote host: both refused without echoing the token.
    ASSERT_TRUE(QFile::setPermissions(device, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    CliOutput r = cli({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("chmod 600"))) << r.err.toStdString();
    EXPECT_FALSE((r.out + r.err).contains(QLatin1String(kToken)));
    ASSERT_TRUE(QFile::setPermissions(device, QFile::ReadOwner | QFile::WriteOwner));
    r = cli({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("must use https"))) << r.err.toStdString();
    EXPECT_FALSE((r.out + r.err).contains(QLatin1String(kToken)));
    for (const QStringList &args : {QStringList{QStringLiteral("status")}, QStringList{QStringLiteral("status"), QStringLiteral("--json")}}) {
        r = cli(args);
        EXPECT_FALSE((r.out + r.err).contains(QLatin1String(kToken)));
    }
}

#ifdef POSDATA_BINARY
TEST_F(CliAppTest, BinaryExitCodes)
{
    const CliOutput status = clitest::runPosdata({QStringLiteral("status"), QStringLiteral("--db"), dbPath});
    EXPECT_EQ(status.code, 0) << status.err.toStdString();
    EXPECT_TRUE(status.out.contains(QStringLiteral("Subset synced"))) << status.out.toStdString();

    const CliOutput bogus = clitest::runPosdata({QStringLiteral("pause"), QStringLiteral("--bogus")});
    EXPECT_EQ(bogus.code, 2);
    EXPECT_TRUE(bogus.err.contains(QStringLiteral("unknown option --bogus"))) << bogus.err.toStdString();
}
#endif
