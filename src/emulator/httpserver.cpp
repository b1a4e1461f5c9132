// SPDX-License-Identifier: MIT
// HttpServer: the socket loop (accept, read, parse, write, timeouts) and the worker pool.
#include "emulator/httpserver.h"

#include "emulator/httprequestparser.h"
#include "emulator/responses.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include <arpa/inet.h>
#include <fcntl.h>
#include <malloc.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace emu {

namespace {
using Clock = std::chrono::steady_clock;

/// A request body at least this large is handed back to the system once handled: glibc keeps freed
/// blocks in per-thread arenas, so without a trim a burst of large bodies would stay in the RSS.
constexpr size_t kTrimAfterBodyBytes = size_t{4} << 20;

int64_t msSince(Clock::time_point t, Clock::time_point now)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(now - t).count();
}

std::string peerAddress(const sockaddr_storage &addr)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in &>(addr).sin_addr, text, sizeof text);
    else if (addr.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 &>(addr).sin6_addr, text, sizeof text);
    return text;
}

/// One refusal, fully serialised, for the cases where no Connection is kept (too many of them).
std::string refusalBytes(int status, const std::string &code, const std::string &message)
{
    const Response r = errorResponse(status, code, message);
    return "HTTP/1.1 " + std::to_string(status) + " " + statusReason(status) + "\r\nContent-Type: "
           + r.header("Content-Type") + "\r\nContent-Length: " + std::to_string(r.body.size())
           + "\r\nConnection: close\r\n\r\n" + r.body;
}
} // namespace

struct HttpServer::Connection
{
    enum class State { Reading, Busy, Writing, Draining };

    Connection(uint64_t id, int fd, std::string remote, const HttpLimits &limits)
        : id(id), fd(fd), remoteAddr(std::move(remote)), parser(limits)
    {
    }
    ~Connection() { ::close(fd); }

    const uint64_t id;
    const int fd;
    const std::string remoteAddr;
    HttpRequestParser parser;
    State state = State::Reading;
    std::string pipelined;   // bytes of the next request(s), read while one was being answered
    std::string interim;     // "100 Continue" not yet sent
    std::string outHead, outBody;
    size_t outLimit = 0;     // bytes of outBody to send
    size_t outSent = 0;      // of outHead + the first outLimit bytes of outBody
    bool closeAfterWrite = false;
    size_t charged = 0;      // body bytes counted in m_bufferedBodyBytes
    Clock::time_point lastProgress = Clock::now();
    Clock::time_point headStart = Clock::now();
};

HttpServer::HttpServer(HttpLimits limits, int workers, Handler handler)
    : m_limits(limits)
    , m_workerCount(std::max(1, workers))
    , m_handler(std::move(handler))
{
}

HttpServer::~HttpServer()
{
    stop();
}

bool HttpServer::listen(const std::string &host, uint16_t port, std::string *error)
{
    auto fail = [&](const std::string &what) {
        if (error)
            *error = "cannot listen on " + host + ":" + std::to_string(port) + ": " + what;
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    };
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo *found = nullptr;
    if (const int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
        return fail(gai_strerror(rc));
    std::string why = "no address";
    for (addrinfo *a = found; a && m_listenFd < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0)
            continue;
        const int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 512) == 0)
            m_listenFd = fd;
        else {
            why = std::strerror(errno);
            ::close(fd);
        }
    }
    freeaddrinfo(found);
    if (m_listenFd < 0)
        return fail(why);
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&bound), &length);
    m_port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6 &>(bound).sin6_port
                                               : reinterpret_cast<sockaddr_in &>(bound).sin_port);
    return true;
}

bool HttpServer::serve(std::string *error)
{
    if (m_listenFd < 0 || m_loopThread.joinable()) {
        if (error)
            *error = "not listening, or serving already";
        return false;
    }
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wakeFd < 0) {
        if (error)
            *error = std::string("eventfd: ") + std::strerror(errno);
        return false;
    }
    m_stopping = false;
    for (int i = 0; i < m_workerCount; ++i)
        m_workerSlots.push_back(std::make_unique<Worker>());
    for (auto &slot : m_workerSlots)
        m_workers.emplace_back([this, w = slot.get()] { work(*w); });
    m_loopThread = std::thread([this] { loop(); });
    return true;
}

