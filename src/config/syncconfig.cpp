// SPDX-License-Identifier: MIT
#include "config/syncconfig.h"

#include "config/devicecontext.h"
#include "config/jsonerrors.h"

#include "soql/soql.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace posdata {

namespace {

const QStringList kTopKeys{QStringLiteral("version"), QStringLiteral("objects")};
const QStringList kObjectKeys{QStringLiteral("name"), QStringLiteral("fields"), QStringLiteral("scope"),
                              QStringLiteral("priority"), QStringLiteral("inUse"), QStringLiteral("externalId"),
                              QStringLiteral("uploadAllOrNone"), QStringLiteral("requiredForSale"),
                              QStringLiteral("display")};
constexpr int kMaxDisplayFields = 3; // a title, not a table

/// Collects the context of one message: "<file>: object "<name>": key "<key>": <problem>".
class Where
{
public:
    explicit Where(QString source) : m_source(std::move(source)) { }
    QString top(const QString &key, const QString &problem) const
    {
        return QStringLiteral("%1: key \"%2\": %3").arg(m_source, key, problem);
    }
    QString object(const QString &object, const QString &key, const QString &problem) const
    {
        return QStringLiteral("%1: object %2: key \"%3\": %4").arg(m_source, object, key, problem);
    }
    QString file(const QString &problem) const { return QStringLiteral("%1: %2").arg(m_source, problem); }

private:
    QString m_source;
};

bool isIdentifier(const QString &s)
{
    return soql::isIdentifier(s.toStdString());
}

// A keyword as a name would make every query built from the object fail to parse (SELECT Id, From ...).
bool isReservedWord(const QString &s)
{
    return soql::isReservedWord(s.toStdString());
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

// Parses one entry of "objects"; `label` is how messages name it (its name once known, else its index).
std::optional<SyncObjectConfig> parseObject(const QJsonValue &value, int index, const Where &where,
                                            QString *error)
{
    QString label = QStringLiteral("#%1").arg(index + 1);
    auto fail = [&](const QString &key, const QString &problem) {
        if (error)
            *error = where.object(label, key, problem);
        return std::nullopt;
    };
    if (!value.isObject()) {
        if (error)
            *error = where.top(QStringLiteral("objects"),
                               QStringLiteral("entry #%1 must be an object, not %2").arg(index + 1).arg(typeName(value)));
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    SyncObjectConfig cfg;

    // The name first, so that every later message names the object.
    if (!o.contains(u"name"))
        return fail(QStringLiteral("name"), QStringLiteral("missing required key"));
    if (!o.value(u"name").isString())
        return fail(QStringLiteral("name"), QStringLiteral("must be a string, not %1").arg(typeName(o.value(u"name"))));
    cfg.name = o.value(u"name").toString();
    if (!isIdentifier(cfg.name))
        return fail(QStringLiteral("name"),
                    QStringLiteral("\"%1\" is not a Salesforce API name (letters, digits and underscores, "
                                   "starting with a letter)").arg(cfg.name));
    if (isReservedWord(cfg.name))
        return fail(QStringLiteral("name"), QStringLiteral("\"%1\" is a SOQL keyword, not an object name").arg(cfg.name));
    label = QStringLiteral("\"%1\"").arg(cfg.name);

    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kObjectKeys.contains(it.key()))
            return fail(it.key(), QStringLiteral("unknown key (allowed: %1)").arg(kObjectKeys.join(u", ")));
    }

    // fields
    if (!o.contains(u"fields"))
        return fail(QStringLiteral("fields"), QStringLiteral("missing required key"));
    const QJsonValue fields = o.value(u"fields");
    if (!fields.isArray())
        return fail(QStringLiteral("fields"), QStringLiteral("must be an array of strings, not %1").arg(typeName(fields)));
    const QJsonArray fieldArray = fields.toArray();
    for (qsizetype i = 0; i < fieldArray.size(); ++i) {
        const QJsonValue f = fieldArray.at(i);
        if (!f.isString())
            return fail(QStringLiteral("fields"),
                        QStringLiteral("entry #%1 must be a string, not %2").arg(i + 1).arg(typeName(f)));
        const QString field = f.toString();
        if (!isIdentifier(field))
            return fail(QStringLiteral("fields"),
                        QStringLiteral("\"%1\" is not a Salesforce field name").arg(field));
        if (isReservedWord(field))
            return fail(QStringLiteral("fields"), QStringLiteral("\"%1\" is a SOQL keyword, not a field name").arg(field));
        if (cfg.fields.contains(field, Qt::CaseInsensitive))
            return fail(QStringLiteral("fields"), QStringLiteral("field \"%1\" is listed twice").arg(field));
        cfg.fields << field;
    }

    // priority
    if (!o.contains(u"priority"))
        return fail(QStringLiteral("priority"), QStringLiteral("missing required key"));
    const QJsonValue priority = o.value(u"priority");
    const double p = priority.toDouble(0.5);
    if (!priority.isDouble() || std::trunc(p) != p || p < -1e9 || p > 1e9)
        return fail(QStringLiteral("priority"),
                    priority.isDouble() ? QStringLiteral("must be a whole number between -1000000000 and 1000000000")
                                        : QStringLiteral("must be a whole number, not %1").arg(typeName(priority)));
    cfg.priority = static_cast<int>(p);

    // scope
    if (o.contains(u"scope")) {
        const QJsonValue scope = o.value(u"scope");
        if (!scope.isString())
            return fail(QStringLiteral("scope"), QStringLiteral("must be a string, not %1").arg(typeName(scope)));
        cfg.scope = scope.toString().trimmed();
        if (cfg.scope.isEmpty())
            return fail(QStringLiteral("scope"), QStringLiteral("is empty (leave the key out for an unscoped object)"));
        const std::string text = cfg.scope.toStdString();
        const auto parsed = soql::parseCondition(text, true);
        if (!parsed.ok())
            return fail(QStringLiteral("scope"), QStringLiteral("does not parse: %1")
                                                     .arg(QString::fromStdString(parsed.error().message)));
        const QStringList bindable = DeviceContext::bindableVariables();
        for (const std::string &name : soql::bindVariables(*parsed.value())) {
            const QString var = QString::fromStdString(name);
            if (!bindable.contains(var))
                return fail(QStringLiteral("scope"),
                            QStringLiteral("bind variable :%1 is not in the device context (available: %2)")
                                .arg(var, u':' + bindable.join(QStringLiteral(", :"))));
        }
    }

    // inUse
    if (o.contains(u"inUse")) {
        const QJsonValue inUse = o.value(u"inUse");
        const QStringList bindable = DeviceContext::bindableVariables();
        if (!inUse.isString())
            return fail(QStringLiteral("inUse"), QStringLiteral("must be a string, not %1").arg(typeName(inUse)));
        if (!bindable.contains(inUse.toString()))
            return fail(QStringLiteral("inUse"),
                        QStringLiteral("\"%1\" is not a device context variable (available: %2)")
                            .arg(inUse.toString(), bindable.join(QStringLiteral(", "))));
        cfg.inUse = inUse.toString();
    }

    // externalId
    if (o.contains(u"externalId")) {
        const QJsonValue ext = o.value(u"externalId");
        if (!ext.isString())
            return fail(QStringLiteral("externalId"), QStringLiteral("must be a string, not %1").arg(typeName(ext)));
        const QString field = ext.toString();
        if (!isIdentifier(field))
            return fail(QStringLiteral("externalId"), QStringLiteral("\"%1\" is not a Salesforce field name").arg(field));
        if (!cfg.fields.contains(field, Qt::CaseInsensitive))
            return fail(QStringLiteral("externalId"),
                        QStringLiteral("field \"%1\" must also be listed in \"fields\"").arg(field));
        cfg.externalId = field;
    }

    // uploadAllOrNone
    if (o.contains(u"uploadAllOrNone")) {
        const QJsonValue all = o.value(u"uploadAllOrNone");
        if (!all.isBool())
            return fail(QStringLiteral("uploadAllOrNone"), QStringLiteral("must be true or false, not %1").arg(typeName(all)));
        cfg.uploadAllOrNone = all.toBool();
    }

    // requiredForSale
    if (o.contains(u"requiredForSale")) {
        const QJsonValue required = o.value(u"requiredForSale");
        if (!required.isBool())
            return fail(QStringLiteral("requiredForSale"),
                        QStringLiteral("must be true or false, not %1").arg(typeName(required)));
        cfg.requiredForSale = required.toBool();
    }

    // display
    if (o.contains(u"display")) {
        const QJsonValue display = o.value(u"display");
        if (!display.isArray())
            return fail(QStringLiteral("display"),
                        QStringLiteral("must be an array of field names, not %1").arg(typeName(display)));
        const QJsonArray names = display.toArray();
        if (names.isEmpty() || names.size() > kMaxDisplayFields)
            return fail(QStringLiteral("display"),
                        QStringLiteral("must list 1 to %1 fields, not %2").arg(kMaxDisplayFields).arg(names.size()));
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QJsonValue f = names.at(i);
            if (!f.isString())
                return fail(QStringLiteral("display"),
                            QStringLiteral("entry #%1 must be a string, not %2").arg(i + 1).arg(typeName(f)));
            const QString field = f.toString();
            const auto listed = std::find_if(cfg.fields.cbegin(), cfg.fields.cend(), [&field](const QString &f) {
                return f.compare(field, Qt::CaseInsensitive) == 0;
            });
            if (listed == cfg.fields.cend())
                return fail(QStringLiteral("display"),
                            QStringLiteral("field \"%1\" must also be listed in \"fields\"").arg(field));
            if (cfg.display.contains(field, Qt::CaseInsensitive))
                return fail(QStringLiteral("display"), QStringLiteral("field \"%1\" is listed twice").arg(field));
            cfg.display << *listed; // as spelled in "fields": the payload's key
        }
    }
    return cfg;
}

} // namespace

