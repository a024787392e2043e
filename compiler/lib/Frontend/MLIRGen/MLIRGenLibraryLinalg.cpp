//===- MLIRGenLibraryLinalg.cpp - dot, matmul, outer, trace, diag ---------===//
//
// Products are `jx.dot_general` in the result dtype (bool products are
// computed in i32 and compared with 0, since dot_general is numeric); trace
// masks the diagonal with iotas and sums; diag builds a matrix from a
// padded vector, or gathers the diagonal of a matrix.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

using namespace jx;
using mlir::RankedTensorType;
using mlir::Value;
namespace dialect = mlir::jx;

/// dot_general of `a` and `b` (converted to `dtype`, bool as i32) without
/// batch dims, contracting `lc` with `rc`; the result in `result`'s dtype.
static Value contract(MLIRGenerator &gen, Value a, Value b,
                      llvm::ArrayRef<int64_t> lc, llvm::ArrayRef<int64_t> rc,
                      DType dtype, SourceLoc at) {
  DType cd = gen.computeDType(dtype);
  a = gen.convert(a, cd, at);
  b = gen.convert(b, cd, at);
  auto at_ = llvm::cast<RankedTensorType>(a.getType());
  auto bt = llvm::cast<RankedTensorType>(b.getType());
  llvm::SmallVector<int64_t> dims;
  for (int64_t d = 0; d < at_.getRank(); ++d)
    if (!llvm::is_contained(lc, d))
      dims.push_back(at_.getDimSize(d));
  for (int64_t d = 0; d < bt.getRank(); ++d)
    if (!llvm::is_contained(rc, d))
      dims.push_back(bt.getDimSize(d));
  auto type = RankedTensorType::get(dims, at_.getElementType());
  Value r = dialect::DotGeneralOp::create(gen.builder, gen.loc(at), type, a, b,
                                          llvm::ArrayRef<int64_t>{},
                                          llvm::ArrayRef<int64_t>{}, lc, rc);
  return gen.convert(r, dtype, at);
}

