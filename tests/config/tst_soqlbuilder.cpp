// SPDX-License-Identifier: MIT
// SoqlBuilder: exact query text for each form, literals bound safely, and every query parses.
#include "config/devicecontext.h"
#include "config/scopebinder.h"
#include "config/soqlbuilder.h"

#include "soql/parser.h"

#include <gtest/gtest.h>

using namespace posdata;

namespace {

SyncObjectConfig order()
{
    SyncObjectConfig o;
    o.name = QStringLiteral("s_c__order__c");
    o.fields = {QStringLiteral("Name"), QStringLiteral("s_c__outlet__c")};
    o.scope = QStringLiteral("s_c__outlet__c = :outletId");
    o.priority = 50;
    return o;
}

SyncObjectConfig contact()
{
    SyncObjectConfig o;
    o.name = QStringLiteral("contact");
    o.fields = {QStringLiteral("FirstName"), QStringLiteral("Id")};
    return o;
}

DeviceContext device(const QString &outlet = QStringLiteral("a01000000000001AAA"))
{
    DeviceContext d;
    d.instanceUrl = QUrl(QStringLiteral("https://example.com"));
    d.clientId = QStringLiteral("c");
    d.refreshToken = QStringLiteral("secret-token");
    d.outletId = outlet;
    d.shiftId = QStringLiteral("a02000000000001AAA");
    return d;
}

QDateTime ts()
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 34, 56, 789), Qt::UTC);
}

void expectParses(const QString &query)
{
    const auto parsed = soql::parse(query.toStdString());
    EXPECT_TRUE(parsed.ok()) << query.toStdString() << " -> "
                             << (parsed.ok() ? std::string() : parsed.error().message);
}

} // namespace

TEST(SoqlBuilderTest, ScopedQueries)
{
    QString error;
    const auto b = SoqlBuilder::create(order(), device(), &error);
    ASSERT_TRUE(b.has_value()) << error.toStdString();
    EXPECT_EQ(b->boundScope(), QStringLiteral("s_c__outlet__c = 'a01000000000001AAA'"));
    EXPECT_EQ(b->countInScope(), QStringLiteral("SELECT COUNT() FROM s_c__order__c WHERE s_c__outlet__c = 'a01000000000001AAA'"));
    EXPECT_EQ(b->countAll(), QStringLiteral("SELECT COUNT() FROM s_c__order__c"));
    EXPECT_EQ(b->delta(QDateTime()),
              QStringLiteral("SELECT Id, SystemModstamp, Name, s_c__outlet__c FROM s_c__order__c "
                             "WHERE s_c__outlet__c = 'a01000000000001AAA' ORDER BY SystemModstamp, Id"));
    EXPECT_EQ(b->delta(ts(), true, 2000),
              QStringLiteral("SELECT Id, SystemModstamp, IsDeleted, Name, s_c__outlet__c FROM s_c__order__c "
                             "WHERE SystemModstamp >= 2024-05-01T12:34:56.789Z AND (s_c__outlet__c = "
                             "'a01000000000001AAA') ORDER BY SystemModstamp, Id LIMIT 2000"));
    EXPECT_EQ(b->deltaAfter(ts(), QStringLiteral("a03000000000123AAA")),
              QStringLiteral("SELECT Id, SystemModstamp, Name, s_c__outlet__c FROM s_c__order__c "
                             "WHERE (SystemModstamp > 2024-05-01T12:34:56.789Z OR (SystemModstamp = "
                             "2024-05-01T12:34:56.789Z AND Id > 'a03000000000123AAA')) AND (s_c__outlet__c = "
                             "'a01000000000001AAA') ORDER BY SystemModstamp, Id"));
    EXPECT_EQ(b->idsInScope(),
              QStringLiteral("SELECT Id FROM s_c__order__c WHERE s_c__outlet__c = 'a01000000000001AAA' ORDER BY Id"));
    for (const QString &q : {b->countInScope(), b->countAll(), b->delta(QDateTime()), b->delta(ts(), true, 2000),
                             b->deltaAfter(ts(), QStringLiteral("a03000000000123AAA"), true, 200), b->idsInScope()})
        expectParses(q);
}

