# ND_PYTHON: a Python 3 interpreter that can import NumPy, the reference for the
# differential tests and the benchmarks. Debian's python3-numpy installs into the
# system interpreter, which may not be the first python3 on PATH, so every candidate
# is asked.
if(NOT ND_PYTHON)
  find_program(_nd_system_python NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
  find_program(_nd_path_python NAMES python3)
  foreach(candidate ${_nd_system_python} ${_nd_path_python})
    execute_process(COMMAND ${candidate} -c "import numpy"
                    RESULT_VARIABLE _nd_numpy_missing OUTPUT_QUIET ERROR_QUIET)
    if(_nd_numpy_missing EQUAL 0)
      set(ND_PYTHON ${candidate} CACHE FILEPATH "Python 3 with NumPy, for tests and benchmarks")
      break()
    endif()
  endforeach()
  if(NOT ND_PYTHON)
    message(FATAL_ERROR "No python3 with NumPy found; run scripts/install-deps.sh (python3-numpy)")
  endif()
endif()
