// ND_STAT_FORMS for nd/statistics.hpp and nd/nan_reduce.hpp, each of which #undefs it
// after use (so this header has no include guard).
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
