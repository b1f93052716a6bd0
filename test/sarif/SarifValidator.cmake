# The SARIF 2.1.0 schema validator of the lit suite (test/sarif/): Node.js with the npm
# packages pinned in test/sarif/package-lock.json, installed by `npm ci` into the build
# directory (never into the source tree). Included by test/lit/CMakeLists.txt.
#
# Sets ND_NODE_PATH (the node executable, empty when the validator is off),
# ND_SARIF_VALIDATE_JS (the script) and ND_SARIF_NODE_MODULES (where npm ci put the
# packages), and defines the target nd-sarif-validator (part of `all`).
#
# `npm ci` runs again only when package.json or package-lock.json change: a rebuild with
# node_modules in place downloads nothing (and works offline).

set(ND_NODE_PATH "")
set(ND_SARIF_SOURCE_DIR ${CMAKE_CURRENT_LIST_DIR})
set(ND_SARIF_BINARY_DIR ${PROJECT_BINARY_DIR}/test/sarif)
set(ND_SARIF_VALIDATE_JS ${ND_SARIF_SOURCE_DIR}/validate.js)
set(ND_SARIF_NODE_MODULES ${ND_SARIF_BINARY_DIR}/node_modules)

find_program(ND_NODE NAMES node nodejs)
find_program(ND_NPM npm)
if(ND_NODE AND ND_NPM)
  set(ND_SARIF_VALIDATOR_DEFAULT ON)
else()
  set(ND_SARIF_VALIDATOR_DEFAULT OFF)
endif()
option(ND_SARIF_VALIDATOR
  "Install the SARIF schema validator (npm ci) and run the SARIF lit tests" ${ND_SARIF_VALIDATOR_DEFAULT})

if(NOT ND_SARIF_VALIDATOR)
  message(STATUS "nd SARIF validator: off (needs node and npm: scripts/install-deps.sh)")
  return()
endif()
if(NOT ND_NODE OR NOT ND_NPM)
  message(FATAL_ERROR "ND_SARIF_VALIDATOR is ON but node or npm was not found: "
                      "run scripts/install-deps.sh (nodejs, npm) or set -DND_SARIF_VALIDATOR=OFF")
endif()

set(ND_NODE_PATH ${ND_NODE})
set(nd_sarif_stamp ${ND_SARIF_BINARY_DIR}/npm-ci.stamp)
file(MAKE_DIRECTORY ${ND_SARIF_BINARY_DIR})
add_custom_command(
  OUTPUT ${nd_sarif_stamp}
  COMMAND ${CMAKE_COMMAND} -E copy_if_different
          ${ND_SARIF_SOURCE_DIR}/package.json ${ND_SARIF_SOURCE_DIR}/package-lock.json
          ${ND_SARIF_BINARY_DIR}
  COMMAND ${ND_NPM} ci --no-audit --no-fund --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch ${nd_sarif_stamp}
  DEPENDS ${ND_SARIF_SOURCE_DIR}/package.json ${ND_SARIF_SOURCE_DIR}/package-lock.json
  WORKING_DIRECTORY ${ND_SARIF_BINARY_DIR}
  COMMENT "npm ci: SARIF schema validator (test/sarif/package-lock.json)"
  VERBATIM)
add_custom_target(nd-sarif-validator ALL DEPENDS ${nd_sarif_stamp})
