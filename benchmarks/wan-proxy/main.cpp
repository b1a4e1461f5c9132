// SPDX-License-Identifier: MIT
// wan-proxy: a loopback TCP proxy that gives the connections through it a store's link to the org, for
// the WAN benchmark (scripts/bench --wan; docs/benchmarks.md, "WAN", explains the model and its limits).
//   wan-proxy --to HOST:PORT [--listen HOST:PORT] [--rtt-ms 100] [--mbit 50] [--handshake-rtts 1]
// - Round trip: every byte reaches the other side half a round trip after the link carried it, in both
//   directions, on every connection: the byte stream is delayed, not only the connection's set-up.
// - Bandwidth: one token bucket per direction, shared by all connections, of depth zero: bytes leave in
//   the order they were read, each when the link has carried the ones before it (n*8/B seconds per n
//   bytes), i.e. a FIFO link of B bit/s. Read 16 KiB at a time, one read per connection in turn.
// - A new connection's first byte waits for the TCP handshake (--handshake-rtts round trips; 2 would
//   also stand for a TLS 1.3 handshake).
// Loopback only: it refuses to listen on or forward to any address outside 127.0.0.0/8 and ::1 (a
// benchmark tool, never a way to open a port to the network). It prints its address ("127.0.0.1:PORT")
// as its first line; on SIGTERM or SIGINT one JSON line with the bytes carried each way (and exits 0),
// on SIGUSR1 the same line so far. Shaping only ever delays bytes; it never drops or reorders them.
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <string>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock; // CLOCK_MONOTONIC on Linux, the timerfd's clock
using Nanos = std::chrono::nanoseconds;

/// The shaping's grain: one read is one unit on the link (2.6 ms at 50 Mbit/s).
constexpr size_t kReadBytes = 16 * 1024;
/// Bytes waiting on the link per connection and direction before the proxy stops reading that source:
/// bounds the proxy's memory; the sender's socket buffer then holds the rest, as a full link's queue
/// would push back on a real sender.
constexpr size_t kMaxQueuedBytes = 1 << 20;

struct Options
{
    std::string listen = "127.0.0.1:0";
    std::string to;
    double rttMs = 100;
    double mbit = 50; // 0 = no bandwidth limit
    int handshakeRtts = 1;
};

struct Endpoint
{
    sockaddr_storage addr{};
    socklen_t len = 0;
};

/// "HOST:PORT" or "[V6]:PORT", HOST numeric or "localhost"; anything that is not loopback is refused
/// (no name is ever resolved, so no name can lead elsewhere).
std::optional<Endpoint> loopbackEndpoint(const std::string &text, std::string *error)
{
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        *error = "'" + text + "' is not HOST:PORT";
        return std::nullopt;
    }
    std::string host = text.substr(0, colon);
    const std::string portText = text.substr(colon + 1);
    int port = -1;
    const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (ec != std::errc() || end != portText.data() + portText.size() || port < 0 || port > 65535) {
        *error = "'" + portText + "' is not a port (0-65535)";
        return std::nullopt;
    }
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host == "localhost")
        host = "127.0.0.1";
    Endpoint e;
    auto *v4 = reinterpret_cast<sockaddr_in *>(&e.addr);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&e.addr);
    if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
        if ((ntohl(v4->sin_addr.s_addr) >> 24) != 127) {
            *error = host + " is not a loopback address: wan-proxy works on 127.0.0.0/8 and ::1 only";
            return std::nullopt;
        }
        v4->sin_family = AF_INET;
        v4->sin_port = htons(static_cast<uint16_t>(port));
        e.len = sizeof(sockaddr_in);
    } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        if (!IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) {
            *error = host + " is not a loopback address: wan-proxy works on 127.0.0.0/8 and ::1 only";
            return std::nullopt;
        }
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(static_cast<uint16_t>(port));
        e.len = sizeof(sockaddr_in6);
    } else {
        *error = "'" + host + "' is not a numeric loopback address (127.0.0.1, ::1 or localhost; names are not resolved)";
        return std::nullopt;
    }
    return e;
}