std::optional<ValueTree> MLIRGenerator::genLinalg(LibCall &call) {
  llvm::StringRef fn = call.name;
  SourceLoc at = call.loc;
  mlir::Location l = loc(at);
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  if (!result)
    return fail(at, "internal error: '" + fn + "' without an array type");
  DType rd = result->getDType();

  if (fn == "dot" || fn == "matmul" || fn == "outer") {
    LibArg *aArg = call.get("a"), *bArg = call.get("b");
    auto *at_ = aArg ? llvm::dyn_cast_or_null<ArrayType>(aArg->type) : nullptr;
    auto *bt = bArg ? llvm::dyn_cast_or_null<ArrayType>(bArg->type) : nullptr;
    if (!at_ || !bt)
      return fail(at, "internal error: malformed call of '" + fn + "'");
    Value a = libArray(*aArg), b = libArray(*bArg);
    if (!a || !b)
      return std::nullopt;
    if (fn == "matmul") {
      if (rd == DType::Bool)
        return fail(at, "'matmul' of bool arrays is not supported yet");
      return ValueTree::ofLeaf(matmul(a, at_, b, bt, result, at));
    }
    if (fn == "outer")
      return ValueTree::ofLeaf(
          contract(*this, flatten(a, at), flatten(b, at), {}, {}, rd, at));
    // dot: a scalar operand multiplies.
    if (at_->isScalar() || bt->isScalar()) {
      DType cd = computeDType(rd);
      Value x = broadcastTo(convert(a, cd, at), at_->getShape(), cd,
                            result->getShape(), at);
      Value y = broadcastTo(convert(b, cd, at), bt->getShape(), cd,
                            result->getShape(), at);
      Value p = dialect::MulOp::create(builder, l, x.getType(), x, y);
      return ValueTree::ofLeaf(convert(p, rd, at));
    }
    int64_t lc = at_->getRank() - 1;
    int64_t rc = bt->getRank() == 1 ? 0 : bt->getRank() - 2;
    return ValueTree::ofLeaf(contract(*this, a, b, {lc}, {rc}, rd, at));
  }

  LibArg *xArg = call.get("x");
  auto *xType = xArg ? llvm::dyn_cast_or_null<ArrayType>(xArg->type) : nullptr;
  if (!xType)
    return fail(at, "internal error: malformed call of '" + fn + "'");
  Value x = libArray(*xArg);
  if (!x)
    return std::nullopt;
  unsigned rank = xType->getRank();
  mlir::Type i64 = builder.getI64Type();

  if (fn == "trace") {
    // sum over axis1, axis2 of x where j - i == offset.
    int64_t offset = libInt(call.get("offset")).value_or(0);
    auto axis = [&](llvm::StringRef name, int64_t dflt) -> unsigned {
      int64_t a = libInt(call.get(name)).value_or(dflt);
      return static_cast<unsigned>(a < 0 ? a + rank : a);
    };
    unsigned a1 = axis("axis1", 0), a2 = axis("axis2", 1);
    Value v = convert(x, rd, at);
    IndexShape dims = dimsOf(v, at);
    Value rows = iota(i64, dims, a1, at), cols = iota(i64, dims, a2, at);
    Value diff = dialect::SubOp::create(builder, l, rows.getType(), cols, rows);
    Value mask = compare(diff, filledTensor(i64, offset, dims, at),
                         dialect::ComparisonDirection::EQ, at);
    Value zero = filledTensor(elementType(rd), 0, dims, at);
    Value masked =
        dialect::SelectOp::create(builder, l, v.getType(), mask, v, zero);
    llvm::SmallVector<int64_t> reduced = {std::min(a1, a2), std::max(a1, a2)};
    return ValueTree::ofLeaf(
        dialect::ReduceOp::create(builder, l, tensorType(result),
                                  dialect::ReduceKind::Sum, masked, reduced));
  }

  if (fn == "diag") {
    int64_t k = libInt(call.get("k")).value_or(0);
    int64_t absK = k < 0 ? -k : k;
    Value v = convert(x, rd, at);
    if (rank == 1) {
      // A matrix of side n + |k| with v (padded) on diagonal k.
      Value padded = v;
      if (absK) {
        Value zero = scalarConstant(elementType(rd), 0, at);
        IndexValue n = indexAdd(dimOf(v, 0, at), IndexValue::of(absK), at);
        padded = dialect::PadOp::create(
            builder, l, shapedType(elementType(rd), {n}), v, zero,
            llvm::ArrayRef<int64_t>{0}, llvm::ArrayRef<int64_t>{absK},
            llvm::ArrayRef<int64_t>{0});
      }
      IndexValue side = dimOf(padded, 0, at);
      IndexShape dims = {side, side};
      Value rows = iota(i64, dims, 0, at), cols = iota(i64, dims, 1, at);
      Value diff =
          dialect::SubOp::create(builder, l, rows.getType(), cols, rows);
      Value mask = compare(diff, filledTensor(i64, k, dims, at),
                           dialect::ComparisonDirection::EQ, at);
      // Row i holds v[i] (k >= 0); column j holds v[j] (k < 0).
      Value spread = broadcastDims(padded, dims, {k >= 0 ? 0 : 1}, at);
      Value zero = filledTensor(elementType(rd), 0, dims, at);
      return ValueTree::ofLeaf(dialect::SelectOp::create(
          builder, l, spread.getType(), mask, spread, zero));
    }
    // The diagonal of a matrix: elements (i + max(-k, 0), i + max(k, 0)).
    IndexValue r = dimOf(v, 0, at), c = dimOf(v, 1, at);
    IndexValue len = k >= 0
                         ? indexMin(r, indexSub(c, IndexValue::of(k), at), at)
                         : indexMin(indexAdd(r, IndexValue::of(k), at), c, at);
    len = indexMax(len, IndexValue::of(0), at);
    IndexShape dims = {len};
    Value index = iota(i64, dims, 0, at);
    auto shifted = [&](int64_t by) -> Value {
      if (by == 0)
        return index;
      return dialect::AddOp::create(builder, l, index.getType(), index,
                                    filledTensor(i64, by, dims, at));
    };
    Value rowsIdx = shifted(std::max<int64_t>(-k, 0));
    Value colsIdx = shifted(std::max<int64_t>(k, 0));
    return ValueTree::ofLeaf(
        gatherAxes(v, {0, 1}, {rowsIdx, colsIdx}, dims, 0, at));
  }
  return fail(at, "built-in '" + fn + "' cannot be lowered yet");
}
