//===- ArrayBuiltinsImpl.h - Shared machinery of built-ins -----*- C++ -*-===//
//
// Private to the ArrayBuiltins*.cpp files: the symbolic sizes that slices,
// concatenations and reshapes derive (`n-1`, `n+m`, `3*n`), Python-style
// argument binding for the section 7 built-ins, static-argument extraction
// (axes, shapes, dtypes) and the per-family checkers. Each family lives in its
// own file: ArrayBuiltinsCreation.cpp, ...Elementwise.cpp, ...Reductions.cpp,
// ...Shape.cpp, ...Linalg.cpp, ...Einsum.cpp, ...Indexing.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_FRONTEND_ARRAYBUILTINSIMPL_H
#define JX_LIB_FRONTEND_ARRAYBUILTINSIMPL_H

#include "jx/Frontend/ArrayBuiltins.h"
#include "jx/Frontend/Diagnostics.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jx {
namespace builtins {

//===----------------------------------------------------------------------===//
// Promotion helpers (TypePromotion.cpp)
//===----------------------------------------------------------------------===//

/// JAX's `lattice_result_type` over any number of operands.
Promotion promoteMany(llvm::ArrayRef<std::pair<DType, bool>> operands);

/// `dtypes.to_inexact_dtype`: bool and 32-bit integers become f32, i64
/// becomes f64, floats are kept.
DType toInexact(DType dtype);

/// `dtypes.to_numeric_dtype`: bool becomes i32 (the default int).
DType toNumeric(DType dtype);

//===----------------------------------------------------------------------===//
// Symbolic sizes
//===----------------------------------------------------------------------===//

/// A polynomial with integer coefficients in size variables: what a derived
/// size stands for (`n+m`, `n-1`, `3*n`). Monomials are lists of variables
/// sorted by id; the empty monomial is the constant term.
class SizePoly {
public:
  using Monomial = std::vector<const SizeVar *>;

  static SizePoly constant(int64_t value);
  static SizePoly variable(const SizeVar *var);

  SizePoly operator+(const SizePoly &o) const;
  SizePoly operator-(const SizePoly &o) const;
  SizePoly operator*(const SizePoly &o) const;
  bool operator==(const SizePoly &o) const { return terms == o.terms; }
  bool operator!=(const SizePoly &o) const { return !(*this == o); }

  std::optional<int64_t> getConstant() const;
  /// The variable when this is exactly `1*v`.
  const SizeVar *getVariable() const;
  /// Exact quotient by a monomial divisor (`6*n*m / 3*n = 2*m`); none when
  /// the division is not exact or the divisor is not a single term.
  std::optional<SizePoly> divideExactly(const SizePoly &divisor) const;

  /// `n+m-1`, `3*n`, `n*m`.
  std::string spelling() const;
  /// A key that tells different variables of the same name apart.
  std::string key() const;

private:
  struct MonomialLess {
    bool operator()(const Monomial &a, const Monomial &b) const;
  };
  void normalize();
  std::map<Monomial, int64_t, MonomialLess> terms;
};

/// Creates and remembers derived size variables so that deriving the same
/// size twice (`x[1:]` and `x[:-1]` of an `f32[n]`) gives the same variable,
/// and sizes derived from derived sizes stay exact (`(n+m)-1`).
class SizeSymbols {
public:
  explicit SizeSymbols(TypeContext &types) : types(types) {}

