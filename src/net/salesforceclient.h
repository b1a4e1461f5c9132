// SPDX-License-Identifier: MIT
// SalesforceClient: the Salesforce REST client the sync worker uses.
#pragma once

#include "net/apierror.h"
#include "net/querypage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QThread;

class QNetworkAccessManager;
class QNetworkReply;

namespace posdata {

/// Salesforce REST client for the sync worker: OAuth refresh, queries with paging, composite counts,
/// error parsing and classification, API-call counting. Lives on (and is used from) one thread.
class SalesforceClient : public QObject
{
    Q_OBJECT
public:
    /// Pinned API version (reference 8.2.1).
    static constexpr const char *ApiVersion = "v62.0";
    /// Salesforce allows 25 composite subrequests of which at most 5 are queries.
    static constexpr int MaxQueriesPerComposite = 5;

    struct Options
    {
        QUrl instanceUrl;
        QString clientId;
        QString refreshToken; ///< secret: kept in memory, never logged
        int requestTimeoutMs = 60000; ///< no byte for this long aborts the request (a TIMEOUT error)
    };

    /// The body of a successful response, or the error (body then empty).
    using BodyCallback = std::function<void(const ApiError &error, const QByteArray &body)>;
    /// A query page read and parsed: `page` empty with `parseError` when the body is not one.
    /// With a page thread, a parsed page holds one of two places until it is let go of (the last
    /// shared_ptr to it dropped): pages answered meanwhile wait compressed and are parsed in turn.
    /// Keep one only while it is used (written), never two for long.
    struct ParsedPage
    {
        std::optional<QueryPage> page;
        QString parseError;
    };
    /// A parsed query page (never null on success), or the error.
    using PageCallback = std::function<void(const ApiError &error, const std::shared_ptr<ParsedPage> &page)>;
    using RequestId = quint64;

    /// One query of a composite batch.
    struct CountQuery
    {
        QString soql;
        bool includeDeleted = false; ///< /queryAll instead of /query
    };
    /// totalSize of one count query, or its error; for a query that selects records (ORDER BY ...
    /// LIMIT 1) the first one's Id and SystemModstamp too (empty when it has none).
    struct CountResult
    {
        ApiError error;
        qint64 count = -1;
        QString firstId;
        QString firstModstamp;
        QStringList ids; ///< every record's Id (an Id-only query of at most one page)
    };
    using CountsCallback = std::function<void(const QList<CountResult> &results)>;

    explicit SalesforceClient(Options options, QObject *parent = nullptr);
    ~SalesforceClient() override;

    /// GET /query (or /queryAll) with `Sforce-Query-Options: batchSize=N` (omitted when N <= 0).
    RequestId query(const QString &soql, int batchSize, bool includeDeleted, BodyCallback callback);
    /// GET of a nextRecordsUrl, followed verbatim as a path on the instance.
    RequestId queryMore(const QString &nextRecordsUrl, int batchSize, BodyCallback callback);
    /// query() and queryMore(), parsed into a QueryPage: on the page thread when one is set.
    RequestId queryPage(const QString &soql, int batchSize, bool includeDeleted, PageCallback callback);
    RequestId queryMorePage(const QString &nextRecordsUrl, int batchSize, PageCallback callback);
    /// Query pages are then received and parsed on `thread`, with a network access manager of their
    /// own there, so that this client's thread, busy writing the page before, does not hold the
    /// next one up (tokens, retries and errors stay here). The thread must outlive this client's
    /// requests: stop it before deleting the client.
    void setPageThread(QThread *thread);
    /// Opens `connections` connections of the page thread to the instance now (TCP, and TLS for
    /// https), so that as many query pages asked for next do not each wait a handshake first: called
    /// when parallel range pages are about to start, while the request before them travels. No API
    /// call, nothing sent but the handshakes; nothing without a page thread.
    void warmUpPages(int connections);
    /// totalSize (and the first record's Id and SystemModstamp) of each query, through /composite
    /// (one call per 5 queries, a single query goes alone). Falls back to one call per query if the
    /// server has no /composite.
    void counts(const QList<CountQuery> &queries, CountsCallback callback);

    /// Any other data call: `path` follows /services/data/vNN.N (e.g. "/composite/sobjects"), `jsonBody`
    /// is sent as application/json when not empty. Same token handling and error classification.
    RequestId rest(const QByteArray &method, const QString &path, const QByteArray &jsonBody, BodyCallback callback);

    /// Drops a request: its callback is never called.
    void abort(RequestId id);
    void abortAll();

    /// Data API calls sent so far (token refreshes excluded: they do not count against the limit).
    qint64 apiCalls() const { return m_apiCalls; }
    /// The refresh token now in use (replaced when the server rotates it). Secret.
    QString refreshToken() const { return m_options.refreshToken; }
    /// The refresh token was refused: every request now fails with Kind::Auth, until retrySignIn().
    bool signInRequired() const { return m_signInRequired; }
    /// Forgets that the refresh was refused: the next request asks for a token again (a password
    /// reset or a re-enabled user may have made the same refresh token good again).
    void retrySignIn();
    /// New credentials from the host app; the next request signs in with them. Secret.
    void setRefreshToken(const QString &token);
    /// A fresh access token from a host that signs in by itself: used until the server refuses it
    /// (then, with no refresh token, requests fail with Kind::Auth until a new one comes). Secret.
    void setAccessToken(const QByteArray &token);
    QUrl instanceUrl() const { return m_options.instanceUrl; }

signals:
    /// A token was granted (the refresh was accepted): a sign-in refused before works again.
    void signedIn();

private:
    struct Request;
    RequestId enqueue(QByteArray method, QString pathAndQuery, QByteArray body, int batchSize,
                      BodyCallback callback, PageCallback pageCallback = {});
    void send(const std::shared_ptr<Request> &request);
    void issue(const std::shared_ptr<Request> &request);
    void finished(const std::shared_ptr<Request> &request, QNetworkReply *reply);
    struct Response;
    void handle(const std::shared_ptr<Request> &request, const Response &response);
    void pageResponse(quint64 ticket, const std::shared_ptr<Response> &response);
    void complete(const std::shared_ptr<Request> &request, const ApiError &error, const QByteArray &body);
    void refresh();
    void refreshFinished(QNetworkReply *reply);
    void compositeChunk(const QList<CountQuery> &queries, std::function<void(QList<CountResult>)> done);
    QString queryPath(const QString &soql, bool includeDeleted) const;
    QString morePath(const QString &nextRecordsUrl) const;
    class PageTransport;

    Options m_options;
    QString m_urlProblem; ///< why the instance URL may not carry credentials (then nothing is sent)
    QNetworkAccessManager *m_nam = nullptr;
    QByteArray m_accessToken; ///< secret, memory only
    bool m_refreshing = false;
    bool m_signInRequired = false;
    QList<std::shared_ptr<Request>> m_waitingForToken;
    QHash<RequestId, std::shared_ptr<Request>> m_requests;
    RequestId m_nextId = 1;
    qint64 m_apiCalls = 0;
    QPointer<PageTransport> m_pages; ///< lives on the page thread; deleted there when it ends
    QPointer<QThread> m_pageThread; ///< must have finished before this client is destroyed
    QHash<quint64, RequestId> m_pageTickets; ///< in-flight page fetches by ticket
    quint64 m_nextTicket = 1;
};

} // namespace posdata