TEST(SoqlBuilderTest, UnscopedQueries)
{
    const auto b = SoqlBuilder::create(contact(), device());
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->boundScope(), QString());
    EXPECT_EQ(b->countInScope(), QStringLiteral("SELECT COUNT() FROM contact"));
    EXPECT_EQ(b->delta(QDateTime()),
              QStringLiteral("SELECT Id, SystemModstamp, FirstName FROM contact ORDER BY SystemModstamp, Id"));
    EXPECT_EQ(b->delta(ts()), QStringLiteral("SELECT Id, SystemModstamp, FirstName FROM contact WHERE "
                                             "SystemModstamp >= 2024-05-01T12:34:56.789Z ORDER BY SystemModstamp, Id"));
    EXPECT_EQ(b->deltaAfter(ts(), QStringLiteral("003x"), false, 10),
              QStringLiteral("SELECT Id, SystemModstamp, FirstName FROM contact WHERE (SystemModstamp > "
                             "2024-05-01T12:34:56.789Z OR (SystemModstamp = 2024-05-01T12:34:56.789Z AND Id > "
                             "'003x')) ORDER BY SystemModstamp, Id LIMIT 10"));
    // No checkpoint yet: the restart form falls back to the full pull.
    EXPECT_EQ(b->deltaAfter(QDateTime(), QStringLiteral("003x")), b->delta(QDateTime()));
    EXPECT_EQ(b->idsInScope(), QStringLiteral("SELECT Id FROM contact ORDER BY Id"));
    for (const QString &q : {b->countInScope(), b->delta(ts()), b->deltaAfter(ts(), QStringLiteral("003x")), b->idsInScope()})
        expectParses(q);
}

TEST(SoqlBuilderTest, BoundValuesAreQuotedAndEscapedNeverRaw)
{
    const auto b = SoqlBuilder::create(order(), device(QStringLiteral("x' OR Name != 'y\\")));
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->boundScope(), QStringLiteral("s_c__outlet__c = 'x\\' OR Name != \\'y\\\\'"));
    expectParses(b->countInScope());
    // Still one comparison: the injected OR stayed inside the literal.
    const auto cond = soql::parseCondition(b->boundScope().toStdString(), false);
    ASSERT_TRUE(cond.ok());
    EXPECT_EQ(b->deltaAfter(ts(), QStringLiteral("a'b")).count(QStringLiteral("Id > 'a\\'b'")), 1);
}

TEST(SoqlBuilderTest, DateTimeLiteralIsUtcWithMilliseconds)
{
    EXPECT_EQ(SoqlBuilder::dateTimeLiteral(QDateTime(QDate(2024, 5, 1), QTime(14, 34, 56), Qt::OffsetFromUTC, 7200)),
              QStringLiteral("2024-05-01T12:34:56.000Z"));
}

TEST(SoqlBuilderTest, ColonsInsideLiteralsAreNotVariables)
{
    SyncObjectConfig o = order();
    o.scope = QStringLiteral("Name = 'a:outletId\\':b' AND (s_c__outlet__c = :outletId OR s_c__outlet__c = :shiftId)");
    EXPECT_EQ(ScopeBinder::variables(o.scope), (QStringList{QStringLiteral("outletId"), QStringLiteral("shiftId")}));
    const auto b = SoqlBuilder::create(o, device());
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->boundScope(), QStringLiteral("Name = 'a:outletId\\':b' AND (s_c__outlet__c = 'a01000000000001AAA' "
                                              "OR s_c__outlet__c = 'a02000000000001AAA')"));
    expectParses(b->delta(ts()));
}

