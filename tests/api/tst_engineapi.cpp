// SPDX-License-Identifier: MIT
// The public engine API as a host POS app uses it (include/posdatasync/ only), against the emulator
// over loopback: a device context in memory, credentials on request, a sale from Stored to Uploaded
// or Refused, the shift and the outlet changed at run time, pause/resume, and bad settings refused
// in words. The org is read back with the tests' own REST client.
#include <posdatasync/devicefile.h>
#include <posdatasync/engine.h>

#include "emulator/emulatorserver.h"
#include "enginetestutil.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace enginetest;
using posdatasync::Credentials;
using posdatasync::CredentialsReason;
using posdatasync::Engine;
using posdatasync::EngineSettings;
using posdatasync::RecordOutcome;
using posdatasync::RecordStage;
using posdatasync::Status;

namespace {

const QString kOrder = QStringLiteral("s_c__order__c");
const QString kShift = QStringLiteral("s_c__shift__c");
const QString kOutlet = QStringLiteral("s_c__outlet__c");
const QString kRefreshToken = QStringLiteral("pos-demo-refresh");

QJsonObject sale(const QString &outletId, double total)
{
    return {{QStringLiteral("s_c__outlet__c"), outletId}, {QStringLiteral("s_c__total__c"), total},
            {QStringLiteral("s_c__status__c"), QStringLiteral("Paid")}};
}

bool settled(const posdatasync::Snapshot &s)
{
    if (!s.running || s.objects.isEmpty())
        return false;
    for (const auto &o : s.objects) {
        if (o.status != Status::FullySynced && o.status != Status::SubsetSynced)
            return false;
    }
    return true;
}

/// Every outcome a host saw, by ticket.
struct Outcomes
{
    QList<RecordOutcome> all;
    explicit Outcomes(Engine &engine)
    {
        QObject::connect(&engine, &Engine::recordOutcome, [this](const RecordOutcome &o) { all.append(o); });
    }
    std::optional<RecordOutcome> find(quint64 ticket, RecordStage stage) const
    {
        for (const auto &o : all) {
            if (o.ticket == ticket && o.stage == stage)
                return o;
        }
        return std::nullopt;
    }
};

} // namespace

class EngineApiTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        std::string error;
        server = startSmallOrg(&error);
        ASSERT_TRUE(server) << error;
        rest = std::make_unique<Rest>(server->url());
        ASSERT_TRUE(rest->ok());
        const QStringList outlets = rest->ids(kOutlet, QString(), 2);
        ASSERT_EQ(outlets.size(), 2);
        outletId = outlets.at(0);
        otherOutletId = outlets.at(1);
        shiftId = rest->ids(kShift, QStringLiteral("s_c__outlet__c = '%1'").arg(outletId), 1).value(0);
        ASSERT_FALSE(shiftId.isEmpty());
    }
    void TearDown() override
    {
        if (server)
            server->stop();
    }

    /// What a host has in memory: no file anywhere.
    EngineSettings settings() const
    {
        EngineSettings s;
        s.device.instanceUrl = QUrl(QString::fromStdString(server->url()));
        s.device.clientId = QStringLiteral("pos-demo");
        s.device.outletId = outletId;
        s.device.shiftId = shiftId;
        s.databasePath = dir.filePath(QStringLiteral("till.sqlite"));
        return s;
    }

    static posdatasync::CredentialsProvider refreshToken(QList<CredentialsReason> *asked = nullptr)
    {
        return [asked](CredentialsReason reason) {
            if (asked)
                asked->append(reason);
            return std::optional(Credentials{kRefreshToken, {}});
        };
    }

    QTemporaryDir dir;
    std::unique_ptr<emu::EmulatorServer> server;
    std::unique_ptr<Rest> rest;
    QString outletId;
    QString otherOutletId;
    QString shiftId;
};

