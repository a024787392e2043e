//===- ArrayBuiltinsShape.cpp - reshape, transpose, concatenate, ... -----===//
//
// The shape-manipulating functions of section 7. Sizes they compute from
// size variables are derived sizes (`n+m` for a concatenation, `n*3` for a
// flattening) that stay exact, so that `reshape(reshape(x, (-1,)), (n, 3))`
// of an `f32[n, 3]` is provably fine.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

using namespace jx;
using namespace jx::builtins;

namespace {
/// `x.reshape(3, 4)` and `x.transpose(1, 0)`: NumPy's method forms take the
/// shape or the axes as separate arguments. Folds positional arguments past
/// the first into one tuple argument (a no-op for the usual forms).
bool foldVarargs(TypeContext &types, DiagnosticEngine &diag, llvm::StringRef fn,
                 llvm::ArrayRef<BuiltinArg> args,
                 std::vector<BuiltinArg> &out) {
  out.assign(args.begin(), args.end());
  size_t numPositional = 0;
  for (const BuiltinArg &a : args)
    numPositional += a.keyword.empty();
  if (numPositional <= 2)
    return true;
  BuiltinArg folded;
  StaticValue tuple;
  tuple.kind = StaticValue::Kind::Tuple;
  std::vector<const Type *> elementTypes;
  out.clear();
  size_t index = 0;
  for (const BuiltinArg &a : args) {
    if (!a.keyword.empty() || index++ == 0) {
      out.push_back(a);
      continue;
    }
    if (index == 2)
      folded.loc = a.loc;
    if (!a.value || !a.value->asDim()) {
      diag.error(a.loc, "arguments of '" + fn +
                            "' after the array must be integers known at "
                            "compile time");
      return false;
    }
    tuple.elements.push_back(*a.value);
    elementTypes.push_back(a.type);
  }
  folded.value = tuple;
  folded.type = types.getTuple(elementTypes);
  out.insert(out.begin() + 1, folded);
  return true;
}

/// The elements of a sequence argument (`concatenate((a, b))`). An array
/// counts as the sequence of its rows: `count` is its leading dim and each
/// element has the rest of its shape.
struct Sequence {
  llvm::SmallVector<const ArrayType *, 4> elements;
  const ArrayType *stacked = nullptr;
};
} // namespace

