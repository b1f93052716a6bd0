// Calling an nd function with the argument forms user code writes, for the reduction
// and statistics handlers (ops_reduce.cpp, ops_statistics.cpp).
#pragma once

#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "driver.hpp"

namespace diff {

// f(a...) as a result, or rejected_at_compile_time when that call does not compile.
template <class F, class... A>
any_array call(F f, const std::string& what, A&&... a) {
  if constexpr (std::is_invocable_v<F, A...>) return to_any(f(std::forward<A>(a)...));
  else throw rejected_at_compile_time(what + " does not compile with these arguments");
}

// g({axes...}): the axes as the braced list user code writes, nd::sum(a, {0, 2}).
template <class G>
any_array with_axis_list(const std::vector<long>& ax, G g) {
  auto i = [&](std::size_t k) { return static_cast<int>(ax[k]); };
  switch (ax.size()) {
    case 1: return g(std::initializer_list<int>{i(0)});
    case 2: return g(std::initializer_list<int>{i(0), i(1)});
    case 3: return g(std::initializer_list<int>{i(0), i(1), i(2)});
    case 4: return g(std::initializer_list<int>{i(0), i(1), i(2), i(3)});
    case 5: return g(std::initializer_list<int>{i(0), i(1), i(2), i(3), i(4)});
  }
  throw case_format_error("1 to 5 axes");
}

}  // namespace diff
