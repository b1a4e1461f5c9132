// SPDX-License-Identifier: MIT
// What a host POS app gets from the engine: a ticket for every local write and its outcome (stored,
// then uploaded with the server's Id or refused with the reason), and sign-in it owns itself (no
// refresh token: the engine asks for credentials and goes on with an access token it is handed).
#include "enginefixture.h"

using namespace enginetest;

namespace {

QJsonObject order(const QString &outletId, double total)
{
    return {{QStringLiteral("s_c__outlet__c"), outletId}, {QStringLiteral("s_c__total__c"), total},
            {QStringLiteral("s_c__status__c"), QStringLiteral("Till")}};
}

} // namespace

class HostTest : public EngineTest
{
};

TEST_F(HostTest, EveryLocalWriteHasATicketAndAnOutcome)
{
    SyncEngine engine(options());
    IdleCounter idle(engine);
    QHash<quint64, QString> stored; // ticket -> local Id
    QHash<quint64, QString> failed;
    QHash<QString, QString> uploaded; // local Id -> server Id
    QHash<QString, QString> refused; // local Id -> code
    QObject::connect(&engine, &SyncEngine::localWriteStored, [&](quint64 t, const QString &, const QString &id) { stored.insert(t, id); });
    QObject::connect(&engine, &SyncEngine::localWriteFailed, [&](quint64 t, const QString &, const QString &m) { failed.insert(t, m); });
    QObject::connect(&engine, &SyncEngine::recordUploaded,
                     [&](const QString &, const QString &id, const QString &serverId) { uploaded.insert(id, serverId); });
    QObject::connect(&engine, &SyncEngine::recordRefused,
                     [&](const QString &, const QString &id, const QString &code, const QString &) { refused.insert(id, code); });
    const quint64 early = engine.createLocal(kOrder, order(outletId, 1.0)); // before start(): refused in words
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_TRUE(waitFor([&] { return failed.contains(early); }));

    const quint64 good = engine.createLocal(kOrder, order(outletId, 12.5));
    const quint64 bad = engine.createLocal(kOrder, order(outletId, -3.0));
    const quint64 unknown = engine.createLocal(QStringLiteral("s_c__nope__c"), order(outletId, 1.0));
    EXPECT_EQ(QSet<quint64>({early, good, bad, unknown}).size(), 4);
    ASSERT_TRUE(waitFor([&] { return stored.contains(good) && stored.contains(bad) && failed.contains(unknown); }));
    EXPECT_TRUE(failed.value(unknown).contains(QStringLiteral("not a sync object"))) << failed.value(unknown).toStdString();
    ASSERT_TRUE(waitFor([&] { return uploaded.contains(stored.value(good)) && refused.contains(stored.value(bad)); }));
    EXPECT_EQ(refused.value(stored.value(bad)), QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
    const QString serverId = uploaded.value(stored.value(good));
    EXPECT_FALSE(serverId.startsWith(QStringLiteral("local-")));
    EXPECT_TRUE(rest->ids(kOrder, QStringLiteral("Id = '%1'").arg(serverId)).contains(serverId));
}

TEST_F(HostTest, AHostThatSignsInItselfIsAskedForCredentialsAndGoesOnWithAnAccessToken)
{
    auto o = options();
    o.device.refreshToken.clear();
    const int64_t callsBefore = server->emulator().apiCalls();
    SyncEngine engine(o);
    IdleCounter idle(engine);
    int asked = 0;
    QObject::connect(&engine, &SyncEngine::credentialsNeeded, [&] { ++asked; });
    ASSERT_TRUE(idle.startAndWait());
    EXPECT_GE(asked, 1);
    EXPECT_TRUE(engine.snapshot().signInRequired);
    EXPECT_EQ(server->emulator().apiCalls(), callsBefore); // nothing was sent without credentials

    const int before = idle.count;
    engine.setAccessToken(QByteArray::fromStdString(rest->token()));
    ASSERT_TRUE(idle.waitNext(before));
    EXPECT_FALSE(engine.snapshot().signInRequired);
    expectIdentical(allObjects());
}
