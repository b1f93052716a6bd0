// ND_STAT_FORMS and ND_STAT_OUT_FORMS for nd/statistics.hpp and nd/nan_reduce.hpp, each
// of which #undefs them after use (so this header has no include guard).
// clang-format off
// The six axis forms of a reduction `name` whose detail function `impl(a, mask,
// keepdims)` returns array<RES>; REQ constrains T.
#define ND_STAT_FORMS(name, impl, RES, REQ)                                                     \
  template <element T>                                                                          \
    requires(REQ)                                                                               \
  RES name(const array<T>& a) {                                                                 \
    return detail::impl(a, detail::axes_all(a.shape()), false).item();                          \
  }                                                                                             \
  template <element T>                                                                          \
    requires(REQ)                                                                               \
  RES name(const array<T>& a, none_t) {                                                         \
    return detail::impl(a, detail::axes_all(a.shape()), false).item();                          \
  }                                                                                             \
  template <element T>                                                                          \
    requires(REQ)                                                                               \
  array<RES> name(const array<T>& a, int axis) {                                                \
    return detail::impl(a, detail::axes_of(a.shape(), axis), false);                            \
  }                                                                                             \
  template <element T>                                                                          \
    requires(REQ)                                                                               \
  array<RES> name(const array<T>& a, int axis, keepdims_t) {                                    \
    return detail::impl(a, detail::axes_of(a.shape(), axis), true);                             \
  }                                                                                             \
  template <element T>                                                                          \
    requires(REQ)                                                                               \
  array<RES> name(const array<T>& a, std::initializer_list<int> axes) {                         \
    return detail::impl(a, detail::axes_from(a.shape(), axes), false);                          \
  }                                                                                             \
  template <element T>                                                                          \
    requires(REQ)                                                                               \
  array<RES> name(const array<T>& a, std::initializer_list<int> axes, keepdims_t) {             \
    return detail::impl(a, detail::axes_from(a.shape(), axes), true);                           \
  }

// The out forms of the same reduction, for those NumPy gives `out=`: f(a, nd::none, out),
// f(a, axis, out), f(a, {axes...}, out), and with nd::keepdims before out (then out
// must keep the reduced axes). `out` is named (returned by reference) or a temporary
// view (returned as a handle to it); see detail::stat_out.
#define ND_STAT_OUT_FORMS(name, impl, RES, REQ)                                                 \
  template <element T, detail::out_array O>                                                     \
    requires(REQ)                                                                               \
  decltype(auto) name(const array<T>& a, none_t, O&& out) {                                     \
    return detail::stat_out<RES>(#name, a, detail::axes_all(a.shape()), false,                  \
                                 std::forward<O>(out), detail::impl<T>);                        \
  }                                                                                             \
  template <element T, detail::out_array O>                                                     \
    requires(REQ)                                                                               \
  decltype(auto) name(const array<T>& a, int axis, O&& out) {                                   \
    return detail::stat_out<RES>(#name, a, detail::axes_of(a.shape(), axis), false,             \
                                 std::forward<O>(out), detail::impl<T>);                        \
  }                                                                                             \
  template <element T, detail::out_array O>                                                     \
    requires(REQ)                                                                               \
  decltype(auto) name(const array<T>& a, int axis, keepdims_t, O&& out) {                       \
    return detail::stat_out<RES>(#name, a, detail::axes_of(a.shape(), axis), true,              \
                                 std::forward<O>(out), detail::impl<T>);                        \
  }                                                                                             \
  template <element T, detail::out_array O>                                                     \
    requires(REQ)                                                                               \
  decltype(auto) name(const array<T>& a, std::initializer_list<int> axes, O&& out) {            \
    return detail::stat_out<RES>(#name, a, detail::axes_from(a.shape(), axes), false,           \
                                 std::forward<O>(out), detail::impl<T>);                        \
  }                                                                                             \
  template <element T, detail::out_array O>                                                     \
    requires(REQ)                                                                               \
  decltype(auto) name(const array<T>& a, std::initializer_list<int> axes, keepdims_t, O&& out) { \
    return detail::stat_out<RES>(#name, a, detail::axes_from(a.shape(), axes), true,            \
                                 std::forward<O>(out), detail::impl<T>);                        \
  }
