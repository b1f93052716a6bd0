// nd::lazy / nd::eval: the fused result is bit for bit the eager one, for every
// expression, layout and thread count. Each expression is one generic lambda, called
// once with arrays (eager) and once with nd::lazy leaves (fused), so both forms are the
// same text.
#include <cmath>
#include <cstring>
#include <limits>

#include "test_support.hpp"

namespace {

using nd::index_t;

// The elements in C order, as bytes: NaNs and signed zeros compare exactly.
template <class T>
std::vector<unsigned char> bits(const nd::array<T>& a) {
  const nd::array<T> c = a.copy();
  std::vector<unsigned char> b(static_cast<std::size_t>(c.size()) * sizeof(T));
  if (!b.empty()) std::memcpy(b.data(), c.data(), b.size());
  return b;
}

template <class T, class U>
void expect_identical(const nd::array<T>& eager, const nd::array<U>& fused, const std::string& what) {
  static_assert(std::is_same_v<T, U>, "fused and eager result types differ");
  ASSERT_EQ(nd::to_string(eager.shape()), nd::to_string(fused.shape())) << what;
  EXPECT_TRUE(bits(eager) == bits(fused)) << what;
}

// Values that reach every path of the kernels: NaN, infinities, signed zeros, and
// arguments beyond the vector exp/sin ranges (their scalar fallbacks).
template <class T = double>
nd::array<T> data(const nd::shape_t& shape, std::uint64_t seed) {
  auto rng = nd::random::default_rng(seed);
  nd::array<double> d = rng.normal(0.0, 3.0, shape);
  double* p = d.data();
  const double special[] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(), 0.0, -0.0, 800.0, -800.0, 50000.0, 1e-310};
  for (index_t k = 0; k < d.size(); k += 37) p[k] = special[(k / 37) % 9];
  if constexpr (std::is_floating_point_v<T>) return d.astype<T>();
  else {
    nd::array<T> r(shape);
    for (index_t k = 0; k < d.size(); ++k) r.data()[k] = std::isfinite(p[k]) ? static_cast<T>(p[k] * 10) : T(3);
    return r;
  }
}

struct threads {
  explicit threads(int n) : saved(nd::get_num_threads()) { nd::set_num_threads(n); }
  ~threads() { nd::set_num_threads(saved); }
  int saved;
};

// eval(f(lazy(a)...)) and eval into a fresh out equal f(a...), on 1 and 3 threads.
template <class F, class... A>
void check(const std::string& what, F f, const A&... a) {
  for (int n : {1, 3}) {
    threads t(n);
    const auto eager = f(a...);
    const auto e = f(nd::lazy(a)...);
    expect_identical(eager, nd::eval(e), what + " threads " + std::to_string(n));
    auto out = nd::empty<typename decltype(eager)::value_type>(nd::shape_t(eager.shape()));
    nd::eval(e, out);
    expect_identical(eager, out, what + " into out, threads " + std::to_string(n));
  }
}

// Every expression, over operands (x, y) of any layout.
template <class X, class Y>
void check_all(const std::string& where, const X& x, const Y& y) {
  check(where + ": chain", [](auto x, auto y) { return 2.5 * x + 1.2 + y; }, x, y);
  check(where + ": cubic", [](auto x, auto) { return ((0.3 * x - 1.1) * x + 2.0) * x - 0.7; }, x, y);
  check(where + ": transcendental",
        [](auto x, auto y) { return nd::exp(x) * nd::sin(y) - nd::log(nd::abs(x) + 1.0) / nd::cos(y); }, x, y);
  check(where + ": hypot", [](auto x, auto y) { return nd::sqrt(nd::square(x) + nd::square(y)); }, x, y);
  check(where + ": where", [](auto x, auto y) { return nd::where(x > y, x - y, -x); }, x, y);
  check(where + ": clip", [](auto x, auto y) { return nd::clip(x * 2.0, -1.0, y); }, x, y);
  check(where + ": min max", [](auto x, auto y) { return nd::minimum(x, y) + nd::maximum(x, 0.5); }, x, y);
  check(where + ": power", [](auto x, auto y) { return nd::power(nd::abs(x), 0.5) + nd::power(y, 3); }, x, y);
  check(where + ": logic",
        [](auto x, auto y) { return nd::logical_or(nd::logical_and(x > 0.0, y < 1.0), !(x == y)); }, x, y);
  check(where + ": compare", [](auto x, auto y) { return (x - y) != (y >= 0.0); }, x, y);
  check(where + ": unary chain", [](auto x, auto) { return nd::cos(nd::exp(nd::sin(x))); }, x, y);
}

