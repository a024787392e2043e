//===- MLIRGenImpl.h - Shared state of the AST → jx IR generator -*- C++ -*-===//
//
// Private to lib/Frontend/MLIRGen. One MLIRGenerator lowers a whole Program;
// its methods are split across files by construct family:
//   MLIRGen.cpp             module, function instances, statements, names,
//                           literals, pytrees, `if`, lambdas, calls
//   MLIRGenArith.cpp        operators, dtype conversion, broadcasting, matmul
//   MLIRGenBuiltins.cpp     the section 7 array library
//   MLIRGenIndexing.cpp     subscripts and `.at[]` updates
//   MLIRGenControlFlow.cpp  fori_loop, while_loop, scan, cond, switch,
//                           tree_map
//   MLIRGenTransforms.cpp   transformation instances and collectives
//
// Values are pytrees (`ValueTree`): an array is a leaf holding a tensor
// value; tuples, structs and function values (their environment) are nodes.
// At function boundaries trees are flattened into their leaves in order.
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_FRONTEND_MLIRGEN_MLIRGENIMPL_H
#define JX_LIB_FRONTEND_MLIRGEN_MLIRGENIMPL_H

#include "jx/Dialect/Jx/IR/JxDialect.h"
#include "jx/Dialect/Jx/IR/JxOps.h"
#include "jx/Frontend/Program.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <vector>

namespace jx {

/// A pytree of SSA values: a leaf (one tensor) or a node of subtrees.
struct ValueTree {
  mlir::Value leaf;
  std::vector<ValueTree> children;

  static ValueTree ofLeaf(mlir::Value v) {
    ValueTree t;
    t.leaf = v;
    return t;
  }
  static ValueTree ofNode(std::vector<ValueTree> children) {
    ValueTree t;
    t.children = std::move(children);
    return t;
  }
  bool isLeaf() const { return static_cast<bool>(leaf); }
  void flatten(llvm::SmallVectorImpl<mlir::Value> &out) const;
};

//===----------------------------------------------------------------------===//
// Array-library lowering helpers: types (MLIRGenBuiltins.cpp,
// MLIRGenLibrary*.cpp, MLIRGenIndexing.cpp). Begin.
//===----------------------------------------------------------------------===//

/// A size or an offset of type `index`: a compile-time constant when known
/// (so that static shapes stay static), else an SSA value.
struct IndexValue {
  std::optional<int64_t> constant;
  mlir::Value value;

  static IndexValue of(int64_t c) {
    IndexValue v;
    v.constant = c;
    return v;
  }
  static IndexValue of(mlir::Value value) {
    IndexValue v;
    v.value = value;
    return v;
  }
  bool isConstant() const { return constant.has_value(); }
  bool isConstant(int64_t c) const { return constant && *constant == c; }
};
using IndexShape = llvm::SmallVector<IndexValue, 4>;

/// One argument of a library call: a call's BuiltinArg and expression, or an
/// already lowered parameter of a Builtin instance.
struct LibArg {
  std::string keyword;
  SourceLoc loc;
  const Type *type = nullptr;
  const StaticValue *value = nullptr; ///< known at compile time, if set
  const Expr *expr = nullptr;         ///< lowered on first use
  std::optional<ValueTree> tree;      ///< the lowered value
};

/// A section 7 call with its arguments matched to jax.numpy's parameters.
struct LibCall {
  std::string name;
  SourceLoc loc;
  const Type *resultType = nullptr;
  std::vector<LibArg> args;
  /// Filled by MLIRGenerator::bindLibraryCall.
  std::vector<std::pair<llvm::StringRef, LibArg *>> bound;
  std::vector<LibArg *> rest; ///< variadic positional arguments (einsum)
  /// Storage for arguments synthesized while binding (`x.reshape(2, 3)`).
  std::vector<std::unique_ptr<LibArg>> extraArgs;
  std::vector<std::unique_ptr<StaticValue>> extraValues;

