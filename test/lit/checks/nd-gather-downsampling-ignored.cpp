// Gathers that are not downsampling by progressions produce no diagnostic at all.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#include <utility>

// Index arrays that are not (known to be) arithmetic progressions.
void not_progressions(const nd::array<double>& x, const nd::array<int64_t>& idx) {
  auto a = x(idx);
  auto listed = nd::array<int64_t>{0, 2, 4};
  auto b = x(listed);
  auto mask = nd::array<bool>{true, false, true};
  auto c = x(mask);
}

// An index array modified before the use holds other values than arange made.
void index_modified(const nd::array<double>& x) {
  auto rows = nd::arange(0, x.shape(0), 2);
  if (rows.size() > 0) rows(0) = 1;
  auto a = x(rows);

  auto cols = nd::arange(0, x.shape(0), 2);
  cols.fill(0);
  auto b = x(cols);

  auto other = nd::arange(0, x.shape(0), 2);
  auto view = other(nd::slice(0, 1));
  view.fill(3);
  auto c = x(other);

  auto moved = nd::arange(0, x.shape(0), 2);
  auto taken = std::move(moved);
  auto d = x(moved);
}

// Two 1-D index arrays zip element-wise (m[rows, cols] picks (r0, c0), (r1, c1), ...):
// not a rectangular selection, so no slice pair is equivalent.
void zipped(const nd::array<double>& m) {
  auto rows = nd::arange(0, m.shape(0), 2);
  auto cols = nd::arange(0, m.shape(0), 2);
  auto diag = m(rows, cols);
  // An index array reshaped along the wrong axis.
  auto swapped = m(rows, cols(nd::all, nd::newaxis));
}

// Basic indexing is already a view.
void basic(const nd::array<double>& m) {
  auto a = m(nd::slice(0, nd::none, 2), 1);
  auto b = m(1, 2);
}