TEST(Lazy, ContiguousLargeAndSmall) {
  for (nd::shape_t s : {nd::shape_t{300, 500}, nd::shape_t{7}, nd::shape_t{}, nd::shape_t{1, 1}, nd::shape_t{0, 3}})
    check_all("contiguous " + nd::to_string(s), data(s, 1), data(s, 2));
}

TEST(Lazy, Broadcasting) {
  check_all("row", data({300, 400}, 3), data({400}, 4));
  check_all("column", data({300, 1}, 5), data({300, 400}, 6));
  check_all("outer", data({300, 1}, 7), data({1, 400}, 8));
  check_all("scalar-like", data({1}, 9), data({200, 300}, 10));
  // A broadcast operand read with a stride: eager computes exp(column) on its own
  // (strided, the kernels' scalar path), which the fused pass must not repeat per row
  // as a vector of one repeated value.
  const auto m = data({400, 300}, 15);
  check_all("strided column", m(nd::all, nd::slice(2, 3)), data({400, 300}, 16));
}

TEST(Lazy, StridedViews) {
  const auto m = data({400, 300}, 11), n = data({300, 400}, 12);
  check_all("transposed", m.T(), n);
  check_all("both transposed", m.T(), m.T());
  const auto v = data({120000}, 13);
  check_all("negative stride", v(nd::slice(nd::none, nd::none, -1)), v);
  check_all("step 3", v(nd::slice(0, nd::none, 3)), v(nd::slice(1, nd::none, 3)));
  check_all("column view", m(nd::all, 5), m(nd::all, 7));
  check_all("zero stride", nd::broadcast_to(data({1, 300}, 14), {400, 300}), m);
}

TEST(Lazy, DtypeMixes) {
  const nd::shape_t s{250, 300};
  const auto f32 = data<float>(s, 20);
  const auto f64 = data(s, 21);
  const auto i32 = data<std::int32_t>(s, 22);
  const auto i64 = data<std::int64_t>(s, 23);
  nd::array<bool> b = f64 > 0.0;
  check_all("float32", f32, data<float>(s, 24));
  check_all("float32 with float64", f32, f64);
  check_all("int32 with float64", i32, f64);
  check("int arithmetic", [](auto x, auto y) { return x * y + x - 7; }, i32, i64);
  check("int division", [](auto x, auto y) { return x / (nd::abs(y) + 1); }, i32, i64);
  check("int power", [](auto x, auto y) { return nd::power(x, nd::minimum(nd::abs(y), 3)) + nd::power(y, 2); }, i32, i64);
  check("int square", [](auto x, auto b) { return nd::square(b) + nd::square(x); }, i32, b);
  check("bool with int", [](auto b, auto x) { return b + x * b; }, b, i64);
  check("bool logic", [](auto b, auto c) { return nd::logical_and(b, !c) + 1; }, b, f32 > 0.0f);
  check("int sqrt", [](auto x, auto y) { return nd::sqrt(nd::abs(x)) + nd::exp(y / 1000); }, i32, i64);
  check("where of ints", [](auto b, auto x) { return nd::where(b, x, 2.5); }, b, i32);
  check("float32 exp", [](auto x, auto y) { return nd::exp(x) - nd::log(y) * 2.0f; }, f32, f32);
}

