// SPDX-License-Identifier: MIT
// Seeder: deterministic demo, small and scale data for a new org.
#pragma once

#include "emulator/orgstore.h"

#include <cstdint>
#include <string>

namespace emu {

/// Deterministic org data: "demo", "small" (same schema and outlet Ids, small counts), "scale"
/// (N products only) and "none". Same input, same records, same Ids, same timestamps.
class Seeder
{
public:
    static bool seed(OrgStore &store, const ObjectCatalog &catalog, const std::string &name, int64_t records,
                     std::string *error);
    /// The Id of the n-th seeded outlet (1-based): s_c__outlet__c key prefix a00, counter n.
    static std::string outletId(int n);
    /// Seeded timestamps start here (2025-01-01T00:00:00Z) and grow with the record number.
    static constexpr int64_t kBaseMs = 1735689600000;
};

} // namespace emu
