// SPDX-License-Identifier: MIT
// The URL rules of urlpolicy.h.
#include "common/urlpolicy.h"

#include <QStringList>

namespace posdata::urlpolicy {

namespace {

QString canonicalHost(const QString &host)
{
    const QString h = host.toLower();
    // localhost and 127.0.0.1 are one host to a test that writes either in its device file.
    return h == u"localhost" ? QStringLiteral("127.0.0.1") : h;
}

} // namespace

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0 || host == u"::1")
        return true;
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4)
        return false;
    for (const QString &part : parts) {
        bool ok = false;
        const int v = part.toInt(&ok);
        if (!ok || v < 0 || v > 255 || part.isEmpty())
            return false;
    }
    return parts.first() == u"127";
}

bool isSalesforceHost(const QString &host)
{
    static const char *const kDomains[] = {".salesforce.com", ".force.com", ".salesforce.mil", ".cloudforce.com"};
    const QString h = host.toLower();
    for (const char *domain : kDomains) {
        const QLatin1String d(domain);
        // A label before the domain: "evil-salesforce.com" and ".salesforce.com" itself are not hosts of it.
        if (h.endsWith(d) && h.size() > d.size())
            return true;
    }
    return false;
}

QString instanceUrlProblem(const QUrl &url)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("not an absolute URL with a host, e.g. https://example.my.salesforce.com");
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return QStringLiteral("must not contain a user, query or fragment");
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return {};
    if (scheme == u"http") {
        if (isLoopbackHost(url.host()))
            return {};
        return QStringLiteral("must use https (http is allowed only for 127.0.0.0/8, ::1 and localhost, not "
                              "for host %1)")
            .arg(url.host());
    }
    return QStringLiteral("must use https, not scheme \"%1\"").arg(url.scheme());
}

QString instanceChangeProblem(const QUrl &current, const QUrl &next)
{
    if (const QString why = instanceUrlProblem(next); !why.isEmpty())
        return why;
    if (canonicalHost(current.host()) == canonicalHost(next.host()))
        return {};
    if (next.scheme().compare(u"https", Qt::CaseInsensitive) == 0 && isSalesforceHost(next.host()))
        return {};
    return QStringLiteral("moves the session from host %1 to host %2, which is not a Salesforce host")
        .arg(current.host(), next.host());
}

} // namespace posdata::urlpolicy
