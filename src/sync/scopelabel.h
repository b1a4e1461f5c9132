// SPDX-License-Identifier: MIT
#pragma once

// Which record of the device a scoped object's scope follows (the active outlet, the open shift),
// and that record's name: what "Only records of this outlet (Berlin Mitte)" says. One place for the
// engine's snapshots and for `posdata status` on a store no engine runs on.

#include "config/syncconfig.h"

#include <QString>

#include <optional>

namespace posdata {

class LocalStore;

namespace scopelabel {

/// The device value a scope follows and the object whose record holds it in use.
struct Source
{
    QString variable; ///< bind variable without colon: "outletId", "shiftId"
    QString object; ///< the object that keeps that record in use (SyncObjectConfig::inUse)
};

/// The first bind variable of `object`'s scope that some object of `config` keeps in use; nullopt
/// for an unscoped object or a scope that follows no record of the device.
std::optional<Source> sourceOf(const SyncConfig &config, const SyncObjectConfig &object);

/// The record's Name when it is on the device with one, else its Id; empty for an empty Id.
/// One indexed read: callers do it when the record may have changed, not per snapshot.
QString recordLabel(const LocalStore &store, const QString &object, const QString &id);

/// The label of the record the store keeps in use for `source` (`posdata status` without an
/// engine: the store remembers what the last engine marked); empty when none is.
QString inUseLabel(const LocalStore &store, const Source &source);

} // namespace scopelabel
} // namespace posdata
