//===- ShapeRules.cpp - JVP/VJP of the shape and reduction jx ops ---------===//
//
// Structural ops are linear: the JVP applies the op to the tangent and the
// VJP applies its transpose (broadcast <-> reduce sum, slice <-> pad,
// concatenate <-> slices, transpose <-> inverse transpose, reshape <->
// reshape back). dot_general follows JAX's `_dot_general_transpose_lhs/rhs`.
// reduce max/min route the cotangent to the extreme positions, split
// equally between ties (as JAX). reduce prod multiplies by the product of
// all other reduced elements, built from exclusive cumulative products from
// both sides (no division), so it is exact when elements are zero. Bool
// reductions (and/or) and argmax/argmin have no tangent.
//
// With dynamic shapes, whose sizes the static slice/pad attributes cannot
// name, the transposes go through dynamic_update_slice / dynamic_slice and
// reshapes sized with jx.dim instead.
//
//===----------------------------------------------------------------------===//

#include "AutodiffUtils.h"

#include "mlir/IR/BuiltinTypes.h"

#include <numeric>

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// jx.dim of each dynamic dimension of `like`.
SmallVector<Value> dynamicSizes(OpBuilder &b, Location loc, Value like) {
  SmallVector<Value> sizes;
  RankedTensorType type = tensorType(like);
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      sizes.push_back(DimOp::create(b, loc, like, i));
  return sizes;
}

/// Broadcasts `value` (whose dims are the dims of `like` not in `reduced`)
/// back to `like`'s shape.
Value unreduce(OpBuilder &b, Location loc, Value value, Value like,
               ArrayRef<int64_t> reduced) {
  RankedTensorType likeType = tensorType(like);
  SmallVector<int64_t> kept;
  for (int64_t i = 0; i < likeType.getRank(); ++i)
    if (!llvm::is_contained(reduced, i))
      kept.push_back(i);
  auto type = RankedTensorType::get(likeType.getShape(),
                                    tensorType(value).getElementType());
  return BroadcastInDimOp::create(b, loc, type, value, kept,
                                  dynamicSizes(b, loc, like));
}

Value reduceWith(OpBuilder &b, Location loc, ReduceKind kind, Value value,
                 ArrayRef<int64_t> dims) {
  RankedTensorType type = tensorType(value);
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (!llvm::is_contained(dims, i))
      shape.push_back(type.getDimSize(i));
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return ReduceOp::create(b, loc, resultType, kind, value, dims);
}

Value reduceSum(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> dims) {
  return reduceWith(b, loc, ReduceKind::Sum, value, dims);
}

/// A rank-0 constant of `elementType` (float or integer).
Value scalar(OpBuilder &b, Location loc, Type elementType, double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element = isa<FloatType>(elementType)
                          ? Attribute(b.getFloatAttr(elementType, value))
                          : Attribute(b.getIntegerAttr(
                                elementType, static_cast<int64_t>(value)));
  return ConstantOp::create(b, loc, DenseElementsAttr::get(type, element));
}

/// A rank-0 i64 constant, as a start index of the dynamic slice ops.
Value indexScalar(OpBuilder &b, Location loc, int64_t value) {
  return scalar(b, loc, b.getI64Type(), static_cast<double>(value));
}

/// `v` shifted by one along `axis` towards higher indices (`towardsEnd`) or
/// lower ones, filled with 1 (a pad with -1 on the other side keeps the
/// type, dynamic sizes included).
Value shiftInOnes(OpBuilder &b, Location loc, Value v, int64_t axis,
                  bool towardsEnd) {
  RankedTensorType type = tensorType(v);
  SmallVector<int64_t> low(type.getRank(), 0), high(type.getRank(), 0),
      interior(type.getRank(), 0);
  low[axis] = towardsEnd ? 1 : -1;
  high[axis] = -low[axis];
  Value one = scalar(b, loc, type.getElementType(), 1.0);
  return PadOp::create(b, loc, type, v, one, low, high, interior);
}

/// At each position, the product of the other elements along `axis`:
/// (exclusive cumprod from the front) * (exclusive cumprod from the back).
/// Only multiplications, so a zero element needs no special case and the
/// result is itself differentiable (second derivatives of prod are exact).
Value exclusiveProducts(OpBuilder &b, Location loc, Value v, int64_t axis) {
  RankedTensorType type = tensorType(v);
  Value before =
      CumulativeOp::create(b, loc, type, CumulativeKind::Prod,
                           shiftInOnes(b, loc, v, axis, true), axis, false);
  Value after =
      CumulativeOp::create(b, loc, type, CumulativeKind::Prod,
                           shiftInOnes(b, loc, v, axis, false), axis, true);
  return mul(b, loc, before, after);
}

