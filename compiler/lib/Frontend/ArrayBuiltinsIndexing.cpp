//===- ArrayBuiltinsIndexing.cpp - Subscripts and `.at[]` updates --------===//
//
// NumPy indexing as JAX implements it: basic indexing (integers, slices,
// `...`, `none`) and advanced integer-array indexing (a gather), and the
// functional updates `x.at[idx].set(v)` and friends.
//
// Out-of-range indices: a static index into a static dimension is checked
// here. Every other index is clamped at run time, as JAX does for gathers
// and dynamic slices (and scatters drop out-of-range updates), so an index
// is never a memory error.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

using namespace jx;
using namespace jx::builtins;

namespace {

/// A slice bound or step as written: omitted, a static integer, or a size
/// variable (`x[:n]`).
struct Bound {
  enum Kind { Omitted, Int, Size } kind = Omitted;
  int64_t value = 0;
  Dim size;
};

} // namespace

/// The length of `dim[lo:hi:step]`. Static dims with static bounds follow
/// NumPy's clamping exactly. With a size variable the result is a derived
/// size: `x[1:]` and `x[:-1]` of an `f32[n]` are both `n-1` (assuming n >= 1;
/// the run time clamps at 0), `x[:3]` is `min(n, 3)`.
std::optional<Dim> Checker::sliceDim(Dim dim, const IndexArg &item) {
  if (item.dynamicBounds) {
    diag.error(item.loc, "slice bounds must be known at compile time; use "
                         "'dynamic_slice' for a slice at a run-time offset");
    return std::nullopt;
  }
  auto readBound = [&](const std::optional<StaticValue> &v,
                       Bound &out) -> bool {
    if (!v || v->kind == StaticValue::Kind::None)
      return true;
    if (v->kind == StaticValue::Kind::Int) {
      out.kind = Bound::Int;
      out.value = v->intValue;
      return true;
    }
    if (v->kind == StaticValue::Kind::Size) {
      out.kind = Bound::Size;
      out.size = v->size;
      return true;
    }
    diag.error(item.loc, "slice indices must be integers or size variables, "
                         "got " +
                             v->str());
    return false;
  };
  Bound lo, hi, stepB;
  if (!readBound(item.lo, lo) || !readBound(item.hi, hi) ||
      !readBound(item.step, stepB))
    return std::nullopt;
  if (stepB.kind == Bound::Size) {
    diag.error(item.loc, "slice step must be a static integer");
    return std::nullopt;
  }
  int64_t step = stepB.kind == Bound::Int ? stepB.value : 1;
  if (step == 0) {
    diag.error(item.loc, "slice step cannot be zero");
    return std::nullopt;
  }

  // Static dim and static bounds: Python's slice.indices().
  if (dim.isStatic() && lo.kind != Bound::Size && hi.kind != Bound::Size) {
    int64_t n = dim.size;
    auto clampIdx = [&](Bound b, int64_t dflt, int64_t lower, int64_t upper) {
      if (b.kind == Bound::Omitted)
        return dflt;
      int64_t v = b.value < 0 ? b.value + n : b.value;
      return std::min(std::max(v, lower), upper);
    };
    int64_t len;
    if (step > 0) {
      int64_t l = clampIdx(lo, 0, 0, n), h = clampIdx(hi, n, 0, n);
      len = h > l ? (h - l - 1) / step + 1 : 0;
    } else {
      int64_t l = clampIdx(lo, n - 1, -1, n - 1);
      int64_t h = clampIdx(hi, -1, -1, n - 1);
      len = l > h ? (l - h - 1) / (-step) + 1 : 0;
    }
    return Dim::of(len);
  }

  // Symbolic. Full slices keep the dim.
  SizePoly d = sizes.polyOf(dim);
  if (lo.kind == Bound::Omitted && hi.kind == Bound::Omitted &&
      (step == 1 || step == -1))
    return dim;
  std::string name = d.spelling();
  auto boundSpelling = [](const Bound &b) -> std::string {
    switch (b.kind) {
    case Bound::Omitted:
      return "";
    case Bound::Int:
      return std::to_string(b.value);
    case Bound::Size:
      return b.size.str();
    }
    return "";
  };
  auto opaqueSlice = [&]() {
    std::string text = boundSpelling(lo) + ":" + boundSpelling(hi);
    if (step != 1)
      text += ":" + std::to_string(step);
    std::string key = "slice:" + d.key() + "[" + text + "]";
    if (lo.kind == Bound::Size)
      key += "lo" + sizes.polyOf(lo.size).key();
    if (hi.kind == Bound::Size)
      key += "hi" + sizes.polyOf(hi.size).key();
    return sizes.opaque(key, "len(" + name + "[" + text + "])", item.loc);
  };
  if (step < 0)
    return opaqueSlice();

  // `x[:k]` and `x[-k:]` take min(n, k) elements.
  if ((lo.kind == Bound::Omitted && hi.kind == Bound::Int && hi.value >= 0 &&
       step == 1) ||
      (lo.kind == Bound::Int && lo.value < 0 && hi.kind == Bound::Omitted &&
       step == 1)) {
    int64_t k = hi.value;
    if (lo.kind == Bound::Int)
      llvm::SubOverflow(int64_t(0), lo.value, k);
    return sizes.opaque("min:" + d.key() + ":" + std::to_string(k),
                        "min(" + name + ", " + std::to_string(k) + ")",
                        item.loc);
  }
  // Offsets from the start (non-negative ints, sizes) and from the end
  // (negative ints) are exact polynomials, assuming they are in range.
  auto position = [&](const Bound &b, bool isLo) -> std::optional<SizePoly> {
    switch (b.kind) {
    case Bound::Omitted:
      return isLo ? SizePoly::constant(0) : d;
    case Bound::Int:
      if (b.value < 0)
        return d + SizePoly::constant(b.value);
      // A static end with a dynamic dim would need a min().
      if (!isLo)
        return std::nullopt;
      return SizePoly::constant(b.value);
    case Bound::Size:
      return sizes.polyOf(b.size);
    }
    return std::nullopt;
  };
  std::optional<SizePoly> l = position(lo, true), h = position(hi, false);
  if (!l || !h)
    return opaqueSlice();
  SizePoly len = *h - *l;
  if (step == 1)
    return sizes.dimOf(len, item.loc);
  if (auto c = len.getConstant())
    return Dim::of(*c > 0 ? (*c - 1) / step + 1 : 0);
  return sizes.opaque(
      "ceildiv:" + len.key() + "/" + std::to_string(step),
      "ceil((" + len.spelling() + ")/" + std::to_string(step) + ")", item.loc);
}

