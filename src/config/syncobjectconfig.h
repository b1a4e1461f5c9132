// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace posdata {

/// One sync object of sync-objects.json, validated: what to download, in which scope, in which order.
struct SyncObjectConfig
{
    QString name; ///< API name as written in the file, e.g. s_c__product__c (a Salesforce identifier)
    QStringList fields; ///< fields as listed, validated identifiers, no case-insensitive duplicates
    QString scope; ///< SOQL condition with bind variables (e.g. `s_c__outlet__c = :outletId`); empty = all
    int priority = 0; ///< lower syncs first (after those requiredForSale); ties keep file order
    /// Device-context variable holding the Id of this object's record "in use" (e.g. "outletId" on the
    /// outlet, "shiftId" on the shift); empty when no record of this object is protected that way.
    QString inUse;
    /// External-Id field that local creates are upserted by (e.g. s_c__pos_uuid__c): a lost answer and
    /// a retry never make a duplicate. Empty: creates are plain inserts (not retry-safe).
    QString externalId;
    /// Upload batches all-or-none: one refused record rolls its whole batch back.
    bool uploadAllOrNone = false;
    /// The till cannot sell without it (outlet, shift, products): such objects download before all
    /// others, and the engine says "Ready to sell" once each of them is synced.
    bool requiredForSale = false;
    /// Fields (one to three, listed in `fields`) that name an unsaved record on the screen when it has
    /// no Name yet, e.g. an order's total and date: "Order · 42.50 · 3/12/26".
    QStringList display;

    bool scoped() const { return !scope.isEmpty(); }

    /// The SELECT list to fetch: Id, SystemModstamp (and IsDeleted when `includeIsDeleted`, for
    /// queryAll) first, then the listed fields, without case-insensitive duplicates.
    QStringList queryFields(bool includeIsDeleted = false) const;

    /// Bind variable names used by the scope (without the colon), in order of first use.
    QStringList bindVariables() const;

    bool operator==(const SyncObjectConfig &) const = default;
};

} // namespace posdata
