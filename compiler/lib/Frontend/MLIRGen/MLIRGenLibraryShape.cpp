//===- MLIRGenLibraryShape.cpp - reshape, concatenate, pad, take, ... -----===//
//
// The shape functions of section 7. Sizes Sema derived for the result (`-1`
// in a reshape, `n*3` for a ravel) are computed from the operands' dims;
// `take` is a gather with JAX's index modes; dynamic_slice and
// dynamic_update_slice wrap negative starts as JAX does, then clamp.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include <limits>

using namespace jx;
using mlir::RankedTensorType;
using mlir::Value;
namespace dialect = mlir::jx;

/// `[1..pos] ++ [0] ++ [pos+1..rank)`: moves axis 0 to position `pos`.
static llvm::SmallVector<int64_t> moveFirstTo(unsigned pos, unsigned rank) {
  llvm::SmallVector<int64_t> perm;
  for (unsigned i = 1; i <= pos; ++i)
    perm.push_back(i);
  perm.push_back(0);
  for (unsigned i = pos + 1; i < rank; ++i)
    perm.push_back(i);
  return perm;
}

static unsigned normalizeAxis(int64_t axis, unsigned rank) {
  if (axis < 0)
    axis += rank;
  return static_cast<unsigned>(std::max<int64_t>(axis, 0));
}

/// The rank-0 integer start indices of dynamic_slice / dynamic_update_slice:
/// a tuple of scalars, a 1-D array or (rank 1) one scalar; negative starts
/// are wrapped by the operand's dims, as `lax.dynamic_slice` does.
static std::optional<llvm::SmallVector<Value>>
startIndices(MLIRGenerator &gen, LibArg &arg, Value operand, SourceLoc at) {
  std::optional<ValueTree> v = gen.libValue(arg);
  if (!v)
    return std::nullopt;
  auto type = llvm::cast<RankedTensorType>(operand.getType());
  llvm::SmallVector<Value> starts;
  if (!v->isLeaf()) {
    for (const ValueTree &c : v->children)
      if (c.isLeaf())
        starts.push_back(c.leaf);
  } else if (llvm::cast<RankedTensorType>(v->leaf.getType()).getRank() == 0) {
    starts.push_back(v->leaf);
  } else {
    auto vector = llvm::cast<RankedTensorType>(v->leaf.getType());
    for (int64_t i = 0; i < type.getRank(); ++i) {
      auto one = RankedTensorType::get({1}, vector.getElementType());
      Value slice = dialect::SliceOp::create(
          gen.builder, gen.loc(at), one, v->leaf, llvm::ArrayRef<int64_t>{i},
          llvm::ArrayRef<int64_t>{i + 1}, llvm::ArrayRef<int64_t>{1});
      starts.push_back(gen.reshapeShape(slice, {}, at));
    }
  }
  if (static_cast<int64_t>(starts.size()) != type.getRank())
    return gen.fail(at, "internal error: wrong number of start indices");
  for (unsigned i = 0; i < starts.size(); ++i) {
    Value &s = starts[i];
    auto element = llvm::cast<RankedTensorType>(s.getType()).getElementType();
    if (!element.isInteger(32) && !element.isInteger(64))
      s = gen.convertElement(s, gen.builder.getI64Type(), at);
    s = gen.wrapIndexArray(s, gen.dimOf(operand, i, at), at);
  }
  return starts;
}

/// The fill value of `take`'s default mode for out-of-range indices: NaN,
/// the most negative or most positive integer, or true.
static double takeFillValue(mlir::Type element) {
  if (llvm::isa<mlir::FloatType>(element))
    return std::numeric_limits<double>::quiet_NaN();
  if (element.isInteger(1))
    return 1;
  if (element.isUnsignedInteger())
    return static_cast<double>(std::numeric_limits<uint32_t>::max());
  if (element.isInteger(64))
    return static_cast<double>(std::numeric_limits<int64_t>::min());
  return static_cast<double>(std::numeric_limits<int32_t>::min());
}

