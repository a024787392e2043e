//===- JxShapeOps.cpp - shape, indexing and reduction ops ----------------===//
//
// Verifiers and folders of broadcast_in_dim, reshape, transpose, the slicing
// ops, gather/scatter, concatenate, pad, reverse, reduce, dot_general,
// cumulative and dim.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "JxOpsCommon.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::util;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

/// The product of a static shape, or nullopt when some dimension is dynamic.
static std::optional<int64_t> staticElementCount(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (ShapedType::isDynamic(d))
      return std::nullopt;
    n *= d;
  }
  return n;
}

static bool isIdentity(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (static_cast<int64_t>(i) != p)
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// BroadcastInDimOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastInDimOp::verify() {
  auto operand = getOperand().getType();
  auto result = getType();
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  if (failed(verifySameElementType(*this, operand, result)))
    return failure();
  if (static_cast<int64_t>(dims.size()) != operand.getRank())
    return emitOpError() << "broadcast_dimensions " << formatList(dims)
                         << " has " << dims.size()
                         << " entries but the operand has rank "
                         << operand.getRank();
  if (failed(
          verifyDimList(*this, dims, result.getRank(), "broadcast_dimensions")))
    return failure();
  for (auto [i, d] : llvm::enumerate(dims)) {
    int64_t from = operand.getDimSize(i);
    int64_t to = result.getDimSize(d);
    if (!ShapedType::isDynamic(from) && from != 1 && !dimsCompatible(from, to))
      return emitOpError() << "operand dimension " << i << " of size " << from
                           << " cannot broadcast to result dimension " << d
                           << " of size " << to;
  }
  return verifyDynamicDimCount(*this, result, getDynamicDims());
}

OpFoldResult BroadcastInDimOp::fold(FoldAdaptor) {
  auto type = getType();
  if (getOperand().getType() == type && type.hasStaticShape() &&
      isIdentity(getBroadcastDimensions()))
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto operand = getOperand().getType();
  auto result = getType();
  if (failed(verifySameElementType(*this, operand, result)))
    return failure();
  auto from = staticElementCount(operand.getShape());
  auto to = staticElementCount(result.getShape());
  if (from && to && *from != *to)
    return emitOpError() << "cannot reshape " << *from << " elements "
                         << formatShape(operand.getShape()) << " into " << *to
                         << " elements " << formatShape(result.getShape());
  return verifyDynamicDimCount(*this, result, getDynamicDims());
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getType() && getType().hasStaticShape())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::verify() {
  auto operand = getOperand().getType();
  auto result = getType();
  ArrayRef<int64_t> perm = getPermutation();
  int64_t rank = operand.getRank();
  if (failed(verifySameElementType(*this, operand, result)))
    return failure();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOpError() << "permutation " << formatList(perm) << " has "
                         << perm.size() << " entries but the operand has rank "
                         << rank;
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t p : perm)
    if (p < 0 || p >= rank || !seen.insert(p).second)
      return emitOpError() << "permutation " << formatList(perm)
                           << " is not a permutation of 0.." << rank - 1;
  SmallVector<int64_t> expected;
  for (int64_t p : perm)
    expected.push_back(operand.getDimSize(p));
  return verifyResultShape(*this, expected, result);
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  if (isIdentity(getPermutation()) && getOperand().getType() == getType())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::verify() {
  auto operand = getOperand().getType();
  auto result = getType();
  int64_t rank = operand.getRank();
  ArrayRef<int64_t> start = getStartIndices();
  ArrayRef<int64_t> limit = getLimitIndices();
  ArrayRef<int64_t> stride = getStrides();
  if (failed(verifySameElementType(*this, operand, result)))
    return failure();
  if (static_cast<int64_t>(start.size()) != rank ||
      static_cast<int64_t>(limit.size()) != rank ||
      static_cast<int64_t>(stride.size()) != rank)
    return emitOpError() << "start, limit and stride need " << rank
                         << " entries each (the operand rank), got "
                         << start.size() << ", " << limit.size() << " and "
                         << stride.size();
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = operand.getDimSize(d);
    if (start[d] < 0 || start[d] > limit[d] ||
        (!ShapedType::isDynamic(size) && limit[d] > size))
      return emitOpError() << "slice " << start[d] << ":" << limit[d]
                           << " of dimension " << d << " is out of bounds [0, "
                           << (ShapedType::isDynamic(size)
                                   ? std::string("?")
                                   : std::to_string(size))
                           << "]";
    if (stride[d] < 1)
      return emitOpError() << "stride " << stride[d] << " of dimension " << d
                           << " is not positive";
    expected.push_back(llvm::divideCeil(limit[d] - start[d], stride[d]));
  }
  return verifyResultShape(*this, expected, result);
}

