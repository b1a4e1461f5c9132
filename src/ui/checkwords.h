// SPDX-License-Identifier: MIT
#pragma once

// The screen's words for an object's integrity check and repair (SyncObjectSnapshot::check).

#include "sync/syncsnapshot.h"

#include <QLocale>
#include <QString>
#include <QVariantList>

namespace posdata {

struct CheckWords
{
    /// "Checking against Salesforce...", "The device matches Salesforce.", "Repaired: 37
    /// downloaded, 5 removed.", why it failed (errorKindSentence) or was refused.
    QString sentence;
    /// The counts of a finished check, each {label, value}: missing, gone from Salesforce, outside
    /// the scope (scoped objects), unsaved kept, API calls.
    QVariantList rows;
    bool canRepair = false; ///< a finished check found something a repair downloads or removes
};

CheckWords checkWords(const SyncObjectSnapshot &object, const QLocale &locale);

} // namespace posdata