  LibArg *get(llvm::StringRef param) const {
    for (const auto &[name, arg] : bound)
      if (name == param)
        return arg;
    return nullptr;
  }
};

/// Compile-time arguments (MLIRGenBuiltins.cpp). Sema has checked them, so
/// these only read the values.
bool libIsNone(const LibArg *arg);
std::optional<int64_t> libInt(const LibArg *arg);
std::optional<double> libNumber(const LibArg *arg);
std::optional<bool> libBool(const LibArg *arg);
std::optional<std::string> libString(const LibArg *arg);
/// `axis=`: none (all axes), an int or a tuple of ints, normalized against
/// `rank` (in the order written).
llvm::SmallVector<unsigned, 4> libAxes(const LibArg *arg, unsigned rank);
/// A single-axis `axis=`, normalized; none when absent or malformed.
std::optional<unsigned> libAxis(const LibArg *arg, unsigned rank);

struct IndexPlan;

//===----------------------------------------------------------------------===//
// Array-library lowering helpers: types. End.
//===----------------------------------------------------------------------===//

class MLIRGenerator {
public:
  MLIRGenerator(mlir::MLIRContext &context, const Program &program,
                const SourceManager &sm, DiagnosticEngine &diag);

  mlir::OwningOpRef<mlir::ModuleOp> generate();

  //===--------------------------------------------------------------------===//
  // Types and locations (MLIRGen.cpp)
  //===--------------------------------------------------------------------===//

  mlir::Location loc(SourceLoc l);
  mlir::Type elementType(DType dtype);
  mlir::RankedTensorType tensorType(const ArrayType *type);
  mlir::RankedTensorType tensorType(DType dtype, llvm::ArrayRef<Dim> shape);
  /// The flattened leaf types of a value of `type` (empty for static-only
  /// values: strings, dtypes, none, modules, function values without an
  /// environment).
  void flattenType(const Type *type, llvm::SmallVectorImpl<mlir::Type> &out);
  /// Rebuilds a tree of `type` from flat leaves, consuming them from `pos`.
  ValueTree unflatten(const Type *type, mlir::ValueRange leaves,
                      unsigned &pos);

  //===--------------------------------------------------------------------===//
  // Expressions and statements (MLIRGen.cpp)
  //===--------------------------------------------------------------------===//

  /// Lowers `expr`; returns nullopt after reporting an error.
  std::optional<ValueTree> genExpr(const Expr &expr);
  /// genExpr for an array-typed expression: its tensor value.
  mlir::Value genArray(const Expr &expr);
  /// Converts a tree of type `from` to type `to` (dtypes only differ: weak
  /// values take the expected dtype; see Program.h).
  ValueTree coerce(const ValueTree &value, const Type *from, const Type *to,
                   SourceLoc at);
  /// Calls `instance` with flattened `args`; returns its result tree.
  ValueTree genCall(const FunctionInstance &instance,
                    llvm::ArrayRef<ValueTree> args, SourceLoc at);
  /// Calls a function value: the instance plus its environment tree.
  ValueTree genCall(const FunctionRef &fn, llvm::ArrayRef<ValueTree> args,
                    SourceLoc at);

  //===--------------------------------------------------------------------===//
  // Sizes
  //===--------------------------------------------------------------------===//

  /// The run-time size of `dim` as an `index` value at the insertion point.
  mlir::Value dimValue(const Dim &dim, SourceLoc at);
  /// The `index` operands for the dynamic dims of `type` (for ops like iota
  /// and broadcast_in_dim that need them).
  llvm::SmallVector<mlir::Value> dynamicDims(mlir::RankedTensorType type,
                                             llvm::ArrayRef<Dim> shape,
                                             SourceLoc at);
  /// Records where the size variables of `type` can be read: the dims of
  /// `value` (a tree of that type).
  void recordSizes(const ValueTree &value, const Type *type);

  //===--------------------------------------------------------------------===//
  // Array helpers (MLIRGenArith.cpp)
  //===--------------------------------------------------------------------===//