//===----------------------------------------------------------------------===//
// DynamicSliceOp, DynamicUpdateSliceOp
//===----------------------------------------------------------------------===//

LogicalResult DynamicSliceOp::verify() {
  auto operand = getOperand().getType();
  auto result = getType();
  int64_t rank = operand.getRank();
  ArrayRef<int64_t> sizes = getSliceSizes();
  if (failed(verifySameElementType(*this, operand, result)))
    return failure();
  if (static_cast<int64_t>(getStartIndices().size()) != rank)
    return emitOpError() << "expects " << rank
                         << " start indices (the operand rank), got "
                         << getStartIndices().size();
  if (static_cast<int64_t>(sizes.size()) != rank)
    return emitOpError() << "slice_sizes " << formatList(sizes) << " has "
                         << sizes.size() << " entries but the operand has rank "
                         << rank;
  SmallVector<int64_t> expected;
  int64_t numDynamic = 0;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = sizes[d];
    int64_t bound = operand.getDimSize(d);
    if (size == -1) {
      ++numDynamic;
      expected.push_back(kDynamic);
      if (!result.isDynamicDim(d))
        return emitOpError() << "result dimension " << d
                             << " must be dynamic for slice size -1";
      continue;
    }
    if (size < 0 || (!ShapedType::isDynamic(bound) && size > bound))
      return emitOpError() << "slice size " << size << " of dimension " << d
                           << " does not fit the operand dimension of size "
                           << (ShapedType::isDynamic(bound)
                                   ? std::string("?")
                                   : std::to_string(bound));
    expected.push_back(size);
  }
  if (static_cast<int64_t>(getDynamicSizes().size()) != numDynamic)
    return emitOpError() << "expects " << numDynamic
                         << " 'sizes' operand(s), one per slice size -1, but "
                            "got "
                         << getDynamicSizes().size();
  return verifyResultShape(*this, expected, result);
}