TEST_F(EngineApiTest, AHostSyncsFromMemorySellsAndChangesTheShift)
{
    QList<CredentialsReason> asked;
    Engine engine(settings(), refreshToken(&asked));
    QSignalSpy ready(&engine, &Engine::readyToSellChanged);
    QSignalSpy running(&engine, &Engine::runningChanged);
    Outcomes outcomes(engine);
    ASSERT_EQ(engine.snapshot().objects.size(), 5); // the configured objects, before anything runs
    EXPECT_FALSE(engine.isRunning());

    ASSERT_TRUE(engine.start()) << engine.errorString().toStdString();
    EXPECT_EQ(asked, QList<CredentialsReason>{CredentialsReason::Start});
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()); }));
    EXPECT_TRUE(engine.readyToSell());
    EXPECT_FALSE(engine.signInRequired());
    EXPECT_EQ(ready.count(), 1);
    EXPECT_EQ(running.count(), 1);
    const auto *orders = engine.snapshot().object(kOrder);
    ASSERT_NE(orders, nullptr);
    EXPECT_EQ(orders->status, Status::SubsetSynced);
    EXPECT_EQ(orders->statusText, QStringLiteral("Subset synced"));
    EXPECT_EQ(orders->local, rest->ids(kOrder, QStringLiteral("s_c__outlet__c = '%1'").arg(outletId)).size());
    EXPECT_EQ(engine.snapshot().object(kShift)->inUse, 1); // the open shift is kept

    // A good sale, a sale the org's validation refuses, and a write to an object that is not synced.
    const quint64 good = engine.createRecord(kOrder, sale(outletId, 12.5));
    const quint64 bad = engine.createRecord(kOrder, sale(outletId, -3.0));
    const quint64 unknown = engine.createRecord(QStringLiteral("s_c__nope__c"), sale(outletId, 1.0));
    EXPECT_EQ(QSet<quint64>({good, bad, unknown}).size(), 3);
    ASSERT_TRUE(waitFor([&] {
        return outcomes.find(good, RecordStage::Uploaded) && outcomes.find(bad, RecordStage::Refused)
            && outcomes.find(unknown, RecordStage::Failed);
    }));
    const RecordOutcome stored = *outcomes.find(good, RecordStage::Stored);
    const RecordOutcome uploaded = *outcomes.find(good, RecordStage::Uploaded);
    EXPECT_EQ(stored.object, kOrder);
    EXPECT_FALSE(stored.id.isEmpty());
    EXPECT_EQ(uploaded.id, stored.id);
    EXPECT_FALSE(uploaded.serverId.isEmpty());
    EXPECT_NE(uploaded.serverId, stored.id);
    EXPECT_EQ(rest->ids(kOrder, QStringLiteral("Id = '%1'").arg(uploaded.serverId)), QStringList{uploaded.serverId});
    const RecordOutcome refused = *outcomes.find(bad, RecordStage::Refused);
    EXPECT_EQ(refused.id, outcomes.find(bad, RecordStage::Stored)->id);
    EXPECT_EQ(refused.code, QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
    EXPECT_FALSE(refused.message.isEmpty());
    EXPECT_TRUE(outcomes.find(unknown, RecordStage::Failed)->message.contains(QStringLiteral("not a sync object")));
    EXPECT_FALSE(outcomes.find(unknown, RecordStage::Stored));
    ASSERT_TRUE(waitFor([&] { return engine.snapshot().object(kOrder)->uploadFailed == 1; }));

    // The shift closes: the record it kept is no longer in use; it opens again: kept again.
    QSignalSpy device(&engine, &Engine::deviceChanged);
    engine.closeShift();
    EXPECT_TRUE(engine.shiftId().isEmpty());
    EXPECT_EQ(device.count(), 1);
    ASSERT_TRUE(waitFor([&] { return engine.snapshot().object(kShift)->inUse == 0; }));
    engine.openShift(shiftId);
    EXPECT_EQ(engine.shiftId(), shiftId);
    ASSERT_TRUE(waitFor([&] { return engine.snapshot().object(kShift)->inUse == 1; }));
    engine.closeShift();
    engine.closeShift(); // no change, no signal
    EXPECT_EQ(device.count(), 3);
}

TEST_F(EngineApiTest, AnotherOutletReScopesTheTill)
{
    Engine engine(settings(), refreshToken());
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()); }));
    const RecordMap mine = rest->records(kOrder, QStringLiteral("s_c__outlet__c = '%1'").arg(outletId));
    const RecordMap theirs = rest->records(kOrder, QStringLiteral("s_c__outlet__c = '%1'").arg(otherOutletId));
    ASSERT_FALSE(theirs.isEmpty());
    ASSERT_EQ(localRecords(settings().databasePath, kOrder).keys(), mine.keys());

    engine.setOutletId(otherOutletId);
    EXPECT_EQ(engine.outletId(), otherOutletId);
    // The other outlet's orders replace this one's (the store read back by the test itself).
    ASSERT_TRUE(waitFor([&] {
        return settled(engine.snapshot()) && localRecords(settings().databasePath, kOrder).keys() == theirs.keys();
    }));
    EXPECT_EQ(engine.snapshot().object(kOrder)->local, theirs.size());
    EXPECT_EQ(engine.snapshot().object(kOrder)->server, theirs.size());
    EXPECT_EQ(engine.snapshot().object(kOutlet)->inUse, 1);

    // An empty outlet is refused in words and changes nothing.
    QSignalSpy errors(&engine, &Engine::errorOccurred);
    QSignalSpy device(&engine, &Engine::deviceChanged);
    engine.setOutletId(QStringLiteral("  "));
    EXPECT_EQ(engine.outletId(), otherOutletId);
    EXPECT_EQ(device.count(), 0);
    ASSERT_EQ(errors.count(), 1);
    const auto error = errors.at(0).at(0).value<posdatasync::Error>();
    EXPECT_EQ(error.code, QStringLiteral("INVALID_SETTINGS"));
    EXPECT_TRUE(error.message.contains(QStringLiteral("outlet"))) << error.message.toStdString();
}

