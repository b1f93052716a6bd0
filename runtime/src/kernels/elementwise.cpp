// Element-wise SIMD kernels of the arithmetic, comparison, logical, selection (where,
// clip) and cast families of nd/ufuncs.def; the other families have a translation unit
// each (transcendental.cpp, rounding.cpp, ...), sharing the loops of elementwise-inl.h.
// One inner loop per (operation, dtype), compiled for every
// Highway target and chosen at run time (HWY_DYNAMIC_DISPATCH), so the library needs
// no -march flag. Operations with a Highway vector form run vectors when the output is
// contiguous and every input is contiguous or repeated (stride 0, a scalar or a
// broadcast operand); the rest are plain loops, which the compiler still vectorises
// for each target because they are compiled inside the per-target section.
//
// This file includes itself once per target through hwy/foreach_target.h.

// SSSE3 and AVX3_DL add little over SSE4/AVX3 for these loops; skipping them halves
// the compile time of this file.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "kernels/kernels.hpp"
#include "nd/promote.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/elementwise.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {

// ---- binary operations ---------------------------------------------------------
// Each has scalar(a, b); those with vec_ok<T> also have vec(d, a, b).
struct add_op {
  static constexpr ufunc_op id = ufunc_op::add;
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (std::is_same_v<T, bool>) return a || b;
    else return wrap_add(a, b);
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Add(a, b);
  }
};
struct subtract_op {
  static constexpr ufunc_op id = ufunc_op::subtract;
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    return wrap_sub(a, b);
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Sub(a, b);
  }
};
struct multiply_op {
  static constexpr ufunc_op id = ufunc_op::multiply;
  // Highway 1.0 has no 64-bit integer multiply; that loop is left to the compiler.
  template <class T>
  static constexpr bool vec_ok = is_float_v<T> || std::is_same_v<T, std::int32_t>;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (std::is_same_v<T, bool>) return a && b;
    else return wrap_mul(a, b);
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Mul(a, b);
  }
};
struct divide_op {
  static constexpr ufunc_op id = ufunc_op::divide;
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a, T b) {
    return a / b;  // only instantiated for floats: divide computes in a float type
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Div(a, b);
  }
};
struct power_op {
  static constexpr ufunc_op id = ufunc_op::power;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (is_float_v<T>) return std::pow(a, b);
    else if constexpr (std::is_same_v<T, bool>) return a || !b;
    else return int_power(a, b);
  }
};
struct minimum_op {
  static constexpr ufunc_op id = ufunc_op::minimum;
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    return nan_min(a, b);
  }
  template <class D, class V>
  static V vec(D d, V a, V b) {
    V r = hn::Min(a, b);
    if constexpr (is_float_v<hn::TFromD<D>>) {
      r = hn::IfThenElse(hn::IsNaN(b), b, r);
      r = hn::IfThenElse(hn::IsNaN(a), a, r);
    }
    (void)d;
    return r;
  }
};
struct maximum_op {
  static constexpr ufunc_op id = ufunc_op::maximum;
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    return nan_max(a, b);
  }
  template <class D, class V>
  static V vec(D d, V a, V b) {
    V r = hn::Max(a, b);
    if constexpr (is_float_v<hn::TFromD<D>>) {
      r = hn::IfThenElse(hn::IsNaN(b), b, r);
      r = hn::IfThenElse(hn::IsNaN(a), a, r);
    }
    (void)d;
    return r;
  }
};
// Comparisons and logic produce bool; they are plain loops (vectorised by the compiler).
#define ND_BOOL_OP(name, expr)                     \
  struct name##_op {                               \
    static constexpr ufunc_op id = ufunc_op::name; \
    template <class T>                             \
    static constexpr bool vec_ok = false;          \
    template <class T>                             \
    static bool scalar(T a, T b) {                 \
      return expr;                                 \
    }                                              \
  };
