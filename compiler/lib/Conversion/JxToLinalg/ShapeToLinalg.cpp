//===- ShapeToLinalg.cpp - jx shape and indexing ops to linalg/tensor -----===//
//
// broadcast_in_dim, reshape, transpose, slice, concatenate, pad, reverse,
// dim, from_index, to_index, dynamic_slice and dynamic_update_slice. Data
// movement becomes linalg named ops (broadcast, transpose, fill) or
// linalg.generic where an index map must stretch or reverse a dimension;
// slicing and reshaping become tensor ops. Dynamic sizes come from the ops'
// `sizes(...)` operands or from `tensor.dim` of the operand.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/JxToLinalg/JxToLinalg.h"

#include "ConversionUtils.h"
#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::jx;

namespace {

//===----------------------------------------------------------------------===//
// Index arithmetic on OpFoldResults (folded when both sides are constant)
//===----------------------------------------------------------------------===//

Value toValue(OpBuilder &b, Location loc, OpFoldResult ofr) {
  return getValueOrCreateConstantIndexOp(b, loc, ofr);
}

OpFoldResult addIndex(OpBuilder &b, Location loc, OpFoldResult lhs,
                      OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs);
  std::optional<int64_t> r = getConstantIntValue(rhs);
  if (l && r)
    return b.getIndexAttr(*l + *r);
  if (r && *r == 0)
    return lhs;
  if (l && *l == 0)
    return rhs;
  return arith::AddIOp::create(b, loc, toValue(b, loc, lhs),
                               toValue(b, loc, rhs))
      .getResult();
}

OpFoldResult subIndex(OpBuilder &b, Location loc, OpFoldResult lhs,
                      OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs);
  std::optional<int64_t> r = getConstantIntValue(rhs);
  if (l && r)
    return b.getIndexAttr(*l - *r);
  if (r && *r == 0)
    return lhs;
  return arith::SubIOp::create(b, loc, toValue(b, loc, lhs),
                               toValue(b, loc, rhs))
      .getResult();
}

/// `max(value, 0)`.
OpFoldResult clampToNonNegative(OpBuilder &b, Location loc,
                                OpFoldResult value) {
  if (std::optional<int64_t> v = getConstantIntValue(value))
    return b.getIndexAttr(std::max<int64_t>(*v, 0));
  return arith::MaxSIOp::create(b, loc, toValue(b, loc, value),
                                createIndexConstant(b, loc, 0))
      .getResult();
}

OpFoldResult mulIndex(OpBuilder &b, Location loc, OpFoldResult lhs,
                      int64_t rhs) {
  if (std::optional<int64_t> l = getConstantIntValue(lhs))
    return b.getIndexAttr(*l * rhs);
  if (rhs == 1)
    return lhs;
  return arith::MulIOp::create(b, loc, toValue(b, loc, lhs),
                               createIndexConstant(b, loc, rhs))
      .getResult();
}

/// `value` with type `type` (a tensor.cast when the static information
/// differs; the shapes agree at run time).
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// The sizes of a result type whose `?` dimensions take `dynamicSizes`, in
/// order.
SmallVector<OpFoldResult> getMixedResultSizes(OpBuilder &b,
                                              RankedTensorType type,
                                              ValueRange dynamicSizes) {
  SmallVector<OpFoldResult> sizes;
  auto next = dynamicSizes.begin();
  for (int64_t size : type.getShape())
    sizes.push_back(ShapedType::isDynamic(size) ? OpFoldResult(*next++)
                                                : b.getIndexAttr(size));
  return sizes;
}

