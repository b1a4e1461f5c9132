// SPDX-License-Identifier: MIT
// EmulatorServer: an Emulator behind an HTTP front on its own threads (what tests and sf-emulator start).
#pragma once

#include "emulator/emulator.h"
#include "emulator/emulatoroptions.h"

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace emu {

/// The emulator's HTTP front: cpp-httplib on its own threads, serving one in-memory or file org.
class EmulatorServer
{
public:
    explicit EmulatorServer(EmulatorOptions options);
    ~EmulatorServer();
    EmulatorServer(const EmulatorServer &) = delete;
    EmulatorServer &operator=(const EmulatorServer &) = delete;

    /// Seeds the org, binds (port 0 = ephemeral) and starts serving; false with *error on failure.
    bool start(std::string *error);
    void stop();
    uint16_t port() const { return m_port; }
    /// "http://127.0.0.1:PORT".
    std::string url() const;
    Emulator &emulator() { return *m_emulator; }

private:
    EmulatorOptions m_options;
    std::unique_ptr<Emulator> m_emulator;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    uint16_t m_port = 0;
};

} // namespace emu
