# The installed nd package, tested from outside. ctest runs this script with `cmake -P`
# in one of two modes (test/package/CMakeLists.txt passes the -D variables):
#
# MODE=install: `cmake --install ND_BUILD_DIR --prefix WORK_DIR/staging`, then renames
#   staging to WORK_DIR/prefix, so that the consumers use a moved tree: the package must
#   find its files relative to itself. ND_BUILD_DIR may be a "|"-list of build trees
#   (e.g. for LLVM 19 and 22), installed in that order into the same prefix. Checks that
#   every file in EXPECT_FILES (paths relative to the prefix, separated by "|") was
#   installed.
# MODE=consumer: configures test/package/consumer (CONSUMER_SOURCE_DIR) in
#   WORK_DIR/NAME with CMAKE_PREFIX_PATH=WORK_DIR/prefix and the nd build's generator and
#   compilers, passing CHECK_ARGS ("|"-separated) to nd_enable_checks; builds it and
#   requires the build log to contain a diagnostic for each check in EXPECT_WARNINGS
#   (on main.cpp; `<file>:<check>` for another file, e.g. total.hpp) (or, with
#   EXPECT_BUILD_FAILURE, an error for each check in EXPECT_ERRORS and a failed build)
#   and none for the checks in UNEXPECTED; then runs the program and compares its output
#   with the value computed by hand in consumer/main.cpp. With EXPECT_CONFIGURE_ERROR (a
#   regex), the configuration must fail with that message. CONSUMER_ARGS
#   ("|"-separated) are more -D options for the consumer's configuration; its output
#   must match EXPECT_CONFIGURE_OUTPUT (a regex), if given. With CLANG_TIDY_FILE, the
#   consumer is copied to WORK_DIR/NAME-src with that file as its .clang-tidy. PREFIX
#   replaces WORK_DIR/prefix (e.g. the usr/ of an unpacked Debian package).
#
# Everything is written under WORK_DIR, in the build tree.
cmake_minimum_required(VERSION 3.20)

foreach(var MODE WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "package_test.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix ${WORK_DIR}/prefix)

if(MODE STREQUAL "install")
  set(staging ${WORK_DIR}/staging)
  file(REMOVE_RECURSE ${staging} ${prefix})
  string(REPLACE "|" ";" build_dirs "${ND_BUILD_DIR}")
  foreach(build_dir ${build_dirs})
    execute_process(COMMAND ${CMAKE_COMMAND} --install ${build_dir} --prefix ${staging}
                    OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "cmake --install ${build_dir} failed (${status}); build every "
                          "target first:\n${log}")
    endif()
  endforeach()
  file(RENAME ${staging} ${prefix})
  string(REPLACE "|" ";" expect_files "${EXPECT_FILES}")
  foreach(file ${expect_files})
    if(NOT EXISTS ${prefix}/${file})
      message(FATAL_ERROR "not installed: ${file}\n${log}")
    endif()
  endforeach()
  message(STATUS "installed into ${staging}, moved to ${prefix}")
  return()
endif()

if(NOT MODE STREQUAL "consumer")
  message(FATAL_ERROR "package_test.cmake: MODE must be install or consumer, not '${MODE}'")
endif()
if(DEFINED PREFIX)
  set(prefix ${PREFIX})
endif()
if(NOT EXISTS ${prefix})
  message(FATAL_ERROR "${prefix} is missing: the test that installs it (package-install, "
                      "package-install-both or package-deb) must run first")
endif()

set(build ${WORK_DIR}/${NAME})
file(REMOVE_RECURSE ${build})
if(DEFINED CLANG_TIDY_FILE)
  set(source_copy ${WORK_DIR}/${NAME}-src)
  file(REMOVE_RECURSE ${source_copy})
  file(COPY ${CONSUMER_SOURCE_DIR}/ DESTINATION ${source_copy})
  configure_file(${CLANG_TIDY_FILE} ${source_copy}/.clang-tidy COPYONLY)
  set(CONSUMER_SOURCE_DIR ${source_copy})
endif()
string(REPLACE "|" ";" check_args "${CHECK_ARGS}")
string(REPLACE "|" ";" consumer_args "${CONSUMER_ARGS}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${build} -G ${GENERATOR}
          -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}
          -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
          -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix}
          -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
          "-DND_CONSUMER_CHECK_ARGS=${check_args}" ${consumer_args}
  OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE status)