// The expression forms come from ufuncs.def: the functions added there fuse as well.
TEST(Lazy, TableFunctions) {
  const nd::shape_t s{250, 300};
  const auto x = data(s, 30), y = data(s, 31);
  const auto i = data<std::int64_t>(s, 32);
  const auto j = data<std::int32_t>(s, 33);
  check("hyperbolic", [](auto x, auto y) { return nd::tanh(x) + nd::arcsinh(y) * nd::cosh(x / 4.0); }, x, y);
  check("logs", [](auto x, auto y) { return nd::log1p(nd::abs(x)) - nd::expm1(y / 3.0) + nd::log2(nd::abs(y) + 1.0); },
        x, y);
  check("rounding", [](auto x, auto y) { return nd::floor(x * 3.0) + nd::trunc(y) - nd::rint(x + y); }, x, y);
  check("float division", [](auto x, auto y) { return nd::mod(x, y) + nd::floor_divide(x, y) + nd::fmod(y, x); },
        x, y);
  check("classes", [](auto x, auto y) { return nd::logical_xor(nd::isnan(x / y), nd::isfinite(y / x)); }, x, y);
  check("bitwise", [](auto i, auto j) { return nd::bitwise_xor(nd::bitwise_and(i, j), nd::invert(j)); }, i, j);
  check("int division", [](auto i, auto j) { return nd::floor_divide(i, j) * nd::mod(i, j) + nd::sign(i); }, i, j);
  check("arctan2", [](auto x, auto y) { return nd::arctan2(x, y) + nd::hypot(x, y) - nd::copysign(x, y); }, x, y);
}

// What the eager form refuses, the expression form refuses.
template <class T>
concept has_lazy_bitwise = requires(const nd::lazy_expr<T>& e) { nd::bitwise_and(e, e); };
static_assert(has_lazy_bitwise<std::int64_t>);
static_assert(!has_lazy_bitwise<double>);

}  // namespace

