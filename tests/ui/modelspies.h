// SPDX-License-Identifier: MIT
// The signals a model test watches: every change signal of QAbstractItemModel, spied at once, so a
// test can say "one dataChanged and nothing structural" in a line.
#pragma once

#include <QAbstractItemModel>
#include <QSignalSpy>

struct ModelSpies
{
    explicit ModelSpies(QAbstractItemModel *m)
        : dataChanged(m, &QAbstractItemModel::dataChanged)
        , inserted(m, &QAbstractItemModel::rowsInserted)
        , removed(m, &QAbstractItemModel::rowsRemoved)
        , moved(m, &QAbstractItemModel::rowsMoved)
        , reset(m, &QAbstractItemModel::modelReset)
        , layout(m, &QAbstractItemModel::layoutChanged)
    {
    }
    QSignalSpy dataChanged, inserted, removed, moved, reset, layout;
    /// Rows added, removed, moved, or the whole model reset or re-laid out.
    int structural() const { return inserted.size() + removed.size() + moved.size() + reset.size() + layout.size(); }
};
