// Helpers shared by the runtime's unit tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include <nd/nd.hpp>

namespace nd_test {

// An array whose element k (in C order) is k, so every position is recognisable.
template <class T = double>
nd::array<T> iota(const nd::shape_t& shape) {
  nd::array<T> a = nd::empty<T>(shape);
  for (nd::index_t k = 0; k < a.size(); ++k) a.data()[k] = static_cast<T>(k);
  return a;
}

// Expects f() to throw E with exactly this message.
template <class E, class F>
void expect_message(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "no exception, expected: " << message;
  } catch (const E& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

}  // namespace nd_test
