// SPDX-License-Identifier: MIT
#include "enginerig.h"

#include "config/devicecontext.h"
#include "config/syncconfig.h"
#include "emulator/emulator.h"
#include "emulator/emulatorserver.h"
#include "emulator/faultconfig.h"
#include "emulator/seeder.h"
#include "soql/ids.h"
#include "store/localstore.h"
#include "sync/syncengine.h"
#include "ui/enginebinding.h"
#include "ui/managedatacontroller.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QJsonObject>

EngineRig::EngineRig(QObject *parent)
    : QObject(parent)
{
}

EngineRig::~EngineRig()
{
    stop();
}

bool EngineRig::start(posdata::ManageDataController *controller, const QString &seed)
{
    emu::EmulatorOptions emuOptions;
    emuOptions.seed = seed.toStdString();
    emuOptions.port = 0;
    emuOptions.threads = 2;
    m_emulator = std::make_unique<emu::EmulatorServer>(emuOptions);
    std::string error;
    if (!m_emulator->start(&error)) {
        qWarning("emulator: %s", error.c_str());
        return false;
    }

    QString configError;
    auto config = posdata::loadBundledSyncConfig(&configError);
    if (!config) {
        qWarning("config: %s", qPrintable(configError));
        return false;
    }
    // One object asks for a field the org does not have: its download fails for good
    // (INVALID_FIELD), which is how the test gets an Incomplete object with an error in words.
    for (auto &o : config->objects) {
        if (o.name == u"contact")
            o.fields.append(QStringLiteral("s_c__no_such_field__c"));
    }

    posdata::DeviceContext device;
    device.instanceUrl = QUrl(QString::fromStdString(m_emulator->url()));
    device.clientId = QString::fromLatin1(emu::Emulator::kClientId);
    device.refreshToken = QString::fromLatin1(emu::Emulator::kRefreshToken);
    device.outletId = QString::fromStdString(emu::Seeder::outletId(1));
    device.shiftId = QString::fromStdString(soql::makeId("a01", 1));

    posdata::SyncEngineOptions options;
    options.dbPath = m_dir.filePath(QStringLiteral("device.sqlite"));
    options.config = *config;
    options.device = device;
    options.backoffBaseMs = 50; // transient retries must not slow the suite
    options.backoffMaxMs = 200;
    options.storePollMs = 200;
    options.batchSize = 200;
    m_engine = std::make_unique<posdata::SyncEngine>(options);
    posdata::bindEngine(controller, m_engine.get());
    m_engine->start();
    return true;
}

double EngineRig::apiCalls() const
{
    return m_emulator ? double(m_emulator->emulator().apiCalls()) : 0.0;
}

void EngineRig::failNext(int count, const QString &mode, const QString &pathContains)
{
    if (m_emulator)
        m_emulator->emulator().failNext(count, mode.toStdString(), pathContains.toStdString());
}

void EngineRig::setLatency(int ms)
{
    if (!m_emulator)
        return;
    emu::FaultConfig faults = m_emulator->emulator().faults();
    faults.latencyMs = ms;
    m_emulator->emulator().setFaults(faults);
}

bool EngineRig::addUnsaved(const QString &object, int count)
{
    posdata::StoreError error{};
    auto store = posdata::LocalStore::open(m_dir.filePath(QStringLiteral("device.sqlite")),
                                           posdata::LocalStore::Mode::ReadWrite, &error);
    if (!store)
        return false;
    // Sales the POS wrote through the store's own API (another process, as far as the engine knows):
    // valid ones, which the next upload pass sends.
    for (int i = 0; i < count; ++i) {
        const QJsonObject fields{{"s_c__outlet__c", QString::fromStdString(emu::Seeder::outletId(1))},
                                 {"s_c__total__c", 10 + i},
                                 {"s_c__status__c", QStringLiteral("Open")}};
        if (store->createRecord(object, fields, QStringLiteral("s_c__pos_uuid__c"), &error).isEmpty())
            return false;
    }
    return true;
}

int EngineRig::damage(const QString &object, int removed, int ghosts)
{
    const QString connection = QStringLiteral("enginerig-damage");
    int changed = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_dir.filePath(QStringLiteral("device.sqlite")));
        if (!db.open())
            return -1;
        QSqlQuery q(db);
        // Synced rows, not in use (the active outlet's record stays), spread over the Id space.
        q.prepare(QStringLiteral("SELECT r.id FROM records r JOIN objects o ON o.obj = r.obj"
                                 " WHERE o.name = ? AND r.state = 0 ORDER BY r.id"));
        q.addBindValue(object);
        QStringList ids;
        if (q.exec())
            while (q.next())
                ids << q.value(0).toString();
        if (ids.size() < removed + ghosts)
            return -1;
        const qsizetype step = ids.size() / (removed + ghosts);
        for (int i = 0; i < removed; ++i) {
            q.prepare(QStringLiteral("DELETE FROM records WHERE id = ?"));
            q.addBindValue(ids.at(i * step));
            changed += q.exec() ? q.numRowsAffected() : 0;
        }
        for (int i = 0; i < ghosts; ++i) {
            // A real Id's first ten characters (its object's prefix, and a place among the others)
            // with "zzzz" and a digit: lower case, which the emulator's Ids never are, one per ghost.
            const std::string ghost = soql::to18(
                (ids.at((removed + i) * step).left(10) + QStringLiteral("zzzz") + QString::number(i % 10)).toStdString());
            q.prepare(QStringLiteral("INSERT INTO records(obj, id, modstamp, state, seen_gen, payload)"
                                     " SELECT obj, ?, '2025-01-01T00:00:00.000+0000', 0, generation, '{}'"
                                     " FROM objects WHERE name = ?"));
            q.addBindValue(QString::fromStdString(ghost));
            q.addBindValue(object);
            if (!q.exec())
                qWarning() << "EngineRig::damage: ghost" << ghost.c_str() << q.lastError().text();
            else
                changed += q.numRowsAffected();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return changed;
}

QString EngineRig::readFile(const QString &path) const
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString EngineRig::refreshToken() const
{
    return QString::fromLatin1(emu::Emulator::kRefreshToken);
}

int EngineRig::discardedCount(const QString &object) const
{
    auto store = posdata::LocalStore::open(m_dir.filePath(QStringLiteral("device.sqlite")),
                                           posdata::LocalStore::Mode::ReadOnly);
    return store ? int(store->discarded(object).size()) : -1;
}

void EngineRig::createOrder(double total)
{
    if (!m_engine)
        return;
    m_engine->createLocal(QStringLiteral("s_c__order__c"),
                          QJsonObject{{"s_c__outlet__c", QString::fromStdString(emu::Seeder::outletId(1))},
                                      {"s_c__total__c", total},
                                      {"s_c__status__c", QStringLiteral("Paid")},
                                      {"s_c__order_date__c", QStringLiteral("2026-03-12")},
                                      {"s_c__item_count__c", 1}});
}

void EngineRig::stop()
{
    m_engine.reset();
    if (m_emulator)
        m_emulator->stop();
    m_emulator.reset();
}
