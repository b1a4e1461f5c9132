// SPDX-License-Identifier: MIT
// host-pos: a small POS app that embeds POS Data Sync (examples/host-pos, docs/integration.md).
// Builds the engine from what the till knows, wires the till and the window, and runs.
#include "selftest.h"
#include "till.h"

#include <posdatasync/engine.h>
#include <posdatasync/quick.h>

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

namespace {

QStringList g_qmlProblems; // QML warnings seen during --self-test
QtMessageHandler g_previousHandler = nullptr;

void collectQmlProblems(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const bool fromQml = message.contains(QLatin1String(".qml")) || QByteArray(context.category ? context.category : "").startsWith("qml");
    if (type != QtDebugMsg && type != QtInfoMsg && fromQml)
        g_qmlProblems.append(message);
    g_previousHandler(type, context, message);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "host-pos: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("host-pos"));
    QQuickStyle::setStyle(QStringLiteral("Material")); // the Manage data page is made for it

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A POS app with POS Data Sync's Manage data"));
    parser.addHelpOption();
    const QCommandLineOption urlOpt("instance-url", "The Salesforce org.", "url");
    const QCommandLineOption clientOpt("client-id", "The connected app's client id.", "id", "pos-demo");
    const QCommandLineOption outletOpt("outlet", "This till's outlet Id.", "id");
    const QCommandLineOption dbOpt("db", "The local store (default: in the app's data folder).", "file");
    const QCommandLineOption selfTestOpt("self-test", "Start the package's sf-emulator, sync, sell, close the shift, check.");
    const QCommandLineOption emulatorOpt("emulator", "The sf-emulator for --self-test.", "file", QStringLiteral(HOST_POS_SF_EMULATOR));
    parser.addOptions({urlOpt, clientOpt, outletOpt, dbOpt, selfTestOpt, emulatorOpt});
    parser.process(app);
    const bool selfTest = parser.isSet(selfTestOpt);

    QString error;
    if (!posdatasync::installTranslations(app, QLocale(), &error))
        return fail(error);

    // What the till knows: its org, its outlet, where its data lives.
    posdatasync::EngineSettings settings;
    settings.device.instanceUrl = QUrl(parser.value(urlOpt));
    settings.device.clientId = parser.value(clientOpt);
    settings.device.outletId = parser.value(outletOpt);
    settings.databasePath = parser.value(dbOpt);
    // The host owns sign-in: a real till reads the token from its own secure store; this one from
    // the environment (the emulator's demo token in --self-test).
    QString refreshToken = qEnvironmentVariable("HOST_POS_REFRESH_TOKEN");

    std::unique_ptr<EmulatorProcess> emulator;
    QTemporaryDir scratch;
    if (selfTest) {
        g_previousHandler = qInstallMessageHandler(collectQmlProblems);
        emulator = std::make_unique<EmulatorProcess>();
        if (!emulator->start(parser.value(emulatorOpt), &error))
            return fail(error);
        settings.device.instanceUrl = emulator->url();
        settings.device.outletId = QString::fromLatin1(kDemoOutletId);
        settings.databasePath = scratch.filePath(QStringLiteral("till.sqlite"));
        refreshToken = QStringLiteral("pos-demo-refresh");
    }

    posdatasync::Engine engine(settings, [refreshToken](posdatasync::CredentialsReason) {
        return refreshToken.isEmpty() ? std::nullopt : std::optional(posdatasync::Credentials{refreshToken, {}});
    });
    Till till(&engine);

    QQmlApplicationEngine qml;
    // This app's own QML module (HostPos) is where Qt 6.5 looks by default; Qt 6.4 is told. POS
    // Data Sync's module needs nothing: linking PosDataSync::Quick is enough.
    qml.addImportPath(QStringLiteral("qrc:/qt/qml"));
    qml.setInitialProperties({{QStringLiteral("syncEngine"), QVariant::fromValue(&engine)},
                              {QStringLiteral("till"), QVariant::fromValue(&till)}});
    qml.load(QUrl(QStringLiteral("qrc:/qt/qml/HostPos/Main.qml")));
    if (qml.rootObjects().isEmpty())
        return fail(QStringLiteral("cannot load the QML"));
    if (!engine.start())
        return fail(engine.errorString());

    if (selfTest)
        return runSelfTest(engine, till, qobject_cast<QQuickWindow *>(qml.rootObjects().constFirst()), g_qmlProblems);
    return app.exec();
}
