// SPDX-License-Identifier: MIT
// The one redaction rule for secrets (refresh and access tokens) in text that leaves the process, and
// the one for personal data (e-mail addresses, phone numbers) in what goes to support.
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

/// `text` with e-mail addresses shown as "<email>" and phone numbers (7 to 15 digits, optionally
/// with a leading + and spaces, dashes, dots, slashes or brackets between them) as "<phone>", for
/// text that goes to support (posdata report): a server's error message may quote a customer's
/// record. An ISO date (2026-12-04) is left alone; other long digit runs may be hidden too (better
/// hidden than leaked).
QString redactPersonal(QString text);

} // namespace posdata
