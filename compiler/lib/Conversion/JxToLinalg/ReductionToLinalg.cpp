//===- ReductionToLinalg.cpp - jx reductions and contractions to linalg ---===//
//
// Lowers jx.reduce (fixed combiners and argmax/argmin), jx.reduce_region,
// jx.cumulative and jx.dot_general to linalg on tensors (plus tensor, arith
// and scf). jx.gather and jx.scatter live in GatherScatterToLinalg.cpp; the
// public populate function below adds them too.
//
// As everywhere in this conversion (ConversionUtils.h), results are signless
// (`ui32` -> `i32`) and the unsigned arith ops are chosen from the jx types.
// Adaptor operands are already signless in the pass; an operand that is not
// (its producer was left alone) is cast with `unrealized_conversion_cast`.
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
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::jx;

namespace mlir {
namespace jx {
// Defined in GatherScatterToLinalg.cpp (kept out of the public header: it is
// part of populateJxReductionToLinalgPatterns).
void populateJxGatherScatterToLinalgPatterns(RewritePatternSet &patterns);
} // namespace jx
} // namespace mlir

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The type the converted IR uses for `type`: the type converter's answer
/// when the pattern has one, the jx mapping (`ui32` -> `i32`) otherwise.
/// Null when conversion fails.
static Type getLegalType(const TypeConverter *converter, Type type) {
  return converter ? converter->convertType(type) : convertJxType(type);
}

/// Converts the result types of `op` like getLegalType.
static LogicalResult convertResultTypes(const TypeConverter *converter,
                                        Operation *op,
                                        SmallVectorImpl<Type> &types) {
  if (converter)
    return converter->convertTypes(op->getResultTypes(), types);
  for (Type type : op->getResultTypes())
    types.push_back(convertJxType(type));
  return success();
}

/// Casts `value` to `type` when they differ: `tensor.cast` for a change of
/// static shape information, `unrealized_conversion_cast` for a change of
/// element type (an operand still `ui32` when the producer was not lowered
/// by these patterns).
static Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  auto from = dyn_cast<RankedTensorType>(value.getType());
  auto to = dyn_cast<RankedTensorType>(type);
  if (from && to && from.getElementType() == to.getElementType())
    return tensor::CastOp::create(b, loc, type, value);
  return UnrealizedConversionCastOp::create(b, loc, type, value).getResult(0);
}

/// `value` (an adaptor operand) as a signless tensor; a no-op in the pass,
/// where producers are already lowered.
static Value toSignless(OpBuilder &b, Location loc, Value value) {
  return castTo(b, loc, value, convertJxType(value.getType()));
}

/// The sizes of the dynamic dimensions of `type`, dimension d's from
/// `size(d)`.
static SmallVector<Value> getDynamicSizes(RankedTensorType type,
                                          function_ref<Value(int64_t)> size) {
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(size(d));
  return sizes;
}

/// A tensor of `type` filled with the constant `value`.
static Value createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                          TypedAttr value, ValueRange dynamicSizes) {
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                        type.getElementType(), dynamicSizes);
  Value scalar = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{empty})
      .getResult(0);
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

/// The type with dimensions `dims` of `source` and element type `element`:
/// the shape a reduction computes. The declared result type may be more or
/// less static; results are cast to it (linalg.reduce wants exact shapes).
static RankedTensorType getKeptType(Value source, ArrayRef<int64_t> dims,
                                    Type element) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  for (int64_t d : dims)
    shape.push_back(type.getDimSize(d));
  return RankedTensorType::get(shape, element);
}

namespace {
/// The scalar combiners shared by reduce and cumulative.
enum class Combiner { Add, Mul, Max, Min, And, Or };
} // namespace

static std::optional<Combiner> getCombiner(ReduceKind kind) {
  switch (kind) {
  case ReduceKind::Sum:
    return Combiner::Add;
  case ReduceKind::Prod:
    return Combiner::Mul;
  case ReduceKind::Max:
    return Combiner::Max;
  case ReduceKind::Min:
    return Combiner::Min;
  case ReduceKind::And:
    return Combiner::And;
  case ReduceKind::Or:
    return Combiner::Or;
  case ReduceKind::ArgMax:
  case ReduceKind::ArgMin:
    return std::nullopt;
  }
  llvm_unreachable("unknown reduce kind");
}