namespace {

TEST(Lazy, OutIsALeaf) {
  for (int n : {1, 3}) {
    threads t(n);
    auto y = data({200000}, 30);
    const auto x = data({200000}, 31);
    const auto expected = 2.5 * nd::exp(y) + nd::sin(x) * y;
    nd::eval(2.5 * nd::exp(nd::lazy(y)) + nd::sin(nd::lazy(x)) * y, y);
    expect_identical(expected, y, "out is a leaf");
  }
}

TEST(Lazy, OutOverlapsShiftedLeaves) {
  for (int n : {1, 3}) {
    threads t(n);
    // The stencil into a view of its own operand: a[1:-1] = a[:-2] - 2 a[1:-1] + a[2:].
    auto a = data({150000}, 32);
    const auto orig = a.copy();
    const index_t len = a.size();
    auto l = orig(nd::slice(0, len - 2)), c = orig(nd::slice(1, len - 1)), r = orig(nd::slice(2, len));
    const auto expected = nd::exp(l) - 2.0 * nd::sin(c) + r;
    nd::eval(nd::exp(nd::lazy(a(nd::slice(0, len - 2)))) - 2.0 * nd::sin(nd::lazy(a(nd::slice(1, len - 1)))) +
                 a(nd::slice(2, len)),
             a(nd::slice(1, len - 1)));
    expect_identical(expected, a(nd::slice(1, len - 1)), "stencil in place");
    EXPECT_TRUE(bits(a(nd::slice(0, 1))) == bits(orig(nd::slice(0, 1))));
    EXPECT_EQ(a(len - 1), orig(len - 1));  // not a special value (len - 1 is no multiple of 37)
    // Reversed onto itself: every element is read before any is written.
    auto b = data({100001}, 33);
    const auto rev = nd::exp(b(nd::slice(nd::none, nd::none, -1))) + b;
    nd::eval(nd::exp(nd::lazy(b(nd::slice(nd::none, nd::none, -1)))) + b, b);
    expect_identical(rev, b, "reversed onto itself");
  }
}

TEST(Lazy, OutLayouts) {
  for (int n : {1, 3}) {
    threads t(n);
    const auto x = data({300, 400}, 34), y = data({300, 400}, 35);
    // A strided out: the root writes through out's stride, as eager's f(..., out) does.
    auto big = nd::zeros<double>({300, 800});
    auto expected_big = nd::zeros<double>({300, 800});
    nd::exp(nd::sin(x) + y, expected_big(nd::all, nd::slice(0, nd::none, 2)));
    nd::eval(nd::exp(nd::sin(nd::lazy(x)) + y), big(nd::all, nd::slice(0, nd::none, 2)));
    expect_identical(expected_big, big, "strided out");
    // A transposed out: eager loops run along its axis 0.
    auto outT = nd::zeros<double>({400, 300});
    auto expectedT = nd::zeros<double>({400, 300});
    nd::exp(nd::sin(x) + y, expectedT.T());
    nd::eval(nd::exp(nd::sin(nd::lazy(x)) + y), outT.T());
    expect_identical(expectedT, outT, "transposed out");
    // out of a wider dtype and of a larger (broadcast) shape.
    auto wide = nd::zeros<double>({5, 300, 400});
    auto expected_wide = nd::zeros<double>({5, 300, 400});
    const auto xf = x.astype<float>();
    nd::cos(nd::exp(xf), expected_wide);
    nd::eval(nd::cos(nd::exp(nd::lazy(xf))), wide);
    expect_identical(expected_wide, wide, "broadcast into wider out");
    // A leaf alone is a copy.
    auto c = nd::zeros<double>({300, 400});
    nd::eval(nd::lazy(x.T().T()), c);
    expect_identical(x, c, "leaf");
    expect_identical(x.T().copy(), nd::eval(nd::lazy(x.T())), "leaf transposed");
  }
}

TEST(Lazy, SharedSubexpressions) {
  const auto x = data({1000, 100}, 36);
  auto t = nd::exp(nd::lazy(x)) * 0.5;
  const auto tt = nd::exp(x) * 0.5;
  expect_identical(tt * tt + tt, nd::eval(t * t + t), "shared node");
  // The expression holds its leaves: the array may go away first.
  auto e = [] {
    auto tmp = data({1000}, 37);
    return nd::lazy(tmp) + 1.0;
  }();
  expect_identical(data({1000}, 37) + 1.0, nd::eval(e), "held leaf");
}

TEST(Lazy, ErrorsAreEagers) {
  const auto x = data({3, 4}, 38);
  const auto b = x > 0.0;
  nd_test::expect_message<nd::shape_error>([&] { (void)(nd::lazy(x) + nd::zeros<double>({5})); },
                                           "operands could not be broadcast together with shapes (3,4) (5,) ");
  EXPECT_THROW((void)(-nd::lazy(b)), nd::type_error);
  EXPECT_THROW((void)(nd::lazy(b) - b), nd::type_error);
  auto i = nd::zeros<std::int32_t>({3, 4});
  nd_test::expect_message<nd::type_error>(
      [&] { nd::eval(nd::lazy(x) * 2.0, i); },
      "Cannot cast ufunc 'multiply' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'");
  auto small = nd::zeros<double>({4});
  nd_test::expect_message<nd::shape_error>([&] { nd::eval(nd::lazy(x) * 2.0, small); },
                                           "non-broadcastable output operand with shape (4,) doesn't match the "
                                           "broadcast shape (3,4)");
  EXPECT_THROW((void)(nd::lazy(i) + 3000000000LL), nd::value_error);
  // A negative integer exponent is found before anything is written.
  auto k = nd::full<std::int64_t>({3, 4}, 2);
  auto out = nd::full<std::int64_t>({3, 4}, 7);
  EXPECT_THROW(nd::eval(nd::power(nd::lazy(k), nd::lazy(k) - 3), out), nd::value_error);
  EXPECT_THROW(nd::eval(nd::power(nd::lazy(k) + 1, k - 3), out), nd::value_error);
  EXPECT_THROW((void)nd::power(nd::lazy(k), -1), nd::value_error);
  EXPECT_EQ(nd::sum(out == 7), 12);
  EXPECT_EQ(nd::eval(nd::power(nd::lazy(k), nd::lazy(k) + 1))(0, 0), 8);
  EXPECT_THROW(nd::eval(nd::lazy(x) + 1.0, nd::broadcast_to(x, {2, 3, 4})), nd::value_error);
}

}  // namespace

