# SPDX-License-Identifier: MIT
# CPack: a Debian package of everything `cmake --install` puts in the prefix (see scripts/package).
set(CPACK_PACKAGE_NAME posdatasync)
set(CPACK_PACKAGE_VENDOR "POS Data Sync")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Salesforce data sync module for point-of-sale apps")
set(CPACK_GENERATOR DEB)
include(CPack)
