#include "TransformCall.h"

#include "LoopArrayAccess.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Tooling/FixIt.h"

namespace clang::tidy::nd_checks {

// The source text of a node, as written.
using tooling::fixit::getText;

static bool isMethodCall(const Expr *E, llvm::StringRef Name, const CXXMemberCallExpr **Out) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(utils::skipImplicit(E));
  const CXXMethodDecl *M = Member ? Member->getMethodDecl() : nullptr;
  if (!M || !M->getDeclName().isIdentifier() || M->getName() != Name ||
      !utils::isNdArray(Member->getObjectType()))
    return false;
  *Out = Member;
  return true;
}

static bool isDataCall(const Expr *E) {
  const CXXMemberCallExpr *Member = nullptr;
  return isMethodCall(E, "data", &Member);
}

// `a.data()` of a named nd::array: the array, or null.
static const VarDecl *dataOf(const Expr *E) {
  const CXXMemberCallExpr *Member = nullptr;
  return isMethodCall(E, "data", &Member) ? utils::namedArray(Member->getImplicitObjectArgument())
                                          : nullptr;
}

// `a.size()` of a named nd::array: the array, or null.
static const VarDecl *sizeOf(const Expr *E) {
  const CXXMemberCallExpr *Member = nullptr;
  return isMethodCall(E, "size", &Member) ? utils::namedArray(Member->getImplicitObjectArgument())
                                          : nullptr;
}

// `a.data() + a.size()`: the array, or null.
static const VarDecl *endOf(const Expr *E) {
  const auto *Add = dyn_cast<BinaryOperator>(utils::skipImplicit(E));
  if (!Add || Add->getOpcode() != BO_Add)
    return nullptr;
  const VarDecl *Array = dataOf(Add->getLHS());
  return Array && sizeOf(Add->getRHS()) == Array ? Array : nullptr;
}

// The std::span or std::ranges::subrange constructed from two arguments in E.
static const CXXConstructExpr *viewConstruction(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct)
      return nullptr;
    const CXXRecordDecl *Record = Construct->getType()->getAsCXXRecordDecl();
    if (Construct->getNumArgs() == 1) {
      E = Construct->getArg(0); // a copy or move of the view
      continue;
    }
    if (Construct->getNumArgs() != 2 || !Record || !Record->getDeclName().isIdentifier() ||
        !(Record->getName() == "span" || Record->getName() == "subrange"))
      return nullptr;
    const DeclContext *Namespace = Record->getEnclosingNamespaceContext();
    return Namespace && (Namespace->isStdNamespace() ||
                         (Namespace->getParent() && Namespace->getParent()->isStdNamespace()))
               ? Construct
               : nullptr;
  }
  return nullptr;
}

// Whether E is a view over nd::array data; Array is the named array it starts at (or
// null), Whole whether it is provably all of it (`std::span(a.data(), a.size())`, or
// `(a.data(), a.data() + a.size())`).
static bool rangeOverData(const Expr *E, const VarDecl *&Array, bool &Whole) {
  const CXXConstructExpr *View = viewConstruction(E);
  if (!View || !isDataCall(View->getArg(0)))
    return false;
  Array = dataOf(View->getArg(0));
  Whole = Array && (sizeOf(View->getArg(1)) == Array || endOf(View->getArg(1)) == Array);
  return true;
}

namespace {
// Builds the TransformCall from the arguments of one of the four forms.
class TransformParser {
public:
  TransformParser(TransformCall &T, const ASTContext &Context) : T(T), Context(Context) {}

