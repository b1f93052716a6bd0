#include "model/NdFunctions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <string>
#include <string_view>

namespace clang::tidy::nd_checks::model {

namespace {

// ---- the runtime's tables, expanded into constexpr arrays

// nd/ufuncs.def's `api` column: internal ufuncs (copy) have no public function.
enum class UfuncApi { ufunc, custom, internal };

struct UfuncRow {
  std::string_view Name;
  unsigned Arity;
  bool Public;
  bool Commutative;
  std::string_view Operator; // nd's spelling, "" when none
  std::string_view CNames;   // space-separated
};

constexpr UfuncRow Ufuncs[] = {
#define ND_UFUNC(name, numpy, arity, family, result, accepts, ulp32, ulp64, api, commutative, op,  \
                 c_names)                                                                          \
  {#name, arity, UfuncApi::api != UfuncApi::internal, commutative != 0, op, c_names},
#include "nd/ufuncs.def"
};

// nd/functions.def's `kind` column: only its name matters to the checks today.
enum class FunctionKind {
  reduction,
  scan,
  shape,
  creation,
  view,
  indexing,
  sorting,
  counting,
  linalg,
  io,
  random,
  elementwise,
  query,
  config
};
// nd/functions.def's `result` column, spelled as the table spells it.
namespace result_column {
constexpr CallResult fresh = CallResult::Fresh, view = CallResult::View, mixed = CallResult::Mixed,
                     dest = CallResult::Dest, value = CallResult::Value;
} // namespace result_column

struct FunctionRow {
  std::string_view Name;
  FunctionKind Kind;
  CallResult Result;
  bool HasOut;
};

constexpr FunctionRow Functions[] = {
#define ND_FUNCTION(name, kind, result, out)                                                       \
  {name, FunctionKind::kind, result_column::result, out != 0},
#include "nd/functions.def"
};

constexpr const UfuncRow *findUfunc(std::string_view Name) {
  for (const UfuncRow &Row : Ufuncs)
    if (Row.Public && Row.Name == Name)
      return &Row;
  return nullptr;
}

constexpr const FunctionRow *findFunction(std::string_view Name) {
  for (const FunctionRow &Row : Functions)
    if (Row.Name == Name)
      return &Row;
  return nullptr;
}

std::string_view view(llvm::StringRef S) { return {S.data(), S.size()}; }

// ---- what the tables do not say, checked against them at compile time

// nd/operators.hpp's ND_ARITHMETIC_OPERATOR rows (check_tables.py `model` compares).
constexpr std::string_view TemporaryReusingUfuncs[] = {"add", "subtract", "multiply", "divide"};
// The operators nd/lazy.hpp declares on expressions (ND_LAZY_OPERATOR, unary - and !;
// check_tables.py `model` compares).
constexpr std::string_view LazyOperatorUfuncs[] = {
    "add",  "subtract",   "multiply", "divide",        "equal",    "not_equal",
    "less", "less_equal", "greater",  "greater_equal", "negative", "logical_not"};
// The reductions of nd/reduce.hpp, the function objects with the forms (a),
// (a, axis), (a, axes), (a, axis, keepdims), and var/stddev's ddof.
constexpr std::string_view AxisReductions[] = {"sum", "prod", "mean", "var",    "stddev", "min",
                                               "max", "any",  "all",  "argmin", "argmax"};

constexpr bool allUfuncsWithOperators() {
  for (std::string_view Name : TemporaryReusingUfuncs)
    if (const UfuncRow *Row = findUfunc(Name); !Row || Row->Operator.empty() || Row->Arity != 2)
      return false;
  return true;
}
static_assert(allUfuncsWithOperators(),
              "TemporaryReusingUfuncs names a binary operator ufunc nd/ufuncs.def lacks");

constexpr bool allLazyOperatorsAreOperators() {
  for (std::string_view Name : LazyOperatorUfuncs)
    if (const UfuncRow *Row = findUfunc(Name); !Row || Row->Operator.empty())
      return false;
  return true;
}
static_assert(allLazyOperatorsAreOperators(),
              "LazyOperatorUfuncs names an operator ufunc nd/ufuncs.def lacks");

constexpr bool allFreshReductions() {
  for (std::string_view Name : AxisReductions)
    if (const FunctionRow *Row = findFunction(Name);
        !Row || Row->Kind != FunctionKind::reduction || Row->Result != CallResult::Fresh)
      return false;
  return true;
}
static_assert(allFreshReductions(),
              "AxisReductions names a function that nd/functions.def has as no fresh reduction");

// The C and C++ math names of each ufunc: "sqrtf" -> "nd::sqrt". Names written with
// "std::" (std::min, std::max) are left to the callers.
const llvm::StringMap<std::string> &mathFunctions() {
  static const llvm::StringMap<std::string> Map = [] {
    llvm::StringMap<std::string> M;
    for (const UfuncRow &Row : Ufuncs) {
      llvm::SmallVector<llvm::StringRef, 4> Names;
      llvm::StringRef(Row.CNames.data(), Row.CNames.size()).split(Names, ' ', -1, false);
      for (llvm::StringRef Name : Names)
        if (Row.Public && !Name.contains("::"))
          M.try_emplace(Name, "nd::" + std::string(Row.Name));
    }
    return M;
  }();
  return Map;
}

} // namespace

std::optional<UfuncInfo> ufuncInfo(llvm::StringRef Name) {
  if (const UfuncRow *Row = findUfunc(view(Name)))
    return UfuncInfo{Row->Arity, Row->Commutative};
  return std::nullopt;
}

llvm::StringRef operatorUfunc(OverloadedOperatorKind Op, unsigned NumOperands) {
  if (Op == OO_None || Op >= NUM_OVERLOADED_OPERATORS)
    return {};
  std::string_view Spelling = getOperatorSpelling(Op);
  for (const UfuncRow &Row : Ufuncs)
    if (Row.Public && Row.Arity == NumOperands && Row.Operator == Spelling)
      return {Row.Name.data(), Row.Name.size()};
  return {};
}

std::optional<llvm::StringRef> ufuncForMathFunction(llvm::StringRef Name) {
  const llvm::StringMap<std::string> &Map = mathFunctions();
  if (auto It = Map.find(Name); It != Map.end())
    return llvm::StringRef(It->second);
  return std::nullopt;
}

bool reusesTemporaryOperand(llvm::StringRef BinaryUfunc) {
  return llvm::is_contained(TemporaryReusingUfuncs, view(BinaryUfunc));
}

bool hasLazyForm(llvm::StringRef Ufunc, bool IsOperator) {
  return !IsOperator || llvm::is_contained(LazyOperatorUfuncs, view(Ufunc));
}

bool isCopyingArrayMethod(llvm::StringRef Name) {
  return llvm::is_contained({"copy", "astype", "flatten"}, Name);
}

bool isReshapingArrayMethod(llvm::StringRef Name) {
  return llvm::is_contained({"ravel", "T", "reshape"}, Name);
}

std::optional<FunctionInfo> functionInfo(llvm::StringRef Name) {
  const FunctionRow *Row = findFunction(view(Name));
  if (!Row)
    return std::nullopt;
  return FunctionInfo{Row->Result, Row->HasOut};
}

bool isReductionName(llvm::StringRef Name) {
  return llvm::is_contained(AxisReductions, view(Name));
}

} // namespace clang::tidy::nd_checks::model
