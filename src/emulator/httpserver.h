// SPDX-License-Identifier: MIT
// HttpServer: the emulator's HTTP/1.1 front (sockets, keep-alive, limits, timeouts, a worker pool).
#pragma once

#include "emulator/httplimits.h"
#include "emulator/request.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace emu {

/// An HTTP/1.1 server built for hostile peers. One thread owns every socket (non-blocking, poll):
/// it accepts, reads requests through HttpRequestParser, writes answers and enforces HttpLimits'
/// timeouts. Complete requests go to a pool of workers that run the handler. So a peer that sends
/// half a request and stays, or never reads its answer, holds a socket and bounded buffers, never a
/// worker, and the pool cannot be starved. Refusals (limits, malformed requests, timeouts) are
/// answered in Salesforce's error shape. Linux only.
class HttpServer
{
public:
    /// Runs on a worker; the request's body is already decoded (Content-Encoding).
    using Handler = std::function<Response(Request &)>;

    HttpServer(HttpLimits limits, int workers, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    /// Binds host:port (0 = ephemeral); false with *error when it cannot. port() is known after it.
    bool listen(const std::string &host, uint16_t port, std::string *error);
    /// Starts the socket thread and the workers.
    bool serve(std::string *error);
    void stop();
    uint16_t port() const { return m_port; }

private:
    struct Connection;
    struct Job
    {
        uint64_t connection = 0;
        Request request;
        bool keepAlive = true;
    };
    /// One worker's mailbox: the loop hands a job straight to the worker that went idle last.
    struct Worker
    {
        std::condition_variable wake;
        std::optional<Job> job;
    };
    struct Answer
    {
        uint64_t connection = 0;
        std::string head;
        std::string body;
        size_t bodyLimit = 0; // body bytes to send (fewer than body.size() for a "drop" fault)
        bool close = false;
    };

    void loop();
    void work(Worker &self);
    void acceptAll();
    void readFrom(Connection &c);
    void parse(Connection &c, const char *data, size_t size);
    void writeTo(Connection &c);
    void drain(Connection &c);
    void refuse(Connection &c, int status, const std::string &code, const std::string &message);
    void finish(std::vector<Answer> answers);
    void startWriting(Connection &c, Answer a);
    void close(uint64_t id);
    Answer answer(uint64_t connection, Response response, bool keepAlive, bool head) const;
    void wake();

    const HttpLimits m_limits;
    const int m_workerCount;
    const Handler m_handler;
    int m_listenFd = -1;
    int m_wakeFd = -1;
    uint16_t m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_loopThread;
    std::vector<std::thread> m_workers;

    // Loop thread only.
    std::unordered_map<uint64_t, std::unique_ptr<Connection>> m_connections;
    uint64_t m_nextId = 0;
    size_t m_bufferedBodyBytes = 0;

    // Shared between the loop and the workers.
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Worker>> m_workerSlots;
    std::vector<Worker *> m_idle; // a stack: back() went idle last
    std::deque<Job> m_jobs;       // waiting for a worker when none is idle
    std::vector<Answer> m_answers;
};

} // namespace emu
