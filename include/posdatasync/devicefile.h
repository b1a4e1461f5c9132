// SPDX-License-Identifier: MIT
// The device context file that posdata and pos-manage-data read (docs/configuration.md), for a
// host that keeps its till's identity and sign-in the same way.
#pragma once

#include <posdatasync/posdatasynccore_export.h>
#include <posdatasync/types.h>

#include <optional>

namespace posdatasync {

/// A device context file's contents: who and where the till is, and its refresh token.
struct DeviceFile
{
    DeviceContext device;
    Credentials credentials; ///< the file's refresh token (secret)
};

/// Reads a device context file: a JSON object with instanceUrl, clientId, refreshToken, outletId
/// and shiftId (optional), readable by its owner only (mode 0600), at most 64 KiB. nullopt with
/// `error` in words (naming the file and the key, never the token) when it is missing, open to
/// other users, too large, not JSON, has an unknown or a missing key, a short token or a URL
/// credentials may not be sent to.
POSDATASYNCCORE_EXPORT std::optional<DeviceFile> readDeviceFile(const QString &path, QString *error = nullptr);

} // namespace posdatasync