/// d prod(x, dims) / dx: at each position the product of all other
/// elements of its reduced block. Reduced dims are peeled from the last:
/// the others along the last dim times (broadcast) the others along the
/// next dim of the product over the last, and so on.
Value othersProduct(OpBuilder &b, Location loc, Value x,
                    ArrayRef<int64_t> dims) {
  SmallVector<int64_t> sorted(dims);
  llvm::sort(sorted);
  Value result, partial = x;
  SmallVector<int64_t> reduced;
  for (int64_t d : llvm::reverse(sorted)) {
    // Removing larger dims first keeps `d` a valid index into `partial`.
    Value others = exclusiveProducts(b, loc, partial, d);
    if (!reduced.empty())
      others = unreduce(b, loc, others, x, reduced);
    result = result ? mul(b, loc, result, others) : others;
    reduced.push_back(d);
    if (reduced.size() != sorted.size())
      partial = reduceWith(b, loc, ReduceKind::Prod, partial, {d});
  }
  return result;
}

struct BroadcastModel
    : JxDifferentiableOpInterface::ExternalModel<BroadcastModel,
                                                 BroadcastInDimOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto bc = cast<BroadcastInDimOp>(op);
    return SmallVector<Value>{BroadcastInDimOp::create(
        b, op->getLoc(), bc.getType(), t[0], bc.getBroadcastDimensions(),
        bc.getDynamicDims())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto bc = cast<BroadcastInDimOp>(op);
    Location loc = op->getLoc();
    RankedTensorType inType = tensorType(bc.getOperand());
    RankedTensorType outType = bc.getType();
    ArrayRef<int64_t> dims = bc.getBroadcastDimensions();
    SmallVector<int64_t> summed;
    // (result dim, operand dim) of the operand dims that survive.
    SmallVector<std::pair<int64_t, int64_t>> kept;
    for (int64_t r = 0; r < outType.getRank(); ++r) {
      const int64_t *it = llvm::find(dims, r);
      if (it == dims.end()) {
        summed.push_back(r);
        continue;
      }
      int64_t i = it - dims.begin();
      if (inType.getDimSize(i) == 1 && outType.getDimSize(r) != 1)
        summed.push_back(r);
      else
        kept.push_back({r, i});
    }
    Value sum = summed.empty() ? ct[0] : reduceSum(b, loc, ct[0], summed);
    // `kept` is in result order; put it in operand order.
    SmallVector<int64_t> perm(kept.size());
    std::iota(perm.begin(), perm.end(), 0);
    llvm::stable_sort(perm, [&](int64_t x, int64_t y) {
      return kept[x].second < kept[y].second;
    });
    bool identity = llvm::all_of(llvm::enumerate(perm), [](auto p) {
      return static_cast<int64_t>(p.index()) == p.value();
    });
    if (!identity) {
      SmallVector<int64_t> shape;
      for (int64_t p : perm)
        shape.push_back(tensorType(sum).getDimSize(p));
      sum = TransposeOp::create(
          b, loc, RankedTensorType::get(shape, inType.getElementType()), sum,
          perm);
    }
    if (tensorType(sum) != inType)
      sum = ReshapeOp::create(b, loc, inType, sum,
                              dynamicSizes(b, loc, bc.getOperand()));
    return SmallVector<Value>{sum};
  }
};

struct ReshapeModel
    : JxDifferentiableOpInterface::ExternalModel<ReshapeModel, ReshapeOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto reshape = cast<ReshapeOp>(op);
    return SmallVector<Value>{ReshapeOp::create(
        b, op->getLoc(), reshape.getType(), t[0], reshape.getDynamicDims())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto reshape = cast<ReshapeOp>(op);
    Value operand = reshape.getOperand();
    return SmallVector<Value>{
        ReshapeOp::create(b, op->getLoc(), operand.getType(), ct[0],
                          dynamicSizes(b, op->getLoc(), operand)),
        // dynamic sizes are indices: no cotangent
    };
  }
};

