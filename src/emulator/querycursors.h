// SPDX-License-Identifier: MIT
// QueryCursors: GET /query, /queryAll and their nextRecordsUrl pages (the cursors behind the locators).
#pragma once

#include "emulator/emulatoroptions.h"
#include "emulator/faultconfig.h"
#include "emulator/objectcatalog.h"
#include "emulator/recordrenderer.h"
#include "emulator/request.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace emu {

class OrgStore;

/// Runs SOQL on the org and serves the pages. A query that does not fit in one page snapshots its
/// matching rowids in a cursor (locator `01g...-<position>`); pages read those rows' current values.
/// Cursors die after an idle TTL or when the per-user cap evicts them (reference §2.5). Not
/// thread-safe: the Emulator serialises calls.
class QueryCursors
{
public:
    QueryCursors(OrgStore &store, const ObjectCatalog &catalog, const EmulatorOptions &options, RecordRenderer &renderer);
    ~QueryCursors();
    QueryCursors(const QueryCursors &) = delete;
    QueryCursors &operator=(const QueryCursors &) = delete;

    /// GET .../query?q= (includeDeleted: .../queryAll?q=).
    Response query(const Request &req, const std::string &version, bool includeDeleted, const FaultConfig &faults,
                   int64_t nowMs);
    /// GET .../query/<locator> (or .../queryAll/<locator>): the same page for the same locator.
    Response queryMore(const std::string &version, const std::string &locator, const FaultConfig &faults, int64_t nowMs);
    void expireAll();
    size_t openCount() const { return m_cursors.size(); }

private:
    struct Cursor;

    int batchSize(const Request &req) const;
    std::string renderPage(Cursor &cursor, size_t position, const std::string &version, const std::string &cursorId);
    void evict(int64_t nowMs);

    OrgStore &m_store;
    const ObjectCatalog &m_catalog;
    const EmulatorOptions &m_options;
    RecordRenderer &m_renderer;
    std::map<std::string, std::unique_ptr<Cursor>> m_cursors;
    uint64_t m_cursorCounter = 0;
};

} // namespace emu
