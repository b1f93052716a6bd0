// Element-wise functions (NumPy's ufuncs), nd::copyto, nd::where, nd::clip,
// nd::vectorize and array<E>::astype.
//
// Every ufunc takes arrays (by const&) or arithmetic scalars, broadcasts them, and
// either returns a new array or, given a last `out` argument (a named array or a
// temporary view, never const), writes into it and returns it. The templates here only
// work out types, shapes and overlap; the loops run in the compiled engine
// (nd/ufunc_engine.hpp), so each (operation, dtype) kernel is compiled once, with SIMD.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <type_traits>
#include <utility>

#include "nd/array.hpp"
#include "nd/broadcast.hpp"
#include "nd/promote.hpp"
#include "nd/ufunc_engine.hpp"

namespace nd {

namespace detail {

inline constexpr index_t zero_strides[max_dims] = {};

template <class X>
shape_t operand_shape(const X& x) {
  if constexpr (any_array<X>) return shape_t(x.shape());
  else return shape_t{};
}

// Whether `a` read as `shape` visits exactly out's elements in out's order: then the
// engine may read and write it in one pass even though they share memory.
template <class T, class U>
bool same_elements(const array<T>& a, const array<U>& out) {
  if (static_cast<const void*>(a.data()) != static_cast<const void*>(out.data()) || sizeof(T) != sizeof(U))
    return false;
  const shape_t s = broadcast_strides(a.shape(), a.strides(), out.shape());
  for (int k = 0; k < out.ndim(); ++k)
    if (out.shape(k) > 1 && s[k] != out.strides(k)) return false;
  return true;
}

// A ufunc input, held while the engine runs: a scalar converted to the compute type C,
// or an array handle (replaced by a copy if it overlaps the output, NumPy's rule).
template <class C, class X>
struct input_holder {
  C value;
  explicit input_holder(const X& x) : value(static_cast<C>(x)) {}
  template <class U>
  void separate_from(const array<U>&) {}
  operand make(const shape_t&) { return {&value, dtype_of<C>(), zero_strides}; }
};
template <class C, class T>
struct input_holder<C, array<T>> {
  array<T> a;
  shape_t strides;
  explicit input_holder(const array<T>& x) : a(x) {}
  template <class U>
  void separate_from(const array<U>& out) {
    if (shares_memory(a, out) && !same_elements(a, out)) a = a.copy();
  }
  operand make(const shape_t& shape) {
    strides = broadcast_strides(a.shape(), a.strides(), shape);
    return {std::as_const(a).data(), dtype_of<T>(), strides.data()};
  }
};

// The dtype an operation computes in, given NumPy's result type of its operands
// (the `result` column of nd/ufuncs.def).
template <ufunc_op Op, class T>
using compute_type_t = std::conditional_t<
    ufunc_info(Op).result == ufunc_result::to_float, float_result_t<T>,
    std::conditional_t<ufunc_info(Op).result == ufunc_result::same_int && std::is_same_v<T, bool>, std::int32_t, T>>;

template <ufunc_op Op, class C>
using ufunc_result_t = std::conditional_t<ufunc_info(Op).result == ufunc_result::to_bool, bool, C>;

// Whether Op accepts operands of NumPy result type T (the `accepts` column): bitwise
// operations take no floats, sign no bool, as NumPy has no loop for them.
template <ufunc_op Op, class T>
inline constexpr bool accepts_v = ufunc_info(Op).accepts == ufunc_accepts::any ||
                                  (ufunc_info(Op).accepts == ufunc_accepts::integral && std::is_integral_v<T>) ||
                                  (ufunc_info(Op).accepts == ufunc_accepts::numeric && !std::is_same_v<T, bool>);

// Errors that depend on the compute type, checked first (NumPy's type resolution).
template <ufunc_op Op, class C, class... X>
void check_operands(const X&... xs) {
  // logical_and/or/xor read only a scalar's truth, so any integer will do (as in NumPy).
  if constexpr (Op != ufunc_op::logical_and && Op != ufunc_op::logical_or && Op != ufunc_op::logical_xor)
    (check_scalar_fits<C>(xs), ...);
  if constexpr (std::is_same_v<C, bool>) {
    if constexpr (Op == ufunc_op::negative) throw_bool_negative();
    if constexpr (Op == ufunc_op::subtract) throw_bool_subtract();
  }
}

// Errors that depend on values, checked before any write but after the shapes: NumPy
// meets a negative integer exponent in its loop, so broadcasting errors come first and
// an empty result raises none.
template <ufunc_op Op, class C, class... X>
void check_values(const X&... xs) {
  if constexpr (Op == ufunc_op::power && std::is_integral_v<C> && !std::is_same_v<C, bool>) {
    const auto& exponent = std::get<1>(std::forward_as_tuple(xs...));
    using E = std::remove_cvref_t<decltype(exponent)>;
    if constexpr (any_array<E>) {
      using T = typename E::value_type;
      if constexpr (std::is_signed_v<T> && !std::is_floating_point_v<T>) {
        bool negative = false;
        for_each_element(exponent.data(), exponent.shape(), exponent.strides(),
                         [&](const T* p) { negative = negative || *p < 0; });
        if (negative) throw_negative_integer_power();
      }
    } else if constexpr (std::is_signed_v<E>) {
      if (exponent < 0) throw_negative_integer_power();
    }
  }
}

// logical_and/or/xor read only a scalar's truth; one too wide for the compute type
// (logical_or(int32 array, 1 << 62)) must keep it through the conversion to that type.
template <ufunc_op Op, class X>
decltype(auto) truth_preserving(const X& x) {
  if constexpr ((Op == ufunc_op::logical_and || Op == ufunc_op::logical_or || Op == ufunc_op::logical_xor) &&
                !any_array<X>)
    return static_cast<X>(x != 0);
  else return (x);
}

// Runs Op over the inputs into `out` (already of the broadcast shape when `checked`).
template <ufunc_op Op, class C, class U, class... X>
array<U>& execute_into(array<U>& out, bool checked, const X&... xs) {
  check_operands<Op, C>(xs...);
  // NumPy takes out (writeable), then resolves types (out's same_kind cast), then broadcasts.
  out.require_writeable();
  check_output_cast(Op, dtype_of<ufunc_result_t<Op, C>>(), dtype_of<U>());
  const shape_t in_shapes[] = {operand_shape(xs)...};
  shape_t out_shape(out.shape());
  const shape_t shape = checked ? out_shape : ufunc_broadcast(in_shapes, &out_shape);
  if (shape.prod() != 0) check_values<Op, C>(xs...);
  auto holders = std::make_tuple(input_holder<C, X>(truth_preserving<Op>(xs))...);
  std::apply([&](auto&... h) { (h.separate_from(out), ...); }, holders);
  std::apply(
      [&](auto&... h) {
        const operand ins[] = {h.make(shape)...};
        const operand o{out.data(), dtype_of<U>(), out.strides().data()};
        run_ufunc(Op, dtype_of<C>(), shape, ins, o);
      },
      holders);
  return out;
}

template <ufunc_op Op, class C, class... X>
auto execute_new(const X&... xs) {
  using R = ufunc_result_t<Op, C>;
  const shape_t in_shapes[] = {operand_shape(xs)...};
  array<R> out(ufunc_broadcast(in_shapes, nullptr));
  return execute_into<Op, C>(out, true, xs...);
}

template <ufunc_op Op, class... X>
using op_compute_t = compute_type_t<Op, result_type_t<X...>>;

template <class... X>
inline constexpr bool has_array_v = (any_array<X> || ...);

}  // namespace detail

// ---- the ufuncs ------------------------------------------------------------------
// Each NAME gets: NAME(x...) -> new array; NAME(x..., out&) -> out; NAME(x..., view&&).

#define ND_UFUNC_BINARY(name, op)                                                                             \
  template <ufunc_operand A, ufunc_operand B>                                                                 \
    requires(detail::has_array_v<A, B> && detail::accepts_v<op, result_type_t<A, B>>)                         \
  auto name(const A& a, const B& b) {                                                                         \
    return detail::execute_new<op, detail::op_compute_t<op, A, B>>(a, b);                                     \
  }                                                                                                           \
  template <ufunc_operand A, ufunc_operand B, element U>                                                      \
    requires(detail::accepts_v<op, result_type_t<A, B>>)                                                      \
  array<U>& name(const A& a, const B& b, array<U>& out) {                                                     \
    return detail::execute_into<op, detail::op_compute_t<op, A, B>>(out, false, a, b);                        \
  }                                                                                                           \
  template <ufunc_operand A, ufunc_operand B, element U>                                                      \
    requires(detail::accepts_v<op, result_type_t<A, B>>)                                                      \
  array<U> name(const A& a, const B& b, array<U>&& out) {                                                     \
    return detail::execute_into<op, detail::op_compute_t<op, A, B>>(detail::temporary_out(out), false, a, b); \
  }

#define ND_UFUNC_UNARY(name, op)                                                                               \
  template <element T>                                                                                         \
    requires(detail::accepts_v<op, T>)                                                                         \
  auto name(const array<T>& a) {                                                                               \
    return detail::execute_new<op, detail::op_compute_t<op, array<T>>>(a);                                     \
  }                                                                                                            \
  template <element T, element U>                                                                              \
    requires(detail::accepts_v<op, T>)                                                                         \
  array<U>& name(const array<T>& a, array<U>& out) {                                                           \
    return detail::execute_into<op, detail::op_compute_t<op, array<T>>>(out, false, a);                        \
  }                                                                                                            \
  template <element T, element U>                                                                              \
    requires(detail::accepts_v<op, T>)                                                                         \
  array<U> name(const array<T>& a, array<U>&& out) {                                                           \
    return detail::execute_into<op, detail::op_compute_t<op, array<T>>>(detail::temporary_out(out), false, a); \
  }

// One declaration per row of nd/ufuncs.def whose api is `ufunc`, by arity.
#define ND_UFUNC_DECLARE_ufunc_1(name) ND_UFUNC_UNARY(name, detail::ufunc_op::name)
#define ND_UFUNC_DECLARE_ufunc_2(name) ND_UFUNC_BINARY(name, detail::ufunc_op::name)
#define ND_UFUNC_DECLARE_custom_3(name)
#define ND_UFUNC_DECLARE_internal_1(name)
#define ND_UFUNC_DECLARE(api, arity, name) ND_UFUNC_DECLARE_##api##_##arity(name)
#define ND_UFUNC(name, numpy, arity, family, result, accepts, ulp32, ulp64, api, commutative, op, c_names) \
  ND_UFUNC_DECLARE(api, arity, name)
#include "nd/ufuncs.def"

#undef ND_UFUNC_DECLARE
#undef ND_UFUNC_DECLARE_ufunc_1
#undef ND_UFUNC_DECLARE_ufunc_2
#undef ND_UFUNC_DECLARE_custom_3
#undef ND_UFUNC_DECLARE_internal_1
#undef ND_UFUNC_BINARY
#undef ND_UFUNC_UNARY

// clip(a, lo, hi) = minimum(maximum(a, lo), hi); NaN propagates, as in NumPy.
template <ufunc_operand A, ufunc_operand L, ufunc_operand H>
  requires(detail::has_array_v<A, L, H>)
auto clip(const A& a, const L& lo, const H& hi) {
  return detail::execute_new<detail::ufunc_op::clip, result_type_t<A, L, H>>(a, lo, hi);
}
template <ufunc_operand A, ufunc_operand L, ufunc_operand H, element U>
array<U>& clip(const A& a, const L& lo, const H& hi, array<U>& out) {
  return detail::execute_into<detail::ufunc_op::clip, result_type_t<A, L, H>>(out, false, a, lo, hi);
}
template <ufunc_operand A, ufunc_operand L, ufunc_operand H, element U>
array<U> clip(const A& a, const L& lo, const H& hi, array<U>&& out) {
  return detail::execute_into<detail::ufunc_op::clip, result_type_t<A, L, H>>(detail::temporary_out(out), false, a, lo,
                                                                              hi);
}

// where(cond, a, b): a where cond is true, else b. cond may be an array of any dtype
// (its truth value is used) or a bool.
template <ufunc_operand C, ufunc_operand A, ufunc_operand B>
  requires(detail::has_array_v<C, A, B>)
auto where(const C& cond, const A& a, const B& b) {
  if constexpr (any_array<C>) return detail::execute_new<detail::ufunc_op::where, result_type_t<A, B>>(cond, a, b);
  else return detail::execute_new<detail::ufunc_op::where, result_type_t<A, B>>(static_cast<bool>(cond), a, b);
}
template <ufunc_operand C, ufunc_operand A, ufunc_operand B, element U>
array<U>& where(const C& cond, const A& a, const B& b, array<U>& out) {
  if constexpr (any_array<C>)
    return detail::execute_into<detail::ufunc_op::where, result_type_t<A, B>>(out, false, cond, a, b);
  else
    return detail::execute_into<detail::ufunc_op::where, result_type_t<A, B>>(out, false, static_cast<bool>(cond), a,
                                                                              b);
}
template <ufunc_operand C, ufunc_operand A, ufunc_operand B, element U>
array<U> where(const C& cond, const A& a, const B& b, array<U>&& out) {
  return where(cond, a, b, detail::temporary_out(out));
}

// ---- copyto and astype -------------------------------------------------------------
namespace detail {
[[noreturn]] void throw_copyto_cast(dtype from, dtype to, bool from_scalar);
[[noreturn]] void throw_copyto_shape(std::span<const index_t> from, std::span<const index_t> to);
}  // namespace detail

// Writes src (an array or a scalar, broadcast to dst's shape) into dst, casting under
// NumPy's 'same_kind' rule.
template <element U, ufunc_operand S>
array<U>& copyto(array<U>& dst, const S& src) {
  dst.require_writeable();
  if constexpr (any_array<S>) {
    using T = typename S::value_type;
    if (!detail::can_cast_same_kind(dtype_of<T>(), dtype_of<U>()))
      detail::throw_copyto_cast(dtype_of<T>(), dtype_of<U>(), false);
    if (!detail::broadcasts_to(src.shape(), dst.shape())) detail::throw_copyto_shape(src.shape(), dst.shape());
    detail::input_holder<T, array<T>> h(src);
    h.separate_from(dst);
    const detail::operand in[] = {h.make(shape_t(dst.shape()))};
    detail::run_ufunc(detail::ufunc_op::copy, dtype_of<U>(), dst.shape(), in,
                      {dst.data(), dtype_of<U>(), dst.strides().data()});
  } else {
    using D = detail::scalar_default_t<S>;
    if (!detail::can_cast_same_kind(dtype_of<D>(), dtype_of<U>()))
      detail::throw_copyto_cast(dtype_of<D>(), dtype_of<U>(), true);
    detail::check_scalar_fits<U>(src);
    dst.fill(static_cast<U>(src));
  }
  return dst;
}
template <element U, ufunc_operand S>
array<U> copyto(array<U>&& dst, const S& src) {
  return copyto(detail::temporary_out(dst), src);
}

// a(idx...) = value (nd/array.hpp): NumPy's setitem, which casts unsafely (an int array
// takes 2.7 as 2) but refuses a NaN or an out-of-range Python integer for an integer
// element, and broadcasts the value to the selection.
template <element E>
template <class V>
void array<E>::assign_through(const V& value) {
  require_writeable();
  if (origin_) detail::require_writeable_source(*origin_);
  if constexpr (any_array<V>) {
    using T = typename V::value_type;
    // NumPy drops a value's leading axes of length 1 (a(nd::slice(0, 2)) = ones({1, 2})),
    // except for a mask over every axis, which takes a 0-d or 1-d value only.
    array<T> src = value;
    if (!detail::full_mask_assignment(origin_.get())) {
      int drop = 0;
      while (src.ndim() - drop > ndim() && src.shape(drop) == 1) ++drop;
      if (drop > 0)
        src = detail::array_access::view(value, std::as_const(value).data(), shape_t(value.shape().subspan(drop)),
                                         shape_t(value.strides().subspan(drop)), false);
    }
    if (!detail::broadcasts_to(src.shape(), shape_)) detail::throw_setitem_shape(value.shape(), shape_, origin_.get());
    detail::input_holder<T, array<T>> h(src);
    h.separate_from(*this);
    const detail::operand in[] = {h.make(shape_t(shape_))};
    detail::run_ufunc(detail::ufunc_op::copy, dtype_of<E>(), shape_, in, {data_, dtype_of<E>(), strides_.data()});
  } else {
    if constexpr (std::is_floating_point_v<V> && std::is_integral_v<E> && !std::is_same_v<E, bool>) {
      if (value != value) throw value_error("cannot convert float NaN to integer");
      if (value - value != 0) throw value_error("cannot convert float infinity to integer");
      if (!(value >= static_cast<V>(std::numeric_limits<E>::min()) &&
            value < -static_cast<V>(std::numeric_limits<E>::min())))
        throw value_error("float " + std::to_string(value) + " is out of bounds for " +
                          std::string(dtype_name(dtype_of<E>())));
    }
    detail::check_scalar_fits<E>(value);
    fill(static_cast<E>(value));
  }
  if (origin_) detail::scatter_back(*origin_, data_, size());
}

template <element E>
template <element U>
array<U> array<E>::astype() const {
  array<U> out{shape_t(shape_)};
  detail::copy_to_c_order(dtype_of<E>(), dtype_of<U>(), shape_, strides_, data_, out.data());
  return out;
}

// ---- vectorize ---------------------------------------------------------------------
// nd::vectorize(f) mirrors np.vectorize: the returned callable applies the scalar
// function f element by element over its broadcast array (or scalar) arguments and
// returns a new array of f's result type. It is a convenience: a plain loop calling f
// once per element, not a SIMD kernel; prefer the ufuncs where they fit.
template <class F>
class vectorized {
 public:
  explicit vectorized(F f) : f_(std::move(f)) {}

