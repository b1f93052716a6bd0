# nd_precompile_headers(<target> <header>...): the target's sources share one precompiled
# parse of the given headers. The checks and nd-tidy include clang's and LLVM's large
# headers in nearly every source; in a fresh build (CI, a new checkout) parsing them is
# about half of each source's compile time.
#
# A build through a compiler cache (CMAKE_CXX_COMPILER_LAUNCHER) goes without: ccache
# does not cache sources compiled with a precompiled header unless it is configured for
# them, and a warm cache is faster still. -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON turns it
# off as well (to see that every source includes what it uses).
function(nd_precompile_headers target)
  if(NOT CMAKE_CXX_COMPILER_LAUNCHER)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()
