//===- CollectiveRules.cpp - JVP/VJP of the jx collectives ----------------===//
//
// Collectives reach jx-expand-autodiff inside a function mapped by a vmap
// (or pmap) with an `axis_name`, e.g. per-example gradients of a function
// that normalizes over the batch. The rules follow JAX, where the
// cotangent on every participant is summed over the axis:
// - psum, pmean, ppermute are linear: the JVP applies the op to the tangent;
//   the transpose of psum is psum, of pmean pmean, of ppermute the inverse
//   permutation;
// - all_gather: the JVP gathers the tangent; the VJP sums the cotangents
//   over the axis (psum) and keeps this participant's slice (JAX's
//   psum_scatter);
// - pmax/pmin: the participants whose operand equals the result share its
//   derivative equally (JAX has no rule).
// axis_index has an integer result and needs none.
//
//===----------------------------------------------------------------------===//

#include "AutodiffUtils.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

/// psum, pmean: the op itself is its JVP and its transpose.
template <typename OpTy>
struct SelfTransposeModel
    : JxDifferentiableOpInterface::ExternalModel<SelfTransposeModel<OpTy>,
                                                 OpTy> {
  static Value apply(OpBuilder &b, Operation *op, Value v) {
    if (!v)
      return v;
    auto collective = cast<OpTy>(op);
    return OpTy::create(b, op->getLoc(), v.getType(), v,
                        collective.getAxisNameAttr());
  }
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    return SmallVector<Value>{apply(b, op, t[0])};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    return SmallVector<Value>{apply(b, op, ct[0])};
  }
};

/// pmax, pmin: `share * psum(v)` per participant, with `share` 1/k on the k
/// participants whose operand equals the result and 0 elsewhere. For the
/// JVP `v` is `t * share` summed; for the VJP the result cotangent.
template <typename OpTy>
struct ExtremeModel
    : JxDifferentiableOpInterface::ExternalModel<ExtremeModel<OpTy>, OpTy> {
  static Value share(OpBuilder &b, Operation *op) {
    auto collective = cast<OpTy>(op);
    Location loc = op->getLoc();
    Value hit = indicator(b, loc, ComparisonDirection::EQ,
                          collective.getOperand(), collective.getResult());
    Value count = PsumOp::create(b, loc, hit.getType(), hit,
                                 collective.getAxisNameAttr());
    return div(b, loc, hit, count);
  }
  static Value psum(OpBuilder &b, Operation *op, Value v) {
    return PsumOp::create(b, op->getLoc(), v.getType(), v,
                          cast<OpTy>(op).getAxisNameAttr());
  }
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    if (!t[0])
      return SmallVector<Value>{Value()};
    Value picked = mul(b, op->getLoc(), t[0], share(b, op));
    return SmallVector<Value>{psum(b, op, picked)};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    if (!ct[0])
      return SmallVector<Value>{Value()};
    return SmallVector<Value>{
        mul(b, op->getLoc(), psum(b, op, ct[0]), share(b, op))};
  }
};

struct PpermuteModel
    : JxDifferentiableOpInterface::ExternalModel<PpermuteModel, PpermuteOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    if (!t[0])
      return SmallVector<Value>{Value()};
    auto permute = cast<PpermuteOp>(op);
    return SmallVector<Value>{PpermuteOp::create(
        b, op->getLoc(), t[0].getType(), t[0], permute.getAxisNameAttr(),
        permute.getSourceTargetPairsAttr())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    if (!ct[0])
      return SmallVector<Value>{Value()};
    // Participants no pair targets received zeros, so their cotangent is
    // dropped: the inverse permutation sends each target's back to its
    // source, and sources that are no target get zeros.
    auto permute = cast<PpermuteOp>(op);
    auto pairs = permute.getSourceTargetPairsAttr();
    SmallVector<int64_t> swapped;
    auto values = llvm::to_vector(pairs.getValues<int64_t>());
    for (size_t i = 0; i + 1 < values.size(); i += 2) {
      swapped.push_back(values[i + 1]);
      swapped.push_back(values[i]);
    }
    auto inverse = DenseIntElementsAttr::get(pairs.getType(), swapped);
    return SmallVector<Value>{
        PpermuteOp::create(b, op->getLoc(), ct[0].getType(), ct[0],
                           permute.getAxisNameAttr(), inverse)};
  }
};

struct AllGatherModel
    : JxDifferentiableOpInterface::ExternalModel<AllGatherModel, AllGatherOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    if (!t[0])
      return SmallVector<Value>{Value()};
    auto gather = cast<AllGatherOp>(op);
    return SmallVector<Value>{AllGatherOp::create(
        b, op->getLoc(), gather.getType(), t[0], gather.getAxisNameAttr(),
        gather.getAxisAttr(), gather.getTiledAttr())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    if (!ct[0])
      return SmallVector<Value>{Value()};
    auto gather = cast<AllGatherOp>(op);
    if (!hasStaticShapes(op))
      return notSupported(op, "in reverse mode with dynamic shapes");
    Location loc = op->getLoc();
    auto operandType = cast<RankedTensorType>(gather.getOperand().getType());
    int64_t axis = gather.getAxis();
    Value summed = PsumOp::create(b, loc, ct[0].getType(), ct[0],
                                  gather.getAxisNameAttr());
    // This participant's slice: index `i` of the new axis, or the i-th block
    // of the tiled one.
    Value index =
        AxisIndexOp::create(b, loc, RankedTensorType::get({}, b.getI32Type()),
                            gather.getAxisNameAttr());
    auto indexType = cast<RankedTensorType>(index.getType());
    Value zero = ConstantOp::create(
        b, loc, DenseElementsAttr::get(indexType, b.getI32IntegerAttr(0)));
    SmallVector<Value> starts;
    SmallVector<int64_t> sizes;
    auto resultType = cast<RankedTensorType>(gather.getType());
    for (int64_t d = 0; d < resultType.getRank(); ++d) {
      if (d != axis) {
        starts.push_back(zero);
        sizes.push_back(resultType.getDimSize(d));
        continue;
      }
      int64_t block = gather.getTiled() ? operandType.getDimSize(axis) : 1;
      Value start = index;
      if (block != 1) {
        Value blockSize = ConstantOp::create(
            b, loc,
            DenseElementsAttr::get(indexType, b.getI32IntegerAttr(block)));
        start = MulOp::create(b, loc, indexType, index, blockSize);
      }
      starts.push_back(start);
      sizes.push_back(block);
    }
    auto sliceType = RankedTensorType::get(sizes, operandType.getElementType());
    Value slice = DynamicSliceOp::create(b, loc, sliceType, summed, starts,
                                         sizes, ValueRange{});
    if (sliceType != operandType)
      slice = ReshapeOp::create(b, loc, operandType, slice, ValueRange{});
    return SmallVector<Value>{slice};
  }
};

} // namespace

void autodiff::registerCollectiveRules(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    PsumOp::attachInterface<SelfTransposeModel<PsumOp>>(*ctx);
    PmeanOp::attachInterface<SelfTransposeModel<PmeanOp>>(*ctx);
    PmaxOp::attachInterface<ExtremeModel<PmaxOp>>(*ctx);
    PminOp::attachInterface<ExtremeModel<PminOp>>(*ctx);
    PpermuteOp::attachInterface<PpermuteModel>(*ctx);
    AllGatherOp::attachInterface<AllGatherModel>(*ctx);
  });
}
