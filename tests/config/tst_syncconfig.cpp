// SPDX-License-Identifier: MIT
// sync-objects.json: the bundled file loads, and every kind of bad file is refused with a message
// naming the file, the object and the key.
#include "config/syncconfig.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

class SyncConfigTest : public ::testing::Test
{
protected:
    // Writes `json` to a real file in a temp dir and loads it; returns the error (empty on success).
    QString refuse(const QByteArray &json)
    {
        const QString path = dir.filePath(QStringLiteral("sync-objects.json"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
        f.close();
        QString error;
        const auto config = loadSyncConfig(path, &error);
        EXPECT_FALSE(config.has_value()) << json.constData();
        EXPECT_TRUE(error.startsWith(path + u':')) << error.toStdString();
        return error;
    }

    static QByteArray withObject(const QByteArray &object)
    {
        return R"({"objects": [{"name": "contact", "priority": 1, "fields": ["Name"]}, )" + object + "]}";
    }

    QTemporaryDir dir;
};

#define EXPECT_HAS(haystack, needle) \
    EXPECT_TRUE((haystack).contains(QStringLiteral(needle))) << (haystack).toStdString()

} // namespace

TEST_F(SyncConfigTest, BundledConfigLoadsInPriorityOrder)
{
    QString error;
    const auto config = loadBundledSyncConfig(&error);
    ASSERT_TRUE(config.has_value()) << error.toStdString();
    EXPECT_EQ(config->source, QStringLiteral(":/posdata/sync-objects.json"));
    EXPECT_EQ(config->names(), (QStringList{QStringLiteral("s_c__outlet__c"), QStringLiteral("s_c__shift__c"),
                                            QStringLiteral("s_c__product__c"), QStringLiteral("contact"),
                                            QStringLiteral("s_c__order__c")}));
    const SyncObjectConfig *shift = config->find(u"S_C__SHIFT__C");
    ASSERT_NE(shift, nullptr);
    EXPECT_EQ(shift->scope, QStringLiteral("s_c__outlet__c = :outletId"));
    EXPECT_EQ(shift->inUse, QStringLiteral("shiftId"));
    EXPECT_EQ(shift->bindVariables(), QStringList{QStringLiteral("outletId")});
    EXPECT_EQ(config->find(u"s_c__outlet__c")->inUse, QStringLiteral("outletId"));
    EXPECT_FALSE(config->find(u"contact")->scoped());
    EXPECT_TRUE(config->find(u"s_c__order__c")->scoped());
    EXPECT_EQ(config->find(u"nope"), nullptr);
}

TEST_F(SyncConfigTest, IdAndSystemModstampAlwaysFetched)
{
    SyncObjectConfig o;
    o.name = QStringLiteral("contact");
    o.fields = {QStringLiteral("Name"), QStringLiteral("id"), QStringLiteral("Email")};
    EXPECT_EQ(o.queryFields(), (QStringList{QStringLiteral("Id"), QStringLiteral("SystemModstamp"),
                                            QStringLiteral("Name"), QStringLiteral("Email")}));
    EXPECT_EQ(o.queryFields(true), (QStringList{QStringLiteral("Id"), QStringLiteral("SystemModstamp"),
                                                QStringLiteral("IsDeleted"), QStringLiteral("Name"),
                                                QStringLiteral("Email")}));
}

TEST_F(SyncConfigTest, EqualPrioritiesKeepFileOrder)
{
    const auto config = parseSyncConfig(R"({"objects": [
        {"name": "b", "priority": 2, "fields": []},
        {"name": "a", "priority": 1, "fields": []},
        {"name": "c", "priority": 2, "fields": []}]})",
                                        QStringLiteral("x.json"));
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->names(), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

TEST_F(SyncConfigTest, MissingFile)
{
    QString error;
    const QString path = dir.filePath(QStringLiteral("absent.json"));
    EXPECT_FALSE(loadSyncConfig(path, &error).has_value());
    EXPECT_TRUE(error.startsWith(path)) << error.toStdString();
    EXPECT_HAS(error, "cannot read");
}