LogicalResult DynamicUpdateSliceOp::verify() {
  auto operand = getOperand().getType();
  auto update = getUpdate().getType();
  int64_t rank = operand.getRank();
  if (failed(verifySameElementType(*this, operand, update)))
    return failure();
  if (update.getRank() != rank)
    return emitOpError() << "update rank " << update.getRank()
                         << " does not match operand rank " << rank;
  if (static_cast<int64_t>(getStartIndices().size()) != rank)
    return emitOpError() << "expects " << rank
                         << " start indices (the operand rank), got "
                         << getStartIndices().size();
  for (int64_t d = 0; d < rank; ++d) {
    int64_t u = update.getDimSize(d), o = operand.getDimSize(d);
    if (!ShapedType::isDynamic(u) && !ShapedType::isDynamic(o) && u > o)
      return emitOpError() << "update dimension " << d << " of size " << u
                           << " is larger than the operand's (" << o << ")";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// GatherOp, ScatterOp
//===----------------------------------------------------------------------===//

/// The number of components of each index vector (1 when the index vector
/// dimension is implicit), or kDynamic.
static int64_t indexVectorSize(RankedTensorType indices, int64_t ivd) {
  return ivd == indices.getRank() ? 1 : indices.getDimSize(ivd);
}

/// The shape of `indices` without the index vector dimension.
static SmallVector<int64_t> batchShape(RankedTensorType indices, int64_t ivd) {
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < indices.getRank(); ++d)
    if (d != ivd)
      shape.push_back(indices.getDimSize(d));
  return shape;
}

/// Checks `index_vector_dim` and that `map` covers one index vector.
static LogicalResult verifyIndexVector(Operation *op, RankedTensorType indices,
                                       int64_t ivd, ArrayRef<int64_t> map,
                                       int64_t operandRank, StringRef mapName) {
  if (ivd < 0 || ivd > indices.getRank())
    return op->emitOpError()
           << "index_vector_dim " << ivd
           << " is out of range for indices of rank " << indices.getRank();
  int64_t vectorSize = indexVectorSize(indices, ivd);
  if (!ShapedType::isDynamic(vectorSize) &&
      static_cast<int64_t>(map.size()) != vectorSize)
    return op->emitOpError()
           << mapName << " " << formatList(map) << " has " << map.size()
           << " entries but index vectors have " << vectorSize;
  return verifyDimList(op, map, operandRank, mapName);
}

LogicalResult GatherOp::verify() {
  auto operand = getOperand().getType();
  auto indices = getStartIndices().getType();
  auto result = getType();
  GatherDimensionNumbersAttr dn = getDimensionNumbers();
  ArrayRef<int64_t> sizes = getSliceSizes();
  int64_t rank = operand.getRank();
  if (failed(verifySameElementType(*this, operand, result)))
    return failure();
  if (static_cast<int64_t>(sizes.size()) != rank)
    return emitOpError() << "slice_sizes " << formatList(sizes) << " has "
                         << sizes.size() << " entries but the operand has rank "
                         << rank;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t bound = operand.getDimSize(d);
    if (sizes[d] < 0 || (!ShapedType::isDynamic(bound) && sizes[d] > bound))
      return emitOpError() << "slice size " << sizes[d] << " of dimension " << d
                           << " does not fit the operand";
  }
  if (failed(verifySortedDimList(*this, dn.getCollapsedSliceDims(), rank,
                                 "collapsed_slice_dims")))
    return failure();
  for (int64_t d : dn.getCollapsedSliceDims())
    if (sizes[d] != 1)
      return emitOpError() << "collapsed dimension " << d << " has slice size "
                           << sizes[d] << ", not 1";
  if (failed(verifyIndexVector(*this, indices, dn.getIndexVectorDim(),
                               dn.getStartIndexMap(), rank, "start_index_map")))
    return failure();
  SmallVector<int64_t> batch = batchShape(indices, dn.getIndexVectorDim());
  ArrayRef<int64_t> offsetDims = dn.getOffsetDims();
  int64_t numOffset = rank - dn.getCollapsedSliceDims().size();
  if (static_cast<int64_t>(offsetDims.size()) != numOffset)
    return emitOpError() << "offset_dims " << formatList(offsetDims)
                         << " needs one entry per uncollapsed operand "
                            "dimension ("
                         << numOffset << ")";
  int64_t resultRank = batch.size() + offsetDims.size();
  if (failed(verifySortedDimList(*this, offsetDims, resultRank, "offset_dims")))
    return failure();
  SmallVector<int64_t> expected(resultRank);
  auto batchIt = batch.begin();
  SmallVector<int64_t> windowSizes;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(dn.getCollapsedSliceDims(), d))
      windowSizes.push_back(sizes[d]);
  auto windowIt = windowSizes.begin();
  for (int64_t d = 0; d < resultRank; ++d)
    expected[d] = llvm::is_contained(offsetDims, d) ? *windowIt++ : *batchIt++;
  return verifyResultShape(*this, expected, result);
}

