//===- ConversionUtils.h - helpers shared by the jx lowerings ---*- C++ -*-===//
//
// Private to lib/Conversion/JxToLinalg: the `ui32` -> `i32` type mapping
// every pattern applies to its result types, the type converter the pass
// uses for function signatures and scf ops, and small builders for the IR
// shapes every family emits (tensor.empty with dynamic sizes, rank-0
// extraction, elementwise linalg.generic).
//
// The patterns own a type converter (`JxOpConversionPattern`), so their
// adaptors have the converted (signless) operands while the op itself still
// has the jx types: a pattern reads signedness from `op`, values from
// `adaptor`.
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_CONVERSION_JXTOLINALG_CONVERSIONUTILS_H
#define JX_LIB_CONVERSION_JXTOLINALG_CONVERSIONUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir {
namespace jx {

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// `ui32` (and any other unsigned or signed integer) becomes the signless
/// integer of its width; other types are unchanged.
inline Type getSignlessElementType(Type type) {
  if (auto intType = dyn_cast<IntegerType>(type);
      intType && !intType.isSignless())
    return IntegerType::get(type.getContext(), intType.getWidth());
  return type;
}

/// The type a jx value has after lowering: tensors get a signless element
/// type, scalars are mapped like elements.
inline Type convertJxType(Type type) {
  if (auto tensorType = dyn_cast<RankedTensorType>(type))
    return tensorType.clone(
        getSignlessElementType(tensorType.getElementType()));
  return getSignlessElementType(type);
}

/// `convertJxType` on a ranked tensor type.
inline RankedTensorType convertJxTensorType(Type type) {
  return cast<RankedTensorType>(convertJxType(type));
}

/// Whether integer arithmetic on the element type of `type` (a jx type,
/// before conversion) is unsigned: `ui32`, and `i1`, whose `true` must
/// compare and extend as 1, not -1.
inline bool isUnsignedJxType(Type type) {
  Type element = getElementTypeOrSelf(type);
  return element.isUnsignedInteger() || element.isSignlessInteger(1);
}

/// Maps `ui32` to `i32` inside tensor types and leaves every other type
/// alone. Casts between the two are `builtin.unrealized_conversion_cast`,
/// which only remain where an op that stays legal (a transformation request
/// or a collective) still uses a `ui32` value.
class JxTypeConverter : public TypeConverter {
public:
  JxTypeConverter() {
    addConversion([](Type type) { return convertJxType(type); });
    auto materializeCast = [](OpBuilder &builder, Type type, ValueRange inputs,
                              Location loc) -> Value {
      return UnrealizedConversionCastOp::create(builder, loc, type, inputs)
          .getResult(0);
    };
    addSourceMaterialization(materializeCast);
    addTargetMaterialization(materializeCast);
  }
};

/// Holds the `JxTypeConverter` of one pattern; the first base of
/// `JxOpConversionPattern`, so the converter exists before the pattern base
/// stores its address.
struct JxTypeConverterHolder {
  JxTypeConverter jxTypeConverter;
};

/// An OpConversionPattern that owns a `JxTypeConverter`. The populate
/// functions take no converter, and one shared across contexts would be
/// wrong (its cache keys on `Type`s, which die with their context), so each
/// pattern carries its own: the framework then hands it converted operands
/// and casts its results where they meet ops that stay legal.
template <typename OpTy>
class JxOpConversionPattern : private JxTypeConverterHolder,
                              public OpConversionPattern<OpTy> {
public:
  explicit JxOpConversionPattern(MLIRContext *context,
                                 PatternBenefit benefit = 1)
      : JxTypeConverterHolder(), OpConversionPattern<OpTy>(jxTypeConverter,
                                                           context, benefit) {}
};

//===----------------------------------------------------------------------===//
// Builders
//===----------------------------------------------------------------------===//

/// A scalar constant of integer or float `type` (signless).
inline Value createScalarConstant(OpBuilder &b, Location loc, Type type,
                                  double value) {
  if (isa<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, static_cast<int64_t>(value)));
}

/// `arith.constant <value> : index`.
inline Value createIndexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// The `index` values of the dynamic dimensions of `tensor`, in order.
inline SmallVector<Value> getDynamicDimSizes(OpBuilder &b, Location loc,
                                             Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<Value> sizes;
  for (auto [dim, size] : llvm::enumerate(type.getShape()))
    if (ShapedType::isDynamic(size))
      sizes.push_back(tensor::DimOp::create(b, loc, tensor, dim));
  return sizes;
}

/// `tensor.empty` of `type`, its dynamic sizes taken from `dynamicSizes`.
inline Value createEmptyTensor(OpBuilder &b, Location loc,
                               RankedTensorType type, ValueRange dynamicSizes) {
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamicSizes);
}

/// `tensor.empty` with the shape of `like` and element type `elementType`.
inline Value createEmptyTensorLike(OpBuilder &b, Location loc, Value like,
                                   Type elementType) {
  auto type = cast<RankedTensorType>(like.getType());
  return createEmptyTensor(b, loc, type.clone(elementType),
                           getDynamicDimSizes(b, loc, like));
}

/// The element of a rank-0 tensor.
inline Value extractScalar(OpBuilder &b, Location loc, Value rank0Tensor) {
  return tensor::ExtractOp::create(b, loc, rank0Tensor, ValueRange{});
}

/// `value` as an `index`: sign-extended, or zero-extended when `isUnsigned`.
inline Value castToIndex(OpBuilder &b, Location loc, Value value,
                         bool isUnsigned) {
  Type indexType = b.getIndexType();
  if (isUnsigned)
    return arith::IndexCastUIOp::create(b, loc, indexType, value);
  return arith::IndexCastOp::create(b, loc, indexType, value);
}

/// Computes one element of an elementwise op from the scalar elements of its
/// inputs.
using ScalarBodyBuilder =
    llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// An all-parallel `linalg.generic` writing a `tensor.empty` of `resultType`
/// whose dynamic sizes are those of `shapeSource`. Inputs of the result's
/// rank are read at the same index; rank-0 inputs are broadcast.
inline Value createElementwiseGeneric(OpBuilder &b, Location loc,
                                      RankedTensorType resultType,
                                      ValueRange inputs, Value shapeSource,
                                      ScalarBodyBuilder bodyBuilder) {
  int64_t rank = resultType.getRank();
  Value init = createEmptyTensor(b, loc, resultType,
                                 getDynamicDimSizes(b, loc, shapeSource));
  SmallVector<AffineMap> maps;
  for (Value input : inputs) {
    int64_t inputRank = cast<RankedTensorType>(input.getType()).getRank();
    maps.push_back(inputRank == rank
                       ? b.getMultiDimIdentityMap(rank)
                       : AffineMap::get(rank, 0, {}, b.getContext()));
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = bodyBuilder(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

} // namespace jx
} // namespace mlir

#endif // JX_LIB_CONVERSION_JXTOLINALG_CONVERSIONUTILS_H
