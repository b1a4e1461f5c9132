// SPDX-License-Identifier: MIT
#include "rowchanges.h"

#include <QAbstractListModel>

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

} // namespace posdata
