//===- MLIRGenLibraryCreation.cpp - zeros, full, arange, linspace, eye ----===//
//
// Creation functions: splat constants for static shapes, broadcast_in_dim of
// a scalar with run-time sizes for size variables (sizes Sema derived, such
// as `zeros((n + 1,))`, are computed from the shape's expression), and iota
// arithmetic for arange, linspace and eye.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

using namespace jx;
using mlir::Value;
namespace dialect = mlir::jx;

/// linspace(start, stop, num=50, endpoint=true, retstep=false, dtype,
/// axis=0): `start + i * delta` along `axis`, in f64, with the last element
/// exactly `stop` when `endpoint`.
static std::optional<ValueTree> genLinspace(MLIRGenerator &gen, LibCall &call,
                                            const ArrayType *result) {
  SourceLoc at = call.loc;
  const ArrayType *stepType = nullptr;
  if (auto *tuple = llvm::dyn_cast<TupleType>(call.resultType))
    stepType = llvm::dyn_cast<ArrayType>(tuple->getElements().back());
  LibArg *startArg = call.get("start"), *stopArg = call.get("stop");
  if (!startArg || !stopArg)
    return gen.fail(at, "internal error: 'linspace' needs start and stop");
  Value start = gen.libArray(*startArg), stop = gen.libArray(*stopArg);
  if (!start || !stop)
    return std::nullopt;
  unsigned rank = result->getRank();
  int64_t axis = libInt(call.get("axis")).value_or(0);
  if (axis < 0)
    axis += rank;
  bool endpoint = libBool(call.get("endpoint")).value_or(true);
  DType rd = result->getDType();
  // Computed in f64 and rounded once, as NumPy does: in f32, `start + i *
  // delta` is off by an ulp (linspace(-1.0, 1.0, 4) gave -0.3333333).
  DType cd = DType::F64;
  mlir::Type ce = gen.elementType(cd);

  IndexShape dims, bdims;
  llvm::SmallVector<int64_t> bmap;
  for (auto [i, d] : llvm::enumerate(result->getShape())) {
    std::optional<IndexValue> v;
    if (static_cast<int64_t>(i) == axis) {
      LibArg *num = call.get("num");
      v = num ? gen.shapeEntry(*num, 0, d) : gen.knownDim(d, at);
    } else {
      v = gen.knownDim(d, at);
      bmap.push_back(i);
    }
    if (!v)
      return gen.fail(at, "internal error: no size for '" + d.str() + "'");
    dims.push_back(*v);
    if (static_cast<int64_t>(i) != axis)
      bdims.push_back(*v);
  }
  IndexValue n = dims[axis];
  start = gen.broadcastShape(gen.convert(start, cd, at), bdims, at);
  stop = gen.broadcastShape(gen.convert(stop, cd, at), bdims, at);
  mlir::Type btype = start.getType();
  IndexValue div =
      gen.indexMax(endpoint ? gen.indexSub(n, IndexValue::of(1), at) : n,
                   IndexValue::of(1), at);
  Value divisor =
      gen.broadcastDims(gen.indexToScalar(div, cd, at), bdims, {}, at);
  mlir::Location l = gen.loc(at);
  Value extent = dialect::SubOp::create(gen.builder, l, btype, stop, start);
  Value delta = dialect::DivOp::create(gen.builder, l, btype, extent, divisor);

  Value index = gen.iota(ce, dims, axis, at);
  mlir::Type type = index.getType();
  Value steps = dialect::MulOp::create(
      gen.builder, l, type, index, gen.broadcastDims(delta, dims, bmap, at));
  Value values = dialect::AddOp::create(
      gen.builder, l, type, gen.broadcastDims(start, dims, bmap, at), steps);
  if (endpoint && !(n.constant && *n.constant <= 1)) {
    // max(n - 1, 1) never matches when n == 1 (whose element is `start`).
    IndexValue last = gen.indexMax(gen.indexSub(n, IndexValue::of(1), at),
                                   IndexValue::of(1), at);
    Value lastT =
        gen.broadcastDims(gen.indexToScalar(last, cd, at), dims, {}, at);
    Value isLast =
        gen.compare(index, lastT, dialect::ComparisonDirection::EQ, at);
    values = dialect::SelectOp::create(gen.builder, l, type, isLast,
                                       gen.broadcastDims(stop, dims, bmap, at),
                                       values);
  }
  if (!isFloat(rd))
    values = dialect::FloorOp::create(gen.builder, l, type, values);
  values = gen.convert(values, rd, at);
  if (!stepType)
    return ValueTree::ofLeaf(values);
  Value step = gen.convert(delta, stepType->getDType(), at);
  return ValueTree::ofNode(
      {ValueTree::ofLeaf(values), ValueTree::ofLeaf(step)});
}

