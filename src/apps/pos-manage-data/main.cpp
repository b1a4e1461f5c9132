// SPDX-License-Identifier: MIT
// pos-manage-data: the Settings > Manage data screen on the real sync engine. Builds and wires only.
#include "config/devicecontext.h"
#include "config/syncconfig.h"
#include "sync/syncengine.h"
#include "ui/enginebinding.h"
#include "ui/headlessrun.h"
#include "ui/managedatacontroller.h"
#include "ui/translations.h"

#ifdef POSDATA_HAVE_EMULATOR
#include "emulator/emulatorserver.h"
#include "emulator/seeder.h"
#include "soql/ids.h"
#endif

#include <QCommandLineParser>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

QStringList g_qmlProblems; // warnings and errors seen while --self-test runs
QtMessageHandler g_previousHandler = nullptr;

void collectQmlProblems(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Only QML's own complaints count: the platform's (XDG_RUNTIME_DIR, fonts) are not the pages'.
    const QLatin1String category(context.category ? context.category : "");
    const bool fromQml = category.startsWith(QLatin1String("qml")) || category.startsWith(QLatin1String("js"))
        || message.contains(QLatin1String("qrc:/")) || message.contains(QLatin1String(".qml"));
    if (type != QtDebugMsg && type != QtInfoMsg && fromQml)
        g_qmlProblems.append(message);
    g_previousHandler(type, context, message);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "pos-manage-data: %s\n", qPrintable(message));
    return 2;
}

