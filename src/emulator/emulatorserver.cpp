// SPDX-License-Identifier: MIT
// EmulatorServer: wiring of the Emulator to the HTTP front, response gzip.
#include "emulator/emulatorserver.h"

#include <chrono>

#include <httplib.h>
#include <zlib.h>

namespace emu {

namespace {
bool acceptsGzip(const std::string &acceptEncoding)
{
    // Accept-Encoding is a comma list ("gzip,deflate", "br, gzip, deflate"); q=0 means refused.
    size_t pos = 0;
    while (pos <= acceptEncoding.size()) {
        size_t comma = acceptEncoding.find(',', pos);
        if (comma == std::string::npos)
            comma = acceptEncoding.size();
        std::string item = acceptEncoding.substr(pos, comma - pos);
        for (auto &c : item)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        item.erase(0, item.find_first_not_of(" \t"));
        const size_t semi = item.find(';');
        std::string name = item.substr(0, semi);
        name.erase(name.find_last_not_of(" \t") + 1);
        const bool refused = semi != std::string::npos && item.find("q=0", semi) != std::string::npos
                             && item.find("q=0.", semi) == std::string::npos;
        if ((name == "gzip" || name == "x-gzip") && !refused)
            return true;
        pos = comma + 1;
    }
    return false;
}

bool gzip(const std::string &in, std::string *out)
{
    z_stream zs{};
    if (deflateInit2(&zs, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    out->resize(deflateBound(&zs, in.size()) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef *>(out->data());
    zs.avail_out = static_cast<uInt>(out->size());
    const int rc = deflate(&zs, Z_FINISH);
    out->resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END;
}
} // namespace

EmulatorServer::EmulatorServer(EmulatorOptions options)
    : m_options(std::move(options))
    , m_emulator(std::make_unique<Emulator>(m_options))
{
}

EmulatorServer::~EmulatorServer()
{
    stop();
}

std::string EmulatorServer::url() const
{
    return "http://" + m_options.host + ":" + std::to_string(m_port);
}

bool EmulatorServer::start(std::string *error)
{
    if (m_server)
        return true;
    if (!m_emulator->init(error))
        return false;
    m_server = std::make_unique<httplib::Server>();
    const int threads = std::max(1, m_options.threads);
    m_server->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    m_server->set_payload_max_length(64u * 1024 * 1024);
    m_server->set_tcp_nodelay(true);
    // httplib closes a keep-alive connection after 5 requests by default: a client pulling 500 pages
    // would reconnect 100 times. Salesforce keeps the connection; so does this (idle timeout as before).
    m_server->set_keep_alive_max_count(100000);
    Emulator *emulator = m_emulator.get();
    auto handler = [emulator](const httplib::Request &hreq, httplib::Response &hres) {
        Request req = Request::fromTarget(hreq.method, hreq.target);
        for (const auto &[k, v] : hreq.headers)
            req.headers.emplace(k, v);
        req.body = hreq.body;
        req.remoteAddr = hreq.remote_addr;
        Response res = emulator->handle(req);
        hres.status = res.status;
        std::string contentType = "text/plain";
        for (const auto &[k, v] : res.headers) {
            if (k == "Content-Type")
                contentType = v;
            else
                hres.set_header(k, v);
        }
        if (res.status == 204 || (res.body.empty() && res.header("Content-Type").empty()))
            return;
        std::string body = std::move(res.body);
        if (body.size() > 0 && acceptsGzip(hreq.get_header_value("Accept-Encoding"))) {
            std::string zipped;
            if (gzip(body, &zipped)) {
                body = std::move(zipped);
                hres.set_header("Content-Encoding", "gzip");
            }
        }
        if (hreq.method == "HEAD") {
            hres.set_content(body, contentType.c_str());
            return;
        }
        if (res.dropAfterBytes >= 0) {
            // Announce the full length, send a prefix, then fail the provider: httplib closes the socket.
            auto shared = std::make_shared<std::string>(std::move(body));
            const auto limit = static_cast<size_t>(res.dropAfterBytes);
            hres.set_content_provider(shared->size(), contentType.c_str(),
                                      [shared, limit](size_t offset, size_t, httplib::DataSink &sink) {
                                          if (offset >= limit)
                                              return false;
                                          sink.write(shared->data() + offset, limit - offset);
                                          return true;
                                      });
            return;
        }
        hres.body = std::move(body);
        hres.set_header("Content-Type", contentType);
    };
    m_server->Get(".*", handler);
    m_server->Post(".*", handler);
    m_server->Put(".*", handler);
    m_server->Patch(".*", handler);
    m_server->Delete(".*", handler);
    m_server->Options(".*", handler);
    const int port = m_options.port == 0 ? m_server->bind_to_any_port(m_options.host)
                                         : (m_server->bind_to_port(m_options.host, m_options.port) ? m_options.port : -1);
    if (port <= 0) {
        if (error)
            *error = "cannot listen on " + m_options.host + ":" + std::to_string(m_options.port);
        m_server.reset();
        return false;
    }
    m_port = static_cast<uint16_t>(port);
    m_emulator->setInstanceUrl(url());
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    for (int i = 0; i < 2000 && !m_server->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}

void EmulatorServer::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
    m_server.reset();
}

} // namespace emu
