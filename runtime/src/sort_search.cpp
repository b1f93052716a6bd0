// Searching and counting over sorted runs: nd::searchsorted's binary searches (threads
// across the searched values) and nd::unique's compaction. The order is NumPy's sort
// order, NaN last: `less(a, b)` is a < b, or b is NaN and a is not.
#include <algorithm>
#include <cstdint>
#include <string>

#include "nd/sort.hpp"
#include "parallel.hpp"

namespace nd::detail {

namespace {

template <class T>
bool less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return a < b || (b != b && a == a);
  else return a < b;
}

template <class T>
bool same(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return a == b || (a != a && b != b);
  else return a == b;
}

template <class T>
void searchsorted_typed(index_t n, const T* a, index_t m, const T* v, bool right, std::int64_t* out) {
  // A binary search reads log2(n) elements: about 20 for a million.
  const index_t tasks = std::min(m, tasks_for(m * 16, 256));
  parallel_ranges(m, tasks, [&](index_t first, index_t last) {
    for (index_t i = first; i < last; ++i) {
      const T x = v[i];
      const T* at = right ? std::upper_bound(a, a + n, x, [](T p, T q) { return less(p, q); })
                          : std::lower_bound(a, a + n, x, [](T p, T q) { return less(p, q); });
      out[i] = at - a;
    }
  });
}

template <class T>
index_t unique_typed(index_t n, T* p, std::int64_t* counts) {
  if (n == 0) return 0;
  index_t w = 0, start = 0;
  for (index_t i = 1; i <= n; ++i) {
    if (i < n && same(p[i], p[w])) continue;
    if (counts) counts[w] = i - start;
    if (i < n) p[++w] = p[i];
    start = i;
  }
  return w + 1;
}

template <class F>
auto dispatch(dtype t, F&& f) {
  switch (t) {
    case dtype::bool_: return f(static_cast<bool*>(nullptr));
    case dtype::int32: return f(static_cast<std::int32_t*>(nullptr));
    case dtype::int64: return f(static_cast<std::int64_t*>(nullptr));
    case dtype::float32: return f(static_cast<float*>(nullptr));
    case dtype::float64: break;
  }
  return f(static_cast<double*>(nullptr));
}

}  // namespace

void run_searchsorted(dtype t, index_t n, const void* a, index_t m, const void* v, bool right, std::int64_t* out) {
  if (m == 0) return;
  dispatch(t, [&]<class T>(T*) {
    searchsorted_typed(n, static_cast<const T*>(a), m, static_cast<const T*>(v), right, out);
  });
}

index_t run_unique_sorted(dtype t, index_t n, void* data, std::int64_t* counts) {
  return dispatch(t, [&]<class T>(T*) { return unique_typed(n, static_cast<T*>(data), counts); });
}

bool parse_side(std::string_view side) {
  if (side == "left") return false;
  if (side == "right") return true;
  throw value_error("search side must be 'left' or 'right' (got '" + std::string(side) + "')");
}

}  // namespace nd::detail
