// SPDX-License-Identifier: MIT
// POST /composite: subrequests run in order through the data routes, as one transaction.
#pragma once

#include "emulator/request.h"
#include "emulator/responses.h"

#include <functional>

namespace emu {

class OrgStore;

/// Runs a subrequest (its path already split) as the data routes would; no second API call is counted.
using SubrequestRoute = std::function<Response(const Request &, const DataPath &)>;

/// Up to 25 subrequests with `@{referenceId.path}` references to earlier answers; `allOrNone`
/// rolls every subrequest back when one fails (PROCESSING_HALTED). Answers 200
/// `{"compositeResponse":[{"body","httpHeaders","httpStatusCode","referenceId"}, ...]}`.
Response runComposite(const Request &req, OrgStore &store, const SubrequestRoute &route);

} // namespace emu
