// SPDX-License-Identifier: MIT
// SalesforceClient: OAuth refresh (single flight), queries and paging (optionally parsed on a page
// thread), composite counts, redirects refused, errors classified, API calls counted.
#include "salesforceclient.h"

#include "common/urlpolicy.h"
#include "common/zinflate.h"
#include "net/responses.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <mutex>

Q_LOGGING_CATEGORY(lcNet, "posdata.net")

namespace posdata {

namespace {

/// Every request this client sends: never follows a redirect, whatever the manager's default.
QNetworkRequest apiRequest(const QUrl &url, int timeoutMs)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setRawHeader("Accept", "application/json");
    req.setTransferTimeout(timeoutMs);
    return req;
}

/// A 3xx answer in words: where it pointed (the host only: the rest is the server's text).
ApiError redirectRefused(int status, const QUrl &location)
{
    const QString where = location.host().isEmpty() ? QString() : QStringLiteral(" to host %1").arg(location.host());
    return ApiError{ApiError::Kind::Transient, status, QStringLiteral("REDIRECT_REFUSED"),
                    QStringLiteral("The server answered with a redirect (HTTP %1)%2, which Salesforce's API never "
                                   "does; it was not followed and nothing was sent there. Check the instance URL "
                                   "or the network's proxy.")
                        .arg(status)
                        .arg(where),
                    {}};
}

} // namespace

struct SalesforceClient::Request
{
    RequestId id = 0;
    QByteArray method;
    QString pathAndQuery; ///< starts with /services/
    QByteArray body;
    int batchSize = 0;
    BodyCallback callback;
    PageCallback pageCallback; ///< instead of `callback`: a query page, parsed
    quint64 ticket = 0; ///< the page transport's fetch in flight, if any
    std::shared_ptr<ParsedPage> parsed; ///< parsed by the page transport
    bool retriedAfter401 = false;
    QByteArray tokenUsed;
    QPointer<QNetworkReply> reply;
};

/// What the server answered, from whichever thread received it.
struct SalesforceClient::Response
{
    int status = 0;
    QUrl location; ///< a 3xx answer's Location
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray body;
    std::shared_ptr<ParsedPage> parsed; ///< a 2xx page parsed on the page thread (body then dropped)

    static Response of(QNetworkReply *reply)
    {
        return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl(), reply->error(),
            reply->errorString(), reply->readAll(), {} };
    }
};

/// Fetches and parses query pages on the page thread, with network access managers of its own; the
/// answers go back to the client, which keeps tokens, retries and error handling.
///
/// Pages are parsed only as fast as they are used: at most kParsedAhead parsed pages are out at once
/// (a page is out from its parse until the client's user lets go of it). A page answered while that
/// many are out waits here as it came over the wire, gzip-compressed (the transport asks for gzip and
/// decodes it itself): ~0.2 MiB instead of ~2.4 MiB of parsed records. On a fast link (loopback, a
/// store's server in the back office) ten parallel range pages then wait for the writer in a tenth of
/// the memory; on a slow one pages come slower than they are written and none wait.
class SalesforceClient::PageTransport : public QObject
{
public:
    /// Parsed pages out at once: the one being written and the next, parsed while it is written.
    static constexpr int kParsedAhead = 2;
    /// A page decoded to more than this is refused (a gzip bomb, or a broken server).
    static constexpr std::size_t kMaxPageBytes = 256u * 1024 * 1024;

    ~PageTransport() override
    {
        if (!m_queue)
            return;
        std::lock_guard lock(m_queue->gate->mutex);
        m_queue->gate->transport = nullptr; // pages let go of after this wake no one
    }