static Combiner getCombiner(CumulativeKind kind) {
  switch (kind) {
  case CumulativeKind::Sum:
    return Combiner::Add;
  case CumulativeKind::Prod:
    return Combiner::Mul;
  case CumulativeKind::Max:
    return Combiner::Max;
  case CumulativeKind::Min:
    return Combiner::Min;
  }
  llvm_unreachable("unknown cumulative kind");
}

/// The identity of `combiner` on the signless `element` type: 0 (or -0.0
/// when `negativeZero`, the exact identity of float addition), 1, -inf /
/// lowest, +inf / highest, all ones, 0.
static TypedAttr getIdentity(Builder &b, Combiner combiner, Type element,
                             bool isUnsigned, bool negativeZero = false) {
  if (auto floatType = dyn_cast<FloatType>(element)) {
    const llvm::fltSemantics &sem = floatType.getFloatSemantics();
    switch (combiner) {
    case Combiner::Add:
      return b.getFloatAttr(element, llvm::APFloat::getZero(sem, negativeZero));
    case Combiner::Mul:
      return b.getFloatAttr(element, llvm::APFloat::getOne(sem));
    case Combiner::Max:
      return b.getFloatAttr(element, llvm::APFloat::getInf(sem, true));
    case Combiner::Min:
      return b.getFloatAttr(element, llvm::APFloat::getInf(sem, false));
    case Combiner::And:
    case Combiner::Or:
      llvm_unreachable("bitwise combiner on a float");
    }
  }
  unsigned width = element.getIntOrFloatBitWidth();
  llvm::APInt value;
  switch (combiner) {
  case Combiner::Add:
  case Combiner::Or:
    value = llvm::APInt::getZero(width);
    break;
  case Combiner::Mul:
    value = llvm::APInt(width, 1);
    break;
  case Combiner::And:
    value = llvm::APInt::getAllOnes(width);
    break;
  case Combiner::Max:
    value = isUnsigned ? llvm::APInt::getMinValue(width)
                       : llvm::APInt::getSignedMinValue(width);
    break;
  case Combiner::Min:
    value = isUnsigned ? llvm::APInt::getMaxValue(width)
                       : llvm::APInt::getSignedMaxValue(width);
    break;
  }
  return b.getIntegerAttr(element, value);
}

/// `combiner(acc, x)` on scalars. Float max/min propagate NaN.
static Value combine(OpBuilder &b, Location loc, Combiner combiner, Value acc,
                     Value x, bool isUnsigned) {
  bool isFloat = isa<FloatType>(acc.getType());
  switch (combiner) {
  case Combiner::Add:
    if (isFloat)
      return arith::AddFOp::create(b, loc, acc, x);
    return arith::AddIOp::create(b, loc, acc, x);
  case Combiner::Mul:
    if (isFloat)
      return arith::MulFOp::create(b, loc, acc, x);
    return arith::MulIOp::create(b, loc, acc, x);
  case Combiner::Max:
    if (isFloat)
      return arith::MaximumFOp::create(b, loc, acc, x);
    if (isUnsigned)
      return arith::MaxUIOp::create(b, loc, acc, x);
    return arith::MaxSIOp::create(b, loc, acc, x);
  case Combiner::Min:
    if (isFloat)
      return arith::MinimumFOp::create(b, loc, acc, x);
    if (isUnsigned)
      return arith::MinUIOp::create(b, loc, acc, x);
    return arith::MinSIOp::create(b, loc, acc, x);
  case Combiner::And:
    return arith::AndIOp::create(b, loc, acc, x);
  case Combiner::Or:
    return arith::OrIOp::create(b, loc, acc, x);
  }
  llvm_unreachable("unknown combiner");
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `jx.reduce` with sum/prod/max/min/and/or becomes a `linalg.reduce` whose
/// init is filled with the combiner's identity (so empty reductions give 0,
/// 1, -inf/lowest, +inf/highest, all ones, 0). Float max/min use
/// `arith.maximumf`/`minimumf`, which propagate NaN.
struct ReduceOpLowering : public OpConversionPattern<jx::ReduceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(jx::ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::optional<Combiner> combiner = getCombiner(op.getKind());
    if (!combiner)
      return rewriter.notifyMatchFailure(op, "argmax/argmin lower separately");
    Type legalType = getLegalType(getTypeConverter(), op.getType());
    if (!legalType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    bool isUnsigned = isUnsignedJxType(op.getOperand().getType());
    Value input = toSignless(rewriter, loc, adaptor.getOperand());
    auto inputType = cast<RankedTensorType>(input.getType());

    SmallVector<int64_t> dims(op.getDimensions());
    llvm::sort(dims);
    Value result = input;
    if (!dims.empty()) {
      SmallVector<int64_t> kept = complementDims(inputType.getRank(), dims);
      RankedTensorType resultType =
          getKeptType(input, kept, inputType.getElementType());
      TypedAttr identity = getIdentity(rewriter, *combiner,
                                       resultType.getElementType(), isUnsigned);
      Value init = createFilled(
          rewriter, loc, resultType, identity,
          getDynamicSizes(resultType, [&](int64_t d) -> Value {
            return tensor::DimOp::create(rewriter, loc, input, kept[d]);
          }));
      auto reduce = linalg::ReduceOp::create(
          rewriter, loc, ValueRange{input}, ValueRange{init}, dims,
          [&](OpBuilder &b, Location nested, ValueRange args) {
            Value next =
                combine(b, nested, *combiner, args[1], args[0], isUnsigned);
            linalg::YieldOp::create(b, nested, next);
          });
      result = reduce.getResult(0);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, legalType));
    return success();
  }
};

