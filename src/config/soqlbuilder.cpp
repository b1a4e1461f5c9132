// SPDX-License-Identifier: MIT
#include "config/soqlbuilder.h"

#include "config/devicecontext.h"
#include "config/scopebinder.h"

#include "soql/soql.h"

namespace posdata {

SoqlBuilder::SoqlBuilder(SyncObjectConfig object, QString boundScope)
    : m_object(std::move(object)), m_boundScope(std::move(boundScope))
{
}

std::optional<SoqlBuilder> SoqlBuilder::create(const SyncObjectConfig &object,
                                               const QHash<QString, QString> &bindings, QString *error)
{
    if (!soql::isIdentifier(object.name.toStdString())) {
        if (error)
            *error = QStringLiteral("object \"%1\": not a Salesforce API name").arg(object.name);
        return std::nullopt;
    }
    if (!object.scoped())
        return SoqlBuilder(object, QString());
    QString missing;
    const auto bound = ScopeBinder::bind(object.scope, bindings, &missing);
    if (!bound) {
        if (error)
            *error = QStringLiteral("object \"%1\": key \"scope\": bind variable :%2 has no value")
                         .arg(object.name, missing);
        return std::nullopt;
    }
    // The bound text must stand on its own: no variable left, and it still parses.
    const auto parsed = soql::parseCondition(bound->toStdString(), false);
    if (!parsed.ok()) {
        if (error)
            *error = QStringLiteral("object \"%1\": key \"scope\": does not parse: %2")
                         .arg(object.name, QString::fromStdString(parsed.error().message));
        return std::nullopt;
    }
    return SoqlBuilder(object, *bound);
}

std::optional<SoqlBuilder> SoqlBuilder::create(const SyncObjectConfig &object, const DeviceContext &context,
                                               QString *error)
{
    QHash<QString, QString> bindings;
    for (const QString &name : DeviceContext::bindableVariables()) {
        const auto value = context.variable(name);
        if (value && !value->isEmpty())
            bindings.insert(name, *value);
    }
    return create(object, bindings, error);
}

QString SoqlBuilder::countInScope() const
{
    QString q = QStringLiteral("SELECT COUNT() FROM %1").arg(m_object.name);
    if (!m_boundScope.isEmpty())
        q += QStringLiteral(" WHERE ") + m_boundScope;
    return q;
}

QString SoqlBuilder::countAll() const
{
    return QStringLiteral("SELECT COUNT() FROM %1").arg(m_object.name);
}

QString SoqlBuilder::whereClause(const QString &modstampCondition) const
{
    if (modstampCondition.isEmpty() && m_boundScope.isEmpty())
        return {};
    if (m_boundScope.isEmpty())
        return QStringLiteral(" WHERE ") + modstampCondition;
    if (modstampCondition.isEmpty())
        return QStringLiteral(" WHERE ") + m_boundScope;
    // Parentheses keep an OR inside the scope from escaping the AND.
    return QStringLiteral(" WHERE %1 AND (%2)").arg(modstampCondition, m_boundScope);
}

static QString selectPart(const SyncObjectConfig &object, bool includeDeleted)
{
    return QStringLiteral("SELECT %1 FROM %2").arg(object.queryFields(includeDeleted).join(u", "), object.name);
}

static QString tail(int limit)
{
    QString t = QStringLiteral(" ORDER BY SystemModstamp, Id");
    if (limit > 0)
        t += QStringLiteral(" LIMIT %1").arg(limit);
    return t;
}

QString SoqlBuilder::delta(const QDateTime &checkpoint, bool includeDeleted, int limit) const
{
    const QString cond = checkpoint.isValid()
        ? QStringLiteral("SystemModstamp >= %1").arg(dateTimeLiteral(checkpoint))
        : QString();
    return selectPart(m_object, includeDeleted) + whereClause(cond) + tail(limit);
}

static QString afterCondition(const QDateTime &lastModstamp, const QString &lastId)
{
    const QString ts = SoqlBuilder::dateTimeLiteral(lastModstamp);
    return QStringLiteral("(SystemModstamp > %1 OR (SystemModstamp = %1 AND Id > %2))")
        .arg(ts, SoqlBuilder::stringLiteral(lastId));
}

QString SoqlBuilder::deltaAfter(const QDateTime &lastModstamp, const QString &lastId, bool includeDeleted,
                                int limit) const
{
    if (!lastModstamp.isValid())
        return delta(lastModstamp, includeDeleted, limit);
    return selectPart(m_object, includeDeleted) + whereClause(afterCondition(lastModstamp, lastId)) + tail(limit);
}

QString SoqlBuilder::countChangedAfter(const QDateTime &lastModstamp, const QString &lastId) const
{
    const QString cond = lastModstamp.isValid() ? afterCondition(lastModstamp, lastId) : QString();
    return QStringLiteral("SELECT COUNT() FROM %1").arg(m_object.name) + whereClause(cond);
}

QString SoqlBuilder::idEnd(bool last) const
{
    return QStringLiteral("SELECT Id FROM %1").arg(m_object.name) + whereClause(QString())
        + (last ? QStringLiteral(" ORDER BY Id DESC LIMIT 1") : QStringLiteral(" ORDER BY Id ASC LIMIT 1"));
}

QString SoqlBuilder::newestChange() const
{
    return QStringLiteral("SELECT Id, SystemModstamp FROM %1").arg(m_object.name) + whereClause(QString())
        + QStringLiteral(" ORDER BY SystemModstamp DESC, Id DESC LIMIT 1");
}

/// The Id condition of a keyset page of [lo, hi): `Id > 'after'` when set, else `Id >= 'lo'`; `Id < 'hi'`.
static QString idCondition(const QString &lo, const QString &after, const QString &hi)
{
    QStringList conditions;
    if (!after.isEmpty())
        conditions << QStringLiteral("Id > ") + SoqlBuilder::stringLiteral(after);
    else if (!lo.isEmpty())
        conditions << QStringLiteral("Id >= ") + SoqlBuilder::stringLiteral(lo);
    if (!hi.isEmpty())
        conditions << QStringLiteral("Id < ") + SoqlBuilder::stringLiteral(hi);
    return conditions.join(QStringLiteral(" AND "));
}

QString SoqlBuilder::rangePage(const QString &lo, const QString &after, const QString &hi, int limit) const
{
    // IsDeleted is in the list although /query only has live records: the payload of a record is
    // the same whichever download brought it (a delta's /queryAll has it).
    QString q = selectPart(m_object, true) + whereClause(idCondition(lo, after, hi))
        + QStringLiteral(" ORDER BY Id");
    if (limit > 0)
        q += QStringLiteral(" LIMIT %1").arg(limit);
    return q;
}

QString SoqlBuilder::countInRange(const QString &lo, const QString &hi) const
{
    return QStringLiteral("SELECT COUNT() FROM %1").arg(m_object.name) + whereClause(idCondition(lo, {}, hi));
}

QString SoqlBuilder::idPage(const QString &lo, const QString &after, const QString &hi, int limit) const
{
    return QStringLiteral("SELECT Id FROM %1").arg(m_object.name) + whereClause(idCondition(lo, after, hi))
        + QStringLiteral(" ORDER BY Id LIMIT %1").arg(limit);
}

static QString idList(const QStringList &ids)
{
    QStringList quoted;
    for (const QString &id : ids)
        quoted << SoqlBuilder::stringLiteral(id);
    return QStringLiteral("Id IN (%1)").arg(quoted.join(QLatin1Char(',')));
}

QString SoqlBuilder::idsAnywhere(const QStringList &ids) const
{
    return QStringLiteral("SELECT Id FROM %1 WHERE %2").arg(m_object.name, idList(ids));
}

QString SoqlBuilder::recordsAmong(const QStringList &ids) const
{
    return selectPart(m_object, true) + whereClause(idList(ids)) + QStringLiteral(" ORDER BY Id");
}

QString SoqlBuilder::stringLiteral(const QString &value)
{
    return QString::fromStdString(soql::quoteString(value.toStdString()));
}

QString SoqlBuilder::idsInScope() const
{
    return QStringLiteral("SELECT Id FROM %1").arg(m_object.name) + whereClause(QString())
        + QStringLiteral(" ORDER BY Id");
}

QString SoqlBuilder::dateTimeLiteral(const QDateTime &time)
{
    // formatDateTime gives "...+0000"; a bare '+' in a URL query reads back as a space unless the
    // client encodes it, so the query carries the equivalent, URL-safe 'Z' form.
    std::string text = soql::formatDateTime(time.toMSecsSinceEpoch());
    if (text.size() > 5 && text.compare(text.size() - 5, 5, "+0000") == 0)
        text.replace(text.size() - 5, 5, "Z");
    return QString::fromStdString(text);
}

} // namespace posdata
