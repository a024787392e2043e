//===- IndexingRules.cpp - JVP/VJP of the indexing and scan jx ops -------===//
//
// dynamic_slice <-> dynamic_update_slice into zeros, gather <-> scatter add
// (the dimension numbers map one to one, as in JAX), scatter of every kind,
// and cumulative ops (the transpose of a cumulative sum is the cumulative
// sum in the other direction). Index operands get no cotangent.
//
// Conventions where the derivative is not unique or needs care:
// - products (cumulative prod, scatter mul) count the zeros among the
//   factors: with none, d/dx_j = product / x_j; with exactly one, only the
//   zero factor gets the product of the others; with more, nothing. This is
//   exact at zeros to first order (higher orders at exact zeros are not).
// - cumulative max/min: each output takes its derivative from one element,
//   the latest in scan order that equals the running extreme (as
//   torch.cummax's indices; JAX's tree-shaped scan splits ties unevenly).
// - scatter max/min: as JAX, the operand element and the updates equal to
//   the result share the derivative equally.
// Updates dropped by scatter (out-of-range windows) still read a clamped
// window of the cotangent, as in the scatter add/set rules.
//
//===----------------------------------------------------------------------===//

#include "AutodiffUtils.h"

#include "mlir/IR/BuiltinTypes.h"

#include <numeric>

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

struct DynamicSliceModel
    : JxDifferentiableOpInterface::ExternalModel<DynamicSliceModel,
                                                 DynamicSliceOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto slice = cast<DynamicSliceOp>(op);
    if (!t[0])
      return SmallVector<Value>{Value()};
    return SmallVector<Value>{DynamicSliceOp::create(
        b, op->getLoc(), slice.getType(), t[0], slice.getStartIndices(),
        slice.getSliceSizesAttr(), slice.getDynamicSizes())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto slice = cast<DynamicSliceOp>(op);
    Location loc = op->getLoc();
    Value zero = zerosLike(b, loc, slice.getOperand());
    return SmallVector<Value>{DynamicUpdateSliceOp::create(
        b, loc, zero.getType(), zero, ct[0], slice.getStartIndices())};
  }
};

struct DynamicUpdateSliceModel
    : JxDifferentiableOpInterface::ExternalModel<DynamicUpdateSliceModel,
                                                 DynamicUpdateSliceOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto dus = cast<DynamicUpdateSliceOp>(op);
    Location loc = op->getLoc();
    Value operand = t[0] ? t[0] : zerosLike(b, loc, dus.getOperand());
    Value update = t[1] ? t[1] : zerosLike(b, loc, dus.getUpdate());
    return SmallVector<Value>{DynamicUpdateSliceOp::create(
        b, loc, dus.getType(), operand, update, dus.getStartIndices())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto dus = cast<DynamicUpdateSliceOp>(op);
    Location loc = op->getLoc();
    auto updateType = cast<RankedTensorType>(dus.getUpdate().getType());
    if (!updateType.hasStaticShape())
      return notSupported(op, "with a dynamic update shape");
    Value operandCt = DynamicUpdateSliceOp::create(
        b, loc, dus.getType(), ct[0], zerosLike(b, loc, dus.getUpdate()),
        dus.getStartIndices());
    Value updateCt =
        DynamicSliceOp::create(b, loc, updateType, ct[0], dus.getStartIndices(),
                               updateType.getShape(), ValueRange{});
    return SmallVector<Value>{operandCt, updateCt};
  }
};

ScatterDimensionNumbersAttr toScatter(GatherDimensionNumbersAttr g) {
  return ScatterDimensionNumbersAttr::get(
      g.getContext(), g.getOffsetDims(), g.getCollapsedSliceDims(),
      g.getStartIndexMap(), g.getIndexVectorDim());
}

/// gather(ct) reading the windows that `scatter` wrote. The windows need
/// static sizes (the gather's slice sizes); the number of them may be
/// dynamic (it comes from the indices).
FailureOr<Value> gatherWindows(OpBuilder &b, ScatterOp scatter, Value ct) {
  ScatterDimensionNumbersAttr s = scatter.getDimensionNumbers();
  auto updatesType = cast<RankedTensorType>(scatter.getUpdates().getType());
  auto operandType = cast<RankedTensorType>(scatter.getOperand().getType());
  if (llvm::any_of(s.getUpdateWindowDims(), [&](int64_t d) {
        return updatesType.isDynamicDim(d);
      }))
    return failure();
  auto g = GatherDimensionNumbersAttr::get(
      s.getContext(), s.getUpdateWindowDims(), s.getInsertedWindowDims(),
      s.getScatterDimsToOperandDims(), s.getIndexVectorDim());
  SmallVector<int64_t> sliceSizes;
  unsigned window = 0;
  for (int64_t d = 0; d < operandType.getRank(); ++d) {
    if (llvm::is_contained(s.getInsertedWindowDims(), d)) {
      sliceSizes.push_back(1);
      continue;
    }
    sliceSizes.push_back(
        updatesType.getDimSize(s.getUpdateWindowDims()[window++]));
  }
  return Value(GatherOp::create(b, scatter.getLoc(), updatesType, ct,
                                scatter.getScatterIndices(), g, sliceSizes));
}