  template <ufunc_operand... X>
    requires(detail::has_array_v<X...>)
  auto operator()(const X&... xs) const {
    using R = std::remove_cvref_t<std::invoke_result_t<const F&, element_of<X>...>>;
    static_assert(element<R>, "nd::vectorize: f must return bool, int32_t, int64_t, float or double");
    const shape_t shapes[] = {detail::operand_shape(xs)...};
    const shape_t shape = detail::ufunc_broadcast(shapes, nullptr);
    array<R> out(shape);
    if (out.size() == 0) return out;
    auto strides = std::make_tuple(stride_of(xs, shape)...);
    auto ptrs = std::make_tuple(base_of(xs)...);
    const int nd = shape.size();
    index_t counter[max_dims] = {};
    R* dst = out.data();
    for (;;) {
      *dst++ = std::apply([&](auto... p) { return static_cast<R>(f_(value_at(p)...)); }, ptrs);
      int k = nd - 1;
      for (; k >= 0; --k) {
        advance(ptrs, strides, k, 1, std::index_sequence_for<X...>{});
        if (++counter[k] < shape[k]) break;
        advance(ptrs, strides, k, -shape[k], std::index_sequence_for<X...>{});
        counter[k] = 0;
      }
      if (k < 0) return out;
    }
  }

 private:
  template <class X>
  using element_of = std::conditional_t<any_array<X>, typename detail::operand_element<std::remove_cvref_t<X>>::type,
                                        std::remove_cvref_t<X>>;
  template <class X>
  static shape_t stride_of(const X& x, const shape_t& shape) {
    if constexpr (any_array<X>) return detail::broadcast_strides(x.shape(), x.strides(), shape);
    else {
      shape_t s;
      s.resize(shape.size(), 0);
      return s;
    }
  }
  template <class X>
  static auto base_of(const X& x) {
    if constexpr (any_array<X>) return x.data();
    else return &x;
  }
  template <class P>
  static auto value_at(P p) {
    return *p;
  }
  template <class Ptrs, class Strides, std::size_t... I>
  static void advance(Ptrs& ptrs, const Strides& strides, int k, index_t times, std::index_sequence<I...>) {
    ((std::get<I>(ptrs) += std::get<I>(strides)[k] * times), ...);
  }

  F f_;
};

template <class F>
vectorized<F> vectorize(F f) {
  return vectorized<F>(std::move(f));
}

}  // namespace nd
