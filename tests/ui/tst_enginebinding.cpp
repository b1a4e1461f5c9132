// SPDX-License-Identifier: MIT
// ManageDataController.engine: a host's posdatasync::Engine bound to the page's facade (what the
// page shows comes from it, what the page asks goes to it), unbound again, and refused settings
// shown in words. The real engine against the in-process emulator.
#include "emulator/emulatorserver.h"
#include "enginetestutil.h"
#include "ui/managedatacontroller.h"

#include <posdatasync/engine.h>

#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using enginetest::waitFor;
using posdatasync::Credentials;
using posdatasync::CredentialsReason;

namespace {

class EngineBindingTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        emu::EmulatorOptions eo;
        eo.seed = "small";
        server = std::make_unique<emu::EmulatorServer>(eo);
        std::string error;
        ASSERT_TRUE(server->start(&error)) << error;
        enginetest::Rest rest(server->url());
        outletId = rest.ids(QStringLiteral("s_c__outlet__c"), QString(), 1).value(0);
        ASSERT_FALSE(outletId.isEmpty());
    }
    void TearDown() override { server->stop(); }

    posdatasync::EngineSettings settings() const
    {
        posdatasync::EngineSettings s;
        s.device = {QUrl(QString::fromStdString(server->url())), QStringLiteral("pos-demo"), outletId, QString()};
        s.databasePath = dir.filePath(QStringLiteral("till.sqlite"));
        return s;
    }
    static std::optional<Credentials> demoCredentials(CredentialsReason)
    {
        return Credentials{QStringLiteral("pos-demo-refresh"), {}};
    }

    QTemporaryDir dir;
    std::unique_ptr<emu::EmulatorServer> server;
    QString outletId;
};

TEST_F(EngineBindingTest, TheControllerShowsTheHostsEngineAndActsOnIt)
{
    posdatasync::Engine engine(settings(), demoCredentials);
    posdata::ManageDataController controller;
    QSignalSpy engineChanged(&controller, &posdata::ManageDataController::engineChanged);
    controller.setEngine(&engine); // before start(): the host decides when the engine runs
    EXPECT_EQ(controller.engine(), &engine);
    EXPECT_EQ(controller.objects()->rowCount(), 5);
    ASSERT_TRUE(engine.start());
    ASSERT_TRUE(waitFor([&] { return controller.allSynced(); }));
    EXPECT_TRUE(controller.engineErrorText().isEmpty());

    // An intent of the page reaches the engine, and its answer comes back.
    controller.requestClearPlan({QStringLiteral("s_c__product__c")});
    ASSERT_TRUE(waitFor([&] { return controller.clearPlanPending(); }));
    EXPECT_EQ(controller.clearPlans().size(), 1);
    controller.cancelClearPlan();

    // Unbound: the page's questions go nowhere.
    controller.setEngine(nullptr);
    EXPECT_EQ(engineChanged.count(), 2);
    controller.requestClearPlan({QStringLiteral("s_c__product__c")});
    EXPECT_FALSE(waitFor([&] { return controller.clearPlanPending(); }, 1000));
}

TEST_F(EngineBindingTest, RefusedSettingsAreShownOnThePage)
{
    auto s = settings();
    s.device.outletId.clear();
    posdatasync::Engine engine(s, demoCredentials);
    posdata::ManageDataController controller;
    controller.setEngine(&engine);
    EXPECT_TRUE(controller.engineErrorText().contains(QStringLiteral("outletId must not be empty")))
        << controller.engineErrorText().toStdString();

    // The host corrects its settings and hands a new engine: the complaint goes.
    posdatasync::Engine good(settings(), demoCredentials);
    controller.setEngine(&good);
    EXPECT_TRUE(controller.engineErrorText().isEmpty()) << controller.engineErrorText().toStdString();
}

} // namespace