struct GatherModel
    : JxDifferentiableOpInterface::ExternalModel<GatherModel, GatherOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto gather = cast<GatherOp>(op);
    if (!t[0])
      return SmallVector<Value>{Value()};
    return SmallVector<Value>{GatherOp::create(
        b, op->getLoc(), gather.getType(), t[0], gather.getStartIndices(),
        gather.getDimensionNumbers(), gather.getSliceSizesAttr())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto gather = cast<GatherOp>(op);
    Location loc = op->getLoc();
    Value zero = zerosLike(b, loc, gather.getOperand());
    return SmallVector<Value>{
        ScatterOp::create(b, loc, zero.getType(), ScatterKind::Add, zero,
                          gather.getStartIndices(), ct[0],
                          toScatter(gather.getDimensionNumbers()))};
  }
};

Value scatterLike(OpBuilder &b, ScatterOp scatter, ScatterKind kind,
                  Value operand, Value updates) {
  return ScatterOp::create(b, scatter.getLoc(), scatter.getType(), kind,
                           operand, scatter.getScatterIndices(), updates,
                           scatter.getDimensionNumbers());
}

/// The zero bookkeeping of a product of `factors` (see the file comment):
/// `safe` has the zeros replaced by 1, `isZero` is 1.0 at zeros, `inverse`
/// is 1/x at non-zeros and 0 at zeros.
struct Factors {
  Value isZero, safe, inverse;
};
Factors factors(OpBuilder &b, Location loc, Value x) {
  Value zero = zerosLike(b, loc, x), one = splatLike(b, loc, x, 1.0);
  Value pred = CompareOp::create(b, loc, ComparisonDirection::EQ, x, zero);
  Factors f;
  f.isZero = ConvertOp::create(b, loc, x.getType(), pred);
  f.safe = SelectOp::create(b, loc, x.getType(), pred, one, x);
  f.inverse =
      SelectOp::create(b, loc, x.getType(), pred, zero,
                       ReciprocalOp::create(b, loc, x.getType(), f.safe));
  return f;
}

/// 1.0 where the zero count `count` equals `n`, else 0.0.
Value countIs(OpBuilder &b, Location loc, Value count, double n) {
  return indicator(b, loc, ComparisonDirection::EQ, count,
                   splatLike(b, loc, count, n));
}

