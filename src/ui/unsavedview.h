// SPDX-License-Identifier: MIT
#pragma once

// What the screen shows of an unsaved record: a title a person recognises ("ORD-000042", or
// "Order · 42.5 · 3/12/26" from the object's configured display fields) and its fields as they are
// sent, each as text in the locale's formats. Built from the record's payload by describeUnsaved(),
// which the controller runs on a pool thread: the GUI thread parses no JSON.

#include "config/syncobjectconfig.h"
#include "store/storetypes.h"

#include <QJsonValue>
#include <QList>
#include <QLocale>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace posdata {

/// How an object's unsaved records are titled and listed (from its SyncObjectConfig).
struct UnsavedLook
{
    QString kind; ///< the object in words: "Order" for s_c__order__c (objectKindLabel)
    QStringList display; ///< SyncObjectConfig::display: the fields that title a record without a Name
    QStringList fields; ///< SyncObjectConfig::fields: the order of the fields on the record page
    bool operator==(const UnsavedLook &) const = default;

    static UnsavedLook of(const SyncObjectConfig &config);
    /// An object the configuration does not name (the look of its API name alone).
    static UnsavedLook of(const QString &apiName);
};

/// One field of a record as sent: its API name, the name in words and the value as text.
struct RecordField
{
    QString name; ///< API name, e.g. s_c__total__c
    QString label; ///< "Total"
    QString value; ///< "42.5", "3/12/26", "Yes"; "—" when empty
    bool operator==(const RecordField &) const = default;
};

/// An unsaved record ready for the screen.
struct UnsavedView
{
    UnsavedRecord record;
    /// Its Name; else the object's kind and its display fields that have a value ("Order · 42.5 ·
    /// 3/12/26"); else the kind and when it was changed ("Order · 3/12/26 7:50 PM"). Never the bare Id.
    QString title;
    QList<RecordField> fields; ///< the configured fields first, in their order, then any other
    bool operator==(const UnsavedView &) const = default;
};

/// An API name in words: the namespace prefix and the __c suffix go, words split at underscores
/// and capitals, first letter upper case: s_c__order__c -> "Order", s_c__order_date__c -> "Order
/// date", FirstName -> "First name", contact -> "Contact".
QString objectKindLabel(const QString &apiName);

/// A field's value as text: numbers and dates in the locale's format (an ISO date or date-time
/// string is a date), true/false as "Yes"/"No", nested values as compact JSON, text made printable;
/// empty for null.
QString fieldValueText(const QJsonValue &value, const QLocale &locale);

/// Reads the record's payload (a JSON object; anything else gives no fields) into its view.
UnsavedView describeUnsaved(const UnsavedRecord &record, const UnsavedLook &look, const QLocale &locale);
QList<UnsavedView> describeUnsaved(const QList<UnsavedRecord> &records, const UnsavedLook &look,
                                   const QLocale &locale);

} // namespace posdata

Q_DECLARE_METATYPE(posdata::UnsavedView)