struct TransposeModel
    : JxDifferentiableOpInterface::ExternalModel<TransposeModel, TransposeOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto tr = cast<TransposeOp>(op);
    return SmallVector<Value>{TransposeOp::create(b, op->getLoc(), tr.getType(),
                                                  t[0], tr.getPermutation())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto tr = cast<TransposeOp>(op);
    ArrayRef<int64_t> perm = tr.getPermutation();
    SmallVector<int64_t> inverse(perm.size());
    for (auto [i, p] : llvm::enumerate(perm))
      inverse[p] = i;
    return SmallVector<Value>{TransposeOp::create(
        b, op->getLoc(), tr.getOperand().getType(), ct[0], inverse)};
  }
};

struct ReverseModel
    : JxDifferentiableOpInterface::ExternalModel<ReverseModel, ReverseOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto rev = cast<ReverseOp>(op);
    return SmallVector<Value>{ReverseOp::create(b, op->getLoc(), rev.getType(),
                                                t[0], rev.getDimensions())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    return jvp(op, b, ct);
  }
};

struct SliceModel
    : JxDifferentiableOpInterface::ExternalModel<SliceModel, SliceOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto slice = cast<SliceOp>(op);
    return SmallVector<Value>{SliceOp::create(
        b, op->getLoc(), slice.getType(), t[0], slice.getStartIndices(),
        slice.getLimitIndices(), slice.getStrides())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto slice = cast<SliceOp>(op);
    if (!hasStaticShapes(op))
      return SmallVector<Value>{dynamicVjp(slice, b, ct[0])};
    Location loc = op->getLoc();
    RankedTensorType inType = tensorType(slice.getOperand());
    RankedTensorType outType = slice.getType();
    SmallVector<int64_t> low, high, interior;
    for (int64_t i = 0; i < inType.getRank(); ++i) {
      int64_t start = slice.getStartIndices()[i];
      int64_t stride = slice.getStrides()[i];
      int64_t n = outType.getDimSize(i);
      int64_t end = n == 0 ? start : start + (n - 1) * stride + 1;
      low.push_back(start);
      high.push_back(inType.getDimSize(i) - end);
      interior.push_back(n == 0 ? 0 : stride - 1);
    }
    Value zero = ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(
            RankedTensorType::get({}, inType.getElementType()),
            b.getFloatAttr(inType.getElementType(), 0.0)));
    return SmallVector<Value>{
        PadOp::create(b, loc, inType, ct[0], zero, low, high, interior)};
  }

  /// The high padding depends on the run-time size: spread the strided
  /// elements with interior padding, then write them at `start` into zeros
  /// (start + length <= limit <= size, so dynamic_update_slice's clamping
  /// never moves them).
  Value dynamicVjp(SliceOp slice, OpBuilder &b, Value ct) const {
    Location loc = slice.getLoc();
    RankedTensorType ctType = tensorType(ct);
    Type elementType = ctType.getElementType();
    SmallVector<int64_t> zeros(ctType.getRank(), 0), interior, shape;
    SmallVector<Value> starts;
    for (int64_t i = 0; i < ctType.getRank(); ++i) {
      int64_t stride = slice.getStrides()[i];
      int64_t n = ctType.getDimSize(i);
      interior.push_back(stride - 1);
      shape.push_back(ShapedType::isDynamic(n) ? n
                      : n == 0                 ? 0
                                               : (n - 1) * stride + 1);
      starts.push_back(indexScalar(b, loc, slice.getStartIndices()[i]));
    }
    Value spread = ct;
    if (llvm::any_of(interior, [](int64_t v) { return v != 0; }))
      spread = PadOp::create(b, loc, RankedTensorType::get(shape, elementType),
                             ct, scalar(b, loc, elementType, 0.0), zeros, zeros,
                             interior);
    Value base = zerosLike(b, loc, slice.getOperand());
    return DynamicUpdateSliceOp::create(b, loc, base.getType(), base, spread,
                                        starts);
  }
};