struct ScatterModel
    : JxDifferentiableOpInterface::ExternalModel<ScatterModel, ScatterOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto scatter = cast<ScatterOp>(op);
    ScatterKind kind = scatter.getKind();
    Location loc = op->getLoc();
    switch (kind) {
    case ScatterKind::Add:
    case ScatterKind::Set: {
      Value operand = t[0] ? t[0] : zerosLike(b, loc, scatter.getOperand());
      Value updates = t[2] ? t[2] : zerosLike(b, loc, scatter.getUpdates());
      return SmallVector<Value>{
          scatterLike(b, scatter, kind, operand, updates)};
    }
    case ScatterKind::Mul:
      return SmallVector<Value>{mulJvp(b, scatter, t[0], t[2])};
    case ScatterKind::Min:
    case ScatterKind::Max:
      return extremalJvp(b, scatter, t[0], t[2]);
    }
    llvm_unreachable("unknown scatter kind");
  }

  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto scatter = cast<ScatterOp>(op);
    ScatterKind kind = scatter.getKind();
    Location loc = op->getLoc();
    switch (kind) {
    case ScatterKind::Add:
    case ScatterKind::Set: {
      FailureOr<Value> updatesCt = gatherWindows(b, scatter, ct[0]);
      if (failed(updatesCt))
        return notSupported(op, "with dynamic update windows");
      Value operandCt = ct[0];
      if (kind == ScatterKind::Set)
        // Overwritten positions do not reach the result.
        operandCt = scatterLike(b, scatter, ScatterKind::Set, ct[0],
                                zerosLike(b, loc, scatter.getUpdates()));
      return SmallVector<Value>{operandCt, Value(), *updatesCt};
    }
    case ScatterKind::Mul:
      return mulVjp(b, scatter, ct[0]);
    case ScatterKind::Min:
    case ScatterKind::Max:
      return extremalVjp(b, scatter, ct[0]);
    }
    llvm_unreachable("unknown scatter kind");
  }

  /// result[p] = x[p] * prod of the updates u_k at p. Linear in x (the same
  /// scatter mul applied to the tangent); in u_k the derivative is x[p]
  /// times the other updates at p, from the zero count (file comment).
  struct MulParts {
    Factors u;
    /// x[p] * (product of the non-zero updates at p) where p has no zero
    /// update, and where it has exactly one.
    Value noZero, oneZero;
  };
  MulParts mulParts(OpBuilder &b, ScatterOp scatter) const {
    Location loc = scatter.getLoc();
    Value x = scatter.getOperand();
    MulParts m;
    m.u = factors(b, loc, scatter.getUpdates());
    Value product = scatterLike(b, scatter, ScatterKind::Mul,
                                splatLike(b, loc, x, 1.0), m.u.safe);
    Value count = scatterLike(b, scatter, ScatterKind::Add,
                              zerosLike(b, loc, x), m.u.isZero);
    Value scaled = mul(b, loc, x, product);
    m.noZero = mul(b, loc, scaled, countIs(b, loc, count, 0.0));
    m.oneZero = mul(b, loc, scaled, countIs(b, loc, count, 1.0));
    return m;
  }
  Value mulJvp(OpBuilder &b, ScatterOp scatter, Value tx, Value tu) const {
    Location loc = scatter.getLoc();
    Value result;
    if (tx)
      result =
          scatterLike(b, scatter, ScatterKind::Mul, tx, scatter.getUpdates());
    if (!tu)
      return result;
    MulParts m = mulParts(b, scatter);
    Value zero = zerosLike(b, loc, scatter.getOperand());
    Value viaInverse = scatterLike(b, scatter, ScatterKind::Add, zero,
                                   mul(b, loc, tu, m.u.inverse));
    Value viaZero = scatterLike(b, scatter, ScatterKind::Add, zero,
                                mul(b, loc, tu, m.u.isZero));
    return addT(b, loc, result,
                add(b, loc, mul(b, loc, m.noZero, viaInverse),
                    mul(b, loc, m.oneZero, viaZero)));
  }
  Rule mulVjp(OpBuilder &b, ScatterOp scatter, Value ct) const {
    Location loc = scatter.getLoc();
    Value operandCt =
        scatterLike(b, scatter, ScatterKind::Mul, ct, scatter.getUpdates());
    MulParts m = mulParts(b, scatter);
    FailureOr<Value> viaInverse =
        gatherWindows(b, scatter, mul(b, loc, ct, m.noZero));
    if (failed(viaInverse))
      return notSupported(scatter, "with dynamic update windows");
    Value viaZero = *gatherWindows(b, scatter, mul(b, loc, ct, m.oneZero));
    Value updatesCt = add(b, loc, mul(b, loc, *viaInverse, m.u.inverse),
                          mul(b, loc, viaZero, m.u.isZero));
    return SmallVector<Value>{operandCt, Value(), updatesCt};
  }

  /// scatter max/min (JAX's `_scatter_extremal_jvp`): the operand element
  /// (when it equals the result) and each update equal to the result at its
  /// position share the derivative equally.
  struct Winners {
    /// 1.0 where the operand element / an update equals the result there.
    Value operand, updates;
    /// How many of them there are at each position of the result.
    Value count;
  };
  FailureOr<Winners> winners(OpBuilder &b, ScatterOp scatter) const {
    Location loc = scatter.getLoc();
    Value x = scatter.getOperand(), y = scatter.getResult();
    FailureOr<Value> yAtUpdates = gatherWindows(b, scatter, y);
    if (failed(yAtUpdates))
      return failure();
    Winners w;
    w.operand = indicator(b, loc, ComparisonDirection::EQ, x, y);
    w.updates = indicator(b, loc, ComparisonDirection::EQ, scatter.getUpdates(),
                          *yAtUpdates);
    w.count = add(b, loc, w.operand,
                  scatterLike(b, scatter, ScatterKind::Add,
                              zerosLike(b, loc, x), w.updates));
    return w;
  }
  Rule extremalJvp(OpBuilder &b, ScatterOp scatter, Value tx, Value tu) const {
    Location loc = scatter.getLoc();
    FailureOr<Winners> w = winners(b, scatter);
    if (failed(w))
      return notSupported(scatter, "with dynamic update windows");
    Value sum = mulT(b, loc, tx, w->operand);
    if (tu)
      sum = addT(b, loc, sum,
                 scatterLike(b, scatter, ScatterKind::Add,
                             zerosLike(b, loc, scatter.getOperand()),
                             mul(b, loc, tu, w->updates)));
    return SmallVector<Value>{div(b, loc, sum, w->count)};
  }
  Rule extremalVjp(OpBuilder &b, ScatterOp scatter, Value ct) const {
    Location loc = scatter.getLoc();
    FailureOr<Winners> w = winners(b, scatter);
    if (failed(w))
      return notSupported(scatter, "with dynamic update windows");
    Value share = div(b, loc, ct, w->count);
    Value updatesCt =
        mul(b, loc, *gatherWindows(b, scatter, share), w->updates);
    return SmallVector<Value>{mul(b, loc, share, w->operand), Value(),
                              updatesCt};
  }
};

