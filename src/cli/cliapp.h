// SPDX-License-Identifier: MIT
// CliApp: the `posdata` command line run in-process (injected streams, an exit code per run).
#pragma once

#include "cli/clioptions.h"
#include "config/devicecontext.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTextStream;

namespace posdata {

class LocalStore;
struct SyncConfig;

/// The `posdata` command line for support staff: parses, runs one subcommand against the local store
/// (and, for `sync`, the engine), and returns the exit status (0 done, 1 failed, 2 bad command line).
/// Streams are injected so that tests run it in-process; main() only wires stdio.
class CliApp
{
public:
    struct Io
    {
        QTextStream *out = nullptr;
        QTextStream *err = nullptr;
        QTextStream *in = nullptr; ///< answers to the clear-resync question
        bool terminal = false; ///< stdout is a terminal: progress bars instead of lines
    };

    explicit CliApp(Io io);

    /// Runs the arguments after the program name.
    int run(const QStringList &arguments);

    /// QStandardPaths::AppDataLocation + "/posdata.db" (main() sets the POS app's application name,
    /// so that this is the app's data folder).
    static QString defaultDatabasePath();

    enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

private:
    int status(const CliOptions &o);
    int action(const CliOptions &o);
    int clearResync(const CliOptions &o, LocalStore &store, const QStringList &names);
    int sync(const CliOptions &o);
    int unsaved(const CliOptions &o);
    /// `unsaved --discarded`: the records a person discarded on the screen, newest first.
    int discarded(const CliOptions &o, const LocalStore &store, const QStringList &names);
    int upload(const CliOptions &o);
    /// `check` and `repair` (clidiagnostics.cpp): IntegrityCheck / IntegrityRepair per object.
    int check(const CliOptions &o);
    /// `report` (clidiagnostics.cpp): SupportReport, printed or written with its text twin.
    int report(const CliOptions &o);
    /// Runs the engine for `device` on `config` (until the first idle when `once`) and prints its progress.
    int runEngine(const CliOptions &o, const DeviceContext &device, const SyncConfig &config, bool once);
    /// The device file --device names; nullopt (the error printed) when it cannot be read. Its
    /// refresh token is scrubbed from everything printed from then on.
    std::optional<DeviceContext> loadDevice(const CliOptions &o);
    /// What the commands that run the engine need: the device file first (its token scrubbed from
    /// then on, and nothing touched when it is bad), then the configuration. Config null (the
    /// error printed) when either cannot be had.
    struct EngineInputs
    {
        std::optional<DeviceContext> device;
        std::unique_ptr<SyncConfig> config;
    };
    EngineInputs loadEngineInputs(const CliOptions &o);

    std::unique_ptr<SyncConfig> loadConfig(const CliOptions &o);
    std::unique_ptr<LocalStore> openStore(const CliOptions &o, bool readOnly);
    /// What most commands work on: the configuration, then the store. Both null (the error
    /// printed) when either cannot be had.
    struct Workspace
    {
        std::unique_ptr<SyncConfig> config;
        std::unique_ptr<LocalStore> store;
    };
    Workspace openWorkspace(const CliOptions &o, bool readOnly);
    /// Prints the store's last error with its file name and returns Failed.
    int storeFailed(const LocalStore &store);
    /// Resolves NAME arguments (or --all) to the spelling the store uses; nullopt-like empty + error on unknown.
    bool resolveObjects(const CliOptions &o, const SyncConfig &config, const LocalStore &store, QStringList *names);

    void print(const QString &text);
    void printError(const QString &text);

    Io m_io;
    QString m_secret; ///< the refresh token once a device context is loaded: scrubbed from all output
};

} // namespace posdata