TEST(SoqlBuilderTest, MissingBindingIsRefused)
{
    QString error;
    EXPECT_FALSE(SoqlBuilder::create(order(), QHash<QString, QString>{{QStringLiteral("shiftId"), QStringLiteral("s")}},
                                     &error)
                     .has_value());
    EXPECT_EQ(error, QStringLiteral("object \"s_c__order__c\": key \"scope\": bind variable :outletId has no value"));
    EXPECT_FALSE(SoqlBuilder::create(order(), device(QString()), &error).has_value());
    EXPECT_TRUE(error.contains(QStringLiteral(":outletId has no value")));
}

TEST(SoqlBuilderTest, NoOpenShiftLeavesShiftScopesUnbound)
{
    // Between shifts the device context has an empty shiftId: an object scoped by it has no query
    // (an error of that object), and objects that do not use it are unaffected.
    DeviceContext d = device();
    d.shiftId.clear();
    SyncObjectConfig byShift = order();
    byShift.scope = QStringLiteral("s_c__shift__c = :shiftId");
    QString error;
    EXPECT_FALSE(SoqlBuilder::create(byShift, d, &error).has_value());
    EXPECT_EQ(error, QStringLiteral("object \"s_c__order__c\": key \"scope\": bind variable :shiftId has no value"));
    const auto byOutlet = SoqlBuilder::create(order(), d, &error);
    ASSERT_TRUE(byOutlet.has_value()) << error.toStdString();
    EXPECT_EQ(byOutlet->boundScope(), QStringLiteral("s_c__outlet__c = 'a01000000000001AAA'"));
}

TEST(SoqlBuilderTest, BadScopeOrNameIsRefused)
{
    QString error;
    SyncObjectConfig o = order();
    o.scope = QStringLiteral("s_c__outlet__c = = :outletId");
    EXPECT_FALSE(SoqlBuilder::create(o, device(), &error).has_value());
    EXPECT_TRUE(error.contains(QStringLiteral("key \"scope\": does not parse"))) << error.toStdString();
    o = contact();
    o.name = QStringLiteral("contact WHERE");
    EXPECT_FALSE(SoqlBuilder::create(o, device(), &error).has_value());
    EXPECT_TRUE(error.contains(QStringLiteral("not a Salesforce API name"))) << error.toStdString();
}

TEST(SoqlBuilderTest, RangeDownloadQueries)
{
    const auto scoped = SoqlBuilder::create(order(), device());
    const auto all = SoqlBuilder::create(contact(), device());
    ASSERT_TRUE(scoped && all);
    EXPECT_EQ(scoped->idEnd(false), QStringLiteral("SELECT Id FROM s_c__order__c WHERE s_c__outlet__c = "
                                                   "'a01000000000001AAA' ORDER BY Id ASC LIMIT 1"));
    EXPECT_EQ(all->idEnd(true), QStringLiteral("SELECT Id FROM contact ORDER BY Id DESC LIMIT 1"));
    EXPECT_EQ(scoped->newestChange(),
              QStringLiteral("SELECT Id, SystemModstamp FROM s_c__order__c WHERE s_c__outlet__c = "
                             "'a01000000000001AAA' ORDER BY SystemModstamp DESC, Id DESC LIMIT 1"));
    EXPECT_EQ(all->newestChange(),
              QStringLiteral("SELECT Id, SystemModstamp FROM contact ORDER BY SystemModstamp DESC, Id DESC LIMIT 1"));
    // The first range: open below; a middle one from its start; after a page: from the last Id.
    EXPECT_EQ(all->rangePage({}, {}, QStringLiteral("003B"), 2000),
              QStringLiteral("SELECT Id, SystemModstamp, IsDeleted, FirstName FROM contact WHERE Id < '003B' "
                             "ORDER BY Id LIMIT 2000"));
    EXPECT_EQ(scoped->rangePage(QStringLiteral("a03A"), {}, QStringLiteral("a03B"), 200),
              QStringLiteral("SELECT Id, SystemModstamp, IsDeleted, Name, s_c__outlet__c FROM s_c__order__c "
                             "WHERE Id >= 'a03A' AND Id < 'a03B' AND (s_c__outlet__c = 'a01000000000001AAA') "
                             "ORDER BY Id LIMIT 200"));
    EXPECT_EQ(scoped->rangePage(QStringLiteral("a03A"), QStringLiteral("a03A5"), {}, 200),
              QStringLiteral("SELECT Id, SystemModstamp, IsDeleted, Name, s_c__outlet__c FROM s_c__order__c "
                             "WHERE Id > 'a03A5' AND (s_c__outlet__c = 'a01000000000001AAA') ORDER BY Id LIMIT 200"));
    EXPECT_EQ(all->rangePage({}, {}, {}, 0),
              QStringLiteral("SELECT Id, SystemModstamp, IsDeleted, FirstName FROM contact ORDER BY Id"));
    // A bound is a literal like any other: a quote in it cannot end the string.
    EXPECT_EQ(all->rangePage(QStringLiteral("x' OR Id != '"), {}, {}, 1),
              QStringLiteral("SELECT Id, SystemModstamp, IsDeleted, FirstName FROM contact WHERE Id >= "
                             "'x\\' OR Id != \\'' ORDER BY Id LIMIT 1"));
    for (const QString &q : {scoped->idEnd(false), all->idEnd(true), scoped->newestChange(), all->newestChange(),
                             scoped->rangePage(QStringLiteral("a03A"), QStringLiteral("a03A5"), QStringLiteral("a03B"), 200)})
        expectParses(q);
}