  /// The polynomial a dim stands for.
  SizePoly polyOf(Dim dim) const;
  /// The dim of a polynomial: static for a constant, the variable itself for
  /// `1*v`, else a (cached) derived variable spelled like the polynomial.
  /// A negative constant is clamped to 0, as NumPy clamps slice lengths.
  Dim dimOf(const SizePoly &poly, SourceLoc loc);
  /// A derived size with no polynomial form (`min(n, 3)`), cached by `key`.
  Dim opaque(const std::string &key, const std::string &spelling,
             SourceLoc loc);

private:
  TypeContext &types;
  std::map<const SizeVar *, SizePoly> derivedPolys;
  std::map<std::string, const SizeVar *> byKey;
};

//===----------------------------------------------------------------------===//
// Argument binding
//===----------------------------------------------------------------------===//

/// One formal parameter of a built-in, in jax.numpy's positional order.
struct Param {
  llvm::StringRef name;
  bool required = false;
  /// A jax.numpy parameter jx does not implement (`out=`, `where=`): passing
  /// anything but `none` is an error naming it.
  bool supported = true;
  /// A second keyword spelling (jax.numpy's own name, e.g. `a`, when the
  /// parameter is called `x` for uniformity).
  llvm::StringRef alias = {};
};

inline Param req(llvm::StringRef name, llvm::StringRef alias = {}) {
  return Param{name, true, true, alias};
}
inline Param opt(llvm::StringRef name, llvm::StringRef alias = {}) {
  return Param{name, false, true, alias};
}
inline Param unsupported(llvm::StringRef name) {
  return Param{name, false, false, {}};
}

/// The arguments of one call matched to the parameters.
class BoundArgs {
public:
  const BuiltinArg *get(llvm::StringRef name) const;
  bool has(llvm::StringRef name) const { return get(name) != nullptr; }
  /// Positional arguments past the last parameter (variadic built-ins).
  llvm::SmallVector<const BuiltinArg *, 4> rest;

private:
  friend class Checker;
  llvm::SmallVector<std::pair<llvm::StringRef, const BuiltinArg *>, 8> slots;
};

//===----------------------------------------------------------------------===//
// The checker
//===----------------------------------------------------------------------===//

/// The typing rules proper. ArrayBuiltins forwards to one of these; the
/// member functions are implemented in the family files.
class Checker {
public:
  Checker(TypeContext &types, DiagnosticEngine &diag, SizeSymbols &sizes)
      : types(types), diag(diag), sizes(sizes) {}

  TypeContext &types;
  DiagnosticEngine &diag;
  SizeSymbols &sizes;

  //--- Common helpers (ArrayBuiltinsArgs.cpp) -------------------------------

  const ArrayType *array(DType dtype, llvm::ArrayRef<Dim> shape,
                         bool weak = false) {
    return types.getArray(dtype, shape, weak && dtype != DType::Bool);
  }
  /// The product of a shape's dims, as a dim (`x.size`, flattening).
  Dim numElements(llvm::ArrayRef<Dim> shape, SourceLoc loc);
  SizePoly productPoly(llvm::ArrayRef<Dim> shape) const;

  /// Matches `args` to `params` as Python would. Reports unknown or
  /// duplicated keywords, unsupported parameters, missing required
  /// arguments and extra positional arguments (unless `variadic`).
  std::optional<BoundArgs> bind(llvm::StringRef fn, SourceLoc loc,
                                llvm::ArrayRef<BuiltinArg> args,
                                llvm::ArrayRef<Param> params,
                                bool variadic = false);

  /// True when the argument is absent or `none`.
  static bool isNone(const BuiltinArg *arg);

  /// The argument as an array; reports "argument 'x' of 'sum' must be an
  /// array, got ...".
  const ArrayType *arrayArg(llvm::StringRef fn, llvm::StringRef param,
                            const BuiltinArg *arg);
  /// A compile-time integer (Int, or Bool as 0/1 is refused).
  std::optional<int64_t> intArg(llvm::StringRef fn, llvm::StringRef param,
                                const BuiltinArg *arg);
  /// A compile-time integer or float (`ddof=`).
  std::optional<double> numberArg(llvm::StringRef fn, llvm::StringRef param,
                                  const BuiltinArg *arg);
  std::optional<bool> boolArg(llvm::StringRef fn, llvm::StringRef param,
                              const BuiltinArg *arg);
  std::optional<std::string>
  stringArg(llvm::StringRef fn, llvm::StringRef param, const BuiltinArg *arg);
  /// A size: an integer or a size variable.
  std::optional<Dim> sizeArg(llvm::StringRef fn, llvm::StringRef param,
                             const BuiltinArg *arg);
  /// `dtype=`: false on error; `out` stays unset for `none`/absent.
  bool dtypeArg(llvm::StringRef fn, llvm::StringRef param,
                const BuiltinArg *arg, std::optional<DType> &out);
  /// A shape: an int, a size variable, or a tuple of them. With
  /// `allowInfer`, one entry may be -1 (its index goes to `inferred`).
  bool shapeArg(llvm::StringRef fn, llvm::StringRef param,
                const BuiltinArg *arg, Shape &out, bool allowInfer = false,
                int *inferred = nullptr);
  /// A list of static integers (a tuple, or a single int when
  /// `allowScalar`).
  bool intListArg(llvm::StringRef fn, llvm::StringRef param,
                  const BuiltinArg *arg, llvm::SmallVectorImpl<int64_t> &out,
                  bool allowScalar = true);
  /// `axis=`: none (all axes, `isAll`), an int or a tuple of ints,
  /// normalized against `rank`; reports out-of-bounds and duplicates.
  bool axesArg(llvm::StringRef fn, const BuiltinArg *arg, unsigned rank,
               llvm::SmallVectorImpl<unsigned> &out, bool &isAll,
               bool allowTuple = true);
  /// Normalizes one axis in [-rank, rank); reports at `loc`.
  std::optional<unsigned> normalizeAxis(int64_t axis, unsigned rank,
                                        SourceLoc loc);

