// SPDX-License-Identifier: MIT
#pragma once

// What the model and controller tests share: the fixed "now" their words are read at, US English,
// and a snapshot made of a few objects.

#include "sync/syncsnapshot.h"

#include <QDateTime>
#include <QLocale>

#include <initializer_list>

namespace uitest {

inline const QDateTime kNow(QDate(2026, 3, 12), QTime(10, 0), Qt::UTC);

/// Sets a controller's or a model's clock to kNow and its locale to US English.
template<typename T>
void atTestTimeInEnglish(T &clocked)
{
    clocked.setClock([] { return kNow; });
    clocked.setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
}

inline posdata::EngineSnapshot snapshot(std::initializer_list<posdata::SyncObjectSnapshot> objects)
{
    posdata::EngineSnapshot s;
    s.objects = objects;
    return s;
}

} // namespace uitest
