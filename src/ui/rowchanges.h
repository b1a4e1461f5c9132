// SPDX-License-Identifier: MIT
#pragma once

// The two halves of bringing a list model to a new list of values with the narrowest signals: the
// keyed diff (KeyedListModel::applyKeyed: removes, moves, inserts) and the per-row role changes
// (emitRowChanges: one dataChanged per run of adjacent changed rows). Both list models use them.

#include <QAbstractListModel>
#include <QList>
#include <QVariant>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace posdata {

/// Emits `model`'s dataChanged for rows whose roles moved: `changedRoles[row]` lists the roles that
/// changed in that row (empty = unchanged). Adjacent changed rows become one signal carrying the union
/// of their roles (KDToolBox UpdateableModel style): few signals, and views refresh only what moved.
void emitRowChanges(QAbstractListModel &model, const QList<QList<int>> &changedRoles);

/// The roles whose values differ between two rows stored as value lists indexed by role - firstRole.
QList<int> differingRoles(const QList<QVariant> &before, const QList<QVariant> &after, int firstRole);

/// A list model whose rows are keyed (an object name, a record Id). The begin/end row calls are
/// protected in QAbstractItemModel, so the diff lives in a base class the models derive from.
class KeyedListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS // a base of QML types: known to the type registrar, never created from QML

public:
    using QAbstractListModel::QAbstractListModel;

protected:
    /// data() of a model whose rows keep one value per role in `Row::values`, indexed by role -
    /// firstRole; Qt::DisplayRole reads `displayRole`.
    template<typename Row>
    QVariant roleValue(const QList<Row> &rows, const QModelIndex &index, int role, int firstRole, int lastRole,
                       int displayRole) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        if (role == Qt::DisplayRole)
            role = displayRole;
        if (role < firstRole || role > lastRole)
            return {};
        return rows.at(index.row()).values.at(role - firstRole);
    }

    /// Brings `rows` to `items` (in that order): removes rows whose key is gone (bottom-up, one
    /// signal per contiguous run), moves rows whose key comes earlier, inserts runs of new keys in
    /// one signal each, then asks `update(row, item)` for the roles that changed in every row that
    /// was already there and emits them through emitRowChanges. Never resets. An item whose key was
    /// seen before in `items` is dropped (the first wins). Linear in the rows, plus a scan per move.
    ///
    /// `itemKey(item)` and `rowKey(row)` give the key; `make(item)` builds a new row;
    /// `update(row, item)` brings an existing row to the item and returns the roles that changed.
    template<typename Row, typename Item, typename ItemKey, typename RowKey, typename Make, typename Update>
    void applyKeyed(QList<Row> &rows, const QList<Item> &items, ItemKey itemKey, RowKey rowKey, Make make,
                    Update update)
    {
        using Key = std::decay_t<decltype(itemKey(items.value(0)))>;
        QList<const Item *> wanted;
        wanted.reserve(items.size());
        QSet<Key> wantedKeys;
        for (const Item &item : items) {
            const Key key = itemKey(item);
            if (!wantedKeys.contains(key)) {
                wantedKeys.insert(key);
                wanted.append(&item);
            }
        }

        // 1. Rows whose key is gone.
        for (int last = int(rows.size()) - 1; last >= 0;) {
            if (wantedKeys.contains(rowKey(rows.at(last)))) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !wantedKeys.contains(rowKey(rows.at(first - 1))))
                --first;
            beginRemoveRows({}, first, last);
            rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first - 1;
        }

        // 2. The wanted order: keep, move up, or insert a run of new keys.
        QSet<Key> present;
        for (const Row &row : std::as_const(rows))
            present.insert(rowKey(row));
        QList<bool> fresh(wanted.size(), false);
        for (int i = 0; i < wanted.size();) {
            const Key key = itemKey(*wanted.at(i));
            if (i < rows.size() && rowKey(rows.at(i)) == key) {
                ++i;
                continue;
            }
            if (present.contains(key)) {
                int existing = i + 1;
                while (rowKey(rows.at(existing)) != key)
                    ++existing;
                beginMoveRows({}, existing, existing, {}, i);
                rows.move(existing, i);
                endMoveRows();
                ++i;
                continue;
            }
            int end = i;
            while (end + 1 < wanted.size() && !present.contains(itemKey(*wanted.at(end + 1))))
                ++end;
            beginInsertRows({}, i, end);
            for (int k = i; k <= end; ++k) {
                rows.insert(k, make(*wanted.at(k)));
                present.insert(itemKey(*wanted.at(k)));
                fresh[k] = true;
            }
            endInsertRows();
            i = end + 1;
        }

        // 3. Rows that were already there: the roles that changed.
        QList<QList<int>> changed(rows.size());
        for (int i = 0; i < rows.size(); ++i) {
            if (!fresh.at(i))
                changed[i] = update(rows[i], *wanted.at(i));
        }
        emitRowChanges(*this, changed);
    }
};

} // namespace posdata