const SyncObjectConfig *SyncConfig::find(QStringView name) const
{
    for (const SyncObjectConfig &o : objects) {
        if (o.name.compare(name, Qt::CaseInsensitive) == 0)
            return &o;
    }
    return nullptr;
}

QStringList SyncConfig::names() const
{
    QStringList out;
    for (const SyncObjectConfig &o : objects)
        out << o.name;
    return out;
}

std::optional<SyncConfig> parseSyncConfig(const QByteArray &json, const QString &source, QString *error)
{
    const Where where(source);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = where.file(describeJsonError(json, parseError));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = where.file(QStringLiteral("the top level must be a JSON object with the key \"objects\""));
        return std::nullopt;
    }
    const QJsonObject top = doc.object();
    for (auto it = top.begin(); it != top.end(); ++it) {
        if (!kTopKeys.contains(it.key())) {
            if (error)
                *error = where.top(it.key(), QStringLiteral("unknown key (allowed: %1)").arg(kTopKeys.join(u", ")));
            return std::nullopt;
        }
    }
    if (top.contains(u"version")) {
        const QJsonValue version = top.value(u"version");
        if (!version.isDouble() || version.toDouble() != 1.0) {
            if (error)
                *error = where.top(QStringLiteral("version"), QStringLiteral("must be 1"));
            return std::nullopt;
        }
    }
    if (!top.contains(u"objects")) {
        if (error)
            *error = where.top(QStringLiteral("objects"), QStringLiteral("missing required key"));
        return std::nullopt;
    }
    const QJsonValue objects = top.value(u"objects");
    if (!objects.isArray()) {
        if (error)
            *error = where.top(QStringLiteral("objects"),
                               QStringLiteral("must be an array of objects, not %1").arg(typeName(objects)));
        return std::nullopt;
    }

    SyncConfig config;
    config.source = source;
    const QJsonArray array = objects.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto object = parseObject(array.at(i), int(i), where, error);
        if (!object)
            return std::nullopt;
        if (const SyncObjectConfig *previous = config.find(object->name)) {
            if (error)
                *error = where.object(QStringLiteral("\"%1\"").arg(object->name), QStringLiteral("name"),
                                      QStringLiteral("duplicate object (already defined as \"%1\"; names are "
                                                     "case-insensitive)").arg(previous->name));
            return std::nullopt;
        }
        config.objects << std::move(*object);
    }
    // What the till needs to sell goes first, whatever its priority among the others.
    std::stable_sort(config.objects.begin(), config.objects.end(), [](const SyncObjectConfig &a, const SyncObjectConfig &b) {
        return a.requiredForSale != b.requiredForSale ? a.requiredForSale : a.priority < b.priority;
    });
    return config;
}

std::optional<SyncConfig> loadSyncConfig(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // At most one byte past the limit is read: a wrong path (a log, a database) is refused without
    // holding it in memory.
    const QByteArray json = file.read(kMaxSyncConfigSize + 1);
    if (json.size() > kMaxSyncConfigSize) {
        if (error)
            *error = QStringLiteral("%1: larger than %2 bytes (1 MiB); a sync-objects.json is a few KB: is this "
                                    "the right file?")
                         .arg(path)
                         .arg(kMaxSyncConfigSize);
        return std::nullopt;
    }
    return parseSyncConfig(json, path, error);
}

std::optional<SyncConfig> loadBundledSyncConfig(QString *error)
{
    return loadSyncConfig(QString::fromLatin1(kBundledSyncConfigPath), error);
}

} // namespace posdata
