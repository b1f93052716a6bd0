#include "model/ArrayShapes.h"

#include "model/EagerOps.h"
#include "model/HandleRebinding.h"
#include "model/NdCalls.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::nd_checks::model {

using utils::isInNdNamespace;
using utils::isNdArray;
using utils::skipImplicit;

namespace {

using Kind = Shape::Kind;

Shape known(llvm::ArrayRef<int64_t> Extents) {
  Shape S;
  S.K = Kind::Known;
  S.Extents.assign(Extents.begin(), Extents.end());
  return S;
}

Shape of(const VarDecl *Root) {
  Shape S;
  S.K = Kind::Of;
  S.Root = Root;
  return S;
}

// The shape of a nested initializer list of numbers: {{1, 2}, {3, 4}} is (2, 2).
std::optional<llvm::SmallVector<int64_t, 4>> listExtents(const Expr *E) {
  E = skipImplicit(E);
  if (const auto *Std = dyn_cast<CXXStdInitializerListExpr>(E))
    E = skipImplicit(Std->getSubExpr());
  const auto *List = dyn_cast<InitListExpr>(E);
  if (!List)
    return llvm::SmallVector<int64_t, 4>{}; // a number
  llvm::SmallVector<int64_t, 4> Extents{static_cast<int64_t>(List->getNumInits())};
  if (List->getNumInits() == 0)
    return Extents;
  std::optional<llvm::SmallVector<int64_t, 4>> Inner = listExtents(List->getInit(0));
  if (!Inner)
    return std::nullopt;
  for (const Expr *Item : List->inits())
    if (listExtents(Item) != Inner)
      return std::nullopt; // ragged
  Extents.append(Inner->begin(), Inner->end());
  return Extents;
}

bool mentionsRoot(const Shape &S) { return S.K == Kind::Of || S.K == Kind::Reduced; }

class ShapeProver {
public:
  explicit ShapeProver(ASTContext &Ctx) : Ctx(Ctx) {}

