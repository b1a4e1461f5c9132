// SPDX-License-Identifier: MIT
// What PosDataSync::Quick offers C++: the screen's translations. The rest of it is QML: the module
// PosData (ManageDataController, ManageDataPage), imported by a program that links this library.
#pragma once

#include <posdatasync/posdatasyncquick_export.h>

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace posdatasync {

/// The languages the Manage data screen is translated into: "en", "de", "fr".
POSDATASYNCQUICK_EXPORT QStringList screenLanguages();

/// Installs the screen's translation for `locale`'s language on `app` (English for a language it
/// does not have), replacing the one installed before by this function. Numbers and dates follow
/// the host's default QLocale, which this leaves alone. False with `error` in words when the
/// translation cannot be loaded.
POSDATASYNCQUICK_EXPORT bool installTranslations(QCoreApplication &app, const QLocale &locale,
                                                 QString *error = nullptr);

} // namespace posdatasync