LogicalResult ScatterOp::verify() {
  auto operand = getOperand().getType();
  auto indices = getScatterIndices().getType();
  auto updates = getUpdates().getType();
  ScatterDimensionNumbersAttr dn = getDimensionNumbers();
  int64_t rank = operand.getRank();
  if (failed(verifySameElementType(*this, operand, updates)))
    return failure();
  ArrayRef<int64_t> windowDims = dn.getUpdateWindowDims();
  ArrayRef<int64_t> inserted = dn.getInsertedWindowDims();
  if (failed(verifySortedDimList(*this, windowDims, updates.getRank(),
                                 "update_window_dims")) ||
      failed(
          verifySortedDimList(*this, inserted, rank, "inserted_window_dims")))
    return failure();
  if (static_cast<int64_t>(windowDims.size() + inserted.size()) != rank)
    return emitOpError() << "update_window_dims and inserted_window_dims "
                            "must cover the operand rank "
                         << rank << ", got " << windowDims.size() << " + "
                         << inserted.size();
  if (failed(verifyIndexVector(*this, indices, dn.getIndexVectorDim(),
                               dn.getScatterDimsToOperandDims(), rank,
                               "scatter_dims_to_operand_dims")))
    return failure();
  SmallVector<int64_t> batch = batchShape(indices, dn.getIndexVectorDim());
  SmallVector<int64_t> updateBatch, window;
  for (int64_t d = 0; d < updates.getRank(); ++d)
    (llvm::is_contained(windowDims, d) ? window : updateBatch)
        .push_back(updates.getDimSize(d));
  if (!shapesCompatible(batch, updateBatch))
    return emitOpError() << "update scatter dimensions "
                         << formatShape(updateBatch)
                         << " do not match the index batch shape "
                         << formatShape(batch);
  auto windowIt = window.begin();
  for (int64_t d = 0; d < rank; ++d) {
    if (llvm::is_contained(inserted, d))
      continue;
    int64_t w = *windowIt++, o = operand.getDimSize(d);
    if (!ShapedType::isDynamic(w) && !ShapedType::isDynamic(o) && w > o)
      return emitOpError() << "update window of size " << w
                           << " is larger than operand dimension " << d << " ("
                           << o << ")";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ConcatenateOp, PadOp, ReverseOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatenateOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  auto first = cast<RankedTensorType>(getInputs().front().getType());
  auto result = getType();
  int64_t rank = first.getRank();
  int64_t dim = getDimension();
  if (failed(verifySameElementType(*this, first, result)))
    return failure();
  if (dim < 0 || dim >= rank)
    return emitOpError() << "dimension " << dim << " is out of range for rank "
                         << rank;
  SmallVector<int64_t> expected(first.getShape());
  expected[dim] = 0;
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    auto type = cast<RankedTensorType>(input.getType());
    if (type.getRank() != rank)
      return emitOpError() << "input #" << i << " has rank " << type.getRank()
                           << " but input #0 has rank " << rank;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = type.getDimSize(d);
      if (d == dim) {
        expected[d] =
            ShapedType::isDynamic(size) || ShapedType::isDynamic(expected[d])
                ? kDynamic
                : expected[d] + size;
      } else if (!dimsCompatible(size, expected[d])) {
        return emitOpError() << "input #" << i << " has shape "
                             << formatShape(type.getShape())
                             << " which does not match input #0 outside "
                                "dimension "
                             << dim;
      } else if (ShapedType::isDynamic(expected[d])) {
        expected[d] = size;
      }
    }
  }
  return verifyResultShape(*this, expected, result);
}

LogicalResult PadOp::verify() {
  auto operand = getOperand().getType();
  auto padding = getPaddingValue().getType();
  auto result = getType();
  int64_t rank = operand.getRank();
  if (failed(verifySameElementType(*this, operand, result)))
    return failure();
  if (padding.getRank() != 0 ||
      padding.getElementType() != operand.getElementType())
    return emitOpError() << "padding value must be a rank-0 tensor of "
                         << operand.getElementType() << ", got " << padding;
  ArrayRef<int64_t> low = getEdgePaddingLow(), high = getEdgePaddingHigh(),
                    interior = getInteriorPadding();
  if (static_cast<int64_t>(low.size()) != rank ||
      static_cast<int64_t>(high.size()) != rank ||
      static_cast<int64_t>(interior.size()) != rank)
    return emitOpError() << "low, high and interior need " << rank
                         << " entries each (the operand rank)";
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    if (interior[d] < 0)
      return emitOpError() << "interior padding " << interior[d]
                           << " of dimension " << d << " is negative";
    int64_t size = operand.getDimSize(d);
    if (ShapedType::isDynamic(size)) {
      expected.push_back(kDynamic);
      continue;
    }
    int64_t padded =
        low[d] + high[d] + size + std::max<int64_t>(size - 1, 0) * interior[d];
    if (padded < 0)
      return emitOpError() << "padding gives dimension " << d
                           << " a negative size " << padded;
    expected.push_back(padded);
  }
  return verifyResultShape(*this, expected, result);
}