TEST_F(SyncConfigTest, LargeFileIsRefusedWithoutReadingIt)
{
    // A 200 MB file (sparse) named by mistake was read whole before being refused as bad JSON.
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        ASSERT_TRUE(f.resize(200LL * 1024 * 1024));
    }
    QString error;
    EXPECT_FALSE(loadSyncConfig(path, &error).has_value());
    EXPECT_HAS(error, "huge.json: larger than 1048576 bytes (1 MiB)");
    // At the limit, still read (and accepted: what it says is fine).
    QByteArray json = R"({"objects": []})";
    json += QByteArray(kMaxSyncConfigSize - json.size(), ' ');
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(json);
    f.close();
    EXPECT_TRUE(loadSyncConfig(path, &error).has_value()) << error.toStdString();
}

TEST_F(SyncConfigTest, InvalidJsonGivesLineAndColumn)
{
    const QString e = refuse("{\n  \"objects\": [\n    {\"name\": \"contact\",, }\n  ]\n}\n");
    EXPECT_HAS(e, "invalid JSON at line 3");
    EXPECT_HAS(e, "offset");
}

TEST_F(SyncConfigTest, TopLevelRefusals)
{
    EXPECT_HAS(refuse("[]"), "top level must be a JSON object");
    EXPECT_HAS(refuse("{}"), "key \"objects\": missing required key");
    EXPECT_HAS(refuse(R"({"objects": {}})"), "key \"objects\": must be an array of objects, not an object");
    EXPECT_HAS(refuse(R"({"objects": [], "objetcs": []})"), "key \"objetcs\": unknown key");
    EXPECT_HAS(refuse(R"({"version": 2, "objects": []})"), "key \"version\": must be 1");
    EXPECT_HAS(refuse(R"({"objects": [3]})"), "key \"objects\": entry #1 must be an object, not a number");
}

TEST_F(SyncConfigTest, MissingRequiredKeys)
{
    EXPECT_HAS(refuse(withObject(R"({"priority": 1, "fields": []})")), "object #2: key \"name\": missing required key");
    EXPECT_HAS(refuse(withObject(R"({"name": "s_c__order__c", "priority": 1})")),
               "object \"s_c__order__c\": key \"fields\": missing required key");
    EXPECT_HAS(refuse(withObject(R"({"name": "s_c__order__c", "fields": []})")),
               "object \"s_c__order__c\": key \"priority\": missing required key");
}

TEST_F(SyncConfigTest, WrongJsonTypes)
{
    EXPECT_HAS(refuse(withObject(R"({"name": 7, "priority": 1, "fields": []})")),
               "object #2: key \"name\": must be a string, not a number");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": "Name"})")),
               "object \"x\": key \"fields\": must be an array of strings, not a string");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["Name", null]})")),
               "object \"x\": key \"fields\": entry #2 must be a string, not null");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": "1", "fields": []})")),
               "object \"x\": key \"priority\": must be a whole number, not a string");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1.5, "fields": []})")),
               "object \"x\": key \"priority\": must be a whole number");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "scope": true})")),
               "object \"x\": key \"scope\": must be a string, not a boolean");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "inUse": ["outletId"]})")),
               "object \"x\": key \"inUse\": must be a string, not an array");
}

TEST_F(SyncConfigTest, UnknownObjectKey)
{
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "scpoe": "a = 1"})")),
               "object \"x\": key \"scpoe\": unknown key");
}

TEST_F(SyncConfigTest, NamesMustBeSalesforceIdentifiers)
{
    EXPECT_HAS(refuse(withObject(R"({"name": "order; DROP", "priority": 1, "fields": []})")),
               "object #2: key \"name\": \"order; DROP\" is not a Salesforce API name");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["Name", "a___b"]})")),
               "object \"x\": key \"fields\": \"a___b\" is not a Salesforce field name");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["Owner.Name"]})")),
               "object \"x\": key \"fields\": \"Owner.Name\" is not a Salesforce field name");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["Name", "NAME"]})")),
               "object \"x\": key \"fields\": field \"NAME\" is listed twice");
}

