//===- GatherScatterToLinalg.cpp - jx gather/scatter to linalg and scf ----===//
//
// Lowers jx.gather to a parallel `linalg.generic` that reads the operand with
// `tensor.extract` at clamped start indices, and jx.scatter to an `scf.for`
// nest that updates the operand in order with `tensor.insert`, dropping
// updates whose window falls outside the operand. Part of
// populateJxReductionToLinalgPatterns.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/JxToLinalg/JxToLinalg.h"

#include "ConversionUtils.h"
#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::jx;

namespace mlir {
namespace jx {
/// Called by populateJxReductionToLinalgPatterns (declared there too: the
/// public header lists one populate function per family).
void populateJxGatherScatterToLinalgPatterns(RewritePatternSet &patterns);
} // namespace jx
} // namespace mlir

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The type the converted IR uses for `type`: the type converter's answer
/// when the pattern has one, the jx mapping (`ui32` -> `i32`) otherwise.
static Type getLegalType(const TypeConverter *converter, Type type) {
  return converter ? converter->convertType(type) : convertJxType(type);
}

/// `value` cast to `type` with `unrealized_conversion_cast` when they differ.
static Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return UnrealizedConversionCastOp::create(b, loc, type, value).getResult(0);
}

/// `value` (an adaptor operand) as a signless tensor; a no-op in the pass,
/// where producers are already lowered.
static Value toSignless(OpBuilder &b, Location loc, Value value) {
  return castTo(b, loc, value, convertJxType(value.getType()));
}

/// The dimensions of `rank` not in `dims`, in order.
static SmallVector<int64_t> complementDims(int64_t rank,
                                           ArrayRef<int64_t> dims) {
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(dims, d))
      kept.push_back(d);
  return kept;
}

/// Size `d` of `tensor`: an attribute when static, a `tensor.dim` otherwise.
static OpFoldResult getDimSize(OpBuilder &b, Location loc, Value tensor,
                               int64_t d) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(d))
    return b.getIndexAttr(type.getDimSize(d));
  return tensor::DimOp::create(b, loc, tensor, d).getResult();
}

/// `lhs - rhs` on sizes, folded when both are static.
static OpFoldResult subSizes(OpBuilder &b, Location loc, OpFoldResult lhs,
                             OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs);
  std::optional<int64_t> r = getConstantIntValue(rhs);
  if (l && r)
    return b.getIndexAttr(*l - *r);
  return arith::SubIOp::create(b, loc,
                               getValueOrCreateConstantIndexOp(b, loc, lhs),
                               getValueOrCreateConstantIndexOp(b, loc, rhs))
      .getResult();
}

/// The position of `value` in `list` (which must contain it).
static int64_t positionOf(ArrayRef<int64_t> list, int64_t value) {
  const auto *it = llvm::find(list, value);
  assert(it != list.end() && "value not in list");
  return it - list.begin();
}

