// Declarations initialised by a chain of eager operations. A chain of three or more
// operations of the result's shape becomes nd::eval over nd::lazy leaves (one pass);
// otherwise the variable's own buffer is allocated once (nd::empty_like of the only
// array operand, or nd::empty of the operands' broadcast shape) and every operation
// writes into it with its out form.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t
#include <nd/nd.hpp>

#include <cstdint>
#include <cstdio>

// Prints every element with all the digits a double has: the rewrite computes the same
// operations in the same order, so the results must agree to the last bit.
template <class T>
static void print(const char* name, const nd::array<T>& a) {
  std::printf("%s %s:", name, nd::to_string(a.shape()).c_str());
  const nd::array<T> flat = a.flatten();
  for (nd::index_t i = 0; i < flat.size(); ++i) std::printf(" %.17g", static_cast<double>(flat(i)));
  std::printf("\n");
}

// The article: y = scale * x + offset. The runtime computes `+ offset` into the
// product's temporary (temporary elision), so the chain allocates one array, as the
// out forms would: nothing to report.
void article(const nd::array<double>& x) {
  double scale = 2.5;
  double offset = 1.2;
  nd::array<double> y = scale * x + offset;
  print("article", y);
}

// A scalar first in a non-commutative operation keeps its place; the unary minus and
// a ufunc call are operations too.
void scalar_first(const nd::array<double>& x) {
  auto y = nd::exp(-(2.5 - x) / 4.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression makes 4 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: auto y = nd::eval(nd::exp(-(2.5 - nd::lazy(x)) / 4.0));
  print("scalar_first", y);
}

// Two arrays that broadcast, of shapes not known here (an operation may be narrower
// than the result, which nd::eval would compute whole first: the out forms). The
// buffer gets the broadcast shape, and the first operation broadcasts into it. The
// second product is an operand, not on the chain of the buffer, and is still
// evaluated as written.
void broadcast(const nd::array<double>& col, const nd::array<double>& row) {
  nd::array<double> y = nd::sqrt(col * col + row * row);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: chained array expression allocates at least 3 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> y = nd::empty<double>(nd::broadcast_shapes(col.shape(), row.shape()));
  // CHECK-FIXES-NEXT: nd::multiply(col, col, y);
  // CHECK-FIXES-NEXT: nd::add(y, row * row, y);
  // CHECK-FIXES-NEXT: nd::sqrt(y, y);
  print("broadcast", y);
}

// Type promotion: an int32 array times a double is a double array, in nd::eval as in
// the eager chain. (Without the square root the runtime would compute `+ 0.25` into
// the product's temporary, and two operations do not gain from fusing: not reported.)
void promotion(const nd::array<std::int32_t>& counts) {
  nd::array<double> rate = nd::sqrt(counts * 0.5 + 0.25);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> rate = nd::eval(nd::sqrt(nd::lazy(counts) * 0.5 + 0.25));
  print("promotion", rate);
}

// Integer arithmetic, clip and a comparison-free where: every step has the result's type.
void integers(const nd::array<std::int64_t>& a, const nd::array<std::int64_t>& b) {
  auto c = nd::clip(a * 3 - b, -4, 9);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression allocates at least 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: auto c = nd::empty<std::int64_t>(nd::broadcast_shapes(a.shape(), b.shape()));
  // CHECK-FIXES-NEXT: nd::multiply(a, 3, c);
  // CHECK-FIXES-NEXT: nd::subtract(c, b, c);
  // CHECK-FIXES-NEXT: nd::clip(c, -4, 9, c);
  print("integers", c);
}

// Struct members of locals are side-effect free operands too.
struct Affine {
  double scale;
  double offset;
};
void members(const nd::array<float>& x) {
  Affine f{0.5, -3.0};
  nd::array<float> y = nd::maximum(x * static_cast<float>(f.scale), 0.0f) + static_cast<float>(f.offset);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<float> y = nd::eval(nd::maximum(nd::lazy(x) * static_cast<float>(f.scale), 0.0f) + static_cast<float>(f.offset));
  print("members", y);
}

int main() {
  auto x = nd::linspace(-1.5, 3.25, 7);
  article(x);
  scalar_first(x);
  broadcast(nd::linspace(0.5, 2.0, 4).reshape({4, 1}), nd::linspace(-1.0, 1.0, 3));
  promotion(nd::arange<std::int32_t>(-3, 5));
  integers(nd::arange<std::int64_t>(-4, 4), nd::arange<std::int64_t>(0, 16, 2));
  members(nd::linspace<float>(-8.0, 8.0, 9));
  return 0;
}
