// nd's functions as the checks know them, in one place: the ufuncs with their arity,
// the operators that stand for ufuncs, the C and C++ math functions that have one,
// which calls hand back a new array or a view, the reductions, and the ufuncs whose
// operators reuse a temporary operand. Every other file of the model and of the checks
// asks here, so that the runtime's own table of functions can replace these lists in
// this file alone.
#pragma once

#include "clang/Basic/OperatorKinds.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::nd_checks::model {

struct UfuncInfo {
  unsigned Inputs = 0;  // operands of the form without `out`
  bool Commutative = false;
};

// The ufunc Name (each has a form with `out`), or nullopt.
std::optional<UfuncInfo> ufuncInfo(llvm::StringRef Name);
inline bool isUfuncName(llvm::StringRef Name) { return ufuncInfo(Name).has_value(); }

// The ufunc an overloaded operator of nd::array stands for, given its operand count
// ("add" for binary +), or empty.
llvm::StringRef operatorUfunc(OverloadedOperatorKind Op, unsigned NumOperands);

// The ufunc ("nd::sqrt") a C or C++ math function (sqrt, sqrtf, std::sqrt) computes
// element by element, by unqualified name.
std::optional<llvm::StringRef> ufuncForMathFunction(llvm::StringRef Name);

// The binary ufuncs whose operators reuse a temporary operand's buffer for their result
// (nd/operators.hpp: the array<T>&& overloads); `-t` reuses t too.
bool reusesTemporaryOperand(llvm::StringRef BinaryUfunc);

// Methods of nd::array that return a new array: copy, astype, flatten.
bool isCopyingArrayMethod(llvm::StringRef Name);
// Methods of nd::array that may return a view: ravel, T (always a view), reshape.
bool isReshapingArrayMethod(llvm::StringRef Name);
// Functions of nd that return views of their arguments: broadcast_to, broadcast_arrays.
bool isBroadcastingViewFunction(llvm::StringRef Name);
// Functions of nd that return a new array: creation (empty, zeros, arange, ...),
// gathers, joins, products, where, clip, load; and ascontiguousarray, which returns
// its argument when it is already contiguous.
bool isArrayMakingFunction(llvm::StringRef Name);

// The runtime's reductions along axes: sum, prod, mean, var, stddev, min, max, any,
// all, argmin, argmax.
bool isReductionName(llvm::StringRef Name);

} // namespace clang::tidy::nd_checks::model
