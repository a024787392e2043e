//===- ArrayBuiltins.h - Typing rules of operators and jnp built-ins -*- C++ -*-===//
//
// The typing rules of everything that maps arrays to arrays without taking a
// function: the operators (`+`, `@`, `<`, ...), indexing and `.at[]`
// updates, array attributes (`x.T`, `x.shape`) and the array library of
// language.md section 7 (creation, elementwise, reductions, shape, linear
// algebra). JAX dtype promotion with weak types and NumPy broadcasting live
// here too.
//
// Built-ins that take functions (control flow, transformations, tree_map)
// are checked by Sema itself, since they instantiate the functions.
//
// Every check returns the result type, or null after reporting an error
// through the DiagnosticEngine at the most precise location available
// (the offending argument's `loc`).
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_ARRAYBUILTINS_H
#define JX_FRONTEND_ARRAYBUILTINS_H

#include "jx/Frontend/StaticValue.h"
#include "jx/Frontend/Type.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <optional>

namespace jx {

namespace builtins {
class SizeSymbols;
} // namespace builtins

/// One checked argument of a built-in call.
struct BuiltinArg {
  SourceLoc loc;
  std::string keyword; ///< empty for a positional argument
  const Type *type = nullptr;
  /// Set when Sema could evaluate the argument at compile time.
  std::optional<StaticValue> value;
};

/// One checked entry of a subscript (`x[i, 1:n, ..., none]`).
struct IndexArg {
  enum class Kind { Scalar, Array, Slice, Ellipsis, NewAxis };
  Kind kind = Kind::Scalar;
  SourceLoc loc;
  const Type *type = nullptr; ///< Scalar/Array: the index's type
  /// Slice bounds, each unset when omitted or when only known at run time
  /// (then `dynamicBounds` is true).
  std::optional<StaticValue> lo, hi, step;
  bool dynamicBounds = false;
  std::optional<StaticValue> value; ///< Scalar: a static index, if known
};

/// Result dtype and weakness of combining two operands (JAX's lattice).
struct Promotion {
  DType dtype;
  bool weak;
};
Promotion promoteDTypes(DType a, bool aWeak, DType b, bool bWeak);

class ArrayBuiltins {
public:
  ArrayBuiltins(TypeContext &types, DiagnosticEngine &diag)
      : types(types), diag(diag) {}

  /// NumPy broadcasting of two shapes; reports "incompatible shapes for
  /// broadcasting: f32[n, 3] and f32[4]" (with both types) at `loc`.
  std::optional<Shape> broadcastShapes(SourceLoc loc, const ArrayType *a,
                                       const ArrayType *b);

  const Type *checkUnary(UnaryOp op, SourceLoc loc, const Type *operand);
  const Type *checkBinary(BinaryOp op, SourceLoc loc, const Type *lhs,
                          const Type *rhs);

  /// `x[...]`.
  const Type *checkIndex(SourceLoc loc, const Type *base,
                         llvm::ArrayRef<IndexArg> items);
  /// `x.at[...].set(v)` and `.add .mul .min .max`, `.get()`.
  const Type *checkAtUpdate(SourceLoc loc, const Type *base,
                            llvm::ArrayRef<IndexArg> items,
                            llvm::StringRef method,
                            llvm::ArrayRef<BuiltinArg> args);

  /// Attributes that are not calls: `x.T`, `x.shape`, `x.ndim`, `x.size`,
  /// `x.dtype`, `x.mT`. Returns null without reporting when `name` is not one.
  const Type *checkAttribute(SourceLoc loc, const Type *base,
                             llvm::StringRef name);

  /// True for the names of section 7 (and the method forms' names).
  static bool isBuiltin(llvm::StringRef name);
  /// Methods `x.sum(axis=0)` are checked as `sum(x, axis=0)`; true when
  /// `name` may be used as a method.
  static bool isMethod(llvm::StringRef name);

  /// `name(args...)` for a section 7 built-in.
  const Type *checkCall(llvm::StringRef name, SourceLoc loc,
                        llvm::ArrayRef<BuiltinArg> args);

  /// An array literal `[[1, 2], [3, 4]]` given its elements' types.
  const Type *checkArrayLiteral(SourceLoc loc,
                                llvm::ArrayRef<BuiltinArg> elements);

  /// The compile-time value of `x.shape`: a tuple of Int (static dims) and
  /// Size (size variables) values.
  static StaticValue shapeValue(const ArrayType *type);

  /// The compile-time value of an attribute of an array, when it has one:
  /// `shape` (see shapeValue), `ndim` and `size` (Int, or Size for a size
  /// that is only known at run time) and `dtype` (DType). None for other
  /// names and non-array bases. Reports nothing.
  std::optional<StaticValue> attributeValue(const Type *base,
                                            llvm::StringRef name);

  /// Size arithmetic for Sema's static evaluation of expressions such as
  /// `n + 1`, `2 * n` or `x.shape[0] - 1`: `+`, `-`, `*` and `//` of two
  /// sizes give a size (a static one, the same size variable, or a derived
  /// one such as `n+1` that is the same variable whenever the same size is
  /// derived again). None for other operators or a negative result.
  std::optional<Dim> sizeArithmetic(BinaryOp op, SourceLoc loc, Dim lhs,
                                    Dim rhs);

private:
  builtins::SizeSymbols &symbols();

  TypeContext &types;
  DiagnosticEngine &diag;
  /// Derived sizes, created on first use (shared_ptr so that the inline
  /// constructor needs no complete type).
  std::shared_ptr<builtins::SizeSymbols> sizeSymbols;
};

} // namespace jx

#endif // JX_FRONTEND_ARRAYBUILTINS_H
