//===- MLIRGenLibraryUtil.cpp - Shapes, index arithmetic, gathers ---------===//
//
// Helpers shared by the array-library lowering (MLIRGenBuiltins.cpp,
// MLIRGenLibrary*.cpp) and by indexing (MLIRGenIndexing.cpp).
//
// Many library results have sizes that Sema derived and that no value of the
// function carries yet (`x[1:]` is `n-1`, `ravel` of `f32[n, 3]` is `3*n`),
// so the lowering computes sizes itself, as IndexValues: constants stay
// compile-time integers (and static dims stay static), the rest are `index`
// values computed with `arith` from `jx.dim` of the operands.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace jx;
using mlir::RankedTensorType;
using mlir::ShapedType;
using mlir::Value;
namespace arith = mlir::arith;
namespace dialect = mlir::jx;

//===----------------------------------------------------------------------===//
// Index arithmetic
//===----------------------------------------------------------------------===//

Value MLIRGenerator::materialize(const IndexValue &v, SourceLoc at) {
  if (v.constant)
    return arith::ConstantIndexOp::create(builder, loc(at), *v.constant);
  return v.value;
}

IndexValue MLIRGenerator::indexAdd(const IndexValue &a, const IndexValue &b,
                                   SourceLoc at) {
  if (a.constant && b.constant)
    return IndexValue::of(*a.constant + *b.constant);
  if (a.isConstant(0))
    return b;
  if (b.isConstant(0))
    return a;
  return IndexValue::of(arith::AddIOp::create(
      builder, loc(at), materialize(a, at), materialize(b, at)));
}

IndexValue MLIRGenerator::indexSub(const IndexValue &a, const IndexValue &b,
                                   SourceLoc at) {
  if (a.constant && b.constant)
    return IndexValue::of(*a.constant - *b.constant);
  if (b.isConstant(0))
    return a;
  return IndexValue::of(arith::SubIOp::create(
      builder, loc(at), materialize(a, at), materialize(b, at)));
}

IndexValue MLIRGenerator::indexMul(const IndexValue &a, const IndexValue &b,
                                   SourceLoc at) {
  if (a.constant && b.constant)
    return IndexValue::of(*a.constant * *b.constant);
  if (a.isConstant(1))
    return b;
  if (b.isConstant(1))
    return a;
  if (a.isConstant(0) || b.isConstant(0))
    return IndexValue::of(0);
  return IndexValue::of(arith::MulIOp::create(
      builder, loc(at), materialize(a, at), materialize(b, at)));
}

IndexValue MLIRGenerator::indexMin(const IndexValue &a, const IndexValue &b,
                                   SourceLoc at) {
  if (a.constant && b.constant)
    return IndexValue::of(std::min(*a.constant, *b.constant));
  return IndexValue::of(arith::MinSIOp::create(
      builder, loc(at), materialize(a, at), materialize(b, at)));
}

IndexValue MLIRGenerator::indexMax(const IndexValue &a, const IndexValue &b,
                                   SourceLoc at) {
  if (a.constant && b.constant)
    return IndexValue::of(std::max(*a.constant, *b.constant));
  return IndexValue::of(arith::MaxSIOp::create(
      builder, loc(at), materialize(a, at), materialize(b, at)));
}

IndexValue MLIRGenerator::indexFloorDiv(const IndexValue &a,
                                        const IndexValue &b, SourceLoc at) {
  if (a.constant && b.constant && *b.constant != 0) {
    int64_t q = *a.constant / *b.constant;
    if ((*a.constant % *b.constant != 0) &&
        ((*a.constant < 0) != (*b.constant < 0)))
      --q;
    return IndexValue::of(q);
  }
  if (b.isConstant(1))
    return a;
  return IndexValue::of(arith::FloorDivSIOp::create(
      builder, loc(at), materialize(a, at), materialize(b, at)));
}

IndexValue MLIRGenerator::indexProduct(llvm::ArrayRef<IndexValue> values,
                                       SourceLoc at) {
  IndexValue p = IndexValue::of(1);
  for (const IndexValue &v : values)
    p = indexMul(p, v, at);
  return p;
}

IndexValue MLIRGenerator::indexWrapNegative(const IndexValue &v,
                                            const IndexValue &size,
                                            SourceLoc at) {
  if (v.constant && *v.constant >= 0)
    return v;
  if (v.constant)
    return indexAdd(v, size, at);
  mlir::Location l = loc(at);
  Value zero = arith::ConstantIndexOp::create(builder, l, 0);
  Value negative = arith::CmpIOp::create(builder, l, arith::CmpIPredicate::slt,
                                         v.value, zero);
  Value wrapped =
      arith::AddIOp::create(builder, l, v.value, materialize(size, at));
  return IndexValue::of(
      arith::SelectOp::create(builder, l, negative, wrapped, v.value));
}