void HttpServer::stop()
{
    if (!m_loopThread.joinable()) {
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return;
    }
    m_stopping = true;
    wake();
    m_loopThread.join();
    {
        std::lock_guard lock(m_mutex);
        m_jobs.clear();
        for (auto &slot : m_workerSlots)
            slot->wake.notify_one();
    }
    for (auto &w : m_workers)
        w.join();
    m_workers.clear();
    m_workerSlots.clear();
    m_idle.clear();
    m_connections.clear();
    ::close(m_listenFd);
    ::close(m_wakeFd);
    m_listenFd = m_wakeFd = -1;
}

void HttpServer::wake()
{
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wakeFd, &one, sizeof one);
}

void HttpServer::loop()
{
    std::vector<pollfd> fds;
    std::vector<uint64_t> ids;
    while (!m_stopping) {
        fds.clear();
        ids.clear();
        fds.push_back({m_wakeFd, POLLIN, 0});
        fds.push_back({m_listenFd, POLLIN, 0});
        const auto now = Clock::now();
        int64_t timeout = 1000;
        std::vector<uint64_t> expired;
        for (auto &[id, c] : m_connections) {
            short events = 0;
            int64_t left = 1000;
            if (c->state == Connection::State::Reading) {
                events = POLLIN;
                if (!c->interim.empty())
                    events |= POLLOUT;
                if (!c->parser.started()) {
                    left = m_limits.keepAliveMs - msSince(c->lastProgress, now);
                } else {
                    left = m_limits.idleReadMs - msSince(c->lastProgress, now);
                    if (!c->parser.headComplete())
                        left = std::min<int64_t>(left, m_limits.headDeadlineMs - msSince(c->headStart, now));
                }
            } else if (c->state == Connection::State::Writing) {
                events = POLLOUT;
                left = m_limits.writeStallMs - msSince(c->lastProgress, now);
            } else if (c->state == Connection::State::Draining) {
                events = POLLIN;
                left = m_limits.drainMs - msSince(c->lastProgress, now);
            }
            if (left <= 0) {
                expired.push_back(id);
                continue;
            }
            timeout = std::min(timeout, left);
            fds.push_back({c->fd, events, 0});
            ids.push_back(id);
        }
        for (const uint64_t id : expired) {
            Connection &c = *m_connections[id];
            if (c.state == Connection::State::Reading && c.parser.started())
                refuse(c, 408, "REQUEST_TIMEOUT", "The request did not arrive in time; the connection is closed");
            else
                close(id);
        }
        if (::poll(fds.data(), fds.size(), static_cast<int>(std::max<int64_t>(timeout, 1))) < 0 && errno != EINTR)
            break;
        if (fds[0].revents) {
            uint64_t count = 0;
            [[maybe_unused]] const ssize_t n = ::read(m_wakeFd, &count, sizeof count);
            std::vector<Answer> answers;
            {
                std::lock_guard lock(m_mutex);
                answers.swap(m_answers);
            }
            finish(std::move(answers));
        }
        for (size_t i = 2; i < fds.size(); ++i) {
            const uint64_t id = ids[i - 2];
            const short revents = fds[i].revents;
            auto it = m_connections.find(id);
            if (it == m_connections.end() || !revents)
                continue;
            if (revents & (POLLIN | POLLHUP | POLLERR)) {
                if (it->second->state == Connection::State::Reading)
                    readFrom(*it->second);
                else if (it->second->state == Connection::State::Draining)
                    drain(*it->second);
                else if (revents & (POLLHUP | POLLERR))
                    close(id);
            }
            it = m_connections.find(id);
            if (it != m_connections.end() && (revents & POLLOUT))
                writeTo(*it->second);
        }
        if (fds[1].revents & POLLIN)
            acceptAll();
    }
    m_connections.clear();
}