std::string endpointText(const sockaddr_storage &addr)
{
    char host[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&addr);
        inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host);
        return "[" + std::string(host) + "]:" + std::to_string(ntohs(v6->sin6_port));
    }
    const auto *v4 = reinterpret_cast<const sockaddr_in *>(&addr);
    inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host);
    return std::string(host) + ":" + std::to_string(ntohs(v4->sin_port));
}

bool parseNumber(const std::string &text, double low, double high, double *out)
{
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || errno != 0 || *end != '\0' || !std::isfinite(v) || v < low || v > high)
        return false;
    *out = v;
    return true;
}

/// One direction of the link, shared by every connection: a FIFO of B bit/s, then half a round trip.
struct Link
{
    double bitsPerSecond = 0; // 0 = unlimited
    Nanos oneWay{0};
    Clock::time_point freeAt{};
    uint64_t bytes = 0;
    Nanos busy{0};

    /// When n bytes read now arrive at the other end.
    Clock::time_point carry(size_t n, Clock::time_point now)
    {
        const Nanos send = bitsPerSecond > 0 ? Nanos(static_cast<int64_t>(std::ceil(n * 8e9 / bitsPerSecond))) : Nanos(0);
        freeAt = std::max(now, freeAt) + send;
        busy += send;
        bytes += n;
        return freeAt + oneWay;
    }
};

struct Chunk
{
    Clock::time_point due;
    std::string bytes; // empty = the sender's FIN
    size_t sent = 0;
};

/// One direction of one connection: what was read from `from` and waits to be written to `to`.
struct Pipe
{
    int from = -1;
    int to = -1;
    Link *link = nullptr;
    std::deque<Chunk> queue;
    size_t queued = 0;
    Clock::time_point notBefore{}; // keeps this direction's bytes in order (and behind the handshake)
    bool sourceDone = false;       // FIN read
    bool finSent = false;          // FIN passed on
    bool blocked = false;          // `to` would block: wait for EPOLLOUT
};

struct Conn
{
    int client = -1;
    int server = -1;
    bool connecting = true;
    Pipe up;   // client -> server
    Pipe down; // server -> client
    uint32_t clientEvents = 0;
    uint32_t serverEvents = 0;
};

class Proxy
{
public:
    Proxy(const Options &o, const Endpoint &target)
        : m_options(o)
        , m_target(target)
    {
        const Nanos oneWay(static_cast<int64_t>(o.rttMs * 1e6 / 2));
        for (Link *l : {&m_upLink, &m_downLink}) {
            l->bitsPerSecond = o.mbit * 1e6;
            l->oneWay = oneWay;
        }
        m_handshake = Nanos(static_cast<int64_t>(o.rttMs * 1e6 * o.handshakeRtts));
    }

