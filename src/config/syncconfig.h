// SPDX-License-Identifier: MIT
#pragma once

#include "config/syncobjectconfig.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace posdata {

/// The validated contents of a sync-objects.json: the sync objects in priority order.
struct SyncConfig
{
    QString source; ///< the file it was loaded from (path or ":/posdata/sync-objects.json")
    QList<SyncObjectConfig> objects; ///< sorted by priority (ascending), ties in file order

    /// The object with this API name, compared case-insensitively; nullptr when absent.
    const SyncObjectConfig *find(QStringView name) const;
    QStringList names() const; ///< API names in priority order

    bool operator==(const SyncConfig &) const = default;
};

/// A sync-objects.json lists a few dozen objects at most; a larger file is refused unread.
inline constexpr qint64 kMaxSyncConfigSize = 1024 * 1024;

/// Loads and validates a sync-objects.json. On failure returns std::nullopt and sets *error
/// (if given) to one message naming the file, the object and the key, e.g.
/// `sync-objects.json: object "s_c__shift__c": key "scope": bind variable :tillId is not in the device context`.
std::optional<SyncConfig> loadSyncConfig(const QString &path, QString *error = nullptr);

/// As loadSyncConfig() for bytes already read; `source` names the file in messages.
std::optional<SyncConfig> parseSyncConfig(const QByteArray &json, const QString &source,
                                          QString *error = nullptr);

/// The configuration compiled into the binary as the Qt resource ":/posdata/sync-objects.json".
std::optional<SyncConfig> loadBundledSyncConfig(QString *error = nullptr);

/// Resource path of the bundled configuration.
inline constexpr const char *kBundledSyncConfigPath = ":/posdata/sync-objects.json";

} // namespace posdata
