// SPDX-License-Identifier: MIT
// pos-manage-data: the Settings > Manage data screen on the real sync engine, built as any host app
// builds it: the public engine API (include/posdatasync/) and the QML module PosData. Builds and
// wires only; --demo runs the emulator in-process.
#include "headlessrun.h"

#include <posdatasync/devicefile.h>
#include <posdatasync/engine.h>
#include <posdatasync/quick.h>

#ifdef POSDATA_HAVE_EMULATOR
#include "emulator/emulatorserver.h"
#include "emulator/seeder.h"
#include "soql/ids.h"
#endif

#include <QCommandLineParser>
#include <QDate>
#include <QGuiApplication>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
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
    // QQmlComponent's own ("Component is not ready": a list's header or footer that failed to
    // build) names no file: it counts too.
    const bool fromQml = category.startsWith(QLatin1String("qml")) || category.startsWith(QLatin1String("js"))
        || category.startsWith(QLatin1String("qt.qml")) || message.startsWith(QLatin1String("QQmlComponent"))
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
// The demo org's device, in memory: its first outlet and that outlet's first shift.
posdatasync::DeviceFile demoDevice(const QString &url)
{
    posdatasync::DeviceFile demo;
    demo.device.instanceUrl = QUrl(url);
    demo.device.clientId = QStringLiteral("pos-demo");
    demo.device.outletId = QString::fromStdString(emu::Seeder::outletId(1));
    // Shift 1 (key prefix a01) belongs to outlet 1 in the seeded orgs.
    demo.device.shiftId = QString::fromStdString(soql::makeId("a01", 1));
    demo.credentials.refreshToken = QStringLiteral("pos-demo-refresh");
    return demo;
}

