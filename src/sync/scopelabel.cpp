// SPDX-License-Identifier: MIT
// scopelabel.h: the record a scope follows, by name.
#include "sync/scopelabel.h"

#include "store/localstore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace posdata::scopelabel {

std::optional<Source> sourceOf(const SyncConfig &config, const SyncObjectConfig &object)
{
    if (!object.scoped())
        return std::nullopt;
    for (const QString &variable : object.bindVariables()) {
        for (const SyncObjectConfig &holder : config.objects) {
            if (holder.inUse == variable)
                return Source{variable, holder.name};
        }
    }
    return std::nullopt;
}

QString recordLabel(const LocalStore &store, const QString &object, const QString &id)
{
    if (id.isEmpty())
        return {};
    const std::optional<StoredRecord> record = store.record(object, id);
    if (!record)
        return id;
    // The payload is the record as the server sent it (or as the till wrote it): checked reads.
    const QJsonDocument doc = QJsonDocument::fromJson(record->payload);
    const QJsonValue name = doc.isObject() ? doc.object().value(u"Name") : QJsonValue();
    return name.isString() && !name.toString().trimmed().isEmpty() ? name.toString().trimmed() : id;
}

QString inUseLabel(const LocalStore &store, const Source &source)
{
    const QStringList ids = store.inUseIds(source.object);
    return ids.size() == 1 ? recordLabel(store, source.object, ids.constFirst()) : QString();
}

} // namespace posdata::scopelabel