const Type *Checker::checkIndex(SourceLoc loc, const Type *base,
                                llvm::ArrayRef<IndexArg> items) {
  if (!base)
    return nullptr;
  auto *a = llvm::dyn_cast<ArrayType>(base);
  if (!a) {
    diag.error(loc, "cannot index a value of type " + spell(base));
    return nullptr;
  }
  for (const IndexArg &it : items)
    if ((it.kind == IndexArg::Kind::Scalar ||
         it.kind == IndexArg::Kind::Array) &&
        !it.type)
      return nullptr;

  // Classify. The rank of the index's type decides between a scalar index
  // (removes the axis) and an index array (a gather), whatever the kind.
  unsigned consumed = 0;
  bool hasArray = false;
  const IndexArg *ellipsis = nullptr;
  for (const IndexArg &it : items) {
    switch (it.kind) {
    case IndexArg::Kind::Ellipsis:
      if (ellipsis) {
        diag.error(it.loc, "an index can only have a single ellipsis ('...')");
        return nullptr;
      }
      ellipsis = &it;
      break;
    case IndexArg::Kind::NewAxis:
      break;
    case IndexArg::Kind::Slice:
      ++consumed;
      break;
    case IndexArg::Kind::Scalar:
    case IndexArg::Kind::Array: {
      ++consumed;
      auto *t = llvm::dyn_cast<ArrayType>(it.type);
      if (!t) {
        diag.error(it.loc, "indices must be integers, slices, '...' or "
                           "'none', got " +
                               spell(it.type));
        return nullptr;
      }
      if (t->getDType() == DType::Bool) {
        diag.error(it.loc, "boolean indices are not supported (the result "
                           "size would depend on the data); use 'where'");
        return nullptr;
      }
      if (isFloat(t->getDType())) {
        diag.error(it.loc, "indices must be integers, got " + spell(t));
        return nullptr;
      }
      hasArray |= t->getRank() > 0;
      break;
    }
    }
  }
  unsigned rank = a->getRank();
  if (consumed > rank) {
    diag.error(loc, "too many indices for array of type " + spell(a) +
                        ": got " + llvm::Twine(consumed));
    return nullptr;
  }

  // Walk the items with `...` expanded; trailing axes are implicit `:`.
  // Each position yields basic dims or joins the advanced group.
  struct Piece {
    bool advanced = false;
    Shape dims;
  };
  llvm::SmallVector<Piece, 8> pieces;
  llvm::SmallVector<const ArrayType *, 4> advancedIndices;
  llvm::SmallVector<unsigned, 4> advancedPositions;
  llvm::ArrayRef<Dim> shape = a->getShape();
  unsigned axis = 0;
  auto fullAxes = [&](unsigned count) {
    for (unsigned i = 0; i < count; ++i) {
      Piece p;
      p.dims.push_back(shape[axis++]);
      pieces.push_back(p);
    }
  };
  for (const IndexArg &it : items) {
    switch (it.kind) {
    case IndexArg::Kind::Ellipsis:
      fullAxes(rank - consumed);
      break;
    case IndexArg::Kind::NewAxis: {
      Piece p;
      p.dims.push_back(Dim::of(int64_t(1)));
      pieces.push_back(p);
      break;
    }
    case IndexArg::Kind::Slice: {
      std::optional<Dim> d = sliceDim(shape[axis], it);
      if (!d)
        return nullptr;
      Piece p;
      p.dims.push_back(*d);
      pieces.push_back(p);
      ++axis;
      break;
    }
    case IndexArg::Kind::Scalar:
    case IndexArg::Kind::Array: {
      auto *t = llvm::cast<ArrayType>(it.type);
      Dim d = shape[axis];
      if (t->getRank() == 0 && it.value &&
          it.value->kind == StaticValue::Kind::Int && d.isStatic()) {
        int64_t i = it.value->intValue;
        if (i < -d.size || i >= d.size) {
          diag.error(it.loc, "index " + llvm::Twine(i) +
                                 " is out of bounds for axis " +
                                 llvm::Twine(axis) + " with size " +
                                 llvm::Twine(d.size));
          return nullptr;
        }
      }
      ++axis;
      // Without index arrays a scalar index just removes the axis; with
      // them, NumPy counts it as a 0-d index array of the advanced group.
      if (!hasArray)
        break;
      Piece p;
      p.advanced = true;
      advancedPositions.push_back(pieces.size());
      pieces.push_back(p);
      advancedIndices.push_back(t);
      break;
    }
    }
  }
  if (!ellipsis)
    fullAxes(rank - axis);

  if (!hasArray) {
    Shape result;
    for (const Piece &p : pieces)
      result.append(p.dims.begin(), p.dims.end());
    return types.getArray(a->getDType(), result, a->isWeak());
  }

  // The advanced group broadcasts; it replaces the first advanced position
  // when the advanced indices are adjacent, else it goes first.
  for (size_t i = 0; i < advancedIndices.size(); ++i)
    for (size_t j = i + 1; j < advancedIndices.size(); ++j)
      if (!broadcastDims(advancedIndices[i]->getShape(),
                         advancedIndices[j]->getShape())) {
        diag.error(loc, "index arrays could not be broadcast together: " +
                            spell(advancedIndices[i]) + " and " +
                            spell(advancedIndices[j]));
        return nullptr;
      }
  Shape group;
  for (const ArrayType *t : advancedIndices)
    group = *broadcastDims(group, t->getShape());
  bool adjacent = advancedPositions.back() - advancedPositions.front() + 1 ==
                  advancedPositions.size();
  Shape result;
  if (!adjacent)
    result = group;
  bool placed = !adjacent;
  for (const Piece &p : pieces) {
    if (p.advanced) {
      if (!placed) {
        result.append(group.begin(), group.end());
        placed = true;
      }
      continue;
    }
    result.append(p.dims.begin(), p.dims.end());
  }
  return types.getArray(a->getDType(), result, a->isWeak());
}