    bool start(const Endpoint &listenAt, std::string *error)
    {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        m_listen = socket(listenAt.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const int one = 1;
        setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (m_listen < 0 || bind(m_listen, reinterpret_cast<const sockaddr *>(&listenAt.addr), listenAt.len) != 0
            || ::listen(m_listen, 128) != 0) {
            *error = std::string("cannot listen: ") + std::strerror(errno);
            return false;
        }
        sigset_t signals;
        sigemptyset(&signals);
        for (int s : {SIGTERM, SIGINT, SIGUSR1})
            sigaddset(&signals, s);
        sigprocmask(SIG_BLOCK, &signals, nullptr);
        std::signal(SIGPIPE, SIG_IGN);
        m_signals = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
        m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        for (int fd : {m_listen, m_signals, m_timer})
            watch(fd, EPOLL_CTL_ADD, EPOLLIN, fd);
        sockaddr_storage bound{};
        socklen_t len = sizeof bound;
        getsockname(m_listen, reinterpret_cast<sockaddr *>(&bound), &len);
        m_address = endpointText(bound);
        m_started = Clock::now();
        return true;
    }

    const std::string &address() const { return m_address; }

    /// Runs until SIGTERM or SIGINT.
    void run()
    {
        epoll_event events[64];
        for (;;) {
            armTimer();
            const int n = epoll_wait(m_epoll, events, 64, -1);
            if (n < 0 && errno != EINTR)
                return;
            for (int i = 0; i < n; ++i) {
                const uint64_t key = events[i].data.u64;
                if (key == static_cast<uint64_t>(m_listen))
                    acceptAll();
                else if (key == static_cast<uint64_t>(m_timer))
                    drainFd(m_timer);
                else if (key == static_cast<uint64_t>(m_signals)) {
                    if (!onSignal())
                        return;
                } else
                    onSocket(key, events[i].events);
            }
            pump();
        }
    }

    void report(const char *event) const
    {
        const double seconds = std::chrono::duration<double>(Clock::now() - m_started).count();
        std::printf("{\"event\":\"%s\",\"seconds\":%.3f,\"connections\":%llu,\"upBytes\":%llu,\"downBytes\":%llu,"
                    "\"upLinkSeconds\":%.3f,\"downLinkSeconds\":%.3f,\"rttMs\":%g,\"mbit\":%g,\"handshakeRtts\":%d}\n",
                    event, seconds, static_cast<unsigned long long>(m_accepted),
                    static_cast<unsigned long long>(m_upLink.bytes), static_cast<unsigned long long>(m_downLink.bytes),
                    std::chrono::duration<double>(m_upLink.busy).count(),
                    std::chrono::duration<double>(m_downLink.busy).count(), m_options.rttMs, m_options.mbit,
                    m_options.handshakeRtts);
        std::fflush(stdout);
    }

private:
    // epoll keys: the fd itself for the listener, signals and timer; connection id * 2 (+1 = server
    // side) + 2^32 for sockets, so the two never meet.
    static constexpr uint64_t kConnBase = uint64_t{1} << 32;

    void watch(int fd, int op, uint32_t events, uint64_t key)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = key;
        epoll_ctl(m_epoll, op, fd, &ev);
    }

    static void drainFd(int fd)
    {
        uint64_t buf[16];
        while (read(fd, buf, sizeof buf) > 0) {
        }
    }

    bool onSignal()
    {
        signalfd_siginfo info{};
        bool keepRunning = true;
        while (read(m_signals, &info, sizeof info) == sizeof info) {
            if (info.ssi_signo == SIGUSR1)
                report("snapshot");
            else
                keepRunning = false;
        }
        return keepRunning;
    }

    void acceptAll()
    {
        for (;;) {
            const int client = accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (client < 0)
                return;
            const int server = socket(m_target.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (server < 0 || (connect(server, reinterpret_cast<const sockaddr *>(&m_target.addr), m_target.len) != 0
                               && errno != EINPROGRESS)) {
                std::fprintf(stderr, "wan-proxy: cannot connect to the target: %s\n", std::strerror(errno));
                close(client);
                if (server >= 0)
                    close(server);
                continue;
            }
            // The link is the proxy's model: no Nagle delay on top of it.
            const int one = 1;
            setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            const uint64_t id = m_nextId++;
            auto c = std::make_unique<Conn>();
            c->client = client;
            c->server = server;
            const Clock::time_point now = Clock::now();
            // The client's first byte leaves once the handshake is done, then takes the way there.
            c->up.from = c->down.to = client;
            c->up.to = c->down.from = server;
            c->up.link = &m_upLink;
            c->down.link = &m_downLink;
            c->up.notBefore = now + m_handshake + m_upLink.oneWay;
            watch(client, EPOLL_CTL_ADD, 0, kConnBase + id * 2);
            watch(server, EPOLL_CTL_ADD, 0, kConnBase + id * 2 + 1);
            m_conns.emplace(id, std::move(c));
            ++m_accepted;
        }
    }

    void onSocket(uint64_t key, uint32_t events)
    {
        const uint64_t id = (key - kConnBase) / 2;
        const bool serverSide = (key - kConnBase) % 2 == 1;
        const auto it = m_conns.find(id);
        if (it == m_conns.end())
            return;
        Conn &c = *it->second;
        if (serverSide && c.connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(c.server, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) {
                std::fprintf(stderr, "wan-proxy: cannot connect to the target: %s\n", std::strerror(err));
                return drop(id);
            }
            c.connecting = false;
        }
        Pipe &in = serverSide ? c.down : c.up;   // this socket is its source
        Pipe &out = serverSide ? c.up : c.down;  // this socket is its destination
        // A reset, or a hang-up after this side's FIN was read: the peer is gone (level-triggered epoll
        // would report it again and again).
        if ((events & EPOLLERR) || ((events & EPOLLHUP) && in.sourceDone))
            return drop(id);
        if (events & EPOLLOUT)
            out.blocked = false;
        if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !in.sourceDone && !(serverSide && c.connecting))
            if (!readOnce(in))
                return drop(id);
    }

