// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonParseError>
#include <QString>

namespace posdata {

/// "invalid JSON at line L, column C (offset O): <reason>", for config file messages.
/// Line and column are 1-based and computed from the parse error's byte offset.
QString describeJsonError(const QByteArray &json, const QJsonParseError &error);

} // namespace posdata
