// Entry points of the SIMD kernels (runtime/src/kernels/*.cpp), each dispatched at run
// time to the best Highway target of the CPU. All strides are in elements; a stride
// of 0 repeats one element (a broadcast operand or a scalar).
#pragma once

#include <cstddef>
#include <cstdint>

#include "nd/ufunc_engine.hpp"

namespace nd::detail {

// Bytes per element of a dtype.
inline constexpr index_t dtype_size(dtype t) {
  switch (t) {
    case dtype::bool_: return 1;
    case dtype::int32:
    case dtype::float32: return 4;
    default: return 8;
  }
}

// out[i] = op(a[i], b[i]) for i < n. a, b are of dtype `t`; out is of dtype `t`, or bool
// for comparisons and logical operations.
void binary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out,
                   index_t so);
// out[i] = op(a[i]); out is bool for logical_not.
void unary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so);
// The same entry points per kernel family of nd/ufuncs.def (one translation unit each);
// binary_kernel and unary_kernel dispatch to them by the operation's family.
#define ND_FAMILY_KERNELS(family)                                                                                    \
  void family##_unary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so);     \
  void family##_binary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, \
                              void* out, index_t so);
ND_FAMILY_KERNELS(transcendental)
ND_FAMILY_KERNELS(rounding)
ND_FAMILY_KERNELS(division)
ND_FAMILY_KERNELS(bitwise)
ND_FAMILY_KERNELS(floating)
#undef ND_FAMILY_KERNELS
// where: x is bool; clip: x, y, z are (a, lo, hi). All other operands are of dtype `t`.
void ternary_kernel(ufunc_op op, dtype t, index_t n, const void* x, index_t sx, const void* y, index_t sy,
                    const void* z, index_t sz, void* out, index_t so);
// Outputs of at least this many bytes are written with streaming stores where a kernel
// can (binary operations and same-dtype copies), skipping the read of each line before
// it is overwritten.
inline constexpr index_t stream_output_bytes = index_t{16} << 20;
// Set by an engine on a thread while it writes one block of an output that is large as
// a whole (stream_output_bytes or more): the kernels then stream a block's stores too.
extern thread_local bool stream_large_output;

// dst[i] = src[i * stride] for i < n: a same-dtype copy of one row into a contiguous
// one, elements of elem_size bytes. With `stream`, strides 1 and 2 of 4- and 8-byte
// elements are written with streaming stores (the caller's output is large and is no
// input); the values are the same either way.
void copy_strided_kernel(std::size_t elem_size, index_t n, const void* src, index_t stride, void* dst, bool stream);

// dst[i] = cast(src[i]) (NumPy's unsafe cast: float to int gives INT_MIN for NaN and
// out-of-range values, as x86 NumPy does; anything to bool is `!= 0`).
void cast_kernel(dtype from, dtype to, index_t n, const void* src, index_t ss, void* dst, index_t ds);

// Reduces n elements (stride s) of dtype `t` into *result (of dtype t, or bool for
// any/all). Float sums are pairwise with SIMD blocks. n >= 1.
void reduce_kernel(reduce_op op, dtype t, index_t n, const void* p, index_t s, void* result);

// dst[j] = rows[0][j] + ... + rows[n-1][j] (in that order) for j < w; float32 or
// float64, contiguous rows, 1 <= n <= 8. With centres c (contiguous, var's second
// pass) it sums (rows[r][j] - c[j])^2 instead; c is null for a plain sum.
void sum_rows_kernel(dtype t, index_t w, const void* const* rows, int n, const void* c, void* dst);
// *result = pairwise sum of (p[i] - *c)^2 over a contiguous run.
void centred_sum_kernel(dtype t, index_t n, const void* p, const void* c, void* result);

// var's one-pass moments along rows (float32 or float64, contiguous rows and buffers):
// for 1 <= n <= 8 rows shifted by `shift`, mean[j] = sum of y / n and
// m2[j] = sum of (y - mean[j])^2 with y = rows[r][j] - shift[j].
void leaf_moments_kernel(dtype t, index_t w, const void* const* rows, int n, const void* shift, void* mean, void* m2);
// Merges the moments of nb rows (mean_b, m2_b) into those of na rows (mean_a, m2_a),
// by the update of Chan, Golub and LeVeque.
void merge_moments_kernel(dtype t, index_t w, index_t na, index_t nb, void* mean_a, void* m2_a, const void* mean_b,
                          const void* m2_b);

// Where the pairwise float sum of a run (reduce_kernel's sum, centred_sum_kernel when
// s == 1) splits n elements of dtype t with stride s in two: 0 when it sums them as one
// leaf, else the length of the first half.
index_t pairwise_split_kernel(dtype t, index_t n, index_t s);

}  // namespace nd::detail