  mlir::Value constantScalar(DType dtype, double value, SourceLoc at);
  mlir::Value constantScalarInt(DType dtype, int64_t value, SourceLoc at);
  /// A tensor of `shape` filled with `value` (a rank-0 tensor).
  mlir::Value splat(mlir::Value scalar, DType dtype, llvm::ArrayRef<Dim> shape,
                    SourceLoc at);
  mlir::Value convert(mlir::Value v, DType to, SourceLoc at);
  /// NumPy broadcasting of `v` (with `fromShape`) to `toShape`.
  mlir::Value broadcastTo(mlir::Value v, llvm::ArrayRef<Dim> fromShape,
                          DType dtype, llvm::ArrayRef<Dim> toShape,
                          SourceLoc at);
  /// Converts and broadcasts an array value of type `from` to the dtype and
  /// shape of `to`.
  mlir::Value castArray(mlir::Value v, const ArrayType *from,
                        const ArrayType *to, SourceLoc at);
  std::optional<ValueTree> genUnary(const UnaryExpr &e);
  std::optional<ValueTree> genBinary(const BinaryExpr &e);
  /// `op` on two arrays already converted to the operand dtype and result
  /// shape.
  mlir::Value binaryOp(BinaryOp op, mlir::Value lhs, mlir::Value rhs,
                       DType operandDType, SourceLoc at);
  mlir::Value matmul(mlir::Value lhs, const ArrayType *lt, mlir::Value rhs,
                     const ArrayType *rt, const ArrayType *result,
                     SourceLoc at);
  mlir::Value reshapeTo(mlir::Value v, DType dtype, llvm::ArrayRef<Dim> shape,
                        SourceLoc at);

  //===--------------------------------------------------------------------===//
  // Families in their own files
  //===--------------------------------------------------------------------===//

  std::optional<ValueTree> genBuiltin(const CallExpr &call,
                                      const CallInfo &info);
  std::optional<ValueTree> genAttribute(const FieldExpr &e,
                                        const FieldRef &ref);
  std::optional<ValueTree> genIndex(const IndexExpr &e);
  std::optional<ValueTree> genAtUpdate(const AtUpdateExpr &e);
  std::optional<ValueTree> genControlFlow(const CallExpr &call,
                                          const CallInfo &info);
  std::optional<ValueTree> genTreeMap(const CallExpr &call,
                                      const CallInfo &info);
  std::optional<ValueTree> genCollective(const CallExpr &call,
                                         const CallInfo &info);
  /// The body of a Builtin / Transform / Pullback / Partial instance.
  bool genBuiltinInstanceBody(const FunctionInstance &inst,
                              llvm::ArrayRef<ValueTree> params);
  bool genTransformInstanceBody(const FunctionInstance &inst,
                                llvm::ArrayRef<ValueTree> params);

  /// Reports `message` at `at` and returns nullopt (for `return fail(...)`).
  std::nullopt_t fail(SourceLoc at, const llvm::Twine &message);
  /// The same, returning false (for `bool` generators).
  bool reportError(SourceLoc at, const llvm::Twine &message) {
    fail(at, message);
    return false;
  }

  mlir::MLIRContext &context;
  const Program &program;
  const SourceManager &sm;
  DiagnosticEngine &diag;
  mlir::OpBuilder builder;
  mlir::ModuleOp module;

  /// State of the instance being generated.
  struct FunctionState {
    const FunctionInstance *instance = nullptr;
    std::vector<ValueTree> params;
    /// `let`-bound names.
    llvm::DenseMap<const Pattern *, ValueTree> locals;
    /// Where each size variable's run-time value can be read, recorded where
    /// the value was defined (see recordSizes): axis `second` of tensor
    /// `first`, or, with `second == -1`, the `index` value `first` itself.
    std::map<const SizeVar *, std::pair<mlir::Value, int>> sizes;
  };
  FunctionState *fn = nullptr;

  //===--------------------------------------------------------------------===//
  // Array-library lowering helpers (MLIRGenBuiltins.cpp, MLIRGenLibrary*.cpp,
  // MLIRGenIndexing.cpp). Begin.
  //===--------------------------------------------------------------------===//

