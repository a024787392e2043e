//===- MLIRGenIndexing.cpp - Subscripts and `.at[]` updates ---------------===//
//
// NumPy indexing with JAX's semantics. A subscript is first planned per
// operand axis (a full axis, a slice `start, length, step` in the operand's
// coordinates, a scalar index, or a member of the advanced group of index
// arrays), with run-time values for whatever depends on size variables or on
// data. Then:
//
// - `x[...]` (basic): negative-step axes are reversed, the slices are one
//   `jx.slice` when everything is static, else one `jx.dynamic_slice` (plus
//   a gather for a stride over a run-time extent); a reshape drops scalar
//   axes and inserts `none` axes. Index arrays add a `jx.gather` of the
//   sliced operand.
// - `x.at[...].set(v)` and friends: a `jx.dynamic_update_slice` when the
//   target is a block at static in-range offsets, else a `jx.scatter` (of
//   windows for unit-step slices and scalars, of single elements otherwise).
//
// Out-of-range indices (JAX's behaviour, see docs/language.md):
// - negative indices count from the end (`i < 0 ? i + n : i`), for static,
//   dynamic and array indices alike;
// - reads clamp: a dynamic scalar index is a dynamic_slice start, which is
//   clamped so that the slice fits, and index arrays are gathered with
//   clamping (JAX's default for `x[idx]`);
// - updates at indices still out of range are dropped (jx.scatter, JAX's
//   default for `.at[]`).
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "llvm/ADT/StringSwitch.h"

using namespace jx;
using mlir::RankedTensorType;
using mlir::Value;
namespace dialect = mlir::jx;

namespace jx {
/// A planned subscript (see the file comment).
struct IndexPlan {
  struct Axis {
    enum class Kind { Full, Slice, Scalar, Advanced };
    Kind kind = Kind::Full;
    IndexValue dim;
    /// Slice: the first element and the count, in the operand's
    /// coordinates; Full: 0 and `dim`; Scalar: the (wrapped) index and 1.
    IndexValue start = IndexValue::of(0), length;
    int64_t step = 1;
    /// A negative-step slice from the last element: its start once the axis
    /// is reversed (0), known without arithmetic.
    std::optional<IndexValue> reversedStart;
    /// Advanced: position in `indices`.
    unsigned advanced = 0;
  };
  /// One dim of the result: a `none` axis, an operand axis, or a dim of the
  /// advanced group.
  struct Entry {
    enum class Kind { NewAxis, Axis, Group };
    Kind kind;
    unsigned index = 0;
  };

  std::vector<Axis> axes;
  std::vector<Entry> layout;
  /// Advanced: the index arrays (i64, wrapped, broadcast to `group`), the
  /// operand axis of each, and their broadcast shape.
  llvm::SmallVector<Value> indices;
  llvm::SmallVector<unsigned> advancedAxes;
  IndexShape group;

  bool hasAdvanced() const { return !advancedAxes.empty(); }
};
} // namespace jx

/// The size of result entry `e`.
static IndexValue entrySize(const IndexPlan &plan, const IndexPlan::Entry &e) {
  switch (e.kind) {
  case IndexPlan::Entry::Kind::NewAxis:
    return IndexValue::of(1);
  case IndexPlan::Entry::Kind::Axis:
    return plan.axes[e.index].length;
  case IndexPlan::Entry::Kind::Group:
    return plan.group[e.index];
  }
  return IndexValue::of(1);
}

/// The result dims, with or without the `none` axes.
static IndexShape resultDims(const IndexPlan &plan, bool withNewAxes) {
  IndexShape dims;
  for (const IndexPlan::Entry &e : plan.layout)
    if (withNewAxes || e.kind != IndexPlan::Entry::Kind::NewAxis)
      dims.push_back(entrySize(plan, e));
  return dims;
}

//===----------------------------------------------------------------------===//
// Planning
//===----------------------------------------------------------------------===//