//===----------------------------------------------------------------------===//
// Sizes of values
//===----------------------------------------------------------------------===//

IndexValue MLIRGenerator::dimOf(Value tensor, unsigned axis, SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(axis))
    return IndexValue::of(type.getDimSize(axis));
  return IndexValue::of(dialect::DimOp::create(builder, loc(at), tensor,
                                               static_cast<int64_t>(axis)));
}

IndexShape MLIRGenerator::dimsOf(Value tensor, SourceLoc at) {
  IndexShape dims;
  auto type = llvm::cast<RankedTensorType>(tensor.getType());
  for (unsigned i = 0; i < type.getRank(); ++i)
    dims.push_back(dimOf(tensor, i, at));
  return dims;
}

std::optional<IndexValue> MLIRGenerator::knownDim(const Dim &dim,
                                                  SourceLoc at) {
  if (dim.isStatic())
    return IndexValue::of(dim.size);
  if (!fn || !dim.var || !fn->sizes.count(dim.var))
    return std::nullopt;
  return IndexValue::of(dimValue(dim, at));
}

IndexShape MLIRGenerator::knownDims(llvm::ArrayRef<Dim> shape, SourceLoc at) {
  IndexShape dims;
  for (const Dim &d : shape) {
    if (std::optional<IndexValue> v = knownDim(d, at))
      dims.push_back(*v);
    else // Reports the internal error.
      dims.push_back(IndexValue::of(dimValue(d, at)));
  }
  return dims;
}

IndexValue MLIRGenerator::scalarToIndex(Value scalar, SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(scalar.getType());
  mlir::Type element = type.getElementType();
  // to_index takes i32, i64 and ui32 (any 32- or 64-bit integer).
  if (!element.isInteger(32) && !element.isInteger(64))
    scalar = convertElement(scalar, builder.getI64Type(), at);
  return IndexValue::of(dialect::ToIndexOp::create(
      builder, loc(at), builder.getIndexType(), scalar));
}

Value MLIRGenerator::indexToScalar(const IndexValue &v, DType dtype,
                                   SourceLoc at) {
  if (v.constant)
    return constantScalarInt(dtype, *v.constant, at);
  Value i64 = dialect::FromIndexOp::create(
      builder, loc(at), RankedTensorType::get({}, builder.getI64Type()),
      v.value);
  return convert(i64, dtype, at);
}

RankedTensorType MLIRGenerator::shapedType(mlir::Type element,
                                           llvm::ArrayRef<IndexValue> shape) {
  llvm::SmallVector<int64_t> dims;
  for (const IndexValue &d : shape)
    dims.push_back(d.constant ? *d.constant : ShapedType::kDynamic);
  return RankedTensorType::get(dims, element);
}

llvm::SmallVector<Value>
MLIRGenerator::dynamicSizes(llvm::ArrayRef<IndexValue> shape, SourceLoc at) {
  llvm::SmallVector<Value> sizes;
  for (const IndexValue &d : shape)
    if (!d.constant)
      sizes.push_back(d.value);
  return sizes;
}

//===----------------------------------------------------------------------===//
// Shape ops on IndexShapes
//===----------------------------------------------------------------------===//

Value MLIRGenerator::broadcastDims(Value v, llvm::ArrayRef<IndexValue> shape,
                                   llvm::ArrayRef<int64_t> dims, SourceLoc at) {
  auto from = llvm::cast<RankedTensorType>(v.getType());
  RankedTensorType type = shapedType(from.getElementType(), shape);
  // Dynamic dims never stretch (Sema only broadcasts a dim that is 1), so an
  // identity mapping between equal types changes nothing.
  bool identity = from == type;
  for (auto [i, d] : llvm::enumerate(dims))
    identity &= static_cast<int64_t>(i) == d;
  if (identity)
    return v;
  return dialect::BroadcastInDimOp::create(builder, loc(at), type, v, dims,
                                           dynamicSizes(shape, at));
}

Value MLIRGenerator::broadcastShape(Value v, llvm::ArrayRef<IndexValue> shape,
                                    SourceLoc at) {
  auto from = llvm::cast<RankedTensorType>(v.getType());
  unsigned offset = shape.size() - from.getRank();
  llvm::SmallVector<int64_t> dims;
  for (unsigned i = 0; i < from.getRank(); ++i)
    dims.push_back(offset + i);
  return broadcastDims(v, shape, dims, at);
}

