// No fix-it inside macro expansions; a gather in a function template is reported
// once, at the template, however often it is instantiated.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#define EVERY_OTHER(x) (x)(nd::arange(0, (x).shape(0), 2))

void in_macro(const nd::array<double>& x) {
  auto y = EVERY_OTHER(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :6:24: note: expanded from macro 'EVERY_OTHER'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: no fix-it: the gather is inside a macro expansion
  // CHECK-NOTES: :6:24: note: expanded from macro 'EVERY_OTHER'
  // CHECK-FIXES: auto y = EVERY_OTHER(x);
}

// The element type is a template parameter, so the gather is resolved only in the
// instantiations; both agree on the fix, which is reported once.
template <class T>
nd::array<T> downsample(const nd::array<T>& m) {
  auto rows = nd::arange(0, m.shape(0), 2);
  return m(rows);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the fix keeps a copy: the result escapes here
  // CHECK-FIXES: {{^}}nd::array<T> downsample(const nd::array<T>& m) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return m(nd::slice(0, nd::none, 2)).copy();{{$}}
}

// A template whose types are known in the template itself is reported there, once.
template <int Step>
nd::array<double> every(const nd::array<double>& x) {
  return x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the fix keeps a copy: the result escapes here
  // CHECK-FIXES: return x(nd::slice(0, nd::none, 2)).copy();
}

double use_every(const nd::array<double>& a) { return every<1>(a)(0) + every<2>(a)(0); }

nd::array<double> use_templates(const nd::array<double>& a, const nd::array<float>& b) {
  downsample(b);
  return downsample(a);
}
