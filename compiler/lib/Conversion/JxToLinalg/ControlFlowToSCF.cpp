//===- ControlFlowToSCF.cpp - jx structured control flow to scf -----------===//
//
// Lowers jx.if, jx.switch, jx.while, jx.fori and jx.scan to scf with the
// carried tensors as iter_args, and `jx.yield` to the scf terminators. The
// regions are moved, not cloned: their nested jx ops are converted by the
// other patterns afterwards. Result and block argument types become signless
// (`ui32` -> `i32`, see ConversionUtils.h), with the pattern's type converter
// when it has one, so the scf ops agree with the lowered values they carry.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/JxToLinalg/JxToLinalg.h"

#include "ConversionUtils.h"
#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::jx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Size `d` of `tensor`: an attribute when static, a `tensor.dim` otherwise.
static OpFoldResult getDimSize(OpBuilder &b, Location loc, Value tensor,
                               int64_t d) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(d))
    return b.getIndexAttr(type.getDimSize(d));
  return tensor::DimOp::create(b, loc, tensor, d).getResult();
}

namespace {
/// The offsets, sizes and strides of slice `index` along dimension 0 of a
/// stacked tensor: sizes 1, then the sizes of `shapeSource` from `firstDim`
/// on (the stacked tensor itself, or one slice of it).
struct LeadingSlice {
  LeadingSlice(OpBuilder &b, Location loc, Value index, Value shapeSource,
               int64_t firstDim) {
    auto type = cast<RankedTensorType>(shapeSource.getType());
    int64_t rank = type.getRank() - firstDim + 1;
    offsets.assign(rank, b.getIndexAttr(0));
    offsets[0] = index;
    sizes.push_back(b.getIndexAttr(1));
    for (int64_t d = firstDim; d < type.getRank(); ++d)
      sizes.push_back(getDimSize(b, loc, shapeSource, d));
    strides.assign(rank, b.getIndexAttr(1));
  }
  SmallVector<OpFoldResult> offsets, sizes, strides;
};
} // namespace

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// Base of the region op patterns: result and block argument types are
/// converted with the pattern's type converter when the pass gives one, with
/// the jx mapping (`ui32` -> `i32`) otherwise. The fallback converter is owned
/// by the pattern because the rewriter keeps it for materializations.
template <typename OpTy>
struct RegionOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

protected:
  const TypeConverter &getConverter() const {
    if (const TypeConverter *converter = this->getTypeConverter())
      return *converter;
    return jxTypes;
  }

  /// The converted result types of `op`.
  LogicalResult convertResultTypes(Operation *op,
                                   SmallVectorImpl<Type> &types) const {
    return getConverter().convertTypes(op->getResultTypes(), types);
  }

  /// The entry block of `region` with its argument types converted.
  FailureOr<Block *> convertEntryBlock(ConversionPatternRewriter &rewriter,
                                       Region &region) const {
    return rewriter.convertRegionTypes(&region, getConverter());
  }

private:
  JxTypeConverter jxTypes;
};

/// `jx.if` becomes `scf.if` on the extracted `i1`; both regions move over.
struct IfOpLowering : public RegionOpLowering<IfOp> {
  using RegionOpLowering::RegionOpLowering;

