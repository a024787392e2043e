//===- MLIRGenLibraryReductions.cpp - sum, mean, argmax, cumsum, ... ------===//
//
// Reductions become `jx.reduce` over the normalized axes (`axis=` none, an
// int or a tuple; negative axes counted from the end), computed in the
// result dtype Sema chose; `keepdims` is a reshape. mean, var and std divide
// by element counts read from the dims (run-time values for size
// variables); cumsum and cumprod are `jx.cumulative`.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

using namespace jx;
using mlir::RankedTensorType;
using mlir::Value;
namespace dialect = mlir::jx;

/// `v` reduced over `axes` with `kind`, giving `element` elements.
static Value reduce(MLIRGenerator &gen, Value v, dialect::ReduceKind kind,
                    llvm::ArrayRef<unsigned> axes, mlir::Type element,
                    SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  llvm::SmallVector<int64_t> dims, kept;
  for (unsigned a : axes)
    dims.push_back(a);
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (!llvm::is_contained(axes, d))
      kept.push_back(type.getDimSize(d));
  auto result = RankedTensorType::get(kept, element);
  return dialect::ReduceOp::create(gen.builder, gen.loc(at), result, kind, v,
                                   dims);
}

std::optional<ValueTree> MLIRGenerator::genReduction(LibCall &call) {
  llvm::StringRef fn = call.name;
  SourceLoc at = call.loc;
  mlir::Location l = loc(at);
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  LibArg *xArg = call.get("x");
  auto *xType = xArg ? llvm::dyn_cast_or_null<ArrayType>(xArg->type) : nullptr;
  if (!result || !xType)
    return fail(at, "internal error: malformed call of '" + fn + "'");
  Value x = libArray(*xArg);
  if (!x)
    return std::nullopt;
  DType rd = result->getDType();
  mlir::Type element = elementType(rd);
  LibArg *axisArg = call.get("axis");
  bool allAxes = libIsNone(axisArg);
  bool keepdims = libBool(call.get("keepdims")).value_or(false);

  // Single-axis functions treat `axis=none` as the flattened array.
  if (fn == "cumsum" || fn == "cumprod") {
    std::optional<unsigned> axis =
        allAxes ? 0 : libAxis(axisArg, xType->getRank());
    if (!axis)
      return fail(at, "internal error: malformed 'axis' of '" + fn + "'");
    Value v = convert(allAxes ? flatten(x, at) : x, rd, at);
    auto kind = fn == "cumsum" ? dialect::CumulativeKind::Sum
                               : dialect::CumulativeKind::Prod;
    return ValueTree::ofLeaf(dialect::CumulativeOp::create(
        builder, l, v.getType(), kind, v, static_cast<uint64_t>(*axis)));
  }
  auto finish = [&](Value v) -> ValueTree {
    if (keepdims)
      v = reshapeTo(v, rd, result->getShape(), at);
    return ValueTree::ofLeaf(v);
  };
  if (fn == "argmax" || fn == "argmin") {
    std::optional<unsigned> axis =
        allAxes ? 0 : libAxis(axisArg, xType->getRank());
    if (!axis)
      return fail(at, "internal error: malformed 'axis' of '" + fn + "'");
    Value v = allAxes ? flatten(x, at) : x;
    // argmax needs numbers: false < true as 0 < 1.
    if (xType->getDType() == DType::Bool)
      v = convert(v, DType::I32, at);
    auto kind = fn == "argmax" ? dialect::ReduceKind::ArgMax
                               : dialect::ReduceKind::ArgMin;
    return finish(reduce(*this, v, kind, {*axis}, element, at));
  }

  llvm::SmallVector<unsigned, 4> axes = libAxes(axisArg, xType->getRank());
  auto reduceAll = [&](Value v, dialect::ReduceKind kind) {
    if (axes.empty())
      return v;
    return reduce(*this, v, kind, axes, element, at);
  };
  if (fn == "sum" || fn == "prod")
    return finish(
        reduceAll(convert(x, rd, at), fn == "sum" ? dialect::ReduceKind::Sum
                                                  : dialect::ReduceKind::Prod));
  if (fn == "any" || fn == "all")
    return finish(reduceAll(convert(x, DType::Bool, at),
                            fn == "any" ? dialect::ReduceKind::Or
                                        : dialect::ReduceKind::And));
  if (fn == "max" || fn == "min") {
    bool isMax = fn == "max";
    dialect::ReduceKind kind =
        rd == DType::Bool
            ? (isMax ? dialect::ReduceKind::Or : dialect::ReduceKind::And)
            : (isMax ? dialect::ReduceKind::Max : dialect::ReduceKind::Min);
    return finish(reduceAll(convert(x, rd, at), kind));
  }

  // mean, var, std: sums divided by element counts.
  Value v = convert(x, rd, at);
  IndexShape reducedDims, keptDims;
  llvm::SmallVector<int64_t> keptAxes;
  for (unsigned d = 0; d < xType->getRank(); ++d) {
    if (llvm::is_contained(axes, d)) {
      reducedDims.push_back(dimOf(v, d, at));
    } else {
      keptDims.push_back(dimOf(v, d, at));
      keptAxes.push_back(d);
    }
  }
  Value count = indexToScalar(indexProduct(reducedDims, at), rd, at);
  auto divide = [&](Value num, Value denominator) -> Value {
    Value d = broadcastDims(denominator, keptDims, {}, at);
    return dialect::DivOp::create(builder, l, num.getType(), num, d);
  };
  Value mean = divide(reduceAll(v, dialect::ReduceKind::Sum), count);
  if (fn == "mean")
    return finish(mean);
  if (fn != "var" && fn != "std")
    return fail(at, "built-in '" + fn + "' cannot be lowered yet");

  // var = sum((x - mean)^2) / max(count - ddof, 0).
  Value centered =
      dialect::SubOp::create(builder, l, v.getType(), v,
                             broadcastDims(mean, dimsOf(v, at), keptAxes, at));
  Value squares =
      dialect::MulOp::create(builder, l, v.getType(), centered, centered);
  Value ss = reduceAll(squares, dialect::ReduceKind::Sum);
  double ddof = libNumber(call.get("ddof")).value_or(0);
  Value n = count;
  mlir::Type scalarType = n.getType();
  if (ddof != 0)
    n = dialect::SubOp::create(builder, l, scalarType, n,
                               scalarConstant(element, ddof, at));
  n = dialect::MaxOp::create(builder, l, scalarType, n,
                             scalarConstant(element, 0, at));
  Value var = divide(ss, n);
  if (fn == "std")
    var = dialect::SqrtOp::create(builder, l, var.getType(), var);
  return finish(var);
}