TEST_F(SyncConfigTest, SoqlKeywordsAreNotNames)
{
    // Each would build a query that does not parse: SELECT Id, SystemModstamp, From FROM x ...
    EXPECT_HAS(refuse(withObject(R"({"name": "Select", "priority": 1, "fields": []})")),
               "object #2: key \"name\": \"Select\" is a SOQL keyword, not an object name");
    EXPECT_HAS(refuse(withObject(R"({"name": "WHERE", "priority": 1, "fields": []})")),
               "key \"name\": \"WHERE\" is a SOQL keyword");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["Name", "From"]})")),
               "object \"x\": key \"fields\": \"From\" is a SOQL keyword, not a field name");
    for (const char *word : {"limit", "ORDER", "Like", "null", "true", "offset"}) {
        const QByteArray json = withObject(R"({"name": "x", "priority": 1, "fields": [")" + QByteArray(word) + R"("]})");
        EXPECT_HAS(refuse(json), "is a SOQL keyword, not a field name");
    }
    // A keyword inside a longer name is an ordinary name.
    const QString path = dir.filePath(QStringLiteral("ok.json"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(withObject(R"({"name": "Order__c", "priority": 1, "fields": ["Selected", "From__c", "Where_To__c"]})"));
    f.close();
    QString error;
    EXPECT_TRUE(loadSyncConfig(path, &error).has_value()) << error.toStdString();
}

TEST_F(SyncConfigTest, DuplicateObjectIsCaseInsensitive)
{
    EXPECT_HAS(refuse(withObject(R"({"name": "Contact", "priority": 2, "fields": []})")),
               "object \"Contact\": key \"name\": duplicate object (already defined as \"contact\"");
}

TEST_F(SyncConfigTest, ScopeMustParse)
{
    const QString e = refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "scope": "s_c__outlet__c = = 1"})"));
    EXPECT_HAS(e, "object \"x\": key \"scope\": does not parse: ");
    EXPECT_HAS(e, "column");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "scope": "  "})")),
               "object \"x\": key \"scope\": is empty");
}

TEST_F(SyncConfigTest, BindVariablesMustComeFromTheDeviceContext)
{
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "scope": "a__c = :tillId"})")),
               "object \"x\": key \"scope\": bind variable :tillId is not in the device context");
    // The token is in the device context file but is deliberately not bindable.
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "scope": "a__c = :refreshToken"})")),
               "bind variable :refreshToken is not in the device context");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "inUse": "tillId"})")),
               "object \"x\": key \"inUse\": \"tillId\" is not a device context variable");
}

TEST_F(SyncConfigTest, UploadKeys)
{
    QString error;
    const auto bundled = loadBundledSyncConfig(&error);
    ASSERT_TRUE(bundled.has_value()) << error.toStdString();
    EXPECT_EQ(bundled->find(u"s_c__order__c")->externalId, QStringLiteral("s_c__pos_uuid__c"));
    EXPECT_FALSE(bundled->find(u"s_c__order__c")->uploadAllOrNone);
    EXPECT_TRUE(bundled->find(u"s_c__product__c")->externalId.isEmpty());

    const auto ok = parseSyncConfig(withObject(R"({"name": "x", "priority": 1, "fields": ["Ext__c"],
                                                 "externalId": "Ext__c", "uploadAllOrNone": true})"),
                                    QStringLiteral("t.json"), &error);
    ASSERT_TRUE(ok.has_value()) << error.toStdString();
    ASSERT_NE(ok->find(u"x"), nullptr);
    EXPECT_EQ(ok->find(u"x")->externalId, QStringLiteral("Ext__c"));
    EXPECT_TRUE(ok->find(u"x")->uploadAllOrNone);

    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "externalId": "Ext__c"})")),
               "object \"x\": key \"externalId\": field \"Ext__c\" must also be listed in \"fields\"");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["a"], "externalId": "a b"})")),
               "key \"externalId\": \"a b\" is not a Salesforce field name");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "externalId": 3})")),
               "key \"externalId\": must be a string, not a number");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "uploadAllOrNone": "yes"})")),
               "key \"uploadAllOrNone\": must be true or false, not a string");
}

