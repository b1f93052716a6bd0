// Operators on arrays, as in NumPy: + - * / and unary -, comparisons and ! are the
// ufuncs without `out` (eager, each allocating its result; `a == b` is an array of
// bool), and compound assignment writes into the left operand's buffer, also through
// a temporary view (`a(nd::all, 0) += 1`), with NumPy's 'same_kind' output casting
// (`int_array += 1.5` throws nd::type_error).
#pragma once

#include "nd/ufunc.hpp"

namespace nd {

namespace detail {
// At least one operand is an nd::array and both are ufunc operands: keeps these
// operators away from unrelated types.
template <class A, class B>
concept array_operands = ufunc_operand<A> && ufunc_operand<B> && (any_array<A> || any_array<B>);
}  // namespace detail

#define ND_BINARY_OPERATOR(sym, fn)                 \
  template <class A, class B>                       \
    requires detail::array_operands<A, B>           \
  auto operator sym(const A& a, const B& b) {       \
    return fn(a, b);                                \
  }

ND_BINARY_OPERATOR(+, add)
ND_BINARY_OPERATOR(-, subtract)
ND_BINARY_OPERATOR(*, multiply)
ND_BINARY_OPERATOR(/, divide)
ND_BINARY_OPERATOR(==, equal)
ND_BINARY_OPERATOR(!=, not_equal)
ND_BINARY_OPERATOR(<, less)
ND_BINARY_OPERATOR(<=, less_equal)
ND_BINARY_OPERATOR(>, greater)
ND_BINARY_OPERATOR(>=, greater_equal)
#undef ND_BINARY_OPERATOR

template <element T>
auto operator-(const array<T>& a) {
  return negative(a);
}
template <element T>
auto operator!(const array<T>& a) {
  return logical_not(a);
}

#define ND_COMPOUND_OPERATOR(sym, fn)                        \
  template <element T, ufunc_operand B>                      \
  array<T>& operator sym(array<T>& a, const B& b) {          \
    return fn(a, b, a);                                      \
  }                                                          \
  template <element T, ufunc_operand B>                      \
  array<T> operator sym(array<T>&& a, const B& b) {          \
    return fn(a, b, a);                                      \
  }

ND_COMPOUND_OPERATOR(+=, add)
ND_COMPOUND_OPERATOR(-=, subtract)
ND_COMPOUND_OPERATOR(*=, multiply)
ND_COMPOUND_OPERATOR(/=, divide)
#undef ND_COMPOUND_OPERATOR

}  // namespace nd