/// `jx.reduce argmax/argmin` becomes a `linalg.generic` with two outputs, the
/// running extreme value and its index (the value result is dropped). The
/// combiner is a selection by the total order "more extreme value first, then
/// lower index", with NaN the most extreme (NumPy), so the first index of
/// the extreme wins whatever order the reduction runs in. The init pair is
/// (-inf / lowest, 0) for argmax and (+inf / highest, 0) for argmin: it loses
/// to every element except one equal to it, and then index 0 is right.
struct ArgReduceOpLowering : public OpConversionPattern<jx::ReduceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(jx::ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    bool isMax = op.getKind() == ReduceKind::ArgMax;
    if (!isMax && op.getKind() != ReduceKind::ArgMin)
      return rewriter.notifyMatchFailure(op, "not argmax/argmin");
    Type legalType = getLegalType(getTypeConverter(), op.getType());
    if (!legalType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    bool isUnsigned = isUnsignedJxType(op.getOperand().getType());
    Value input = toSignless(rewriter, loc, adaptor.getOperand());
    auto inputType = cast<RankedTensorType>(input.getType());
    Type element = inputType.getElementType();
    Type indexElement =
        cast<RankedTensorType>(convertJxType(legalType)).getElementType();
    int64_t rank = inputType.getRank();
    int64_t axis = op.getDimensions().front();
    SmallVector<int64_t> kept = complementDims(rank, {axis});
    RankedTensorType indexType = getKeptType(input, kept, indexElement);

    SmallVector<Value> dynamicSizes =
        getDynamicSizes(indexType, [&](int64_t d) -> Value {
          return tensor::DimOp::create(rewriter, loc, input, kept[d]);
        });
    auto valueType = indexType.clone(element);
    Value valueInit = createFilled(
        rewriter, loc, valueType,
        getIdentity(rewriter, isMax ? Combiner::Max : Combiner::Min, element,
                    isUnsigned),
        dynamicSizes);
    Value indexInit =
        createFilled(rewriter, loc, indexType,
                     rewriter.getIntegerAttr(indexElement, 0), dynamicSizes);

    SmallVector<AffineExpr> keptExprs;
    for (int64_t d : kept)
      keptExprs.push_back(rewriter.getAffineDimExpr(d));
    AffineMap inputMap = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outputMap = AffineMap::get(rank, 0, keptExprs, ctx);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;

    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valueType, indexType}, ValueRange{input},
        ValueRange{valueInit, indexInit},
        ArrayRef<AffineMap>{inputMap, outputMap, outputMap}, iterators,
        [&](OpBuilder &b, Location nested, ValueRange args) {
          Value x = args[0], acc = args[1], accIndex = args[2];
          Value index = arith::IndexCastOp::create(
              b, nested, indexElement,
              linalg::IndexOp::create(b, nested, axis));
          Value lowerIndex = arith::CmpIOp::create(
              b, nested, arith::CmpIPredicate::slt, index, accIndex);
          Value take;
          if (isa<FloatType>(element)) {
            // Take x if acc is NaN: only when x is a NaN with a lower index;
            // otherwise: if x is NaN, or x is more extreme, or equal with a
            // lower index.
            auto pred =
                isMax ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT;
            Value xNaN = arith::CmpFOp::create(b, nested,
                                               arith::CmpFPredicate::UNO, x, x);
            Value accNaN = arith::CmpFOp::create(
                b, nested, arith::CmpFPredicate::UNO, acc, acc);
            Value better = arith::CmpFOp::create(b, nested, pred, x, acc);
            Value equal = arith::CmpFOp::create(
                b, nested, arith::CmpFPredicate::OEQ, x, acc);
            Value tie = arith::AndIOp::create(b, nested, equal, lowerIndex);
            Value ordered = arith::OrIOp::create(
                b, nested, xNaN, arith::OrIOp::create(b, nested, better, tie));
            Value bothNaN = arith::AndIOp::create(b, nested, xNaN, lowerIndex);
            take = arith::SelectOp::create(b, nested, accNaN, bothNaN, ordered);
          } else {
            arith::CmpIPredicate pred =
                isMax ? (isUnsigned ? arith::CmpIPredicate::ugt
                                    : arith::CmpIPredicate::sgt)
                      : (isUnsigned ? arith::CmpIPredicate::ult
                                    : arith::CmpIPredicate::slt);
            Value better = arith::CmpIOp::create(b, nested, pred, x, acc);
            Value equal = arith::CmpIOp::create(
                b, nested, arith::CmpIPredicate::eq, x, acc);
            Value tie = arith::AndIOp::create(b, nested, equal, lowerIndex);
            take = arith::OrIOp::create(b, nested, better, tie);
          }
          Value nextValue = arith::SelectOp::create(b, nested, take, x, acc);
          Value nextIndex =
              arith::SelectOp::create(b, nested, take, index, accIndex);
          linalg::YieldOp::create(b, nested, ValueRange{nextValue, nextIndex});
        });
    rewriter.replaceOp(op,
                       castTo(rewriter, loc, generic.getResult(1), legalType));
    return success();
  }
};

