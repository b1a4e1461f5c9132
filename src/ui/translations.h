// SPDX-License-Identifier: MIT
#pragma once

// The screen's languages: which translation to load (English, German, French) and the locale that
// formats its numbers and dates.

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace posdata {

/// The languages the screen is translated into ("en", "de", "fr").
QStringList uiLanguages();

/// The locale for `language` ("de" -> de_DE, "fr" -> fr_FR, "en" -> en_US); empty: the system
/// locale, with the "C" locale of bare containers read as en_US. nullopt-like: an invalid QLocale
/// (QLocale::C) for a language the screen does not have.
QLocale uiLocale(const QString &language);

/// Loads the compiled translation for `locale`'s language into `app`, replacing one installed
/// before by this function or installTranslations() (English for a language the screen does not
/// have). False with `error` in words when it cannot be loaded. The default locale stays.
bool loadTranslation(QCoreApplication &app, const QLocale &locale, QString *error = nullptr);

/// loadTranslation(), and makes `locale` the default (QML's Qt.locale() and number formats
/// follow it). English loads too: it carries the plural forms (%n). False with `error` in words
/// when the language has no translation.
bool installTranslations(QCoreApplication &app, const QLocale &locale, QString *error = nullptr);

} // namespace posdata
