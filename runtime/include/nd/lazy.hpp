// Fused evaluation: nd::lazy, nd::eval (API.md, "Fused evaluation").
//
// nd::lazy(a) makes an expression leaf; the element-wise functions, the operators and
// nd::where with at least one expression operand build a tree (arrays and scalars in it
// become leaves) and compute nothing. nd::eval(e[, out]) runs the tree in one blocked
// pass (runtime/src/lazy_engine.cpp). Types, shapes and errors are worked out here, at
// construction, exactly as the eager ufuncs (nd/ufunc.hpp) work them out per call, so
// every node computes in the eager compute type and yields the eager result type.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstring>
#include <memory>
#include <type_traits>

#include "nd/ufunc.hpp"

namespace nd {

template <element T>
class lazy_expr;

namespace detail {

struct lazy_node;
using lazy_ptr = std::shared_ptr<const lazy_node>;

// An input of a node: another node, or a scalar stored in the node's compute type.
struct lazy_input {
  lazy_ptr node;
  alignas(8) unsigned char scalar[8] = {};
  dtype scalar_type = dtype::bool_;
};

// A node of an expression tree. A leaf (nin == 0) is an array: its buffer is held, so
// the expression stays valid while the user's handles go away.
struct lazy_node {
  ufunc_op op = ufunc_op::copy;
  int nin = 0;
  dtype compute = dtype::bool_;  // what the node computes in
  dtype result = dtype::bool_;   // its value's dtype (compute, or bool)
  shape_t shape;                 // its broadcast shape
  // leaf only
  std::shared_ptr<const void> buffer;
  const void* data = nullptr;
  shape_t strides;
  lazy_input in[3];
};

// Where a tree is evaluated to: an array of `shape` (the broadcast shape of the result).
struct lazy_target {
  void* data;
  dtype type;
  shape_t shape, strides;
  const void* buffer;  // for overlap with the leaves
};

// Evaluates `root` into `out` (shapes and casting checked by the caller).
void run_lazy(const lazy_node& root, const lazy_target& out);

template <class X>
struct is_lazy : std::false_type {};
template <class T>
struct is_lazy<lazy_expr<T>> : std::true_type {};
template <class X>
inline constexpr bool is_lazy_v = is_lazy<std::remove_cvref_t<X>>::value;

// What an operand stands for in the eager type rules: an expression of T is an array<T>.
template <class X>
struct lazy_standin {
  using type = X;
};
template <class T>
struct lazy_standin<lazy_expr<T>> {
  using type = array<T>;
};
template <class X>
using standin_t = typename lazy_standin<std::remove_cvref_t<X>>::type;

template <class X>
concept lazy_or_operand = is_lazy_v<X> || ufunc_operand<X>;
// A function of these operands builds an expression: one of them is an expression.
template <class... X>
concept lazy_operands = (lazy_or_operand<X> && ...) && (is_lazy_v<X> || ...);

template <class X>
shape_t lazy_operand_shape(const X& x) {
  if constexpr (is_lazy_v<X> || any_array<X>) return shape_t(x.shape());
  else return shape_t{};
}

template <element T>
lazy_ptr make_leaf(const array<T>& a) {
  auto n = std::make_shared<lazy_node>();
  n->compute = n->result = dtype_of<T>();
  n->shape = shape_t(a.shape());
  n->strides = shape_t(a.strides());
  n->buffer = array_access::buffer_of(a);
  n->data = array_access::raw_data(a);
  return n;
}

template <class C, class X>
lazy_input lazy_operand(const X& x) {
  lazy_input in;
  if constexpr (is_lazy_v<X>) {
    in.node = x.node();
  } else if constexpr (any_array<X>) {
    in.node = make_leaf(x);
  } else {
    const C v = static_cast<C>(x);
    std::memcpy(in.scalar, &v, sizeof v);
    in.scalar_type = dtype_of<C>();
  }
  return in;
}

// A node of Op computing in C: the eager call's checks (types, then shapes, then
// scalar values), done now, so that the errors are eager's and come where eager's would.
template <ufunc_op Op, class C, class... X>
auto make_lazy(const X&... xs) {
  using R = ufunc_result_t<Op, C>;
  check_operands<Op, C>(xs...);
  const shape_t shapes[] = {lazy_operand_shape(xs)...};
  auto n = std::make_shared<lazy_node>();
  n->shape = ufunc_broadcast(shapes, nullptr);
  if constexpr (!(any_array<X> || ...))
    if (n->shape.prod() != 0) check_values<Op, C>(xs...);  // a scalar exponent; arrays at eval
  n->op = Op;
  n->nin = static_cast<int>(sizeof...(X));
  n->compute = dtype_of<C>();
  n->result = dtype_of<R>();
  int k = 0;
  ((n->in[k++] = lazy_operand<C>(xs)), ...);
  return lazy_expr<R>(std::move(n));
}

template <ufunc_op Op, class... X>
using lazy_compute_t = op_compute_t<Op, standin_t<X>...>;

}  // namespace detail

// An unevaluated element-wise expression whose value has element type T.
template <element T>
class lazy_expr {
 public:
  using value_type = T;
  explicit lazy_expr(detail::lazy_ptr node) : node_(std::move(node)) {}
  const shape_t& shape() const { return node_->shape; }
  int ndim() const { return node_->shape.size(); }
  index_t size() const { return node_->shape.prod(); }
  const detail::lazy_ptr& node() const { return node_; }

