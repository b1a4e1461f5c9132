// SPDX-License-Identifier: MIT
// readDeviceFile(): the file reader of src/config, in the public API's types.
#include <posdatasync/devicefile.h>

#include "config/devicecontext.h"

namespace posdatasync {

std::optional<DeviceFile> readDeviceFile(const QString &path, QString *error)
{
    const auto context = posdata::loadDeviceContext(path, error);
    if (!context)
        return std::nullopt;
    DeviceFile file;
    file.device = {context->instanceUrl, context->clientId, context->outletId, context->shiftId};
    file.credentials.refreshToken = context->refreshToken;
    return file;
}

} // namespace posdatasync