  void reject(const Expr *At, std::string Why) {
    if (T.Problem.empty()) {
      T.ProblemAt = At;
      T.Problem = std::move(Why);
    }
  }
  // `first, last`: the first input as a pointer pair.
  void firstPair(const Expr *First, const Expr *Last) {
    T.First = First;
    T.X = dataOf(First);
    if (!T.X || endOf(Last) != T.X)
      reject(Last, "the range '" + getText(*First, Context).str() + ", " +
                       getText(*Last, Context).str() +
                       "' is not provably all of a named array ('a.data(), a.data() + a.size()') "
                       "(index shape)");
  }
  void firstRange(const Expr *Range) {
    T.First = Range;
    bool Whole = false;
    rangeOverData(Range, T.X, Whole);
    if (!Whole)
      reject(Range, "the range '" + getText(*Range, Context).str() +
                        "' is not provably all of a named array ('std::span(a.data(), "
                        "a.size())') (index shape)");
  }
  void secondBegin(const Expr *First, const Expr *Last) {
    T.Second = First;
    T.Z = dataOf(First);
    if (!T.Z)
      reject(First, "the second input '" + getText(*First, Context).str() +
                        "' is not 'a.data()' of a named array");
    else if (Last && endOf(Last) != T.Z)
      reject(Last, "the second range ends at '" + getText(*Last, Context).str() + "', not at '" +
                       T.Z->getNameAsString() + ".data() + " + T.Z->getNameAsString() +
                       ".size()' (index shape)");
  }
  void secondRange(const Expr *Range) {
    T.Second = Range;
    bool Whole = false;
    if (!rangeOverData(Range, T.Z, Whole) || !Whole)
      reject(Range, "the second input '" + getText(*Range, Context).str() +
                        "' is not provably all of a named array ('std::span(a.data(), "
                        "a.size())')");
  }
  void out(const Expr *Out, const Expr *Function) {
    T.Out = Out;
    T.Function = Function;
    T.Y = dataOf(Out);
    if (!T.Y)
      reject(Out, "the output '" + getText(*Out, Context).str() +
                      "' is not 'a.data()' of a named array");
  }

private:
  TransformCall &T;
  const ASTContext &Context;
};
} // namespace

static std::optional<TransformCall> matchStdTransform(const CallExpr *Call,
                                                      const ASTContext &Context) {
  unsigned N = Call->getNumArgs();
  if ((N != 4 && N != 5) || !isDataCall(Call->getArg(0)))
    return std::nullopt;
  TransformCall T;
  T.Name = "std::transform";
  TransformParser Parse(T, Context);
  Parse.firstPair(Call->getArg(0), Call->getArg(1));
  if (N == 5)
    Parse.secondBegin(Call->getArg(2), nullptr);
  Parse.out(Call->getArg(N - 2), Call->getArg(N - 1));
  return T;
}

// std::ranges::transform is a function object: its call operator's arity tells the
// form (projections are trailing defaulted parameters).
static std::optional<TransformCall> matchRangesTransform(const CXXOperatorCallExpr *Call,
                                                         const ASTContext &Context) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl());
  if (!Method)
    return std::nullopt;
  std::vector<const Expr *> Args(Call->arg_begin() + 1, Call->arg_end());
  unsigned Projections = 0, Params = Method->getNumParams();
  bool Iterators = Params == 5 || Params == 8;
  if (Params == 5 || Params == 4)
    Projections = 1;
  else if (Params == 8 || Params == 6)
    Projections = 2;
  if (!Projections || Args.size() != Params)
    return std::nullopt;
  const Expr *First = Args[0];
  const VarDecl *Ignored = nullptr;
  bool Whole = false;
  if (Iterators ? !isDataCall(First) : !rangeOverData(First, Ignored, Whole))
    return std::nullopt;
  TransformCall T;
  T.Name = "std::ranges::transform";
  TransformParser Parse(T, Context);
  unsigned Next = 0;
  if (Iterators) {
    Parse.firstPair(Args[0], Args[1]);
    Next = 2;
  } else {
    Parse.firstRange(Args[0]);
    Next = 1;
  }
  if (Projections == 2) {
    if (Iterators)
      Parse.secondBegin(Args[Next], Args[Next + 1]);
    else
      Parse.secondRange(Args[Next]);
    Next += Iterators ? 2 : 1;
  }
  Parse.out(Args[Next], Args[Next + 1]);
  for (unsigned I = Next + 2; I < Args.size(); ++I)
    if (!isa<CXXDefaultArgExpr>(Args[I]))
      Parse.reject(Args[I], "the call applies the projection '" + getText(*Args[I], Context).str() +
                                "' to the elements");
  return T;
}

std::optional<TransformCall> matchTransformCall(const CallExpr *Call, const ASTContext &Context) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call))
    return matchRangesTransform(Operator, Context);
  return matchStdTransform(Call, Context);
}

} // namespace clang::tidy::nd_checks
