# SPDX-License-Identifier: MIT
# CPack: one Debian package, posdatasync, with everything `cmake --install` puts in the prefix (the
# libraries, the QML module, headers and CMake package, the three programs, data). Built by
# scripts/package from a build configured with CMAKE_INSTALL_PREFIX=/usr (Debian's paths: the
# multiarch libdir, no RUNPATH), then checked with lintian (see docs/integration.md, "Debian
# package", for the tags it leaves and why).
set(POSDATA_DEB_MAINTAINER "POS Data Sync maintainers <pos-data-sync@example.org>" CACHE STRING
  "Maintainer field of the .deb")

# What a Debian package must carry besides the program: the copyright, a changelog and a manual
# page per program, compressed with gzip -9n (no name, no time stamp: the same bytes every build).
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in ${PROJECT_BINARY_DIR}/packaging/changelog @ONLY)
set(compressed)
foreach(in ${PROJECT_BINARY_DIR}/packaging/changelog ${PROJECT_SOURCE_DIR}/packaging/man/posdata.1
    ${PROJECT_SOURCE_DIR}/packaging/man/pos-manage-data.1 ${PROJECT_SOURCE_DIR}/packaging/man/sf-emulator.1)
  get_filename_component(name ${in} NAME)
  set(out ${PROJECT_BINARY_DIR}/packaging/${name}.gz)
  add_custom_command(OUTPUT ${out} COMMAND sh -c "gzip -9n -c '${in}' > '${out}'" DEPENDS ${in} VERBATIM)
  list(APPEND compressed ${out})
endforeach()
add_custom_target(posdata_package_docs ALL DEPENDS ${compressed})
set(doc_dir ${CMAKE_INSTALL_DATADIR}/doc/posdatasync)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  DESTINATION ${doc_dir})
install(FILES ${PROJECT_BINARY_DIR}/packaging/posdata.1.gz ${PROJECT_BINARY_DIR}/packaging/pos-manage-data.1.gz
  ${PROJECT_BINARY_DIR}/packaging/sf-emulator.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME posdatasync)
set(CPACK_PACKAGE_VENDOR "POS Data Sync")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${POSDATA_DEB_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Salesforce data sync module for point-of-sale apps")
set(CPACK_PACKAGE_DESCRIPTION
  "The Manage data settings module of a touchscreen point-of-sale app: it\n\
keeps a till's Salesforce records on the device (SQLite), syncs them in the\n\
background and uploads what the till writes, exactly once.\n\
.\n\
This package holds the engine library and its public C++ API\n\
(PosDataSync::Core), the QML module PosData with the Manage data page\n\
(PosDataSync::Quick), the CMake package for find_package(PosDataSync), the\n\
posdata command line for support staff, the pos-manage-data app and\n\
sf-emulator, a local emulator of the Salesforce REST API.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${POSDATA_DEB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
# Shared-library dependencies from dpkg-shlibdeps; what it cannot see are the QML modules the
# pages import and the Qt plugins loaded at run time (the SQLite driver, the SVG icons).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libqt6sql6-sqlite, libqt6svg6, qml6-module-qtquick, qml6-module-qtquick-controls, \
qml6-module-qtquick-templates, qml6-module-qtquick-layouts, qml6-module-qtquick-window, \
qml6-module-qtqml, qml6-module-qtqml-models, qml6-module-qtqml-workerscript")
# The CMake package names Qt6 and its Qml and Quick components: a host builds with these.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-declarative-dev")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The ldconfig trigger Debian's policy asks of a package with shared libraries (CPack 3.25 still
# writes postinst/postrm calling ldconfig as well: lintian's maintscript-calls-ldconfig).
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/triggers)
set(CPACK_STRIP_FILES ON)
include(CPack)
