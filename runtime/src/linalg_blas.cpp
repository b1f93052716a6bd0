// nd::matmul and nd::dot for float and double: CBLAS (OpenBLAS) gemm, gemv and dot.
//
// An operand whose strides BLAS can describe (unit stride along rows or along columns,
// the other stride at least the matrix's extent) is passed as it is, transposed if need
// be; any other (negative, zero or two non-unit strides) is packed first, as NumPy does.
// Large products are cut into tiles of C whose bounds depend only on the shapes; each
// tile is one single-threaded BLAS call on nd's pool (linalg_backend.hpp says why).
#include <cblas.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "linalg_backend.hpp"
#include "nd/linalg.hpp"
#include "parallel.hpp"

namespace nd::detail {
namespace {

// Tiles are multiples of this many rows and columns (a multiple of every OpenBLAS
// kernel's unroll), hold at least min_tile_work multiply-adds (below that a task costs
// more than it gains), and are at most max_tiles (each tile packs its own panels of A
// and B, so more tiles means more packing).
constexpr index_t tile_align = 64;
constexpr index_t min_tile_work = index_t{1} << 22;
constexpr index_t max_tiles = 16;
// Matrix-vector products are cut into row (or column) chunks the same way.
constexpr index_t min_chunk_work = index_t{1} << 18;

template <class T>
struct blas;
template <>
struct blas<float> {
  static void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, index_t n, index_t m, index_t k, const float* a, index_t lda,
                   const float* b, index_t ldb, float* c, index_t ldc) {
    cblas_sgemm(CblasRowMajor, ta, tb, n, m, k, 1.0f, a, lda, b, ldb, 0.0f, c, ldc);
  }
  static void gemv(CBLAS_TRANSPOSE t, index_t rows, index_t cols, const float* a, index_t lda, const float* x,
                   index_t incx, float* y, index_t incy) {
    cblas_sgemv(CblasRowMajor, t, rows, cols, 1.0f, a, lda, x, incx, 0.0f, y, incy);
  }
  static float dot(index_t n, const float* x, index_t incx, const float* y, index_t incy) {
    return cblas_sdot(n, x, incx, y, incy);
  }
};
template <>
struct blas<double> {
  static void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, index_t n, index_t m, index_t k, const double* a,
                   index_t lda, const double* b, index_t ldb, double* c, index_t ldc) {
    cblas_dgemm(CblasRowMajor, ta, tb, n, m, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);
  }
  static void gemv(CBLAS_TRANSPOSE t, index_t rows, index_t cols, const double* a, index_t lda, const double* x,
                   index_t incx, double* y, index_t incy) {
    cblas_dgemv(CblasRowMajor, t, rows, cols, 1.0, a, lda, x, incx, 0.0, y, incy);
  }
  static double dot(index_t n, const double* x, index_t incx, const double* y, index_t incy) {
    return cblas_ddot(n, x, incx, y, incy);
  }
};

// A matrix as BLAS takes it: row-major with leading dimension ld, or its transpose.
// rs and cs step to the next row and column (to address a tile).
template <class T>
struct blas_matrix {
  const T* data;
  CBLAS_TRANSPOSE trans;
  index_t ld, rs, cs;
};

// `m` as BLAS takes it, packed into `buf` (C order) when its strides do not allow.
// The stride of an axis of extent 1 is never used, so it does not count.
template <class T>
blas_matrix<T> as_blas(const matrix_ref<T>& m, std::vector<T>& buf) {
  const index_t rows = m.rows, cols = m.cols;
  const index_t row_major_rs = rows == 1 ? std::max<index_t>(cols, 1) : m.rs;
  if ((cols == 1 || m.cs == 1) && row_major_rs >= std::max<index_t>(cols, 1))
    return {m.data, CblasNoTrans, row_major_rs, row_major_rs, 1};
  const index_t col_major_cs = cols == 1 ? std::max<index_t>(rows, 1) : m.cs;
  if ((rows == 1 || m.rs == 1) && col_major_cs >= std::max<index_t>(rows, 1))
    return {m.data, CblasTrans, col_major_cs, 1, col_major_cs};
  buf.resize(static_cast<std::size_t>(rows * cols));
  const shape_t core{rows, cols}, dst{cols, 1}, src{m.rs, m.cs};
  copy_same_shape(buf.data(), dst, m.data, src, core);
  return {buf.data(), CblasNoTrans, cols, cols, 1};
}

// A vector of n elements at stride `inc` as BLAS takes it (a positive increment), packed
// into `buf` when the stride is zero or negative.
template <class T>
const T* as_blas_vector(const T* data, index_t n, index_t& inc, std::vector<T>& buf) {
  if (n <= 1) inc = 1;
  if (inc >= 1) return data;
  buf.resize(static_cast<std::size_t>(n));
  for (index_t i = 0; i < n; ++i) buf[static_cast<std::size_t>(i)] = data[i * inc];
  inc = 1;
  return buf.data();
}

// The edge of square tiles for an n x m result with inner extent k: the smallest
// multiple of tile_align that gives at most max_tiles tiles of at least min_tile_work.
index_t tile_edge(index_t n, index_t m, index_t k) {
  index_t e = tile_align;
  const index_t whole = std::max(n, m);
  while (e < whole) {
    const index_t tiles = ((n + e - 1) / e) * ((m + e - 1) / e);
    if (tiles <= max_tiles && std::min(e, n) * std::min(e, m) * k >= min_tile_work) break;
    e += tile_align;
  }
  return e;
}

// The length of chunks of `items` outputs, each a dot product of length k.
index_t chunk_length(index_t items, index_t k) {
  index_t len = tile_align;
  while (len < items && (len * k < min_chunk_work || (items + len - 1) / len > max_tiles)) len += tile_align;
  return len;
}

