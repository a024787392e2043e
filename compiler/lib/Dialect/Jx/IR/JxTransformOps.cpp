//===- JxTransformOps.cpp - grad, jvp, vjp, jacobians, vmap, pmap --------===//
//
// Symbol verification of the transformation requests: the callee must be a
// `func.func` whose signature fits the operands and results each
// transformation implies.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "JxOpsCommon.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::util;

namespace {
/// What the verifiers of one transformation op need to know.
struct Callee {
  func::FuncOp func;
  TypeRange inputs;
  TypeRange outputs;
};
} // namespace

/// Looks up `callee` as a `func.func` and checks that the op passes it
/// `args` (all of them, or the first `numArgs`).
static FailureOr<Callee> lookupCallee(Operation *op, FlatSymbolRefAttr callee,
                                      SymbolTableCollection &symbolTable,
                                      TypeRange args) {
  auto func = symbolTable.lookupNearestSymbolFrom<func::FuncOp>(op, callee);
  if (!func)
    return op->emitOpError() << "'" << callee.getValue()
                             << "' does not reference a valid function";
  Callee result{func, func.getFunctionType().getInputs(),
                func.getFunctionType().getResults()};
  if (args.size() != result.inputs.size())
    return op->emitOpError()
           << "passes " << args.size() << " arguments to '" << callee.getValue()
           << "', which takes " << result.inputs.size();
  for (auto [i, actual, expected] : llvm::enumerate(args, result.inputs))
    if (actual != expected)
      return op->emitOpError()
             << "argument #" << i << " has type " << actual << " but '"
             << callee.getValue() << "' expects " << expected;
  return result;
}

/// Checks that the op's results are exactly `expected`.
static LogicalResult verifyResults(Operation *op, TypeRange expected) {
  TypeRange actual = op->getResultTypes();
  if (actual.size() != expected.size())
    return op->emitOpError() << "has " << actual.size()
                             << " results but expects " << expected.size();
  for (auto [i, a, e] : llvm::enumerate(actual, expected))
    if (a != e)
      return op->emitOpError()
             << "result #" << i << " has type " << a << " but expects " << e;
  return success();
}

static bool isFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

/// Checks `argnums`: unique, in range, and naming float arguments.
static LogicalResult verifyArgnums(Operation *op, ArrayRef<int64_t> argnums,
                                   TypeRange inputs) {
  if (argnums.empty())
    return op->emitOpError() << "argnums must not be empty";
  llvm::SmallSet<int64_t, 4> seen;
  for (int64_t a : argnums) {
    if (a < 0 || a >= static_cast<int64_t>(inputs.size()))
      return op->emitOpError()
             << "argnums " << formatList(argnums) << " names argument " << a
             << " but there are " << inputs.size();
    if (!seen.insert(a).second)
      return op->emitOpError()
             << "argnums " << formatList(argnums) << " repeats argument " << a;
    if (!isFloatTensor(inputs[a]))
      return op->emitOpError() << "cannot differentiate with respect to "
                                  "argument #"
                               << a << " of non-float type " << inputs[a];
  }
  return success();
}

/// Checks that every output of the callee can be differentiated.
static LogicalResult verifyFloatOutputs(Operation *op, TypeRange outputs,
                                        StringRef callee) {
  for (auto [i, type] : llvm::enumerate(outputs))
    if (!isFloatTensor(type))
      return op->emitOpError()
             << "result #" << i << " of '" << callee << "' has non-float type "
             << type << " and cannot be differentiated";
  return success();
}

/// The scalar-output check of grad and value_and_grad; returns the aux types.
static FailureOr<TypeRange>
verifyScalarOutput(Operation *op, const Callee &callee, bool hasAux) {
  StringRef name = const_cast<func::FuncOp &>(callee.func).getSymName();
  if (hasAux ? callee.outputs.empty() : callee.outputs.size() != 1)
    return op->emitOpError()
           << "'" << name << "' must return one scalar"
           << (hasAux ? " followed by aux values" : "") << ", but returns "
           << callee.outputs.size() << " values";
  auto out = cast<RankedTensorType>(callee.outputs.front());
  if (out.getRank() != 0 || !isa<FloatType>(out.getElementType()))
    return op->emitOpError()
           << "'" << name << "' must return a rank-0 float tensor, not " << out;
  return callee.outputs.drop_front();
}

/// The type `a ++ b` (shape concatenation) with `a`'s element type.
static Type concatShapes(Type a, ArrayRef<Type> rest) {
  auto tensor = cast<RankedTensorType>(a);
  SmallVector<int64_t> shape(tensor.getShape());
  for (Type t : rest)
    llvm::append_range(shape, cast<RankedTensorType>(t).getShape());
  return RankedTensorType::get(shape, tensor.getElementType());
}

