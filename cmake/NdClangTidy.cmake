# nd_enable_checks(<target> [CHECKS <glob>...] [WARNINGS_AS_ERRORS] [PLUGIN])
#
# Runs the nd clang-tidy checks on the sources of <target> as it builds, through CMake's
# <LANG>_CLANG_TIDY property (set for C and CXX, whichever the project enabled). The
# diagnostics appear in the build log, on the line of the compiler's own warnings.
#
#   CHECKS <glob>...    the checks to run, as clang-tidy globs (`nd-*`, `modernize-*`,
#                       `-nd-elementwise-loop`); default `nd-*`. Only these run: the list
#                       is passed as --checks=-*,<glob>,...
#   WARNINGS_AS_ERRORS  a finding of those checks fails the compilation of its file
#                       (--warnings-as-errors with the same globs).
#   PLUGIN              run clang-tidy with --load=<installed NdTidyModule.so> instead of
#                       the installed nd-tidy: the clang-tidy in the cache variable
#                       ND_CLANG_TIDY, by default the first of clang-tidy-<major> (for the
#                       installed plugins, newest first) and clang-tidy found on PATH.
#                       The plugin of its LLVM major version is loaded; a clang-tidy of a
#                       version with no installed plugin stops the configuration.
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

function(nd_enable_checks target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "WARNINGS_AS_ERRORS;PLUGIN" "" "CHECKS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "nd_enable_checks: unexpected arguments '${ARG_UNPARSED_ARGUMENTS}' "
                        "(usage: nd_enable_checks(<target> [CHECKS <glob>...] "
                        "[WARNINGS_AS_ERRORS] [PLUGIN]))")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "nd_enable_checks: '${target}' is not a target")
  endif()
  if("CHECKS" IN_LIST ARG_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "nd_enable_checks: CHECKS needs at least one glob")
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
