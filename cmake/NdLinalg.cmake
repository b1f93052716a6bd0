# The libraries behind the runtime's linear algebra: OpenBLAS (CBLAS, and the LAPACK it
# bundles) and LAPACKE, Debian's libopenblas-dev and liblapacke-dev. Defines the
# imported target nd::linalg_libs. The runtime links it; as libnd.a is static, the
# installed ndConfig.cmake includes this file too, so that a consumer's link line gets
# the same libraries.
if(TARGET nd::linalg_libs)
  return()
endif()

# OpenBLAS's own cblas.h (it declares openblas_set_num_threads; the reference CBLAS
# header does not), found under the multiarch directory of the pthread variant first.
find_path(ND_CBLAS_INCLUDE_DIR cblas.h PATH_SUFFIXES openblas-pthread openblas)
find_path(ND_LAPACKE_INCLUDE_DIR lapacke.h)
find_library(ND_OPENBLAS_LIBRARY NAMES openblas)
find_library(ND_LAPACKE_LIBRARY NAMES lapacke)

set(_nd_linalg_missing "")
foreach(_nd_var ND_CBLAS_INCLUDE_DIR ND_LAPACKE_INCLUDE_DIR ND_OPENBLAS_LIBRARY ND_LAPACKE_LIBRARY)
  if(NOT ${_nd_var})
    list(APPEND _nd_linalg_missing ${_nd_var})
  endif()
endforeach()
if(_nd_linalg_missing)
  message(FATAL_ERROR "nd: OpenBLAS and LAPACKE not found (${_nd_linalg_missing}); on Debian install "
                      "libopenblas-dev and liblapacke-dev (scripts/install-deps.sh does)")
endif()
unset(_nd_linalg_missing)
unset(_nd_var)

add_library(nd::linalg_libs INTERFACE IMPORTED)
# LAPACKE before OpenBLAS: LAPACKE calls the LAPACK routines OpenBLAS provides.
set_target_properties(nd::linalg_libs PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${ND_CBLAS_INCLUDE_DIR};${ND_LAPACKE_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${ND_LAPACKE_LIBRARY};${ND_OPENBLAS_LIBRARY}")
