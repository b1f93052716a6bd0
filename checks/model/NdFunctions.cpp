#include "model/NdFunctions.h"

#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::nd_checks::model {

// Tables, not llvm::StringSwitch::Cases, which LLVM 22 deprecates in a form LLVM 19
// does not have.

std::optional<UfuncInfo> ufuncInfo(llvm::StringRef Name) {
  static constexpr struct {
    const char *Name;
    UfuncInfo Info;
  } Table[] = {
      {"add", {2, true}},          {"multiply", {2, true}},       {"subtract", {2, false}},
      {"divide", {2, false}},      {"power", {2, false}},         {"minimum", {2, false}},
      {"maximum", {2, false}},     {"equal", {2, false}},         {"not_equal", {2, false}},
      {"less", {2, false}},        {"less_equal", {2, false}},    {"greater", {2, false}},
      {"greater_equal", {2, false}}, {"logical_and", {2, false}}, {"logical_or", {2, false}},
      {"negative", {1, false}},    {"abs", {1, false}},           {"sqrt", {1, false}},
      {"square", {1, false}},      {"exp", {1, false}},           {"log", {1, false}},
      {"sin", {1, false}},         {"cos", {1, false}},           {"logical_not", {1, false}},
      {"clip", {3, false}},        {"where", {3, false}},
  };
  for (const auto &Row : Table)
    if (Name == Row.Name)
      return Row.Info;
  return std::nullopt;
}

// The ufunc an overloaded operator stands for, given its operand count.
llvm::StringRef operatorUfunc(OverloadedOperatorKind Op, unsigned NumOperands) {
  if (NumOperands == 1) {
    switch (Op) {
    case OO_Minus: return "negative";
    case OO_Exclaim: return "logical_not";
    default: return {};
    }
  }
  if (NumOperands != 2)
    return {};
  switch (Op) {
  case OO_Plus: return "add";
  case OO_Minus: return "subtract";
  case OO_Star: return "multiply";
  case OO_Slash: return "divide";
  case OO_Less: return "less";
  case OO_LessEqual: return "less_equal";
  case OO_Greater: return "greater";
  case OO_GreaterEqual: return "greater_equal";
  case OO_EqualEqual: return "equal";
  case OO_ExclaimEqual: return "not_equal";
  default: return {};
  }
}

std::optional<llvm::StringRef> ufuncForMathFunction(llvm::StringRef Name) {
  static constexpr struct {
    const char *Math, *Ufunc;
  } Table[] = {
      {"sqrt", "nd::sqrt"}, {"sqrtf", "nd::sqrt"}, {"exp", "nd::exp"},     {"expf", "nd::exp"},
      {"log", "nd::log"},   {"logf", "nd::log"},   {"abs", "nd::abs"},     {"fabs", "nd::abs"},
      {"fabsf", "nd::abs"}, {"pow", "nd::power"},  {"powf", "nd::power"},  {"sin", "nd::sin"},
      {"sinf", "nd::sin"},  {"cos", "nd::cos"},    {"cosf", "nd::cos"},
  };
  for (const auto &Row : Table)
    if (Name == Row.Math)
      return llvm::StringRef(Row.Ufunc);
  return std::nullopt;
}

bool reusesTemporaryOperand(llvm::StringRef BinaryUfunc) {
  return llvm::is_contained({"add", "subtract", "multiply", "divide"}, BinaryUfunc);
}

bool isCopyingArrayMethod(llvm::StringRef Name) {
  return llvm::is_contained({"copy", "astype", "flatten"}, Name);
}

bool isReshapingArrayMethod(llvm::StringRef Name) {
  return llvm::is_contained({"ravel", "T", "reshape"}, Name);
}

bool isBroadcastingViewFunction(llvm::StringRef Name) {
  return llvm::is_contained({"broadcast_to", "broadcast_arrays"}, Name);
}

bool isArrayMakingFunction(llvm::StringRef Name) {
  return llvm::is_contained({"empty", "zeros", "ones", "full", "empty_like", "zeros_like",
                             "ones_like", "full_like", "arange", "linspace", "take",
                             "concatenate", "stack", "matmul", "dot", "outer", "where", "clip",
                             "load", "load_as", "ascontiguousarray"},
                            Name);
}

bool isReductionName(llvm::StringRef Name) {
  return llvm::is_contained({"sum", "prod", "mean", "var", "stddev", "min", "max", "any", "all",
                             "argmin", "argmax"},
                            Name);
}

} // namespace clang::tidy::nd_checks::model
