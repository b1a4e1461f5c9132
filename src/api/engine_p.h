// SPDX-License-Identifier: MIT
// posdatasync::Engine's private side: what it holds, and the one door the QML module (ui/) uses
// to reach the internal engine. Not installed: no compatibility promise beyond this source tree.
#pragma once

#include <posdatasync/engine.h>

#include "sync/syncsnapshot.h"

#include <QHash>
#include <QPointer>

namespace posdata {
class SyncEngine;
}

namespace posdatasync {

class EnginePrivate
{
public:
    EnginePrivate(Engine *q, EngineSettings settings, CredentialsProvider provider);
    ~EnginePrivate();

    /// The internal engine behind `engine` (the Manage data page's controller binds to it), or
    /// nullptr when the settings were refused (Engine::errorString() says why).
    static posdata::SyncEngine *syncEngine(const Engine *engine);

    void build();
    void wire();
    void applySnapshot(const posdata::EngineSnapshot &snapshot);
    void emitNewErrors(const Snapshot &before, const Snapshot &after);
    void credentialsNeeded(CredentialsReason reason);
    void hand(const Credentials &credentials);
    void outcome(RecordOutcome outcome);
    void refuse(const QString &message);
    quint64 refuseWrite(const QString &object);

    Engine *q;
    EngineSettings settings;
    CredentialsProvider provider;
    QString error; ///< why the settings were refused; empty when they were not
    posdata::SyncEngine *sync = nullptr; ///< a child of q; null when the settings were refused
    bool started = false;
    Snapshot snapshot;
    /// The credentials last handed to the engine: handing the same ones again right after they
    /// were refused would only make it try them at once, again and again.
    Credentials handed;
    /// Local Id -> ticket of the write that stored it, until its upload ends (Uploaded). A refused
    /// record keeps its entry: a retry may upload it later.
    QHash<QString, quint64> tickets;
    quint64 refusedTickets = 0; ///< tickets of writes refused without an engine (bad settings)
};

} // namespace posdatasync