  Shape expr(const Expr *E) {
    if (++Depth > 32) {
      --Depth;
      return Shape::unknown();
    }
    Shape S = exprUnguarded(skipImplicit(E));
    --Depth;
    return S;
  }

private:
  Shape exprUnguarded(const Expr *E) {
    if (!E)
      return Shape::unknown();
    QualType T = E->getType().getNonReferenceType();
    if (T->isArithmeticType())
      return Shape::scalar();
    if (!isNdArray(T))
      return Shape::unknown();
    if (const VarDecl *V = utils::referencedVar(E))
      return var(V);
    if (std::optional<array_expr::EagerOp> Op = array_expr::matchEagerOp(E)) {
      llvm::SmallVector<Shape, 3> Operands;
      for (const Expr *Operand : Op->Operands)
        Operands.push_back(expr(Operand));
      return broadcastOf(Operands);
    }
    if (std::optional<ReductionCall> R = matchReduction(E))
      return reduction(*R);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
      return memberCall(Member);
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return creation(Call);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 1 && !Construct->getConstructor()->isCopyOrMoveConstructor())
        if (std::optional<llvm::SmallVector<int64_t, 4>> Extents =
                listExtents(Construct->getArg(0));
            Extents && !Extents->empty())
          return known(*Extents);
      if (Construct->getNumArgs() == 1 && Construct->getConstructor()->isCopyOrMoveConstructor())
        return expr(Construct->getArg(0));
    }
    return Shape::unknown();
  }

  Shape reduction(const ReductionCall &R) {
    if (!R.Axis || !R.AxesKnown)
      return Shape::unknown();
    Shape Array = expr(R.Array);
    if (Array.K == Kind::Known) {
      Shape S;
      S.K = Kind::Known;
      for (size_t A = 0; A < Array.Extents.size(); ++A) {
        bool Reduced = llvm::is_contained(R.Axes, A);
        if (!Reduced)
          S.Extents.push_back(Array.Extents[A]);
        else if (R.KeepDims)
          S.Extents.push_back(1);
      }
      return R.Axes.back() < Array.Extents.size() ? S : Shape::unknown();
    }
    if (Array.K != Kind::Of)
      return Shape::unknown();
    Shape S = Array;
    S.K = Kind::Reduced;
    S.Axes = R.Axes;
    S.KeepDims = R.KeepDims;
    return S;
  }

  Shape memberCall(const CXXMemberCallExpr *Member) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return Shape::unknown();
    if (isNdArray(Member->getObjectType()) && llvm::is_contained({"copy", "astype"}, M->getName()))
      return expr(Member->getImplicitObjectArgument());
    // nd::random's generators: the shape is the last argument.
    if (createsFreshBuffer(Member) && Member->getNumArgs() > 0)
      if (std::optional<llvm::SmallVector<int64_t, 4>> Extents =
              constantIntegers(Member->getArg(Member->getNumArgs() - 1), Ctx))
        return known(*Extents);
    return Shape::unknown();
  }

  Shape creation(const CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (!F || !isInNdNamespace(F) || !F->getDeclName().isIdentifier() || Call->getNumArgs() == 0)
      return Shape::unknown();
    llvm::StringRef Name = F->getName();
    if (llvm::is_contained({"empty", "zeros", "ones", "full"}, Name)) {
      if (std::optional<llvm::SmallVector<int64_t, 4>> Extents =
              constantIntegers(Call->getArg(0), Ctx))
        return known(*Extents);
      return Shape::unknown();
    }
    if (llvm::is_contained({"empty_like", "zeros_like", "ones_like", "full_like"}, Name))
      return expr(Call->getArg(0));
    return Shape::unknown();
  }

  // Whether the array V names is the same array (of the same shape) wherever V is
  // used: a local or by-value parameter never rebound, or a reference to const.
  bool stable(const VarDecl *V) {
    QualType T = V->getType();
    if (T->isReferenceType())
      return isa<ParmVarDecl>(V) && T.getNonReferenceType().isConstQualified();
    return V->hasLocalStorage() && !mayBeRebound(*V, Ctx);
  }

  Shape var(const VarDecl *V) {
    if (auto It = Assumed.find(V); It != Assumed.end())
      return It->second;
    const Expr *Init = isa<ParmVarDecl>(V) ? nullptr : V->getInit();
    if (!Init || !V->hasLocalStorage() || V->getType()->isReferenceType())
      return of(V);
    Shape Initial = expr(Init);
    if (!Initial.known() || (mentionsRoot(Initial) && !stable(Initial.Root)))
      return of(V);
    if (stable(V))
      return Initial;
    // Rebound only by assignments that keep the shape: v = v * 0.9 + f.
    llvm::SmallVector<const Expr *, 4> Values;
    if (!reboundOnlyByAssignment(*V, Ctx, Values))
      return of(V);
    Assumed[V] = Initial;
    bool Kept =
        llvm::all_of(Values, [&](const Expr *Value) { return sameShape(expr(Value), Initial); });
    Assumed.erase(V);
    return Kept ? Initial : of(V);
  }

  ASTContext &Ctx;
  llvm::DenseMap<const VarDecl *, Shape> Assumed;
  unsigned Depth = 0;
};

// NumPy's rule on two known shapes: aligned at the end, each extent equal or 1.
bool knownBroadcastsTo(llvm::ArrayRef<int64_t> From, llvm::ArrayRef<int64_t> To) {
  if (From.size() > To.size())
    return false;
  for (size_t I = 1; I <= From.size(); ++I) {
    int64_t F = From[From.size() - I], T = To[To.size() - I];
    if (F != T && F != 1)
      return false;
  }
  return true;
}

// Whether removing Axes (ascending) leaves the trailing axes aligned with the original:
// the reduced axes are the leading ones.
bool leadingAxes(llvm::ArrayRef<unsigned> Axes) {
  for (size_t I = 0; I < Axes.size(); ++I)
    if (Axes[I] != I)
      return false;
  return true;
}

std::optional<llvm::SmallVector<int64_t, 4>> knownBroadcast(llvm::ArrayRef<Shape> Shapes) {
  llvm::SmallVector<int64_t, 4> Result;
  for (const Shape &S : Shapes) {
    if (S.K == Kind::Scalar)
      continue;
    if (S.K != Kind::Known)
      return std::nullopt;
    if (S.Extents.size() > Result.size())
      Result.insert(Result.begin(), S.Extents.size() - Result.size(), 1);
    for (size_t I = 1; I <= S.Extents.size(); ++I) {
      int64_t &R = Result[Result.size() - I];
      int64_t E = S.Extents[S.Extents.size() - I];
      if (R == 1)
        R = E;
      else if (E != 1 && E != R)
        return std::nullopt; // a shape error at run time
    }
  }
  return Result;
}

} // namespace

