// How many threads nd's loops may use. The default is the number of CPUs this process
// may run on (its affinity mask, capped by a cgroup CPU quota), or ND_NUM_THREADS from
// the environment. Results are bit-for-bit the same for every thread count.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

namespace nd {

// Sets the number of threads later calls may use (1: everything runs on the calling
// thread). Throws nd::value_error for n < 1.
void set_num_threads(int n);

// The number of threads calls may use.
int get_num_threads();

}  // namespace nd
