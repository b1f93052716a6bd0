# The LLVM and Clang the nd checks and their front ends are built against, chosen at
# configure time by ND_LLVM_VERSION (a major version: 19 or 22; the top-level
# CMakeLists.txt defines it) or by LLVM_DIR, which names an installation directly.
# Included by every directory that needs LLVM (find_package results are scoped to a
# directory); the first inclusion caches LLVM_DIR, so all of them find the same one.
#
# A plugin loads only into the clang-tidy of the major version it was built for, and the
# checks instantiate templates whose definitions are in that version's clang-tidy
# archives, compiled by Clang: the C++ compiler must be Clang of the same major. (GCC
# mangles some of those names differently, e.g. OptionsView::store<bool>, whose return
# type names std::is_integral_v, so GCC-built checks do not link.)

set(ND_SUPPORTED_LLVM_VERSIONS 19 22)
if(NOT ND_LLVM_VERSION IN_LIST ND_SUPPORTED_LLVM_VERSIONS)
  string(REPLACE ";" " or " _nd_supported "${ND_SUPPORTED_LLVM_VERSIONS}")
  message(FATAL_ERROR "ND_LLVM_VERSION is '${ND_LLVM_VERSION}': the nd checks build "
    "against LLVM ${_nd_supported} (e.g. -DND_LLVM_VERSION=22)")
endif()

# No version in the call: LLVM's version file accepts only a matching major.minor, and
# the check below says more than find_package's "no compatible version".
find_package(LLVM REQUIRED CONFIG
  PATHS /usr/lib/llvm-${ND_LLVM_VERSION}/lib/cmake/llvm NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL ND_LLVM_VERSION)
  message(FATAL_ERROR "LLVM_DIR (${LLVM_DIR}) is LLVM ${LLVM_PACKAGE_VERSION}, but "
    "ND_LLVM_VERSION is ${ND_LLVM_VERSION}: configure a new build directory with "
    "-DND_LLVM_VERSION=${LLVM_VERSION_MAJOR}, or point LLVM_DIR at LLVM ${ND_LLVM_VERSION}")
endif()
find_package(Clang REQUIRED CONFIG HINTS ${LLVM_DIR}/../clang NO_DEFAULT_PATH)

if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "The nd checks must be compiled with Clang ${ND_LLVM_VERSION} (found "
    "${CMAKE_CXX_COMPILER_ID}): configure with -DCMAKE_C_COMPILER=clang-${ND_LLVM_VERSION} "
    "-DCMAKE_CXX_COMPILER=clang++-${ND_LLVM_VERSION}, or -DND_BUILD_CHECKS=OFF for the "
    "runtime alone")
endif()
string(REGEX MATCH "^[0-9]+" _nd_cxx_major "${CMAKE_CXX_COMPILER_VERSION}")
if(NOT _nd_cxx_major EQUAL ND_LLVM_VERSION)
  message(FATAL_ERROR "The nd checks for LLVM ${ND_LLVM_VERSION} must be compiled with "
    "Clang ${ND_LLVM_VERSION}, not Clang ${CMAKE_CXX_COMPILER_VERSION}: configure a new "
    "build directory with -DCMAKE_C_COMPILER=clang-${ND_LLVM_VERSION} "
    "-DCMAKE_CXX_COMPILER=clang++-${ND_LLVM_VERSION}")
endif()
unset(_nd_cxx_major)
