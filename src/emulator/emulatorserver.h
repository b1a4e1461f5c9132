// SPDX-License-Identifier: MIT
// EmulatorServer: an Emulator behind an HTTP front on its own threads (what tests and sf-emulator start).
#pragma once

#include "emulator/emulator.h"
#include "emulator/emulatoroptions.h"

#include <cstdint>
#include <memory>
#include <string>

namespace emu {

class HttpServer;

/// Serves one in-memory or file org over HTTP/1.1 on `options.host` (see HttpServer for the limits
/// and timeouts that keep hostile clients from hurting it).
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
    /// "http://127.0.0.1:PORT": the instance URL, also in token answers.
    std::string url() const;
    Emulator &emulator() { return *m_emulator; }

private:
    EmulatorOptions m_options;
    std::unique_ptr<Emulator> m_emulator;
    std::unique_ptr<HttpServer> m_http;
    uint16_t m_port = 0;
};

} // namespace emu
