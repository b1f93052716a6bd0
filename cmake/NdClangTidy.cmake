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
#   PLUGIN              run Debian's clang-tidy-19 with --load=<installed NdTidyModule.so>
#                       instead of the installed nd-tidy. clang-tidy-19 is looked up on
#                       PATH; set ND_CLANG_TIDY_19 to choose another.
#
# Included by ndConfig.cmake, which sets ND_TIDY_EXECUTABLE and ND_TIDY_PLUGIN (the
# installed nd-tidy and plugin, or empty when they were not built) before including it.

set_property(GLOBAL PROPERTY ND_TIDY_EXECUTABLE "${ND_TIDY_EXECUTABLE}")
set_property(GLOBAL PROPERTY ND_TIDY_PLUGIN "${ND_TIDY_PLUGIN}")

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
    get_property(plugin GLOBAL PROPERTY ND_TIDY_PLUGIN)
    if(NOT plugin)
      message(FATAL_ERROR "nd_enable_checks(PLUGIN): this nd package has no clang-tidy "
                          "plugin (nd was built with ND_BUILD_CHECKS=OFF)")
    endif()
    find_program(ND_CLANG_TIDY_19 NAMES clang-tidy-19
                 DOC "clang-tidy 19, which loads the nd plugin (nd_enable_checks PLUGIN)")
    if(NOT ND_CLANG_TIDY_19)
      message(FATAL_ERROR "nd_enable_checks(PLUGIN): clang-tidy-19 not found; install "
                          "clang-tidy-19 or set ND_CLANG_TIDY_19 to its path")
    endif()
    set(command ${ND_CLANG_TIDY_19} --load=${plugin})
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
