// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace posdata {

/// Finds and replaces `:name` bind variables in a SOQL condition, outside string literals, so that
/// values always enter a query as quoted, escaped literals.
class ScopeBinder
{
public:
    /// Bind variable names (without colon) in order of first use, each once.
    static QStringList variables(const QString &condition);

    /// The condition with each `:name` replaced by soql::quoteString(value). Returns nullopt and sets
    /// *missing to the first variable without a value.
    static std::optional<QString> bind(const QString &condition, const QHash<QString, QString> &values,
                                       QString *missing = nullptr);
};

} // namespace posdata