LogicalResult ReverseOp::verify() {
  return verifyDimList(*this, getDimensions(), getType().getRank(),
                       "dimensions");
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::verify() {
  auto operand = getOperand().getType();
  auto result = getType();
  ArrayRef<int64_t> dims = getDimensions();
  ReduceKind kind = getKind();
  Type element = operand.getElementType();
  if (failed(verifyDimList(*this, dims, operand.getRank(), "dimensions")))
    return failure();
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < operand.getRank(); ++d)
    if (!llvm::is_contained(dims, d))
      expected.push_back(operand.getDimSize(d));
  switch (kind) {
  case ReduceKind::ArgMax:
  case ReduceKind::ArgMin:
    if (dims.size() != 1)
      return emitOpError() << "'" << stringifyReduceKind(kind)
                           << "' reduces exactly one dimension, got "
                           << formatList(dims);
    if (!result.getElementType().isSignlessInteger(32) &&
        !result.getElementType().isSignlessInteger(64))
      return emitOpError() << "'" << stringifyReduceKind(kind)
                           << "' gives i32 or i64 indices, not "
                           << result.getElementType();
    if (element.isInteger(1))
      return emitOpError() << "'" << stringifyReduceKind(kind)
                           << "' needs a numeric operand, got " << element;
    break;
  case ReduceKind::And:
  case ReduceKind::Or:
    if (!isa<IntegerType>(element))
      return emitOpError() << "'" << stringifyReduceKind(kind)
                           << "' needs a bool or integer operand, got "
                           << element;
    [[fallthrough]];
  default:
    if (failed(verifySameElementType(*this, operand, result)))
      return failure();
    if ((kind == ReduceKind::Sum || kind == ReduceKind::Prod) &&
        element.isInteger(1))
      return emitOpError() << "'" << stringifyReduceKind(kind)
                           << "' needs a numeric operand, got i1";
    break;
  }
  return verifyResultShape(*this, expected, result);
}

//===----------------------------------------------------------------------===//
// DotGeneralOp
//===----------------------------------------------------------------------===//

LogicalResult DotGeneralOp::verify() {
  auto lhs = getLhs().getType();
  auto rhs = getRhs().getType();
  auto result = getType();
  ArrayRef<int64_t> lb = getLhsBatchingDimensions(),
                    rb = getRhsBatchingDimensions(),
                    lc = getLhsContractingDimensions(),
                    rc = getRhsContractingDimensions();
  if (lhs.getElementType() != rhs.getElementType())
    return emitOpError() << "operand element types " << lhs.getElementType()
                         << " and " << rhs.getElementType() << " differ";
  if (failed(verifySameElementType(*this, lhs, result)))
    return failure();
  if (lb.size() != rb.size())
    return emitOpError() << "batching dimensions " << formatList(lb) << " x "
                         << formatList(rb) << " differ in length";
  if (lc.size() != rc.size())
    return emitOpError() << "contracting dimensions " << formatList(lc) << " x "
                         << formatList(rc) << " differ in length";
  SmallVector<int64_t> lhsUsed(lb), rhsUsed(rb);
  llvm::append_range(lhsUsed, lc);
  llvm::append_range(rhsUsed, rc);
  if (failed(verifyDimList(*this, lhsUsed, lhs.getRank(),
                           "lhs batching and contracting dimensions")) ||
      failed(verifyDimList(*this, rhsUsed, rhs.getRank(),
                           "rhs batching and contracting dimensions")))
    return failure();
  for (auto [l, r] : llvm::zip_equal(lhsUsed, rhsUsed))
    if (!dimsCompatible(lhs.getDimSize(l), rhs.getDimSize(r)))
      return emitOpError() << "lhs dimension " << l << " of size "
                           << lhs.getDimSize(l) << " does not match rhs "
                           << "dimension " << r << " of size "
                           << rhs.getDimSize(r);
  SmallVector<int64_t> expected;
  for (int64_t d : lb)
    expected.push_back(lhs.getDimSize(d));
  for (int64_t d = 0; d < lhs.getRank(); ++d)
    if (!llvm::is_contained(lhsUsed, d))
      expected.push_back(lhs.getDimSize(d));
  for (int64_t d = 0; d < rhs.getRank(); ++d)
    if (!llvm::is_contained(rhsUsed, d))
      expected.push_back(rhs.getDimSize(d));
  return verifyResultShape(*this, expected, result);
}

//===----------------------------------------------------------------------===//
// CumulativeOp, DimOp
//===----------------------------------------------------------------------===//

LogicalResult CumulativeOp::verify() {
  int64_t rank = getType().getRank();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  return success();
}

LogicalResult DimOp::verify() {
  int64_t rank = getOperand().getType().getRank();
  int64_t index = getIndex();
  if (index < 0 || index >= rank)
    return emitOpError() << "dimension " << index
                         << " is out of range for rank " << rank;
  return success();
}

OpFoldResult DimOp::fold(FoldAdaptor) {
  auto type = getOperand().getType();
  int64_t index = getIndex();
  if (index < 0 || index >= type.getRank() || type.isDynamicDim(index))
    return {};
  return IntegerAttr::get(IndexType::get(getContext()), type.getDimSize(index));
}
