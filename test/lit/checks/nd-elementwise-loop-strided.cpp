// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t -- -- -DND_SQUARE_INPUT
//
// Strided loops: `i += s` with a constant s (a literal or a const local) becomes a
// slice with step s for the destination and every operand. The slice stops below the
// same bound as the loop, so a stride that does not divide the extent selects exactly
// the loop's iterations: the inputs have lengths 7 and 10, which 2 and 3 do not divide.
// The 2-D case also runs on square input (ND_SQUARE_INPUT). Values are printed with
// all 17 digits: the operations per element are the loop's.
#include <nd/nd.hpp>

#include <cstdio>

void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.17g", a(i));
  std::printf("\n");
}

void print2(const char *what, const nd::array<double> &m) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      std::printf(" %.17g", m(i, j));
  std::printf("\n");
}

void every_other(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < x.size(); i += 2)
    y(i) = 3.0 * x(i) + 1.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::multiply(3.0, x(nd::slice(0, nd::none, 2)), y(nd::slice(0, nd::none, 2)));
  // CHECK-FIXES-NEXT: {{^}}  nd::add(y(nd::slice(0, nd::none, 2)), 1.0, y(nd::slice(0, nd::none, 2)));
  print("every_other", y);
}

// A const local stride, a partial range and shifted reads.
void every_third_interior(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  const int s = 3;
  for (nd::index_t i = 1; i < x.size() - 1; i += s)
    y(i) = x(i - 1) * x(i + 1);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::multiply(x(nd::slice(0, -2, 3)), x(nd::slice(2, nd::none, 3)), y(nd::slice(1, -1, 3)));
  print("every_third_interior", y);
}

// A strided copy is a plain copyto of the view.
void odd_elements(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 1; i < y.size(); i += 2)
    y(i) = x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::copyto(y(nd::slice(1, nd::none, 2)), x(nd::slice(1, nd::none, 2)));
  print("odd_elements", y);
}

// 2-D: every other row, every column.
void every_other_row(const nd::array<double> &m) {
  nd::array<double> out = nd::zeros_like(m);
  for (nd::index_t i = 0; i < m.shape(0); i += 2)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      out(i, j) = m(i, j) - m(i, j) * 0.5;
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 'out'
  // CHECK-FIXES: {{^}}  nd::multiply(m(nd::slice(0, nd::none, 2), nd::all), 0.5, out(nd::slice(0, nd::none, 2), nd::all));
  // CHECK-FIXES-NEXT: {{^}}  nd::subtract(m(nd::slice(0, nd::none, 2), nd::all), out(nd::slice(0, nd::none, 2), nd::all), out(nd::slice(0, nd::none, 2), nd::all));
  print2("every_other_row", out);
}

// 2-D: strides on both axes, read transposed; t's creation spells its extents as m's
// transposed.
void strided_transpose(const nd::array<double> &m) {
  nd::array<double> t = nd::zeros<double>({m.shape(1), m.shape(0)});
  for (nd::index_t i = 0; i < m.shape(0); i += 2)
    for (nd::index_t j = 1; j < m.shape(1); j += 3)
      t(j, i) = m(i, j);
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 't'
  // CHECK-FIXES: {{^}}  nd::copyto(t(nd::slice(1, nd::none, 3), nd::slice(0, nd::none, 2)), m(nd::slice(0, nd::none, 2), nd::slice(1, nd::none, 3)).T());
  print2("strided_transpose", t);
}

// ---- no fix-it ------------------------------------------------------------------
// A stride that is not a constant may be zero or negative.
void runtime_stride(const nd::array<double> &x, nd::index_t s) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < x.size(); i += s)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the loop over 'i' does not step by a positive constant (index shape)
  print("runtime_stride", y);
}

int main() {
  nd::array<double> x7 = {0.5, 1.25, 3.0, 2.0, -1.5, 4.75, 0.125};
  nd::array<double> x10 = {0.5, 1.25, 3.0, 2.0, -1.5, 4.75, 0.125, 9.0, 2.5, -0.25};
  every_other(x7);
  every_other(x10);
  every_third_interior(x7);
  every_third_interior(x10);
  odd_elements(x7);
  odd_elements(x10);
#ifdef ND_SQUARE_INPUT
  nd::array<double> m = nd::arange(0.0, 49.0).reshape({7, 7});
#else
  nd::array<double> m = nd::arange(0.0, 35.0).reshape({5, 7});
#endif
  m = nd::sqrt(m) * 1.5 + m * m * 0.125;
  every_other_row(m);
  strided_transpose(m);
  runtime_stride(x7, 2);
  return 0;
}