ND_BOOL_OP(equal, a == b)
ND_BOOL_OP(not_equal, a != b)
ND_BOOL_OP(less, a < b)
ND_BOOL_OP(less_equal, a <= b)
ND_BOOL_OP(greater, a > b)
ND_BOOL_OP(greater_equal, a >= b)
ND_BOOL_OP(logical_and, (a != T(0)) && (b != T(0)))
ND_BOOL_OP(logical_or, (a != T(0)) || (b != T(0)))
ND_BOOL_OP(logical_xor, (a != T(0)) != (b != T(0)))
#undef ND_BOOL_OP

using binary_ops =
    op_list<add_op, subtract_op, multiply_op, divide_op, power_op, minimum_op, maximum_op, equal_op, not_equal_op,
            less_op, less_equal_op, greater_op, greater_equal_op, logical_and_op, logical_or_op, logical_xor_op>;

static_assert(binary_ops::size == rows_of(ufunc_family::arithmetic, 2) + rows_of(ufunc_family::comparison, 2) +
                                      rows_of(ufunc_family::logical, 2),
              "an arithmetic, comparison or logical row has no binary kernel");

void binary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out,
                   index_t so) {
  binary_family(binary_ops{}, op, t, n, a, sa, b, sb, out, so);
}

// ---- unary operations ----------------------------------------------------------
struct negative_op {
  static constexpr ufunc_op id = ufunc_op::negative;
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  // Floats flip the sign bit (IEEE negation): 0 - x would give +0.0 for +0.0 and
  // keep a NaN's sign, where NumPy gives -0.0 and the negated NaN.
  template <class T>
  static T scalar(T a) {
    if constexpr (is_float_v<T>) return -a;
    else return wrap_sub(T(0), a);
  }
  template <class D, class V>
  static V vec(D d, V a) {
    if constexpr (is_float_v<hn::TFromD<D>>) return hn::Neg(a);
    else return hn::Sub(hn::Zero(d), a);
  }
};
struct abs_op {
  static constexpr ufunc_op id = ufunc_op::abs;
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a) {
    if constexpr (std::is_same_v<T, bool>) return a;
    else if constexpr (is_float_v<T>) return std::fabs(a);
    else return a < 0 ? wrap_sub(T(0), a) : a;
  }
  template <class D, class V>
  static V vec(D, V a) {
    return hn::Abs(a);
  }
};
struct sqrt_op {
  static constexpr ufunc_op id = ufunc_op::sqrt;
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a) {
    return std::sqrt(a);
  }
  template <class D, class V>
  static V vec(D, V a) {
    return hn::Sqrt(a);
  }
};
struct square_op {
  static constexpr ufunc_op id = ufunc_op::square;
  template <class T>
  static constexpr bool vec_ok = is_float_v<T> || std::is_same_v<T, std::int32_t>;
  template <class T>
  static T scalar(T a) {
    if constexpr (std::is_same_v<T, bool>) return a;
    else return wrap_mul(a, a);
  }
  template <class D, class V>
  static V vec(D, V a) {
    return hn::Mul(a, a);
  }
};
struct logical_not_op {
  static constexpr ufunc_op id = ufunc_op::logical_not;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static bool scalar(T a) {
    return !(a != T(0));
  }
};

using unary_ops = op_list<negative_op, abs_op, sqrt_op, square_op, logical_not_op>;

static_assert(unary_ops::size == rows_of(ufunc_family::arithmetic, 1) + rows_of(ufunc_family::logical, 1),
              "an arithmetic or logical row has no unary kernel");

void unary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  unary_family(unary_ops{}, op, t, n, a, sa, out, so);
}