namespace {

template <class T>
void expect_same_value(T eager, T fused, const std::string& what) {
  EXPECT_EQ(0, std::memcmp(&eager, &fused, sizeof(T))) << what << ": " << eager << " vs " << fused;
}

// Every reduction of an expression equals the eager reduction of its value, bit for
// bit: sliced along axis 0, along the last axis, and whole.
template <class X>
void check_reductions(const std::string& what, const X& x) {
  auto f = [](auto x) { return nd::exp(x * 0.1) * x - 0.5; };
  const auto v = f(x);
  const auto e = f(nd::lazy(x));
  for (int n : {1, 3}) {
    threads t(n);
    const std::string w = what + " threads " + std::to_string(n);
    for (int axis = 0; axis < x.ndim(); ++axis) {
      const std::string wa = w + " axis " + std::to_string(axis);
      expect_identical(nd::sum(v, axis), nd::sum(e, axis), wa + " sum");
      expect_identical(nd::sum(v, axis, nd::keepdims), nd::sum(e, axis, nd::keepdims), wa + " sum keepdims");
      expect_identical(nd::mean(v, axis), nd::mean(e, axis), wa + " mean");
      expect_identical(nd::var(v, axis), nd::var(e, axis), wa + " var");
      expect_identical(nd::var(v, axis, 1), nd::var(e, axis, 1), wa + " var ddof");
      expect_identical(nd::stddev(v, axis, nd::keepdims), nd::stddev(e, axis, nd::keepdims), wa + " std");
      expect_identical(nd::min(v, axis), nd::min(e, axis), wa + " min");
      expect_identical(nd::max(v, axis), nd::max(e, axis), wa + " max");
      expect_identical(nd::any(v > 1.0, axis), nd::any(e > 1.0, axis), wa + " any");
      expect_identical(nd::all(v > -3.0, axis), nd::all(e > -3.0, axis), wa + " all");
    }
    expect_same_value(nd::sum(v), nd::sum(e), w + " sum all");
    expect_same_value(nd::mean(v), nd::mean(e), w + " mean all");
    expect_same_value(nd::var(v, nd::none, 1), nd::var(e, nd::none, 1), w + " var all");
    expect_same_value(nd::max(v), nd::max(e), w + " max all");
    expect_same_value(nd::all(v > -3.0), nd::all(e > -3.0), w + " all all");
    if (x.ndim() >= 2) {
      expect_identical(nd::sum(v, {0, 1}), nd::sum(e, {0, 1}), w + " sum axes");
      expect_identical(nd::mean(v, {0, x.ndim() - 1}, nd::keepdims), nd::mean(e, {0, x.ndim() - 1}, nd::keepdims),
                       w + " mean axes keepdims");
    }
  }
}

TEST(LazyReduce, SameAsEagerOfTheValue) {
  auto clean = [](nd::array<double> a) { return nd::where(nd::abs(a) < 100.0, a, 1.5); };
  check_reductions("matrix", clean(data({3000, 700}, 40)));
  check_reductions("tall", clean(data({50000, 3}, 41)));
  check_reductions("3-d", clean(data({40, 300, 130}, 42)));
  check_reductions("transposed", clean(data({700, 1000}, 43)).T());
  check_reductions("with NaN", data({2000, 300}, 44));
  const auto i = data<std::int32_t>({5000, 200}, 45);
  expect_identical(nd::sum(i * i, 0), nd::sum(nd::lazy(i) * i, 0), "int sum");
  expect_identical(nd::mean(i * i, 1), nd::mean(nd::lazy(i) * i, 1), "int mean");
  expect_identical(nd::sum(i > 0, 0), nd::sum(nd::lazy(i) > 0, 0), "bool sum");
  nd_test::expect_message<nd::index_error>([&] { (void)nd::sum(nd::lazy(i) * 2, 2); },
                                           "axis 2 is out of bounds for array of dimension 2");
}

// A sum or a floating mean over all of a long expression follows the eager pairwise
// tree, one node at a time (lazy_sum_flat): the same bits for every length, rank, type,
// layout and thread count (a NaN sum included), with no buffer of the operand's size.
template <class T>
void check_flat_sums(const std::string& what, const nd::array<T>& x) {
  auto f = [](auto x) {
    if constexpr (std::is_floating_point_v<T>) return nd::exp(x * T(0.1)) * x - T(0.5);
    else return nd::abs(x - T(1)) * x;
  };
  const auto v = f(x);
  const auto e = f(nd::lazy(x));
  for (int n : {1, 3}) {
    threads t(n);
    const std::string w = what + " threads " + std::to_string(n);
    expect_same_value(nd::sum(v), nd::sum(e), w + " sum");
    expect_same_value(nd::sum(v, nd::none), nd::sum(e, nd::none), w + " sum none");
    expect_same_value(nd::mean(v), nd::mean(e), w + " mean");
  }
}

TEST(LazyReduce, FlatSumsFollowThePairwiseTree) {
  for (index_t len : {index_t{131073}, (index_t{1} << 19) + 13}) {
    const std::string n = std::to_string(len);
    const auto d = data({len}, 46);
    check_flat_sums("double " + n, nd::where(nd::isfinite(d), d, 0.25));
    check_flat_sums("with NaN " + n, d);
    check_flat_sums("float " + n, nd::where(nd::isfinite(d), d, 0.25).astype<float>());
    check_flat_sums("int64 " + n, data<std::int64_t>({len}, 47));
  }
  auto clean = [](nd::array<double> a) { return nd::where(nd::abs(a) < 100.0, a, 1.5); };
  check_flat_sums("matrix", clean(data({1500, 701}, 50)));
  check_flat_sums("wide rows", clean(data({2, 300007}, 51)));
  check_flat_sums("3-d", clean(data({7, 300, 131}, 52)));
  check_flat_sums("transposed", clean(data({700, 1001}, 53)).T());
  check_flat_sums("float matrix", clean(data({900, 333}, 54)).astype<float>());
  const auto m = clean(data({1200, 301}, 55));
  const auto col = clean(data({1200, 1}, 56));
  for (int n : {1, 3}) {
    threads t(n);
    expect_same_value(nd::sum(m * col + 1.0), nd::sum(nd::lazy(m) * col + 1.0), "broadcast column");
  }
  const auto d = nd::where(nd::isfinite(data({1000003}, 48)), data({1000003}, 48), 2.0);
  check_flat_sums("strided", nd::array<double>(d(nd::slice(1, nd::none, 3))));
  check_flat_sums("reversed", nd::array<double>(d(nd::slice(nd::none, nd::none, -1))));
  const auto i = data<std::int32_t>({1 << 20}, 49);
  expect_same_value(nd::sum(i * i), nd::sum(nd::lazy(i) * i), "int32 sum");
  expect_same_value(nd::mean(i * i), nd::mean(nd::lazy(i) * i), "int32 mean (evaluated whole)");
  expect_same_value(nd::sum(i > 0), nd::sum(nd::lazy(i) > 0), "bool sum");
  nd::reset_memory_stats();
  (void)nd::sum(nd::abs(nd::lazy(d) - 1.0) * d);
  EXPECT_LT(nd::memory_stats().peak_live_bytes - nd::memory_stats().live_bytes, d.size() * 8 / 4)
      << "the sum held a buffer of the operand's size";
}

}  // namespace