    /// One read from the pipe's source onto the link (one per connection and wake-up: connections take turns).
    bool readOnce(Pipe &p)
    {
        if (p.queued >= kMaxQueuedBytes)
            return true;
        Chunk chunk;
        chunk.bytes.resize(kReadBytes);
        const ssize_t n = recv(p.from, chunk.bytes.data(), chunk.bytes.size(), 0);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        chunk.bytes.resize(static_cast<size_t>(n));
        p.sourceDone = n == 0;
        chunk.due = std::max(p.link->carry(static_cast<size_t>(n), Clock::now()), p.notBefore);
        p.notBefore = chunk.due;
        p.queued += chunk.bytes.size();
        p.queue.push_back(std::move(chunk));
        return true;
    }

    /// Writes what is due; false when the destination is gone.
    static bool flush(Pipe &p, Clock::time_point now)
    {
        while (!p.blocked && !p.queue.empty() && p.queue.front().due <= now) {
            Chunk &head = p.queue.front();
            if (head.bytes.empty()) {
                shutdown(p.to, SHUT_WR);
                p.finSent = true;
                p.queue.pop_front();
                continue;
            }
            const ssize_t n = send(p.to, head.bytes.data() + head.sent, head.bytes.size() - head.sent, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK) {
                    p.blocked = true;
                    return true;
                }
                return errno == EINTR;
            }
            head.sent += static_cast<size_t>(n);
            if (head.sent == head.bytes.size()) {
                p.queued -= head.bytes.size();
                p.queue.pop_front();
            }
        }
        return true;
    }

    void drop(uint64_t id)
    {
        const auto it = m_conns.find(id);
        if (it == m_conns.end())
            return;
        close(it->second->client);
        close(it->second->server);
        m_conns.erase(it);
    }

    static uint32_t wanted(const Pipe &source, const Pipe &destination, bool connecting)
    {
        uint32_t e = 0;
        if (!source.sourceDone && source.queued < kMaxQueuedBytes && !connecting)
            e |= EPOLLIN;
        if (destination.blocked || connecting)
            e |= EPOLLOUT;
        return e;
    }

    /// Writes everything due, closes finished connections, sets each socket's interest.
    void pump()
    {
        const Clock::time_point now = Clock::now();
        for (auto it = m_conns.begin(); it != m_conns.end();) {
            Conn &c = *it->second;
            const bool ok = (c.connecting || flush(c.up, now)) && flush(c.down, now);
            if (!ok || (c.up.finSent && c.down.finSent)) {
                close(c.client);
                close(c.server);
                it = m_conns.erase(it);
                continue;
            }
            const uint32_t clientWants = wanted(c.up, c.down, false);
            const uint32_t serverWants = wanted(c.down, c.up, c.connecting);
            if (clientWants != c.clientEvents)
                watch(c.client, EPOLL_CTL_MOD, c.clientEvents = clientWants, kConnBase + it->first * 2);
            if (serverWants != c.serverEvents)
                watch(c.server, EPOLL_CTL_MOD, c.serverEvents = serverWants, kConnBase + it->first * 2 + 1);
            ++it;
        }
    }

    /// Wakes the loop when the next queued chunk is due.
    void armTimer()
    {
        std::optional<Clock::time_point> next;
        for (const auto &[id, c] : m_conns)
            for (const Pipe *p : {&c->up, &c->down})
                if (!p->queue.empty() && !p->blocked && !(p == &c->up && c->connecting))
                    next = next ? std::min(*next, p->queue.front().due) : p->queue.front().due;
        itimerspec spec{};
        if (next) {
            const auto ns = std::chrono::duration_cast<Nanos>(next->time_since_epoch()).count();
            spec.it_value.tv_sec = std::max<int64_t>(0, ns / 1000000000);
            spec.it_value.tv_nsec = std::max<int64_t>(1, ns % 1000000000); // 0/0 would disarm it
        }
        timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &spec, nullptr);
    }

    Options m_options;
    Endpoint m_target;
    Link m_upLink;
    Link m_downLink;
    Nanos m_handshake{0};
    int m_epoll = -1;
    int m_listen = -1;
    int m_signals = -1;
    int m_timer = -1;
    std::string m_address;
    Clock::time_point m_started;
    std::map<uint64_t, std::unique_ptr<Conn>> m_conns;
    uint64_t m_nextId = 0;
    uint64_t m_accepted = 0;
};

