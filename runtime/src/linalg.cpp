// The matrix-product kernel of the integer and bool types behind nd::dot and
// nd::matmul, and the messages of both.
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
                    std::to_string(a_dim) + ") != " + std::to_string(b[static_cast<std::size_t>(b_dim)]) + " (dim " +
                    std::to_string(b_dim) + ")");
}

void throw_matmul_out_core(int dim, index_t got, index_t expected) {
  throw value_error("matmul: Output operand 0 has a mismatch in its core dimension " + std::to_string(dim) +
                    ", with gufunc signature (n?,k),(k,m?)->(n?,m?) (size " + std::to_string(got) +
                    " is different from " + std::to_string(expected) + ")");
}

void throw_matmul_out_cast(dtype from, dtype to) {
  throw type_error(std::string("Cannot cast ufunc 'matmul' output from dtype('") + dtype_name(from) + "') to dtype('" +
                   dtype_name(to) + "') with casting rule 'same_kind'");
}

void throw_matmul_out_batch(std::span<const index_t> out, std::span<const index_t> result, bool reduction) {
  if (reduction)  // NumPy's words for an out that would need the result summed into it
    throw value_error("matmul: output operand of shape " + compact_shape(out) +
                      " would need a reduction of the result of shape " + compact_shape(result));
  throw shape_error("non-broadcastable output operand with shape " + compact_shape(out) +
                    " doesn't match the broadcast shape " + compact_shape(result));
}

void check_matmul_out(std::span<const index_t> out, std::span<const index_t> result, int core) {
  const int no = static_cast<int>(out.size()), nr = static_cast<int>(result.size());
  if (no < core) throw_matmul_out_core(0, 0, result[static_cast<std::size_t>(nr - core)]);
  for (int d = 0; d < core; ++d) {
    const index_t got = out[static_cast<std::size_t>(no - core + d)];
    const index_t want = result[static_cast<std::size_t>(nr - core + d)];
    if (got != want) throw_matmul_out_core(d, got, want);
  }
  // The result's batch axes must broadcast to out's: fewer axes in out, or a 1 where
  // the result has more, would sum results into out.
  if (no < nr) throw_matmul_out_batch(out, result, true);
  for (int d = 0; d + core < nr; ++d) {
    const index_t r = result[static_cast<std::size_t>(d)], o = out[static_cast<std::size_t>(no - nr + d)];
    if (r == o || r == 1) continue;
    throw_matmul_out_batch(out, result, o == 1);
  }
}

void check_linalg_matrix(std::span<const index_t> shape, bool square) {
  const int nd = static_cast<int>(shape.size());
  if (nd < 2)
    throw linalg_error(std::to_string(nd) + "-dimensional array given. Array must be at least two-dimensional");
  if (square && shape[static_cast<std::size_t>(nd - 1)] != shape[static_cast<std::size_t>(nd - 2)])
    throw linalg_error("Last 2 dimensions of the array must be square");
}

void throw_solve_mismatch(index_t got, index_t expected, bool vector) {
  throw value_error(std::string(vector ? "solve1" : "solve") +
                    ": Input operand 1 has a mismatch in its core dimension 0, with gufunc signature " +
                    (vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)") + " (size " + std::to_string(got) +
                    " is different from " + std::to_string(expected) + ")");
}

void check_lstsq(int a_ndim, int b_ndim, bool a_is_wrong) {
  throw linalg_error(std::to_string(a_is_wrong ? a_ndim : b_ndim) +
                     "-dimensional array given. Array must be two-dimensional");
}

void throw_lstsq_mismatch(index_t, index_t) { throw linalg_error("Incompatible dimensions"); }

void throw_dot_out(bool wrong_dimensions) {
  if (wrong_dimensions) throw value_error("output array has wrong dimensions");
  throw value_error(
      "output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)");
}

}  // namespace nd::detail