// ---- ternary operations --------------------------------------------------------
template <class T>
HWY_NOINLINE void where_loop(index_t n, const bool* c, index_t sc, const T* a, index_t sa, const T* b, index_t sb,
                             T* out, index_t so) {
  if (sc == 1 && sa == 1 && sb == 1 && so == 1) {
    for (index_t i = 0; i < n; ++i) out[i] = c[i] ? a[i] : b[i];
  } else {
    for (index_t i = 0; i < n; ++i) out[i * so] = c[i * sc] ? a[i * sa] : b[i * sb];
  }
}

// clip(a, lo, hi) = minimum(maximum(a, lo), hi), as NumPy defines it (NaN propagates).
template <class T>
HWY_NOINLINE void clip_loop(index_t n, const T* a, index_t sa, const T* lo, index_t sl, const T* hi, index_t sh, T* out,
                            index_t so) {
  if constexpr (maximum_op::vec_ok<T>) {
    if (so == 1 && (sa == 0 || sa == 1) && (sl == 0 || sl == 1) && (sh == 0 || sh == 1)) {
      const hn::ScalableTag<T> d;
      const index_t N = static_cast<index_t>(hn::Lanes(d));
      const auto ra = hn::Set(d, a[0]), rl = hn::Set(d, lo[0]), rh = hn::Set(d, hi[0]);
      index_t i = 0;
      for (; i + N <= n; i += N) {
        auto v = maximum_op::vec(d, load_operand(d, a, sa, i, ra), load_operand(d, lo, sl, i, rl));
        hn::StoreU(minimum_op::vec(d, v, load_operand(d, hi, sh, i, rh)), d, out + i);
      }
      for (; i < n; ++i) out[i] = nan_min(nan_max(a[i * sa], lo[i * sl]), hi[i * sh]);
      return;
    }
  }
  for (index_t i = 0; i < n; ++i) out[i * so] = nan_min(nan_max(a[i * sa], lo[i * sl]), hi[i * sh]);
}

template <class T>
void ternary_typed(ufunc_op op, index_t n, const void* x, index_t sx, const void* y, index_t sy, const void* z,
                   index_t sz, void* out, index_t so) {
  if (op == ufunc_op::where)
    where_loop<T>(n, static_cast<const bool*>(x), sx, static_cast<const T*>(y), sy, static_cast<const T*>(z), sz,
                  static_cast<T*>(out), so);
  else
    clip_loop<T>(n, static_cast<const T*>(x), sx, static_cast<const T*>(y), sy, static_cast<const T*>(z), sz,
                 static_cast<T*>(out), so);
}

void ternary_kernel(ufunc_op op, dtype t, index_t n, const void* x, index_t sx, const void* y, index_t sy,
                    const void* z, index_t sz, void* out, index_t so) {
  switch (t) {
    case dtype::bool_: return ternary_typed<bool>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::int32: return ternary_typed<std::int32_t>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::int64: return ternary_typed<std::int64_t>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::float32: return ternary_typed<float>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::float64: return ternary_typed<double>(op, n, x, sx, y, sy, z, sz, out, so);
  }
}

// ---- casts ---------------------------------------------------------------------
template <class To, class From>
HWY_INLINE To convert(From x) {
  return nd::detail::unsafe_cast<To>(x);
}

template <class From, class To>
HWY_NOINLINE void cast_loop(index_t n, const From* src, index_t ss, To* dst, index_t ds) {
  if (ss == 1 && ds == 1) {
    for (index_t i = 0; i < n; ++i) dst[i] = convert<To>(src[i]);
  } else if (ss == 2 && ds == 1) {
    // Downsampling copies (x[::2].copy()): a constant stride the compiler vectorises.
    for (index_t i = 0; i < n; ++i) dst[i] = convert<To>(src[2 * i]);
  } else {
    for (index_t i = 0; i < n; ++i) dst[i * ds] = convert<To>(src[i * ss]);
  }
}