const Type *Checker::checkAtUpdate(SourceLoc loc, const Type *base,
                                   llvm::ArrayRef<IndexArg> items,
                                   llvm::StringRef method,
                                   llvm::ArrayRef<BuiltinArg> args) {
  static const char *const kMethods[] = {"get", "set", "add",
                                         "mul", "min", "max"};
  if (!llvm::is_contained(kMethods, method)) {
    diag.error(loc, "unknown '.at[]' method '" + method +
                        "'; expected get, set, add, mul, min or max");
    return nullptr;
  }
  const Type *indexed = checkIndex(loc, base, items);
  if (!indexed)
    return nullptr;
  for (const BuiltinArg &arg : args)
    if (!arg.type)
      return nullptr;
  std::string fn = (".at[]." + method).str();
  // JAX's keyword-only options change neither the type nor (with the
  // defaults) the semantics; jx implements the defaults.
  if (method == "get") {
    Param params[] = {unsupported("indices_are_sorted"),
                      unsupported("unique_indices"), unsupported("mode"),
                      unsupported("fill_value")};
    if (!bind(fn, loc, args, params))
      return nullptr;
    return indexed;
  }
  Param params[] = {req("values"), unsupported("indices_are_sorted"),
                    unsupported("unique_indices"), unsupported("mode")};
  std::optional<BoundArgs> bound = bind(fn, loc, args, params);
  if (!bound)
    return nullptr;
  const BuiltinArg *valueArg = bound->get("values");
  const ArrayType *value = arrayArg(fn, "values", valueArg);
  if (!value)
    return nullptr;
  auto *target = llvm::cast<ArrayType>(indexed);
  if (!canBroadcastTo(value->getShape(), target->getShape())) {
    diag.error(valueArg->loc, "cannot broadcast the value of type " +
                                  spell(value) + " to the indexed type " +
                                  spell(target) + " in '" + fn + "'");
    return nullptr;
  }
  // JAX casts the value to the array's dtype; a cast that loses
  // information draws a warning there (and here).
  DType dt = llvm::cast<ArrayType>(base)->getDType();
  if (!value->isWeak() &&
      promoteDTypes(value->getDType(), false, dt, false).dtype != dt)
    diag.warning(valueArg->loc, "the value of type " + spell(value) +
                                    " is cast to " + dtypeName(dt) + " in '" +
                                    fn + "'");
  return base;
}
