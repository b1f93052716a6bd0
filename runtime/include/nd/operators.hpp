// Operators on arrays, as in NumPy: + - * / and unary -, comparisons, !, & | ^ ~ are the
// ufuncs without `out` (eager, each allocating its result; `a == b` is an array of
// bool), and compound assignment writes into the left operand's buffer, also through
// a temporary view (`a(nd::all, 0) += 1`), with NumPy's 'same_kind' output casting
// (`int_array += 1.5` throws nd::type_error).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include "nd/ufunc.hpp"

namespace nd {

namespace detail {
// At least one operand is an nd::array and both are ufunc operands: keeps these
// operators away from unrelated types.
template <class A, class B>
concept array_operands = ufunc_operand<A> && ufunc_operand<B> && (any_array<A> || any_array<B>);
}  // namespace detail

#define ND_BINARY_OPERATOR(sym, fn)           \
  template <class A, class B>                 \
    requires detail::array_operands<A, B>     \
  auto operator sym(const A& a, const B& b) { \
    return fn(a, b);                          \
  }

ND_BINARY_OPERATOR(==, equal)
ND_BINARY_OPERATOR(!=, not_equal)
ND_BINARY_OPERATOR(<, less)
ND_BINARY_OPERATOR(<=, less_equal)
ND_BINARY_OPERATOR(>, greater)
ND_BINARY_OPERATOR(>=, greater_equal)
#undef ND_BINARY_OPERATOR

// & | ^ ~ are the bitwise functions (NumPy's operators on arrays); on floats they do
// not compile, as NumPy raises TypeError.
#define ND_BITWISE_OPERATOR(sym, fn)                                                         \
  template <class A, class B>                                                                \
    requires(detail::array_operands<A, B> && requires(const A& a, const B& b) { fn(a, b); }) \
  auto operator sym(const A& a, const B& b) {                                                \
    return fn(a, b);                                                                         \
  }
ND_BITWISE_OPERATOR(&, bitwise_and)
ND_BITWISE_OPERATOR(|, bitwise_or)
ND_BITWISE_OPERATOR(^, bitwise_xor)
#undef ND_BITWISE_OPERATOR
template <element T>
  requires(std::is_integral_v<T>)
auto operator~(const array<T>& a) {
  return invert(a);
}

namespace detail {
// NumPy's temporary elision: an operand that is a temporary no one else can see (the
// only handle of its buffer, contiguous, writeable) and already has the result's shape
// becomes the output (callers check the dtype). `2.5 * x + 1.2` then allocates one
// array, not two, and the result is the same, since the output may be an input (the
// overlap rule).
template <class T, class... Other>
bool reusable_temporary(const array<T>& t, const Other&... others) {
  // (Memory the caller owns, nd::from_data's, is never taken over.)
  const auto& buffer = array_access::buffer_of(t);
  if (!t.writeable() || !t.is_contiguous() || buffer.use_count() != 1 || !buffer->owned) return false;
  auto fits = [&](const auto& other) {
    if constexpr (any_array<std::remove_cvref_t<decltype(other)>>) return broadcasts_to(other.shape(), t.shape());
    else return true;
  };
  return (fits(others) && ...);
}
}  // namespace detail

// The arithmetic operators with a temporary operand: as above, but computed into the
// temporary when it can hold the result (detail::reusable_temporary).
#define ND_ARITHMETIC_OPERATOR(sym, fn, op)                                      \
  template <class A, class B>                                                    \
    requires detail::array_operands<A, B>                                        \
  auto operator sym(const A& a, const B& b) {                                    \
    return fn(a, b);                                                             \
  }                                                                              \
  template <element T, class B>                                                  \
    requires detail::array_operands<array<T>, B>                                 \
  auto operator sym(array<T>&& a, const B& b) {                                  \
    using R = detail::ufunc_result_t<op, detail::op_compute_t<op, array<T>, B>>; \
    if constexpr (std::is_same_v<R, T>) {                                        \
      if (detail::reusable_temporary(a, b)) {                                    \
        fn(a, b, a);                                                             \
        return detail::array_access::result_of(std::move(a));                    \
      }                                                                          \
    }                                                                            \
    return fn(a, b);                                                             \
  }                                                                              \
  template <class A, element T>                                                  \
    requires detail::array_operands<A, array<T>>                                 \
  auto operator sym(const A& a, array<T>&& b) {                                  \
    using R = detail::ufunc_result_t<op, detail::op_compute_t<op, A, array<T>>>; \
    if constexpr (std::is_same_v<R, T>) {                                        \
      if (detail::reusable_temporary(b, a)) {                                    \
        fn(a, b, b);                                                             \
        return detail::array_access::result_of(std::move(b));                    \
      }                                                                          \
    }                                                                            \
    return fn(a, b);                                                             \
  }                                                                              \
  template <element T, element U>                                                \
  auto operator sym(array<T>&& a, array<U>&& b) {                                \
    return std::move(a) sym static_cast<const array<U>&>(b);                     \
  }

ND_ARITHMETIC_OPERATOR(+, add, detail::ufunc_op::add)
ND_ARITHMETIC_OPERATOR(-, subtract, detail::ufunc_op::subtract)
ND_ARITHMETIC_OPERATOR(*, multiply, detail::ufunc_op::multiply)
ND_ARITHMETIC_OPERATOR(/, divide, detail::ufunc_op::divide)
#undef ND_ARITHMETIC_OPERATOR

template <element T>
auto operator-(const array<T>& a) {
  return negative(a);
}
template <element T>
auto operator-(array<T>&& a) {
  if constexpr (!std::is_same_v<T, bool>) {
    if (detail::reusable_temporary(a)) {
      negative(a, a);
      return detail::array_access::result_of(std::move(a));
    }
  }
  return negative(a);
}
template <element T>
auto operator!(const array<T>& a) {
  return logical_not(a);
}

// On a temporary: a view is updated in place (a(nd::slice(1, nd::none)) *= 2.0); the
// copy a(mask) or a(idx) makes is updated and written back into a, NumPy's buffered
// a[idx] += b (a repeated index is updated once; nd::add_at applies every occurrence).
// A 0-d copy of an index without an ellipsis (every index a 0-d integer array) is NumPy's
// scalar a[i]: a[i] += b is computed out of place and stored back as setitem stores,
// with its unsafe cast. With an ellipsis NumPy's a[..., i] is a 0-d array, updated in
// place under 'same_kind' like any other.
#define ND_COMPOUND_OPERATOR(sym, fn)                                                                                \
  template <element T, ufunc_operand B>                                                                              \
  array<T>& operator sym(array<T>& a, const B & b) {                                                                 \
    return fn(a, b, a);                                                                                              \
  }                                                                                                                  \
  template <element T, ufunc_operand B>                                                                              \
  array<T> operator sym(array<T>&& a, const B & b) {                                                                 \
    if (detail::scalar_selection(detail::array_access::origin_of(a))) std::move(a) = fn(std::as_const(a), b).item(); \
    else {                                                                                                           \
      fn(a, b, a);                                                                                                   \
      detail::array_access::write_back(a);                                                                           \
    }                                                                                                                \
    return detail::array_access::result_of(std::move(a));                                                            \
  }

ND_COMPOUND_OPERATOR(+=, add)
ND_COMPOUND_OPERATOR(-=, subtract)
ND_COMPOUND_OPERATOR(*=, multiply)
ND_COMPOUND_OPERATOR(/=, divide)
#undef ND_COMPOUND_OPERATOR

}  // namespace nd