bool MLIRGenerator::planIndex(Value base, const ArrayType *baseType,
                              const std::vector<IndexItem> &items,
                              const std::vector<IndexArg> &args,
                              IndexPlan &plan, SourceLoc at) {
  if (items.size() != args.size()) {
    fail(at, "internal error: subscript without its checked entries");
    return false;
  }
  unsigned rank = baseType->getRank();
  auto isArrayIndex = [](const IndexArg &a) {
    auto *t = llvm::dyn_cast_or_null<ArrayType>(a.type);
    return (a.kind == IndexArg::Kind::Scalar ||
            a.kind == IndexArg::Kind::Array) &&
           t && t->getRank() > 0;
  };
  bool hasArray = llvm::any_of(args, isArrayIndex);
  unsigned consumed = 0;
  for (const IndexArg &a : args)
    consumed += a.kind == IndexArg::Kind::Slice ||
                a.kind == IndexArg::Kind::Scalar ||
                a.kind == IndexArg::Kind::Array;
  if (consumed > rank) {
    fail(at, "internal error: too many indices");
    return false;
  }

  // Index values: an Int or a size variable.
  auto boundValue =
      [&](const std::optional<StaticValue> &v) -> std::optional<IndexValue> {
    if (!v || v->kind == StaticValue::Kind::None)
      return std::nullopt;
    if (v->kind == StaticValue::Kind::Int)
      return IndexValue::of(v->intValue);
    if (v->kind == StaticValue::Kind::Size)
      return knownDim(v->size, at);
    return std::nullopt;
  };
  auto clamp = [&](IndexValue v, int64_t lo, const IndexValue &hi) {
    return indexMin(indexMax(v, IndexValue::of(lo), at), hi, at);
  };

  llvm::SmallVector<unsigned> firstAdvancedEntry;
  auto addAxis = [&](IndexPlan::Axis axis) {
    plan.layout.push_back({IndexPlan::Entry::Kind::Axis,
                           static_cast<unsigned>(plan.axes.size())});
    plan.axes.push_back(axis);
  };
  auto fullAxis = [&]() {
    IndexPlan::Axis axis;
    axis.dim = dimOf(base, plan.axes.size(), at);
    axis.length = axis.dim;
    addAxis(axis);
  };
  llvm::SmallVector<Value> rawIndices;
  for (auto [i, arg] : llvm::enumerate(args)) {
    switch (arg.kind) {
    case IndexArg::Kind::Ellipsis:
      for (unsigned k = 0; k < rank - consumed; ++k)
        fullAxis();
      break;
    case IndexArg::Kind::NewAxis:
      plan.layout.push_back({IndexPlan::Entry::Kind::NewAxis, 0});
      break;
    case IndexArg::Kind::Slice: {
      if (arg.dynamicBounds) {
        fail(arg.loc, "slice bounds must be known at compile time");
        return false;
      }
      IndexPlan::Axis axis;
      axis.kind = IndexPlan::Axis::Kind::Slice;
      IndexValue n = axis.dim = dimOf(base, plan.axes.size(), at);
      int64_t step = arg.step && arg.step->kind == StaticValue::Kind::Int
                         ? arg.step->intValue
                         : 1;
      if (step == 0) {
        fail(arg.loc, "internal error: slice step zero");
        return false;
      }
      std::optional<IndexValue> lo = boundValue(arg.lo);
      std::optional<IndexValue> hi = boundValue(arg.hi);
      if ((arg.lo && arg.lo->kind == StaticValue::Kind::Size && !lo) ||
          (arg.hi && arg.hi->kind == StaticValue::Kind::Size && !hi)) {
        fail(arg.loc, "a slice bound is a size with no run-time value here");
        return false;
      }
      int64_t s = step > 0 ? step : -step;
      axis.step = step;
      if (!lo && !hi) {
        // `:`, `::-1`, `::k`: the whole axis.
        if (step == 1)
          axis.kind = IndexPlan::Axis::Kind::Full;
        axis.start =
            step > 0 ? IndexValue::of(0) : indexSub(n, IndexValue::of(1), at);
        if (step < 0)
          axis.reversedStart = IndexValue::of(0);
        axis.length = indexFloorDiv(indexAdd(n, IndexValue::of(s - 1), at),
                                    IndexValue::of(s), at);
        addAxis(axis);
        break;
      }
      // Python's slice.indices(n), then the element count.
      auto normalize = [&](std::optional<IndexValue> b, IndexValue dflt,
                           int64_t lower, IndexValue upper) {
        if (!b)
          return dflt;
        return clamp(indexWrapNegative(*b, n, at), lower, upper);
      };
      IndexValue one = IndexValue::of(1);
      IndexValue start, stop, extent;
      if (step > 0) {
        start = normalize(lo, IndexValue::of(0), 0, n);
        stop = normalize(hi, n, 0, n);
        extent = indexSub(stop, start, at);
      } else {
        IndexValue last = indexSub(n, one, at);
        start = normalize(lo, last, -1, last);
        stop = normalize(hi, IndexValue::of(-1), -1, last);
        extent = indexSub(start, stop, at);
        if (!lo)
          axis.reversedStart = IndexValue::of(0);
      }
      axis.start = start;
      axis.length =
          indexMax(indexFloorDiv(indexAdd(extent, IndexValue::of(s - 1), at),
                                 IndexValue::of(s), at),
                   IndexValue::of(0), at);
      addAxis(axis);
      break;
    }
    case IndexArg::Kind::Scalar:
    case IndexArg::Kind::Array: {
      IndexPlan::Axis axis;
      IndexValue n = axis.dim = dimOf(base, plan.axes.size(), at);
      const Expr *expr = items[i].value.get();
      if (!hasArray) {
        // A scalar index removes the axis.
        axis.kind = IndexPlan::Axis::Kind::Scalar;
        axis.length = IndexValue::of(1);
        std::optional<IndexValue> index;
        if (arg.value && arg.value->kind == StaticValue::Kind::Int)
          index = IndexValue::of(arg.value->intValue);
        else if (Value v = expr ? genArray(*expr) : nullptr)
          index = scalarToIndex(v, arg.loc);
        else
          return false;
        axis.start = indexWrapNegative(*index, n, at);
        plan.axes.push_back(axis);
        break;
      }
      // A member of the advanced group (scalars are 0-d index arrays).
      Value v = expr ? genArray(*expr) : nullptr;
      if (!v)
        return false;
      axis.kind = IndexPlan::Axis::Kind::Advanced;
      axis.length = n;
      axis.advanced = rawIndices.size();
      rawIndices.push_back(wrapIndexArray(
          convertElement(v, builder.getI64Type(), arg.loc), n, arg.loc));
      plan.advancedAxes.push_back(plan.axes.size());
      firstAdvancedEntry.push_back(plan.layout.size());
      plan.axes.push_back(axis);
      break;
    }
    }
  }
  while (plan.axes.size() < rank)
    fullAxis();
  if (!hasArray)
    return true;

  // The advanced group broadcasts (NumPy); it takes the place of the first
  // index array when they are adjacent, else it goes first.
  for (Value idx : rawIndices) {
    IndexShape dims = dimsOf(idx, at);
    size_t r = std::max(dims.size(), plan.group.size());
    IndexShape merged(r, IndexValue::of(1));
    for (size_t k = 0; k < r; ++k) {
      size_t fromA = r - k - 1;
      const IndexValue *a = k < plan.group.size()
                                ? &plan.group[plan.group.size() - 1 - k]
                                : nullptr;
      const IndexValue *b =
          k < dims.size() ? &dims[dims.size() - 1 - k] : nullptr;
      merged[fromA] = !a || a->isConstant(1) ? (b ? *b : *a) : *a;
    }
    plan.group = merged;
  }
  RankedTensorType groupType = shapedType(builder.getI64Type(), plan.group);
  for (Value idx : rawIndices)
    plan.indices.push_back(
        idx.getType() == groupType ? idx : broadcastShape(idx, plan.group, at));
  unsigned count = plan.advancedAxes.size();
  bool adjacent = true;
  for (unsigned k = 1; k < count; ++k)
    adjacent &= plan.advancedAxes[k] == plan.advancedAxes[k - 1] + 1 &&
                firstAdvancedEntry[k] == firstAdvancedEntry[0];
  std::vector<IndexPlan::Entry> groupEntries;
  for (unsigned k = 0; k < plan.group.size(); ++k)
    groupEntries.push_back({IndexPlan::Entry::Kind::Group, k});
  std::vector<IndexPlan::Entry> layout;
  if (!adjacent)
    layout = groupEntries;
  for (auto [pos, e] : llvm::enumerate(plan.layout)) {
    if (adjacent && pos == firstAdvancedEntry[0])
      layout.insert(layout.end(), groupEntries.begin(), groupEntries.end());
    layout.push_back(e);
  }
  if (adjacent && firstAdvancedEntry[0] == plan.layout.size())
    layout.insert(layout.end(), groupEntries.begin(), groupEntries.end());
  plan.layout = std::move(layout);
  return true;
}