 private:
  detail::lazy_ptr node_;
};

// An expression leaf over an array or a view (it shares the buffer: values are read
// when the expression is evaluated).
template <element T>
lazy_expr<T> lazy(const array<T>& a) {
  return lazy_expr<T>(detail::make_leaf(a));
}

// ---- the functions on expressions ------------------------------------------------
// Every public ufunc of nd/ufuncs.def with one or two inputs has an expression form; a
// dtype that the eager form refuses is refused here too (accepts_v).
#define ND_LAZY_BINARY(name)                                                                                       \
  template <class A, class B>                                                                                      \
    requires(detail::lazy_operands<A, B> &&                                                                        \
             detail::accepts_v<detail::ufunc_op::name, result_type_t<detail::standin_t<A>, detail::standin_t<B>>>) \
  auto name(const A& a, const B& b) {                                                                              \
    return detail::make_lazy<detail::ufunc_op::name, detail::lazy_compute_t<detail::ufunc_op::name, A, B>>(a, b);  \
  }
#define ND_LAZY_UNARY(name)                                                                                            \
  template <element T>                                                                                                 \
    requires detail::accepts_v<detail::ufunc_op::name, T>                                                              \
  auto name(const lazy_expr<T>& a) {                                                                                   \
    return detail::make_lazy<detail::ufunc_op::name, detail::lazy_compute_t<detail::ufunc_op::name, lazy_expr<T>>>(a); \
  }
#define ND_LAZY_DECLARE_ufunc_1(name) ND_LAZY_UNARY(name)
#define ND_LAZY_DECLARE_ufunc_2(name) ND_LAZY_BINARY(name)
#define ND_LAZY_DECLARE_custom_3(name)
#define ND_LAZY_DECLARE_internal_1(name)
#define ND_LAZY_DECLARE(api, arity, name) ND_LAZY_DECLARE_##api##_##arity(name)
#define ND_UFUNC(name, numpy, arity, family, result, accepts, ulp32, ulp64, api, commutative, op, c_names) \
  ND_LAZY_DECLARE(api, arity, name)
#include "nd/ufuncs.def"
#undef ND_LAZY_DECLARE
#undef ND_LAZY_DECLARE_ufunc_1
#undef ND_LAZY_DECLARE_ufunc_2
#undef ND_LAZY_DECLARE_custom_3
#undef ND_LAZY_DECLARE_internal_1
#undef ND_LAZY_BINARY
#undef ND_LAZY_UNARY

template <class A, class L, class H>
  requires detail::lazy_operands<A, L, H>
auto clip(const A& a, const L& lo, const H& hi) {
  return detail::make_lazy<detail::ufunc_op::clip,
                           result_type_t<detail::standin_t<A>, detail::standin_t<L>, detail::standin_t<H>>>(a, lo, hi);
}

// where(cond, a, b) with an expression among them; a scalar cond counts by its truth.
template <class C, class A, class B>
  requires detail::lazy_operands<C, A, B>
auto where(const C& cond, const A& a, const B& b) {
  using R = result_type_t<detail::standin_t<A>, detail::standin_t<B>>;
  if constexpr (scalar_operand<C>) return detail::make_lazy<detail::ufunc_op::where, R>(static_cast<bool>(cond), a, b);
  else return detail::make_lazy<detail::ufunc_op::where, R>(cond, a, b);
}

#define ND_LAZY_OPERATOR(sym, fn)             \
  template <class A, class B>                 \
    requires detail::lazy_operands<A, B>      \
  auto operator sym(const A& a, const B& b) { \
    return fn(a, b);                          \
  }
ND_LAZY_OPERATOR(+, add)
ND_LAZY_OPERATOR(-, subtract)
ND_LAZY_OPERATOR(*, multiply)
ND_LAZY_OPERATOR(/, divide)
ND_LAZY_OPERATOR(==, equal)
ND_LAZY_OPERATOR(!=, not_equal)
ND_LAZY_OPERATOR(<, less)
ND_LAZY_OPERATOR(<=, less_equal)
ND_LAZY_OPERATOR(>, greater)
ND_LAZY_OPERATOR(>=, greater_equal)
#undef ND_LAZY_OPERATOR

template <element T>
auto operator-(const lazy_expr<T>& a) {
  return negative(a);
}
template <element T>
auto operator!(const lazy_expr<T>& a) {
  return logical_not(a);
}

// ---- evaluation --------------------------------------------------------------------
namespace detail {
template <element T, element U>
lazy_target lazy_target_of(array<U>& out) {
  return {out.data(), dtype_of<U>(), shape_t(out.shape()), shape_t(out.strides()), array_access::buffer_of(out).get()};
}
}  // namespace detail

// A new C-contiguous array holding the expression's value.
template <element T>
array<T> eval(const lazy_expr<T>& e) {
  array<T> out(e.shape());
  detail::run_lazy(*e.node(), detail::lazy_target_of<T>(out));
  return out;
}

// Writes the expression's value into `out` (broadcast to out's shape, cast under
// 'same_kind'), as the eager chain ending in `f(..., out)` does; out may be or overlap
// a leaf: every input is read as if before any write.
template <element T, element U>
array<U>& eval(const lazy_expr<T>& e, array<U>& out) {
  const shape_t in_shapes[] = {e.shape()};
  const shape_t out_shape(out.shape());
  detail::ufunc_broadcast(in_shapes, &out_shape);
  out.require_writeable();
  const detail::lazy_node& root = *e.node();
  if (root.nin == 0) {
    if (!detail::can_cast_same_kind(root.result, dtype_of<U>()))
      detail::throw_copyto_cast(root.result, dtype_of<U>(), false);
  } else {
    detail::check_output_cast(root.op, root.result, dtype_of<U>());
  }
  detail::run_lazy(root, detail::lazy_target_of<T>(out));
  return out;
}
template <element T, element U>
array<U> eval(const lazy_expr<T>& e, array<U>&& out) {
  return eval(e, detail::temporary_out(out));
}

}  // namespace nd