//===----------------------------------------------------------------------===//
// GradOp, ValueAndGradOp
//===----------------------------------------------------------------------===//

LogicalResult GradOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto callee =
      lookupCallee(*this, getCalleeAttr(), symbolTable, getArgs().getTypes());
  if (failed(callee) ||
      failed(verifyArgnums(*this, getArgnums(), callee->inputs)))
    return failure();
  auto aux = verifyScalarOutput(*this, *callee, getHasAux());
  if (failed(aux))
    return failure();
  SmallVector<Type> expected;
  for (int64_t a : getArgnums())
    expected.push_back(callee->inputs[a]);
  llvm::append_range(expected, *aux);
  return verifyResults(*this, expected);
}

LogicalResult
ValueAndGradOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto callee =
      lookupCallee(*this, getCalleeAttr(), symbolTable, getArgs().getTypes());
  if (failed(callee) ||
      failed(verifyArgnums(*this, getArgnums(), callee->inputs)))
    return failure();
  auto aux = verifyScalarOutput(*this, *callee, getHasAux());
  if (failed(aux))
    return failure();
  SmallVector<Type> expected{callee->outputs.front()};
  llvm::append_range(expected, *aux);
  for (int64_t a : getArgnums())
    expected.push_back(callee->inputs[a]);
  return verifyResults(*this, expected);
}

//===----------------------------------------------------------------------===//
// JvpOp, VjpOp
//===----------------------------------------------------------------------===//

LogicalResult JvpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto func =
      symbolTable.lookupNearestSymbolFrom<func::FuncOp>(*this, getCalleeAttr());
  if (!func)
    return emitOpError() << "'" << getCallee()
                         << "' does not reference a valid function";
  size_t n = func.getNumArguments();
  if (getArgs().size() != 2 * n)
    return emitOpError() << "expects " << n << " primals and " << n
                         << " tangents for '" << getCallee() << "', got "
                         << getArgs().size() << " operands";
  auto callee = lookupCallee(*this, getCalleeAttr(), symbolTable,
                             TypeRange(getArgs().take_front(n)));
  if (failed(callee))
    return failure();
  for (size_t i = 0; i < n; ++i)
    if (getArgs()[n + i].getType() != callee->inputs[i])
      return emitOpError() << "tangent #" << i << " has type "
                           << getArgs()[n + i].getType()
                           << " but its primal has type " << callee->inputs[i];
  SmallVector<Type> expected(callee->outputs);
  llvm::append_range(expected, callee->outputs);
  return verifyResults(*this, expected);
}

LogicalResult VjpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto func =
      symbolTable.lookupNearestSymbolFrom<func::FuncOp>(*this, getCalleeAttr());
  if (!func)
    return emitOpError() << "'" << getCallee()
                         << "' does not reference a valid function";
  size_t n = func.getNumArguments(), m = func.getNumResults();
  if (getArgs().size() != n + m)
    return emitOpError() << "expects " << n << " primals and " << m
                         << " cotangents for '" << getCallee() << "', got "
                         << getArgs().size() << " operands";
  auto callee = lookupCallee(*this, getCalleeAttr(), symbolTable,
                             TypeRange(getArgs().take_front(n)));
  if (failed(callee))
    return failure();
  for (size_t j = 0; j < m; ++j)
    if (getArgs()[n + j].getType() != callee->outputs[j])
      return emitOpError() << "cotangent #" << j << " has type "
                           << getArgs()[n + j].getType() << " but result #" << j
                           << " of '" << getCallee() << "' has type "
                           << callee->outputs[j];
  SmallVector<Type> expected(callee->outputs);
  llvm::append_range(expected, callee->inputs);
  return verifyResults(*this, expected);
}

//===----------------------------------------------------------------------===//
// JacFwdOp, JacRevOp, HessianOp
//===----------------------------------------------------------------------===//

/// Jacobians (order 1) or Hessians (order 2), output-major.
static LogicalResult
verifyDerivativeTensor(Operation *op, FlatSymbolRefAttr calleeAttr,
                       TypeRange args, ArrayRef<int64_t> argnums,
                       unsigned order, SymbolTableCollection &st) {
  auto callee = lookupCallee(op, calleeAttr, st, args);
  if (failed(callee) || failed(verifyArgnums(op, argnums, callee->inputs)) ||
      failed(verifyFloatOutputs(op, callee->outputs, calleeAttr.getValue())))
    return failure();
  SmallVector<Type> expected;
  for (Type out : callee->outputs)
    for (int64_t a : argnums) {
      if (order == 1) {
        expected.push_back(concatShapes(out, {callee->inputs[a]}));
        continue;
      }
      for (int64_t b : argnums)
        expected.push_back(
            concatShapes(out, {callee->inputs[a], callee->inputs[b]}));
    }
  return verifyResults(op, expected);
}