  // Calls (MLIRGenBuiltins.cpp).
  std::optional<ValueTree> genLibraryCall(LibCall &call);
  bool bindLibraryCall(LibCall &call);
  std::optional<ValueTree> libValue(LibArg &arg);
  mlir::Value libArray(LibArg &arg);
  /// A dynamic dim named by a shape argument (`zeros((n + 1, 3))`): read
  /// from the recorded sizes, else computed from entry `index` of the
  /// argument's expression.
  std::optional<IndexValue> shapeEntry(LibArg &arg, unsigned index,
                                       const Dim &dim);
  // One per family: MLIRGenLibraryCreation.cpp, ...Elementwise.cpp,
  // ...Reductions.cpp, ...Shape.cpp, ...Linalg.cpp, ...Einsum.cpp.
  std::optional<ValueTree> genCreation(LibCall &call);
  std::optional<ValueTree> genElementwise(LibCall &call);
  std::optional<ValueTree> genReduction(LibCall &call);
  std::optional<ValueTree> genShapeOp(LibCall &call);
  std::optional<ValueTree> genLinalg(LibCall &call);
  std::optional<ValueTree> genEinsum(LibCall &call);

  // Index arithmetic and shapes (MLIRGenLibraryUtil.cpp).
  mlir::Value materialize(const IndexValue &v, SourceLoc at);
  IndexValue indexAdd(const IndexValue &a, const IndexValue &b, SourceLoc at);
  IndexValue indexSub(const IndexValue &a, const IndexValue &b, SourceLoc at);
  IndexValue indexMul(const IndexValue &a, const IndexValue &b, SourceLoc at);
  IndexValue indexMin(const IndexValue &a, const IndexValue &b, SourceLoc at);
  IndexValue indexMax(const IndexValue &a, const IndexValue &b, SourceLoc at);
  /// Floor division by a non-zero `b`.
  IndexValue indexFloorDiv(const IndexValue &a, const IndexValue &b,
                           SourceLoc at);
  IndexValue indexProduct(llvm::ArrayRef<IndexValue> values, SourceLoc at);
  /// `v < 0 ? v + size : v` (NumPy's negative indices).
  IndexValue indexWrapNegative(const IndexValue &v, const IndexValue &size,
                               SourceLoc at);
  IndexValue dimOf(mlir::Value tensor, unsigned axis, SourceLoc at);
  IndexShape dimsOf(mlir::Value tensor, SourceLoc at);
  /// The size of `dim` when it is static or recorded; none for a derived
  /// size this function has not computed yet.
  std::optional<IndexValue> knownDim(const Dim &dim, SourceLoc at);
  /// `shape` as index values (every dim must be known).
  IndexShape knownDims(llvm::ArrayRef<Dim> shape, SourceLoc at);
  /// A rank-0 integer tensor as an index, and back.
  IndexValue scalarToIndex(mlir::Value scalar, SourceLoc at);
  mlir::Value indexToScalar(const IndexValue &v, DType dtype, SourceLoc at);
  mlir::RankedTensorType shapedType(mlir::Type element,
                                    llvm::ArrayRef<IndexValue> shape);
  llvm::SmallVector<mlir::Value> dynamicSizes(llvm::ArrayRef<IndexValue> shape,
                                              SourceLoc at);
  /// broadcast_in_dim of `v` to `shape`: operand dim i goes to dims[i].
  mlir::Value broadcastDims(mlir::Value v, llvm::ArrayRef<IndexValue> shape,
                            llvm::ArrayRef<int64_t> dims, SourceLoc at);
  /// NumPy broadcasting (trailing alignment) of `v` to `shape`.
  mlir::Value broadcastShape(mlir::Value v, llvm::ArrayRef<IndexValue> shape,
                             SourceLoc at);
  mlir::Value reshapeShape(mlir::Value v, llvm::ArrayRef<IndexValue> shape,
                           SourceLoc at);
  mlir::Value flatten(mlir::Value v, SourceLoc at);
  mlir::Value transposeValue(mlir::Value v, llvm::ArrayRef<int64_t> perm,
                             SourceLoc at);
  mlir::Value iota(mlir::Type element, llvm::ArrayRef<IndexValue> shape,
                   unsigned dim, SourceLoc at);
  mlir::Value convertElement(mlir::Value v, mlir::Type element, SourceLoc at);
  /// An elementwise comparison of equally shaped tensors.
  mlir::Value compare(mlir::Value a, mlir::Value b,
                      mlir::jx::ComparisonDirection direction, SourceLoc at);
  /// A rank-0 constant of the element type `element`.
  mlir::Value scalarConstant(mlir::Type element, double value, SourceLoc at);
  /// A tensor of `shape` filled with `value`: a splat constant when static.
  mlir::Value filledTensor(mlir::Type element, double value,
                           llvm::ArrayRef<IndexValue> shape, SourceLoc at);
  /// Integer index arrays in the gather/scatter index type, negative entries
  /// wrapped by `size` (signed types only).
  mlir::Value wrapIndexArray(mlir::Value idx, const IndexValue &size,
                             SourceLoc at);
  /// Gathers `operand` at integer index arrays (one per entry of `axes`, all
  /// of shape `batch`, already wrapped and of one integer type). The result
  /// is the operand's other dims in order, with `batch` inserted before the
  /// `batchPos`-th of them. Out-of-range indices are clamped (jx.gather).
  mlir::Value gatherAxes(mlir::Value operand, llvm::ArrayRef<unsigned> axes,
                         llvm::ArrayRef<mlir::Value> indices,
                         llvm::ArrayRef<IndexValue> batch, unsigned batchPos,
                         SourceLoc at);
  /// Stacks equally shaped index arrays along a new last dim.
  mlir::Value stackIndices(llvm::ArrayRef<mlir::Value> indices,
                           llvm::ArrayRef<IndexValue> shape, SourceLoc at);
  /// A value of `type` lowered with bool computed as i32 (dot products).
  DType computeDType(DType dtype) const {
    return dtype == DType::Bool ? DType::I32 : dtype;
  }

