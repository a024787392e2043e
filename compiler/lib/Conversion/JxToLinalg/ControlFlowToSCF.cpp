//===- ControlFlowToSCF.cpp - jx structured control flow to scf -----------===//
//
// Lowers jx.if, jx.switch, jx.while, jx.fori and jx.scan to scf with the
// carried tensors as iter_args, and `jx.yield` to the scf terminators. The
// regions are moved, not cloned: their nested jx ops are converted by the
// other patterns afterwards. When the pass converts types, block signatures
// are converted with the pattern's type converter; without one the types are
// kept as they are (control flow does no arithmetic on elements).
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/JxToLinalg/JxToLinalg.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::jx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Converts `types` with `converter`, or copies them when there is none.
static LogicalResult convertTypes(const TypeConverter *converter,
                                  TypeRange types,
                                  SmallVectorImpl<Type> &converted) {
  if (!converter) {
    llvm::append_range(converted, types);
    return success();
  }
  return converter->convertTypes(types, converted);
}

/// The entry block of `region` with its argument types converted (the block
/// itself when there is no converter).
static FailureOr<Block *> convertEntryBlock(ConversionPatternRewriter &rewriter,
                                            const TypeConverter *converter,
                                            Region &region) {
  if (!converter)
    return &region.front();
  return rewriter.convertRegionTypes(&region, *converter);
}

