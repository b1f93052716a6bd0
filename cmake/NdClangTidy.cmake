# nd_enable_checks(<target> [CHECKS <glob>...] [HEADER_FILTER <regex>]
#                  [WARNINGS_AS_ERRORS] [PLUGIN])
#
# Runs the nd clang-tidy checks on the sources of <target> as it builds, through CMake's
# <LANG>_CLANG_TIDY property (set for C and CXX, whichever the project enabled). The
# diagnostics appear in the build log, on the line of the compiler's own warnings.
#
#   CHECKS <glob>...    the checks to run, as clang-tidy globs (`nd-*`, `modernize-*`,
#                       `-nd-elementwise-loop`); default `nd-*`. Only these run: the list
#                       is passed as --checks=-*,<glob>,...
#   HEADER_FILTER <regex>  the headers whose findings are shown, passed as
#                       --header-filter=<regex> (a POSIX extended regex on the header's
#                       path; "" shows none). Default: not passed, so the tool's own
#                       default: no header in LLVM 19, every non-system header in 22
#                       (clang-tidy 22 reads a HeaderFilterRegex of the sources'
#                       .clang-tidy; 19 reads it from the build directory's, not theirs:
#                       llvm-project#118009).
#   WARNINGS_AS_ERRORS  a finding of those checks fails the compilation of its file
#                       (--warnings-as-errors with the same globs).
#   PLUGIN              run clang-tidy with --load=<installed NdTidyModule.so> instead of
#                       the installed nd-tidy: the clang-tidy in the cache variable
#                       ND_CLANG_TIDY, by default the first of clang-tidy-<major> (for the
#                       installed plugins, newest first) and clang-tidy found on PATH.
#                       The plugin of its LLVM major version is loaded; a clang-tidy of a
#                       version with no installed plugin stops the configuration.
#
# The configuration stops, too, when the chosen tool rejects the selection or the
# .clang-tidy files that apply to the target's sources: an unknown check, a glob that
# matches no check, an unknown check option, a file that does not parse
# (_nd_verify_checks). Otherwise such a typo would pass, checking nothing.
#
# Included by ndConfig.cmake, which sets ND_TIDY_EXECUTABLE (the installed nd-tidy, or
# empty when it was not built), ND_TIDY_PLUGIN_VERSIONS and ND_TIDY_PLUGIN_<major> (the
# installed plugins) before including it.

set_property(GLOBAL PROPERTY ND_TIDY_EXECUTABLE "${ND_TIDY_EXECUTABLE}")
set_property(GLOBAL PROPERTY ND_TIDY_PLUGIN_VERSIONS "${ND_TIDY_PLUGIN_VERSIONS}")
foreach(_nd_major ${ND_TIDY_PLUGIN_VERSIONS})
  set_property(GLOBAL PROPERTY ND_TIDY_PLUGIN_${_nd_major} "${ND_TIDY_PLUGIN_${_nd_major}}")
endforeach()
unset(_nd_major)

# The plugin for the clang-tidy that nd_enable_checks(PLUGIN) runs: sets <clang_tidy_var>
# to ND_CLANG_TIDY and <plugin_var> to the installed plugin of its LLVM major version.
# A plugin works only in the clang-tidy it was built for (another one fails with
# undefined symbols), so a version without a plugin is refused here, by name.
function(_nd_plugin_for_clang_tidy clang_tidy_var plugin_var)
  get_property(versions GLOBAL PROPERTY ND_TIDY_PLUGIN_VERSIONS)
  if(NOT versions)
    message(FATAL_ERROR "nd_enable_checks(PLUGIN): this nd package has no clang-tidy "
                        "plugin (nd was built with ND_BUILD_CHECKS=OFF)")
  endif()
  set(names "")
  foreach(major ${versions})
    list(PREPEND names clang-tidy-${major})
  endforeach()
  find_program(ND_CLANG_TIDY NAMES ${names} clang-tidy NAMES_PER_DIR
               DOC "clang-tidy that loads the nd plugin (nd_enable_checks PLUGIN)")
  string(REPLACE ";" ", " versions_text "${versions}")
  if(NOT ND_CLANG_TIDY)
    message(FATAL_ERROR "nd_enable_checks(PLUGIN): no clang-tidy found (looked for "
                        "${names} and clang-tidy); install clang-tidy ${versions_text} or "
                        "set ND_CLANG_TIDY to its path")
  endif()
  execute_process(COMMAND ${ND_CLANG_TIDY} --version OUTPUT_VARIABLE version_output
                  ERROR_VARIABLE version_output RESULT_VARIABLE status)
  if(NOT status EQUAL 0 OR NOT version_output MATCHES "LLVM version ([0-9]+)\\.[0-9.]+")
    message(FATAL_ERROR "nd_enable_checks(PLUGIN): '${ND_CLANG_TIDY} --version' does not "
                        "name an LLVM version (exit status ${status}):\n${version_output}")
  endif()
  set(major ${CMAKE_MATCH_1})
  get_property(plugin GLOBAL PROPERTY ND_TIDY_PLUGIN_${major})
  if(NOT plugin)
    message(FATAL_ERROR "nd_enable_checks(PLUGIN): ${ND_CLANG_TIDY} is clang-tidy "
                        "${major}, but this nd package has the plugin only for LLVM "
                        "${versions_text}, and a plugin works only in the clang-tidy of "
                        "its own version. Set ND_CLANG_TIDY to clang-tidy ${versions_text}, "
                        "or install nd built with -DND_LLVM_VERSION=${major} into this prefix.")
  endif()
  message(STATUS "nd_enable_checks(PLUGIN): clang-tidy ${major} (${ND_CLANG_TIDY}) with "
                 "${plugin}")
  set(${clang_tidy_var} "${ND_CLANG_TIDY}" PARENT_SCOPE)
  set(${plugin_var} "${plugin}" PARENT_SCOPE)