    void fetch(quint64 ticket, QNetworkRequest request, SalesforceClient *client)
    {
        // Made here, on the page thread that alone uses it (this object was made on the client's).
        if (!m_queue) {
            m_queue = std::make_unique<Queue>();
            m_queue->gate->transport = this;
        }
        // Asked for by us, gzip is not decoded by QNAM: the body stays compressed until its turn.
        request.setRawHeader("Accept-Encoding", "gzip");
        QNetworkAccessManager *nam = managerWithRoom();
        QNetworkReply *reply = nam->get(request);
        m_replies.insert(ticket, reply);
        m_inFlight[nam] += 1;
        connect(reply, &QNetworkReply::finished, this, [this, ticket, reply, client, nam] {
            m_replies.remove(ticket);
            m_inFlight[nam] -= 1;
            reply->deleteLater();
            Held held{ticket, client, std::make_shared<Response>(Response::of(reply)),
                      reply->rawHeader("Content-Encoding").trimmed().toLower()};
            const Response &response = *held.response;
            if (response.status >= 200 && response.status < 300 && response.error == QNetworkReply::NoError) {
                m_queue->held.append(std::move(held));
                parseHeld();
                return;
            }
            // An error's body is small and read at once (the client classifies the error by it).
            QString problem;
            decode(&held, &problem);
            deliver(held);
        });
    }
    void warmUp(const QUrl &instance, int connections)
    {
        const bool tls = instance.scheme() == QLatin1String("https");
        const quint16 port = quint16(instance.port(tls ? 443 : 80));
        // Managers fill in the order managerWithRoom() hands them out: the first 6 pages go to the
        // first one, so its 6 connections are the ones to open first.
        for (int i = 0; i < connections; ++i) {
            QNetworkAccessManager *nam = managerAt(i / kConnectionsPerManager);
#if QT_CONFIG(ssl)
            if (tls) {
                nam->connectToHostEncrypted(instance.host(), port);
                continue;
            }
#endif
            if (!tls)
                nam->connectToHost(instance.host(), port);
        }
    }
    void abort(quint64 ticket)
    {
        if (m_queue)
            m_queue->held.removeIf([ticket](const Held &h) { return h.ticket == ticket; });
        if (QNetworkReply *reply = m_replies.take(ticket)) {
            reply->disconnect(this);
            m_inFlight[qobject_cast<QNetworkAccessManager *>(reply->manager())] -= 1;
            reply->abort();
            reply->deleteLater();
        }
    }

private:
    /// A page answered and not parsed yet.
    struct Held
    {
        quint64 ticket = 0;
        SalesforceClient *client = nullptr;
        std::shared_ptr<Response> response; ///< its body as it came
        QByteArray encoding; ///< its Content-Encoding, lower case
    };
    /// What a parsed page let go of (on any thread) wakes: the transport while it lives. A std::mutex
    /// (pthreads), whose ordering ThreadSanitizer sees.
    struct Gate
    {
        std::mutex mutex;
        PageTransport *transport = nullptr;
    };
    /// Pages answered and not parsed yet, and the parsed ones out: the page thread's alone.
    struct Queue
    {
        QList<Held> held; ///< answered, waiting for a parsed page to be let go of
        int parsedOut = 0; ///< parsed pages not let go of yet
        std::shared_ptr<Gate> gate = std::make_shared<Gate>();
    };