void HttpServer::acceptAll()
{
    while (true) {
        sockaddr_storage addr{};
        socklen_t length = sizeof addr;
        const int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN, or an error the next poll will show again
        if (m_connections.size() >= static_cast<size_t>(std::max(1, m_limits.maxConnections))) {
            const std::string bytes = refusalBytes(503, "SERVER_UNAVAILABLE", "Too many open connections; retry later");
            [[maybe_unused]] const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            ::close(fd);
            continue;
        }
        const int yes = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        const uint64_t id = ++m_nextId;
        m_connections.emplace(id, std::make_unique<Connection>(id, fd, peerAddress(addr), m_limits));
    }
}

void HttpServer::readFrom(Connection &c)
{
    char buf[65536];
    const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        close(c.id); // the peer is gone (a partial request is dropped with it)
        return;
    }
    if (n < 0)
        return;
    c.lastProgress = Clock::now();
    parse(c, buf, static_cast<size_t>(n));
}

void HttpServer::parse(Connection &c, const char *data, size_t size)
{
    const bool wasStarted = c.parser.started();
    const size_t used = c.parser.feed(std::string_view(data, size));
    if (!wasStarted && c.parser.started())
        c.headStart = Clock::now();
    if (used < size)
        c.pipelined.append(data + used, size - used);
    // Every body byte buffered anywhere counts against one budget.
    const size_t charge = c.parser.bodyBytes();
    m_bufferedBodyBytes = m_bufferedBodyBytes - c.charged + charge;
    c.charged = charge;
    switch (c.parser.progress()) {
    case HttpRequestParser::Progress::Refused: {
        const HttpRefusal r = c.parser.refusal();
        refuse(c, r.status, r.errorCode, r.message);
        return;
    }
    case HttpRequestParser::Progress::NeedMore:
        if (m_bufferedBodyBytes > m_limits.maxBufferedBodyBytes) {
            refuse(c, 503, "SERVER_UNAVAILABLE", "Too many large request bodies at once; retry later");
            return;
        }
        if (c.parser.wantsContinue()) {
            c.interim = "HTTP/1.1 100 Continue\r\n\r\n";
            c.parser.continueSent();
            writeTo(c);
        }
        return;
    case HttpRequestParser::Progress::Complete:
        break;
    }
    Job job;
    job.connection = c.id;
    job.request = c.parser.take(&job.keepAlive);
    job.request.remoteAddr = c.remoteAddr;
    c.state = Connection::State::Busy;
    std::lock_guard lock(m_mutex);
    // The worker that went idle last takes it: its cache and its malloc arena are the warm ones, so a
    // client pulling page after page is served by one thread, not by each of the pool in turn.
    if (!m_idle.empty()) {
        Worker *w = m_idle.back();
        m_idle.pop_back();
        w->job = std::move(job);
        w->wake.notify_one();
    } else {
        m_jobs.push_back(std::move(job));
    }
}

void HttpServer::work(Worker &self)
{
    std::unique_lock lock(m_mutex);
    while (true) {
        if (m_stopping)
            return;
        Job job;
        if (self.job) {
            job = std::move(*self.job);
            self.job.reset();
        } else if (!m_jobs.empty()) {
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        } else {
            m_idle.push_back(&self);
            self.wake.wait(lock, [&] { return m_stopping || self.job.has_value(); });
            continue;
        }
        lock.unlock();
        const bool head = job.request.method == "HEAD";
        const size_t bodyBytes = job.request.body.size();
        HttpRefusal refusal;
        Answer a;
        if (!decodeRequestBody(job.request, m_limits, &refusal))
            a = answer(job.connection, errorResponse(refusal.status, refusal.errorCode, refusal.message), false, head);
        else
            a = answer(job.connection, m_handler(job.request), job.keepAlive, head);
        release(job.request.body);
        if (bodyBytes >= kTrimAfterBodyBytes)
            malloc_trim(0); // what parsing a large body allocated goes back too
        lock.lock();
        m_answers.push_back(std::move(a));
        wake();
    }
}