if(DEFINED EXPECT_CONFIGURE_ERROR)
  string(REGEX REPLACE "[ \n]+" " " flat_log "${log}")
  if(status EQUAL 0 OR NOT flat_log MATCHES "${EXPECT_CONFIGURE_ERROR}")
    message(FATAL_ERROR "configuring the consumer should have failed with "
                        "'${EXPECT_CONFIGURE_ERROR}':\n${log}")
  endif()
  return()
endif()
if(NOT status EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed:\n${log}")
endif()
if(DEFINED EXPECT_CONFIGURE_OUTPUT AND NOT log MATCHES "${EXPECT_CONFIGURE_OUTPUT}")
  message(FATAL_ERROR "the consumer's configuration does not say "
                      "'${EXPECT_CONFIGURE_OUTPUT}':\n${log}")
endif()

# The package found must be the one just installed, not another nd on the machine.
file(STRINGS ${build}/CMakeCache.txt nd_dir REGEX "^nd_DIR:")
string(REGEX REPLACE "^nd_DIR:[A-Z]+=" "" nd_dir "${nd_dir}")
file(REAL_PATH "${nd_dir}" nd_dir)
file(REAL_PATH "${prefix}" real_prefix)
string(FIND "${nd_dir}" "${real_prefix}/" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "the consumer found nd in '${nd_dir}', not under ${real_prefix}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} --build ${build}
                OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE status)
message(STATUS "consumer build log:\n${log}")

string(REPLACE "|" ";" expect_warnings "${EXPECT_WARNINGS}")
string(REPLACE "|" ";" expect_errors "${EXPECT_ERRORS}")
string(REPLACE "|" ";" unexpected "${UNEXPECTED}")
foreach(check ${expect_warnings})
  set(file main.cpp)
  if(check MATCHES "^(.+):(.+)$")
    set(file ${CMAKE_MATCH_1})
    set(check ${CMAKE_MATCH_2})
  endif()
  string(REPLACE "." "\\." file_regex "${file}")
  if(NOT log MATCHES "${file_regex}:[0-9]+:[0-9]+: warning: [^\n]*\\[${check}\\]")
    message(FATAL_ERROR "no '[${check}]' warning on ${file} in the build log")
  endif()
endforeach()
foreach(check ${expect_errors})
  if(NOT log MATCHES "main\\.cpp:[0-9]+:[0-9]+: error: [^\n]*\\[${check},-warnings-as-errors\\]")
    message(FATAL_ERROR "no '[${check},-warnings-as-errors]' error on main.cpp in the build log")
  endif()
endforeach()
foreach(check ${unexpected})
  if(log MATCHES "\\[${check}(\\]|,)")
    message(FATAL_ERROR "'[${check}]' is in the build log, but the test expects no "
                        "finding of it")
  endif()
endforeach()

if(EXPECT_BUILD_FAILURE)
  if(status EQUAL 0)
    message(FATAL_ERROR "the consumer built, but WARNINGS_AS_ERRORS should have failed it")
  endif()
  return()
endif()
if(NOT status EQUAL 0)
  message(FATAL_ERROR "building the consumer failed (${status})")
endif()

execute_process(COMMAND ${build}/nd_consumer
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
set(expected "nd consumer: 3 x 4, sum 228, scaled sum 468\n")
if(NOT status EQUAL 0 OR NOT output STREQUAL expected)
  message(FATAL_ERROR "nd_consumer exited with ${status} and printed\n${output}${errors}"
                      "expected\n${expected}")
endif()
message(STATUS "nd_consumer printed: ${output}")
