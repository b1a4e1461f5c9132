// SPDX-License-Identifier: MIT
#pragma once

// Which URLs may receive this device's credentials: the configured instance URL, the one a token
// answer hands out, and never anything a redirect points at (see docs/security.md).

#include <QString>
#include <QUrl>

namespace posdata::urlpolicy {

/// 127.0.0.0/8, ::1 and localhost (QUrl-normalised host).
bool isLoopbackHost(const QString &host);

/// A host of Salesforce's own domains, where a login host hands out an org's instance:
/// *.salesforce.com, *.force.com, *.salesforce.mil, *.cloudforce.com (which covers *.my.salesforce.com).
bool isSalesforceHost(const QString &host);

/// Why `url` may not carry credentials, in words; empty when it may. The rule: an absolute URL with a
/// host, no user, query or fragment, https, or http only on a loopback host.
QString instanceUrlProblem(const QUrl &url);

/// Why a token answer's `next` instance URL may not replace `current`, in words; empty when it may.
/// `next` must pass instanceUrlProblem(); its host is the current host (any port), or a Salesforce
/// host over https (the documented login-host -> instance hand-over). Another loopback address is
/// another host: a test's attacker on 127.0.0.2 is refused like any other.
QString instanceChangeProblem(const QUrl &current, const QUrl &next);

} // namespace posdata::urlpolicy