#ifdef POSDATA_HAVE_EMULATOR
// The demo device context is a secret-bearing file: written 0600 in a private temp dir.
bool writeDemoDevice(const QString &path, const QString &url, QString *error)
{
    QJsonObject o{{"instanceUrl", url},
                  {"clientId", "pos-demo"},
                  {"refreshToken", "pos-demo-refresh"},
                  {"outletId", QString::fromStdString(emu::Seeder::outletId(1))},
                  // Shift 1 (key prefix a01) belongs to outlet 1 in the seeded orgs.
                  {"shiftId", QString::fromStdString(soql::makeId("a01", 1))}};
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || file.write(QJsonDocument(o).toJson()) < 0) {
        *error = QStringLiteral("cannot write the demo device context %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// A few sales rung up on this device before the upload, so that unsaved records show: the demo
// org refuses a negative total (FIELD_CUSTOM_VALIDATION_EXCEPTION "Order total cannot be negative"),
// so two of them stay unsaved with that error on the screen. Name is an auto-number: left out.
void createDemoSales(posdata::SyncEngine &engine, const QString &outletId)
{
    struct Sale
    {
        double total;
        const char *status;
        int items;
    };
    const Sale sales[] = {{42.50, "Paid", 3}, {18.00, "Paid", 1}, {-5.00, "Refunded", 1}, {7.25, "Open", 2},
                          {-12.40, "Refunded", 2}};
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    for (const Sale &sale : sales) {
        engine.createLocal(QStringLiteral("s_c__order__c"),
                           QJsonObject{{"s_c__outlet__c", outletId},
                                       {"s_c__total__c", sale.total},
                                       {"s_c__status__c", QString::fromLatin1(sale.status)},
                                       {"s_c__order_date__c", today},
                                       {"s_c__item_count__c", sale.items}});
    }
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("pos-manage-data"));
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Material"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("POS Settings > Manage data"));
    parser.addHelpOption();
    const QCommandLineOption configOpt("config", "sync-objects.json to use (default: the bundled one).", "file");
    const QCommandLineOption deviceOpt("device", "Device context JSON (mode 0600).", "file");
    const QCommandLineOption dbOpt("db", "Local store database (default: posdata.db in the app data folder).", "file");
    const QCommandLineOption demoOpt("demo", "Run against an in-process emulator seeded with the demo org.");
    const QCommandLineOption seedOpt("demo-seed", "Emulator seed for --demo (demo, small).", "name", "demo");
    const QCommandLineOption selfTestOpt("self-test", "Load the QML, open each page, exit non-zero on any QML warning.");
    const QCommandLineOption shotsOpt("screenshot-dir", "With --quit-when-synced: save PNGs here.", "dir");
    const QCommandLineOption quitOpt("quit-when-synced", "Exit once every object is Fully or Subset synced.");
    const QCommandLineOption sizeOpt("window-size", "Window size, e.g. 800x1280 (portrait).", "WxH", "1280x800");
    const QCommandLineOption timeoutOpt("timeout", "With --quit-when-synced: give up after this many seconds.", "s", "600");
    const QCommandLineOption langOpt("lang", "Language of the screen: en, de or fr (default: the system's).", "code");
    parser.addOptions({configOpt, deviceOpt, dbOpt, demoOpt, seedOpt, selfTestOpt, shotsOpt, quitOpt, sizeOpt, timeoutOpt,
                       langOpt});
    parser.process(app);

    // Before anything formats a number: the language's translation and locale become the defaults.
    const QString language = parser.value(langOpt);
    if (!language.isEmpty() && !posdata::uiLanguages().contains(language))
        return fail(QStringLiteral("unknown --lang \"%1\": use one of %2")
                        .arg(language, posdata::uiLanguages().join(QStringLiteral(", "))));
    QString languageError;
    if (!posdata::installTranslations(app, posdata::uiLocale(language), &languageError))
        return fail(languageError);

    const bool selfTest = parser.isSet(selfTestOpt);
    if (selfTest)
        g_previousHandler = qInstallMessageHandler(collectQmlProblems);

    QString error;
    const auto config = parser.isSet(configOpt) ? posdata::loadSyncConfig(parser.value(configOpt), &error)
                                                : posdata::loadBundledSyncConfig(&error);
    if (!config)
        return fail(error);

    QTemporaryDir privateDir; // demo device context and demo database live and die here
    if (!privateDir.isValid())
        return fail(QStringLiteral("cannot create a temporary folder"));
    QString devicePath = parser.value(deviceOpt);
    QString dbPath = parser.value(dbOpt);

#ifdef POSDATA_HAVE_EMULATOR
    std::unique_ptr<emu::EmulatorServer> emulator;
    const bool demo = parser.isSet(demoOpt) || (selfTest && devicePath.isEmpty());
    if (demo) {
        emu::EmulatorOptions options;
        // The self-test only needs the pages to load: the small org starts in an instant.
        options.seed = (selfTest && !parser.isSet(seedOpt) ? QStringLiteral("small") : parser.value(seedOpt)).toStdString();
        options.port = 0;
        emulator = std::make_unique<emu::EmulatorServer>(options);
        std::string startError;
        if (!emulator->start(&startError))
            return fail(QStringLiteral("emulator: %1").arg(QString::fromStdString(startError)));
        devicePath = privateDir.filePath(QStringLiteral("device.json"));
        if (!writeDemoDevice(devicePath, QString::fromStdString(emulator->url()), &error))
            return fail(error);
        if (dbPath.isEmpty())
            dbPath = privateDir.filePath(QStringLiteral("demo.sqlite"));
    }
#else
    if (parser.isSet(demoOpt))
        return fail(QStringLiteral("--demo needs the emulator, which this build does not have"));
#endif
    if (devicePath.isEmpty())
        return fail(QStringLiteral("no device context: pass --device FILE, or --demo"));
    const auto device = posdata::loadDeviceContext(devicePath, &error);
    if (!device)
        return fail(error);
    if (dbPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        dbPath = QDir(dir).filePath(QStringLiteral("posdata.db")); // shared with `posdata --db` default
    }

    posdata::SyncEngineOptions engineOptions;
    engineOptions.dbPath = dbPath;
    engineOptions.config = *config;
    engineOptions.device = *device;
    posdata::SyncEngine engine(engineOptions);
    posdata::ManageDataController controller;
    posdata::bindEngine(&controller, &engine);
    QObject::connect(&engine, &posdata::SyncEngine::fatalError, &app,
                     [](const QString &message) { std::fprintf(stderr, "sync: %s\n", qPrintable(message)); });

    QQmlApplicationEngine qml;
    qml.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
    qml.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/PosData/Main.qml")));
    if (qml.rootObjects().isEmpty())
        return fail(QStringLiteral("cannot load the QML"));
    auto *window = qobject_cast<QQuickWindow *>(qml.rootObjects().constFirst());
    const QStringList size = parser.value(sizeOpt).split(QLatin1Char('x'));
    if (window && size.size() == 2 && size.at(0).toInt() > 0 && size.at(1).toInt() > 0)
        window->resize(size.at(0).toInt(), size.at(1).toInt());

#ifdef POSDATA_HAVE_EMULATOR
    if (parser.isSet(demoOpt) && !selfTest) {
        // Once the worker has its store open; the engine uploads them about a second later, in one
        // batch, next to the first download.
        QObject::connect(&engine, &posdata::SyncEngine::started, &engine,
                         [&engine, outletId = device->outletId] { createDemoSales(engine, outletId); },
                         Qt::SingleShotConnection);
    }
#endif
    QObject::connect(&engine, &posdata::SyncEngine::localWriteFailed, &app,
                     [](quint64, const QString &object, const QString &message) {
                         std::fprintf(stderr, "sync: local write to %s failed: %s\n", qPrintable(object),
                                      qPrintable(message));
                     });
    engine.start();

    if (selfTest) {
        // Let the first snapshots arrive, open a detail page, its unsaved records and the
        // confirmation, then judge.
        QTimer::singleShot(1500, &app, [&] {
            QObject *shell = window ? window->property("shell").value<QObject *>() : nullptr;
            const QString name = posdata::HeadlessRun::detailObjectFor(controller);
            if (shell && !name.isEmpty()) {
                QMetaObject::invokeMethod(shell, "openDetail", Q_ARG(QVariant, name), Q_ARG(QVariant, true));
                QMetaObject::invokeMethod(shell, "openUnsaved", Q_ARG(QVariant, name), Q_ARG(QVariant, true));
                controller.requestClearPlan({name});
            }
        });
        QTimer::singleShot(3000, &app, [&] {
            if (!controller.ready())
                g_qmlProblems.append(QStringLiteral("no snapshot from the engine"));
            for (const auto &problem : std::as_const(g_qmlProblems))
                std::fprintf(stderr, "self-test: %s\n", qPrintable(problem));
            // The summary in the screen's language: the self-test of each --lang shows it is in use.
            std::fprintf(stdout, "self-test: %s: %s\n", qPrintable(QLocale().name()), qPrintable(controller.summaryText()));
            std::fprintf(stdout, "self-test: %s\n", g_qmlProblems.isEmpty() ? "ok" : "FAILED");
            QCoreApplication::exit(g_qmlProblems.isEmpty() ? 0 : 1);
        });
        return app.exec();
    }

    // Without a display nobody sees the window, and a run that quits by itself (scripts/demo under
    // Xvfb) is watched from a terminal: print the table while syncing.
    const QString platform = QGuiApplication::platformName();
    posdata::HeadlessRun::Options headless;
    headless.screenshotDir = parser.value(shotsOpt);
    headless.quitWhenSynced = parser.isSet(quitOpt);
    headless.printTable = platform == u"offscreen" || platform == u"minimal" || headless.quitWhenSynced;
    posdata::HeadlessRun run(&controller, window, headless);
    QObject::connect(&run, &posdata::HeadlessRun::finished, &app, &QCoreApplication::exit);
    if (headless.quitWhenSynced) {
        QTimer::singleShot(parser.value(timeoutOpt).toInt() * 1000, &app, [] {
            std::fprintf(stderr, "pos-manage-data: not synced before --timeout\n");
            QCoreApplication::exit(3);
        });
    }
    return app.exec();
}