template <class From>
void cast_from(dtype to, index_t n, const From* src, index_t ss, void* dst, index_t ds) {
  switch (to) {
    case dtype::bool_: return cast_loop(n, src, ss, static_cast<bool*>(dst), ds);
    case dtype::int32: return cast_loop(n, src, ss, static_cast<std::int32_t*>(dst), ds);
    case dtype::int64: return cast_loop(n, src, ss, static_cast<std::int64_t*>(dst), ds);
    case dtype::float32: return cast_loop(n, src, ss, static_cast<float*>(dst), ds);
    case dtype::float64: return cast_loop(n, src, ss, static_cast<double*>(dst), ds);
  }
}

void cast_kernel(dtype from, dtype to, index_t n, const void* src, index_t ss, void* dst, index_t ds) {
  switch (from) {
    case dtype::bool_: return cast_from(to, n, static_cast<const bool*>(src), ss, dst, ds);
    case dtype::int32: return cast_from(to, n, static_cast<const std::int32_t*>(src), ss, dst, ds);
    case dtype::int64: return cast_from(to, n, static_cast<const std::int64_t*>(src), ss, dst, ds);
    case dtype::float32: return cast_from(to, n, static_cast<const float*>(src), ss, dst, ds);
    case dtype::float64: return cast_from(to, n, static_cast<const double*>(src), ss, dst, ds);
  }
}

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {

thread_local bool stream_large_output = false;

HWY_EXPORT(binary_kernel);
HWY_EXPORT(unary_kernel);
HWY_EXPORT(ternary_kernel);
HWY_EXPORT(cast_kernel);

// The families' dispatch: each family's translation unit has its own entry points.
void binary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out,
                   index_t so) {
  switch (ufunc_info(op).family) {
    case ufunc_family::transcendental: return transcendental_binary_kernel(op, t, n, a, sa, b, sb, out, so);
    case ufunc_family::division: return division_binary_kernel(op, t, n, a, sa, b, sb, out, so);
    case ufunc_family::bitwise: return bitwise_binary_kernel(op, t, n, a, sa, b, sb, out, so);
    case ufunc_family::floating: return floating_binary_kernel(op, t, n, a, sa, b, sb, out, so);
    default: return HWY_DYNAMIC_DISPATCH(binary_kernel)(op, t, n, a, sa, b, sb, out, so);
  }
}
void unary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  switch (ufunc_info(op).family) {
    case ufunc_family::transcendental: return transcendental_unary_kernel(op, t, n, a, sa, out, so);
    case ufunc_family::rounding: return rounding_unary_kernel(op, t, n, a, sa, out, so);
    case ufunc_family::division: return division_unary_kernel(op, t, n, a, sa, out, so);
    case ufunc_family::bitwise: return bitwise_unary_kernel(op, t, n, a, sa, out, so);
    case ufunc_family::floating: return floating_unary_kernel(op, t, n, a, sa, out, so);
    default: return HWY_DYNAMIC_DISPATCH(unary_kernel)(op, t, n, a, sa, out, so);
  }
}
void ternary_kernel(ufunc_op op, dtype t, index_t n, const void* x, index_t sx, const void* y, index_t sy,
                    const void* z, index_t sz, void* out, index_t so) {
  HWY_DYNAMIC_DISPATCH(ternary_kernel)(op, t, n, x, sx, y, sy, z, sz, out, so);
}
void cast_kernel(dtype from, dtype to, index_t n, const void* src, index_t ss, void* dst, index_t ds) {
  // A copy that keeps a 4- or 8-byte dtype into a contiguous row is a row copy, with
  // streaming stores when the output is large.
  const index_t size = dtype_size(from);
  if (from == to && ds == 1 && (size == 4 || size == 8)) {
    const bool stream = stream_large_output || n * size >= stream_output_bytes;
    return copy_strided_kernel(static_cast<std::size_t>(size), n, src, ss, dst, stream);
  }
  HWY_DYNAMIC_DISPATCH(cast_kernel)(from, to, n, src, ss, dst, ds);
}

}  // namespace nd::detail
#endif