LogicalResult JacFwdOp::verifySymbolUses(SymbolTableCollection &st) {
  return verifyDerivativeTensor(*this, getCalleeAttr(), getArgs().getTypes(),
                                getArgnums(), 1, st);
}

LogicalResult JacRevOp::verifySymbolUses(SymbolTableCollection &st) {
  return verifyDerivativeTensor(*this, getCalleeAttr(), getArgs().getTypes(),
                                getArgnums(), 1, st);
}

LogicalResult HessianOp::verifySymbolUses(SymbolTableCollection &st) {
  return verifyDerivativeTensor(*this, getCalleeAttr(), getArgs().getTypes(),
                                getArgnums(), 2, st);
}

//===----------------------------------------------------------------------===//
// VmapOp, PmapOp
//===----------------------------------------------------------------------===//

/// `type` without dimension `axis`.
static RankedTensorType dropDim(RankedTensorType type, int64_t axis) {
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + axis);
  return RankedTensorType::get(shape, type.getElementType());
}

template <typename MapOp>
static LogicalResult verifyMap(MapOp op, SymbolTableCollection &symbolTable) {
  auto func =
      symbolTable.lookupNearestSymbolFrom<func::FuncOp>(op, op.getCalleeAttr());
  if (!func)
    return op.emitOpError()
           << "'" << op.getCallee() << "' does not reference a valid function";
  StringRef name = op.getCallee();
  TypeRange inputs = func.getFunctionType().getInputs();
  TypeRange outputs = func.getFunctionType().getResults();
  ArrayRef<int64_t> inAxes = op.getInAxes(), outAxes = op.getOutAxes();
  if (op.getArgs().size() != inputs.size())
    return op.emitOpError()
           << "passes " << op.getArgs().size() << " arguments to '" << name
           << "', which takes " << inputs.size();
  if (inAxes.size() != inputs.size())
    return op.emitOpError()
           << "in_axes " << formatList(inAxes) << " has " << inAxes.size()
           << " entries for " << inputs.size() << " arguments";
  if (outAxes.size() != outputs.size() || op->getNumResults() != outputs.size())
    return op.emitOpError()
           << "out_axes " << formatList(outAxes) << " and "
           << op->getNumResults() << " results must match "
           << "the " << outputs.size() << " results of '" << name << "'";

  int64_t size = ShapedType::kDynamic;
  bool anyMapped = false;
  auto unify = [&](int64_t s) -> LogicalResult {
    if (!dimsCompatible(s, size))
      return op.emitOpError()
             << "mapped axis sizes disagree: " << s << " vs " << size;
    if (!ShapedType::isDynamic(s))
      size = s;
    return success();
  };
  if (std::optional<uint64_t> axisSize = op.getAxisSize())
    size = static_cast<int64_t>(*axisSize);

  for (auto [i, arg, axis] : llvm::enumerate(op.getArgs(), inAxes)) {
    auto type = cast<RankedTensorType>(arg.getType());
    RankedTensorType seen = type;
    if (axis != MapOp::kNotMapped) {
      if (axis < 0 || axis >= type.getRank())
        return op.emitOpError() << "in_axes entry " << axis << " of argument #"
                                << i << " is out of range for " << type;
      anyMapped = true;
      if (failed(unify(type.getDimSize(axis))))
        return failure();
      seen = dropDim(type, axis);
    }
    if (!typesCompatible(seen, inputs[i]))
      return op.emitOpError()
             << "argument #" << i << " of type " << type << " maps to " << seen
             << " but '" << name << "' expects " << inputs[i];
  }
  if (!anyMapped && !op.getAxisSize())
    return op.emitOpError() << "needs 'axis_size' when no argument is mapped";

  for (auto [j, result, axis] : llvm::enumerate(op->getResults(), outAxes)) {
    auto type = cast<RankedTensorType>(result.getType());
    RankedTensorType seen = type;
    if (axis != MapOp::kNotMapped) {
      if (axis < 0 || axis >= type.getRank())
        return op.emitOpError() << "out_axes entry " << axis << " of result #"
                                << j << " is out of range for " << type;
      if (failed(unify(type.getDimSize(axis))))
        return failure();
      seen = dropDim(type, axis);
    }
    if (!typesCompatible(seen, outputs[j]))
      return op.emitOpError() << "result #" << j << " of type " << type
                              << " does not match result " << outputs[j]
                              << " of '" << name << "'";
  }
  return success();
}

LogicalResult VmapOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyMap(*this, symbolTable);
}

LogicalResult PmapOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyMap(*this, symbolTable);
}
