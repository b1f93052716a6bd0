// Sorting rows (nd::sort, nd::argsort): every row of a C-contiguous buffer is sorted on
// its own, threads taking ranges of rows; a row's result does not depend on which
// thread sorts it, so every thread count gives the same bits.
//
// Values are sorted with Highway's vqsort (hwy/contrib/sort, dispatched at run time to
// the CPU's widest vectors). It orders floats by `<`, which leaves NaN undefined and
// -0.0 equal to 0.0, and Highway 1.0.3's turns ±inf into ±max (measured: its padding
// sentinels), so vqsort gets only the finite values of a float row: one pass takes
// the NaNs aside in their order (NumPy sorts NaN last) and counts infinities and -0.0;
// after the sort the row is laid out as -inf, finite values, +inf, NaNs, with the run
// of zeros rewritten as that many -0.0 followed by 0.0 (vqsort's min/max networks may
// turn one zero into the other). NumPy leaves the order of -0.0 and 0.0 to its
// quicksort; nd's is fixed.
//
// argsort is stable: each element becomes an integer key whose unsigned order is
// NumPy's order (NaN last and all NaNs equal, -0.0 equal to 0.0), with the element's
// index below it, and vqsort sorts those wider integers: equal keys then come in index
// order, which is what a stable sort gives.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "hwy/contrib/sort/vqsort.h"
#include "nd/sort.hpp"
#include "parallel.hpp"

