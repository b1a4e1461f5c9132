// SPDX-License-Identifier: MIT
// unsavedview: API names in words, field values in the locale's formats, titles of unsaved records
// (Name, else kind and display fields, else kind and time; never the bare Id) and their fields.
#include "ui/unsavedview.h"

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

const QLocale kEn(QLocale::English, QLocale::UnitedStates);
const QLocale kDe(QLocale::German, QLocale::Germany);

UnsavedLook orderLook()
{
    SyncObjectConfig c;
    c.name = QStringLiteral("s_c__order__c");
    c.fields = QStringList{"Name", "s_c__total__c", "s_c__order_date__c", "s_c__status__c"};
    c.display = QStringList{"s_c__total__c", "s_c__order_date__c"};
    return UnsavedLook::of(c);
}

UnsavedRecord sale(const QByteArray &payload)
{
    UnsavedRecord r;
    r.object = QStringLiteral("s_c__order__c");
    r.id = QStringLiteral("local-b55899bb-0c1e-4c5f-9a57-0b6e2f4d8c31");
    r.payload = payload;
    r.changedAt = QDateTime(QDate(2026, 3, 12), QTime(18, 50), Qt::UTC);
    return r;
}

} // namespace

TEST(UnsavedViewTest, ApiNamesInWords)
{
    EXPECT_EQ(objectKindLabel("s_c__order__c"), "Order");
    EXPECT_EQ(objectKindLabel("s_c__order_date__c"), "Order date");
    EXPECT_EQ(objectKindLabel("contact"), "Contact");
    EXPECT_EQ(objectKindLabel("FirstName"), "First name");
    EXPECT_EQ(objectKindLabel("OpportunityLineItem"), "Opportunity line item");
    EXPECT_EQ(objectKindLabel("Loyalty_Tier__c"), "Loyalty tier");
    EXPECT_EQ(objectKindLabel("POS_Terminal__c"), "POS terminal"); // an acronym stays upper case
    EXPECT_EQ(objectKindLabel("Id"), "Id");
    EXPECT_EQ(objectKindLabel("__c"), "__c"); // nothing left: the name as it is
}

TEST(UnsavedViewTest, ValuesInTheLocalesFormats)
{
    EXPECT_EQ(fieldValueText(QJsonValue(1234.5), kEn), "1,234.5");
    EXPECT_EQ(fieldValueText(QJsonValue(1234.5), kDe), "1.234,5");
    EXPECT_EQ(fieldValueText(QJsonValue(3), kEn), "3");
    EXPECT_EQ(fieldValueText(QJsonValue(true), kEn), "Yes");
    EXPECT_EQ(fieldValueText(QJsonValue(false), kEn), "No");
    EXPECT_EQ(fieldValueText(QJsonValue(), kEn), "");
    EXPECT_EQ(fieldValueText(QJsonValue("2026-03-11"), kEn), "3/11/26");
    EXPECT_EQ(fieldValueText(QJsonValue("2026-03-11"), kDe), "11.03.26");
    // Salesforce's date-time (+0000) and ISO's (Z, +01:00) are times, in local time.
    const QString local = kEn.toString(QDateTime(QDate(2026, 3, 11), QTime(19, 50), Qt::UTC).toLocalTime(),
                                       QStringLiteral("M/d/yy h:mm AP"));
    EXPECT_EQ(fieldValueText(QJsonValue("2026-03-11T19:50:00.000+0000"), kEn), local);
    EXPECT_EQ(fieldValueText(QJsonValue("2026-03-11T19:50:00Z"), kEn), local);
    EXPECT_EQ(fieldValueText(QJsonValue("2026-03-11T20:50:00+01:00"), kEn), local);
    // Not quite a date: text, made printable.
    EXPECT_EQ(fieldValueText(QJsonValue("2026-13-45"), kEn), "2026-13-45");
    EXPECT_EQ(fieldValueText(QJsonValue("a\nb\u202e"), kEn), "a b");
    EXPECT_EQ(fieldValueText(QJsonArray{1, "x"}, kEn), "[1,\"x\"]");
    EXPECT_EQ(fieldValueText(QJsonObject{{"a", 1}}, kEn), "{\"a\":1}");
}

TEST(UnsavedViewTest, TitledByNameElseDisplayFieldsElseKindAndTime)
{
    UnsavedRecord named = sale(R"({"Name":"ORD-000042","s_c__total__c":42.5})");
    named.name = QStringLiteral("ORD-000042");
    EXPECT_EQ(describeUnsaved(named, orderLook(), kEn).title, "ORD-000042");

    EXPECT_EQ(describeUnsaved(sale(R"({"s_c__total__c":42.5,"s_c__order_date__c":"2026-03-11"})"), orderLook(), kEn).title,
              "Order \u00b7 42.5 \u00b7 3/11/26");
    EXPECT_EQ(describeUnsaved(sale(R"({"s_c__total__c":42.5,"s_c__order_date__c":"2026-03-11"})"), orderLook(), kDe).title,
              "Order \u00b7 42,5 \u00b7 11.03.26");
    // A display field without a value is left out.
    EXPECT_EQ(describeUnsaved(sale(R"({"s_c__total__c":null,"s_c__order_date__c":"2026-03-11"})"), orderLook(), kEn).title,
              "Order \u00b7 3/11/26");
    // Nothing to title it by (no display values, a payload that is not JSON): the kind and when.
    const QString when = kEn.toString(sale({}).changedAt.toLocalTime(), QStringLiteral("M/d/yy h:mm AP"));
    for (const QByteArray &payload : {QByteArray(R"({"s_c__status__c":"Till"})"), QByteArray("not json"), QByteArray()}) {
        const UnsavedView v = describeUnsaved(sale(payload), orderLook(), kEn);
        EXPECT_EQ(v.title, "Order \u00b7 " + when) << payload.constData();
        EXPECT_FALSE(v.title.contains("local-"));
    }
    // An object the configuration does not name: its kind from the API name.
    EXPECT_EQ(describeUnsaved(sale("{}"), UnsavedLook::of(QStringLiteral("ns__Loyalty_Card__c")), kEn).title,
              "Loyalty card \u00b7 " + when);
}

TEST(UnsavedViewTest, FieldsAsSentInTheConfiguredOrderThenTheRest)
{
    const UnsavedView v = describeUnsaved(
        sale(R"({"attributes":{"type":"s_c__order__c"},"zeta__c":1,"s_c__status__c":"Till","s_c__total__c":-3,)"
             R"("alpha__c":null})"),
        orderLook(), kEn);
    QStringList got;
    for (const RecordField &f : v.fields)
        got << f.name + "|" + f.label + "|" + f.value;
    EXPECT_EQ(got, (QStringList{"s_c__total__c|Total|-3", "s_c__status__c|Status|Till", "alpha__c|Alpha|\u2014",
                                "zeta__c|Zeta|1"}));
}