endfunction()

# The directories of <target>'s sources (known when nd_enable_checks is called, without
# generator expressions), or its source directory: each has the .clang-tidy files that
# apply to the sources in it.
function(_nd_source_dirs target out_var)
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(sources ${target} SOURCES)
  set(dirs "")
  foreach(source ${sources})
    if(source MATCHES "\\$<")
      continue()
    endif()
    get_filename_component(path "${source}" ABSOLUTE BASE_DIR ${source_dir})
    get_filename_component(dir "${path}" DIRECTORY)
    list(APPEND dirs "${dir}")
  endforeach()
  if(NOT dirs)
    set(dirs ${source_dir})
  endif()
  list(REMOVE_DUPLICATES dirs)
  set(${out_var} ${dirs} PARENT_SCOPE)
endfunction()

# Every .clang-tidy from <dir> up to the root re-runs the configuration when it
# changes, so that an edited file is verified again before the next build.
function(_nd_watch_clang_tidy_files dir)
  while(TRUE)
    if(EXISTS "${dir}/.clang-tidy")
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${dir}/.clang-tidy")
    endif()
    get_filename_component(parent "${dir}" DIRECTORY)
    if(parent STREQUAL dir OR NOT parent)
      break()
    endif()
    set(dir "${parent}")
  endwhile()
endfunction()

# Asks the tool <command> (nd-tidy or clang-tidy --load, with the --checks it will run)
# whether it accepts the selection and the .clang-tidy files of each source directory
# of <target>. --verify-config names unknown checks, globs matching no check and unknown
# options, on the command line and in the files, and prints a file that does not parse
# on stderr (exit status 0 in clang-tidy); --list-checks fails on a selection that
# enables no check (`CHECKS -nd-*`). The probe file need not exist: only its directory
# is looked at.
function(_nd_verify_checks target command)
  _nd_source_dirs(${target} dirs)
  foreach(dir ${dirs})
    _nd_watch_clang_tidy_files("${dir}")
    set(probe "${dir}/nd_enable_checks_probe.cpp")
    execute_process(COMMAND ${command} --verify-config ${probe} --
                    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
    if(status EQUAL 0)
      execute_process(COMMAND ${command} --list-checks ${probe} --
                      OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
    endif()
    if(NOT status EQUAL 0 OR NOT err STREQUAL "")
      if(err STREQUAL "")
        set(err "${out}")
      endif()
      string(REPLACE " [-verify-config]" "" err "${err}")
      string(REPLACE ": warning: " ": " err "${err}")
      string(REPLACE "command-line option '-checks'" "CHECKS (--checks)" err "${err}")
      list(GET command 0 tool)
      message(FATAL_ERROR "nd_enable_checks(${target}): ${tool} rejects the checks or the "
        ".clang-tidy configuration for ${dir} (exit status ${status}):\n${err}")
    endif()
  endforeach()
endfunction()

function(nd_enable_checks target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "WARNINGS_AS_ERRORS;PLUGIN" "HEADER_FILTER" "CHECKS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "nd_enable_checks: unexpected arguments '${ARG_UNPARSED_ARGUMENTS}' "
                        "(usage: nd_enable_checks(<target> [CHECKS <glob>...] "
                        "[HEADER_FILTER <regex>] [WARNINGS_AS_ERRORS] [PLUGIN]))")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "nd_enable_checks: '${target}' is not a target")
  endif()
  if("CHECKS" IN_LIST ARG_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "nd_enable_checks: CHECKS needs at least one glob")
  endif()
  if("HEADER_FILTER" IN_LIST ARG_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "nd_enable_checks: HEADER_FILTER needs a regex (\"\" shows no header)")
  endif()

  set(globs nd-*)
  if(ARG_CHECKS)
    set(globs ${ARG_CHECKS})
  endif()
  foreach(glob ${globs})
    if(glob MATCHES "[, \t]")
      message(FATAL_ERROR "nd_enable_checks: give one glob per CHECKS argument, not '${glob}'")
    endif()
  endforeach()
  string(JOIN "," checks "-*" ${globs})

  if(ARG_PLUGIN)
    _nd_plugin_for_clang_tidy(clang_tidy plugin)
    set(command ${clang_tidy} --load=${plugin})
  else()
    get_property(nd_tidy GLOBAL PROPERTY ND_TIDY_EXECUTABLE)
    if(NOT nd_tidy)
      message(FATAL_ERROR "nd_enable_checks: this nd package has no nd-tidy (nd was built "
                          "with ND_BUILD_ND_TIDY=OFF); build it, or pass PLUGIN")
    endif()
    set(command ${nd_tidy})
  endif()
  list(APPEND command --checks=${checks})
  if(ARG_WARNINGS_AS_ERRORS)
    list(APPEND command --warnings-as-errors=${checks})
  endif()
  # HEADER_FILTER "" leaves the variable undefined (before CMake's policy CMP0174) but
  # is not a missing value: it is the empty regex, which shows no header.
  if(DEFINED ARG_HEADER_FILTER OR "HEADER_FILTER" IN_LIST ARGN)
    list(APPEND command "--header-filter=${ARG_HEADER_FILTER}")
  endif()
  _nd_verify_checks(${target} "${command}")

  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  set(applied "")
  foreach(lang C CXX)
    if(lang IN_LIST languages)
      set_property(TARGET ${target} PROPERTY ${lang}_CLANG_TIDY "${command}")
      list(APPEND applied ${lang})
    endif()
  endforeach()
  if(NOT applied)
    message(FATAL_ERROR "nd_enable_checks: the project enables neither C nor CXX")
  endif()
endfunction()