//===----------------------------------------------------------------------===//
// Reading: x[...]
//===----------------------------------------------------------------------===//

Value MLIRGenerator::applyIndex(Value base, IndexPlan &plan,
                                const ArrayType *resultType, SourceLoc at) {
  using Kind = IndexPlan::Axis::Kind;
  mlir::Location l = loc(at);
  // Negative steps: reverse those axes and slice forward.
  llvm::SmallVector<int64_t> reversed;
  for (auto [d, axis] : llvm::enumerate(plan.axes))
    if (axis.kind == Kind::Slice && axis.step < 0) {
      reversed.push_back(d);
      axis.start = axis.reversedStart
                       ? *axis.reversedStart
                       : indexSub(indexSub(axis.dim, IndexValue::of(1), at),
                                  axis.start, at);
      axis.step = -axis.step;
    }
  if (!reversed.empty())
    base = dialect::ReverseOp::create(builder, l, base, reversed);

  // The block the slices span: `start`, `extent` elements, per axis.
  bool allStatic = true, anySlice = false;
  llvm::SmallVector<IndexValue> extents;
  for (const IndexPlan::Axis &axis : plan.axes) {
    IndexValue extent = axis.length;
    if (axis.step > 1)
      extent = indexMax(
          indexAdd(indexMul(indexSub(axis.length, IndexValue::of(1), at),
                            IndexValue::of(axis.step), at),
                   IndexValue::of(1), at),
          IndexValue::of(0), at);
    extents.push_back(extent);
    allStatic &= axis.start.isConstant() && extent.isConstant();
    bool whole =
        axis.step == 1 && axis.start.isConstant(0) &&
        (axis.length.constant ? axis.length.constant == axis.dim.constant
                              : axis.length.value == axis.dim.value);
    anySlice |=
        !whole && (axis.kind == Kind::Slice || axis.kind == Kind::Scalar);
  }
  mlir::Type element =
      llvm::cast<RankedTensorType>(base.getType()).getElementType();
  if (anySlice && allStatic) {
    llvm::SmallVector<int64_t> start, limit, stride;
    IndexShape dims;
    for (auto [d, axis] : llvm::enumerate(plan.axes)) {
      start.push_back(*axis.start.constant);
      limit.push_back(*axis.start.constant + *extents[d].constant);
      stride.push_back(axis.step);
      dims.push_back(axis.kind == Kind::Scalar ? IndexValue::of(1)
                                               : axis.length);
    }
    base = dialect::SliceOp::create(builder, l, shapedType(element, dims), base,
                                    start, limit, stride);
  } else if (anySlice) {
    llvm::SmallVector<Value> starts, dynamic;
    llvm::SmallVector<int64_t> sizes;
    IndexShape dims;
    for (auto [d, axis] : llvm::enumerate(plan.axes)) {
      starts.push_back(indexToScalar(axis.start, DType::I64, at));
      sizes.push_back(extents[d].constant ? *extents[d].constant : -1);
      if (!extents[d].constant)
        dynamic.push_back(extents[d].value);
      dims.push_back(extents[d]);
    }
    base = dialect::DynamicSliceOp::create(
        builder, l, shapedType(element, dims), base, starts, sizes, dynamic);
    // Strides over a run-time extent: gather every step-th element.
    for (auto [d, axis] : llvm::enumerate(plan.axes)) {
      if (axis.step == 1)
        continue;
      IndexShape lengthShape = {axis.length};
      Value idx = iota(builder.getI64Type(), lengthShape, 0, at);
      idx = dialect::MulOp::create(
          builder, l, idx.getType(), idx,
          filledTensor(builder.getI64Type(), axis.step, lengthShape, at));
      base = gatherAxes(base, {static_cast<unsigned>(d)}, {idx}, lengthShape, d,
                        at);
    }
  }

  // Index arrays: gather on the sliced operand.
  if (plan.hasAdvanced()) {
    unsigned batchPos = 0;
    for (const IndexPlan::Entry &e : plan.layout) {
      if (e.kind == IndexPlan::Entry::Kind::Group)
        break;
      batchPos += e.kind == IndexPlan::Entry::Kind::Axis;
    }
    base = gatherAxes(base, plan.advancedAxes, plan.indices, plan.group,
                      batchPos, at);
  }

  // Drop scalar axes, insert `none` axes; the exact type Sema assigned.
  bool sameLayout =
      llvm::none_of(plan.layout,
                    [](const IndexPlan::Entry &e) {
                      return e.kind == IndexPlan::Entry::Kind::NewAxis;
                    }) &&
      llvm::none_of(plan.axes, [](const IndexPlan::Axis &a) {
        return a.kind == Kind::Scalar;
      });
  if (sameLayout && resultType && base.getType() == tensorType(resultType))
    return base;
  IndexShape dims = resultDims(plan, /*withNewAxes=*/true);
  if (resultType) {
    for (auto [i, d] : llvm::enumerate(resultType->getShape())) {
      if (i >= dims.size())
        break;
      if (d.isStatic())
        dims[i] = IndexValue::of(d.size);
      else if (dims[i].constant)
        dims[i] = IndexValue::of(materialize(dims[i], at));
    }
  }
  return reshapeShape(base, dims, at);
}

