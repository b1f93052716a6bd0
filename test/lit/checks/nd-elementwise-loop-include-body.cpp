// RUN: %check_nd_tidy %s nd-elementwise-loop %t -- -- -I %S/Inputs
//
// A loop whose body, or part of it, is written in another file and #included: a fix-it
// cannot replace text across files, so the loop is reported with a note saying so
// (before, the warning came without a note and without a fix).
#include <nd/nd.hpp>

void body_in_file(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
#include "nd-elementwise-loop-body.inc"
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: no fix-it: part of the loop comes from another file ('nd-elementwise-loop-body.inc') through an #include; a fix-it cannot rewrite text across files
}

void block_in_file(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
#include "nd-elementwise-loop-block.inc"
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: no fix-it: part of the loop comes from another file ('nd-elementwise-loop-block.inc') through an #include; a fix-it cannot rewrite text across files
}

void include_inside_braces(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i) {
#include "nd-elementwise-loop-body.inc"
  }
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: no fix-it: part of the loop comes from another file ('nd-elementwise-loop-body.inc') through an #include; a fix-it cannot rewrite text across files
}
