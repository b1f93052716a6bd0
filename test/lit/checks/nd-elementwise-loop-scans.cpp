// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Scans: a loop that accumulates into a scalar and stores every partial result is an
// inclusive scan, nd::cumsum, cumprod, cummax or cummin along the axis of the innermost
// loop, written into the destination. nd's scans combine the elements of a line in
// order, as the loop does, so even floating-point results are printed with all 17
// digits. The 2-D scans run on square and on rectangular input, where a wrong axis
// shows. The functions without a CHECK line must produce no diagnostic.
#include <nd/nd.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>

using i64 = std::int64_t;

template <class T> static void print(const char *what, const nd::array<T> &a) {
  std::printf("%s:", what);
  for (T v : a.ravel().to_vector())
    std::printf(" %.17g", static_cast<double>(v));
  std::printf("\n");
}

nd::array<double> running_sum(const nd::array<double> &x) {
  nd::array<double> out = nd::empty_like(x);
  double s = 0;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    s += x(i);
    out(i) = s;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: scan loop over 'out'; use nd::cumsum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> out = nd::empty_like(x);
  // CHECK-FIXES-NEXT: {{^}}  nd::cumsum(x, 0, out);
  return out;
}

// The product of the recurrences test, and a running sum of squares.
nd::array<double> cumulative_product(const nd::array<double> &x) {
  nd::array<double> out = nd::empty_like(x);
  double p = 1;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    p *= x(i);
    out(i) = p;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: scan loop over 'out'; use nd::cumprod [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cumprod(x, 0, out);
  return out;
}

nd::array<double> running_squares(const nd::array<double> &x) {
  nd::array<double> out = nd::empty_like(x);
  double s = 0.0;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    s += x(i) * x(i);
    out(i) = s;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: scan loop over 'out'; use nd::cumsum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cumsum(x * x, 0, out);
  return out;
}

// Integer extrema from the type's limit, and integer scans from another start, whose
// initial value is folded in after the scan (exact in integers).
nd::array<i64> running_max(const nd::array<i64> &k) {
  nd::array<i64> out = nd::empty_like(k);
  i64 m = std::numeric_limits<i64>::lowest();
  for (nd::index_t i = 0; i < k.size(); ++i) {
    m = std::max(m, k(i));
    out(i) = m;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: scan loop over 'out'; use nd::cummax [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cummax(k, 0, out);
  return out;
}

nd::array<i64> running_min_from(const nd::array<i64> &k) {
  nd::array<i64> out = nd::empty_like(k);
  i64 lo = 2;
  for (nd::index_t i = 0; i < k.size(); ++i) {
    lo = std::min(k(i), lo);
    out(i) = lo;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: scan loop over 'out'; use nd::cummin [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  i64 lo = 2;
  // CHECK-FIXES-NEXT: {{^}}  nd::cummin(k, 0, out);
  // CHECK-FIXES-NEXT: {{^}}  nd::minimum(out, lo, out);
  return out;
}

nd::array<i64> balance_from(const nd::array<i64> &k, i64 start) {
  nd::array<i64> out = nd::empty_like(k);
  i64 t = start;
  for (nd::index_t i = 0; i < k.size(); ++i) {
    t += k(i);
    out(i) = t;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: scan loop over 'out'; use nd::cumsum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cumsum(k, 0, out);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(out, t, out);
  return out;
}

// In place: each element is read before it is written, as nd::cumsum into its own
// input does.
void running_sum_in_place(nd::array<i64> &k) {
  i64 s = 0;
  for (nd::index_t i = 0; i < k.size(); ++i) {
    s += k(i);
    k(i) = s;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: scan loop over 'k'; use nd::cumsum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cumsum(k, 0, k);
}

// 2-D: the accumulator restarts on each line, so the scan runs along the axis the
// innermost loop indexes: axis 1 for rows, axis 0 for columns.
nd::array<double> row_sums(const nd::array<double> &m) {
  nd::array<double> out = nd::empty_like(m);
  for (nd::index_t i = 0; i < m.shape(0); ++i) {
    double s = 0;
    for (nd::index_t j = 0; j < m.shape(1); ++j) {
      s += m(i, j);
      out(i, j) = s;
    }
  }
  // CHECK-MESSAGES: :[[@LINE-7]]:3: warning: scan loop over 'out'; use nd::cumsum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cumsum(m, 1, out);
  return out;
}

nd::array<double> column_sums(const nd::array<double> &m) {
  nd::array<double> out = nd::empty_like(m);
  for (nd::index_t j = 0; j < m.shape(1); ++j) {
    double s = 0;
    for (nd::index_t i = 0; i < m.shape(0); ++i) {
      s += m(i, j);
      out(i, j) = s;
    }
  }
  // CHECK-MESSAGES: :[[@LINE-7]]:3: warning: scan loop over 'out'; use nd::cumsum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cumsum(m, 0, out);
  return out;
}

nd::array<i64> row_products_from_two(const nd::array<i64> &k) {
  nd::array<i64> out = nd::empty_like(k);
  for (nd::index_t i = 0; i < k.shape(0); ++i) {
    i64 p = 2;
    for (nd::index_t j = 0; j < k.shape(1); ++j) {
      p *= k(i, j);
      out(i, j) = p;
    }
  }
  // CHECK-MESSAGES: :[[@LINE-7]]:3: warning: scan loop over 'out'; use nd::cumprod [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cumprod(k, 1, out);
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(out, 2, out);
  return out;
}

nd::array<i64> column_max(const nd::array<i64> &k) {
  nd::array<i64> out = nd::empty_like(k);
  for (nd::index_t j = 0; j < k.shape(1); ++j) {
    i64 m = std::numeric_limits<i64>::min();
    for (nd::index_t i = 0; i < k.shape(0); ++i) {
      m = std::max(m, k(i, j));
      out(i, j) = m;
    }
  }
  // CHECK-MESSAGES: :[[@LINE-7]]:3: warning: scan loop over 'out'; use nd::cummax [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::cummax(k, 0, out);
  return out;
}

// Silent: the final value is used after the loop; a floating-point start other than
// the identity (adding it afterwards rounds differently); a floating-point running
// minimum (std::min skips NaN, nd::cummin propagates it); one accumulator across the
// rows (a scan of the flattened array, not of one axis); a scan from the second element.
double sum_with_total(const nd::array<double> &x, nd::array<double> &out) {
  double s = 0;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    s += x(i);
    out(i) = s;
  }
  return s;
}

nd::array<double> running_sum_from(const nd::array<double> &x) {
  nd::array<double> out = nd::empty_like(x);
  double s = 0.1;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    s += x(i);
    out(i) = s;
  }
  return out;
}

nd::array<double> running_min_double(const nd::array<double> &x) {
  nd::array<double> out = nd::empty_like(x);
  double lo = std::numeric_limits<double>::infinity();
  for (nd::index_t i = 0; i < x.size(); ++i) {
    lo = std::min(lo, x(i));
    out(i) = lo;
  }
  return out;
}

nd::array<double> flattened_sums(const nd::array<double> &m) {
  nd::array<double> out = nd::empty_like(m);
  double s = 0;
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j) {
      s += m(i, j);
      out(i, j) = s;
    }
  return out;
}

nd::array<double> running_sum_after_first(const nd::array<double> &x) {
  nd::array<double> out = x.copy();
  double s = x(0);
  for (nd::index_t i = 1; i < x.size(); ++i) {
    s += x(i);
    out(i) = s;
  }
  return out;
}

int main() {
  const nd::array<i64> ints = {3, -1, 4, -2, 5, 0, 2, -3, 1, 3, -1, 2, 0, 4, -2, 1};
  for (nd::index_t n : {0, 1, 6}) {
    nd::array<double> x = nd::linspace(-1.0, 2.0, n) * 0.3;
    nd::array<i64> k = ints(nd::slice(0, n)).copy();
    print("running_sum", running_sum(x));
    print("cumulative_product", cumulative_product(x));
    print("running_squares", running_squares(x));
    print("running_max", running_max(k));
    print("running_min_from", running_min_from(k));
    print("balance_from", balance_from(k, 10));
    running_sum_in_place(k);
    print("running_sum_in_place", k);
    nd::array<double> out = nd::empty_like(x);
    std::printf("sum_with_total %.17g\n", sum_with_total(x, out));
    print("running_sum_from", running_sum_from(x));
    print("running_min_double", running_min_double(x));
  }
  print("running_sum_after_first", running_sum_after_first(nd::linspace(0.0, 1.0, 5)));
  for (auto [rows, cols] : {std::pair<nd::index_t, nd::index_t>{3, 3}, {3, 5}, {4, 2}}) {
    nd::array<double> m = nd::linspace(-1.0, 1.0, rows * cols).reshape({rows, cols});
    nd::array<i64> k = ints(nd::slice(0, rows * cols)).reshape({rows, cols});
    print("row_sums", row_sums(m));
    print("column_sums", column_sums(m));
    print("row_products_from_two", row_products_from_two(k));
    print("column_max", column_max(k));
    print("flattened_sums", flattened_sums(m));
  }
  return 0;
}