struct PadModel : JxDifferentiableOpInterface::ExternalModel<PadModel, PadOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto pad = cast<PadOp>(op);
    Location loc = op->getLoc();
    Value operand = t[0] ? t[0] : zerosLike(b, loc, pad.getOperand());
    Value value = t[1] ? t[1] : zerosLike(b, loc, pad.getPaddingValue());
    return SmallVector<Value>{PadOp::create(
        b, loc, pad.getType(), operand, value, pad.getEdgePaddingLow(),
        pad.getEdgePaddingHigh(), pad.getInteriorPadding())};
  }
  /// JAX's `_pad_transpose`: a pad by the negated edge padding removes
  /// (or, for negative padding, restores as zeros) the edges, then every
  /// `interior + 1`-th element is the operand's.
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto pad = cast<PadOp>(op);
    Location loc = op->getLoc();
    Value operand = pad.getOperand();
    RankedTensorType inType = tensorType(operand);
    RankedTensorType ctType = tensorType(ct[0]);
    Type elementType = inType.getElementType();
    int64_t rank = inType.getRank();
    ArrayRef<int64_t> low = pad.getEdgePaddingLow();
    ArrayRef<int64_t> high = pad.getEdgePaddingHigh();
    ArrayRef<int64_t> interior = pad.getInteriorPadding();
    auto nonZero = [](int64_t v) { return v != 0; };
    auto negative = [](int64_t v) { return v < 0; };
    if (hasStaticShapes(op) && llvm::none_of(low, negative) &&
        llvm::none_of(high, negative))
      return staticVjp(pad, b, ct[0]);

    // The operand's elements with the interior padding still between them.
    Value spread = ct[0];
    SmallVector<int64_t> spreadShape;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t n = ctType.getDimSize(i);
      spreadShape.push_back(ShapedType::isDynamic(n) ? n
                                                     : n - low[i] - high[i]);
    }
    auto spreadType = RankedTensorType::get(spreadShape, elementType);
    Value zero = scalar(b, loc, elementType, 0.0);
    if (llvm::any_of(low, nonZero) || llvm::any_of(high, nonZero)) {
      SmallVector<int64_t> negLow, negHigh;
      for (int64_t i = 0; i < rank; ++i) {
        negLow.push_back(-low[i]);
        negHigh.push_back(-high[i]);
      }
      spread = PadOp::create(b, loc, spreadType, ct[0], zero, negLow, negHigh,
                             SmallVector<int64_t>(rank, 0));
    }

    Value operandCt = spread;
    if (llvm::any_of(interior, nonZero)) {
      if (spreadType.hasStaticShape()) {
        SmallVector<int64_t> strides;
        for (int64_t p : interior)
          strides.push_back(p + 1);
        operandCt =
            SliceOp::create(b, loc, inType, spread, SmallVector<int64_t>(rank),
                            spreadShape, strides);
      } else {
        operandCt = takeEveryNth(b, loc, spread, operand, interior);
      }
    } else if (operandCt.getType() != inType) {
      operandCt = ReshapeOp::create(b, loc, inType, operandCt,
                                    dynamicSizes(b, loc, operand));
    }
    SmallVector<int64_t> all(rank);
    std::iota(all.begin(), all.end(), 0);
    Value total = reduceSum(b, loc, ct[0], all);
    Value inner = reduceSum(b, loc, operandCt, all);
    return SmallVector<Value>{operandCt, sub(b, loc, total, inner)};
  }

  /// Static sizes and no negative padding: one strided slice.
  Rule staticVjp(PadOp pad, OpBuilder &b, Value ct) const {
    Location loc = pad.getLoc();
    RankedTensorType inType = tensorType(pad.getOperand());
    SmallVector<int64_t> start, limit, strides;
    for (int64_t i = 0; i < inType.getRank(); ++i) {
      int64_t lo = pad.getEdgePaddingLow()[i];
      int64_t stride = pad.getInteriorPadding()[i] + 1;
      int64_t n = inType.getDimSize(i);
      start.push_back(lo);
      limit.push_back(n == 0 ? lo : lo + (n - 1) * stride + 1);
      strides.push_back(stride);
    }
    Value operandCt =
        SliceOp::create(b, loc, inType, ct, start, limit, strides);
    SmallVector<int64_t> all(inType.getRank());
    std::iota(all.begin(), all.end(), 0);
    Value total = reduceSum(b, loc, ct, all);
    Value inner = reduceSum(b, loc, operandCt, all);
    return SmallVector<Value>{operandCt, sub(b, loc, total, inner)};
  }

  /// Every `interior[d] + 1`-th element of `spread` along each dim d, when
  /// sizes are dynamic: pad each such dim by `interior[d]` at the end to
  /// `n * (interior[d] + 1)`, split it into `[n, interior[d] + 1]`, keep
  /// index 0 of the second part and reshape to `operand`'s type. (An empty
  /// dynamic dim with interior padding is not handled: its spread length
  /// is 0, not interior.)
  Value takeEveryNth(OpBuilder &b, Location loc, Value spread, Value operand,
                     ArrayRef<int64_t> interior) const {
    RankedTensorType inType = tensorType(operand);
    Type elementType = inType.getElementType();
    int64_t rank = inType.getRank();
    SmallVector<int64_t> zeros(rank, 0), high, paddedShape, splitShape,
        sliceSizes, takenShape;
    SmallVector<Value> splitSizes, sliceDynSizes, starts;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t n = inType.getDimSize(i), p = interior[i];
      high.push_back(p);
      paddedShape.push_back(ShapedType::isDynamic(n) ? n : n * (p + 1));
      splitShape.push_back(n);
      sliceSizes.push_back(ShapedType::isDynamic(n) ? -1 : n);
      takenShape.push_back(n);
      starts.push_back(indexScalar(b, loc, 0));
      if (ShapedType::isDynamic(n)) {
        Value size = DimOp::create(b, loc, operand, i);
        splitSizes.push_back(size);
        sliceDynSizes.push_back(size);
      }
      if (p == 0)
        continue;
      splitShape.push_back(p + 1);
      sliceSizes.push_back(1);
      takenShape.push_back(1);
      starts.push_back(indexScalar(b, loc, 0));
    }
    Value padded = PadOp::create(
        b, loc, RankedTensorType::get(paddedShape, elementType), spread,
        scalar(b, loc, elementType, 0.0), zeros, high, zeros);
    Value split = ReshapeOp::create(
        b, loc, RankedTensorType::get(splitShape, elementType), padded,
        splitSizes);
    Value taken = DynamicSliceOp::create(
        b, loc, RankedTensorType::get(takenShape, elementType), split, starts,
        sliceSizes, sliceDynSizes);
    return ReshapeOp::create(b, loc, inType, taken,
                             dynamicSizes(b, loc, operand));
  }
};