TEST_F(SyncConfigTest, RequiredForSaleGoesFirstWhateverItsPriority)
{
    QString error;
    const auto bundled = loadBundledSyncConfig(&error);
    ASSERT_TRUE(bundled.has_value()) << error.toStdString();
    QStringList required;
    for (const auto &o : bundled->objects)
        if (o.requiredForSale)
            required << o.name;
    EXPECT_EQ(required, (QStringList{QStringLiteral("s_c__outlet__c"), QStringLiteral("s_c__shift__c"),
                                     QStringLiteral("s_c__product__c")}));
    EXPECT_EQ(bundled->names().mid(0, 3), required) << "the till's needs download first";

    const auto ok = parseSyncConfig(R"({"version": 1, "objects": [
        {"name": "a", "priority": 1, "fields": []},
        {"name": "b", "priority": 9, "fields": [], "requiredForSale": true},
        {"name": "c", "priority": 5, "fields": [], "requiredForSale": false},
        {"name": "d", "priority": 2, "fields": [], "requiredForSale": true}]})",
                                    QStringLiteral("t.json"), &error);
    ASSERT_TRUE(ok.has_value()) << error.toStdString();
    EXPECT_EQ(ok->names(), (QStringList{QStringLiteral("d"), QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")}));
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": [], "requiredForSale": 1})")),
               "object \"x\": key \"requiredForSale\": must be true or false, not a number");
}

TEST_F(SyncConfigTest, EveryTruncationIsRefusedWithAMessage)
{
    QFile f(QString::fromLatin1(kBundledSyncConfigPath));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray full = f.readAll();
    // Every cut before the closing brace leaves an incomplete document.
    const qsizetype end = full.lastIndexOf('}');
    for (qsizetype n = 0; n < end; ++n) {
        QString error;
        const QByteArray cut = full.left(n);
        ASSERT_FALSE(parseSyncConfig(cut, QStringLiteral("cut.json"), &error).has_value()) << n;
        ASSERT_TRUE(error.startsWith(QStringLiteral("cut.json: "))) << n << error.toStdString();
    }
    EXPECT_TRUE(parseSyncConfig(full, QStringLiteral("full.json")).has_value());
}

TEST_F(SyncConfigTest, DisplayFieldsNameUnsavedRecords)
{
    QString error;
    const auto bundled = loadBundledSyncConfig(&error);
    ASSERT_TRUE(bundled.has_value()) << error.toStdString();
    EXPECT_EQ(bundled->find(u"s_c__order__c")->display,
              (QStringList{QStringLiteral("s_c__total__c"), QStringLiteral("s_c__order_date__c")}));
    EXPECT_TRUE(bundled->find(u"s_c__product__c")->display.isEmpty());

    // Spelled as in "fields", whatever the case written in "display".
    const auto ok = parseSyncConfig(withObject(R"({"name": "x", "priority": 1, "fields": ["Total__c", "Day__c"],
                                                 "display": ["total__c", "Day__c"]})"),
                                    QStringLiteral("t.json"), &error);
    ASSERT_TRUE(ok.has_value()) << error.toStdString();
    EXPECT_EQ(ok->find(u"x")->display, (QStringList{QStringLiteral("Total__c"), QStringLiteral("Day__c")}));

    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["a"], "display": "a"})")),
               "object \"x\": key \"display\": must be an array of field names, not a string");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["a"], "display": []})")),
               "key \"display\": must list 1 to 3 fields, not 0");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["a", "b", "c", "d"],
                                    "display": ["a", "b", "c", "d"]})")),
               "key \"display\": must list 1 to 3 fields, not 4");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["a"], "display": [1]})")),
               "key \"display\": entry #1 must be a string, not a number");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["a"], "display": ["b"]})")),
               "key \"display\": field \"b\" must also be listed in \"fields\"");
    EXPECT_HAS(refuse(withObject(R"({"name": "x", "priority": 1, "fields": ["a"], "display": ["a", "A"]})")),
               "key \"display\": field \"A\" is listed twice");
}