TEST_F(EngineApiTest, AShiftClosedBeforeStartIsClosedFromTheStart)
{
    Engine engine(settings(), refreshToken());
    engine.closeShift();
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()); }));
    EXPECT_EQ(engine.snapshot().object(kShift)->inUse, 0);
    EXPECT_EQ(engine.snapshot().object(kOutlet)->inUse, 1);
}

TEST_F(EngineApiTest, PauseAllHoldsTheEngineForTheHostsBulkWork)
{
    Engine engine(settings(), refreshToken());
    QSignalSpy paused(&engine, &Engine::pausedChanged);
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()); }));
    engine.pauseAll();
    ASSERT_TRUE(waitFor([&] { return engine.isPaused(); }));
    for (const auto &o : engine.snapshot().objects)
        EXPECT_EQ(o.status, Status::Paused) << o.name.toStdString();
    // A sale while paused is stored and waits: nothing leaves the device.
    Outcomes outcomes(engine);
    const quint64 ticket = engine.createRecord(kOrder, sale(outletId, 4.0));
    ASSERT_TRUE(waitFor([&] { return outcomes.find(ticket, RecordStage::Stored).has_value(); }));
    engine.syncNow();
    EXPECT_FALSE(waitFor([&] { return outcomes.find(ticket, RecordStage::Uploaded).has_value(); }, 1500));

    engine.resumeAll();
    ASSERT_TRUE(waitFor([&] { return !engine.isPaused(); }));
    ASSERT_TRUE(waitFor([&] { return outcomes.find(ticket, RecordStage::Uploaded).has_value(); }));
    ASSERT_EQ(paused.count(), 2);
    EXPECT_TRUE(paused.at(0).at(0).toBool());
    EXPECT_FALSE(paused.at(1).at(0).toBool());
}

TEST_F(EngineApiTest, AHostWithoutCredentialsIsAskedAndSignsInWhenItHandsThem)
{
    QList<CredentialsReason> asked;
    Engine engine(settings(), [&](CredentialsReason reason) {
        asked.append(reason);
        return std::optional<Credentials>(); // a sign-in dialog is open: later
    });
    QSignalSpy errors(&engine, &Engine::errorOccurred);
    const int64_t callsBefore = server->emulator().apiCalls();
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return engine.signInRequired(); }));
    EXPECT_EQ(asked.value(0), CredentialsReason::Start);
    EXPECT_TRUE(asked.contains(CredentialsReason::SignInRequired));
    EXPECT_FALSE(engine.readyToSell());
    EXPECT_EQ(server->emulator().apiCalls(), callsBefore); // nothing was sent without credentials
    bool signInError = false;
    for (const auto &args : errors)
        signInError |= args.at(0).value<posdatasync::Error>().code == QStringLiteral("SIGN_IN_REQUIRED");
    EXPECT_TRUE(signInError);

    engine.setCredentials(Credentials{kRefreshToken, {}});
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()) && engine.readyToSell(); }));
    EXPECT_FALSE(engine.signInRequired());
}

TEST_F(EngineApiTest, AnAccessTokenFromTheHostIsEnough)
{
    const QByteArray token = QByteArray::fromStdString(rest->token());
    Engine engine(settings(), [&](CredentialsReason) { return std::optional(Credentials{{}, token}); });
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()); }));
    EXPECT_FALSE(engine.signInRequired());
}

TEST_F(EngineApiTest, RefusedCredentialsAreNotHandedBackAtOnce)
{
    // A provider that keeps answering with the token Salesforce refuses: the engine must not turn
    // that into a sign-in storm (it tries again by itself, 15 s later and then less often).
    const QString wrong = QStringLiteral("not-the-refresh-token-0123456789");
    int asked = 0;
    Engine engine(settings(), [&](CredentialsReason) {
        ++asked;
        return std::optional(Credentials{wrong, {}});
    });
    QSignalSpy errors(&engine, &Engine::errorOccurred);
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return engine.signInRequired(); }));
    waitFor([] { return false; }, 1500);
    EXPECT_LE(asked, 3);
    EXPECT_TRUE(engine.signInRequired());
    ASSERT_GE(errors.count(), 1);
    // The secret never leaves in words.
    for (const auto &args : errors) {
        const auto e = args.at(0).value<posdatasync::Error>();
        EXPECT_FALSE(e.message.contains(wrong)) << e.message.toStdString();
    }
    ASSERT_TRUE(engine.snapshot().engineError.has_value());
    EXPECT_FALSE(engine.snapshot().engineError->message.contains(wrong));

    // The host gets the right one (a person signed in again): used at once.
    engine.setCredentials(Credentials{kRefreshToken, {}});
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()); }));
}