/// Clamps a run-time start index (a rank-0 integer tensor) so that a slice
/// of `sliceSize` fits in a dimension of `dimSize`: `max(0, min(start,
/// dimSize - sliceSize))`, as XLA's dynamic_slice.
Value createClampedStart(OpBuilder &b, Location loc, Value startTensor,
                         bool isUnsigned, OpFoldResult dimSize,
                         OpFoldResult sliceSize) {
  Value start =
      castToIndex(b, loc, extractScalar(b, loc, startTensor), isUnsigned);
  Value limit = toValue(b, loc, subIndex(b, loc, dimSize, sliceSize));
  Value upper = arith::MinSIOp::create(b, loc, start, limit);
  return arith::MaxSIOp::create(b, loc, upper, createIndexConstant(b, loc, 0));
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// `jx.broadcast_in_dim` becomes `linalg.broadcast` when the operand's
/// dimensions keep their order and none is stretched, and otherwise a
/// linalg.generic whose input map reads a stretched dimension (static size
/// 1 in the operand, not 1 in the result) at the constant index 0.
struct BroadcastInDimOpLowering : JxOpConversionPattern<BroadcastInDimOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(BroadcastInDimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    auto operandType = cast<RankedTensorType>(operand.getType());
    auto resultType = convertJxTensorType(op.getType());
    ArrayRef<int64_t> dims = op.getBroadcastDimensions();
    int64_t rank = resultType.getRank();

    bool stretches = false;
    for (auto [operandDim, resultDim] : llvm::enumerate(dims))
      stretches |= operandType.getDimSize(operandDim) == 1 &&
                   resultType.getDimSize(resultDim) != 1;
    bool inOrder =
        llvm::is_sorted(dims) && llvm::adjacent_find(dims) == dims.end();

    if (!stretches && inOrder && operandType.getRank() == rank) {
      rewriter.replaceOp(op, castTo(rewriter, loc, operand, resultType));
      return success();
    }

    Value init =
        createEmptyTensor(rewriter, loc, resultType, adaptor.getDynamicDims());
    if (!stretches && inOrder) {
      SmallVector<int64_t> addedDims;
      for (int64_t d = 0; d < rank; ++d)
        if (!llvm::is_contained(dims, d))
          addedDims.push_back(d);
      auto broadcast =
          linalg::BroadcastOp::create(rewriter, loc, operand, init, addedDims);
      rewriter.replaceOp(op, broadcast->getResults());
      return success();
    }

    SmallVector<AffineExpr> exprs;
    for (auto [operandDim, resultDim] : llvm::enumerate(dims)) {
      bool stretched = operandType.getDimSize(operandDim) == 1 &&
                       resultType.getDimSize(resultDim) != 1;
      exprs.push_back(stretched ? rewriter.getAffineConstantExpr(0)
                                : rewriter.getAffineDimExpr(resultDim));
    }
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, exprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{operand},
        ValueRange{init}, maps, iterators,
        [](OpBuilder &b, Location nestedLoc, ValueRange args) {
          linalg::YieldOp::create(b, nestedLoc, args[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// Whether `collapsed` is certainly `expanded` with the groups of
/// `reassociation` merged, in a form tensor.collapse_shape and
/// tensor.expand_shape accept: each group is dynamic on both sides or static
/// with equal products, and at most one group is dynamic (equal element
/// counts then force its sizes; with two, the split could differ at run
/// time).
bool isExactReassociation(ArrayRef<int64_t> expanded,
                          ArrayRef<int64_t> collapsed,
                          ArrayRef<ReassociationIndices> reassociation) {
  if (reassociation.size() != collapsed.size())
    return false;
  int64_t dynamicGroups = 0;
  for (auto [group, collapsedSize] : llvm::zip(reassociation, collapsed)) {
    bool anyDynamic = false;
    int64_t product = 1;
    for (int64_t d : group) {
      anyDynamic |= ShapedType::isDynamic(expanded[d]);
      if (!ShapedType::isDynamic(expanded[d]))
        product *= expanded[d];
    }
    if (anyDynamic != ShapedType::isDynamic(collapsedSize))
      return false;
    if (!anyDynamic && product != collapsedSize)
      return false;
    dynamicGroups += anyDynamic;
  }
  return dynamicGroups <= 1;
}

/// Whether at most one of the sizes of `shape` that `group` selects is
/// dynamic.
bool hasAtMostOneDynamicSize(ArrayRef<int64_t> shape,
                             const ReassociationIndices &group) {
  return llvm::count_if(group, [&](int64_t d) {
           return ShapedType::isDynamic(shape[d]);
         }) <= 1;
}

/// The reassociation that collapses `expanded` into `collapsed` when the
/// shapes determine it (`isExactReassociation`); rank 0 collapses a shape of
/// static 1s with no groups.
std::optional<SmallVector<ReassociationIndices>>
getExactReassociation(ArrayRef<int64_t> expanded, ArrayRef<int64_t> collapsed) {
  if (collapsed.empty()) {
    if (llvm::all_of(expanded, [](int64_t size) { return size == 1; }))
      return SmallVector<ReassociationIndices>{};
    return std::nullopt;
  }
  std::optional<SmallVector<ReassociationIndices>> reassociation =
      getReassociationIndicesForCollapse(expanded, collapsed);
  if (!reassociation ||
      !isExactReassociation(expanded, collapsed, *reassociation))
    return std::nullopt;
  return reassociation;
}

/// `jx.reshape` becomes one tensor.collapse_shape or tensor.expand_shape
/// when the shapes show how dimensions group. Otherwise, with at most one
/// `?` in the result, the operand is collapsed to one dimension and expanded
/// to the result shape (row-major order makes that exact), with tensor.cast
/// where a static size must be forgotten or asserted; with more, it becomes
/// tensor.reshape with a shape tensor.
struct ReshapeOpLowering : JxOpConversionPattern<ReshapeOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    auto operandType = cast<RankedTensorType>(operand.getType());
    auto resultType = convertJxTensorType(op.getType());
    // Same type with at most one `?`: equal element counts make it the
    // identity.
    if (operandType == resultType && operandType.getNumDynamicDims() <= 1) {
      rewriter.replaceOp(op, operand);
      return success();
    }
    ArrayRef<int64_t> from = operandType.getShape();
    ArrayRef<int64_t> to = resultType.getShape();
    SmallVector<OpFoldResult> outputShape =
        getMixedResultSizes(rewriter, resultType, adaptor.getDynamicDims());

    if (from.size() > to.size()) {
      if (std::optional<SmallVector<ReassociationIndices>> reassociation =
              getExactReassociation(from, to)) {
        rewriter.replaceOp(
            op, tensor::CollapseShapeOp::create(rewriter, loc, resultType,
                                                operand, *reassociation));
        return success();
      }
    }
    if (from.size() < to.size()) {
      std::optional<SmallVector<ReassociationIndices>> reassociation =
          getExactReassociation(to, from);
      if (reassociation && llvm::all_of(*reassociation, [&](const auto &group) {
            return hasAtMostOneDynamicSize(to, group);
          })) {
        rewriter.replaceOp(op, tensor::ExpandShapeOp::create(
                                   rewriter, loc, resultType, operand,
                                   *reassociation, outputShape));
        return success();
      }
    }

    // Several `?` in the result: tensor.reshape with the sizes as a shape
    // tensor (an expand_shape group with two dynamic sizes crashes
    // expand-strided-metadata in LLVM 22).
    if (resultType.getNumDynamicDims() > 1) {
      SmallVector<Value> sizes =
          llvm::map_to_vector(outputShape, [&](OpFoldResult size) {
            return toValue(rewriter, loc, size);
          });
      Value shape = tensor::FromElementsOp::create(
          rewriter, loc,
          RankedTensorType::get({resultType.getRank()},
                                rewriter.getIndexType()),
          sizes);
      rewriter.replaceOp(op, tensor::ReshapeOp::create(
                                 rewriter, loc, resultType, operand, shape));
      return success();
    }

    // Through one dimension.
    Type elementType = resultType.getElementType();
    Value flat = operand;
    if (operandType.getRank() == 0) {
      flat = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get({1}, elementType), operand,
          ArrayRef<ReassociationIndices>{},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
    } else if (operandType.getRank() > 1) {
      ReassociationIndices all =
          llvm::to_vector(llvm::seq<int64_t>(0, operandType.getRank()));
      flat = tensor::CollapseShapeOp::create(
          rewriter, loc, operand, ArrayRef<ReassociationIndices>{all});
    }
    if (resultType.getRank() == 0) {
      flat =
          castTo(rewriter, loc, flat, RankedTensorType::get({1}, elementType));
      rewriter.replaceOp(op, tensor::CollapseShapeOp::create(
                                 rewriter, loc, resultType, flat,
                                 ArrayRef<ReassociationIndices>{}));
      return success();
    }
    int64_t flatSize = resultType.hasStaticShape() ? resultType.getNumElements()
                                                   : ShapedType::kDynamic;
    flat = castTo(rewriter, loc, flat,
                  RankedTensorType::get({flatSize}, elementType));
    if (resultType.getRank() == 1) {
      rewriter.replaceOp(op, castTo(rewriter, loc, flat, resultType));
      return success();
    }
    ReassociationIndices all =
        llvm::to_vector(llvm::seq<int64_t>(0, resultType.getRank()));
    rewriter.replaceOp(
        op, tensor::ExpandShapeOp::create(rewriter, loc, resultType, flat,
                                          ArrayRef<ReassociationIndices>{all},
                                          outputShape));
    return success();
  }
};

/// `jx.transpose` becomes `linalg.transpose` into a tensor.empty of the
/// permuted sizes.
struct TransposeOpLowering : JxOpConversionPattern<TransposeOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    ArrayRef<int64_t> perm = op.getPermutation();
    SmallVector<OpFoldResult> operandSizes =
        tensor::getMixedSizes(rewriter, loc, operand);
    SmallVector<OpFoldResult> sizes;
    for (int64_t d : perm)
      sizes.push_back(operandSizes[d]);
    auto resultType = convertJxTensorType(op.getType());
    Value init = tensor::EmptyOp::create(rewriter, loc, sizes,
                                         resultType.getElementType());
    auto transpose =
        linalg::TransposeOp::create(rewriter, loc, operand, init, perm);
    rewriter.replaceOp(
        op, castTo(rewriter, loc, transpose->getResult(0), resultType));
    return success();
  }
};

/// `jx.slice` becomes a strided tensor.extract_slice; an empty slice becomes
/// a `tensor.empty`, since extract_slice rejects an offset at the end of the
/// operand (`x[3:]` of a length-3 `x`) even when nothing is read.
struct SliceOpLowering : JxOpConversionPattern<SliceOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> offsets, sizes, strides;
    bool empty = false;
    for (auto [start, limit, stride] : llvm::zip(
             op.getStartIndices(), op.getLimitIndices(), op.getStrides())) {
      int64_t size = limit > start ? (limit - start + stride - 1) / stride : 0;
      empty |= size == 0;
      offsets.push_back(rewriter.getIndexAttr(start));
      sizes.push_back(rewriter.getIndexAttr(size));
      strides.push_back(rewriter.getIndexAttr(stride));
    }
    auto resultType = convertJxTensorType(op.getType());
    if (empty && resultType.hasStaticShape()) {
      rewriter.replaceOp(
          op, tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                      resultType.getElementType()));
      return success();
    }
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, adaptor.getOperand(), offsets, sizes, strides);
    rewriter.replaceOp(op, castTo(rewriter, loc, slice, resultType));
    return success();
  }
};

