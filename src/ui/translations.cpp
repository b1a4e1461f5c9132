// SPDX-License-Identifier: MIT
// Loading the screen's translations (compiled from i18n/*.ts into the resources at :/i18n).
#include "translations.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTranslator>

namespace posdata {

namespace {
QPointer<QTranslator> g_installed; // the one this module installed, so a second call replaces it
} // namespace

QStringList uiLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")};
}

QLocale uiLocale(const QString &language)
{
    if (language.isEmpty()) {
        const QLocale system = QLocale::system();
        if (system.language() == QLocale::C)
            return QLocale(QLocale::English, QLocale::UnitedStates);
        return system;
    }
    if (language == u"en")
        return QLocale(QLocale::English, QLocale::UnitedStates);
    if (language == u"de")
        return QLocale(QLocale::German, QLocale::Germany);
    if (language == u"fr")
        return QLocale(QLocale::French, QLocale::France);
    return QLocale::c();
}

bool loadTranslation(QCoreApplication &app, const QLocale &locale, QString *error)
{
    QString language = QLocale::languageToCode(locale.language(), QLocale::ISO639Part1);
    if (!uiLanguages().contains(language)) {
        // A system locale the screen does not speak: English words, the system's number format.
        language = QStringLiteral("en");
    }
    auto translator = std::make_unique<QTranslator>(&app);
    if (!translator->load(QStringLiteral(":/i18n/posdata_%1.qm").arg(language))) {
        if (error)
            *error = QStringLiteral("no translation for language \"%1\" in this build").arg(language);
        return false;
    }
    if (g_installed) {
        QCoreApplication::removeTranslator(g_installed);
        delete g_installed;
    }
    g_installed = translator.release();
    QCoreApplication::installTranslator(g_installed);
    return true;
}

bool installTranslations(QCoreApplication &app, const QLocale &locale, QString *error)
{
    if (!loadTranslation(app, locale, error))
        return false;
    QLocale::setDefault(locale);
    return true;
}

} // namespace posdata