    /// Parses held pages, oldest first, while fewer than kParsedAhead are out.
    void parseHeld()
    {
        while (m_queue->parsedOut < kParsedAhead && !m_queue->held.isEmpty()) {
            Held held = m_queue->held.takeFirst();
            Response &response = *held.response;
            response.parsed = std::shared_ptr<ParsedPage>(new ParsedPage, [gate = m_queue->gate](ParsedPage *page) {
                delete page;
                std::lock_guard lock(gate->mutex);
                if (PageTransport *transport = gate->transport)
                    QMetaObject::invokeMethod(transport, [transport] { transport->letGo(); }, Qt::QueuedConnection);
            });
            ++m_queue->parsedOut;
            if (decode(&held, &response.parsed->parseError))
                response.parsed->page = QueryPage::parse(response.body, &response.parsed->parseError);
            response.body = QByteArray(); // the page holds what the body had
            deliver(held);
        }
    }
    void letGo()
    {
        --m_queue->parsedOut;
        parseHeld();
    }
    /// The body as sent, in place of the body as it came; false (and why) when it cannot be read.
    static bool decode(Held *held, QString *problem)
    {
        const QByteArray &encoding = held->encoding;
        if (encoding.isEmpty() || encoding == "identity")
            return true;
        QByteArray &body = held->response->body;
        if (encoding != "gzip" && encoding != "x-gzip") {
            *problem = QStringLiteral("the server answered in an encoding not asked for (%1)")
                           .arg(QString::fromLatin1(encoding.left(40)));
            body = QByteArray();
            return false;
        }
        QByteArray decoded;
        const zinflate::Result result
            = zinflate::inflateInto(body.constData(), std::size_t(body.size()), 15 + 32, kMaxPageBytes, &decoded);
        body = result == zinflate::Result::Ok ? std::move(decoded) : QByteArray();
        if (result == zinflate::Result::TooLarge)
            *problem = QStringLiteral("the answer is larger than %1 MiB once decompressed").arg(kMaxPageBytes >> 20);
        else if (result == zinflate::Result::Corrupt)
            *problem = QStringLiteral("the answer's gzip data is broken or cut short");
        return result == zinflate::Result::Ok;
    }
    static void deliver(const Held &held)
    {
        QMetaObject::invokeMethod(
            held.client,
            [client = held.client, ticket = held.ticket, response = held.response] {
                client->pageResponse(ticket, response);
            },
            Qt::QueuedConnection);
    }

    /// Qt 6.4 opens at most 6 HTTP/1.1 connections per host and manager and queues what is more:
    /// parallel range pages beyond 6 go through a further manager (HTTP/2 multiplexes anyway).
    static constexpr int kConnectionsPerManager = 6;
    QNetworkAccessManager *managerWithRoom()
    {
        for (QNetworkAccessManager *nam : std::as_const(m_nams))
            if (m_inFlight.value(nam) < kConnectionsPerManager)
                return nam;
        return managerAt(m_nams.size());
    }
    /// The index-th manager, made (with those before it) when missing.
    QNetworkAccessManager *managerAt(qsizetype index)
    {
        while (m_nams.size() <= index) {
            auto *nam = new QNetworkAccessManager(this);
            nam->setAutoDeleteReplies(false);
            nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
            m_nams.append(nam);
        }
        return m_nams.at(index);
    }

    QList<QNetworkAccessManager *> m_nams;
    QHash<QNetworkAccessManager *, int> m_inFlight;
    QHash<quint64, QNetworkReply *> m_replies;
    std::unique_ptr<Queue> m_queue; ///< made by the first fetch()
};