Value cumulative(OpBuilder &b, Location loc, CumulativeKind kind, Value v,
                 int64_t axis, bool reverse) {
  return CumulativeOp::create(b, loc, v.getType(), kind, v, axis, reverse);
}

/// Index vectors (a trailing dimension of size rank) that name, at each
/// position of `like`, that position with its `axis` coordinate replaced by
/// `along`'s value: the indices of a take_along_axis gather / scatter.
Value alongAxisIndices(OpBuilder &b, Location loc, Value along, Value like,
                       int64_t axis) {
  auto type = cast<RankedTensorType>(like.getType());
  auto indexType = cast<RankedTensorType>(along.getType());
  int64_t rank = type.getRank();
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < rank; ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(DimOp::create(b, loc, like, d));
  SmallVector<int64_t> columnShape(type.getShape());
  columnShape.push_back(1);
  auto columnType =
      RankedTensorType::get(columnShape, indexType.getElementType());
  SmallVector<Value> columns;
  for (int64_t d = 0; d < rank; ++d) {
    Value coordinate =
        d == axis ? along : IotaOp::create(b, loc, indexType, d, sizes);
    columns.push_back(ReshapeOp::create(b, loc, columnType, coordinate, sizes));
  }
  if (columns.size() == 1)
    return columns.front();
  SmallVector<int64_t> shape(type.getShape());
  shape.push_back(rank);
  return ConcatenateOp::create(
      b, loc, RankedTensorType::get(shape, indexType.getElementType()), columns,
      rank);
}

