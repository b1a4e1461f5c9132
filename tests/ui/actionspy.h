// SPDX-License-Identifier: MIT
#pragma once

// ActionSpy: what a ManageDataController asked the engine for, through its one actionRequested signal.

#include "sync/syncaction.h"
#include "ui/managedatacontroller.h"

#include <QSignalSpy>

namespace posdata {

/// Records every actionRequested(SyncAction) of a controller; counts and lists them by kind.
class ActionSpy
{
public:
    explicit ActionSpy(ManageDataController *controller)
        : m_spy(controller, &ManageDataController::actionRequested)
    {
    }
    QList<SyncAction> all() const
    {
        QList<SyncAction> out;
        for (const auto &args : m_spy)
            out.append(args.at(0).value<SyncAction>());
        return out;
    }
    /// The actions of this kind, in order.
    QList<SyncAction> of(SyncAction::Kind kind) const
    {
        QList<SyncAction> out;
        for (const auto &a : all()) {
            if (a.kind == kind)
                out.append(a);
        }
        return out;
    }
    /// The objects of this kind's per-object actions, in order ("" for an "all" action).
    QStringList objects(SyncAction::Kind kind) const
    {
        QStringList out;
        for (const auto &a : of(kind))
            out.append(a.object);
        return out;
    }
    qsizetype size() const { return m_spy.size(); }

private:
    QSignalSpy m_spy;
};

} // namespace posdata
