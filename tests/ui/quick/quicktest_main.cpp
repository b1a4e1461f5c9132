// SPDX-License-Identifier: MIT
// Qt Quick Test runner for the real pages: imports the PosData module (linked) and registers the
// test helpers (SnapshotFeeder, EngineRig) as the PosDataTest module.
#include "enginerig.h"
#include "snapshotfeeder.h"
#include "ui/translations.h"

#include <QCoreApplication>

#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQuickTest/quicktest.h>

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        // English as in the app (it carries the %n plural forms); the layout test switches languages.
        posdata::installTranslations(*QCoreApplication::instance(), posdata::uiLocale(QStringLiteral("en")));
    }
    void qmlEngineAvailable(QQmlEngine *)
    {
        qmlRegisterType<SnapshotFeeder>("PosDataTest", 1, 0, "SnapshotFeeder");
        qmlRegisterType<EngineRig>("PosDataTest", 1, 0, "EngineRig");
    }
};

QUICK_TEST_MAIN_WITH_SETUP(ui_pages, Setup)

#include "quicktest_main.moc"
