# SPDX-License-Identifier: MIT
# The CMake package PosDataSync: `find_package(PosDataSync 1.0 REQUIRED)` gives PosDataSync::Core
# (the engine API) and PosDataSync::Quick (the QML module PosData), plus the installed programs as
# imported executables (PosDataSync::posdata, PosDataSync::sf-emulator, PosDataSync::pos-manage-data).
# Relocatable: every path in it is relative to where the package is found.
include(CMakePackageConfigHelpers)

install(EXPORT PosDataSyncTargets
  NAMESPACE PosDataSync::
  FILE PosDataSyncTargets.cmake
  DESTINATION ${POSDATA_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/PosDataSyncConfig.cmake.in
  ${PROJECT_BINARY_DIR}/PosDataSyncConfig.cmake
  INSTALL_DESTINATION ${POSDATA_INSTALL_CMAKEDIR}
  PATH_VARS POSDATA_INSTALL_QMLDIR POSDATA_INSTALL_DATADIR)
# 1.x hosts build against any 1.y (y >= x): the API only grows within a major version.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/PosDataSyncConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/PosDataSyncConfig.cmake ${PROJECT_BINARY_DIR}/PosDataSyncConfigVersion.cmake
  DESTINATION ${POSDATA_INSTALL_CMAKEDIR})

# The bundled sync objects, for people who write their own (the library has them built in).
install(FILES ${PROJECT_SOURCE_DIR}/resources/sync-objects.json DESTINATION ${POSDATA_INSTALL_DATADIR})
