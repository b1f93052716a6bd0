# The Debian package of nd, by CPack: `cmake --build <tree> --target package` writes
# <tree>/nd-dev_<version>_<arch>.deb with what `cmake --install` puts in /usr: nd-tidy,
# nd-clangd, the clang-tidy plugin(s), the runtime's headers and libnd.a, the CMake
# package nd and the docs. Included by the top-level CMakeLists.txt after every
# install() rule.
#
# The package is nd-dev, not nd: Debian already has a package nd (a WebDAV client), and
# apt would take the archive's nd for an upgrade of this one.
#
# One package, depending on one LLVM. With ND_PACKAGE_OTHER_BUILD_DIR (a built tree for
# the other LLVM version), both trees are installed into the package, the other one
# first (CPACK_INSTALL_CMAKE_PROJECTS): it holds both plugins, and this tree's nd-tidy
# and nd-clangd, which replace the other's. Its Depends come from dpkg-shlibdeps on what
# is in it, so they name this tree's libclang-cpp<major> and libllvm<major> only: the
# plugins link no LLVM library (tool/plugin/), they resolve everything from the
# clang-tidy that loads them, which is therefore a Suggests (clang-tidy-<major> for each
# plugin), not a Depends: nd-tidy has the same checks, and a hard dependency on a second
# LLVM would cost every user its libraries for a front end they may not use.
# libnd.a is static, so what a consumer links against it (Highway, OpenBLAS, LAPACKE,
# and the CMake files of Highway that ndConfig.cmake finds) are -dev packages.

# A built nd tree for the other LLVM version: packaged and installed beside this one
# (the package tests use it too, test/package/).
set(ND_PACKAGE_OTHER_BUILD_DIR "" CACHE PATH
    "A built nd tree for the other LLVM version, to install and package beside this one")
if(ND_LLVM_VERSION EQUAL 19)
  set(ND_PACKAGE_OTHER_LLVM_VERSION 22)
else()
  set(ND_PACKAGE_OTHER_LLVM_VERSION 19)
endif()
if(ND_PACKAGE_OTHER_BUILD_DIR)
  load_cache(${ND_PACKAGE_OTHER_BUILD_DIR} READ_WITH_PREFIX _nd_other_ ND_LLVM_VERSION)
  if(NOT _nd_other_ND_LLVM_VERSION EQUAL ND_PACKAGE_OTHER_LLVM_VERSION)
    message(FATAL_ERROR "ND_PACKAGE_OTHER_BUILD_DIR (${ND_PACKAGE_OTHER_BUILD_DIR}) is not "
      "an nd build tree for LLVM ${ND_PACKAGE_OTHER_LLVM_VERSION} (its ND_LLVM_VERSION: "
      "'${_nd_other_ND_LLVM_VERSION}')")
  endif()
endif()

# The LLVM versions whose plugin the package holds.
set(ND_PACKAGE_PLUGIN_VERSIONS "")
if(TARGET NdTidyModule)
  list(APPEND ND_PACKAGE_PLUGIN_VERSIONS ${ND_LLVM_VERSION})
endif()
if(ND_PACKAGE_OTHER_BUILD_DIR)
  list(APPEND ND_PACKAGE_PLUGIN_VERSIONS ${ND_PACKAGE_OTHER_LLVM_VERSION})
endif()
list(SORT ND_PACKAGE_PLUGIN_VERSIONS COMPARE NATURAL)
string(JOIN " and " _nd_plugin_versions_text ${ND_PACKAGE_PLUGIN_VERSIONS})

set(ND_PACKAGE_MAINTAINER "The nd authors" CACHE STRING
    "Maintainer field of the Debian package (Name <email>)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME nd-dev)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The nd authors")
set(CPACK_PACKAGE_CONTACT "${ND_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "NumPy-style C++ array runtime, with clang-tidy checks that keep it fast")
set(CPACK_PACKAGE_DESCRIPTION "\
nd is a NumPy-style array runtime for C++20 (#include <nd/nd.hpp>, libnd.a, the
CMake package nd) and clang-tidy checks that find slow forms of code written with it
(element loops, chained temporaries, gather copies) and fix them. The checks ship as
nd-tidy, nd-clangd and a plugin for clang-tidy ${_nd_plugin_versions_text}.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libhwy-dev, libopenblas-dev, liblapacke-dev")
list(TRANSFORM ND_PACKAGE_PLUGIN_VERSIONS PREPEND clang-tidy- OUTPUT_VARIABLE _nd_suggests)
string(JOIN ", " CPACK_DEBIAN_PACKAGE_SUGGESTS ${_nd_suggests})
# Checked by cpack: without dpkg-shlibdeps CPack would leave out the LLVM dependencies.
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/NdCPackChecks.cmake)

set(CPACK_INSTALL_CMAKE_PROJECTS "")
if(ND_PACKAGE_OTHER_BUILD_DIR)
  list(APPEND CPACK_INSTALL_CMAKE_PROJECTS ${ND_PACKAGE_OTHER_BUILD_DIR} nd ALL /)
endif()
list(APPEND CPACK_INSTALL_CMAKE_PROJECTS ${PROJECT_BINARY_DIR} nd ALL /)

# `package_source` (which include(CPack) adds too) would otherwise take the build trees
# that live in the source directory.
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/[.]git/" "/build[^/]*/")

include(CPack)
unset(_nd_suggests)
unset(_nd_plugin_versions_text)
unset(_nd_other_ND_LLVM_VERSION)