constexpr const char *kUsage =
    "usage: wan-proxy --to HOST:PORT [--listen HOST:PORT] [--rtt-ms MS] [--mbit MBIT] [--handshake-rtts N]\n"
    "  --to HOST:PORT        where connections go (loopback only)\n"
    "  --listen HOST:PORT    where to listen (loopback only; default 127.0.0.1:0, any free port)\n"
    "  --rtt-ms MS           round trip added, half to each direction's bytes (default 100)\n"
    "  --mbit MBIT           bandwidth per direction shared by all connections, Mbit/s (default 50; 0 = none)\n"
    "  --handshake-rtts N    round trips before a new connection's first byte (default 1: TCP)\n"
    "Prints its address first; one JSON line of bytes carried on SIGTERM/SIGINT (exit) and SIGUSR1.\n";

int usageError(const std::string &why)
{
    std::fprintf(stderr, "wan-proxy: %s (see wan-proxy --help)\n", why.c_str());
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (i + 1 >= argc)
            return usageError(a.rfind("--", 0) == 0 ? a + " needs a value" : "unknown argument " + a);
        const std::string v = argv[++i];
        double number = 0;
        if (a == "--to")
            o.to = v;
        else if (a == "--listen")
            o.listen = v;
        else if (a == "--rtt-ms" && parseNumber(v, 0, 60000, &number))
            o.rttMs = number;
        else if (a == "--mbit" && parseNumber(v, 0, 1e6, &number))
            o.mbit = number;
        else if (a == "--handshake-rtts" && parseNumber(v, 0, 10, &number) && number == std::floor(number))
            o.handshakeRtts = static_cast<int>(number);
        else if (a == "--rtt-ms" || a == "--mbit" || a == "--handshake-rtts")
            return usageError(a + " '" + v + "' is out of range (rtt-ms 0-60000, mbit 0-1000000, handshake-rtts 0-10 whole)");
        else
            return usageError("unknown option " + a);
    }
    if (o.to.empty())
        return usageError("--to is required");
    std::string error;
    const auto target = loopbackEndpoint(o.to, &error);
    if (!target)
        return usageError("--to: " + error);
    if (o.to.ends_with(":0"))
        return usageError("--to needs the target's port, not 0");
    const auto listenAt = loopbackEndpoint(o.listen, &error);
    if (!listenAt)
        return usageError("--listen: " + error);
    Proxy proxy(o, *target);
    if (!proxy.start(*listenAt, &error)) {
        std::fprintf(stderr, "wan-proxy: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s\n", proxy.address().c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "wan-proxy: %s -> %s, round trip %g ms, %g Mbit/s each way%s, handshake %d round trip(s)\n",
                 proxy.address().c_str(), o.to.c_str(), o.rttMs, o.mbit, o.mbit > 0 ? "" : " (unlimited)", o.handshakeRtts);
    proxy.run();
    proxy.report("final");
    return 0;
}