/// Reads component `k` of the index vector at batch position `batch` from
/// `indices` (index vectors along `indexVectorDim`, or scalars when it equals
/// the rank) and converts it to `index`: sign-extended, zero-extended for
/// unsigned index types.
static Value readIndex(OpBuilder &b, Location loc, Value indices,
                       int64_t indexVectorDim, ValueRange batch, int64_t k,
                       bool isUnsigned) {
  auto type = cast<RankedTensorType>(indices.getType());
  SmallVector<Value> coords;
  auto batchIt = batch.begin();
  for (int64_t q = 0; q < type.getRank(); ++q)
    coords.push_back(q == indexVectorDim
                         ? arith::ConstantIndexOp::create(b, loc, k)
                         : *batchIt++);
  Value raw = tensor::ExtractOp::create(b, loc, indices, coords);
  return castToIndex(b, loc, raw, isUnsigned);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `jx.gather` becomes a parallel `linalg.generic` over the result with no
/// inputs: for each result element it reads the index vector of its batch
/// position from the start indices, clamps each start to
/// `[0, size - slice_size]` (so the slice fits, as JAX does) and reads the
/// operand at start + offset with `tensor.extract`.
struct GatherOpLowering : public OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = dyn_cast_or_null<RankedTensorType>(
        getLegalType(getTypeConverter(), op.getType()));
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    GatherDimensionNumbersAttr dn = op.getDimensionNumbers();
    ArrayRef<int64_t> offsetDims = dn.getOffsetDims();
    ArrayRef<int64_t> collapsed = dn.getCollapsedSliceDims();
    ArrayRef<int64_t> startIndexMap = dn.getStartIndexMap();
    ArrayRef<int64_t> sliceSizes = op.getSliceSizes();
    int64_t indexVectorDim = dn.getIndexVectorDim();
    bool unsignedIndices =
        op.getStartIndices().getType().getElementType().isUnsignedInteger();
    Value operand = toSignless(rewriter, loc, adaptor.getOperand());
    Value indices = toSignless(rewriter, loc, adaptor.getStartIndices());
    auto indicesType = cast<RankedTensorType>(indices.getType());
    int64_t operandRank = cast<RankedTensorType>(operand.getType()).getRank();
    int64_t resultRank = resultType.getRank();
    SmallVector<int64_t> batchResultDims =
        complementDims(resultRank, offsetDims);
    SmallVector<int64_t> indexBatchDims =
        complementDims(indicesType.getRank(), {indexVectorDim});

    // The largest start of each indexed dimension: size - slice size.
    SmallVector<Value> maxStart(operandRank);
    for (int64_t d : startIndexMap)
      maxStart[d] = getValueOrCreateConstantIndexOp(
          rewriter, loc,
          subSizes(rewriter, loc, getDimSize(rewriter, loc, operand, d),
                   rewriter.getIndexAttr(sliceSizes[d])));
    SmallVector<int64_t> uncollapsed = complementDims(operandRank, collapsed);
    // Result sizes: slice sizes at the offset dimensions, the indices' batch
    // sizes elsewhere.
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < resultRank; ++d) {
      if (!resultType.isDynamicDim(d))
        continue;
      if (llvm::is_contained(offsetDims, d)) {
        int64_t window = uncollapsed[positionOf(offsetDims, d)];
        dynamicSizes.push_back(
            arith::ConstantIndexOp::create(rewriter, loc, sliceSizes[window]));
      } else {
        int64_t q = indexBatchDims[positionOf(batchResultDims, d)];
        dynamicSizes.push_back(
            tensor::DimOp::create(rewriter, loc, indices, q));
      }
    }
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                resultType.getElementType(), dynamicSizes);

    SmallVector<utils::IteratorType> parallel(resultRank,
                                              utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{}, ValueRange{empty},
        ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(resultRank)},
        parallel, [&](OpBuilder &b, Location nested, ValueRange) {
          SmallVector<Value> position;
          for (int64_t d = 0; d < resultRank; ++d)
            position.push_back(linalg::IndexOp::create(b, nested, d));
          SmallVector<Value> batch;
          for (int64_t d : batchResultDims)
            batch.push_back(position[d]);
          // Operand coordinate: clamped start (0 when the dimension is not
          // indexed) plus the offset in the slice (0 when collapsed).
          Value zero = arith::ConstantIndexOp::create(b, nested, 0);
          SmallVector<Value> starts(operandRank);
          for (auto [k, d] : llvm::enumerate(startIndexMap)) {
            Value start = readIndex(b, nested, indices, indexVectorDim, batch,
                                    k, unsignedIndices);
            start = arith::MinSIOp::create(b, nested, start, maxStart[d]);
            starts[d] = arith::MaxSIOp::create(b, nested, start, zero);
          }
          SmallVector<Value> coords(starts);
          for (auto [m, d] : llvm::enumerate(uncollapsed)) {
            Value offset = position[offsetDims[m]];
            coords[d] =
                starts[d] ? arith::AddIOp::create(b, nested, starts[d], offset)
                          : offset;
          }
          for (Value &coord : coords)
            if (!coord)
              coord = zero;
          Value value = tensor::ExtractOp::create(b, nested, operand, coords);
          linalg::YieldOp::create(b, nested, value);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// `jx.scatter` becomes an `scf.for` nest over the update scatter (batch)
/// dimensions carrying the result, which starts as the operand. For each
/// index vector it computes the window start and checks that the whole
/// window fits (`0 <= start <= size - window`); an `scf.if` then runs an
/// inner nest over the window that combines each update with the element
/// it hits (`tensor.extract`, combiner, `tensor.insert`) or, out of range,
/// drops the window (JAX's default). Updates are applied in order, so with
/// `set` and repeated indices the last one wins.
struct ScatterOpLowering : public OpConversionPattern<ScatterOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ScatterOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type legalType = getLegalType(getTypeConverter(), op.getType());
    if (!legalType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    ScatterDimensionNumbersAttr dn = op.getDimensionNumbers();
    ArrayRef<int64_t> windowDims = dn.getUpdateWindowDims();
    ArrayRef<int64_t> inserted = dn.getInsertedWindowDims();
    ArrayRef<int64_t> toOperand = dn.getScatterDimsToOperandDims();
    int64_t indexVectorDim = dn.getIndexVectorDim();
    ScatterKind kind = op.getKind();
    Type originalElement = op.getType().getElementType();
    bool isUnsigned = originalElement.isUnsignedInteger();
    bool isBool = originalElement.isInteger(1);
    bool unsignedIndices =
        op.getScatterIndices().getType().getElementType().isUnsignedInteger();

    Value operand = toSignless(rewriter, loc, adaptor.getOperand());
    Value updates = toSignless(rewriter, loc, adaptor.getUpdates());
    Value indices = toSignless(rewriter, loc, adaptor.getScatterIndices());
    int64_t operandRank = cast<RankedTensorType>(operand.getType()).getRank();
    int64_t updatesRank = cast<RankedTensorType>(updates.getType()).getRank();
    SmallVector<int64_t> scatterDims = complementDims(updatesRank, windowDims);
    SmallVector<int64_t> operandWindowDims =
        complementDims(operandRank, inserted);

    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    SmallVector<Value> scatterLbs(scatterDims.size(), zero);
    SmallVector<Value> scatterUbs, scatterSteps(scatterDims.size(), one);
    for (int64_t u : scatterDims)
      scatterUbs.push_back(getValueOrCreateConstantIndexOp(
          rewriter, loc, getDimSize(rewriter, loc, updates, u)));
    SmallVector<Value> windowLbs(windowDims.size(), zero);
    SmallVector<OpFoldResult> windowSizes;
    for (int64_t u : windowDims)
      windowSizes.push_back(getDimSize(rewriter, loc, updates, u));
    SmallVector<Value> windowUbs =
        getValueOrCreateConstantIndexOp(rewriter, loc, windowSizes);
    SmallVector<Value> windowSteps(windowDims.size(), one);

    // limit[d] = size - window size, the largest start whose window fits, for
    // the dimensions to check: the indexed ones, and those that start at 0
    // but whose window is not known to fit.
    SmallVector<Value> limit(operandRank);
    for (int64_t d = 0; d < operandRank; ++d) {
      OpFoldResult window = llvm::is_contained(inserted, d)
                                ? rewriter.getIndexAttr(1)
                                : windowSizes[positionOf(operandWindowDims, d)];
      OpFoldResult dimLimit = subSizes(
          rewriter, loc, getDimSize(rewriter, loc, operand, d), window);
      std::optional<int64_t> known = getConstantIntValue(dimLimit);
      if (llvm::is_contained(toOperand, d) || !known || *known < 0)
        limit[d] = getValueOrCreateConstantIndexOp(rewriter, loc, dimLimit);
    }

    auto combine = [&](OpBuilder &b, Location l, Value current,
                       Value update) -> Value {
      bool isFloat = isa<FloatType>(update.getType());
      switch (kind) {
      case ScatterKind::Set:
        return update;
      case ScatterKind::Add:
        if (isFloat)
          return arith::AddFOp::create(b, l, current, update);
        if (isBool)
          return arith::OrIOp::create(b, l, current, update);
        return arith::AddIOp::create(b, l, current, update);
      case ScatterKind::Mul:
        if (isFloat)
          return arith::MulFOp::create(b, l, current, update);
        if (isBool)
          return arith::AndIOp::create(b, l, current, update);
        return arith::MulIOp::create(b, l, current, update);
      case ScatterKind::Max:
        if (isFloat)
          return arith::MaximumFOp::create(b, l, current, update);
        if (isUnsigned || isBool)
          return arith::MaxUIOp::create(b, l, current, update);
        return arith::MaxSIOp::create(b, l, current, update);
      case ScatterKind::Min:
        if (isFloat)
          return arith::MinimumFOp::create(b, l, current, update);
        if (isUnsigned || isBool)
          return arith::MinUIOp::create(b, l, current, update);
        return arith::MinSIOp::create(b, l, current, update);
      }
      llvm_unreachable("unknown scatter kind");
    };

    // Applies the window at `start` for the update batch position `batch`.
    auto applyWindow = [&](OpBuilder &b, Location l, ValueRange batch,
                           ArrayRef<Value> start, Value dest) -> Value {
      scf::LoopNest nest = scf::buildLoopNest(
          b, l, windowLbs, windowUbs, windowSteps, ValueRange{dest},
          [&](OpBuilder &ib, Location il, ValueRange window,
              ValueRange iterArgs) -> scf::ValueVector {
            SmallVector<Value> operandCoords(start);
            for (auto [m, d] : llvm::enumerate(operandWindowDims))
              operandCoords[d] =
                  start[d] ? arith::AddIOp::create(ib, il, start[d], window[m])
                           : window[m];
            for (Value &coord : operandCoords)
              if (!coord)
                coord = zero;
            SmallVector<Value> updateCoords;
            for (int64_t u = 0; u < updatesRank; ++u)
              updateCoords.push_back(llvm::is_contained(windowDims, u)
                                         ? window[positionOf(windowDims, u)]
                                         : batch[positionOf(scatterDims, u)]);
            Value update =
                tensor::ExtractOp::create(ib, il, updates, updateCoords);
            Value next = update;
            if (kind != ScatterKind::Set) {
              Value current =
                  tensor::ExtractOp::create(ib, il, iterArgs[0], operandCoords);
              next = combine(ib, il, current, update);
            }
            return {tensor::InsertOp::create(ib, il, next, iterArgs[0],
                                             operandCoords)};
          });
      return nest.results.front();
    };

    scf::LoopNest outer = scf::buildLoopNest(
        rewriter, loc, scatterLbs, scatterUbs, scatterSteps,
        ValueRange{operand},
        [&](OpBuilder &b, Location l, ValueRange batch,
            ValueRange iterArgs) -> scf::ValueVector {
          // The window start (null: 0, the dimension is not indexed) and
          // whether the window fits.
          SmallVector<Value> start(operandRank);
          for (auto [k, d] : llvm::enumerate(toOperand))
            start[d] = readIndex(b, l, indices, indexVectorDim, batch, k,
                                 unsignedIndices);
          Value valid;
          for (int64_t d = 0; d < operandRank; ++d) {
            if (!limit[d])
              continue;
            Value fits;
            if (start[d]) {
              Value low = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge,
                                                start[d], zero);
              Value high = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::sle, start[d], limit[d]);
              fits = arith::AndIOp::create(b, l, low, high);
            } else {
              fits = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge,
                                           limit[d], zero);
            }
            valid = valid ? arith::AndIOp::create(b, l, valid, fits) : fits;
          }
          if (!valid)
            return {applyWindow(b, l, batch, start, iterArgs[0])};
          auto ifOp = scf::IfOp::create(
              b, l, valid,
              [&](OpBuilder &tb, Location tl) {
                scf::YieldOp::create(
                    tb, tl, applyWindow(tb, tl, batch, start, iterArgs[0]));
              },
              [&](OpBuilder &eb, Location el) {
                scf::YieldOp::create(eb, el, iterArgs[0]);
              });
          return {ifOp.getResult(0)};
        });
    rewriter.replaceOp(op,
                       castTo(rewriter, loc, outer.results.front(), legalType));
    return success();
  }
};

} // namespace

void mlir::jx::populateJxGatherScatterToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<GatherOpLowering, ScatterOpLowering>(patterns.getContext());
}