// A few sales rung up on this device before the upload, so that unsaved records show: the demo
// org refuses a negative total (FIELD_CUSTOM_VALIDATION_EXCEPTION "Order total cannot be negative"),
// so two of them stay unsaved with that error on the screen. Name is an auto-number: left out.
void createDemoSales(posdatasync::Engine &engine)
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
        engine.createRecord(QStringLiteral("s_c__order__c"),
                            QJsonObject{{"s_c__outlet__c", engine.outletId()},
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
    if (!language.isEmpty() && !posdatasync::screenLanguages().contains(language))
        return fail(QStringLiteral("unknown --lang \"%1\": use one of %2")
                        .arg(language, posdatasync::screenLanguages().join(QStringLiteral(", "))));
    // The system's locale by default; a bare container's "C" locale reads as US English.
    QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::C || language == u"en")
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    QString languageError;
    if (!posdatasync::installTranslations(app, locale, &languageError))
        return fail(languageError);
    QLocale::setDefault(locale);

    const bool selfTest = parser.isSet(selfTestOpt);
    if (selfTest)
        g_previousHandler = qInstallMessageHandler(collectQmlProblems);

    QTemporaryDir privateDir; // the demo database lives and dies here
    if (!privateDir.isValid())
        return fail(QStringLiteral("cannot create a temporary folder"));
    const QString devicePath = parser.value(deviceOpt);
    QString error;
    std::optional<posdatasync::DeviceFile> device;
    bool demo = false;

#ifdef POSDATA_HAVE_EMULATOR
    std::unique_ptr<emu::EmulatorServer> emulator;
    demo = parser.isSet(demoOpt) || (selfTest && devicePath.isEmpty());
    if (demo) {
        emu::EmulatorOptions options;
        // The self-test only needs the pages to load: the small org starts in an instant.
        options.seed = (selfTest && !parser.isSet(seedOpt) ? QStringLiteral("small") : parser.value(seedOpt)).toStdString();
        options.port = 0;
        emulator = std::make_unique<emu::EmulatorServer>(options);
        std::string startError;
        if (!emulator->start(&startError))
            return fail(QStringLiteral("emulator: %1").arg(QString::fromStdString(startError)));
        device = demoDevice(QString::fromStdString(emulator->url()));
    }
#else
    if (parser.isSet(demoOpt))
        return fail(QStringLiteral("--demo needs the emulator, which this build does not have"));
#endif
    if (!device) {
        if (devicePath.isEmpty())
            return fail(QStringLiteral("no device context: pass --device FILE, or --demo"));
        device = posdatasync::readDeviceFile(devicePath, &error);
        if (!device)
            return fail(error);
    }

    posdatasync::EngineSettings settings;
    settings.device = device->device;
    settings.syncConfigPath = parser.value(configOpt); // empty: the bundled one
    // Empty: the app's data folder, shared with `posdata --db`'s default.
    settings.databasePath = parser.isSet(dbOpt) || !demo ? parser.value(dbOpt)
                                                          : privateDir.filePath(QStringLiteral("demo.sqlite"));
    const posdatasync::Credentials credentials = device->credentials;
    posdatasync::Engine engine(settings, [credentials](posdatasync::CredentialsReason) {
        return std::optional(credentials); // the device file's token, again when refused
    });
    QObject::connect(&engine, &posdatasync::Engine::errorOccurred, &app, [](const posdatasync::Error &e) {
        if (e.object.isEmpty() && e.code != u"SIGN_IN_REQUIRED") // the screen says the rest
            std::fprintf(stderr, "sync: %s\n", qPrintable(e.message));
    });

    // The window is the module's Main.qml, with a controller bound to this engine, as a host
    // would write it in its own QML.
    QQmlApplicationEngine qml;
    qml.setInitialProperties({{QStringLiteral("syncEngine"), QVariant::fromValue(&engine)}});
    qml.loadData(QByteArrayLiteral("import PosData\n"
                                   "Main {\n"
                                   "    id: window\n"
                                   "    required property Engine syncEngine\n"
                                   "    controller: ManageDataController { engine: window.syncEngine }\n"
                                   "}\n"));
    if (qml.rootObjects().isEmpty())
        return fail(QStringLiteral("cannot load the QML"));
    auto *window = qobject_cast<QQuickWindow *>(qml.rootObjects().constFirst());
    const QStringList size = parser.value(sizeOpt).split(QLatin1Char('x'));
    if (window && size.size() == 2 && size.at(0).toInt() > 0 && size.at(1).toInt() > 0)
        window->resize(size.at(0).toInt(), size.at(1).toInt());

#ifdef POSDATA_HAVE_EMULATOR
    if (parser.isSet(demoOpt) && !selfTest) {
        // Once the engine has its store open; it uploads them about a second later, in one batch,
        // next to the first download.
        QObject::connect(&engine, &posdatasync::Engine::runningChanged, &engine,
                         [&engine] { createDemoSales(engine); }, Qt::SingleShotConnection);
    }
#endif
    QObject::connect(&engine, &posdatasync::Engine::recordOutcome, &app, [](const posdatasync::RecordOutcome &o) {
        if (o.stage == posdatasync::RecordStage::Failed)
            std::fprintf(stderr, "sync: local write to %s failed: %s\n", qPrintable(o.object), qPrintable(o.message));
    });
    if (!engine.start())
        return fail(engine.errorString());

    if (selfTest) {
        // Let the first snapshots arrive, open a detail page, its unsaved records and the
        // confirmation, then judge.
        QObject *controller = window ? window->property("controller").value<QObject *>() : nullptr;
        QTimer::singleShot(1500, &app, [&] {
            QObject *shell = window ? window->property("shell").value<QObject *>() : nullptr;
            const QString name = HeadlessRun::detailObjectFor(engine.snapshot());
            if (shell && controller && !name.isEmpty()) {
                QMetaObject::invokeMethod(shell, "openDetail", Q_ARG(QVariant, name), Q_ARG(QVariant, true));
                QMetaObject::invokeMethod(shell, "openUnsaved", Q_ARG(QVariant, name), Q_ARG(QVariant, true));
                QMetaObject::invokeMethod(controller, "requestClearPlan", Q_ARG(QStringList, {name}));
            }
        });
        QTimer::singleShot(3000, &app, [&] {
            if (!controller || !controller->property("ready").toBool())
                g_qmlProblems.append(QStringLiteral("no snapshot from the engine"));
            for (const auto &problem : std::as_const(g_qmlProblems))
                std::fprintf(stderr, "self-test: %s\n", qPrintable(problem));
            // The summary in the screen's language: the self-test of each --lang shows it is in use.
            const QString summary = controller ? controller->property("summaryText").toString() : QString();
            std::fprintf(stdout, "self-test: %s: %s\n", qPrintable(QLocale().name()), qPrintable(summary));
            std::fprintf(stdout, "self-test: %s\n", g_qmlProblems.isEmpty() ? "ok" : "FAILED");
            QCoreApplication::exit(g_qmlProblems.isEmpty() ? 0 : 1);
        });
        return app.exec();
    }

    // Without a display nobody sees the window, and a run that quits by itself (scripts/demo under
    // Xvfb) is watched from a terminal: print the table while syncing.
    const QString platform = QGuiApplication::platformName();
    HeadlessRun::Options headless;
    headless.screenshotDir = parser.value(shotsOpt);
    headless.quitWhenSynced = parser.isSet(quitOpt);
    headless.printTable = platform == u"offscreen" || platform == u"minimal" || headless.quitWhenSynced;
    HeadlessRun run(&engine, window, headless);
    QObject::connect(&run, &HeadlessRun::finished, &app, &QCoreApplication::exit);
    if (headless.quitWhenSynced) {
        QTimer::singleShot(parser.value(timeoutOpt).toInt() * 1000, &app, [] {
            std::fprintf(stderr, "pos-manage-data: not synced before --timeout\n");
            QCoreApplication::exit(3);
        });
    }
    return app.exec();
}