Shape shapeOf(const Expr *E, ASTContext &Ctx) { return ShapeProver(Ctx).expr(E); }

bool broadcastsTo(const Shape &From, const Shape &To) {
  if (From.K == Kind::Scalar)
    return true; // a number broadcasts to any shape, known or not
  if (!From.known() || !To.known())
    return false;
  if (To.K == Kind::Scalar)
    return false;
  if (From.K == Kind::Known && From.Extents.empty())
    return true; // a 0-d array
  if (From.K == Kind::Known || To.K == Kind::Known)
    return From.K == Kind::Known && To.K == Kind::Known &&
           knownBroadcastsTo(From.Extents, To.Extents);
  if (From.Root != To.Root)
    return false;
  if (To.K == Kind::Of)
    return From.K == Kind::Of || From.KeepDims || leadingAxes(From.Axes);
  // To is a reduction of the same array: From must be the same reduction.
  return From.K == Kind::Reduced && From.Axes == To.Axes && From.KeepDims == To.KeepDims;
}

bool sameShape(const Shape &A, const Shape &B) {
  if (A.K == Kind::Scalar || B.K == Kind::Scalar)
    return A.K == B.K;
  return broadcastsTo(A, B) && broadcastsTo(B, A);
}

Shape broadcastOf(llvm::ArrayRef<Shape> Operands) {
  if (llvm::all_of(Operands, [](const Shape &S) { return S.K == Kind::Scalar; }))
    return Shape::scalar();
  for (const Shape &Candidate : Operands) {
    if (!Candidate.known() || Candidate.K == Kind::Scalar)
      continue;
    if (llvm::all_of(Operands, [&](const Shape &S) { return broadcastsTo(S, Candidate); }))
      return Candidate;
  }
  if (std::optional<llvm::SmallVector<int64_t, 4>> Extents = knownBroadcast(Operands))
    return known(*Extents);
  return Shape::unknown();
}

namespace {

// The array V was initialised with the shape of (V.copy(), nd::empty_like(V), ...), and
// whether it is one of those initialisations.
const VarDecl *initialisedFrom(const VarDecl *V, bool &ShapeCopy) {
  ShapeCopy = false;
  if (!V->getInit())
    return nullptr;
  const Expr *Init = V->getInit()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1)
    Init = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Init)) {
    ShapeCopy = Member->getMethodDecl() && Member->getMethodDecl()->getName() == "copy";
    return utils::namedArray(Member->getImplicitObjectArgument());
  }
  if (const auto *Call = dyn_cast<CallExpr>(Init); Call && Call->getNumArgs() >= 1) {
    ShapeCopy = utils::isNdFunction(Call->getDirectCallee(),
                                    {"empty_like", "zeros_like", "ones_like", "full_like"});
    return utils::namedArray(Call->getArg(0));
  }
  return nullptr;
}

// V's shape root: the first array of the chain V <- init of V <- ... that is not
// provably initialised with another array's shape.
const VarDecl *shapeRoot(const VarDecl *V, const Stmt *Scope, ASTContext &Ctx) {
  for (int Depth = 0; Depth < 8; ++Depth) {
    bool ShapeCopy = false;
    const VarDecl *Source = initialisedFrom(V, ShapeCopy);
    if (!Source || Source == V || !initialisedWithShapeOf(V, Source, Scope, Ctx))
      return V;
    V = Source;
  }
  return V;
}

} // namespace

bool initialisedWithShapeOf(const VarDecl *Dest, const VarDecl *Source, const Stmt *Scope,
                            ASTContext &Ctx) {
  bool ShapeCopy = false;
  return initialisedFrom(Dest, ShapeCopy) == Source && ShapeCopy &&
         !mayBeReboundHere(*Dest, *Scope, Ctx) && !mayBeReboundHere(*Source, *Scope, Ctx);
}

bool provablySameShape(const VarDecl *A, const VarDecl *B, const Stmt *Scope, ASTContext &Ctx) {
  return A == B || shapeRoot(A, Scope, Ctx) == shapeRoot(B, Scope, Ctx);
}

} // namespace clang::tidy::nd_checks::model
