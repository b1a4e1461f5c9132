// SPDX-License-Identifier: MIT
#pragma once

#include <QList>

class QAbstractListModel;

namespace posdata {

/// Emits `model`'s dataChanged for rows whose roles moved: `changedRoles[row]` lists the roles that
/// changed in that row (empty = unchanged). Adjacent changed rows become one signal carrying the union
/// of their roles (KDToolBox UpdateableModel style): few signals, and views refresh only what moved.
void emitRowChanges(QAbstractListModel &model, const QList<QList<int>> &changedRoles);

} // namespace posdata