SalesforceClient::SalesforceClient(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_nam(new QNetworkAccessManager(this))
{
    // Decoding gzip is left to QNAM here: it asks for it only when we do not set Accept-Encoding (the
    // page transport sets it, and decodes query pages itself when their turn comes).
    m_nam->setAutoDeleteReplies(false);
    // Salesforce's REST API never redirects: a 3xx is an error, never followed (it would carry the
    // Authorization header, a body or the refresh token to wherever Location points).
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_urlProblem = urlpolicy::instanceUrlProblem(m_options.instanceUrl);
}

SalesforceClient::~SalesforceClient()
{
    // The page transport calls back into this client from its thread: that thread must have ended
    // (its owner stops it first), or a callback could run into a destroyed client.
    Q_ASSERT(!m_pageThread || !m_pageThread->isRunning());
    abortAll();
}

void SalesforceClient::retrySignIn()
{
    m_signInRequired = false;
    m_accessToken.clear();
}

void SalesforceClient::setRefreshToken(const QString &token)
{
    m_options.refreshToken = token;
    retrySignIn();
}

void SalesforceClient::setAccessToken(const QByteArray &token)
{
    m_signInRequired = false;
    m_accessToken = token;
    if (!token.isEmpty())
        emit signedIn();
}

QString SalesforceClient::queryPath(const QString &soql, bool includeDeleted) const
{
    // Percent-encode everything but unreserved characters: a '+' in a literal must not turn into a
    // space under the server's form decoding.
    return QStringLiteral("/services/data/%1/%2?q=%3")
        .arg(QLatin1String(ApiVersion), includeDeleted ? QStringLiteral("queryAll") : QStringLiteral("query"),
             QString::fromLatin1(QUrl::toPercentEncoding(soql)));
}

SalesforceClient::RequestId SalesforceClient::query(const QString &soql, int batchSize, bool includeDeleted,
                                                    BodyCallback callback)
{
    return enqueue("GET", queryPath(soql, includeDeleted), {}, batchSize, std::move(callback));
}

QString SalesforceClient::morePath(const QString &nextRecordsUrl) const
{
    QString path = nextRecordsUrl;
    if (path.startsWith(QLatin1String("http://")) || path.startsWith(QLatin1String("https://")))
        path = QUrl(path).path(QUrl::FullyEncoded); // only ever follow it on our own instance
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    return path;
}

SalesforceClient::RequestId SalesforceClient::queryMore(const QString &nextRecordsUrl, int batchSize,
                                                        BodyCallback callback)
{
    return enqueue("GET", morePath(nextRecordsUrl), {}, batchSize, std::move(callback));
}

SalesforceClient::RequestId SalesforceClient::queryPage(const QString &soql, int batchSize, bool includeDeleted,
                                                        PageCallback callback)
{
    return enqueue("GET", queryPath(soql, includeDeleted), {}, batchSize, {}, std::move(callback));
}

SalesforceClient::RequestId SalesforceClient::queryMorePage(const QString &nextRecordsUrl, int batchSize,
                                                            PageCallback callback)
{
    return enqueue("GET", morePath(nextRecordsUrl), {}, batchSize, {}, std::move(callback));
}

void SalesforceClient::setPageThread(QThread *thread)
{
    if (m_pages || !thread)
        return;
    m_pages = new PageTransport;
    m_pageThread = thread;
    m_pages->moveToThread(thread);
    connect(thread, &QThread::finished, m_pages, &QObject::deleteLater);
}

SalesforceClient::RequestId SalesforceClient::rest(
    const QByteArray &method, const QString &path, const QByteArray &jsonBody, BodyCallback callback)
{
    return enqueue(method, QStringLiteral("/services/data/%1%2").arg(QLatin1String(ApiVersion), path), jsonBody, 0,
                   std::move(callback));
}

SalesforceClient::RequestId SalesforceClient::enqueue(QByteArray method, QString pathAndQuery, QByteArray body,
                                                      int batchSize, BodyCallback callback, PageCallback pageCallback)
{
    auto request = std::make_shared<Request>();
    request->id = m_nextId++;
    request->method = std::move(method);
    request->pathAndQuery = std::move(pathAndQuery);
    request->body = std::move(body);
    request->batchSize = batchSize;
    request->callback = std::move(callback);
    request->pageCallback = std::move(pageCallback);
    m_requests.insert(request->id, request);
    send(request);
    return request->id;
}

void SalesforceClient::send(const std::shared_ptr<Request> &request)
{
    if (!m_urlProblem.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, request] {
            complete(request, ApiError{ApiError::Kind::Permanent, 0, QStringLiteral("INVALID_INSTANCE_URL"),
                                       QStringLiteral("The instance URL %1").arg(m_urlProblem), {}},
                     {});
        }, Qt::QueuedConnection);
        return;
    }
    if (m_signInRequired) {
        // Queued so that callers never see their callback run inside their own call.
        QMetaObject::invokeMethod(this, [this, request] {
            complete(request, ApiError{ApiError::Kind::Auth, 401, QStringLiteral("SIGN_IN_REQUIRED"),
                                       QStringLiteral("Sign-in required: the saved sign-in was refused"), {}},
                     {});
        }, Qt::QueuedConnection);
        return;
    }
    if (m_accessToken.isEmpty() && m_options.refreshToken.isEmpty()) {
        // A host that signs in by itself has not handed a token (yet): ask it, send nothing.
        m_signInRequired = true;
        QMetaObject::invokeMethod(this, [this, request] {
            complete(request, ApiError{ApiError::Kind::Auth, 401, QStringLiteral("SIGN_IN_REQUIRED"),
                                       QStringLiteral("Sign-in required: no credentials were given"), {}},
                     {});
        }, Qt::QueuedConnection);
        return;
    }
    if (m_accessToken.isEmpty()) {
        m_waitingForToken.append(request);
        refresh();
        return;
    }
    issue(request);
}

