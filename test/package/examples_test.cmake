# The article's three examples (docs/examples/), fixed by each installed plugin in the
# clang-tidy of its own LLVM version: every version must report the same nd findings
# and produce byte-identical fixed files, and each example must be changed by the fixes.
# Run by ctest with `cmake -P` (test/package/CMakeLists.txt passes the -D variables):
#
#   PREFIX        the installed prefix holding lib/nd/llvm-<major>/NdTidyModule.so
#   LIBDIR        its library directory, relative to PREFIX
#   EXAMPLES_DIR  docs/examples/
#   WORK_DIR      where the copies are fixed (one directory per version)
#   CLANG_TIDIES  "<major>=<clang-tidy>|<major>=<clang-tidy>..."; the first is the
#                 reference the others are compared with
cmake_minimum_required(VERSION 3.20)

foreach(var PREFIX LIBDIR EXAMPLES_DIR WORK_DIR CLANG_TIDIES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "examples_test.cmake: -D${var}=... is required")
  endif()
endforeach()

file(GLOB examples RELATIVE ${EXAMPLES_DIR} ${EXAMPLES_DIR}/*.cpp)
list(LENGTH examples count)
if(count LESS 3)
  message(FATAL_ERROR "expected the article's three examples in ${EXAMPLES_DIR}, found: ${examples}")
endif()

# Fixes every example with the plugin of <major> in <clang_tidy>; sets <out_var> to the
# diagnostics, one per line, with the work directory's path removed.
function(fix_examples major clang_tidy out_var)
  set(dir ${WORK_DIR}/llvm-${major})
  file(REMOVE_RECURSE ${dir})
  file(MAKE_DIRECTORY ${dir})
  set(plugin ${PREFIX}/${LIBDIR}/nd/llvm-${major}/NdTidyModule.so)
  if(NOT EXISTS ${plugin})
    message(FATAL_ERROR "no installed plugin for LLVM ${major}: ${plugin}")
  endif()
  set(diagnostics "")
  foreach(example ${examples})
    file(COPY ${EXAMPLES_DIR}/${example} DESTINATION ${dir})
    execute_process(
      COMMAND ${clang_tidy} --load=${plugin} --checks=-*,nd-* --fix --config={}
              ${dir}/${example} -- -std=c++20 -I ${PREFIX}/include
      OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "clang-tidy ${major} on ${example} exited with ${status}:\n"
                          "${output}${errors}")
    endif()
    string(REPLACE "${dir}/" "" output "${output}")
    string(REGEX MATCHALL "[^\n]*: (warning|error|note): [^\n]*" lines "${output}")
    if(NOT lines)
      message(FATAL_ERROR "clang-tidy ${major} reports nothing on ${example}:\n${output}${errors}")
    endif()
    string(JOIN "\n" lines ${lines})
    string(APPEND diagnostics "${lines}\n")
    file(READ ${EXAMPLES_DIR}/${example} original)
    file(READ ${dir}/${example} fixed)
    if(fixed STREQUAL original)
      message(FATAL_ERROR "clang-tidy ${major} did not fix ${example}:\n${output}")
    endif()
  endforeach()
  message(STATUS "clang-tidy ${major} (${clang_tidy}) with ${plugin}:\n${diagnostics}")
  set(${out_var} "${diagnostics}" PARENT_SCOPE)
endfunction()

string(REPLACE "|" ";" clang_tidies "${CLANG_TIDIES}")
set(reference "")
foreach(entry ${clang_tidies})
  string(REGEX MATCH "^([0-9]+)=(.+)$" _ "${entry}")
  set(major ${CMAKE_MATCH_1})
  fix_examples(${major} ${CMAKE_MATCH_2} diagnostics)
  if(NOT reference)
    set(reference ${major})
    set(reference_diagnostics "${diagnostics}")
    continue()
  endif()
  if(NOT diagnostics STREQUAL reference_diagnostics)
    message(FATAL_ERROR "clang-tidy ${major} reports differently from clang-tidy "
      "${reference}:\n--- ${reference}\n${reference_diagnostics}--- ${major}\n${diagnostics}")
  endif()
  foreach(example ${examples})
    file(READ ${WORK_DIR}/llvm-${reference}/${example} reference_fixed)
    file(READ ${WORK_DIR}/llvm-${major}/${example} fixed)
    if(NOT fixed STREQUAL reference_fixed)
      message(FATAL_ERROR "clang-tidy ${major} fixes ${example} differently from clang-tidy "
        "${reference}: compare ${WORK_DIR}/llvm-${reference}/${example} and "
        "${WORK_DIR}/llvm-${major}/${example}")
    endif()
  endforeach()
  message(STATUS "clang-tidy ${major} fixes ${examples} exactly as clang-tidy ${reference}")
endforeach()