/// Reads a rank-0 tensor as a scalar.
static Value extractScalar(OpBuilder &b, Location loc, Value tensor) {
  return tensor::ExtractOp::create(b, loc, tensor, ValueRange{});
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `jx.if` becomes `scf.if` on the extracted `i1`; both regions move over.
struct IfOpLowering : public OpConversionPattern<IfOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(IfOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    if (failed(convertTypes(getTypeConverter(), op.getResultTypes(),
                            resultTypes)))
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

/// `jx.switch` becomes `scf.index_switch` on the index clamped to
/// `[0, n - 1]` (`lax.switch`): branches 0..n-2 are cases, the last branch is
/// the default region.
struct SwitchOpLowering : public OpConversionPattern<SwitchOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SwitchOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    if (failed(convertTypes(getTypeConverter(), op.getResultTypes(),
                            resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    Location loc = op.getLoc();
    int64_t numBranches = op.getBranches().size();
    Value index = extractScalar(rewriter, loc, adaptor.getIndex());
    Type indexType = index.getType();
    Value low = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(indexType, 0));
    Value high = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(indexType, numBranches - 1));
    index = arith::MaxSIOp::create(
        rewriter, loc, arith::MinSIOp::create(rewriter, loc, index, high), low);
    index = arith::IndexCastOp::create(rewriter, loc, rewriter.getIndexType(),
                                       index);

    auto cases = llvm::to_vector(llvm::seq<int64_t>(0, numBranches - 1));
    auto switchOp = scf::IndexSwitchOp::create(rewriter, loc, resultTypes,
                                               index, cases, cases.size());
    for (auto [i, branch] : llvm::enumerate(op.getBranches())) {
      Region &dest = static_cast<int64_t>(i) == numBranches - 1
                         ? switchOp.getDefaultRegion()
                         : switchOp.getCaseRegions()[i];
      rewriter.inlineRegionBefore(branch, dest, dest.end());
    }
    rewriter.replaceOp(op, switchOp.getResults());
    return success();
  }
};

/// `jx.while` becomes `scf.while`: `cond` is the before region (its
/// `jx.yield` becomes `scf.condition` forwarding the carries) and `body` the
/// after region.
struct WhileOpLowering : public OpConversionPattern<WhileOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(WhileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    const TypeConverter *converter = getTypeConverter();
    SmallVector<Type> resultTypes;
    if (failed(convertTypes(converter, op.getResultTypes(), resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    auto whileOp = scf::WhileOp::create(rewriter, op.getLoc(), resultTypes,
                                        adaptor.getInit());
    rewriter.inlineRegionBefore(op.getCond(), whileOp.getBefore(),
                                whileOp.getBefore().end());
    rewriter.inlineRegionBefore(op.getBody(), whileOp.getAfter(),
                                whileOp.getAfter().end());
    if (failed(convertEntryBlock(rewriter, converter, whileOp.getBefore())) ||
        failed(convertEntryBlock(rewriter, converter, whileOp.getAfter())))
      return rewriter.notifyMatchFailure(op, "region types not convertible");
    rewriter.replaceOp(op, whileOp.getResults());
    return success();
  }
};

/// `jx.fori` becomes `scf.for` over `index` from `lo` to `hi` (bounds
/// extracted and sign-extended; no iteration when `hi <= lo`) with the
/// carries as iter_args. The body's counter `i` is the induction variable
/// cast back to the bounds' type and wrapped by `tensor.from_elements`.
struct ForiOpLowering : public OpConversionPattern<ForiOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ForiOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Block *> body =
        convertEntryBlock(rewriter, getTypeConverter(), op.getBody());
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
    auto forOp = scf::ForOp::create(
        rewriter, loc, lo, hi, step, adaptor.getInit(),
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
struct ScanOpLowering : public OpConversionPattern<ScanOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ScanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    const TypeConverter *converter = getTypeConverter();
    SmallVector<Type> resultTypes;
    if (failed(convertTypes(converter, op.getResultTypes(), resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    FailureOr<Block *> body =
        convertEntryBlock(rewriter, converter, op.getBody());
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
      length = tensor::DimOp::create(rewriter, loc, xs.front(), 0);

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
      iterInits.push_back(tensor::EmptyOp::create(
          rewriter, loc, tensorType.getShape(), tensorType.getElementType(),
          sizes));
    }

    SmallVector<Type> yieldTypes(ArrayRef(resultTypes).take_front(numCarries));
    for (Type type : stackedTypes) {
      auto tensorType = cast<RankedTensorType>(type);
      yieldTypes.push_back(RankedTensorType::get(
          tensorType.getShape().drop_front(), tensorType.getElementType()));
    }

    auto forOp = scf::ForOp::create(
        rewriter, loc, zero, length, one, iterInits,
        [](OpBuilder &, Location, Value, ValueRange) {});
    Block *loopBody = forOp.getBody();
    ValueRange iterArgs = forOp.getRegionIterArgs();
    Value iv = forOp.getInductionVar();
    rewriter.setInsertionPointToStart(loopBody);
    Value step = iv;
    if (reverse) {
      Value last = arith::SubIOp::create(rewriter, loc, length, one);
      step = arith::SubIOp::create(rewriter, loc, last, iv);
    }

    // Slices of the leading dimension at `step`: offsets, sizes, strides.
    auto sliceAt = [&](Value tensor, SmallVectorImpl<OpFoldResult> &offsets,
                       SmallVectorImpl<OpFoldResult> &sizes,
                       SmallVectorImpl<OpFoldResult> &strides) {
      int64_t rank = cast<RankedTensorType>(tensor.getType()).getRank();
      offsets.assign(rank, rewriter.getIndexAttr(0));
      offsets[0] = step;
      sizes = tensor::getMixedSizes(rewriter, loc, tensor);
      sizes[0] = rewriter.getIndexAttr(1);
      strides.assign(rank, rewriter.getIndexAttr(1));
    };

    SmallVector<Value> bodyArgs(iterArgs.take_front(numCarries));
    for (Value x : xs) {
      auto type = cast<RankedTensorType>(x.getType());
      SmallVector<OpFoldResult> offsets, sizes, strides;
      sliceAt(x, offsets, sizes, strides);
      auto sliceType = RankedTensorType::get(type.getShape().drop_front(),
                                             type.getElementType());
      bodyArgs.push_back(tensor::ExtractSliceOp::create(
          rewriter, loc, sliceType, x, offsets, sizes, strides));
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
        auto tensorType = cast<RankedTensorType>(type);
        Value first = arith::CmpIOp::create(
            rewriter, loc, arith::CmpIPredicate::eq, iv, zero);
        stacked = scf::IfOp::create(
                      rewriter, loc, first,
                      [&](OpBuilder &b, Location l) {
                        SmallVector<Value> sizes;
                        for (int64_t d = 0; d < tensorType.getRank(); ++d)
                          if (tensorType.isDynamicDim(d))
                            sizes.push_back(
                                d == 0 ? length
                                       : tensor::DimOp::create(b, l, y, d - 1)
                                             .getResult());
                        Value alloc = tensor::EmptyOp::create(
                            b, l, tensorType.getShape(),
                            tensorType.getElementType(), sizes);
                        scf::YieldOp::create(b, l, alloc);
                      },
                      [&](OpBuilder &b, Location l) {
                        scf::YieldOp::create(b, l, stacked);
                      })
                      .getResult(0);
      }
      SmallVector<OpFoldResult> offsets, sizes, strides;
      sliceAt(stacked, offsets, sizes, strides);
      next.push_back(tensor::InsertSliceOp::create(rewriter, loc, y, stacked,
                                                   offsets, sizes, strides));
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