/// `jx.reduce_region` becomes a `linalg.generic` over the inputs whose
/// outputs start filled with the init values. The jx body, which works on
/// rank-0 tensors, is inlined into the generic's payload with each scalar
/// wrapped by `tensor.from_elements`; its `jx.yield` becomes `tensor.extract`s
/// and a `linalg.yield` (ReduceRegionYieldLowering). The nested jx ops are
/// converted by the other patterns afterwards.
struct ReduceRegionOpLowering : public OpConversionPattern<ReduceRegionOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReduceRegionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    const TypeConverter *converter = getTypeConverter();
    SmallVector<Type> resultTypes;
    if (failed(convertResultTypes(converter, op, resultTypes)))
      return rewriter.notifyMatchFailure(op, "result types not convertible");
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    ValueRange inputs = adaptor.getInputs();
    size_t n = inputs.size();
    auto firstType = cast<RankedTensorType>(inputs.front().getType());
    int64_t rank = firstType.getRank();
    ArrayRef<int64_t> dims = op.getDimensions();
    SmallVector<int64_t> kept = complementDims(rank, dims);

    SmallVector<Type> initTypes;
    for (Type type : resultTypes)
      initTypes.push_back(getKeptType(
          inputs.front(), kept, cast<RankedTensorType>(type).getElementType()));
    SmallVector<Value> dynamicSizes = getDynamicSizes(
        cast<RankedTensorType>(initTypes.front()), [&](int64_t d) -> Value {
          return tensor::DimOp::create(rewriter, loc, inputs.front(), kept[d]);
        });
    SmallVector<Value> inits;
    SmallVector<Type> elementTypes;
    for (auto [init, type] :
         llvm::zip_equal(adaptor.getInitValues(), initTypes)) {
      auto resultType = cast<RankedTensorType>(type);
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                  resultType.getElementType(), dynamicSizes);
      Value scalar = tensor::ExtractOp::create(rewriter, loc, init);
      inits.push_back(linalg::FillOp::create(rewriter, loc, ValueRange{scalar},
                                             ValueRange{empty})
                          .getResult(0));
      elementTypes.push_back(resultType.getElementType());
    }

    SmallVector<AffineExpr> keptExprs;
    for (int64_t d : kept)
      keptExprs.push_back(rewriter.getAffineDimExpr(d));
    SmallVector<AffineMap> maps(n, rewriter.getMultiDimIdentityMap(rank));
    maps.append(n, AffineMap::get(rank, 0, keptExprs, ctx));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    for (int64_t d : dims)
      iterators[d] = utils::IteratorType::reduction;
    auto generic = linalg::GenericOp::create(rewriter, loc, initTypes, inputs,
                                             inits, maps, iterators);

    // The payload takes (elements..., accumulators...); the jx body takes
    // (accumulators..., elements...) as rank-0 tensors.
    FailureOr<Block *> jxBody = rewriter.convertRegionTypes(
        &op.getBody(), converter ? *converter : jxTypes);
    if (failed(jxBody))
      return rewriter.notifyMatchFailure(op, "body types not convertible");
    SmallVector<Type> payloadTypes(elementTypes);
    llvm::append_range(payloadTypes, elementTypes);
    SmallVector<Location> locs(2 * n, loc);
    Block *payload =
        rewriter.createBlock(&generic.getRegion(), {}, payloadTypes, locs);
    rewriter.setInsertionPointToStart(payload);
    SmallVector<Value> wrapped(2 * n);
    for (size_t i = 0; i < n; ++i) {
      auto scalarType = RankedTensorType::get({}, elementTypes[i]);
      wrapped[i] = tensor::FromElementsOp::create(rewriter, loc, scalarType,
                                                  payload->getArgument(n + i));
      wrapped[n + i] = tensor::FromElementsOp::create(rewriter, loc, scalarType,
                                                      payload->getArgument(i));
    }
    rewriter.mergeBlocks(*jxBody, payload, wrapped);
    rewriter.setInsertionPointAfter(generic);
    SmallVector<Value> results;
    for (auto [result, type] :
         llvm::zip_equal(generic.getResults(), resultTypes))
      results.push_back(castTo(rewriter, loc, result, type));
    rewriter.replaceOp(op, results);
    return success();
  }