TEST_F(EngineApiTest, BadSettingsAreRefusedInWordsAndNothingStarts)
{
    struct Case
    {
        const char *what;
        std::function<void(EngineSettings &)> spoil;
        QString words;
    };
    const QString notJson = dir.filePath(QStringLiteral("not-json.json"));
    QFile file(notJson);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{ objects: ");
    file.close();
    const QList<Case> cases = {
        {"no outlet", [](EngineSettings &s) { s.device.outletId.clear(); }, QStringLiteral("outletId must not be empty")},
        {"no client", [](EngineSettings &s) { s.device.clientId = QStringLiteral(" "); }, QStringLiteral("clientId must not be empty")},
        {"http to another host",
         [](EngineSettings &s) { s.device.instanceUrl = QUrl(QStringLiteral("http://example.com")); },
         QStringLiteral("instanceUrl")},
        {"no URL", [](EngineSettings &s) { s.device.instanceUrl = QUrl(); }, QStringLiteral("instanceUrl")},
        {"missing configuration",
         [&](EngineSettings &s) { s.syncConfigPath = dir.filePath(QStringLiteral("nowhere.json")); },
         QStringLiteral("nowhere.json")},
        {"configuration not JSON", [&](EngineSettings &s) { s.syncConfigPath = notJson; }, QStringLiteral("not-json.json")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.what);
        EngineSettings s = settings();
        c.spoil(s);
        int asked = 0;
        Engine engine(s, [&](CredentialsReason) {
            ++asked;
            return std::optional(Credentials{kRefreshToken, {}});
        });
        QSignalSpy errors(&engine, &Engine::errorOccurred);
        Outcomes outcomes(engine);
        EXPECT_FALSE(engine.start());
        EXPECT_TRUE(engine.errorString().contains(c.words)) << engine.errorString().toStdString();
        EXPECT_EQ(asked, 0);
        ASSERT_EQ(errors.count(), 1);
        EXPECT_EQ(errors.at(0).at(0).value<posdatasync::Error>().code, QStringLiteral("INVALID_SETTINGS"));
        // A write is refused the way the engine refuses one: later, with the reason.
        const quint64 ticket = engine.createRecord(kOrder, sale(outletId, 1.0));
        EXPECT_TRUE(outcomes.all.isEmpty());
        ASSERT_TRUE(waitFor([&] { return outcomes.find(ticket, RecordStage::Failed).has_value(); }));
        EXPECT_TRUE(outcomes.find(ticket, RecordStage::Failed)->message.contains(c.words));
        EXPECT_FALSE(engine.isRunning());
    }
    EXPECT_FALSE(QFile::exists(settings().databasePath)); // no store was created for any of them
}

TEST_F(EngineApiTest, ADeviceFileGivesTheDeviceAndItsToken)
{
    const QString path = dir.filePath(QStringLiteral("device.json"));
    const QString token = kRefreshToken;
    auto write = [&](QFile::Permissions permissions) {
        QFile f(path);
        f.remove();
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{"instanceUrl", QString::fromStdString(server->url())},
                                          {"clientId", "pos-demo"},
                                          {"refreshToken", token},
                                          {"outletId", outletId},
                                          {"shiftId", shiftId}})
                    .toJson());
        f.close();
        ASSERT_TRUE(f.setPermissions(permissions));
    };
    // Open to other users: refused in words, without the token.
    write(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    QString error;
    EXPECT_FALSE(posdatasync::readDeviceFile(path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("chmod 600"))) << error.toStdString();
    EXPECT_FALSE(error.contains(token));

    write(QFile::ReadOwner | QFile::WriteOwner);
    const auto file = posdatasync::readDeviceFile(path, &error);
    ASSERT_TRUE(file) << error.toStdString();
    EXPECT_EQ(file->device.outletId, outletId);
    EXPECT_EQ(file->device.shiftId, shiftId);
    EXPECT_EQ(file->credentials.refreshToken, token);
    EngineSettings s = settings();
    s.device = file->device;
    const Credentials credentials = file->credentials;
    Engine engine(s, [credentials](CredentialsReason) { return std::optional(credentials); });
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return settled(engine.snapshot()); }));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