void SalesforceClient::issue(const std::shared_ptr<Request> &request)
{
    const QUrl base = m_options.instanceUrl;
    QUrl url = QUrl::fromEncoded(base.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::StripTrailingSlash)
                                     .toUtf8()
                                 + request->pathAndQuery.toUtf8());
    QNetworkRequest req = apiRequest(url, m_options.requestTimeoutMs);
    req.setRawHeader("Authorization", "Bearer " + m_accessToken);
    if (request->batchSize > 0)
        req.setRawHeader("Sforce-Query-Options", "batchSize=" + QByteArray::number(request->batchSize));
    if (!request->body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request->tokenUsed = m_accessToken;
    ++m_apiCalls;
    if (request->pageCallback && m_pages) {
        request->ticket = m_nextTicket++;
        m_pageTickets.insert(request->ticket, request->id);
        QMetaObject::invokeMethod(
            m_pages, [pages = m_pages.data(), ticket = request->ticket, req, this] { pages->fetch(ticket, req, this); },
            Qt::QueuedConnection);
        return;
    }
    QNetworkReply *reply = request->body.isEmpty() && request->method == "GET"
        ? m_nam->get(req)
        : m_nam->sendCustomRequest(req, request->method, request->body);
    request->reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, request, reply] { finished(request, reply); });
}

void SalesforceClient::finished(const std::shared_ptr<Request> &request, QNetworkReply *reply)
{
    reply->deleteLater();
    if (!m_requests.contains(request->id) || request->reply != reply)
        return; // aborted
    request->reply = nullptr;
    handle(request, Response::of(reply));
}

void SalesforceClient::pageResponse(quint64 ticket, const std::shared_ptr<Response> &response)
{
    const auto request = m_requests.value(m_pageTickets.take(ticket));
    if (!request || request->ticket != ticket)
        return; // aborted
    request->ticket = 0;
    request->parsed = response->parsed;
    handle(request, *response);
}

void SalesforceClient::handle(const std::shared_ptr<Request> &request, const Response &response)
{
    const int status = response.status;
    const QByteArray &body = response.body;
    if (status == 0) {
        const auto err = response.error;
        if (err == QNetworkReply::OperationCanceledError || err == QNetworkReply::TimeoutError)
            complete(request,
                     ApiError::timeout(QStringLiteral("No answer from the server within %1 s")
                                           .arg(m_options.requestTimeoutMs / 1000.0)),
                     {});
        else
            complete(request, ApiError::network(response.errorString), {});
        return;
    }
    if (status >= 300 && status < 400) {
        complete(request, redirectRefused(status, response.location), {});
        return;
    }
    if (status == 401) {
        if (request->retriedAfter401) {
            // A fresh token refused again: tokens may die fast under concurrent use. Only a refused
            // refresh means "sign in"; this is a failed attempt the caller retries later.
            if (request->tokenUsed == m_accessToken)
                m_accessToken.clear();
            ApiError error = ApiError::fromResponse(status, body);
            error.kind = ApiError::Kind::Transient;
            complete(request, error, {});
            return;
        }
        request->retriedAfter401 = true;
        // Single flight: only the first 401 of a given token drops it and refreshes; the others wait.
        if (request->tokenUsed == m_accessToken)
            m_accessToken.clear();
        send(request);
        return;
    }
    if (status >= 200 && status < 300) {
        if (response.error != QNetworkReply::NoError) {
            // The connection broke after the status line: a partial body is never a page.
            complete(request, ApiError::network(response.errorString), {});
            return;
        }
        complete(request, {}, body);
        return;
    }
    complete(request, ApiError::fromResponse(status, body), {});
}

