// SPDX-License-Identifier: MIT
// Salesforce record Ids: 15 and 18 character forms, normalising, making new ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soql {

// Salesforce record Ids: 15 case-sensitive characters, or those plus a 3-character checksum that
// encodes the case of the first 15 (docs/salesforce-rest.md §1.5).

/// The 18-character form of a 15-character Id. Any other input is returned unchanged.
std::string to18(std::string_view id15);

/// Normalises a 15- or 18-character alphanumeric Id to the canonical 18-character form; an
/// 18-character Id gets the case of its first 15 characters restored from its checksum (so a
/// lower-cased Id resolves, as Salesforce's case-insensitive 18-character Ids do). nullopt when the
/// text is not an Id, or an 18-character checksum is not one Salesforce could have produced.
std::optional<std::string> normalizeId(std::string_view id);

/// How a made-up Id writes its counter. Salesforce's Ids count in base 62 (0-9 < A-Z < a-z, their
/// bytes' order); the emulator wrote upper-case base 36 before, and an org file from then keeps it
/// (another base would make Ids its records already have).
enum class IdDigits { Base62, Base36 };

/// prefix3 + 12 zero-padded digits of counter + checksum: 18 characters, so for one prefix ORDER BY
/// Id, creation order and bytewise order agree. A prefix that is not 3 characters is cut or padded
/// with '0'; base 36 wraps at 36^12.
std::string makeId(std::string_view prefix3, uint64_t counter, IdDigits digits = IdDigits::Base62);

} // namespace soql
