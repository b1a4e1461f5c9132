// SPDX-License-Identifier: MIT
// EmulatorServer: wiring of the Emulator to the HTTP front, response gzip.
#include "emulator/emulatorserver.h"

#include "emulator/httpserver.h"
#include "emulator/responses.h"

#include <zlib.h>

namespace emu {

namespace {
bool acceptsGzip(const std::string &acceptEncoding)
{
    // Accept-Encoding is a comma list ("gzip,deflate", "br, gzip, deflate"); q=0 means refused.
    for (const std::string &item : splitList(lowerAscii(acceptEncoding))) {
        const size_t semi = item.find(';');
        std::string name = item.substr(0, semi);
        name.erase(name.find_last_not_of(" \t") + 1);
        const bool refused = semi != std::string::npos && item.find("q=0", semi) != std::string::npos
                             && item.find("q=0.", semi) == std::string::npos;
        if ((name == "gzip" || name == "x-gzip") && !refused)
            return true;
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
    if (m_http)
        return true;
    if (!m_emulator->init(error))
        return false;
    Emulator *emulator = m_emulator.get();
    auto http = std::make_unique<HttpServer>(m_options.http, m_options.threads, [emulator](Request &req) {
        Response res = emulator->handle(req);
        const bool bodiless = res.status == 204 || (res.body.empty() && res.header("Content-Type").empty());
        if (!bodiless && !res.body.empty() && acceptsGzip(req.header("Accept-Encoding"))) {
            std::string zipped;
            if (gzip(res.body, &zipped)) {
                res.body = std::move(zipped);
                res.setHeader("Content-Encoding", "gzip");
                // A "drop" fault still loses part of the (now shorter) body.
                if (res.dropAfterBytes >= static_cast<int64_t>(res.body.size()))
                    res.dropAfterBytes = static_cast<int64_t>(res.body.size()) - 1;
            }
        }
        return res;
    });
    if (!http->listen(m_options.host, m_options.port, error))
        return false;
    m_port = http->port();
    // Token answers name the listening address, known now and before the first request.
    m_emulator->setInstanceUrl(url());
    if (!http->serve(error))
        return false;
    m_http = std::move(http);
    return true;
}

void EmulatorServer::stop()
{
    if (m_http)
        m_http->stop();
    m_http.reset();
}

} // namespace emu