/// `jx.concatenate` becomes `tensor.concat`.
struct ConcatenateOpLowering : JxOpConversionPattern<ConcatenateOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(ConcatenateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = convertJxTensorType(op.getType());
    ValueRange inputs = adaptor.getInputs();
    if (inputs.size() == 1) {
      rewriter.replaceOp(op, castTo(rewriter, loc, inputs.front(), resultType));
      return success();
    }
    rewriter.replaceOp(op, tensor::ConcatOp::create(rewriter, loc, resultType,
                                                    op.getDimension(), inputs));
    return success();
  }
};

/// `jx.pad` becomes `tensor.pad` when no padding is interior or negative.
/// Otherwise the operand is inserted with stride `interior + 1` at the
/// non-negative low padding into a tensor filled with the padding value,
/// and a tensor.extract_slice then drops what negative padding removes.
struct PadOpLowering : JxOpConversionPattern<PadOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    auto resultType = convertJxTensorType(op.getType());
    ArrayRef<int64_t> low = op.getEdgePaddingLow();
    ArrayRef<int64_t> high = op.getEdgePaddingHigh();
    ArrayRef<int64_t> interior = op.getInteriorPadding();
    Value padValue = extractScalar(rewriter, loc, adaptor.getPaddingValue());

    auto isNegative = [](int64_t v) { return v < 0; };
    auto isPositive = [](int64_t v) { return v > 0; };
    bool hasNegative =
        llvm::any_of(low, isNegative) || llvm::any_of(high, isNegative);
    if (!hasNegative && !llvm::any_of(interior, isPositive)) {
      SmallVector<OpFoldResult> lowSizes, highSizes;
      for (auto [l, h] : llvm::zip(low, high)) {
        lowSizes.push_back(rewriter.getIndexAttr(l));
        highSizes.push_back(rewriter.getIndexAttr(h));
      }
      Value padded =
          tensor::PadOp::create(rewriter, loc, /*resultType=*/Type(), operand,
                                lowSizes, highSizes, padValue);
      rewriter.replaceOp(op, castTo(rewriter, loc, padded, resultType));
      return success();
    }

    SmallVector<OpFoldResult> operandSizes =
        tensor::getMixedSizes(rewriter, loc, operand);
    SmallVector<OpFoldResult> paddedSizes, insertOffsets, insertStrides;
    SmallVector<OpFoldResult> sliceOffsets, sliceSizes, unitStrides;
    for (auto [d, size] : llvm::enumerate(operandSizes)) {
      int64_t lowPad = std::max<int64_t>(low[d], 0);
      int64_t highPad = std::max<int64_t>(high[d], 0);
      // size + (size - 1) * interior, and 0 for an empty dimension.
      OpFoldResult gaps = clampToNonNegative(
          rewriter, loc,
          subIndex(rewriter, loc, size, rewriter.getIndexAttr(1)));
      OpFoldResult spread = addIndex(
          rewriter, loc, size, mulIndex(rewriter, loc, gaps, interior[d]));
      OpFoldResult padded = addIndex(rewriter, loc, spread,
                                     rewriter.getIndexAttr(lowPad + highPad));
      paddedSizes.push_back(padded);
      insertOffsets.push_back(rewriter.getIndexAttr(lowPad));
      insertStrides.push_back(rewriter.getIndexAttr(interior[d] + 1));
      int64_t dropLow = std::max<int64_t>(-low[d], 0);
      int64_t dropHigh = std::max<int64_t>(-high[d], 0);
      sliceOffsets.push_back(rewriter.getIndexAttr(dropLow));
      sliceSizes.push_back(subIndex(rewriter, loc, padded,
                                    rewriter.getIndexAttr(dropLow + dropHigh)));
      unitStrides.push_back(rewriter.getIndexAttr(1));
    }
    Value empty = tensor::EmptyOp::create(rewriter, loc, paddedSizes,
                                          resultType.getElementType());
    Value filled =
        linalg::FillOp::create(rewriter, loc, ValueRange{padValue}, empty)
            .getResult(0);
    Value result = tensor::InsertSliceOp::create(rewriter, loc, operand, filled,
                                                 insertOffsets, operandSizes,
                                                 insertStrides);
    if (hasNegative)
      result = tensor::ExtractSliceOp::create(
          rewriter, loc, result, sliceOffsets, sliceSizes, unitStrides);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// `jx.reverse` becomes a linalg.generic. With static reversed dimensions
