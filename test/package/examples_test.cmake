# The article's three examples (docs/examples/), fixed by each installed plugin in the
# clang-tidy of its own LLVM version (and by the installed nd-tidy, with ND_TIDY): every
# one must report the same nd findings and produce byte-identical fixed files, and each
# example must be changed by the fixes.
# Run by ctest with `cmake -P` (test/package/CMakeLists.txt passes the -D variables):
#
#   PREFIX        the installed prefix holding lib/nd/llvm-<major>/NdTidyModule.so
#   LIBDIR        its library directory, relative to PREFIX
#   EXAMPLES_DIR  docs/examples/
#   WORK_DIR      where the copies are fixed (one directory per version)
#   CLANG_TIDIES  "<major>=<clang-tidy>|<major>=<clang-tidy>..."; the first is the
#                 reference the others are compared with
#   ND_TIDY       optional: the installed nd-tidy, compared with the reference too
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

# Fixes every example in WORK_DIR/<name> with <command>... (a clang-tidy with --load of
# a plugin, or nd-tidy); sets <out_var> to the diagnostics, one per line, with the work
# directory's path removed.
function(fix_examples name out_var)
  set(command ${ARGN})
  set(dir ${WORK_DIR}/${name})
  file(REMOVE_RECURSE ${dir})
  file(MAKE_DIRECTORY ${dir})
  set(diagnostics "")
  foreach(example ${examples})
    file(COPY ${EXAMPLES_DIR}/${example} DESTINATION ${dir})
    execute_process(
      COMMAND ${command} --checks=-*,nd-* --fix --config={}
              ${dir}/${example} -- -std=c++20 -I ${PREFIX}/include
      OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "${name} on ${example} exited with ${status}:\n${output}${errors}")
    endif()
    string(REPLACE "${dir}/" "" output "${output}")
    string(REGEX MATCHALL "[^\n]*: (warning|error|note): [^\n]*" lines "${output}")
    if(NOT lines)
      message(FATAL_ERROR "${name} reports nothing on ${example}:\n${output}${errors}")
    endif()
    string(JOIN "\n" lines ${lines})
    string(APPEND diagnostics "${lines}\n")
    file(READ ${EXAMPLES_DIR}/${example} original)
    file(READ ${dir}/${example} fixed)
    if(fixed STREQUAL original)
      message(FATAL_ERROR "${name} did not fix ${example}:\n${output}")
    endif()
  endforeach()
  message(STATUS "${name} (${command}):\n${diagnostics}")
  set(${out_var} "${diagnostics}" PARENT_SCOPE)
endfunction()

# The front ends, as "<name>=<command>", the command's words separated by commas.
string(REPLACE "|" ";" clang_tidies "${CLANG_TIDIES}")
set(front_ends "")
foreach(entry ${clang_tidies})
  string(REGEX MATCH "^([0-9]+)=(.+)$" _ "${entry}")
  set(plugin ${PREFIX}/${LIBDIR}/nd/llvm-${CMAKE_MATCH_1}/NdTidyModule.so)
  if(NOT EXISTS ${plugin})
    message(FATAL_ERROR "no installed plugin for LLVM ${CMAKE_MATCH_1}: ${plugin}")
  endif()
  list(APPEND front_ends "llvm-${CMAKE_MATCH_1}=${CMAKE_MATCH_2},--load=${plugin}")
endforeach()
if(DEFINED ND_TIDY)
  list(APPEND front_ends "nd-tidy=${ND_TIDY}")
endif()

set(reference "")
foreach(entry ${front_ends})
  string(REGEX MATCH "^([^=]+)=(.+)$" _ "${entry}")
  set(name ${CMAKE_MATCH_1})
  string(REPLACE "," ";" command "${CMAKE_MATCH_2}")
  fix_examples(${name} diagnostics ${command})
  if(NOT reference)
    set(reference ${name})
    set(reference_diagnostics "${diagnostics}")
    continue()
  endif()
  if(NOT diagnostics STREQUAL reference_diagnostics)
    message(FATAL_ERROR "${name} reports differently from ${reference}:\n"
      "--- ${reference}\n${reference_diagnostics}--- ${name}\n${diagnostics}")
  endif()
  foreach(example ${examples})
    file(READ ${WORK_DIR}/${reference}/${example} reference_fixed)
    file(READ ${WORK_DIR}/${name}/${example} fixed)
    if(NOT fixed STREQUAL reference_fixed)
      message(FATAL_ERROR "${name} fixes ${example} differently from ${reference}: compare "
        "${WORK_DIR}/${reference}/${example} and ${WORK_DIR}/${name}/${example}")
    endif()
  endforeach()
  message(STATUS "${name} fixes ${examples} exactly as ${reference}")
endforeach()