struct ConcatenateModel
    : JxDifferentiableOpInterface::ExternalModel<ConcatenateModel,
                                                 ConcatenateOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto concat = cast<ConcatenateOp>(op);
    SmallVector<Value> inputs;
    for (auto [input, tangent] : llvm::zip(concat.getInputs(), t))
      inputs.push_back(tangent ? tangent : zerosLike(b, op->getLoc(), input));
    return SmallVector<Value>{ConcatenateOp::create(
        b, op->getLoc(), concat.getType(), inputs, concat.getDimension())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto concat = cast<ConcatenateOp>(op);
    if (!hasStaticShapes(op))
      return dynamicVjp(concat, b, ct[0]);
    int64_t dim = concat.getDimension();
    RankedTensorType outType = concat.getType();
    SmallVector<Value> result;
    int64_t offset = 0;
    for (Value input : concat.getInputs()) {
      RankedTensorType type = tensorType(input);
      SmallVector<int64_t> start(outType.getRank(), 0);
      SmallVector<int64_t> limit(outType.getShape());
      SmallVector<int64_t> strides(outType.getRank(), 1);
      start[dim] = offset;
      offset += type.getDimSize(dim);
      limit[dim] = offset;
      if (!isFloatTensor(type)) {
        result.push_back(Value());
        continue;
      }
      result.push_back(
          SliceOp::create(b, op->getLoc(), type, ct[0], start, limit, strides));
    }
    return result;
  }

  /// With dynamic sizes each input's part is a dynamic_slice at a run-time
  /// offset (the sum of the previous inputs' sizes, as a tensor<i64>); it
  /// fits, so the slice's start clamping never applies.
  Rule dynamicVjp(ConcatenateOp concat, OpBuilder &b, Value ct) const {
    Location loc = concat.getLoc();
    int64_t dim = concat.getDimension();
    Value zero = indexScalar(b, loc, 0);
    Value offset = zero;
    SmallVector<Value> result;
    OperandRange inputs = concat.getInputs();
    for (auto [i, input] : llvm::enumerate(inputs)) {
      RankedTensorType type = tensorType(input);
      if (isFloatTensor(type)) {
        SmallVector<Value> starts, sizes;
        SmallVector<int64_t> sliceSizes;
        for (int64_t d = 0; d < type.getRank(); ++d) {
          starts.push_back(d == dim ? offset : zero);
          sliceSizes.push_back(type.isDynamicDim(d) ? -1 : type.getDimSize(d));
          if (type.isDynamicDim(d))
            sizes.push_back(DimOp::create(b, loc, input, d));
        }
        result.push_back(DynamicSliceOp::create(b, loc, type, ct, starts,
                                                sliceSizes, sizes));
      } else {
        result.push_back(Value());
      }
      if (i + 1 == inputs.size())
        break;
      Value size = type.isDynamicDim(dim)
                       ? Value(FromIndexOp::create(
                             b, loc, RankedTensorType::get({}, b.getI64Type()),
                             DimOp::create(b, loc, input, dim)))
                       : indexScalar(b, loc, type.getDimSize(dim));
      offset = offset == zero ? size : add(b, loc, offset, size);
    }
    return result;
  }
};

