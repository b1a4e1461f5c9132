// SPDX-License-Identifier: MIT
#include "config/syncobjectconfig.h"

#include "config/scopebinder.h"

namespace posdata {

QStringList SyncObjectConfig::queryFields(bool includeIsDeleted) const
{
    QStringList out{QStringLiteral("Id"), QStringLiteral("SystemModstamp")};
    if (includeIsDeleted)
        out << QStringLiteral("IsDeleted");
    for (const QString &field : fields) {
        if (!out.contains(field, Qt::CaseInsensitive))
            out << field;
    }
    return out;
}

QStringList SyncObjectConfig::bindVariables() const
{
    return ScopeBinder::variables(scope);
}

} // namespace posdata