  // Indexing (MLIRGenIndexing.cpp).
  bool planIndex(mlir::Value base, const ArrayType *baseType,
                 const std::vector<IndexItem> &items,
                 const std::vector<IndexArg> &args, IndexPlan &plan,
                 SourceLoc at);
  mlir::Value applyIndex(mlir::Value base, IndexPlan &plan,
                         const ArrayType *resultType, SourceLoc at);

  //===--------------------------------------------------------------------===//
  // Array-library lowering helpers. End.
  //===--------------------------------------------------------------------===//

private:
  bool genInstance(const FunctionInstance &instance);
  bool genFunctionBody(const FunctionInstance &instance,
                       llvm::ArrayRef<ValueTree> params);
  std::optional<ValueTree> genName(const NameExpr &e);
  std::optional<ValueTree> genNameRef(const NameRef &ref, SourceLoc at);
  std::optional<ValueTree> genLiteral(const Expr &e);
  std::optional<ValueTree> genStatic(const Expr &e, const StaticValue &value);
  std::optional<ValueTree> genArrayLiteral(const ArrayLitExpr &e);
  std::optional<ValueTree> genCallExpr(const CallExpr &e);
  std::optional<ValueTree> genField(const FieldExpr &e);
  std::optional<ValueTree> genStructLit(const StructLitExpr &e);
  std::optional<ValueTree> genIf(const IfExpr &e);
  std::optional<ValueTree> genLambda(const LambdaExpr &e);
  std::optional<ValueTree> genBlock(const BlockExpr &e);
  bool bindPattern(const Pattern &pattern, const ValueTree &value,
                   const Type *valueType);
  mlir::func::FuncOp declareFunction(const FunctionInstance &instance);

  llvm::DenseMap<const FunctionInstance *, mlir::func::FuncOp> functions;
};

} // namespace jx

#endif // JX_LIB_FRONTEND_MLIRGEN_MLIRGENIMPL_H
