// SPDX-License-Identifier: MIT
// The one redaction rule for secrets (refresh and access tokens) in text that leaves the process.
#pragma once

#include <QString>
#include <QStringView>

namespace posdata {

/// What a secret shows as in messages, logs and command output.
inline constexpr QStringView kRedacted = u"<redacted>";

/// `text` with every occurrence of `secret` replaced by kRedacted. Case-insensitive, because text
/// on its way out may have been case-folded (QUrl lowercases a host, for one). An empty secret
/// changes nothing. Secrets are long (device files refuse refresh tokens shorter than
/// kMinRefreshTokenLength, config/devicecontext.h), so a match inside ordinary words is not a concern.
QString redactSecret(QString text, QStringView secret);

} // namespace posdata