struct CumulativeModel
    : JxDifferentiableOpInterface::ExternalModel<CumulativeModel,
                                                 CumulativeOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto cum = cast<CumulativeOp>(op);
    Location loc = op->getLoc();
    int64_t axis = cum.getAxis();
    bool reverse = cum.getReverse();
    switch (cum.getKind()) {
    case CumulativeKind::Sum:
      return SmallVector<Value>{
          cumulative(b, loc, CumulativeKind::Sum, t[0], axis, reverse)};
    case CumulativeKind::Prod: {
      // d y_k = sum_{j <= k} t_j * (product of x_i, i <= k, i != j).
      ProdParts p = prodParts(b, cum);
      Value viaInverse =
          cumulative(b, loc, CumulativeKind::Sum,
                     mul(b, loc, t[0], p.x.inverse), axis, reverse);
      Value viaZero = cumulative(b, loc, CumulativeKind::Sum,
                                 mul(b, loc, t[0], p.x.isZero), axis, reverse);
      return SmallVector<Value>{add(b, loc, mul(b, loc, p.noZero, viaInverse),
                                    mul(b, loc, p.oneZero, viaZero))};
    }
    case CumulativeKind::Max:
    case CumulativeKind::Min: {
      Value indices = alongAxisIndices(b, loc, winners(b, cum), cum, axis);
      return SmallVector<Value>{GatherOp::create(
          b, loc, cum.getType(), t[0], indices, gatherNumbers(b, cum),
          SmallVector<int64_t>(cum.getType().getRank(), 1))};
    }
    }
    llvm_unreachable("unknown cumulative kind");
  }

  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto cum = cast<CumulativeOp>(op);
    Location loc = op->getLoc();
    int64_t axis = cum.getAxis();
    bool back = !cum.getReverse();
    switch (cum.getKind()) {
    case CumulativeKind::Sum:
      return SmallVector<Value>{
          cumulative(b, loc, CumulativeKind::Sum, ct[0], axis, back)};
    case CumulativeKind::Prod: {
      // The transpose of the JVP: sums over the outputs k >= j.
      ProdParts p = prodParts(b, cum);
      Value viaInverse = cumulative(b, loc, CumulativeKind::Sum,
                                    mul(b, loc, ct[0], p.noZero), axis, back);
      Value viaZero = cumulative(b, loc, CumulativeKind::Sum,
                                 mul(b, loc, ct[0], p.oneZero), axis, back);
      return SmallVector<Value>{add(b, loc,
                                    mul(b, loc, viaInverse, p.x.inverse),
                                    mul(b, loc, viaZero, p.x.isZero))};
    }
    case CumulativeKind::Max:
    case CumulativeKind::Min: {
      Value indices = alongAxisIndices(b, loc, winners(b, cum), cum, axis);
      int64_t rank = cum.getType().getRank();
      SmallVector<int64_t> all(rank);
      std::iota(all.begin(), all.end(), 0);
      auto numbers = ScatterDimensionNumbersAttr::get(
          b.getContext(), /*updateWindowDims=*/{}, all, all, rank);
      Value zero = zerosLike(b, loc, cum.getOperand());
      return SmallVector<Value>{ScatterOp::create(b, loc, zero.getType(),
                                                  ScatterKind::Add, zero,
                                                  indices, ct[0], numbers)};
    }
    }
    llvm_unreachable("unknown cumulative kind");
  }

  /// Cumulative prod with zeros (file comment): the running product of the
  /// non-zero factors times 1.0 where the running zero count is 0 (1).
  struct ProdParts {
    Factors x;
    Value noZero, oneZero;
  };
  ProdParts prodParts(OpBuilder &b, CumulativeOp cum) const {
    Location loc = cum.getLoc();
    int64_t axis = cum.getAxis();
    bool reverse = cum.getReverse();
    ProdParts p;
    p.x = factors(b, loc, cum.getOperand());
    Value product =
        cumulative(b, loc, CumulativeKind::Prod, p.x.safe, axis, reverse);
    Value count =
        cumulative(b, loc, CumulativeKind::Sum, p.x.isZero, axis, reverse);
    p.noZero = mul(b, loc, product, countIs(b, loc, count, 0.0));
    p.oneZero = mul(b, loc, product, countIs(b, loc, count, 1.0));
    return p;
  }

  /// For cummax/cummin, the `axis` index (i64) each output takes its value
  /// from: the latest position in scan order where x equals the running
  /// extreme (a running max of those positions' indices, or a running min
  /// for a reverse scan).
  Value winners(OpBuilder &b, CumulativeOp cum) const {
    Location loc = cum.getLoc();
    Value x = cum.getOperand();
    auto type = cum.getType();
    int64_t axis = cum.getAxis();
    bool reverse = cum.getReverse();
    auto indexType = RankedTensorType::get(type.getShape(), b.getI64Type());
    SmallVector<Value> sizes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (type.isDynamicDim(d))
        sizes.push_back(DimOp::create(b, loc, x, d));
    Value iota = IotaOp::create(b, loc, indexType, axis, sizes);
    Value reached =
        CompareOp::create(b, loc, ComparisonDirection::EQ, x, cum.getResult());
    // Never a winner: below every index (forward) or above (reverse).
    Value never = splatLike(b, loc, iota, reverse ? 0x1p62 : -1.0);
    Value marked = SelectOp::create(b, loc, indexType, reached, iota, never);
    return cumulative(b, loc,
                      reverse ? CumulativeKind::Min : CumulativeKind::Max,
                      marked, axis, reverse);
  }

  GatherDimensionNumbersAttr gatherNumbers(OpBuilder &b,
                                           CumulativeOp cum) const {
    int64_t rank = cum.getType().getRank();
    SmallVector<int64_t> all(rank);
    std::iota(all.begin(), all.end(), 0);
    return GatherDimensionNumbersAttr::get(b.getContext(), /*offsetDims=*/{},
                                           all, all, rank);
  }
};

} // namespace

void autodiff::registerIndexingRules(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    DynamicSliceOp::attachInterface<DynamicSliceModel>(*ctx);
    DynamicUpdateSliceOp::attachInterface<DynamicUpdateSliceModel>(*ctx);
    GatherOp::attachInterface<GatherModel>(*ctx);
    ScatterOp::attachInterface<ScatterModel>(*ctx);
    CumulativeOp::attachInterface<CumulativeModel>(*ctx);
  });
}
