// What the checks can prove about the shape of an nd::array expression, without
// running the program: a shape fixed by literals, the shape of a named array (followed
// through copy(), astype and the *_like creations), or a reduction of one. Used to
// decide whether the runtime elides a temporary (the other operands must broadcast to
// it), whether a rewrite may allocate a buffer of the result's shape, and whether a
// loop's destination has the shape of the expression that replaces it.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::nd_checks::model {

struct Shape {
  enum class Kind {
    Unknown, // nothing is proven
    Scalar,  // a C++ number: broadcasts to anything
    Known,   // Extents, fixed by the program's literals
    Of,      // the shape that array Root has where the expression is evaluated
    Reduced, // Root's shape with Axes removed (or kept as 1 with KeepDims)
  };
  Kind K = Kind::Unknown;
  llvm::SmallVector<int64_t, 4> Extents;
  const VarDecl *Root = nullptr;
  llvm::SmallVector<unsigned, 2> Axes; // ascending, non-negative
  bool KeepDims = false;

  bool known() const { return K != Kind::Unknown; }
  static Shape unknown() { return {}; }
  static Shape scalar() {
    Shape S;
    S.K = Kind::Scalar;
    return S;
  }
};

// The shape of E (an nd::array expression or an arithmetic scalar) as far as it is
// provable. Named arrays are followed to the array whose shape they were made with
// (y = x.copy(), nd::empty_like(x), x.astype<U>()) or to a literal shape (nd::zeros<T>({3,
// 4}), rng.random({n}) with a constant n, an initializer list) when neither handle is
// ever rebound, or only rebound by assignments of the same shape (v = v * 0.9 + f).
Shape shapeOf(const Expr *E, ASTContext &Ctx);

// Whether an array of shape From provably broadcasts to To without changing To.
bool broadcastsTo(const Shape &From, const Shape &To);

// Whether A and B are provably the same shape.
bool sameShape(const Shape &A, const Shape &B);

// The broadcast shape of Operands when one of them provably is it; Unknown otherwise.
Shape broadcastOf(llvm::ArrayRef<Shape> Operands);

// Whether Dest provably has Source's shape wherever Scope uses them: Dest is initialised
// with Source.copy() or nd::empty_like(Source) (zeros_like, ones_like, full_like), and
// neither is ever rebound through its name (mayBeReboundHere).
bool initialisedWithShapeOf(const VarDecl *Dest, const VarDecl *Source, const Stmt *Scope,
                            ASTContext &Ctx);

// Whether A and B provably have the same shape: the same variable, or linked by a chain
// of initialisations as in initialisedWithShapeOf.
bool provablySameShape(const VarDecl *A, const VarDecl *B, const Stmt *Scope, ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::model