Value MLIRGenerator::reshapeShape(Value v, llvm::ArrayRef<IndexValue> shape,
                                  SourceLoc at) {
  auto from = llvm::cast<RankedTensorType>(v.getType());
  RankedTensorType type = shapedType(from.getElementType(), shape);
  // With at most one dynamic dim, equal types have equal shapes.
  if (from == type && type.getNumDynamicDims() <= 1)
    return v;
  return dialect::ReshapeOp::create(builder, loc(at), type, v,
                                    dynamicSizes(shape, at));
}

Value MLIRGenerator::flatten(Value v, SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  if (type.getRank() == 1)
    return v;
  IndexValue n = indexProduct(dimsOf(v, at), at);
  return reshapeShape(v, {n}, at);
}

Value MLIRGenerator::transposeValue(Value v, llvm::ArrayRef<int64_t> perm,
                                    SourceLoc at) {
  bool identity = true;
  for (auto [i, p] : llvm::enumerate(perm))
    identity &= static_cast<int64_t>(i) == p;
  if (identity)
    return v;
  auto type = llvm::cast<RankedTensorType>(v.getType());
  llvm::SmallVector<int64_t> dims;
  for (int64_t p : perm)
    dims.push_back(type.getDimSize(p));
  auto result = RankedTensorType::get(dims, type.getElementType());
  return dialect::TransposeOp::create(builder, loc(at), result, v, perm);
}

Value MLIRGenerator::iota(mlir::Type element, llvm::ArrayRef<IndexValue> shape,
                          unsigned dim, SourceLoc at) {
  return dialect::IotaOp::create(builder, loc(at), shapedType(element, shape),
                                 dim, dynamicSizes(shape, at));
}

Value MLIRGenerator::convertElement(Value v, mlir::Type element, SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  if (type.getElementType() == element)
    return v;
  return dialect::ConvertOp::create(builder, loc(at), type.clone(element), v);
}

Value MLIRGenerator::compare(Value a, Value b,
                             dialect::ComparisonDirection direction,
                             SourceLoc at) {
  return dialect::CompareOp::create(builder, loc(at), direction, a, b);
}

/// `value` as an attribute of the element type.
static mlir::Attribute elementAttr(mlir::OpBuilder &builder, mlir::Type element,
                                   double value) {
  if (auto f = llvm::dyn_cast<mlir::FloatType>(element))
    return builder.getFloatAttr(f, value);
  if (element.isInteger(1))
    return mlir::IntegerAttr::get(element, llvm::APInt(1, value != 0));
  return mlir::IntegerAttr::get(
      element,
      llvm::APInt(element.getIntOrFloatBitWidth(), static_cast<int64_t>(value),
                  /*isSigned=*/!element.isUnsignedInteger(),
                  /*implicitTrunc=*/true));
}

Value MLIRGenerator::scalarConstant(mlir::Type element, double value,
                                    SourceLoc at) {
  auto type = RankedTensorType::get({}, element);
  return dialect::ConstantOp::create(
      builder, loc(at),
      mlir::DenseElementsAttr::get(type, elementAttr(builder, element, value)));
}

Value MLIRGenerator::filledTensor(mlir::Type element, double value,
                                  llvm::ArrayRef<IndexValue> shape,
                                  SourceLoc at) {
  RankedTensorType type = shapedType(element, shape);
  if (!type.hasStaticShape())
    return broadcastDims(scalarConstant(element, value, at), shape, {}, at);
  return dialect::ConstantOp::create(
      builder, loc(at),
      mlir::DenseElementsAttr::get(type, elementAttr(builder, element, value)));
}

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

Value MLIRGenerator::wrapIndexArray(Value idx, const IndexValue &size,
                                    SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(idx.getType());
  mlir::Type element = type.getElementType();
  if (element.isUnsignedInteger())
    return idx;
  // Constant indices that are not negative stay as they are.
  if (auto constant = idx.getDefiningOp<dialect::ConstantOp>())
    if (auto values =
            llvm::dyn_cast<mlir::DenseIntElementsAttr>(constant.getValue()))
      if (llvm::all_of(values.getValues<llvm::APInt>(),
                       [](const llvm::APInt &v) { return !v.isNegative(); }))
        return idx;
  IndexShape shape = dimsOf(idx, at);
  Value zero = broadcastDims(scalarConstant(element, 0, at), shape, {}, at);
  DType dtype = element.isInteger(64) ? DType::I64 : DType::I32;
  Value n = broadcastDims(indexToScalar(size, dtype, at), shape, {}, at);
  Value negative = compare(idx, zero, dialect::ComparisonDirection::LT, at);
  Value wrapped = dialect::AddOp::create(builder, loc(at), type, idx, n);
  return dialect::SelectOp::create(builder, loc(at), type, negative, wrapped,
                                   idx);
}