TEST(SoqlBuilderTest, IntegrityCheckQueries)
{
    const auto scoped = SoqlBuilder::create(order(), device());
    const auto all = SoqlBuilder::create(contact(), device());
    ASSERT_TRUE(scoped && all);
    EXPECT_EQ(scoped->countInRange(QStringLiteral("a03A"), QStringLiteral("a03B")),
              QStringLiteral("SELECT COUNT() FROM s_c__order__c WHERE Id >= 'a03A' AND Id < 'a03B' AND "
                             "(s_c__outlet__c = 'a01000000000001AAA')"));
    // Open ends stay open: the first and the last range.
    EXPECT_EQ(all->countInRange({}, QStringLiteral("003B")), QStringLiteral("SELECT COUNT() FROM contact WHERE Id < '003B'"));
    EXPECT_EQ(all->countInRange({}, {}), QStringLiteral("SELECT COUNT() FROM contact"));
    EXPECT_EQ(scoped->idPage(QStringLiteral("a03A"), QStringLiteral("a03A5"), QStringLiteral("a03B"), 2000),
              QStringLiteral("SELECT Id FROM s_c__order__c WHERE Id > 'a03A5' AND Id < 'a03B' AND "
                             "(s_c__outlet__c = 'a01000000000001AAA') ORDER BY Id LIMIT 2000"));
    // Which of these exist at all: without the scope.
    EXPECT_EQ(scoped->idsAnywhere({QStringLiteral("a03A"), QStringLiteral("x'y")}),
              QStringLiteral("SELECT Id FROM s_c__order__c WHERE Id IN ('a03A','x\\'y')"));
    EXPECT_EQ(scoped->recordsAmong({QStringLiteral("a03A")}),
              QStringLiteral("SELECT Id, SystemModstamp, IsDeleted, Name, s_c__outlet__c FROM s_c__order__c WHERE "
                             "Id IN ('a03A') AND (s_c__outlet__c = 'a01000000000001AAA') ORDER BY Id"));
    for (const QString &q : {scoped->countInRange(QStringLiteral("a03A"), QStringLiteral("a03B")),
             scoped->idPage({}, {}, {}, 2000), scoped->idsAnywhere({QStringLiteral("a03A")}),
             scoped->recordsAmong({QStringLiteral("a03A"), QStringLiteral("a03B")})})
        expectParses(q);
}