std::optional<ValueTree> MLIRGenerator::genCreation(LibCall &call) {
  llvm::StringRef fn = call.name;
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  if (fn == "linspace" && !result)
    if (auto *tuple = llvm::dyn_cast_or_null<TupleType>(call.resultType))
      result = llvm::dyn_cast<ArrayType>(tuple->getElements().front());
  if (!result)
    return fail(call.loc, "internal error: '" + fn + "' without an array type");
  mlir::Type element = elementType(result->getDType());
  llvm::ArrayRef<Dim> shape = result->getShape();

  // The result's dims: from the shape argument, the model array (`_like`)
  // or the size arguments.
  auto dimsFrom = [&](LibArg *shapeArg,
                      LibArg *model) -> std::optional<IndexShape> {
    IndexShape dims;
    Value modelValue;
    for (auto [i, d] : llvm::enumerate(shape)) {
      if (std::optional<IndexValue> known = knownDim(d, call.loc)) {
        dims.push_back(*known);
      } else if (shapeArg) {
        std::optional<IndexValue> v = shapeEntry(*shapeArg, i, d);
        if (!v)
          return std::nullopt;
        dims.push_back(*v);
      } else if (model) {
        if (!modelValue && !(modelValue = libArray(*model)))
          return std::nullopt;
        dims.push_back(dimOf(modelValue, i, call.loc));
      } else {
        return fail(call.loc, "internal error: no size for '" + d.str() + "'");
      }
    }
    return dims;
  };

  if (fn == "zeros" || fn == "ones" || fn == "zeros_like" ||
      fn == "ones_like" || fn == "full" || fn == "full_like") {
    bool like = fn.ends_with("_like");
    LibArg *shapeArg = call.get("shape");
    if (libIsNone(shapeArg))
      shapeArg = nullptr;
    std::optional<IndexShape> dims =
        dimsFrom(shapeArg, like ? call.get("x") : nullptr);
    if (!dims)
      return std::nullopt;
    if (!fn.starts_with("full"))
      return ValueTree::ofLeaf(filledTensor(
          element, fn.starts_with("ones") ? 1 : 0, *dims, call.loc));
    LibArg *fill = call.get("fill_value");
    auto *fillType =
        fill ? llvm::dyn_cast_or_null<ArrayType>(fill->type) : nullptr;
    if (!fillType)
      return fail(call.loc, "internal error: '" + fn + "' without a fill");
    if (std::optional<double> c = libNumber(fill); c && fillType->isScalar())
      return ValueTree::ofLeaf(filledTensor(element, *c, *dims, call.loc));
    Value v = libArray(*fill);
    if (!v)
      return std::nullopt;
    v = convert(v, result->getDType(), fill->loc);
    return ValueTree::ofLeaf(broadcastShape(v, *dims, call.loc));
  }

  if (fn == "arange") {
    if (result->getDType() == DType::Bool)
      return fail(call.loc, "'arange' with dtype bool is not supported");
    LibArg *startArg = call.get("start"), *stopArg = call.get("stop");
    if (libIsNone(stopArg)) {
      stopArg = startArg;
      startArg = nullptr;
    }
    // A bound that is a size variable (`arange(n)`), as an index.
    auto sizeBound = [&](LibArg *a) -> std::optional<IndexValue> {
      if (!a || !a->value || a->value->kind != StaticValue::Kind::Size)
        return IndexValue::of(libInt(a).value_or(0));
      return shapeEntry(*a, 0, a->value->size);
    };
    bool symbolicStart = startArg && startArg->value &&
                         startArg->value->kind == StaticValue::Kind::Size;
    double step = libNumber(call.get("step")).value_or(1.0);
    std::optional<IndexValue> length = knownDim(shape[0], call.loc);
    std::optional<IndexValue> start = IndexValue::of(0);
    if (symbolicStart || !length)
      start = sizeBound(startArg);
    if (!start)
      return std::nullopt;
    if (!length) {
      // ceil((stop - start) / step), at least 0 (integer bounds).
      std::optional<IndexValue> stop = sizeBound(stopArg);
      if (!stop)
        return std::nullopt;
      auto s = static_cast<int64_t>(step);
      IndexValue extent = indexSub(*stop, *start, call.loc);
      IndexValue bias = IndexValue::of(s > 0 ? s - 1 : s + 1);
      length = indexMax(indexFloorDiv(indexAdd(extent, bias, call.loc),
                                      IndexValue::of(s), call.loc),
                        IndexValue::of(0), call.loc);
    }
    IndexShape dims = {*length};
    Value values = iota(element, dims, 0, call.loc);
    if (step != 1.0)
      values = dialect::MulOp::create(
          builder, loc(call.loc), values.getType(), values,
          filledTensor(element, step, dims, call.loc));
    Value offset;
    if (symbolicStart)
      offset =
          broadcastDims(indexToScalar(*start, result->getDType(), call.loc),
                        dims, {}, call.loc);
    else if (double s = libNumber(startArg).value_or(0); s != 0)
      offset = filledTensor(element, s, dims, call.loc);
    if (offset)
      values = dialect::AddOp::create(builder, loc(call.loc), values.getType(),
                                      values, offset);
    return ValueTree::ofLeaf(values);
  }

  if (fn == "eye") {
    LibArg *nArg = call.get("N"), *mArg = call.get("M");
    IndexShape dims;
    for (auto [i, d] : llvm::enumerate(shape)) {
      LibArg *a = i == 1 && !libIsNone(mArg) ? mArg : nArg;
      std::optional<IndexValue> v = shapeEntry(*a, 0, d);
      if (!v)
        return std::nullopt;
      dims.push_back(*v);
    }
    // Ones where column - row == k.
    int64_t k = libInt(call.get("k")).value_or(0);
    mlir::Type i64 = builder.getI64Type();
    Value rows = iota(i64, dims, 0, call.loc);
    Value cols = iota(i64, dims, 1, call.loc);
    Value diff = dialect::SubOp::create(builder, loc(call.loc), rows.getType(),
                                        cols, rows);
    Value mask = compare(diff, filledTensor(i64, k, dims, call.loc),
                         dialect::ComparisonDirection::EQ, call.loc);
    return ValueTree::ofLeaf(convertElement(mask, element, call.loc));
  }

  if (fn == "linspace")
    return genLinspace(*this, call, result);
  return fail(call.loc, "built-in '" + fn + "' cannot be lowered yet");
}
