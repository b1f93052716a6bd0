// RUN: %check_nd_tidy %s nd-elementwise-loop %t -- -header-filter=nd-elementwise-loop-header.h -- -I %S/Inputs
//
// FixInHeaders is off by default: a loop in a header is reported with a note and no
// fix-it (a fix there would change every file that includes it). The header is not
// rewritten, so this test does not enable the option.
#include "nd-elementwise-loop-header.h"

// CHECK-NOTES: nd-elementwise-loop-header.h:8:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-NOTES: nd-elementwise-loop-header.h:8:3: note: no fix-it: fix-its in headers are disabled (option FixInHeaders)

nd::array<double> use(const nd::array<double> &x) { return halved(x); }
