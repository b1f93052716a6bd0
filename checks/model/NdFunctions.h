// nd's functions as the checks know them: read from the runtime's own tables,
// nd/ufuncs.def (the element-wise functions: arity, operator, commutativity, the C and
// C++ math functions each replaces) and nd/functions.def (every other public function:
// its kind and whether it returns a new array, a view or its destination). A function
// added to the runtime is a row there, and the checks know it without an edit here.
// What the tables do not say (the methods of nd::array, the operators that reuse a
// temporary operand, the reductions with axis forms) is listed in NdFunctions.cpp,
// where test/tables/check_tables.py (`model`) and static_asserts compare it with the
// runtime.
#pragma once

#include "clang/Basic/OperatorKinds.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::nd_checks::model {

struct UfuncInfo {
  unsigned Inputs = 0; // operands of the form without `out`
  bool Commutative = false;
};

// The public ufunc Name (each has a form with `out`), or nullopt.
std::optional<UfuncInfo> ufuncInfo(llvm::StringRef Name);
inline bool isUfuncName(llvm::StringRef Name) { return ufuncInfo(Name).has_value(); }

// The ufunc an overloaded operator of nd::array stands for, given its operand count
// ("add" for binary +, "negative" for unary -, "bitwise_and" for &), or empty.
llvm::StringRef operatorUfunc(OverloadedOperatorKind Op, unsigned NumOperands);

// The ufunc ("nd::sqrt") that a C or C++ math function (sqrt, sqrtf, std::sqrt)
// computes element by element, by unqualified name, in namespace std or the global
// one. std::min and std::max are not among them: on floats they treat NaN unlike
// nd::minimum, and the callers translate them apart.
std::optional<llvm::StringRef> ufuncForMathFunction(llvm::StringRef Name);

// The binary ufuncs whose operators reuse a temporary operand's buffer for their result
// (nd/operators.hpp: the array<T>&& overloads); `-t` reuses t too.
bool reusesTemporaryOperand(llvm::StringRef BinaryUfunc);

// Whether the eager operation Ufunc (an operator when IsOperator) has a form over
// nd::lazy expressions (nd/lazy.hpp): every ufunc called by name does, and the
// operators + - * /, the comparisons, unary - and !; & | ^ ~ do not.
bool hasLazyForm(llvm::StringRef Ufunc, bool IsOperator);

// Methods of nd::array that return a new array: copy, astype, flatten.
bool isCopyingArrayMethod(llvm::StringRef Name);
// Methods of nd::array that may return a view: ravel, T (always a view), reshape.
bool isReshapingArrayMethod(llvm::StringRef Name);

// What a call of a function of functions.def hands back.
enum class CallResult {
  Fresh, // a new buffer nobody else can reach
  View,  // a view of an argument's buffer
  Mixed, // a view when strides allow, else a copy
  Dest,  // writes into an argument and returns it (or nothing)
  Value, // no array
};
struct FunctionInfo {
  CallResult Result = CallResult::Value;
  bool HasOutForm = false; // an overload whose last parameter is `out`
};
// The row of functions.def for nd::Name (unqualified: "sum", not "linalg::solve"), or
// nullopt for a ufunc or a name nd does not have.
std::optional<FunctionInfo> functionInfo(llvm::StringRef Name);

// The runtime's reductions with axis forms (a, axis, keepdims): sum, prod, mean, var,
// stddev, min, max, any, all, argmin, argmax.
bool isReductionName(llvm::StringRef Name);

} // namespace clang::tidy::nd_checks::model