HttpServer::Answer HttpServer::answer(uint64_t connection, Response response, bool keepAlive, bool head) const
{
    Answer a;
    a.connection = connection;
    const int status = response.status;
    const bool bodiless = status == 204 || status == 304 || status < 200;
    std::string &h = a.head;
    h.reserve(256);
    h += "HTTP/1.1 " + std::to_string(status) + " " + statusReason(status) + "\r\n";
    for (const auto &[k, v] : response.headers)
        h += k + ": " + v + "\r\n";
    const bool hasType = !response.header("Content-Type").empty();
    if (!bodiless) {
        if (!hasType && !response.body.empty())
            h += "Content-Type: text/plain\r\n";
        h += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    }
    // A "drop" fault: the full length is announced, a prefix is sent, then the socket closes.
    const bool drop = response.dropAfterBytes >= 0 && !head && !bodiless;
    a.close = !keepAlive || drop;
    if (a.close)
        h += "Connection: close\r\n";
    h += "\r\n";
    if (!head && !bodiless) {
        a.body = std::move(response.body);
        a.bodyLimit = drop ? std::min(a.body.size(), static_cast<size_t>(response.dropAfterBytes)) : a.body.size();
    }
    return a;
}

void HttpServer::finish(std::vector<Answer> answers)
{
    for (Answer &a : answers) {
        const auto it = m_connections.find(a.connection);
        if (it == m_connections.end())
            continue; // the peer left while its request was being handled
        startWriting(*it->second, std::move(a));
    }
}

void HttpServer::refuse(Connection &c, int status, const std::string &code, const std::string &message)
{
    // The stream cannot be trusted past a refusal: answer, then close (any pipelined bytes go too).
    c.pipelined.clear();
    c.interim.clear();
    c.parser.discard(); // its buffers go now, not when the connection closes
    startWriting(c, answer(c.id, errorResponse(status, code, message), false, false));
}

void HttpServer::startWriting(Connection &c, Answer a)
{
    m_bufferedBodyBytes -= c.charged;
    c.charged = 0;
    c.outHead = std::move(a.head);
    c.outBody = std::move(a.body);
    c.outLimit = a.bodyLimit;
    c.outSent = 0;
    c.closeAfterWrite = a.close;
    c.state = Connection::State::Writing;
    c.lastProgress = Clock::now();
    writeTo(c);
}

void HttpServer::writeTo(Connection &c)
{
    if (c.state == Connection::State::Reading) {
        if (c.interim.empty())
            return;
        const ssize_t n = ::send(c.fd, c.interim.data(), c.interim.size(), MSG_NOSIGNAL);
        if (n > 0)
            c.interim.erase(0, static_cast<size_t>(n));
        else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            close(c.id);
        return;
    }
    if (c.state != Connection::State::Writing)
        return;
    const size_t total = c.outHead.size() + c.outLimit;
    while (c.outSent < total) {
        iovec parts[2];
        int count = 0;
        if (c.outSent < c.outHead.size())
            parts[count++] = {c.outHead.data() + c.outSent, c.outHead.size() - c.outSent};
        const size_t bodyDone = c.outSent > c.outHead.size() ? c.outSent - c.outHead.size() : 0;
        if (bodyDone < c.outLimit)
            parts[count++] = {c.outBody.data() + bodyDone, c.outLimit - bodyDone};
        msghdr msg{};
        msg.msg_iov = parts;
        msg.msg_iovlen = static_cast<size_t>(count);
        const ssize_t n = ::sendmsg(c.fd, &msg, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return; // POLLOUT brings us back
            close(c.id);
            return;
        }
        c.outSent += static_cast<size_t>(n);
        c.lastProgress = Clock::now();
    }
    if (c.closeAfterWrite) {
        // A lingering close: closing with unread request bytes would send a reset that can destroy
        // the answer before the client reads it, so the rest is read and dropped for a moment.
        ::shutdown(c.fd, SHUT_WR);
        release(c.outHead);
        release(c.outBody);
        c.state = Connection::State::Draining;
        c.lastProgress = Clock::now();
        return;
    }
    release(c.outHead);
    release(c.outBody);
    c.state = Connection::State::Reading;
    c.lastProgress = Clock::now();
    if (!c.pipelined.empty()) {
        const std::string next = std::move(c.pipelined);
        c.pipelined.clear();
        parse(c, next.data(), next.size());
    }
}

void HttpServer::drain(Connection &c)
{
    char buf[65536];
    const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        close(c.id);
}

void HttpServer::close(uint64_t id)
{
    const auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    m_bufferedBodyBytes -= it->second->charged;
    m_connections.erase(it);
}

} // namespace emu
