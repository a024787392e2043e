//===- ArrayBuiltinsCreation.cpp - zeros, full, arange, linspace, eye ----===//
//
// Array creation. Shapes are compile-time values: integers and size
// variables (`zeros((n, 3))`). As in jax.numpy the default dtype is the
// default float (f32), `full` and the `_like` functions take the fill value's
// or the model's dtype, and `arange` needs static bounds.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace jx;
using namespace jx::builtins;

namespace {
/// An `arange` bound: a static number or a size variable.
struct Number {
  bool isFloat = false;
  double f = 0;
  int64_t i = 0;
  std::optional<Dim> size; ///< set for an Int or a Size
};
} // namespace

const Type *Checker::checkCreation(llvm::StringRef fn, SourceLoc loc,
                                   llvm::ArrayRef<BuiltinArg> args) {
  // zeros(shape, dtype=None), ones(shape, dtype=None)
  if (fn == "zeros" || fn == "ones") {
    Param params[] = {req("shape"), opt("dtype"), unsupported("device")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    Shape shape;
    std::optional<DType> dt;
    if (!shapeArg(fn, "shape", b->get("shape"), shape) ||
        !dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    return array(dt.value_or(DType::F32), shape);
  }

  // full(shape, fill_value, dtype=None)
  if (fn == "full") {
    Param params[] = {req("shape"), req("fill_value"), opt("dtype"),
                      unsupported("device")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    Shape shape;
    std::optional<DType> dt;
    if (!shapeArg(fn, "shape", b->get("shape"), shape) ||
        !dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    const BuiltinArg *fillArg = b->get("fill_value");
    const ArrayType *fill = arrayArg(fn, "fill_value", fillArg);
    if (!fill)
      return nullptr;
    if (!canBroadcastTo(fill->getShape(), shape)) {
      diag.error(fillArg->loc, "cannot broadcast the fill value of type " +
                                   spell(fill) + " to shape " +
                                   spellShapeTuple(shape) + " in 'full'");
      return nullptr;
    }
    // lax.full: weak when the dtype comes from a weak fill value.
    return array(dt.value_or(fill->getDType()), shape, !dt && fill->isWeak());
  }

  // zeros_like(a, dtype=None, shape=None), full_like(a, fill_value, ...)
  if (fn == "zeros_like" || fn == "ones_like" || fn == "full_like") {
    bool full = fn == "full_like";
    llvm::SmallVector<Param, 5> params = {req("x", "a")};
    if (full)
      params.push_back(req("fill_value"));
    params.append({opt("dtype"), opt("shape"), unsupported("device")});
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *model = arrayArg(fn, "x", b->get("x"));
    if (!model)
      return nullptr;
    std::optional<DType> dt;
    if (!dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    Shape shape(model->getShape().begin(), model->getShape().end());
    if (!isNone(b->get("shape")) &&
        !shapeArg(fn, "shape", b->get("shape"), shape))
      return nullptr;
    if (full) {
      const BuiltinArg *fillArg = b->get("fill_value");
      const ArrayType *fill = arrayArg(fn, "fill_value", fillArg);
      if (!fill)
        return nullptr;
      if (!canBroadcastTo(fill->getShape(), shape)) {
        diag.error(fillArg->loc, "cannot broadcast the fill value of type " +
                                     spell(fill) + " to shape " +
                                     spellShapeTuple(shape) +
                                     " in 'full_like'");
        return nullptr;
      }
    }
    return array(dt.value_or(model->getDType()), shape, !dt && model->isWeak());
  }

  // arange(start, stop=None, step=None, dtype=None)
  if (fn == "arange") {
    Param params[] = {req("start"), opt("stop"), opt("step"), opt("dtype"),
                      unsupported("device")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    std::optional<DType> dt;
    if (!dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    auto readNumber = [&](llvm::StringRef name,
                          const BuiltinArg *arg) -> std::optional<Number> {
      if (!arg->value) {
        diag.error(arg->loc, "argument '" + name +
                                 "' of 'arange' must be known at compile "
                                 "time (the length of the result depends on "
                                 "it)");
        return std::nullopt;
      }
      Number n;
      const StaticValue &v = *arg->value;
      if (v.kind == StaticValue::Kind::Float) {
        n.isFloat = true;
        n.f = v.floatValue;
        return n;
      }
      if (v.kind == StaticValue::Kind::Int) {
        n.i = v.intValue;
        n.f = static_cast<double>(n.i);
        // A negative bound has no size form; it only matters when static.
        n.size = n.i >= 0 ? Dim::of(n.i) : Dim::of(int64_t(0));
        return n;
      }
      if (v.kind == StaticValue::Kind::Size) {
        n.size = v.size;
        return n;
      }
      diag.error(arg->loc, "argument '" + name +
                               "' of 'arange' must be a number, got " +
                               v.str());
      return std::nullopt;
    };
    const BuiltinArg *startArg = b->get("start");
    const BuiltinArg *stopArg = b->get("stop");
    const BuiltinArg *stepArg = b->get("step");
    Number start, stop, step;
    step.i = 1;
    step.f = 1;
    step.size = Dim::of(int64_t(1));
    if (isNone(stopArg)) {
      auto s = readNumber("start", startArg);
      if (!s)
        return nullptr;
      stop = *s;
      start.size = Dim::of(int64_t(0));
    } else {
      auto s = readNumber("start", startArg), e = readNumber("stop", stopArg);
      if (!s || !e)
        return nullptr;
      start = *s;
      stop = *e;
    }
    if (!isNone(stepArg)) {
      auto s = readNumber("step", stepArg);
      if (!s)
        return nullptr;
      if (s->size && !s->size->isStatic()) {
        diag.error(stepArg->loc, "argument 'step' of 'arange' must be a "
                                 "static number");
        return nullptr;
      }
      step = *s;
      if ((step.isFloat && step.f == 0) || (!step.isFloat && step.i == 0)) {
        diag.error(stepArg->loc, "argument 'step' of 'arange' must not be "
                                 "zero");
        return nullptr;
      }
    }
    bool anyFloat = start.isFloat || stop.isFloat || step.isFloat;
    DType dtype = dt.value_or(anyFloat ? DType::F32 : DType::I32);
    bool symbolic = (start.size && !start.size->isStatic()) ||
                    (stop.size && !stop.size->isStatic());
    Dim len;
    if (!symbolic) {
      double n = std::ceil((stop.f - start.f) / step.f);
      if (!(n < 9.0e18)) { // also catches NaN and infinities
        diag.error(loc, "the result of 'arange' would be too large");
        return nullptr;
      }
      if (!anyFloat) {
        int64_t diff, s = step.i;
        if (llvm::SubOverflow(stop.i, start.i, diff)) {
          diag.error(loc, "the result of 'arange' would be too large");
          return nullptr;
        }
        int64_t q = diff / s;
        if (q * s != diff && ((diff < 0) == (s < 0)))
          ++q; // ceil for same signs
        n = static_cast<double>(q);
      }
      len = Dim::of(n > 0 ? static_cast<int64_t>(n) : 0);
    } else if (anyFloat) {
      diag.error(loc, "'arange' with a size variable needs integer bounds "
                      "and step");
      return nullptr;
    } else {
      SizePoly extent = sizes.polyOf(*stop.size) - sizes.polyOf(*start.size);
      if (step.i == 1)
        len = sizes.dimOf(extent, loc);
      else
        len = sizes.opaque(
            "arange:" + extent.key() + "/" + std::to_string(step.i),
            "ceil((" + extent.spelling() + ")/" + std::to_string(step.i) + ")",
            loc);
    }
    return array(dtype, {len});
  }

  // linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None,
  //          axis=0)
  if (fn == "linspace") {
    Param params[] = {req("start"),    req("stop"),          opt("num"),
                      opt("endpoint"), opt("retstep"),       opt("dtype"),
                      opt("axis"),     unsupported("device")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *start = arrayArg(fn, "start", b->get("start"));
    const ArrayType *stop = arrayArg(fn, "stop", b->get("stop"));
    if (!start || !stop)
      return nullptr;
    Dim num = Dim::of(int64_t(50));
    if (const BuiltinArg *n = b->get("num")) {
      std::optional<Dim> d = sizeArg(fn, "num", n);
      if (!d)
        return nullptr;
      num = *d;
    }
    for (llvm::StringRef flag : {"endpoint", "retstep"})
      if (const BuiltinArg *a = b->get(flag))
        if (!boolArg(fn, flag, a))
          return nullptr;
    bool retstep = false;
    if (const BuiltinArg *a = b->get("retstep"))
      retstep = *boolArg(fn, "retstep", a);
    std::optional<DType> dt;
    if (!dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    std::optional<Shape> bshape = broadcast(loc, start, stop);
    if (!bshape)
      return nullptr;
    int64_t axis = 0;
    if (const BuiltinArg *a = b->get("axis")) {
      std::optional<int64_t> v = intArg(fn, "axis", a);
      if (!v)
        return nullptr;
      axis = *v;
    }
    std::optional<unsigned> pos = normalizeAxis(
        axis, bshape->size() + 1, b->has("axis") ? b->get("axis")->loc : loc);
    if (!pos)
      return nullptr;
    const ArrayType *operands[] = {start, stop};
    DType dtype = dt.value_or(toInexact(promote(operands).dtype));
    Shape shape = *bshape;
    shape.insert(shape.begin() + *pos, num);
    const ArrayType *result = array(dtype, shape);
    if (!retstep)
      return result;
    const Type *elements[] = {result, array(dtype, *bshape)};
    return types.getTuple(elements);
  }

  // eye(N, M=None, k=0, dtype=None)
  if (fn == "eye") {
    Param params[] = {req("N"), opt("M"), opt("k"), opt("dtype"),
                      unsupported("device")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    std::optional<Dim> n = sizeArg(fn, "N", b->get("N"));
    if (!n)
      return nullptr;
    Dim m = *n;
    if (!isNone(b->get("M"))) {
      std::optional<Dim> d = sizeArg(fn, "M", b->get("M"));
      if (!d)
        return nullptr;
      m = *d;
    }
    if (const BuiltinArg *k = b->get("k"))
      if (!intArg(fn, "k", k))
        return nullptr;
    std::optional<DType> dt;
    if (!dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    return array(dt.value_or(DType::F32), {*n, m});
  }
  return nullptr;
}