/// the input map reads index `size - 1 - i`; a dynamic reversed dimension
/// needs its size at run time, so the body computes the indices and uses
/// tensor.extract instead.
struct ReverseOpLowering : JxOpConversionPattern<ReverseOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(ReverseOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t rank = type.getRank();
    ArrayRef<int64_t> dims = op.getDimensions();
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, operand);
    Value init =
        tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);

    bool allStatic =
        llvm::all_of(dims, [&](int64_t d) { return !type.isDynamicDim(d); });
    if (allStatic) {
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d < rank; ++d) {
        AffineExpr index = rewriter.getAffineDimExpr(d);
        exprs.push_back(llvm::is_contained(dims, d)
                            ? type.getDimSize(d) - 1 - index
                            : index);
      }
      SmallVector<AffineMap> maps = {
          AffineMap::get(rank, 0, exprs, rewriter.getContext()), identity};
      auto generic = linalg::GenericOp::create(
          rewriter, loc, TypeRange{type}, ValueRange{operand}, ValueRange{init},
          maps, iterators,
          [](OpBuilder &b, Location nestedLoc, ValueRange args) {
            linalg::YieldOp::create(b, nestedLoc, args[0]);
          });
      rewriter.replaceOp(op, generic.getResult(0));
      return success();
    }

    SmallVector<Value> lastIndex(rank);
    for (int64_t d : dims)
      lastIndex[d] =
          toValue(rewriter, loc,
                  subIndex(rewriter, loc, sizes[d], rewriter.getIndexAttr(1)));
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init},
        {identity}, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          SmallVector<Value> indices;
          for (int64_t d = 0; d < rank; ++d) {
            Value index = linalg::IndexOp::create(b, nestedLoc, d);
            if (lastIndex[d])
              index = arith::SubIOp::create(b, nestedLoc, lastIndex[d], index);
            indices.push_back(index);
          }
          Value element =
              tensor::ExtractOp::create(b, nestedLoc, operand, indices);
          linalg::YieldOp::create(b, nestedLoc, element);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// `jx.dim` becomes `tensor.dim`.