Value MLIRGenerator::stackIndices(llvm::ArrayRef<Value> indices,
                                  llvm::ArrayRef<IndexValue> shape,
                                  SourceLoc at) {
  assert(!indices.empty() && "stackIndices needs an index array");
  IndexShape unitShape(shape.begin(), shape.end());
  unitShape.push_back(IndexValue::of(1));
  llvm::SmallVector<Value> columns;
  for (Value idx : indices)
    columns.push_back(reshapeShape(idx, unitShape, at));
  if (columns.size() == 1)
    return columns.front();
  IndexShape stacked(shape.begin(), shape.end());
  stacked.push_back(IndexValue::of(static_cast<int64_t>(indices.size())));
  auto element =
      llvm::cast<RankedTensorType>(indices.front().getType()).getElementType();
  return dialect::ConcatenateOp::create(builder, loc(at),
                                        shapedType(element, stacked), columns,
                                        static_cast<uint64_t>(shape.size()));
}

Value MLIRGenerator::gatherAxes(Value operand, llvm::ArrayRef<unsigned> axes,
                                llvm::ArrayRef<Value> indices,
                                llvm::ArrayRef<IndexValue> batch,
                                unsigned batchPos, SourceLoc at) {
  assert(!axes.empty() && axes.size() == indices.size() &&
         "gatherAxes needs one index array per axis");
  auto type = llvm::cast<RankedTensorType>(operand.getType());
  unsigned rank = type.getRank();
  IndexShape operandDims = dimsOf(operand, at);
  llvm::SmallVector<unsigned> others;
  for (unsigned d = 0; d < rank; ++d)
    if (!llvm::is_contained(axes, d))
      others.push_back(d);

  // The result: others[0..batchPos) ++ batch ++ others[batchPos..). Static
  // other axes are gather windows; a dynamic size cannot be written in
  // slice_sizes, so dynamic other axes are gathered one element at a time
  // (an iota index) and become batch dims of the indices.
  IndexShape resultShape, indexShape;
  llvm::SmallVector<int64_t> offsetDims, batchInIndex;
  llvm::SmallVector<std::pair<unsigned, unsigned>> pointAxes; // (axis, pos)
  auto addOther = [&](unsigned d) {
    if (operandDims[d].isConstant()) {
      offsetDims.push_back(resultShape.size());
    } else {
      pointAxes.push_back({d, static_cast<unsigned>(indexShape.size())});
      indexShape.push_back(operandDims[d]);
    }
    resultShape.push_back(operandDims[d]);
  };
  for (unsigned i = 0; i < others.size(); ++i) {
    if (i == batchPos)
      for (const IndexValue &b : batch) {
        batchInIndex.push_back(indexShape.size());
        indexShape.push_back(b);
        resultShape.push_back(b);
      }
    addOther(others[i]);
  }
  if (batchPos >= others.size())
    for (const IndexValue &b : batch) {
      batchInIndex.push_back(indexShape.size());
      indexShape.push_back(b);
      resultShape.push_back(b);
    }

  // One index vector component per indexed axis, then per point axis.
  llvm::SmallVector<Value> columns;
  llvm::SmallVector<int64_t> startMap, collapsed, sliceSizes;
  mlir::Type indexElement =
      llvm::cast<RankedTensorType>(indices.front().getType()).getElementType();
  for (auto [k, axis] : llvm::enumerate(axes)) {
    columns.push_back(pointAxes.empty() ? indices[k]
                                        : broadcastDims(indices[k], indexShape,
                                                        batchInIndex, at));
    startMap.push_back(axis);
  }
  for (auto [axis, pos] : pointAxes) {
    columns.push_back(iota(indexElement, indexShape, pos, at));
    startMap.push_back(axis);
  }
  collapsed.assign(startMap.begin(), startMap.end());
  llvm::sort(collapsed);
  for (unsigned d = 0; d < rank; ++d)
    sliceSizes.push_back(
        llvm::is_contained(collapsed, d) ? 1 : *operandDims[d].constant);
  Value stacked = columns.size() == 1 ? columns.front()
                                      : stackIndices(columns, indexShape, at);
  auto dn = dialect::GatherDimensionNumbersAttr::get(
      &context, offsetDims, collapsed, startMap,
      static_cast<int64_t>(indexShape.size()));
  return dialect::GatherOp::create(
      builder, loc(at), shapedType(type.getElementType(), resultShape), operand,
      stacked, dn, sliceSizes);
}
