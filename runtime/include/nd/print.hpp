// Printing: `std::cout << a` writes exactly what NumPy 1.24's repr(a) shows with the
// default print options (precision 8, threshold 1000, edgeitems 3, linewidth 75,
// suppress False, floatmode 'maxprec'):
//
//   array([1. , 2.5])          array([[1, 2],           array([1.5e+10, 1.0e+00])
//                                     [3, 4]])
//   array([1, 2], dtype=int32) array([], shape=(0, 3), dtype=float64)   array(5.)
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <ostream>
#include <string>

#include "nd/array.hpp"

namespace nd {

namespace detail {
// NumPy's repr of the array of `shape` and `strides` (in elements) at `data`, whose
// elements are of type `t`.
std::string array_repr(dtype t, const void* data, std::span<const index_t> shape, std::span<const index_t> strides);
}  // namespace detail

// NumPy's repr(a): "array([[1, 2],\n       [3, 4]])".
template <element T>
std::string repr(const array<T>& a) {
  return detail::array_repr(dtype_of<T>(), a.data(), a.shape(), a.strides());
}

template <element T>
std::ostream& operator<<(std::ostream& os, const array<T>& a) {
  return os << repr(a);
}

}  // namespace nd
