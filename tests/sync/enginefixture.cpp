// SPDX-License-Identifier: MIT
#include "enginefixture.h"

#include "emulator/emulator.h"

namespace enginetest {

void applyFaults(emu::EmulatorServer &server, const nlohmann::json &faults)
{
    std::string error;
    EXPECT_TRUE(server.emulator().setFaults(faults, &error)) << error;
}

} // namespace enginetest