void SalesforceClient::complete(const std::shared_ptr<Request> &request, const ApiError &error,
                                const QByteArray &body)
{
    if (!m_requests.remove(request->id))
        return;
    if (!error.ok())
        qCDebug(lcNet) << "request failed:" << error.code << error.httpStatus << request->method
                       << request->pathAndQuery.left(200);
    if (PageCallback pageCallback = std::move(request->pageCallback)) {
        std::shared_ptr<ParsedPage> parsed = error.ok() ? std::move(request->parsed) : nullptr;
        if (error.ok() && !parsed) { // no page thread: parsed here
            parsed = std::make_shared<ParsedPage>();
            parsed->page = QueryPage::parse(body, &parsed->parseError);
        }
        pageCallback(error, parsed);
        return;
    }
    BodyCallback callback = std::move(request->callback);
    if (callback)
        callback(error, body);
}

void SalesforceClient::abort(RequestId id)
{
    auto request = m_requests.take(id);
    if (!request)
        return;
    m_waitingForToken.removeAll(request);
    if (request->ticket) {
        m_pageTickets.remove(request->ticket);
        if (m_pages)
            QMetaObject::invokeMethod(m_pages, [pages = m_pages.data(), ticket = request->ticket] { pages->abort(ticket); },
                                      Qt::QueuedConnection);
        request->ticket = 0;
    }
    if (request->reply) {
        QNetworkReply *reply = request->reply;
        request->reply = nullptr;
        reply->abort();
    }
}

void SalesforceClient::abortAll()
{
    const auto ids = m_requests.keys();
    for (RequestId id : ids)
        abort(id);
}

void SalesforceClient::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    QUrl url = m_options.instanceUrl;
    url.setPath(QStringLiteral("/services/oauth2/token"));
    url.setQuery(QString());
    QNetworkRequest req = apiRequest(url, m_options.requestTimeoutMs);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QByteArray form = "grant_type=refresh_token&refresh_token="
        + QUrl::toPercentEncoding(m_options.refreshToken) + "&client_id="
        + QUrl::toPercentEncoding(m_options.clientId);
    QNetworkReply *reply = m_nam->post(req, form);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { refreshFinished(reply); });
}

void SalesforceClient::refreshFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    m_refreshing = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    ApiError error;
    if (status >= 300 && status < 400) {
        error = redirectRefused(status, reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
    } else if (status == 200) {
        QString why;
        const std::optional<responses::Token> token = responses::tokenAnswer(body, &why);
        QUrl next = m_options.instanceUrl;
        if (token && !token->instanceUrl.isEmpty()) {
            next = QUrl(token->instanceUrl, QUrl::StrictMode);
            if (const QString problem = urlpolicy::instanceChangeProblem(m_options.instanceUrl, next); !problem.isEmpty())
                why = QStringLiteral("The sign-in answer's instance URL was refused: it %1").arg(problem);
        }
        if (token && why.isEmpty()) {
            m_accessToken = token->accessToken;
            if (!token->refreshToken.isEmpty())
                m_options.refreshToken = token->refreshToken;
            m_options.instanceUrl = next;
            emit signedIn();
        } else {
            // Not Auth: the credentials were not refused, the answer is unusable. Nothing goes to the
            // instance it named.
            error = ApiError::malformed(why);
            if (token)
                error.code = QStringLiteral("INSTANCE_URL_REFUSED");
        }
    } else if (status == 0) {
        error = reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError
            ? ApiError::timeout(QStringLiteral("The sign-in server did not answer in time"))
            : ApiError::network(reply->errorString());
    } else {
        error = ApiError::fromResponse(status, body);
        if (status >= 400 && status < 500 && status != 408 && status != 420 && status != 429) {
            // The refresh token itself was refused: asking again cannot help.
            m_signInRequired = true;
            error.kind = ApiError::Kind::Auth;
            error.message = QStringLiteral("Sign-in required: %1").arg(error.message);
        }
    }
    const auto waiting = std::exchange(m_waitingForToken, {});
    for (const auto &request : waiting) {
        if (!m_requests.contains(request->id))
            continue;
        if (error.ok())
            issue(request);
        else
            complete(request, error, {});
    }
}