  LogicalResult
  matchAndRewrite(IfOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    if (failed(convertResultTypes(op, resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    Location loc = op.getLoc();
    Value pred = extractScalar(rewriter, loc, adaptor.getPred());
    auto ifOp = scf::IfOp::create(rewriter, loc, resultTypes, pred,
                                  /*addThenBlock=*/false,
                                  /*addElseBlock=*/false);
    rewriter.inlineRegionBefore(op.getThenRegion(), ifOp.getThenRegion(),
                                ifOp.getThenRegion().end());
    rewriter.inlineRegionBefore(op.getElseRegion(), ifOp.getElseRegion(),
                                ifOp.getElseRegion().end());
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

/// `jx.switch` becomes a chain of `scf.if` on the index clamped to
/// `[0, n - 1]` (`lax.switch`): `if (i == 0) {b0} else if (i == 1) {b1} ...
/// else {b(n-1)}`. Not `scf.index_switch`: one-shot bufferization does not
/// see that two index_switch ops writing into one (CSE'd) `tensor.empty`
/// conflict, and the second overwrote the first's result; scf.if is
/// analysed correctly. A single branch runs in an `scf.execute_region`.
struct SwitchOpLowering : public RegionOpLowering<SwitchOp> {
  using RegionOpLowering::RegionOpLowering;

  LogicalResult
  matchAndRewrite(SwitchOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    if (failed(convertResultTypes(op, resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    Location loc = op.getLoc();
    int64_t numBranches = op.getBranches().size();
    if (numBranches == 1) {
      auto region = scf::ExecuteRegionOp::create(rewriter, loc, resultTypes);
      rewriter.inlineRegionBefore(op.getBranches()[0], region.getRegion(),
                                  region.getRegion().end());
      rewriter.replaceOp(op, region.getResults());
      return success();
    }
    Value index = extractScalar(rewriter, loc, adaptor.getIndex());
    Type indexType = index.getType();
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantOp::create(
          rewriter, loc, rewriter.getIntegerAttr(indexType, value));
    };
    index = arith::MaxSIOp::create(
        rewriter, loc,
        arith::MinSIOp::create(rewriter, loc, index, constant(numBranches - 1)),
        constant(0));

    OpBuilder::InsertionGuard guard(rewriter);
    scf::IfOp outer, previous;
    for (int64_t i = 0; i + 1 < numBranches; ++i) {
      Value isBranch = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::eq, index, constant(i));
      auto ifOp = scf::IfOp::create(rewriter, loc, resultTypes, isBranch,
                                    /*addThenBlock=*/false,
                                    /*addElseBlock=*/false);
      rewriter.inlineRegionBefore(op.getBranches()[i], ifOp.getThenRegion(),
                                  ifOp.getThenRegion().end());
      if (previous)
        scf::YieldOp::create(rewriter, loc, ifOp.getResults());
      else
        outer = ifOp;
      previous = ifOp;
      if (i + 2 < numBranches) {
        // The next test goes in this if's else block.
        rewriter.createBlock(&ifOp.getElseRegion());
        rewriter.setInsertionPointToStart(&ifOp.getElseRegion().front());
      }
    }
    Region &last = previous.getElseRegion();
    rewriter.inlineRegionBefore(op.getBranches()[numBranches - 1], last,
                                last.end());
    rewriter.replaceOp(op, outer.getResults());
    return success();
  }
};

/// `jx.while` becomes `scf.while`: `cond` is the before region (its
/// `jx.yield` becomes `scf.condition` forwarding the carries) and `body` the
/// after region.
struct WhileOpLowering : public RegionOpLowering<WhileOp> {
  using RegionOpLowering::RegionOpLowering;

  LogicalResult
  matchAndRewrite(WhileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    if (failed(convertResultTypes(op, resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    auto whileOp = scf::WhileOp::create(rewriter, op.getLoc(), resultTypes,
                                        adaptor.getInit());
    rewriter.inlineRegionBefore(op.getCond(), whileOp.getBefore(),
                                whileOp.getBefore().end());
    rewriter.inlineRegionBefore(op.getBody(), whileOp.getAfter(),
                                whileOp.getAfter().end());
    if (failed(convertEntryBlock(rewriter, whileOp.getBefore())) ||
        failed(convertEntryBlock(rewriter, whileOp.getAfter())))
      return rewriter.notifyMatchFailure(op, "region types not convertible");
    rewriter.replaceOp(op, whileOp.getResults());
    return success();
  }
};

/// `jx.fori` becomes `scf.for` over `index` from `lo` to `hi` (bounds
/// extracted and sign-extended; no iteration when `hi <= lo`) with the
/// carries as iter_args. The body's counter `i` is the induction variable
/// cast back to the bounds' type and wrapped by `tensor.from_elements`.
struct ForiOpLowering : public RegionOpLowering<ForiOp> {
  using RegionOpLowering::RegionOpLowering;

  LogicalResult
  matchAndRewrite(ForiOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Block *> body = convertEntryBlock(rewriter, op.getBody());
    if (failed(body))
      return rewriter.notifyMatchFailure(op, "body types not convertible");
    Location loc = op.getLoc();
    Type indexType = rewriter.getIndexType();
    Value lo = extractScalar(rewriter, loc, adaptor.getLo());
    Value hi = extractScalar(rewriter, loc, adaptor.getHi());
    Type boundType = lo.getType();
    lo = arith::IndexCastOp::create(rewriter, loc, indexType, lo);
    hi = arith::IndexCastOp::create(rewriter, loc, indexType, hi);
    Value step = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto forOp =
        scf::ForOp::create(rewriter, loc, lo, hi, step, adaptor.getInit(),
                           [](OpBuilder &, Location, Value, ValueRange) {});

    Block *loopBody = forOp.getBody();
    rewriter.setInsertionPointToStart(loopBody);
    Value counter = arith::IndexCastOp::create(rewriter, loc, boundType,
                                               forOp.getInductionVar());
    SmallVector<Value> args{tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, boundType), counter)};
    llvm::append_range(args, forOp.getRegionIterArgs());
    rewriter.mergeBlocks(*body, loopBody, args);
    rewriter.replaceOp(op, forOp.getResults());
    return success();
  }
};

/// `jx.scan` becomes `scf.for` over the steps with the carries and the
/// stacked outputs as iter_args. Step t (t = length - 1 - iv with `reverse`)
/// extracts slice t of each `xs` (a rank-reducing `tensor.extract_slice`
/// drops the leading unit dimension), runs the body inside an
/// `scf.execute_region` (so its `jx.yield` lowers like any other) and inserts
/// each y slice at t with `tensor.insert_slice`. The stacked outputs start as
/// `tensor.empty`; when one has dynamic sizes besides the leading one, they
/// are only known from the body, so it is allocated at step 0 from the first
/// y slice (and has those sizes 0 when the scan has no steps).
struct ScanOpLowering : public RegionOpLowering<ScanOp> {
  using RegionOpLowering::RegionOpLowering;

  LogicalResult
  matchAndRewrite(ScanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    if (failed(convertResultTypes(op, resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    FailureOr<Block *> body = convertEntryBlock(rewriter, op.getBody());
    if (failed(body))
      return rewriter.notifyMatchFailure(op, "body types not convertible");
    Location loc = op.getLoc();
    size_t numCarries = adaptor.getInit().size();
    ValueRange xs = adaptor.getXs();
    bool reverse = op.getReverse();

    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value length;
    if (std::optional<uint64_t> attr = op.getLength())
      length = arith::ConstantIndexOp::create(rewriter, loc,
                                              static_cast<int64_t>(*attr));
    else
      length = getValueOrCreateConstantIndexOp(
          rewriter, loc, getDimSize(rewriter, loc, xs.front(), 0));

    // Stacked outputs: tensor.empty, with inner dynamic sizes 0 until step 0
    // allocates them.
    ArrayRef<Type> stackedTypes = ArrayRef(resultTypes).drop_front(numCarries);
    SmallVector<Value> iterInits(adaptor.getInit());
    SmallVector<bool> lateAlloc;
    for (Type type : stackedTypes) {
      auto tensorType = cast<RankedTensorType>(type);
      SmallVector<Value> sizes;
      bool late = false;
      for (int64_t d = 0; d < tensorType.getRank(); ++d) {
        if (!tensorType.isDynamicDim(d))
          continue;
        late |= d > 0;
        sizes.push_back(d == 0 ? length : zero);
      }
      lateAlloc.push_back(late);
      iterInits.push_back(
          tensor::EmptyOp::create(rewriter, loc, tensorType.getShape(),
                                  tensorType.getElementType(), sizes));
    }

    SmallVector<Type> yieldTypes(ArrayRef(resultTypes).take_front(numCarries));
    for (Type type : stackedTypes) {
      auto tensorType = cast<RankedTensorType>(type);
      yieldTypes.push_back(RankedTensorType::get(
          tensorType.getShape().drop_front(), tensorType.getElementType()));
    }

    Value last =
        reverse ? arith::SubIOp::create(rewriter, loc, length, one) : Value();
    auto forOp =
        scf::ForOp::create(rewriter, loc, zero, length, one, iterInits,
                           [](OpBuilder &, Location, Value, ValueRange) {});
    Block *loopBody = forOp.getBody();
    ValueRange iterArgs = forOp.getRegionIterArgs();
    Value iv = forOp.getInductionVar();
    rewriter.setInsertionPointToStart(loopBody);
    Value step =
        reverse ? arith::SubIOp::create(rewriter, loc, last, iv).getResult()
                : iv;

    SmallVector<Value> bodyArgs(iterArgs.take_front(numCarries));
    for (Value x : xs) {
      auto type = cast<RankedTensorType>(x.getType());
      auto sliceType = RankedTensorType::get(type.getShape().drop_front(),
                                             type.getElementType());
      LeadingSlice slice(rewriter, loc, step, x, /*firstDim=*/1);
      bodyArgs.push_back(tensor::ExtractSliceOp::create(
          rewriter, loc, sliceType, x, slice.offsets, slice.sizes,
          slice.strides));
    }

    auto execute = scf::ExecuteRegionOp::create(rewriter, loc, yieldTypes);
    Block *executeBlock = rewriter.createBlock(&execute.getRegion());
    rewriter.mergeBlocks(*body, executeBlock, bodyArgs);

    rewriter.setInsertionPointAfter(execute);
    SmallVector<Value> next(execute.getResults().take_front(numCarries));
    for (auto [j, type] : llvm::enumerate(stackedTypes)) {
      Value y = execute.getResult(numCarries + j);
      Value stacked = iterArgs[numCarries + j];
      if (lateAlloc[j]) {
        // Step 0 allocates the stacked tensor with the y slice's sizes.
        auto tensorType = cast<RankedTensorType>(type);
        Value carried = stacked;
        Value first = arith::CmpIOp::create(rewriter, loc,
                                            arith::CmpIPredicate::eq, iv, zero);
        auto allocate = [&](OpBuilder &b, Location l) {
          SmallVector<Value> sizes;
          for (int64_t d = 0; d < tensorType.getRank(); ++d) {
            if (!tensorType.isDynamicDim(d))
              continue;
            sizes.push_back(
                d == 0 ? length
                       : tensor::DimOp::create(b, l, y, d - 1).getResult());
          }
          scf::YieldOp::create(
              b, l,
              tensor::EmptyOp::create(b, l, tensorType.getShape(),
                                      tensorType.getElementType(), sizes)
                  .getResult());
        };
        auto keep = [&](OpBuilder &b, Location l) {
          scf::YieldOp::create(b, l, carried);
        };
        stacked = scf::IfOp::create(rewriter, loc, first, allocate, keep)
                      .getResult(0);
      }
      LeadingSlice slice(rewriter, loc, step, y, /*firstDim=*/0);
      next.push_back(tensor::InsertSliceOp::create(rewriter, loc, y, stacked,
                                                   slice.offsets, slice.sizes,
                                                   slice.strides));
    }
    scf::YieldOp::create(rewriter, loc, next);
    rewriter.replaceOp(op, forOp.getResults());
    return success();
  }
};

/// `jx.yield` in a converted region: `scf.condition` (forwarding the block's
/// arguments) in the before region of `scf.while`, `scf.yield` elsewhere.
/// Fails while the parent is still a jx op, and in a `linalg.generic`
/// payload (`jx.reduce_region`, handled with the reductions).
struct YieldOpLowering : public OpConversionPattern<jx::YieldOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(jx::YieldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Operation *parent = op->getParentOp();
    if (auto whileOp = dyn_cast<scf::WhileOp>(parent);
        whileOp && op->getParentRegion() == &whileOp.getBefore()) {
      Value pred = extractScalar(rewriter, op.getLoc(), adaptor.getValues()[0]);
      rewriter.replaceOpWithNewOp<scf::ConditionOp>(
          op, pred, op->getBlock()->getArguments());
      return success();
    }
    if (!isa<scf::IfOp, scf::IndexSwitchOp, scf::WhileOp, scf::ForOp,
             scf::ExecuteRegionOp>(parent))
      return rewriter.notifyMatchFailure(op, "parent is not scf");
    rewriter.replaceOpWithNewOp<scf::YieldOp>(op, adaptor.getValues());
    return success();
  }
};

} // namespace

void mlir::jx::populateJxControlFlowToSCFPatterns(RewritePatternSet &patterns) {
  patterns.add<IfOpLowering, SwitchOpLowering, WhileOpLowering, ForiOpLowering,
               ScanOpLowering, YieldOpLowering>(patterns.getContext());
}
