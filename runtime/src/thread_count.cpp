// The default thread count: the CPUs this process may run on (its affinity mask),
// capped by a cgroup CPU quota (a container limited to 2.5 CPUs gets 3 threads).
#include <sched.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

namespace nd::detail {

namespace {

int affinity_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return 0;
  return CPU_COUNT(&set);
}

// CPUs allowed by a quota "<quota> <period>" (cgroup v2's cpu.max); 0 for "max" or none.
int quota_cpus(const std::string& quota, const std::string& period) {
  if (quota.empty() || quota == "max" || quota == "-1") return 0;
  try {
    const double q = std::stod(quota), p = std::stod(period);
    if (q <= 0 || p <= 0) return 0;
    return static_cast<int>(std::ceil(q / p));
  } catch (...) {
    return 0;
  }
}

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// The smallest quota on the way from this process's cgroup to the root.
int cgroup_cpus() {
  int best = 0;
  auto take = [&](int n) {
    if (n > 0 && (best == 0 || n < best)) best = n;
  };
  std::ifstream self("/proc/self/cgroup");
  std::string line;
  while (std::getline(self, line)) {
    if (line.rfind("0::", 0) == 0) {  // cgroup v2
      std::string dir = line.substr(3);
      for (;;) {
        std::istringstream max(read_first_line("/sys/fs/cgroup" + dir + "/cpu.max"));
        std::string quota, period;
        max >> quota >> period;
        take(quota_cpus(quota, period));
        if (dir.empty() || dir == "/") break;
        dir = dir.substr(0, dir.find_last_of('/'));
      }
    }
  }
  // cgroup v1
  take(quota_cpus(read_first_line("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
                  read_first_line("/sys/fs/cgroup/cpu/cpu.cfs_period_us")));
  return best;
}

}  // namespace

int default_thread_count() {
  int n = affinity_cpus();
  if (n <= 0) n = 1;
  const int quota = cgroup_cpus();
  if (quota > 0 && quota < n) n = quota;
  return n;
}

}  // namespace nd::detail
