// SPDX-License-Identifier: MIT
// emitRowChanges: runs of changed rows into dataChanged signals (the keyed diff is a template in the header).
#include "rowchanges.h"

#include <algorithm>

namespace posdata {

void emitRowChanges(QAbstractListModel &model, const QList<QList<int>> &changedRoles)
{
    for (int i = 0; i < changedRoles.size();) {
        if (changedRoles.at(i).isEmpty()) {
            ++i;
            continue;
        }
        int end = i;
        QList<int> roles = changedRoles.at(i);
        while (end + 1 < changedRoles.size() && !changedRoles.at(end + 1).isEmpty()) {
            ++end;
            for (int role : changedRoles.at(end)) {
                if (!roles.contains(role))
                    roles.append(role);
            }
        }
        std::sort(roles.begin(), roles.end());
        emit model.dataChanged(model.index(i), model.index(end), roles);
        i = end + 1;
    }
}

QList<int> differingRoles(const QList<QVariant> &before, const QList<QVariant> &after, int firstRole)
{
    QList<int> roles;
    for (qsizetype i = 0; i < after.size(); ++i) {
        if (i >= before.size() || before.at(i) != after.at(i))
            roles.append(firstRole + int(i));
    }
    return roles;
}

} // namespace posdata