private:
  /// Converts the body's signature when the pass gives no type converter
  /// (owned by the pattern: the rewriter keeps it for materializations).
  JxTypeConverter jxTypes;
};

/// The `jx.yield` of an inlined `jx.reduce_region` body: unwraps the rank-0
/// tensors into a `linalg.yield`.
struct ReduceRegionYieldLowering : public OpConversionPattern<jx::YieldOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(jx::YieldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isa<linalg::GenericOp>(op->getParentOp()))
      return rewriter.notifyMatchFailure(op, "not in a reduce_region payload");
    SmallVector<Value> scalars;
    for (Value value : adaptor.getValues())
      scalars.push_back(
          tensor::ExtractOp::create(rewriter, op.getLoc(), value));
    rewriter.replaceOpWithNewOp<linalg::YieldOp>(op, scalars);
    return success();
  }
};

/// `jx.cumulative` becomes an `scf.for` over the axis (from the end with
/// `reverse`) that carries the result and a running accumulator slice (the
/// operand without the axis, starting at the combiner's identity): each step
/// extracts slice i, combines it into the accumulator with an elementwise
/// `linalg.generic` and inserts the accumulator as slice i of the result. A
/// prefix scan is not a `linalg.generic`; the loop is sequential over the
/// axis but each step is a parallel op over the other dimensions.
struct CumulativeOpLowering : public OpConversionPattern<CumulativeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CumulativeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type legalType = getLegalType(getTypeConverter(), op.getType());
    if (!legalType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    Combiner combiner = getCombiner(op.getKind());
    bool isUnsigned = isUnsignedJxType(op.getType());
    bool reverse = op.getReverse();
    Value input = toSignless(rewriter, loc, adaptor.getOperand());
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t rank = inputType.getRank();
    int64_t axis = op.getAxis();
    Type element = inputType.getElementType();

    // The operand's sizes give the result's, the trip count (the axis) and,
    // without the axis, the accumulator's.
    SmallVector<OpFoldResult> inputSizes =
        tensor::getMixedSizes(rewriter, loc, input);
    Value size =
        getValueOrCreateConstantIndexOp(rewriter, loc, inputSizes[axis]);
    SmallVector<OpFoldResult> accSizes(inputSizes);
    accSizes.erase(accSizes.begin() + axis);
    Value accEmpty = tensor::EmptyOp::create(rewriter, loc, accSizes, element);
    auto sliceType = cast<RankedTensorType>(accEmpty.getType());
    Value identityValue = arith::ConstantOp::create(
        rewriter, loc,
        getIdentity(rewriter, combiner, element, isUnsigned,
                    /*negativeZero=*/true));
    Value acc = linalg::FillOp::create(rewriter, loc, ValueRange{identityValue},
                                       ValueRange{accEmpty})
                    .getResult(0);
    Value init = tensor::EmptyOp::create(rewriter, loc, inputSizes, element);

    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value last =
        reverse ? arith::SubIOp::create(rewriter, loc, size, one) : Value();
    SmallVector<OpFoldResult> sizes(inputSizes);
    sizes[axis] = rewriter.getIndexAttr(1);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank - 1);
    SmallVector<utils::IteratorType> parallel(rank - 1,
                                              utils::IteratorType::parallel);

    auto loop = scf::ForOp::create(
        rewriter, loc, zero, size, one, ValueRange{init, acc},
        [&](OpBuilder &b, Location nested, Value iv, ValueRange iterArgs) {
          Value pos = reverse ? arith::SubIOp::create(b, nested, last, iv) : iv;
          SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
          offsets[axis] = pos;
          Value slice = tensor::ExtractSliceOp::create(
              b, nested, sliceType, input, offsets, sizes, strides);
          Value next = linalg::GenericOp::create(
                           b, nested, TypeRange{sliceType}, ValueRange{slice},
                           ValueRange{iterArgs[1]},
                           ArrayRef<AffineMap>{identity, identity}, parallel,
                           [&](OpBuilder &nb, Location nl, ValueRange args) {
                             Value c = combine(nb, nl, combiner, args[1],
                                               args[0], isUnsigned);
                             linalg::YieldOp::create(nb, nl, c);
                           })
                           .getResult(0);
          Value result = tensor::InsertSliceOp::create(
              b, nested, next, iterArgs[0], offsets, sizes, strides);
          scf::YieldOp::create(b, nested, ValueRange{result, next});
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, loop.getResult(0), legalType));
    return success();
  }
};

