// The thread policy of the BLAS and LAPACK calls (linalg_backend.hpp).
#include "linalg_backend.hpp"

// OpenBLAS's own functions (declared here rather than taken from cblas.h, which is
// also the header of other CBLAS implementations).
extern "C" {
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
}

namespace nd::detail {

void use_single_threaded_blas() {
  if (openblas_get_num_threads() != 1) openblas_set_num_threads(1);
}

}  // namespace nd::detail