const Type *Checker::checkShapeOp(llvm::StringRef fn, SourceLoc loc,
                                  llvm::ArrayRef<BuiltinArg> rawArgs) {
  std::vector<BuiltinArg> folded;
  if ((fn == "reshape" || fn == "transpose") &&
      !foldVarargs(types, diag, fn, rawArgs, folded))
    return nullptr;
  llvm::ArrayRef<BuiltinArg> args =
      folded.empty() ? rawArgs : llvm::ArrayRef<BuiltinArg>(folded);

  auto orderIsC = [&](const std::optional<BoundArgs> &b) {
    const BuiltinArg *order = b->get("order");
    if (isNone(order))
      return true;
    std::optional<std::string> s = stringArg(fn, "order", order);
    if (!s)
      return false;
    if (*s != "C") {
      diag.error(order->loc, "only order=\"C\" is supported by '" + fn + "'");
      return false;
    }
    return true;
  };

  // reshape(a, shape, order="C")
  if (fn == "reshape") {
    Param params[] = {req("x", "a"), req("shape", "newshape"), opt("order")};
    auto b = bind(fn, loc, args, params);
    if (!b || !orderIsC(b))
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    const BuiltinArg *shapeArgument = b->get("shape");
    Shape target;
    int inferred = -1;
    if (!shapeArg(fn, "shape", shapeArgument, target, /*allowInfer=*/true,
                  &inferred))
      return nullptr;
    std::string written = "(";
    for (size_t i = 0; i < target.size(); ++i) {
      written += i ? ", " : "";
      written += int(i) == inferred ? "-1" : target[i].str();
    }
    written += target.size() == 1 ? ",)" : ")";
    SizePoly total = productPoly(x->getShape());
    SizePoly known = SizePoly::constant(1);
    for (size_t i = 0; i < target.size(); ++i)
      if (int(i) != inferred)
        known = known * sizes.polyOf(target[i]);
    auto fail = [&](const std::string &why) {
      diag.error(shapeArgument->loc, "cannot reshape array of type " +
                                         spell(x) + " into shape " + written +
                                         ": " + why);
      return nullptr;
    };
    if (inferred >= 0) {
      std::optional<SizePoly> q;
      if (total == known)
        q = SizePoly::constant(1);
      else if (known.getConstant() != std::optional<int64_t>(0))
        q = total.divideExactly(known);
      if (!q) {
        if (total.getConstant() && known.getConstant())
          return fail("its " + total.spelling() +
                      " elements are not a multiple of " + known.spelling());
        return fail("cannot prove that " + total.spelling() +
                    " elements divide into parts of " + known.spelling());
      }
      target[inferred] = sizes.dimOf(*q, shapeArgument->loc);
    } else if (total != known) {
      if (total.getConstant() && known.getConstant())
        return fail("it has " + total.spelling() + " elements, not " +
                    known.spelling());
      return fail("cannot prove that its " + total.spelling() +
                  " elements are " + known.spelling());
    }
    return array(x->getDType(), target, x->isWeak());
  }

  // ravel(a, order="C"), x.flatten(order="C")
  if (fn == "ravel" || fn == "flatten") {
    Param params[] = {req("x", "a"), opt("order")};
    auto b = bind(fn, loc, args, params);
    if (!b || !orderIsC(b))
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    return array(x->getDType(), {numElements(x->getShape(), loc)}, x->isWeak());
  }

  // transpose(a, axes=None)
  if (fn == "transpose") {
    Param params[] = {req("x", "a"), opt("axes")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    llvm::ArrayRef<Dim> shape = x->getShape();
    const BuiltinArg *axesArgument = b->get("axes");
    if (isNone(axesArgument))
      return array(x->getDType(), Shape(shape.rbegin(), shape.rend()),
                   x->isWeak());
    llvm::SmallVector<int64_t, 4> perm;
    if (!intListArg(fn, "axes", axesArgument, perm))
      return nullptr;
    unsigned rank = x->getRank();
    llvm::SmallVector<bool, 4> seen(rank, false);
    Shape result;
    bool ok = perm.size() == rank;
    for (int64_t p : perm) {
      if (!ok)
        break;
      int64_t a = p < 0 ? p + rank : p;
      ok = a >= 0 && a < int64_t(rank) && !seen[a];
      if (ok) {
        seen[a] = true;
        result.push_back(shape[a]);
      }
    }
    if (!ok) {
      diag.error(axesArgument->loc,
                 "argument 'axes' of 'transpose' must be a permutation of "
                 "the " +
                     llvm::Twine(rank) + " axes of " + spell(x) + ", got " +
                     axesArgument->value->str());
      return nullptr;
    }
    return array(x->getDType(), result, x->isWeak());
  }

  // swapaxes(a, axis1, axis2)
  if (fn == "swapaxes") {
    Param params[] = {req("x", "a"), req("axis1"), req("axis2")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    std::optional<int64_t> a1 = intArg(fn, "axis1", b->get("axis1"));
    std::optional<int64_t> a2 = intArg(fn, "axis2", b->get("axis2"));
    if (!a1 || !a2)
      return nullptr;
    auto n1 = normalizeAxis(*a1, x->getRank(), b->get("axis1")->loc);
    if (!n1)
      return nullptr;
    auto n2 = normalizeAxis(*a2, x->getRank(), b->get("axis2")->loc);
    if (!n2)
      return nullptr;
    Shape s(x->getShape().begin(), x->getShape().end());
    std::swap(s[*n1], s[*n2]);
    return array(x->getDType(), s, x->isWeak());
  }

  // expand_dims(a, axis)
  if (fn == "expand_dims") {
    Param params[] = {req("x", "a"), req("axis")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    llvm::SmallVector<int64_t, 4> raw;
    const BuiltinArg *axisArg = b->get("axis");
    if (!intListArg(fn, "axis", axisArg, raw))
      return nullptr;
    unsigned outRank = x->getRank() + raw.size();
    llvm::SmallVector<bool, 6> isNew(outRank, false);
    for (int64_t a : raw) {
      auto n = normalizeAxis(a, outRank, axisArg->loc);
      if (!n)
        return nullptr;
      if (isNew[*n]) {
        diag.error(axisArg->loc,
                   "duplicate value in 'axis': " + axisArg->value->str());
        return nullptr;
      }
      isNew[*n] = true;
    }
    Shape s;
    unsigned next = 0;
    for (unsigned i = 0; i < outRank; ++i)
      s.push_back(isNew[i] ? Dim::of(int64_t(1)) : x->getShape()[next++]);
    return array(x->getDType(), s, x->isWeak());
  }

  // squeeze(a, axis=None)
  if (fn == "squeeze") {
    Param params[] = {req("x", "a"), opt("axis")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    llvm::SmallVector<unsigned, 4> axes;
    bool isAll = false;
    const BuiltinArg *axisArg = b->get("axis");
    if (!axesArg(fn, axisArg, x->getRank(), axes, isAll))
      return nullptr;
    llvm::ArrayRef<Dim> shape = x->getShape();
    auto isOne = [](Dim d) { return d.isStatic() && d.size == 1; };
    Shape s;
    for (unsigned i = 0; i < shape.size(); ++i) {
      if (!llvm::is_contained(axes, i)) {
        s.push_back(shape[i]);
        continue;
      }
      if (isOne(shape[i]))
        continue;
      // With no axis, only the axes statically of size 1 go.
      if (isAll) {
        s.push_back(shape[i]);
        continue;
      }
      diag.error(axisArg->loc, "cannot squeeze axis " + llvm::Twine(i) +
                                   " of " + spell(x) + ": its size is not 1");
      return nullptr;
    }
    return array(x->getDType(), s, x->isWeak());
  }

  // broadcast_to(array, shape)
  if (fn == "broadcast_to") {
    Param params[] = {req("x", "array"), req("shape")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    Shape shape;
    if (!x || !shapeArg(fn, "shape", b->get("shape"), shape))
      return nullptr;
    if (!canBroadcastTo(x->getShape(), shape)) {
      diag.error(b->get("shape")->loc, "cannot broadcast " + spell(x) +
                                           " to shape " +
                                           spellShapeTuple(shape));
      return nullptr;
    }
    return array(x->getDType(), shape, x->isWeak());
  }

  // concatenate(arrays, axis=0, dtype=None), stack(arrays, axis=0, ...)
  if (fn == "concatenate" || fn == "stack") {
    bool isStack = fn == "stack";
    llvm::SmallVector<Param, 4> params = {req("arrays"), opt("axis")};
    if (isStack)
      params.push_back(unsupported("out"));
    params.push_back(opt("dtype"));
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const BuiltinArg *seqArg = b->get("arrays");
    Sequence seq;
    if (auto *t = llvm::dyn_cast<TupleType>(seqArg->type)) {
      for (const Type *e : t->getElements()) {
        auto *a = llvm::dyn_cast<ArrayType>(e);
        if (!a) {
          diag.error(seqArg->loc, "argument 'arrays' of '" + fn +
                                      "' must be a tuple of arrays, got " +
                                      spell(t));
          return nullptr;
        }
        seq.elements.push_back(a);
      }
    } else if (auto *a = llvm::dyn_cast<ArrayType>(seqArg->type)) {
      if (a->getRank() == 0) {
        diag.error(seqArg->loc, "argument 'arrays' of '" + fn +
                                    "' must be a tuple of arrays, got " +
                                    spell(a));
        return nullptr;
      }
      seq.stacked = a;
    } else {
      diag.error(seqArg->loc, "argument 'arrays' of '" + fn +
                                  "' must be a tuple of arrays, got " +
                                  spell(seqArg->type));
      return nullptr;
    }
    if (!seq.stacked && seq.elements.empty()) {
      diag.error(seqArg->loc,
                 "need at least one array to " +
                     llvm::Twine(isStack ? "stack" : "concatenate"));
      return nullptr;
    }
    std::optional<DType> dt;
    if (!dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    Promotion p =
        seq.stacked ? Promotion{seq.stacked->getDType(), seq.stacked->isWeak()}
                    : promote(seq.elements);
    DType dtype = dt.value_or(p.dtype);
    bool weak = !dt && p.weak;
    const BuiltinArg *axisArg = b->get("axis");
    bool axisNone = axisArg && isNone(axisArg);
    int64_t axis = 0;
    if (axisArg && !axisNone) {
      std::optional<int64_t> v = intArg(fn, "axis", axisArg);
      if (!v)
        return nullptr;
      axis = *v;
    }
    SourceLoc axisLoc = axisArg ? axisArg->loc : loc;

    if (seq.stacked) {
      llvm::ArrayRef<Dim> s = seq.stacked->getShape();
      Dim count = s[0];
      llvm::ArrayRef<Dim> row = s.drop_front();
      if (isStack) {
        auto pos = normalizeAxis(axis, row.size() + 1, axisLoc);
        if (!pos)
          return nullptr;
        Shape r(row.begin(), row.end());
        r.insert(r.begin() + *pos, count);
        return array(dtype, r, weak);
      }
      if (axisNone)
        return array(dtype, {numElements(s, loc)}, weak);
      if (row.empty()) {
        diag.error(seqArg->loc,
                   "zero-dimensional arrays cannot be concatenated");
        return nullptr;
      }
      auto pos = normalizeAxis(axis, row.size(), axisLoc);
      if (!pos)
        return nullptr;
      Shape r(row.begin(), row.end());
      r[*pos] = sizes.dimOf(sizes.polyOf(r[*pos]) * sizes.polyOf(count), loc);
      return array(dtype, r, weak);
    }

    const ArrayType *first = seq.elements[0];
    if (isStack) {
      for (const ArrayType *e : seq.elements)
        if (e->getShape() != first->getShape()) {
          diag.error(seqArg->loc, "all arrays passed to 'stack' must have "
                                  "the same shape, got " +
                                      spell(first) + " and " + spell(e));
          return nullptr;
        }
      auto pos = normalizeAxis(axis, first->getRank() + 1, axisLoc);
      if (!pos)
        return nullptr;
      Shape r(first->getShape().begin(), first->getShape().end());
      r.insert(r.begin() + *pos, Dim::of(int64_t(seq.elements.size())));
      return array(dtype, r, weak);
    }
    if (axisNone) {
      SizePoly total = SizePoly::constant(0);
      for (const ArrayType *e : seq.elements)
        total = total + productPoly(e->getShape());
      return array(dtype, {sizes.dimOf(total, loc)}, weak);
    }
    for (const ArrayType *e : seq.elements)
      if (e->getRank() == 0) {
        diag.error(seqArg->loc,
                   "zero-dimensional arrays cannot be concatenated");
        return nullptr;
      }
    auto pos = normalizeAxis(axis, first->getRank(), axisLoc);
    if (!pos)
      return nullptr;
    SizePoly total = SizePoly::constant(0);
    for (const ArrayType *e : seq.elements) {
      bool ok = e->getRank() == first->getRank();
      for (unsigned i = 0; ok && i < first->getRank(); ++i)
        ok = i == *pos || e->getShape()[i] == first->getShape()[i];
      if (!ok) {
        diag.error(seqArg->loc,
                   "arrays passed to 'concatenate' must have the same "
                   "shape except on axis " +
                       llvm::Twine(*pos) + ", got " + spell(first) + " and " +
                       spell(e));
        return nullptr;
      }
      total = total + sizes.polyOf(e->getShape()[*pos]);
    }
    Shape r(first->getShape().begin(), first->getShape().end());
    r[*pos] = sizes.dimOf(total, loc);
    return array(dtype, r, weak);
  }

  // flip(m, axis=None)
  if (fn == "flip") {
    Param params[] = {req("x", "m"), opt("axis")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    llvm::SmallVector<unsigned, 4> axes;
    bool isAll = false;
    if (!axesArg(fn, b->get("axis"), x->getRank(), axes, isAll))
      return nullptr;
    return x;
  }

  // pad(array, pad_width, mode="constant", constant_values=0)
  if (fn == "pad") {
    Param params[] = {req("x", "array"),
                      req("pad_width"),
                      opt("mode"),
                      opt("constant_values"),
                      unsupported("stat_length"),
                      unsupported("end_values"),
                      unsupported("reflect_type")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    if (const BuiltinArg *m = b->get("mode")) {
      std::optional<std::string> mode = stringArg(fn, "mode", m);
      if (!mode)
        return nullptr;
      if (*mode != "constant") {
        diag.error(m->loc, "pad mode \"" + *mode +
                               "\" is not supported (only \"constant\")");
        return nullptr;
      }
    }
    if (const BuiltinArg *c = b->get("constant_values")) {
      const ArrayType *v = arrayArg(fn, "constant_values", c);
      if (!v)
        return nullptr;
      if (!v->isScalar()) {
        diag.error(c->loc, "argument 'constant_values' of 'pad' must be a "
                           "scalar, got " +
                               spell(v));
        return nullptr;
      }
    }
    // pad_width: p, (p,), (before, after), ((b, a),), or ((b0, a0), ...).
    const BuiltinArg *pw = b->get("pad_width");
    auto bad = [&]() {
      diag.error(pw->loc, "argument 'pad_width' of 'pad' must be an integer, "
                          "a (before, after) pair or one pair per axis of " +
                              spell(x) + ", got " +
                              (pw->value ? pw->value->str() : spell(pw->type)));
      return nullptr;
    };
    if (!pw->value)
      return bad();
    bool negative = false;
    auto asDim = [&](const StaticValue &v) -> std::optional<Dim> {
      if (v.kind == StaticValue::Kind::Int && v.intValue < 0) {
        negative = true;
        return Dim::of(int64_t(0));
      }
      return v.asDim();
    };
    auto asPair =
        [&](const StaticValue &v) -> std::optional<std::pair<Dim, Dim>> {
      if (std::optional<Dim> d = asDim(v))
        return std::make_pair(*d, *d);
      if (v.kind == StaticValue::Kind::Tuple && v.elements.size() == 1)
        if (std::optional<Dim> d = asDim(v.elements[0]))
          return std::make_pair(*d, *d);
      if (v.kind == StaticValue::Kind::Tuple && v.elements.size() == 2) {
        std::optional<Dim> b0 = asDim(v.elements[0]);
        std::optional<Dim> a0 = asDim(v.elements[1]);
        if (b0 && a0)
          return std::make_pair(*b0, *a0);
      }
      return std::nullopt;
    };
    unsigned rank = x->getRank();
    llvm::SmallVector<std::pair<Dim, Dim>, 4> widths;
    const StaticValue &v = *pw->value;
    if (auto pr = asPair(v)) {
      widths.assign(rank, *pr);
    } else if (v.kind == StaticValue::Kind::Tuple) {
      for (const StaticValue &e : v.elements) {
        // Per-axis entries must be pairs (or single ints).
        if (e.kind == StaticValue::Kind::Tuple && e.elements.size() > 2)
          return bad();
        auto p = asPair(e);
        if (!p)
          return bad();
        widths.push_back(*p);
      }
      if (widths.size() == 1)
        widths.assign(rank, widths[0]);
      else if (widths.size() != rank)
        return bad();
    } else {
      return bad();
    }
    if (negative) {
      diag.error(pw->loc, "argument 'pad_width' of 'pad' must not be "
                          "negative, got " +
                              v.str());
      return nullptr;
    }
    Shape s;
    for (unsigned i = 0; i < rank; ++i) {
      auto [before, after] = widths[i];
      s.push_back(sizes.dimOf(sizes.polyOf(x->getShape()[i]) +
                                  sizes.polyOf(before) + sizes.polyOf(after),
                              loc));
    }
    return array(x->getDType(), s, x->isWeak());
  }

  // take(a, indices, axis=None, mode=None)
  if (fn == "take") {
    Param params[] = {req("x", "a"),
                      req("indices"),
                      opt("axis"),
                      unsupported("out"),
                      opt("mode"),
                      unsupported("unique_indices"),
                      unsupported("indices_are_sorted"),
                      unsupported("fill_value")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    const ArrayType *idx = arrayArg(fn, "indices", b->get("indices"));
    if (!x || !idx)
      return nullptr;
    if (!isInteger(idx->getDType())) {
      diag.error(b->get("indices")->loc, "argument 'indices' of 'take' must "
                                         "have an integer dtype, got " +
                                             spell(idx));
      return nullptr;
    }
    if (const BuiltinArg *m = b->get("mode"); m && !isNone(m)) {
      std::optional<std::string> mode = stringArg(fn, "mode", m);
      if (!mode)
        return nullptr;
      if (*mode != "fill" && *mode != "clip" && *mode != "wrap" &&
          *mode != "promise_in_bounds") {
        diag.error(m->loc, "unknown mode \"" + *mode + "\" for 'take'");
        return nullptr;
      }
    }
    llvm::SmallVector<unsigned, 1> axes;
    bool isAll = false;
    if (!axesArg(fn, b->get("axis"), x->getRank(), axes, isAll,
                 /*allowTuple=*/false))
      return nullptr;
    if (isAll)
      return array(x->getDType(), idx->getShape(), x->isWeak());
    if (x->getRank() == 0) {
      diag.error(b->get("x")->loc, "'take' along an axis needs an array of "
                                   "at least 1 dimension, got " +
                                       spell(x));
      return nullptr;
    }
    llvm::ArrayRef<Dim> s = x->getShape();
    Shape r(s.begin(), s.begin() + axes[0]);
    r.append(idx->getShape().begin(), idx->getShape().end());
    r.append(s.begin() + axes[0] + 1, s.end());
    return array(x->getDType(), r, x->isWeak());
  }

  // dynamic_slice(operand, start_indices, slice_sizes),
  // dynamic_update_slice(operand, update, start_indices)
  if (fn == "dynamic_slice" || fn == "dynamic_update_slice") {
    bool update = fn == "dynamic_update_slice";
    llvm::SmallVector<Param, 3> params = {req("operand")};
    if (update)
      params.append({req("update"), req("start_indices")});
    else
      params.append({req("start_indices"), req("slice_sizes")});
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "operand", b->get("operand"));
    if (!x)
      return nullptr;
    unsigned rank = x->getRank();
    // Start indices: a tuple of integer scalars or a 1-D integer array.
    const BuiltinArg *starts = b->get("start_indices");
    std::optional<size_t> count;
    bool intOk = true;
    if (auto *t = llvm::dyn_cast<TupleType>(starts->type)) {
      count = t->getElements().size();
      for (const Type *e : t->getElements()) {
        auto *a = llvm::dyn_cast<ArrayType>(e);
        intOk &= a && a->isScalar() && isInteger(a->getDType());
      }
    } else if (auto *a = llvm::dyn_cast<ArrayType>(starts->type)) {
      intOk = a->getRank() == 1 && isInteger(a->getDType()) &&
              a->getShape()[0].isStatic();
      if (a->getRank() == 0 && rank == 1 && isInteger(a->getDType())) {
        intOk = true;
        count = 1;
      } else if (intOk) {
        count = a->getShape()[0].size;
      }
    } else {
      intOk = false;
    }
    if (!intOk) {
      diag.error(starts->loc, "argument 'start_indices' of '" + fn +
                                  "' must be a tuple of integer scalars, "
                                  "got " +
                                  spell(starts->type));
      return nullptr;
    }
    if (*count != rank) {
      diag.error(starts->loc, "'" + fn + "' needs " + llvm::Twine(rank) +
                                  " start indices for " + spell(x) + ", got " +
                                  llvm::Twine(*count));
      return nullptr;
    }
    Shape sliceShape;
    const BuiltinArg *sizeArgument = nullptr;
    const ArrayType *upd = nullptr;
    if (update) {
      sizeArgument = b->get("update");
      upd = arrayArg(fn, "update", sizeArgument);
      if (!upd)
        return nullptr;
      if (upd->getRank() != rank) {
        diag.error(sizeArgument->loc, "the update " + spell(upd) +
                                          " of 'dynamic_update_slice' must "
                                          "have the rank of the operand " +
                                          spell(x));
        return nullptr;
      }
      sliceShape.assign(upd->getShape().begin(), upd->getShape().end());
    } else {
      sizeArgument = b->get("slice_sizes");
      if (!shapeArg(fn, "slice_sizes", sizeArgument, sliceShape))
        return nullptr;
      if (sliceShape.size() != rank) {
        diag.error(sizeArgument->loc,
                   "'dynamic_slice' needs " + llvm::Twine(rank) +
                       " slice sizes for " + spell(x) + ", got " +
                       llvm::Twine(sliceShape.size()));
        return nullptr;
      }
    }
    // Sizes that are not provably too large are accepted; start indices are
    // clamped at run time so that the slice fits, as in JAX.
    for (unsigned i = 0; i < rank; ++i) {
      Dim s = sliceShape[i], d = x->getShape()[i];
      if (s.isStatic() && d.isStatic() && s.size > d.size) {
        diag.error(sizeArgument->loc, "slice size " + llvm::Twine(s.size) +
                                          " of '" + fn +
                                          "' is larger than dimension " +
                                          llvm::Twine(i) + " of " + spell(x));
        return nullptr;
      }
    }
    if (!update)
      return array(x->getDType(), sliceShape, x->isWeak());
    if (upd->getDType() != x->getDType() && !upd->isWeak()) {
      diag.error(sizeArgument->loc, "the update " + spell(upd) +
                                        " of 'dynamic_update_slice' must "
                                        "have the dtype of the operand " +
                                        spell(x));
      return nullptr;
    }
    return x;
  }
  return nullptr;
}