/// `jx.dot_general` becomes a named linalg op when the dimension numbers are
/// exactly its canonical layout (`linalg.dot`, `matvec`, `vecmat`, `matmul`,
/// `batch_matmul`), otherwise a `linalg.generic` with loops ordered (batch,
/// lhs free, rhs free, contracting). The output is zero-filled first.
struct DotGeneralOpLowering : public OpConversionPattern<DotGeneralOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DotGeneralOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type legalType = getLegalType(getTypeConverter(), op.getType());
    if (!legalType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    Value lhs = toSignless(rewriter, loc, adaptor.getLhs());
    Value rhs = toSignless(rewriter, loc, adaptor.getRhs());
    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    ArrayRef<int64_t> lb = op.getLhsBatchingDimensions(),
                      rb = op.getRhsBatchingDimensions(),
                      lc = op.getLhsContractingDimensions(),
                      rc = op.getRhsContractingDimensions();
    SmallVector<int64_t> lhsUsed(lb), rhsUsed(rb);
    llvm::append_range(lhsUsed, lc);
    llvm::append_range(rhsUsed, rc);
    SmallVector<int64_t> lhsFree = complementDims(lhsType.getRank(), lhsUsed);
    SmallVector<int64_t> rhsFree = complementDims(rhsType.getRank(), rhsUsed);

    // Result dimension d comes from this (operand, dimension); a batch
    // dimension takes its static size from either operand.
    SmallVector<std::pair<Value, int64_t>> sources;
    SmallVector<int64_t> shape;
    for (auto [l, r] : llvm::zip_equal(lb, rb)) {
      bool fromRhs = lhsType.isDynamicDim(l) && !rhsType.isDynamicDim(r);
      sources.push_back(fromRhs ? std::make_pair(rhs, r)
                                : std::make_pair(lhs, l));
    }
    for (int64_t d : lhsFree)
      sources.push_back({lhs, d});
    for (int64_t d : rhsFree)
      sources.push_back({rhs, d});
    for (auto [source, d] : sources)
      shape.push_back(cast<RankedTensorType>(source.getType()).getDimSize(d));
    Type element = lhsType.getElementType();
    auto resultType = RankedTensorType::get(shape, element);
    Value init =
        createFilled(rewriter, loc, resultType, rewriter.getZeroAttr(element),
                     getDynamicSizes(resultType, [&](int64_t d) -> Value {
                       return tensor::DimOp::create(
                           rewriter, loc, sources[d].first, sources[d].second);
                     }));

    int64_t lhsRank = lhsType.getRank(), rhsRank = rhsType.getRank();
    auto is = [](ArrayRef<int64_t> dims, ArrayRef<int64_t> expected) {
      return dims == expected;
    };
    bool noBatch = lb.empty();
    Operation *named = nullptr;
    if (noBatch && lhsRank == 1 && rhsRank == 1 && is(lc, {0}) && is(rc, {0}))
      named = linalg::DotOp::create(rewriter, loc, TypeRange{resultType},
                                    ValueRange{lhs, rhs}, ValueRange{init});
    else if (noBatch && lhsRank == 2 && rhsRank == 1 && is(lc, {1}) &&
             is(rc, {0}))
      named = linalg::MatvecOp::create(rewriter, loc, TypeRange{resultType},
                                       ValueRange{lhs, rhs}, ValueRange{init});
    else if (noBatch && lhsRank == 1 && rhsRank == 2 && is(lc, {0}) &&
             is(rc, {0}))
      named = linalg::VecmatOp::create(rewriter, loc, TypeRange{resultType},
                                       ValueRange{lhs, rhs}, ValueRange{init});
    else if (noBatch && lhsRank == 2 && rhsRank == 2 && is(lc, {1}) &&
             is(rc, {0}))
      named = linalg::MatmulOp::create(rewriter, loc, TypeRange{resultType},
                                       ValueRange{lhs, rhs}, ValueRange{init});
    else if (lhsRank == 3 && rhsRank == 3 && is(lb, {0}) && is(rb, {0}) &&
             is(lc, {2}) && is(rc, {1}))
      named =
          linalg::BatchMatmulOp::create(rewriter, loc, TypeRange{resultType},
                                        ValueRange{lhs, rhs}, ValueRange{init});
    if (named) {
      rewriter.replaceOp(op,
                         castTo(rewriter, loc, named->getResult(0), legalType));
      return success();
    }

    // Loops: batch, lhs free, rhs free (the result dimensions), contracting.
    int64_t numBatch = lb.size(), numResult = resultType.getRank();
    int64_t numLoops = numResult + lc.size();
    auto operandMap = [&](int64_t rank, ArrayRef<int64_t> batch,
                          ArrayRef<int64_t> contract, ArrayRef<int64_t> free,
                          int64_t freeBase) {
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d < rank; ++d) {
        int64_t loopDim;
        if (const auto *it = llvm::find(batch, d); it != batch.end())
          loopDim = it - batch.begin();
        else if (const auto *it = llvm::find(contract, d); it != contract.end())
          loopDim = numResult + (it - contract.begin());
        else
          loopDim = freeBase + (llvm::find(free, d) - free.begin());
        exprs.push_back(rewriter.getAffineDimExpr(loopDim));
      }
      return AffineMap::get(numLoops, 0, exprs, ctx);
    };
    // The result takes the leading loops; built from the identity's first
    // results since getMajorSubMap(0) is a null map (a scalar result, as in
    // einsum("ij,ij->", a, b)).
    SmallVector<AffineMap> maps{
        operandMap(lhsRank, lb, lc, lhsFree, numBatch),
        operandMap(rhsRank, rb, rc, rhsFree, numBatch + lhsFree.size()),
        AffineMap::get(numLoops, 0,
                       AffineMap::getMultiDimIdentityMap(numLoops, ctx)
                           .getResults()
                           .take_front(numResult),
                       ctx)};
    SmallVector<utils::IteratorType> iterators(numResult,
                                               utils::IteratorType::parallel);
    iterators.append(lc.size(), utils::IteratorType::reduction);
    bool isFloat = isa<FloatType>(element);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{lhs, rhs},
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nested, ValueRange args) {
          Value product, sum;
          if (isFloat) {
            product = arith::MulFOp::create(b, nested, args[0], args[1]);
            sum = arith::AddFOp::create(b, nested, args[2], product);
          } else {
            product = arith::MulIOp::create(b, nested, args[0], args[1]);
            sum = arith::AddIOp::create(b, nested, args[2], product);
          }
          linalg::YieldOp::create(b, nested, sum);
        });
    rewriter.replaceOp(op,
                       castTo(rewriter, loc, generic.getResult(0), legalType));
    return success();
  }
};

} // namespace

void mlir::jx::populateJxReductionToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReduceOpLowering, ArgReduceOpLowering, ReduceRegionOpLowering,
               ReduceRegionYieldLowering, CumulativeOpLowering,
               DotGeneralOpLowering>(ctx);
  populateJxGatherScatterToLinalgPatterns(patterns);
}
