// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace emu {
class EmulatorServer;
}
namespace posdata {
class ManageDataController;
class SyncEngine;
} // namespace posdata

/// Test helper for QML: the real engine on a real SQLite file, talking over loopback to an
/// in-process emulator, wired to a page controller exactly as pos-manage-data wires it.
class EngineRig : public QObject
{
    Q_OBJECT
public:
    explicit EngineRig(QObject *parent = nullptr);
    ~EngineRig() override;

    /// Starts emulator (seed) and engine, bound to controller. False (with a warning) on failure.
    Q_INVOKABLE bool start(posdata::ManageDataController *controller, const QString &seed = QStringLiteral("small"));
    /// Requests the emulator has served so far (its API-call counter).
    Q_INVOKABLE double apiCalls() const;
    /// The next `count` requests whose path contains `pathContains` fail with `mode` (emulator faults).
    Q_INVOKABLE void failNext(int count, const QString &mode, const QString &pathContains);
    /// Every emulator answer waits this long (slows a download down enough to pause it).
    Q_INVOKABLE void setLatency(int ms);
    /// Creates `count` records on the device that are not uploaded yet (a second store connection).
    Q_INVOKABLE bool addUnsaved(const QString &object, int count);
    /// A sale rung up on this device through the engine (SyncEngine::createLocal), as the POS does.
    Q_INVOKABLE void createOrder(double total);
    /// Records of `object` in the store's discarded log (read from the file, as `posdata` would).
    Q_INVOKABLE int discardedCount(const QString &object) const;
    /// Damages the object's synced records behind the engine's back, directly in SQLite, as a
    /// broken disk or a bad copy would: `removed` rows deleted, `ghosts` rows added whose Ids the
    /// server never had (the store's counters left as they were). Returns the rows changed.
    Q_INVOKABLE int damage(const QString &object, int removed, int ghosts);
    /// The rig's temporary folder (the store is in it), and a file's text (empty when unreadable).
    Q_INVOKABLE QString folder() const { return m_dir.path(); }
    Q_INVOKABLE QString readFile(const QString &path) const;
    /// The device's refresh token: a report must never hold it.
    Q_INVOKABLE QString refreshToken() const;
    Q_INVOKABLE void stop();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<emu::EmulatorServer> m_emulator;
    std::unique_ptr<posdata::SyncEngine> m_engine;
};
