// RUN: %check_nd_tidy %s nd-elementwise-loop %t
//
// Element loops that must not be rewritten: each is reported with a note that says why
// there is no fix-it, and the file is left as it is.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

double unknown(double v);

// ---- loop-carried dependencies ---------------------------------------------------
// (Recurrences, where an iteration reads what an earlier one wrote, are not element-wise
// loops and get no diagnostic: nd-elementwise-loop-recurrences.cpp.)

// Reading elements still to be written is no recurrence (y[:-1] = y[1:] in NumPy).
void shift_left(nd::array<double> &y) {
  const nd::index_t n = y.size();
  for (nd::index_t i = 0; i < n - 1; ++i)
    y(i) = y(i + 1);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: 'y(i + 1)' reads the destination at other indices than it is written at, a loop-carried dependency
}

void last_column_wins(const nd::array<double> &m) {
  nd::array<double> last = nd::zeros<double>({m.shape(0)});
  for (nd::index_t i = 0; i < last.size(); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      last(i) = m(i, j);
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 'last'
  // CHECK-NOTES: :[[@LINE-2]]:7: note: no fix-it: 'last(i)' does not depend on 'j': iterations write the same element, a loop-carried dependency
}

// ---- aliasing ----------------------------------------------------------------------
void parameters(const nd::array<double> &x, nd::array<double> &y) {
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no fix-it: 'y' and 'x' may share memory (aliasing); the fix is offered when one of them is a local array with its own buffer, e.g. from copy() or nd::empty_like
}

void shared_handle(nd::array<double> &y) {
  nd::array<double> r = y;
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = r(i) + 1.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no fix-it: 'y' and 'r' may share memory (aliasing); the fix is offered when one of them is a local array with its own buffer, e.g. from copy() or nd::empty_like
}

// ---- control flow ------------------------------------------------------------------
void stops_early(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i) {
    if (x(i) < 0)
      break;
    y(i) = std::sqrt(x(i));
  }
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: loop over nd::array elements; use broadcasting expressions
  // CHECK-NOTES: :[[@LINE-4]]:7: note: no fix-it: the loop body contains 'break' (control flow), so it may stop early or skip elements
}

void skips(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i) {
    if (x(i) == 0)
      continue;
    y(i) = 1 / x(i);
  }
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: loop over nd::array elements
  // CHECK-NOTES: :[[@LINE-4]]:7: note: no fix-it: the loop body contains 'continue' (control flow), so it may stop early or skip elements
}

// ---- side effects ------------------------------------------------------------------
void calls(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = unknown(x(i)) + 1.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: the loop calls 'unknown', which has no ufunc equivalent (side effects)
}

void prints(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i) {
    y(i) = x(i) * 2.0;
    std::printf("%f\n", y(i));
  }
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: loop over nd::array elements
  // CHECK-NOTES: :[[@LINE-5]]:46: note: no fix-it: the loop body is not one element-wise assignment or reduction (side effects)
}

void reads_volatile(const nd::array<double> &x, volatile double &gain) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) * gain;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:19: note: no fix-it: the loop reads the volatile 'gain' in every iteration
}

void writes_elsewhere(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  int calls = 0;
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) + (calls++);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:25: note: no fix-it: the loop body writes to something other than its destination
}

// ---- index shape -------------------------------------------------------------------
void shifted(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros<double>({x.size()});
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i + 1) - x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: 'x(i + 1)' is not provably inside 'x' along axis 0 for 'i' up to 'y.size()': the loop would throw nd::index_error where a slice silently clips (index shape)
}

void strided(const nd::array<double> &x, nd::index_t step) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = 0; i < y.size(); i += step)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the loop over 'i' does not step by a positive constant (index shape)
}

void from_first(const nd::array<double> &x, nd::index_t first) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = first; i < y.size(); ++i)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the loop over 'i' does not start at a constant (index shape)
}

void unknown_bound(const nd::array<double> &x, nd::index_t n) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: no fix-it: the bound 'n' of the loop over 'i' is not the extent ('a.shape(k)' or 'a.size()') of an array it indexes at that axis, so the loop may not cover the whole array (index shape)
}

void other_extent(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros<double>({10});
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: no fix-it: the loop over 'i' runs to 'x.size()', which is not provably the extent of 'y' along axis 0 (index shape); bound it by 'y.shape(0)'
}

// ---- types -------------------------------------------------------------------------
void float_with_double(const nd::array<float> &x) {
  nd::array<float> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) * 0.1;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: the loop converts 'double' to 'float', which nd's type promotion would not do
}

void integer_division(const nd::array<std::int64_t> &a, const nd::array<std::int64_t> &b) {
  nd::array<std::int64_t> q = nd::empty_like(a);
  for (nd::index_t i = 0; i < q.size(); ++i)
    q(i) = a(i) / b(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'q'
  // CHECK-NOTES: :[[@LINE-2]]:17: note: no fix-it: integer division truncates in C++ but nd::divide returns the exact quotient
}

// ---- reductions --------------------------------------------------------------------
double largest(const nd::array<double> &x) {
  double m = -1e300;
  for (nd::index_t i = 0; i < x.size(); ++i)
    m = std::max(m, x(i));
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: reduction loop; use nd::max [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no fix-it: nd::max throws on an empty array and propagates NaN, where the loop leaves 'm' unchanged; write 'm = std::max(m, nd::max(...))' where the array is never empty
  return m;
}

double mixed_sum(const nd::array<std::int64_t> &k) {
  double s = 0;
  for (nd::index_t i = 0; i < k.size(); ++i)
    s += k(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum
  // CHECK-NOTES: :[[@LINE-2]]:10: note: no fix-it: the accumulator 's' has type 'double' and the loop adds 'long', which nd's reduction would not convert alike
  return s;
}

void no_condition(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = 0;; ++i)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the loop over 'i' has no condition (index shape)
}