struct ReduceModel
    : JxDifferentiableOpInterface::ExternalModel<ReduceModel, ReduceOp> {
  /// For max/min: 1/count at the positions equal to the extreme, else 0.
  Value weights(OpBuilder &b, ReduceOp reduce) const {
    Location loc = reduce.getLoc();
    Value x = reduce.getOperand();
    ArrayRef<int64_t> dims = reduce.getDimensions();
    Value y = unreduce(b, loc, reduce.getResult(), x, dims);
    Value mask = indicator(b, loc, ComparisonDirection::EQ, x, y);
    Value count = unreduce(b, loc, reduceSum(b, loc, mask, dims), x, dims);
    return div(b, loc, mask, count);
  }
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto reduce = cast<ReduceOp>(op);
    Location loc = op->getLoc();
    ArrayRef<int64_t> dims = reduce.getDimensions();
    switch (reduce.getKind()) {
    case ReduceKind::Sum:
      return SmallVector<Value>{reduceSum(b, loc, t[0], dims)};
    case ReduceKind::Max:
    case ReduceKind::Min:
      return SmallVector<Value>{
          reduceSum(b, loc, mul(b, loc, t[0], weights(b, reduce)), dims)};
    case ReduceKind::Prod:
      if (dims.empty())
        return SmallVector<Value>{t[0]};
      return SmallVector<Value>{reduceSum(
          b, loc,
          mul(b, loc, t[0], othersProduct(b, loc, reduce.getOperand(), dims)),
          dims)};
    case ReduceKind::And:
    case ReduceKind::Or:
    case ReduceKind::ArgMax:
    case ReduceKind::ArgMin:
      // Bool or integer results: no tangent.
      return SmallVector<Value>{Value()};
    }
    llvm_unreachable("unknown reduce kind");
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto reduce = cast<ReduceOp>(op);
    Location loc = op->getLoc();
    Value x = reduce.getOperand();
    ArrayRef<int64_t> dims = reduce.getDimensions();
    Value spread = unreduce(b, loc, ct[0], x, dims);
    switch (reduce.getKind()) {
    case ReduceKind::Sum:
      return SmallVector<Value>{spread};
    case ReduceKind::Max:
    case ReduceKind::Min:
      return SmallVector<Value>{mul(b, loc, spread, weights(b, reduce))};
    case ReduceKind::Prod:
      if (dims.empty())
        return SmallVector<Value>{spread};
      return SmallVector<Value>{
          mul(b, loc, spread, othersProduct(b, loc, x, dims))};
    case ReduceKind::And:
    case ReduceKind::Or:
    case ReduceKind::ArgMax:
    case ReduceKind::ArgMin:
      // Not differentiable (bool operands, integer results).
      return SmallVector<Value>{Value()};
    }
    llvm_unreachable("unknown reduce kind");
  }
};

/// The dims of `rank` not in `a` or `c`, in order.
SmallVector<int64_t> remaining(int64_t rank, ArrayRef<int64_t> a,
                               ArrayRef<int64_t> c) {
  SmallVector<int64_t> out;
  for (int64_t i = 0; i < rank; ++i)
    if (!llvm::is_contained(a, i) && !llvm::is_contained(c, i))
      out.push_back(i);
  return out;
}