struct DimOpLowering : JxOpConversionPattern<DimOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(DimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, tensor::DimOp::create(rewriter, op.getLoc(),
                                                 adaptor.getOperand(),
                                                 op.getIndex()));
    return success();
  }
};

/// `jx.from_index` becomes arith.index_cast and tensor.from_elements.
struct FromIndexOpLowering : JxOpConversionPattern<FromIndexOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(FromIndexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = convertJxTensorType(op.getType());
    Value scalar = arith::IndexCastOp::create(
        rewriter, loc, resultType.getElementType(), adaptor.getOperand());
    rewriter.replaceOp(op, tensor::FromElementsOp::create(
                               rewriter, loc, resultType, ValueRange{scalar}));
    return success();
  }
};

/// `jx.to_index` becomes tensor.extract and an index cast, zero-extending
/// `ui32`.
struct ToIndexOpLowering : JxOpConversionPattern<ToIndexOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(ToIndexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value scalar = extractScalar(rewriter, loc, adaptor.getOperand());
    rewriter.replaceOp(
        op, castToIndex(rewriter, loc, scalar,
                        isUnsignedJxType(op.getOperand().getType())));
    return success();
  }
};

/// `jx.batch_max` is its operand once no vmap is left.
struct BatchMaxOpLowering : JxOpConversionPattern<BatchMaxOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(BatchMaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getOperand());
    return success();
  }
};

