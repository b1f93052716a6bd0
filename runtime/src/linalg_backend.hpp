// What the BLAS and LAPACK calls of the runtime share (linalg_blas.cpp,
// linalg_lapack.cpp): the thread policy.
//
// OpenBLAS's results depend on its own thread count (it cuts a product among its threads
// at points that depend on the count, and an element computed at the edge of a kernel
// tile sums in another order than one inside). nd's results must not depend on the
// thread count, so OpenBLAS always runs on one thread, and nd parallelises itself: a
// product is cut into tiles whose bounds depend only on the operands' shapes, each
// tile one single-threaded BLAS call, run on nd's pool (docs/runtime.md, "Linear
// algebra"). This also keeps OpenBLAS's threads from competing with nd's.
#pragma once

namespace nd::detail {

// Sets OpenBLAS to one thread if it is not (the program may have changed it). Called
// before every BLAS or LAPACK call.
void use_single_threaded_blas();

}  // namespace nd::detail