// y (stride incy) = M x, M rows x cols, cut into chunks of rows.
template <class T>
void gemv_chunked(const blas_matrix<T>& mat, index_t rows, index_t cols, const T* x, index_t incx, T* y, index_t incy) {
  const index_t len = chunk_length(rows, cols);
  const index_t chunks = (rows + len - 1) / len;
  parallel_for(chunks, [&](index_t t) {
    const index_t r0 = t * len, r1 = std::min(rows, r0 + len);
    // A transposed matrix is given to BLAS as its transpose's columns.
    if (mat.trans == CblasNoTrans)
      blas<T>::gemv(CblasNoTrans, r1 - r0, cols, mat.data + r0 * mat.rs, mat.ld, x, incx, y + r0 * incy, incy);
    else blas<T>::gemv(CblasTrans, cols, r1 - r0, mat.data + r0 * mat.rs, mat.ld, x, incx, y + r0 * incy, incy);
  });
}

// The transpose of a BLAS matrix (no data moves).
template <class T>
blas_matrix<T> transposed(const blas_matrix<T>& m) {
  return {m.data, m.trans == CblasNoTrans ? CblasTrans : CblasNoTrans, m.ld, m.cs, m.rs};
}

// C (row stride ldc) = A B for one batch entry.
template <class T>
void matmul_one(const matrix_ref<T>& a, const matrix_ref<T>& b, T* c, index_t ldc) {
  const index_t n = a.rows, k = a.cols, m = b.cols;
  if (n == 0 || m == 0) return;
  if (k == 0) {  // an empty sum: zeros, as NumPy gives
    for (index_t i = 0; i < n; ++i) std::fill(c + i * ldc, c + i * ldc + m, T{0});
    return;
  }
  use_single_threaded_blas();
  std::vector<T> a_buf, b_buf;
  if (n == 1 && m == 1) {
    index_t inc_a = a.cs, inc_b = b.rs;
    const T* x = as_blas_vector(a.data, k, inc_a, a_buf);
    const T* y = as_blas_vector(b.data, k, inc_b, b_buf);
    *c = blas<T>::dot(k, x, inc_a, y, inc_b);
    return;
  }
  if (m == 1) {  // A x: one output per row of A
    index_t inc = b.rs;
    const T* x = as_blas_vector(b.data, k, inc, b_buf);
    gemv_chunked(as_blas(a, a_buf), n, k, x, inc, c, ldc);
    return;
  }
  if (n == 1) {  // x B = (B^T x)^T: one output per column of B
    index_t inc = a.cs;
    const T* x = as_blas_vector(a.data, k, inc, a_buf);
    gemv_chunked(transposed(as_blas(b, b_buf)), m, k, x, inc, c, 1);
    return;
  }
  const blas_matrix<T> am = as_blas(a, a_buf), bm = as_blas(b, b_buf);
  const index_t e = tile_edge(n, m, k);
  const index_t row_tiles = (n + e - 1) / e, col_tiles = (m + e - 1) / e;
  parallel_for(row_tiles * col_tiles, [&](index_t t) {
    const index_t i0 = (t / col_tiles) * e, j0 = (t % col_tiles) * e;
    const index_t i1 = std::min(n, i0 + e), j1 = std::min(m, j0 + e);
    blas<T>::gemm(am.trans, bm.trans, i1 - i0, j1 - j0, k, am.data + i0 * am.rs, am.ld, bm.data + j0 * bm.cs, bm.ld,
                  c + i0 * ldc + j0, ldc);
  });
}

// The offsets of batch entry `it` into A and B.
void batch_offsets(const batch_layout& batch, index_t it, index_t& a_off, index_t& b_off) {
  a_off = b_off = 0;
  for (int d = batch.ndim - 1; d >= 0; --d) {
    const index_t i = it % batch.shape[d];
    it /= batch.shape[d];
    a_off += i * batch.a_strides[d];
    b_off += i * batch.b_strides[d];
  }
}

}  // namespace

// Entries large enough to be worth tiling run one after the other, each cut into tiles;
// smaller ones are handed to the pool in groups of at least min_tile_work (each entry
// is one BLAS call either way, so the result is the same).
template <class T>
void blas_matmul_batched(const matrix_ref<T>& a, const matrix_ref<T>& b, T* c, const batch_layout& batch) {
  index_t entries = 1;
  for (int d = 0; d < batch.ndim; ++d) entries *= batch.shape[d];
  const index_t n = a.rows, m = b.cols;
  const index_t work = std::max<index_t>(n * a.cols * m, 1);
  auto run = [&](index_t it) {
    index_t a_off, b_off;
    batch_offsets(batch, it, a_off, b_off);
    matrix_ref<T> ai = a, bi = b;
    ai.data += a_off;
    bi.data += b_off;
    matmul_one(ai, bi, c + it * n * m, m);
  };
  if (entries == 1 || work >= min_tile_work) {
    for (index_t it = 0; it < entries; ++it) run(it);
    return;
  }
  const index_t group = std::max<index_t>(1, min_tile_work / work);
  parallel_for((entries + group - 1) / group, [&](index_t t) {
    for (index_t it = t * group; it < std::min(entries, (t + 1) * group); ++it) run(it);
  });
}

template void blas_matmul_batched<float>(const matrix_ref<float>&, const matrix_ref<float>&, float*,
                                         const batch_layout&);
template void blas_matmul_batched<double>(const matrix_ref<double>&, const matrix_ref<double>&, double*,
                                          const batch_layout&);

}  // namespace nd::detail