std::optional<ValueTree> MLIRGenerator::genShapeOp(LibCall &call) {
  llvm::StringRef fn = call.name;
  SourceLoc at = call.loc;
  mlir::Location l = loc(at);
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  if (!result)
    return fail(at, "internal error: '" + fn + "' without an array type");
  DType rd = result->getDType();
  unsigned rank = result->getRank();

  // Sequences: concatenate and stack take a tuple of arrays or an array.
  if (fn == "concatenate" || fn == "stack") {
    LibArg *seq = call.get("arrays");
    std::optional<ValueTree> v = seq ? libValue(*seq) : std::nullopt;
    if (!v)
      return std::nullopt;
    LibArg *axisArg = call.get("axis");
    bool flat = axisArg && libIsNone(axisArg) && fn == "concatenate";
    int64_t axis = libInt(axisArg).value_or(0);
    if (v->isLeaf()) {
      // An array is the sequence of its rows.
      Value a = convert(v->leaf, rd, at);
      if (flat)
        return ValueTree::ofLeaf(flatten(a, at));
      unsigned aRank = llvm::cast<RankedTensorType>(a.getType()).getRank();
      if (fn == "stack")
        return ValueTree::ofLeaf(transposeValue(
            a, moveFirstTo(normalizeAxis(axis, rank), aRank), at));
      unsigned pos = normalizeAxis(axis, aRank - 1);
      Value t = transposeValue(a, moveFirstTo(pos, aRank), at);
      IndexShape dims = dimsOf(t, at);
      dims[pos] = indexMul(dims[pos], dims[pos + 1], at);
      dims.erase(dims.begin() + pos + 1);
      return ValueTree::ofLeaf(reshapeShape(t, dims, at));
    }
    llvm::SmallVector<Value> inputs;
    unsigned pos = normalizeAxis(axis, rank);
    for (const ValueTree &c : v->children) {
      if (!c.isLeaf())
        return fail(at, "internal error: '" + fn + "' of a non-array");
      Value e = convert(c.leaf, rd, at);
      if (flat) {
        e = flatten(e, at);
      } else if (fn == "stack") {
        IndexShape dims = dimsOf(e, at);
        dims.insert(dims.begin() + pos, IndexValue::of(1));
        e = reshapeShape(e, dims, at);
      }
      inputs.push_back(e);
    }
    if (inputs.empty())
      return fail(at, "internal error: '" + fn + "' of nothing");
    return ValueTree::ofLeaf(
        dialect::ConcatenateOp::create(builder, l, tensorType(result), inputs,
                                       static_cast<uint64_t>(flat ? 0 : pos)));
  }

  LibArg *xArg = call.get(fn.starts_with("dynamic_") ? "operand" : "x");
  auto *xType = xArg ? llvm::dyn_cast_or_null<ArrayType>(xArg->type) : nullptr;
  if (!xType)
    return fail(at, "internal error: malformed call of '" + fn + "'");
  Value x = libArray(*xArg);
  if (!x)
    return std::nullopt;
  unsigned xRank = xType->getRank();

  if (fn == "reshape") {
    LibArg *shapeArg = call.get("shape");
    const StaticValue *written = shapeArg ? shapeArg->value : nullptr;
    auto isInferred = [&](unsigned i) {
      if (!written)
        return false;
      const StaticValue *e = written;
      if (written->kind == StaticValue::Kind::Tuple)
        e = i < written->elements.size() ? &written->elements[i] : nullptr;
      else if (i != 0)
        e = nullptr;
      return e && e->kind == StaticValue::Kind::Int && e->intValue == -1;
    };
    IndexShape dims(rank);
    std::optional<unsigned> inferred;
    for (auto [i, d] : llvm::enumerate(result->getShape())) {
      if (std::optional<IndexValue> known = knownDim(d, at)) {
        dims[i] = *known;
      } else if (isInferred(i) || !shapeArg) {
        inferred = i;
      } else if (std::optional<IndexValue> e = shapeEntry(*shapeArg, i, d)) {
        dims[i] = *e;
      } else {
        return std::nullopt;
      }
    }
    if (inferred) {
      // The size the others leave: elements / product of the other dims.
      IndexShape others(dims);
      others.erase(others.begin() + *inferred);
      IndexValue known =
          indexMax(indexProduct(others, at), IndexValue::of(1), at);
      dims[*inferred] =
          indexFloorDiv(indexProduct(dimsOf(x, at), at), known, at);
    }
    return ValueTree::ofLeaf(reshapeShape(x, dims, at));
  }
  if (fn == "ravel" || fn == "flatten")
    return ValueTree::ofLeaf(flatten(x, at));
  if (fn == "transpose" || fn == "swapaxes") {
    llvm::SmallVector<int64_t> perm;
    LibArg *axesArg = call.get("axes");
    if (fn == "swapaxes") {
      for (unsigned i = 0; i < xRank; ++i)
        perm.push_back(i);
      unsigned a = normalizeAxis(libInt(call.get("axis1")).value_or(0), xRank);
      unsigned b = normalizeAxis(libInt(call.get("axis2")).value_or(0), xRank);
      std::swap(perm[a], perm[b]);
    } else if (libIsNone(axesArg)) {
      for (unsigned i = 0; i < xRank; ++i)
        perm.push_back(xRank - 1 - i);
    } else {
      for (unsigned a : libAxes(axesArg, xRank))
        perm.push_back(a);
    }
    return ValueTree::ofLeaf(transposeValue(x, perm, at));
  }
  if (fn == "expand_dims") {
    llvm::SmallVector<unsigned, 4> added = libAxes(call.get("axis"), rank);
    IndexShape xDims = dimsOf(x, at), dims;
    unsigned next = 0;
    for (unsigned i = 0; i < rank; ++i)
      dims.push_back(llvm::is_contained(added, i) ? IndexValue::of(1)
                                                  : xDims[next++]);
    return ValueTree::ofLeaf(reshapeShape(x, dims, at));
  }
  if (fn == "squeeze") {
    llvm::SmallVector<unsigned, 4> axes = libAxes(call.get("axis"), xRank);
    IndexShape xDims = dimsOf(x, at), dims;
    for (unsigned i = 0; i < xRank; ++i)
      if (!llvm::is_contained(axes, i) || !xDims[i].isConstant(1))
        dims.push_back(xDims[i]);
    return ValueTree::ofLeaf(reshapeShape(x, dims, at));
  }
  if (fn == "broadcast_to") {
    LibArg *shapeArg = call.get("shape");
    IndexShape dims;
    for (auto [i, d] : llvm::enumerate(result->getShape())) {
      std::optional<IndexValue> v =
          shapeArg ? shapeEntry(*shapeArg, i, d) : knownDim(d, at);
      if (!v)
        return std::nullopt;
      dims.push_back(*v);
    }
    return ValueTree::ofLeaf(broadcastShape(x, dims, at));
  }
  if (fn == "flip") {
    llvm::SmallVector<unsigned, 4> axes = libAxes(call.get("axis"), xRank);
    if (axes.empty())
      return ValueTree::ofLeaf(x);
    llvm::SmallVector<int64_t> dims(axes.begin(), axes.end());
    llvm::sort(dims);
    return ValueTree::ofLeaf(dialect::ReverseOp::create(builder, l, x, dims));
  }
  if (fn == "pad") {
    // pad_width: p, (p,), (before, after), ((b, a),) or one pair per axis.
    LibArg *pw = call.get("pad_width");
    const StaticValue *v = pw ? pw->value : nullptr;
    if (!v)
      return fail(at, "internal error: 'pad' without static widths");
    auto asPair =
        [](const StaticValue &e) -> std::optional<std::pair<Dim, Dim>> {
      if (std::optional<Dim> d = e.asDim())
        return std::make_pair(*d, *d);
      if (e.kind == StaticValue::Kind::Tuple && e.elements.size() == 1)
        if (std::optional<Dim> d = e.elements[0].asDim())
          return std::make_pair(*d, *d);
      if (e.kind == StaticValue::Kind::Tuple && e.elements.size() == 2) {
        std::optional<Dim> b = e.elements[0].asDim();
        std::optional<Dim> a = e.elements[1].asDim();
        if (b && a)
          return std::make_pair(*b, *a);
      }
      return std::nullopt;
    };
    llvm::SmallVector<std::pair<Dim, Dim>, 4> widths;
    if (auto p = asPair(*v)) {
      widths.assign(xRank, *p);
    } else {
      for (const StaticValue &e : v->elements)
        if (auto p = asPair(e))
          widths.push_back(*p);
      if (widths.size() == 1)
        widths.assign(xRank, widths[0]);
    }
    if (widths.size() != xRank)
      return fail(at, "internal error: malformed 'pad_width'");
    llvm::SmallVector<int64_t> low, high, interior(xRank, 0);
    for (auto [b, a] : widths) {
      if (!b.isStatic() || !a.isStatic())
        return fail(pw->loc, "'pad' with a size-variable width is not "
                             "supported yet");
      low.push_back(b.size);
      high.push_back(a.size);
    }
    Value padValue;
    if (LibArg *c = call.get("constant_values"); !libIsNone(c)) {
      if (!(padValue = libArray(*c)))
        return std::nullopt;
      padValue = convert(padValue, rd, at);
    } else {
      padValue = scalarConstant(elementType(rd), 0, at);
    }
    return ValueTree::ofLeaf(dialect::PadOp::create(
        builder, l, tensorType(result), x, padValue, low, high, interior));
  }
  if (fn == "take") {
    LibArg *idxArg = call.get("indices");
    Value idx = idxArg ? libArray(*idxArg) : nullptr;
    if (!idx)
      return std::nullopt;
    LibArg *axisArg = call.get("axis");
    bool flat = libIsNone(axisArg);
    std::optional<unsigned> takeAxis = flat ? 0 : libAxis(axisArg, xRank);
    if (!takeAxis)
      return fail(at, "internal error: malformed 'axis' of 'take'");
    unsigned axis = *takeAxis;
    Value v = flat ? flatten(x, at) : x;
    IndexValue n = dimOf(v, axis, at);
    std::string mode = libString(call.get("mode")).value_or("fill");
    auto idxType = llvm::cast<RankedTensorType>(idx.getType());
    IndexShape idxDims = dimsOf(idx, at);
    DType idxDType = idxType.getElementType().isInteger(64) ? DType::I64
                     : idxType.getElementType().isUnsignedInteger()
                         ? DType::U32
                         : DType::I32;
    if (mode == "wrap") {
      // Python's modulo: idx - floor(idx / n) * n.
      Value nT = broadcastDims(indexToScalar(n, idxDType, at), idxDims, {}, at);
      Value q = dialect::FloorDivOp::create(builder, l, idxType, idx, nT);
      Value qn = dialect::MulOp::create(builder, l, idxType, q, nT);
      idx = dialect::SubOp::create(builder, l, idxType, idx, qn);
    } else if (mode != "clip") {
      idx = wrapIndexArray(idx, n, at);
    }
    Value gathered = gatherAxes(v, {axis}, {idx}, idxDims, axis, at);
    if (mode != "fill")
      return ValueTree::ofLeaf(gathered);
    // Out-of-range indices give the fill value (JAX's default mode).
    Value zero = filledTensor(idxType.getElementType(), 0, idxDims, at);
    Value nT = broadcastDims(indexToScalar(n, idxDType, at), idxDims, {}, at);
    Value inRange = dialect::AndOp::create(
        builder, l, idxType.clone(builder.getI1Type()),
        compare(idx, zero, dialect::ComparisonDirection::GE, at),
        compare(idx, nT, dialect::ComparisonDirection::LT, at));
    IndexShape resultDims = dimsOf(gathered, at);
    llvm::SmallVector<int64_t> batchDims;
    for (unsigned i = 0; i < idxDims.size(); ++i)
      batchDims.push_back(axis + i);
    Value mask = broadcastDims(inRange, resultDims, batchDims, at);
    mlir::Type element = elementType(rd);
    Value fill = filledTensor(element, takeFillValue(element), resultDims, at);
    return ValueTree::ofLeaf(dialect::SelectOp::create(
        builder, l, gathered.getType(), mask, gathered, fill));
  }
  if (fn == "dynamic_slice" || fn == "dynamic_update_slice") {
    LibArg *startArg = call.get("start_indices");
    if (!startArg)
      return fail(at, "internal error: '" + fn + "' without start indices");
    std::optional<llvm::SmallVector<Value>> starts =
        startIndices(*this, *startArg, x, at);
    if (!starts)
      return std::nullopt;
    if (fn == "dynamic_update_slice") {
      LibArg *updateArg = call.get("update");
      Value update = updateArg ? libArray(*updateArg) : nullptr;
      if (!update)
        return std::nullopt;
      update = convert(update, rd, at);
      return ValueTree::ofLeaf(dialect::DynamicUpdateSliceOp::create(
          builder, l, x.getType(), x, update, *starts));
    }
    LibArg *sizesArg = call.get("slice_sizes");
    llvm::SmallVector<int64_t> sliceSizes;
    llvm::SmallVector<Value> dynamic;
    for (auto [i, d] : llvm::enumerate(result->getShape())) {
      if (d.isStatic()) {
        sliceSizes.push_back(d.size);
        continue;
      }
      std::optional<IndexValue> v =
          sizesArg ? shapeEntry(*sizesArg, i, d) : knownDim(d, at);
      if (!v)
        return std::nullopt;
      sliceSizes.push_back(-1);
      dynamic.push_back(materialize(*v, at));
    }
    return ValueTree::ofLeaf(dialect::DynamicSliceOp::create(
        builder, l, tensorType(result), x, *starts, sliceSizes, dynamic));
  }
  return fail(at, "built-in '" + fn + "' cannot be lowered yet");
}
