// RUN: %check_nd_tidy %s nd-elementwise-loop %t -- -header-filter=nd-elementwise-loop-template-header.h -config="{CheckOptions: {nd-elementwise-loop.FixInHeaders: true}}" -- -I %S/Inputs
//
// A loop of a template over nd::array<T> is checked for the instantiations of the
// translation unit. In a header, other includers may instantiate the template for other
// element types, so even with FixInHeaders there is no fix-it (a rewrite right for
// double elements may not be for int64 ones, as integer division shows). The header is
// not rewritten.
#include "nd-elementwise-loop-template-header.h"

// CHECK-NOTES: nd-elementwise-loop-template-header.h:10:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-NOTES: nd-elementwise-loop-template-header.h:10:3: note: no fix-it: the template is in a header, whose includers may instantiate it for element types this translation unit does not

nd::array<double> use(const nd::array<double> &x) { return negated(x); }