void SalesforceClient::warmUpPages(int connections)
{
    if (!m_pages || connections <= 0)
        return;
    QMetaObject::invokeMethod(
        m_pages, [pages = m_pages.data(), instance = m_options.instanceUrl, connections] { pages->warmUp(instance, connections); },
        Qt::QueuedConnection);
}

void SalesforceClient::counts(const QList<CountQuery> &queries, CountsCallback callback)
{
    struct State
    {
        QList<CountResult> results;
        int outstanding = 0;
        CountsCallback callback;
    };
    auto state = std::make_shared<State>();
    state->results.resize(queries.size());
    state->callback = std::move(callback);
    if (queries.isEmpty()) {
        QMetaObject::invokeMethod(this, [state] { state->callback({}); }, Qt::QueuedConnection);
        return;
    }
    for (qsizetype start = 0; start < queries.size(); start += MaxQueriesPerComposite) {
        const QList<CountQuery> chunk = queries.mid(start, MaxQueriesPerComposite);
        ++state->outstanding;
        compositeChunk(chunk, [state, start](QList<CountResult> results) {
            for (qsizetype i = 0; i < results.size(); ++i)
                state->results[start + i] = results[i];
            if (--state->outstanding == 0)
                state->callback(state->results);
        });
    }
}

namespace {

SalesforceClient::CountResult countResult(const responses::Count &c)
{
    return {c.error, c.count, c.firstId, c.firstModstamp, c.ids};
}

SalesforceClient::CountResult countFromBody(const ApiError &error, const QByteArray &body)
{
    if (!error.ok())
        return {error, -1, {}, {}, {}};
    return countResult(responses::countAnswer(body));
}

} // namespace

void SalesforceClient::compositeChunk(const QList<CountQuery> &queries,
                                      std::function<void(QList<CountResult>)> done)
{
    auto single = [this](const QList<CountQuery> &qs, std::function<void(QList<CountResult>)> finish) {
        auto results = std::make_shared<QList<CountResult>>(qs.size());
        auto left = std::make_shared<int>(qs.size());
        for (qsizetype i = 0; i < qs.size(); ++i)
            query(qs[i].soql, 0, qs[i].includeDeleted, [results, left, i, finish](const ApiError &e, const QByteArray &b) {
                (*results)[i] = countFromBody(e, b);
                if (--*left == 0)
                    finish(*results);
            });
    };
    if (queries.size() == 1) {
        single(queries, std::move(done));
        return;
    }
    nlohmann::json sub = nlohmann::json::array();
    for (qsizetype i = 0; i < queries.size(); ++i)
        sub.push_back({{"method", "GET"},
                       {"url", queryPath(queries[i].soql, queries[i].includeDeleted).toStdString()},
                       {"referenceId", "q" + std::to_string(i)}});
    const nlohmann::json payload = {{"allOrNone", false}, {"compositeRequest", sub}};
    const QString path = QStringLiteral("/services/data/%1/composite").arg(QLatin1String(ApiVersion));
    enqueue("POST", path, QByteArray::fromStdString(payload.dump()), 0,
            [queries, done, single](const ApiError &error, const QByteArray &body) {
                if (error.httpStatus == 404 || error.httpStatus == 405) {
                    single(queries, done); // a server without /composite
                    return;
                }
                QList<CountResult> results(queries.size());
                if (!error.ok()) {
                    for (auto &r : results)
                        r.error = error;
                    done(results);
                    return;
                }
                const QList<responses::Count> counts = responses::compositeCounts(body, queries.size());
                for (qsizetype i = 0; i < counts.size(); ++i)
                    results[i] = countResult(counts[i]);
                done(results);
            });
}

} // namespace posdata
