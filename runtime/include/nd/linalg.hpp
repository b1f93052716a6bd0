// Matrix products: nd::dot and nd::matmul, with NumPy's shape rules, and (through
// nd/linalg_lapack.hpp, included at the end) nd::linalg's factorizations.
//
// float and double products call CBLAS (OpenBLAS, src/linalg_blas.cpp), with the
// operands' strides passed to BLAS where it can take them and packed otherwise. The
// other element types use one kernel on C-contiguous matrices (src/linalg.cpp): a
// cache-blocked i-k-j loop whose innermost loop runs along a row of B and of C, so it
// vectorises; their operands are packed first when they are not C-contiguous. Operands
// of different element types are converted to their NumPy promotion (nd::promote_t).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <array>
#include <string>
#include <type_traits>
#include <vector>

#include "nd/array.hpp"
#include "nd/broadcast.hpp"
#include "nd/promote.hpp"
#include "nd/shape.hpp"
#include "nd/ufunc.hpp"

namespace nd {

// A linear-algebra failure (NumPy's LinAlgError, which is a ValueError): a singular
// matrix, one that is not positive definite, a factorization that does not converge.
class linalg_error : public value_error {
 public:
  using value_error::value_error;
};

namespace detail {

// A matrix operand of a BLAS product: element (i, j) at data[i * rs + j * cs].
template <class T>
struct matrix_ref {
  const T* data;
  index_t rows, cols, rs, cs;
};

// The batch axes of a product: C[b] = A[b] B[b] for every index b of `shape`, the
// matrices of A and B at offsets sum(b[d] * a_strides[d]) (likewise for B), those of C
// one after the other (n x m each, C order).
struct batch_layout {
  int ndim = 0;
  index_t shape[max_dims] = {}, a_strides[max_dims] = {}, b_strides[max_dims] = {};
};

// Batched C = A B through BLAS, for float and double; C is C-contiguous and
// overwritten. a and b give the first batch entry's matrices.
template <class T>
void blas_matmul_batched(const matrix_ref<T>& a, const matrix_ref<T>& b, T* c, const batch_layout& batch);
extern template void blas_matmul_batched<float>(const matrix_ref<float>&, const matrix_ref<float>&, float*,
                                                const batch_layout&);
extern template void blas_matmul_batched<double>(const matrix_ref<double>&, const matrix_ref<double>&, double*,
                                                 const batch_layout&);

// C (n x m) = A (n x k) * B (k x m), all C-contiguous; C is overwritten. Integers wrap
// on overflow as NumPy's do; bool is "or of ands".
template <class T>
void matmul_kernel(const T* a, const T* b, T* c, index_t n, index_t k, index_t m);
extern template void matmul_kernel<bool>(const bool*, const bool*, bool*, index_t, index_t, index_t);
extern template void matmul_kernel<std::int32_t>(const std::int32_t*, const std::int32_t*, std::int32_t*, index_t,
                                                 index_t, index_t);
extern template void matmul_kernel<std::int64_t>(const std::int64_t*, const std::int64_t*, std::int64_t*, index_t,
                                                 index_t, index_t);
extern template void matmul_kernel<float>(const float*, const float*, float*, index_t, index_t, index_t);
extern template void matmul_kernel<double>(const double*, const double*, double*, index_t, index_t, index_t);

// A C-contiguous version of `a` (the same handle when it already is one).
template <class T>
array<T> contiguous(const array<T>& a) {
  return a.is_contiguous() ? a : a.copy();
}

// The matrix product of two 2-D arrays.
template <class T>
array<T> matmul_2d(const array<T>& a, const array<T>& b) {
  array<T> out(shape_t{a.shape(0), b.shape(1)});
  if constexpr (std::is_floating_point_v<T>) {
    blas_matmul_batched<T>({a.data(), a.shape(0), a.shape(1), a.strides(0), a.strides(1)},
                           {b.data(), b.shape(0), b.shape(1), b.strides(0), b.strides(1)}, out.data(), {});
  } else {
    const array<T> ac = contiguous(a), bc = contiguous(b);
    matmul_kernel(ac.data(), bc.data(), out.data(), a.shape(0), a.shape(1), b.shape(1));
  }
  return out;
}

[[noreturn]] void throw_dot_not_aligned(std::span<const index_t> a, std::span<const index_t> b, int a_dim, int b_dim);

// `a` with elements of type T: the same handle when they already are, else a
// C-contiguous converted copy (mixed-type products compute in the promoted type, as
// NumPy's do).
template <class T, class S>
array<T> as_element(const array<S>& a) {
  if constexpr (std::is_same_v<T, S>) {
    return a;
  } else {
    array<T> out(shape_t(a.shape()));
    T* dst = out.data();
    for_each_element(a.data(), a.shape(), a.strides(), [&](const S* p) { *dst++ = static_cast<T>(*p); });
    return out;
  }
}

// The batched product of the integer and bool types: each batch entry's A and B packed
// when not C-contiguous, then matmul_kernel. strides: A's row and column strides, B's.
template <class T>
void matmul_batched_kernel(const T* a, const T* b, T* c, index_t n, index_t k, index_t m,
                           const std::array<index_t, 4>& strides, const shape_t& batch, const shape_t& a_bstr,
                           const shape_t& b_bstr) {
  const auto [a_rs, a_cs, b_rs, b_cs] = strides;
  const bool a_packed = (a_cs == 1 || k <= 1) && (a_rs == k || n <= 1);
  const bool b_packed = (b_cs == 1 || m <= 1) && (b_rs == m || k <= 1);
  array<T> a_buf(shape_t{a_packed ? 0 : n * k}), b_buf(shape_t{b_packed ? 0 : k * m});
  const int nbatch = batch.size();
  const index_t nbatches = batch.prod();
  index_t counter[max_dims] = {};
  index_t a_off = 0, b_off = 0;
  for (index_t it = 0; it < nbatches; ++it) {
    const T* ap = a + a_off;
    const T* bp = b + b_off;
    if (!a_packed) {
      const shape_t core{n, k}, dst{k, 1}, src{a_rs, a_cs};
      copy_same_shape(a_buf.data(), dst, ap, src, core);
      ap = a_buf.data();
    }
    if (!b_packed) {
      const shape_t core{k, m}, dst{m, 1}, src{b_rs, b_cs};
      copy_same_shape(b_buf.data(), dst, bp, src, core);
      bp = b_buf.data();
    }
    matmul_kernel(ap, bp, c, n, k, m);
    c += n * m;
    for (int d = nbatch - 1; d >= 0; --d) {
      a_off += a_bstr[d];
      b_off += b_bstr[d];
      if (++counter[d] < batch[d]) break;
      a_off -= a_bstr[d] * batch[d];
      b_off -= b_bstr[d] * batch[d];
      counter[d] = 0;
    }
  }
}

// nd::matmul on operands of one element type. The result is written into `*into` when
// it is given, C-contiguous, of the result's shape and apart from a and b (the out
// form's fast path); else into a new array.
template <class T>
array<T> matmul_same(const array<T>& a, const array<T>& b, array<T>* into = nullptr) {
  const char* signature = "(n?,k),(k,m?)->(n?,m?)";
  for (int op = 0; op < 2; ++op) {
    const int nd = op == 0 ? a.ndim() : b.ndim();
    if (nd == 0)
      throw value_error("matmul: Input operand " + std::to_string(op) + " does not have enough dimensions (has 0, " +
                        "gufunc core with signature " + signature + " requires 1)");
  }
  const bool a_vec = a.ndim() == 1, b_vec = b.ndim() == 1;
  // Views with the 1-D operands promoted to matrices.
  shape_t as(a.shape()), ast(a.strides()), bs(b.shape()), bst(b.strides());
  if (a_vec) {
    as.insert(0, 1);
    ast.insert(0, 0);
  }
  if (b_vec) {
    bs.push_back(1);
    bst.push_back(0);
  }
  const int na = as.size(), nb = bs.size();
  const index_t n = as[na - 2], k = as[na - 1], kb = bs[nb - 2], m = bs[nb - 1];
  if (k != kb)
    throw value_error("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature " +
                      std::string(signature) + " (size " + std::to_string(kb) + " is different from " +
                      std::to_string(k) + ")");

  // Broadcast the batch axes.
  const int nbatch = std::max(na, nb) - 2;
  shape_t batch, a_bstr, b_bstr;
  for (int d = 0; d < nbatch; ++d) {
    const int da = d - (nbatch - (na - 2)), db = d - (nbatch - (nb - 2));
    const index_t ea = da >= 0 ? as[da] : 1, eb = db >= 0 ? bs[db] : 1;
    if (ea != eb && ea != 1 && eb != 1) {
      auto remapped = [&](std::span<const index_t> orig, int core) {
        std::string s = detail::compact_shape(orig) + "->(";
        for (int j = 0; j + core < static_cast<int>(orig.size()); ++j) s += std::to_string(orig[j]) + ",";
        for (int j = 0; j < core; ++j) s += j + 1 < core ? "newaxis," : "newaxis";
        return s + ")";
      };
      std::string requested = "(";
      if (!a_vec) requested += std::to_string(n);
      if (!a_vec && !b_vec) requested += ",";
      if (!b_vec) requested += std::to_string(m);
      if (a_vec != b_vec) requested += ",";
      requested += ")";
      throw shape_error("operands could not be broadcast together with remapped shapes [original->remapped]: " +
                        remapped(a.shape(), a_vec ? 1 : 2) + " " + remapped(b.shape(), b_vec ? 1 : 2) +
                        "  and requested shape " + requested);
    }
    batch.push_back(ea == 1 ? eb : ea);
    a_bstr.push_back(da >= 0 && ea != 1 ? ast[da] : 0);
    b_bstr.push_back(db >= 0 && eb != 1 ? bst[db] : 0);
  }

  shape_t out_shape = batch;
  if (!a_vec) out_shape.push_back(n);
  if (!b_vec) out_shape.push_back(m);
  const bool write_into = into != nullptr && into->is_contiguous() && into->ndim() == out_shape.size() &&
                          std::equal(out_shape.begin(), out_shape.end(), into->shape().begin()) &&
                          !shares_memory(*into, a) && !shares_memory(*into, b);
  array<T> out = write_into ? *into : array<T>(out_shape);
  if (out.size() == 0) return out;

  const index_t a_rs = ast[na - 2], a_cs = ast[na - 1], b_rs = bst[nb - 2], b_cs = bst[nb - 1];
  if constexpr (std::is_floating_point_v<T>) {
    batch_layout layout;
    layout.ndim = nbatch;
    for (int d = 0; d < nbatch; ++d) {
      layout.shape[d] = batch[d];
      layout.a_strides[d] = a_bstr[d];
      layout.b_strides[d] = b_bstr[d];
    }
    blas_matmul_batched<T>({a.data(), n, k, a_rs, a_cs}, {b.data(), k, m, b_rs, b_cs}, out.data(), layout);
  } else {
    matmul_batched_kernel(a.data(), b.data(), out.data(), n, k, m, {a_rs, a_cs, b_rs, b_cs}, batch, a_bstr, b_bstr);
  }
  return out;
}

}  // namespace detail

// nd::matmul(a, b): NumPy's a @ b. The last two axes are matrices, the leading ones
// broadcast as batch axes; a 1-D a is a row (n? = 1, removed from the result), a 1-D b
// a column (m? = 1, removed). 1-D @ 1-D gives a 0-d array. A core-dimension mismatch
// throws value_error, batch axes that do not broadcast shape_error, with NumPy's messages.
template <element TA, element TB>
array<promote_t<TA, TB>> matmul(const array<TA>& a, const array<TB>& b) {
  using T = promote_t<TA, TB>;
  return detail::matmul_same<T>(detail::as_element<T>(a), detail::as_element<T>(b));
}

namespace detail {

[[noreturn]] void throw_matmul_out_core(int dim, index_t got, index_t expected);
[[noreturn]] void throw_matmul_out_cast(dtype from, dtype to);
[[noreturn]] void throw_matmul_out_batch(std::span<const index_t> out, std::span<const index_t> result, bool reduction);

// The checks of NumPy's gufunc machinery on matmul's `out`: its last `core` axes are
// the result's, its other axes ones the result's batch axes broadcast to.
void check_matmul_out(std::span<const index_t> out, std::span<const index_t> result, int core);

}  // namespace detail

// The out form: writes a @ b into out and returns it. out's core axes must be the
// result's; its leading axes may be more, or larger, than the result's batch axes (the
// result is broadcast into them, as NumPy does); the result is cast into out under
// 'same_kind'. out may overlap a or b (the product is then computed first). A
// C-contiguous out of the result's type and shape, apart from a and b, is written
// directly.
template <element TA, element TB, element U>
array<U>& matmul(const array<TA>& a, const array<TB>& b, array<U>& out) {
  using T = promote_t<TA, TB>;
  out.require_writeable();
  if (!detail::can_cast_same_kind(dtype_of<T>(), dtype_of<U>()))
    detail::throw_matmul_out_cast(dtype_of<T>(), dtype_of<U>());
  auto copy_into_out = [&](const array<T>& r) -> array<U>& {
    detail::check_matmul_out(out.shape(), r.shape(), (a.ndim() > 1) + (b.ndim() > 1));
    copyto(out, r);
    return out;
  };
  if constexpr (std::is_same_v<TA, T> && std::is_same_v<TB, T> && std::is_same_v<U, T>) {
    const array<T> r = detail::matmul_same<T>(a, b, &out);
    if (r.size() > 0 && r.data() == out.data()) return out;  // written in place
    return copy_into_out(r);
  } else {
    return copy_into_out(matmul(a, b));
  }
}
template <element TA, element TB, element U>
array<U> matmul(const array<TA>& a, const array<TB>& b, array<U>&& out) {
  return matmul(a, b, out);
}

namespace detail {

// nd::dot on operands of one element type.
template <class T>
array<T> dot_same(const array<T>& a, const array<T>& b) {
  if (a.ndim() == 0 || b.ndim() == 0) {
    const T s = a.ndim() == 0 ? a.item() : b.item();
    array<T> out = (a.ndim() == 0 ? b : a).copy();
    T* p = out.data();
    for (index_t i = 0; i < out.size(); ++i) {
      if constexpr (std::is_same_v<T, bool>) p[i] = p[i] && s;
      else p[i] = static_cast<T>(p[i] * s);
    }
    return out;
  }
  const int b_k_axis = b.ndim() == 1 ? 0 : b.ndim() - 2;
  const index_t k = a.shape(-1);
  if (b.shape(b_k_axis) != k) detail::throw_dot_not_aligned(a.shape(), b.shape(), a.ndim() - 1, b_k_axis);

  // Fold to one matrix product: A (rows x k) times B (k x cols).
  shape_t out_shape;
  index_t rows = 1;
  for (int d = 0; d + 1 < a.ndim(); ++d) {
    out_shape.push_back(a.shape(d));
    rows *= a.shape(d);
  }
  const array<T> a_mat = a.reshape(shape_t{rows, k});
  array<T> b_mat;
  if (b.ndim() == 1) {
    b_mat = b.reshape(shape_t{k, 1});
  } else {
    // Move b's contracted axis first; the others keep their order.
    std::vector<int> axes{b.ndim() - 2};
    index_t cols = 1;
    for (int d = 0; d < b.ndim(); ++d) {
      if (d == b.ndim() - 2) continue;
      axes.push_back(d);
      out_shape.push_back(b.shape(d));
      cols *= b.shape(d);
    }
    b_mat = transpose(b, axes).reshape(shape_t{k, cols});
  }
  return detail::matmul_2d(a_mat, b_mat).reshape(out_shape);
}

}  // namespace detail

// nd::dot(a, b), NumPy's rules: 1-D . 1-D is the inner product (a 0-d array; .item()
// or nd::vdot gives the scalar), 2-D . 2-D the matrix product, N-D . 1-D sums over the
// last axis of a, N-D . M-D (M >= 2) over the last axis of a and the second-to-last of
// b (result shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:]); a 0-d operand scales the
// other. Misaligned shapes throw value_error "shapes (2,3) and (2,4) not aligned: ...".
template <element TA, element TB>
array<promote_t<TA, TB>> dot(const array<TA>& a, const array<TB>& b) {
  using T = promote_t<TA, TB>;
  return detail::dot_same<T>(detail::as_element<T>(a), detail::as_element<T>(b));
}

namespace detail {
[[noreturn]] void throw_dot_out(bool wrong_dimensions);
}  // namespace detail

// The out form, with NumPy's conditions: out must be C-contiguous, of the result's
// element type and shape (else value_error). out may overlap a or b.
template <element TA, element TB, element U>
array<U>& dot(const array<TA>& a, const array<TB>& b, array<U>& out) {
  using T = promote_t<TA, TB>;
  out.require_writeable();
  const array<T> r = dot(a, b);
  // (An empty out is C-contiguous whatever its strides, as NumPy counts it.)
  const bool c_contiguous = out.size() == 0 || out.is_contiguous();
  if (!std::is_same_v<T, U> || !c_contiguous || out.ndim() != r.ndim()) detail::throw_dot_out(false);
  for (int d = 0; d < r.ndim(); ++d)
    if (out.shape(d) != r.shape(d)) detail::throw_dot_out(true);
  copyto(out, r);
  return out;
}
template <element TA, element TB, element U>
array<U> dot(const array<TA>& a, const array<TB>& b, array<U>&& out) {
  return dot(a, b, out);
}

// nd::vdot(a, b): the inner product of the flattened arrays, as a scalar (NumPy's
// np.vdot for real types). Sizes must match.
template <element TA, element TB>
promote_t<TA, TB> vdot(const array<TA>& a, const array<TB>& b) {
  if (a.size() != b.size())
    throw value_error("vdot: cannot take the inner product of arrays of size " + std::to_string(a.size()) + " and " +
                      std::to_string(b.size()));
  return dot(a.ravel(), b.ravel()).item();
}

}  // namespace nd

#include "nd/linalg_lapack.hpp"
