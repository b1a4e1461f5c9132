// SPDX-License-Identifier: MIT
// redactSecret(): the one place that scrubs a secret out of outgoing text.
#include "common/redact.h"

namespace posdata {

QString redactSecret(QString text, QStringView secret)
{
    if (secret.isEmpty())
        return text;
    text.replace(secret.toString(), kRedacted.toString(), Qt::CaseInsensitive);
    return text;
}

} // namespace posdata