/// JAX's `_dot_general_transpose_lhs`: the cotangent of `x` in
/// `dot_general(x, y)` (or of `y` when `swapAns`, with x/y swapped).
Value transposeLhs(OpBuilder &b, Location loc, Value g, Value x, Value y,
                   ArrayRef<int64_t> xContract, ArrayRef<int64_t> yContract,
                   ArrayRef<int64_t> xBatch, ArrayRef<int64_t> yBatch,
                   bool swapAns) {
  RankedTensorType xType = tensorType(x), yType = tensorType(y);
  SmallVector<int64_t> xKept = remaining(xType.getRank(), xContract, xBatch);
  SmallVector<int64_t> yKept = remaining(yType.getRank(), yContract, yBatch);
  int64_t nb = xBatch.size();
  SmallVector<int64_t> ansBatch, ansY;
  for (int64_t i = 0; i < nb; ++i)
    ansBatch.push_back(i);
  int64_t yStart = swapAns ? nb : nb + static_cast<int64_t>(xKept.size());
  for (size_t i = 0; i < yKept.size(); ++i)
    ansY.push_back(yStart + i);
  // dot_general(g, y, contracting = ansY x yKept, batch = ansBatch x yBatch)
  // gives [batch, g's free dims (= x kept), y's free dims (= y contract,
  // ascending)].
  RankedTensorType gType = tensorType(g);
  SmallVector<int64_t> shape;
  for (int64_t d : ansBatch)
    shape.push_back(gType.getDimSize(d));
  for (int64_t d : remaining(gType.getRank(), ansBatch, ansY))
    shape.push_back(gType.getDimSize(d));
  for (int64_t d : remaining(yType.getRank(), yBatch, yKept))
    shape.push_back(yType.getDimSize(d));
  auto dotType = RankedTensorType::get(shape, xType.getElementType());
  Value dot = DotGeneralOp::create(b, loc, dotType, g, y, ansBatch, yBatch,
                                   ansY, yKept);
  // x_contract sorted by y_contract.
  SmallVector<int64_t> order(yContract.size());
  std::iota(order.begin(), order.end(), 0);
  llvm::stable_sort(
      order, [&](int64_t a, int64_t c) { return yContract[a] < yContract[c]; });
  SmallVector<int64_t> layout(xBatch);
  layout.append(xKept);
  for (int64_t i : order)
    layout.push_back(xContract[i]);
  SmallVector<int64_t> perm(layout.size());
  for (auto [j, d] : llvm::enumerate(layout))
    perm[d] = j;
  bool identity = llvm::all_of(llvm::enumerate(perm), [](auto p) {
    return static_cast<int64_t>(p.index()) == p.value();
  });
  if (identity)
    return dot;
  return TransposeOp::create(b, loc, xType, dot, perm);
}

struct DotGeneralModel
    : JxDifferentiableOpInterface::ExternalModel<DotGeneralModel,
                                                 DotGeneralOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto dot = cast<DotGeneralOp>(op);
    Location loc = op->getLoc();
    auto make = [&](Value lhs, Value rhs) -> Value {
      return DotGeneralOp::create(
          b, loc, dot.getType(), lhs, rhs, dot.getLhsBatchingDimensions(),
          dot.getRhsBatchingDimensions(), dot.getLhsContractingDimensions(),
          dot.getRhsContractingDimensions());
    };
    Value result;
    if (t[0])
      result = make(t[0], dot.getRhs());
    if (t[1])
      result = addT(b, loc, result, make(dot.getLhs(), t[1]));
    return SmallVector<Value>{result};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto dot = cast<DotGeneralOp>(op);
    Location loc = op->getLoc();
    Value x = dot.getLhs(), y = dot.getRhs();
    Value xBar = transposeLhs(
        b, loc, ct[0], x, y, dot.getLhsContractingDimensions(),
        dot.getRhsContractingDimensions(), dot.getLhsBatchingDimensions(),
        dot.getRhsBatchingDimensions(), false);
    Value yBar = transposeLhs(
        b, loc, ct[0], y, x, dot.getRhsContractingDimensions(),
        dot.getLhsContractingDimensions(), dot.getRhsBatchingDimensions(),
        dot.getLhsBatchingDimensions(), true);
    return SmallVector<Value>{xBar, yBar};
  }
};

} // namespace

void autodiff::registerShapeRules(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    BroadcastInDimOp::attachInterface<BroadcastModel>(*ctx);
    ReshapeOp::attachInterface<ReshapeModel>(*ctx);
    TransposeOp::attachInterface<TransposeModel>(*ctx);
    ReverseOp::attachInterface<ReverseModel>(*ctx);
    SliceOp::attachInterface<SliceModel>(*ctx);
    PadOp::attachInterface<PadModel>(*ctx);
    ConcatenateOp::attachInterface<ConcatenateModel>(*ctx);
    ReduceOp::attachInterface<ReduceModel>(*ctx);
    DotGeneralOp::attachInterface<DotGeneralModel>(*ctx);
  });
}
