// SPDX-License-Identifier: MIT
// The public C++ side of PosDataSync::Quick (include/posdatasync/quick.h).
#include <posdatasync/quick.h>

#include "ui/translations.h"

namespace posdatasync {

QStringList screenLanguages()
{
    return posdata::uiLanguages();
}

bool installTranslations(QCoreApplication &app, const QLocale &locale, QString *error)
{
    return posdata::loadTranslation(app, locale, error);
}

} // namespace posdatasync
