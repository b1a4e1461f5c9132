// SPDX-License-Identifier: MIT
// Titles and fields of unsaved records (unsavedview.h).
#include "unsavedview.h"

#include "sync/syncwords.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace posdata {

namespace {

// The translation context of these words (QCoreApplication::translate is thread-safe: the
// controller describes records on a pool thread).
struct UnsavedWords
{
    Q_DECLARE_TR_FUNCTIONS(UnsavedWords)
};

const QString kSeparator = QStringLiteral(" \u00b7 ");

QString dateTimeText(const QDateTime &utc, const QLocale &locale)
{
    const QDateTime local = utc.toLocalTime();
    return locale.toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ')
        + locale.toString(local.time(), QLocale::ShortFormat);
}

QString stringText(const QString &text, const QLocale &locale)
{
    // Salesforce sends dates as 2026-03-12 and date-times as 2026-03-12T19:50:00.000+0000.
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    static const QRegularExpression dateTime(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?)(Z|[+-]\\d{2}:?\\d{2})$"));
    if (date.match(text).hasMatch()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid())
            return locale.toString(d, QLocale::ShortFormat);
    }
    if (const auto m = dateTime.match(text); m.hasMatch()) {
        QString zone = m.captured(2);
        if (zone.size() == 5) // +0000: ISO wants +00:00
            zone.insert(3, u':');
        const QDateTime t = QDateTime::fromString(m.captured(1) + zone, Qt::ISODateWithMs);
        if (t.isValid())
            return dateTimeText(t.toUTC(), locale);
    }
    return syncwords::printable(text);
}

} // namespace

UnsavedLook UnsavedLook::of(const SyncObjectConfig &config)
{
    return {objectKindLabel(config.name), config.display, config.fields};
}

UnsavedLook UnsavedLook::of(const QString &apiName)
{
    return {objectKindLabel(apiName), {}, {}};
}

QString objectKindLabel(const QString &apiName)
{
    QString name = apiName;
    if (name.endsWith(u"__c", Qt::CaseInsensitive))
        name.chop(3);
    if (const qsizetype ns = name.lastIndexOf(u"__"); ns >= 0)
        name = name.mid(ns + 2);
    QStringList words;
    QString word;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool startsWord = c.isUpper() && !word.isEmpty() && (word.back().isLower()
                                 || (i + 1 < name.size() && name.at(i + 1).isLower()));
        if (c == u'_' || startsWord) {
            if (!word.isEmpty())
                words << word;
            word.clear();
            if (c == u'_')
                continue;
        }
        word += c;
    }
    if (!word.isEmpty())
        words << word;
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString &w = words[i];
        const bool acronym = w.size() > 1 && w == w.toUpper();
        if (i == 0)
            w[0] = w.at(0).toUpper();
        else if (!acronym)
            w = w.toLower();
    }
    return words.isEmpty() ? apiName : words.join(u' ');
}

QString fieldValueText(const QJsonValue &value, const QLocale &locale)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? UnsavedWords::tr("Yes") : UnsavedWords::tr("No");
    case QJsonValue::Double:
        return locale.toString(value.toDouble(), 'f', QLocale::FloatingPointShortest);
    case QJsonValue::String:
        return stringText(value.toString(), locale);
    case QJsonValue::Array:
        return syncwords::printable(QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
    case QJsonValue::Object:
        return syncwords::printable(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
    }
    return {};
}

UnsavedView describeUnsaved(const UnsavedRecord &record, const UnsavedLook &look, const QLocale &locale)
{
    UnsavedView view;
    view.record = record;
    const QJsonObject payload = QJsonDocument::fromJson(record.payload).object();

    // The configured fields in their order, then what else the payload holds (by name).
    QStringList order;
    for (const QString &f : look.fields) {
        if (payload.contains(f))
            order << f;
    }
    for (auto it = payload.constBegin(); it != payload.constEnd(); ++it) {
        if (it.key() != u"attributes" && !order.contains(it.key()))
            order << it.key();
    }
    for (const QString &f : std::as_const(order)) {
        const QString text = fieldValueText(payload.value(f), locale);
        view.fields.append({f, objectKindLabel(f), text.isEmpty() ? QStringLiteral("\u2014") : text});
    }

    const QString name = syncwords::printable(record.name);
    if (!name.isEmpty()) {
        view.title = name;
        return view;
    }
    QStringList parts{look.kind};
    for (const QString &f : look.display) {
        const QString text = fieldValueText(payload.value(f), locale);
        if (!text.isEmpty())
            parts << text;
    }
    if (parts.size() == 1 && record.changedAt.isValid())
        parts << dateTimeText(record.changedAt, locale);
    view.title = parts.join(kSeparator);
    return view;
}

QList<UnsavedView> describeUnsaved(const QList<UnsavedRecord> &records, const UnsavedLook &look,
                                            const QLocale &locale)
{
    QList<UnsavedView> out;
    out.reserve(records.size());
    for (const UnsavedRecord &r : records)
        out.append(describeUnsaved(r, look, locale));
    return out;
}

} // namespace posdata
