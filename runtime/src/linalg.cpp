// The matrix-product kernel behind nd::dot and nd::matmul, and their messages.
#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>

#include "nd/linalg.hpp"

namespace nd::detail {
namespace {

// Blocks sized so a block of B (kb rows x jb columns) stays in L2 while the rows of A
// stream past it.
constexpr index_t k_block = 256;
constexpr index_t j_block = 1024;

// Integers accumulate in the unsigned type of their width so overflow wraps (as NumPy's
// does) instead of being undefined behaviour.
template <class T>
struct accumulate {
  using type = T;
};
template <>
struct accumulate<std::int32_t> {
  using type = std::uint32_t;
};
template <>
struct accumulate<std::int64_t> {
  using type = std::uint64_t;
};
template <class T>
using accumulate_t = typename accumulate<T>::type;

}  // namespace

template <class T>
void matmul_kernel(const T* a, const T* b, T* c, index_t n, index_t k, index_t m) {
  using U = accumulate_t<T>;
  if (n * m > 0) std::memset(static_cast<void*>(c), 0, sizeof(T) * static_cast<std::size_t>(n * m));
  for (index_t kk = 0; kk < k; kk += k_block) {
    const index_t k_end = std::min(k, kk + k_block);
    for (index_t jj = 0; jj < m; jj += j_block) {
      const index_t j_end = std::min(m, jj + j_block);
      for (index_t i = 0; i < n; ++i) {
        T* crow = c + i * m;
        for (index_t p = kk; p < k_end; ++p) {
          const T av = a[i * k + p];
          const T* brow = b + p * m;
          if constexpr (std::is_same_v<T, bool>) {
            if (!av) continue;
            for (index_t j = jj; j < j_end; ++j) crow[j] = crow[j] || brow[j];
          } else {
            const U x = static_cast<U>(av);
            for (index_t j = jj; j < j_end; ++j)
              crow[j] = static_cast<T>(static_cast<U>(crow[j]) + x * static_cast<U>(brow[j]));
          }
        }
      }
    }
  }
}

template void matmul_kernel<bool>(const bool*, const bool*, bool*, index_t, index_t, index_t);
template void matmul_kernel<std::int32_t>(const std::int32_t*, const std::int32_t*, std::int32_t*, index_t, index_t,
                                          index_t);
template void matmul_kernel<std::int64_t>(const std::int64_t*, const std::int64_t*, std::int64_t*, index_t, index_t,
                                          index_t);
template void matmul_kernel<float>(const float*, const float*, float*, index_t, index_t, index_t);
template void matmul_kernel<double>(const double*, const double*, double*, index_t, index_t, index_t);

void throw_dot_not_aligned(std::span<const index_t> a, std::span<const index_t> b, int a_dim, int b_dim) {
  throw value_error("shapes " + compact_shape(a) + " and " + compact_shape(b) +
                    " not aligned: " + std::to_string(a[static_cast<std::size_t>(a_dim)]) + " (dim " +
                    std::to_string(a_dim) + ") != " + std::to_string(b[static_cast<std::size_t>(b_dim)]) +
                    " (dim " + std::to_string(b_dim) + ")");
}

}  // namespace nd::detail
