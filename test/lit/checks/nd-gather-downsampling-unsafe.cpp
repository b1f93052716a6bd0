// Progressions whose slice would not provably select the same elements: the
// diagnostic comes with a note saying why, and there is no fix.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
#include <nd/nd.hpp>

// A gather throws on an out-of-range index, a slice clips it: the stop must be the
// axis's length or a constant known to be within it.
void stop_out_of_range(const nd::array<double>& x) {
  auto y = x(nd::arange(0, 10, 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: no fix-it: the stop is not provably within the axis (a gather throws on an out-of-range index, a slice clips it); spell it with the axis's shape(k)
}

void stop_beyond_known_length() {
  auto x = nd::zeros<double>({6});
  auto y = x(nd::arange(0, 8, 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: no fix-it: the stop is not provably within the axis (a gather throws on an out-of-range index, a slice clips it); spell it with the axis's shape(k)
}

// The stop is another axis's length.
void wrong_axis(const nd::array<double>& m) {
  auto y = m(nd::all, nd::arange(0, m.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:23: note: no fix-it: the stop is not provably within the axis (a gather throws on an out-of-range index, a slice clips it); spell it with the axis's shape(k)
}

// size() is the length of axis 0 only for a one-dimensional array.
void size_of_unknown_rank(const nd::array<double>& x) {
  auto y = x(nd::arange(0, x.size(), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: no fix-it: the stop is not provably within the axis (a gather throws on an out-of-range index, a slice clips it); spell it with the axis's shape(k)
}

// A negative start wraps index by index in a gather; a slice starting at -2 does not
// go on to 0, 1, ...
void negative_start(const nd::array<double>& x) {
  auto y = x(nd::arange(-2, x.shape(0), 1));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: no fix-it: the start is negative (a gather wraps negative indices one by one, a slice does not)
}

// A step whose sign is unknown.
void variable_step(const nd::array<double>& x, int step) {
  auto y = x(nd::arange(0, x.shape(0), step));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: no fix-it: the step is not a constant, so its sign is unknown
}

// A start that may be negative.
void variable_start(const nd::array<double>& x, nd::index_t first) {
  auto y = x(nd::arange(first, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: no fix-it: the start is not a constant known to be non-negative (a gather wraps negative indices one by one, a slice does not)
}

// The index was made from m's shape, but m names another array by the time of the
// gather: m.shape(0) there is not the length the index was made for.
void source_reassigned(nd::array<double> m, const nd::array<double>& other) {
  auto rows = nd::arange(0, m.shape(0), 2);
  m = other;
  auto y = m(rows, 0);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-4]]:15: note: no fix-it: the stop is not provably within the axis (a gather throws on an out-of-range index, a slice clips it); spell it with the axis's shape(k) ('m' may be reassigned after the index is made)
}

// Integers are advanced indices too: separated from the index array by a slice, they
// move the gathered axis to the front of the result, unlike a slice.
void separated_integer(const nd::array<double>& t) {
  auto y = t(0, nd::all, nd::arange(0, t.shape(2), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: the index arrays and integer indices are not adjacent, so the gather puts the selected axes first and no slice gives the same shape
}

// After an ellipsis the axis an index array selects is not known.
void after_ellipsis(const nd::array<double>& t) {
  auto y = t(nd::ellipsis, nd::arange(0, 4, 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: an nd::ellipsis before the index arrays hides which axes they select
}

// nd::take without an axis indexes the flattened array.
void take_flattened(const nd::array<double>& m) {
  auto y = nd::take(m, nd::arange(0, m.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: nd::take without an axis indexes the flattened array
}
