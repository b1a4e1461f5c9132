// SPDX-License-Identifier: MIT
#pragma once

#include "config/syncobjectconfig.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace posdata {

struct DeviceContext;

/// Builds the SOQL the engine sends for one sync object, with the scope's bind variables replaced by
/// quoted, escaped string literals (never pasted raw). Pure: no I/O, no state beyond the bound scope.
class SoqlBuilder
{
public:
    /// Binds the object's scope with values from `bindings` (variable name without colon -> value).
    /// Fails (nullopt, *error set) when the scope does not parse or a variable has no value.
    static std::optional<SoqlBuilder> create(const SyncObjectConfig &object,
                                             const QHash<QString, QString> &bindings,
                                             QString *error = nullptr);
    /// As above with the bindable variables of a device context (outletId, shiftId).
    static std::optional<SoqlBuilder> create(const SyncObjectConfig &object, const DeviceContext &context,
                                             QString *error = nullptr);

    const SyncObjectConfig &object() const { return m_object; }
    /// The scope with literals in place of bind variables; empty when unscoped.
    const QString &boundScope() const { return m_boundScope; }

    /// `SELECT COUNT() FROM X WHERE <bound scope>` (no WHERE when unscoped).
    QString countInScope() const;
    /// `SELECT COUNT() FROM X`.
    QString countAll() const;

    /// Incremental pull: `SELECT <queryFields> FROM X [WHERE SystemModstamp >= <checkpoint>]
    /// [AND (<scope>)] ORDER BY SystemModstamp, Id [LIMIT n]`. An invalid checkpoint means from the start.
    /// `includeDeleted` adds IsDeleted to the field list (for /queryAll).
    QString delta(const QDateTime &checkpoint, bool includeDeleted = false, int limit = 0) const;

    /// Keyset restart after the last applied row (reference 2.9): `... WHERE (SystemModstamp > ts OR
    /// (SystemModstamp = ts AND Id > 'id')) [AND (<scope>)] ORDER BY SystemModstamp, Id [LIMIT n]`.
    QString deltaAfter(const QDateTime &lastModstamp, const QString &lastId, bool includeDeleted = false,
                       int limit = 0) const;

    /// `SELECT COUNT() FROM X WHERE <after the checkpoint> [AND (<scope>)]`, for /queryAll: records
    /// changed or deleted since the last one applied (the keyset condition of deltaAfter()).
    QString countChangedAfter(const QDateTime &lastModstamp, const QString &lastId) const;

    // --- range downloads: a full download split into Id ranges, each paged by keyset ---

    /// One end of the object's Id space in scope: `SELECT Id FROM X [WHERE <scope>] ORDER BY Id ASC|DESC
    /// LIMIT 1` (`last`: DESC), for /query.
    QString idEnd(bool last) const;
    /// The newest change in scope, tombstones included (for /queryAll): `SELECT Id, SystemModstamp FROM X
    /// [WHERE <scope>] ORDER BY SystemModstamp DESC, Id DESC LIMIT 1`. Read before a full download's
    /// ranges start, it is where the delta after them starts: a record changed meanwhile is newer.
    QString newestChange() const;
    /// A keyset page of the Id range [lo, hi): `SELECT <queryFields(true)> FROM X WHERE <Id condition>
    /// [AND (<scope>)] ORDER BY Id LIMIT n`. The Id condition is `Id > 'after'` when `after` is set
    /// (the last Id applied), else `Id >= 'lo'`; `AND Id < 'hi'` when `hi` is set; an empty lo and
    /// hi leave that side open. No cursor is held: LIMIT makes the answer one page.
    QString rangePage(const QString &lo, const QString &after, const QString &hi, int limit) const;

    // --- integrity check and repair (src/sync/integritycheck.h) ---

    /// `SELECT COUNT() FROM X WHERE <Id in [lo, hi)> [AND (<scope>)]` (an empty bound is open).
    QString countInRange(const QString &lo, const QString &hi) const;
    /// `SELECT Id FROM X WHERE <Id condition of rangePage()> [AND (<scope>)] ORDER BY Id LIMIT n`.
    QString idPage(const QString &lo, const QString &after, const QString &hi, int limit) const;
    /// `SELECT Id FROM X WHERE Id IN (...)`, without the scope: which of these the server has at all.
    QString idsAnywhere(const QStringList &ids) const;
    /// `SELECT <queryFields(true)> FROM X WHERE Id IN (...) [AND (<scope>)] ORDER BY Id`: the records a
    /// repair downloads.
    QString recordsAmong(const QStringList &ids) const;

    /// A SOQL string literal: quoted, with quotes, backslashes and control characters escaped.
    static QString stringLiteral(const QString &value);

    /// Id-only query for reconciliation (ghost sweep): `SELECT Id FROM X [WHERE <scope>] ORDER BY Id`.
    QString idsInScope() const;

    /// A SOQL datetime literal (unquoted, UTC, milliseconds), e.g. 2024-05-01T12:34:56.000Z.
    static QString dateTimeLiteral(const QDateTime &time);

private:
    SoqlBuilder(SyncObjectConfig object, QString boundScope);
    QString whereClause(const QString &modstampCondition) const;

    SyncObjectConfig m_object;
    QString m_boundScope;
};

} // namespace posdata