std::optional<ValueTree> MLIRGenerator::genIndex(const IndexExpr &e) {
  if (std::optional<unsigned> element = program.getTupleIndex(&e)) {
    std::optional<ValueTree> base = genExpr(*e.base);
    if (!base)
      return std::nullopt;
    if (*element >= base->children.size())
      return fail(e.loc, "internal error: tuple index out of range");
    return base->children[*element];
  }
  const std::vector<IndexArg> *args = program.getIndexArgs(&e);
  auto *baseType = llvm::dyn_cast_or_null<ArrayType>(e.base->type);
  auto *resultType = llvm::dyn_cast_or_null<ArrayType>(e.type);
  if (!args || !baseType || !resultType)
    return fail(e.loc, "internal error: unchecked subscript");
  Value base = genArray(*e.base);
  if (!base)
    return std::nullopt;
  IndexPlan plan;
  if (!planIndex(base, baseType, e.items, *args, plan, e.loc))
    return std::nullopt;
  return ValueTree::ofLeaf(applyIndex(base, plan, resultType, e.loc));
}

//===----------------------------------------------------------------------===//
// Updates: x.at[...].set(v), .add, .mul, .min, .max, .get()
//===----------------------------------------------------------------------===//

std::optional<ValueTree> MLIRGenerator::genAtUpdate(const AtUpdateExpr &e) {
  using Kind = IndexPlan::Axis::Kind;
  const std::vector<IndexArg> *args = program.getIndexArgs(&e);
  auto *baseType = llvm::dyn_cast_or_null<ArrayType>(e.base->type);
  auto *resultType = llvm::dyn_cast_or_null<ArrayType>(e.type);
  if (!args || !baseType || !resultType)
    return fail(e.loc, "internal error: unchecked '.at[]' update");
  Value base = genArray(*e.base);
  if (!base)
    return std::nullopt;
  IndexPlan plan;
  if (!planIndex(base, baseType, e.items, *args, plan, e.loc))
    return std::nullopt;
  if (e.method == "get")
    return ValueTree::ofLeaf(applyIndex(base, plan, resultType, e.loc));

  std::optional<dialect::ScatterKind> kind =
      llvm::StringSwitch<std::optional<dialect::ScatterKind>>(e.method)
          .Case("set", dialect::ScatterKind::Set)
          .Case("add", dialect::ScatterKind::Add)
          .Case("mul", dialect::ScatterKind::Mul)
          .Case("min", dialect::ScatterKind::Min)
          .Case("max", dialect::ScatterKind::Max)
          .Default(std::nullopt);
  const Argument *valueArg = nullptr;
  for (const Argument &a : e.args)
    if (a.name.empty() || a.name == "values")
      valueArg = &a;
  if (!kind || !valueArg || !valueArg->value)
    return fail(e.loc, "internal error: malformed '.at[]." + e.method + "'");
  Value value = genArray(*valueArg->value);
  if (!value)
    return std::nullopt;
  SourceLoc at = e.loc;
  mlir::Location l = loc(at);
  // The value, cast to the array's dtype and broadcast to the indexed shape
  // (without its `none` axes).
  value = convert(value, baseType->getDType(), valueArg->loc);
  value = broadcastShape(value, resultDims(plan, /*withNewAxes=*/true), at);
  IndexShape grid = resultDims(plan, /*withNewAxes=*/false);
  value = reshapeShape(value, grid, at);
  mlir::Type i64 = builder.getI64Type();
  unsigned rank = plan.axes.size();

  // A block at static offsets (in range: slices are, and Sema checked static
  // scalar indices into static dims): dynamic_update_slice.
  bool block = !plan.hasAdvanced(), windows = block;
  for (const IndexPlan::Axis &axis : plan.axes) {
    windows &= axis.step == 1;
    block &= axis.step == 1 && axis.start.isConstant() &&
             (axis.kind != Kind::Scalar || axis.dim.isConstant());
  }
  if (block && *kind == dialect::ScatterKind::Set) {
    IndexShape dims;
    llvm::SmallVector<Value> starts;
    for (const IndexPlan::Axis &axis : plan.axes) {
      dims.push_back(axis.length);
      starts.push_back(indexToScalar(axis.start, DType::I64, at));
    }
    Value update = reshapeShape(value, dims, at);
    return ValueTree::ofLeaf(dialect::DynamicUpdateSliceOp::create(
        builder, l, base.getType(), base, update, starts));
  }

  if (rank == 0) {
    // A scalar array: the update is elementwise.
    mlir::Type t = base.getType();
    switch (*kind) {
    case dialect::ScatterKind::Add:
      return ValueTree::ofLeaf(
          dialect::AddOp::create(builder, l, t, base, value));
    case dialect::ScatterKind::Mul:
      return ValueTree::ofLeaf(
          dialect::MulOp::create(builder, l, t, base, value));
    case dialect::ScatterKind::Min:
      return ValueTree::ofLeaf(
          dialect::MinOp::create(builder, l, t, base, value));
    case dialect::ScatterKind::Max:
      return ValueTree::ofLeaf(
          dialect::MaxOp::create(builder, l, t, base, value));
    case dialect::ScatterKind::Set:
      return ValueTree::ofLeaf(value);
    }
  }
  llvm::SmallVector<int64_t> all;
  for (unsigned d = 0; d < rank; ++d)
    all.push_back(d);
  if (windows) {
    // One window at the starts; scalar axes are inserted window dims.
    llvm::SmallVector<Value> starts;
    llvm::SmallVector<int64_t> inserted, windowDims;
    for (auto [d, axis] : llvm::enumerate(plan.axes)) {
      starts.push_back(indexToScalar(axis.start, DType::I64, at));
      if (axis.kind == Kind::Scalar)
        inserted.push_back(d);
    }
    for (unsigned k = 0; k < grid.size(); ++k)
      windowDims.push_back(k);
    Value indices;
    if (llvm::all_of(plan.axes, [](const IndexPlan::Axis &a) {
          return a.start.isConstant();
        })) {
      llvm::SmallVector<int64_t> values;
      for (const IndexPlan::Axis &axis : plan.axes)
        values.push_back(*axis.start.constant);
      auto type = RankedTensorType::get({static_cast<int64_t>(rank)}, i64);
      indices = dialect::ConstantOp::create(
          builder, l, mlir::DenseIntElementsAttr::get(type, values));
    } else {
      indices = stackIndices(starts, {}, at);
    }
    auto dn = dialect::ScatterDimensionNumbersAttr::get(
        &context, windowDims, inserted, all, /*index_vector_dim=*/0);
    return ValueTree::ofLeaf(dialect::ScatterOp::create(
        builder, l, base.getType(), *kind, base, indices, value, dn));
  }

  // Single elements: one index vector per element of the grid.
  llvm::SmallVector<Value> columns(rank);
  llvm::SmallVector<int64_t> groupDims;
  unsigned pos = 0;
  for (const IndexPlan::Entry &entry : plan.layout) {
    if (entry.kind == IndexPlan::Entry::Kind::NewAxis)
      continue;
    if (entry.kind == IndexPlan::Entry::Kind::Group) {
      groupDims.push_back(pos++);
      continue;
    }
    const IndexPlan::Axis &axis = plan.axes[entry.index];
    // start + i * step along this grid dim.
    Value idx = iota(i64, grid, pos++, at);
    if (axis.step != 1)
      idx = dialect::MulOp::create(builder, l, idx.getType(), idx,
                                   filledTensor(i64, axis.step, grid, at));
    if (!axis.start.isConstant(0)) {
      Value start = broadcastDims(indexToScalar(axis.start, DType::I64, at),
                                  grid, {}, at);
      idx = dialect::AddOp::create(builder, l, idx.getType(), idx, start);
    }
    columns[entry.index] = idx;
  }
  for (auto [d, axis] : llvm::enumerate(plan.axes)) {
    if (axis.kind == Kind::Scalar)
      columns[d] = broadcastDims(indexToScalar(axis.start, DType::I64, at),
                                 grid, {}, at);
    else if (axis.kind == Kind::Advanced)
      columns[d] =
          broadcastDims(plan.indices[axis.advanced], grid, groupDims, at);
  }
  Value indices = stackIndices(columns, grid, at);
  auto dn = dialect::ScatterDimensionNumbersAttr::get(
      &context, /*update_window_dims=*/{}, all, all,
      static_cast<int64_t>(grid.size()));
  return ValueTree::ofLeaf(dialect::ScatterOp::create(
      builder, l, base.getType(), *kind, base, indices, value, dn));
}