  //--- Promotion and broadcasting (ArrayBuiltins.cpp) -----------------------

  Promotion promote(llvm::ArrayRef<const ArrayType *> operands);
  std::optional<Shape> broadcast(SourceLoc loc, const ArrayType *a,
                                 const ArrayType *b);
  /// Three-way (or n-way) broadcasting; reports the first incompatible pair.
  std::optional<Shape> broadcastAll(SourceLoc loc,
                                    llvm::ArrayRef<const ArrayType *> arrays);
  /// One-directional broadcasting (`broadcast_to`, update values).
  static bool canBroadcastTo(llvm::ArrayRef<Dim> from, llvm::ArrayRef<Dim> to);

  const Type *checkUnary(UnaryOp op, SourceLoc loc, const Type *operand);
  /// A binary operator or its function form (`power`, `maximum`); `name` is
  /// how messages spell it.
  const Type *checkBinary(BinaryOp op, llvm::StringRef name, SourceLoc loc,
                          const Type *lhs, const Type *rhs);
  /// `@` / `matmul` with NumPy semantics.
  const ArrayType *checkMatmul(llvm::StringRef name, SourceLoc loc,
                               const ArrayType *a, const ArrayType *b);

  //--- Families ---------------------------------------------------------------

  const Type *checkCreation(llvm::StringRef fn, SourceLoc loc,
                            llvm::ArrayRef<BuiltinArg> args);
  const Type *checkElementwise(llvm::StringRef fn, SourceLoc loc,
                               llvm::ArrayRef<BuiltinArg> args);
  const Type *checkReduction(llvm::StringRef fn, SourceLoc loc,
                             llvm::ArrayRef<BuiltinArg> args);
  const Type *checkShapeOp(llvm::StringRef fn, SourceLoc loc,
                           llvm::ArrayRef<BuiltinArg> args);
  const Type *checkLinalg(llvm::StringRef fn, SourceLoc loc,
                          llvm::ArrayRef<BuiltinArg> args);
  const Type *checkEinsum(SourceLoc loc, llvm::ArrayRef<BuiltinArg> args);

  //--- Indexing (ArrayBuiltinsIndexing.cpp) -----------------------------------

  const Type *checkIndex(SourceLoc loc, const Type *base,
                         llvm::ArrayRef<IndexArg> items);
  const Type *checkAtUpdate(SourceLoc loc, const Type *base,
                            llvm::ArrayRef<IndexArg> items,
                            llvm::StringRef method,
                            llvm::ArrayRef<BuiltinArg> args);

private:
  std::optional<Dim> sliceDim(Dim dim, const IndexArg &item);
};

/// Which family a built-in name belongs to; none for unknown names.
enum class Family {
  Creation,
  Elementwise,
  Reduction,
  Shape,
  Linalg,
  Einsum,
};
std::optional<Family> familyOf(llvm::StringRef name);

/// NumPy broadcasting of two shapes; none when they are incompatible.
std::optional<Shape> broadcastDims(llvm::ArrayRef<Dim> a,
                                   llvm::ArrayRef<Dim> b);

/// `f32[3]`, or `<unknown>` for a null type.
std::string spell(const Type *type);
/// `[n, 3]` as a shape tuple `(n, 3)`.
std::string spellShapeTuple(llvm::ArrayRef<Dim> shape);

} // namespace builtins
} // namespace jx

#endif // JX_LIB_FRONTEND_ARRAYBUILTINSIMPL_H