namespace nd::detail {

namespace {

constexpr index_t max_tasks = 256;

// What a float row holds besides the finite values vqsort is given.
struct specials {
  index_t negative_inf = 0, positive_inf = 0, negative_zeros = 0;
};

// Moves the finite values of p[0, n) to the front (their count is returned) and the
// NaNs, in their order, into `nans`; counts infinities and -0.0.
template <class T>
index_t take_finite(T* p, index_t n, specials& sp, std::vector<T>& nans) {
  nans.clear();
  sp = {};
  index_t w = 0;
  for (index_t i = 0; i < n; ++i) {
    const T v = p[i];
    if (v != v) nans.push_back(v);
    else if (v == std::numeric_limits<T>::infinity()) ++sp.positive_inf;
    else if (v == -std::numeric_limits<T>::infinity()) ++sp.negative_inf;
    else {
      if (v == T(0) && std::signbit(v)) ++sp.negative_zeros;
      p[w++] = v;
    }
  }
  return w;
}

// After the m finite values at the front are sorted: the zeros as -0.0 then 0.0, and
// the row laid out as -inf..., finite..., +inf..., NaN... (NumPy's order).
template <class T>
void place_specials(T* p, index_t m, const specials& sp, const std::vector<T>& nans) {
  T* first = std::lower_bound(p, p + m, T(0));
  T* last = std::upper_bound(first, p + m, T(0));
  for (T* z = first; z != last; ++z) *z = z - first < sp.negative_zeros ? T(-0.0) : T(0);
  constexpr T inf = std::numeric_limits<T>::infinity();
  if (sp.negative_inf) std::memmove(p + sp.negative_inf, p, sizeof(T) * static_cast<std::size_t>(m));
  std::fill(p, p + sp.negative_inf, -inf);
  T* pos = p + sp.negative_inf + m;
  std::fill(pos, pos + sp.positive_inf, inf);
  std::copy(nans.begin(), nans.end(), pos + sp.positive_inf);
}

template <class T>
void sort_row(const hwy::Sorter& sorter, T* p, index_t n, std::vector<T>& nans) {
  if constexpr (std::is_same_v<T, bool>) {
    const index_t falses = std::count(p, p + n, false);
    std::fill(p, p + falses, false);
    std::fill(p + falses, p + n, true);
  } else if constexpr (std::is_floating_point_v<T>) {
    specials sp;
    const index_t m = take_finite(p, n, sp, nans);
    sorter(p, static_cast<std::size_t>(m), hwy::SortAscending());
    place_specials(p, m, sp, nans);
  } else {
    sorter(p, static_cast<std::size_t>(n), hwy::SortAscending());
  }
}

template <class T>
void sort_rows(index_t rows, index_t n, T* data) {
  const index_t tasks = std::min(rows, tasks_for(rows * n, max_tasks));
  parallel_ranges(rows, tasks, [&](index_t first, index_t last) {
    const hwy::Sorter sorter;
    std::vector<T> nans;
    for (index_t r = first; r < last; ++r) sort_row(sorter, data + r * n, n, nans);
  });
}

// ---- argsort keys ----------------------------------------------------------------

// The unsigned key of a value: its order is NumPy's sort order, with -0.0 equal to 0.0
// and every NaN equal and last.
template <class T>
auto order_key(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    if (v != v) return std::numeric_limits<U>::max();
    if (v == T(0)) v = T(0);
    U bits;
    std::memcpy(&bits, &v, sizeof bits);
    constexpr U sign = U(1) << (8 * sizeof(U) - 1);
    return (bits & sign) ? U(~bits) : U(bits | sign);
  } else {
    using U = std::make_unsigned_t<T>;
    return static_cast<U>(static_cast<U>(v) ^ (U(1) << (8 * sizeof(U) - 1)));
  }
}

// Stable argsort of one row of n values into out, as int64 indices.
template <class T>
void argsort_row(const hwy::Sorter& sorter, const T* p, index_t n, std::int64_t* out, std::vector<std::uint64_t>& k64,
                 std::vector<hwy::uint128_t>& k128) {
  if constexpr (std::is_same_v<T, bool>) {
    index_t w = 0;
    for (index_t i = 0; i < n; ++i)
      if (!p[i]) out[w++] = i;
    for (index_t i = 0; i < n; ++i)
      if (p[i]) out[w++] = i;
  } else if constexpr (sizeof(T) == 4) {
    if (n > index_t{0xFFFFFFFF}) {  // the index does not fit below a 32-bit key
      k128.resize(static_cast<std::size_t>(n));
      for (index_t i = 0; i < n; ++i)
        k128[static_cast<std::size_t>(i)] = {static_cast<std::uint64_t>(i), order_key(p[i])};
      sorter(k128.data(), k128.size(), hwy::SortAscending());
      for (index_t i = 0; i < n; ++i) out[i] = static_cast<std::int64_t>(k128[static_cast<std::size_t>(i)].lo);
      return;
    }
    k64.resize(static_cast<std::size_t>(n));
    for (index_t i = 0; i < n; ++i)
      k64[static_cast<std::size_t>(i)] = (std::uint64_t{order_key(p[i])} << 32) | static_cast<std::uint64_t>(i);
    sorter(k64.data(), k64.size(), hwy::SortAscending());
    for (index_t i = 0; i < n; ++i) out[i] = static_cast<std::int64_t>(k64[static_cast<std::size_t>(i)] & 0xFFFFFFFFu);
  } else {
    k128.resize(static_cast<std::size_t>(n));
    for (index_t i = 0; i < n; ++i)
      k128[static_cast<std::size_t>(i)] = {static_cast<std::uint64_t>(i), order_key(p[i])};
    sorter(k128.data(), k128.size(), hwy::SortAscending());
    for (index_t i = 0; i < n; ++i) out[i] = static_cast<std::int64_t>(k128[static_cast<std::size_t>(i)].lo);
  }
}

template <class T>
void argsort_rows(index_t rows, index_t n, const T* data, std::int64_t* out) {
  const index_t tasks = std::min(rows, tasks_for(rows * n, max_tasks));
  parallel_ranges(rows, tasks, [&](index_t first, index_t last) {
    const hwy::Sorter sorter;
    std::vector<std::uint64_t> k64;
    std::vector<hwy::uint128_t> k128;
    for (index_t r = first; r < last; ++r) argsort_row(sorter, data + r * n, n, out + r * n, k64, k128);
  });
}

template <class F>
void dispatch(dtype t, void* data, F&& f) {
  switch (t) {
    case dtype::bool_: return f(static_cast<bool*>(data));
    case dtype::int32: return f(static_cast<std::int32_t*>(data));
    case dtype::int64: return f(static_cast<std::int64_t*>(data));
    case dtype::float32: return f(static_cast<float*>(data));
    case dtype::float64: return f(static_cast<double*>(data));
  }
}

}  // namespace

void run_sort_rows(dtype t, index_t rows, index_t n, void* data) {
  if (rows == 0 || n < 2) return;
  dispatch(t, data, [&](auto* p) { sort_rows(rows, n, p); });
}

void run_argsort_rows(dtype t, index_t rows, index_t n, const void* data, std::int64_t* out) {
  if (rows == 0 || n == 0) return;
  dispatch(t, const_cast<void*>(data), [&](auto* p) { argsort_rows(rows, n, p, out); });
}

}  // namespace nd::detail