/// `jx.dynamic_slice` becomes tensor.extract_slice at clamped offsets.
struct DynamicSliceOpLowering : JxOpConversionPattern<DynamicSliceOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(DynamicSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    SmallVector<OpFoldResult> dimSizes =
        tensor::getMixedSizes(rewriter, loc, operand);
    auto dynamicSizes = adaptor.getDynamicSizes().begin();
    SmallVector<OpFoldResult> offsets, sizes;
    for (auto [d, sliceSize] : llvm::enumerate(op.getSliceSizes())) {
      OpFoldResult size = sliceSize == -1
                              ? OpFoldResult(*dynamicSizes++)
                              : OpFoldResult(rewriter.getIndexAttr(sliceSize));
      sizes.push_back(size);
      offsets.push_back(createClampedStart(
          rewriter, loc, adaptor.getStartIndices()[d],
          isUnsignedJxType(op.getStartIndices()[d].getType()), dimSizes[d],
          size));
    }
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    Value slice = tensor::ExtractSliceOp::create(rewriter, loc, operand,
                                                 offsets, sizes, strides);
    rewriter.replaceOp(
        op, castTo(rewriter, loc, slice, convertJxTensorType(op.getType())));
    return success();
  }
};

/// `jx.dynamic_update_slice` becomes tensor.insert_slice at clamped offsets.
struct DynamicUpdateSliceOpLowering
    : JxOpConversionPattern<DynamicUpdateSliceOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(DynamicUpdateSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    Value update = adaptor.getUpdate();
    SmallVector<OpFoldResult> dimSizes =
        tensor::getMixedSizes(rewriter, loc, operand);
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, update);
    SmallVector<OpFoldResult> offsets;
    for (auto [d, size] : llvm::enumerate(sizes))
      offsets.push_back(createClampedStart(
          rewriter, loc, adaptor.getStartIndices()[d],
          isUnsignedJxType(op.getStartIndices()[d].getType()), dimSizes[d],
          size));
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    rewriter.replaceOp(op, tensor::InsertSliceOp::create(rewriter, loc, update,
                                                         operand, offsets,
                                                         sizes, strides));
    return success();
  }
};

} // namespace

void mlir::jx::populateJxShapeToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<BroadcastInDimOpLowering, ReshapeOpLowering, TransposeOpLowering,
               SliceOpLowering, ConcatenateOpLowering, PadOpLowering,
               ReverseOpLowering, DimOpLowering, FromIndexOpLowering,
               ToIndexOpLowering, BatchMaxOpLowering, DynamicSliceOpLowering,
               DynamicUpdateSliceOpLowering>(patterns.getContext());
}
