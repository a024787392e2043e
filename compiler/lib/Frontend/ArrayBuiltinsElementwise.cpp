//===- ArrayBuiltinsElementwise.cpp - Elementwise functions ---------------===//
//
// The elementwise functions of section 7. Their dtype rules follow
// jax.numpy's ufuncs: transcendental functions promote integers and bool to
// a float (`promote_args_inexact`), `abs floor ceil round` keep the dtype,
// predicates give bool, and the binary ones (`power maximum minimum
// arctan2`) promote their operands and broadcast like the operators.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

using namespace jx;
using namespace jx::builtins;

namespace {
/// How a unary function maps its operand's dtype.
enum class UnaryRule {
  Inexact,    ///< ints and bool become a float
  Numeric,    ///< bool becomes i32
  Keep,       ///< same dtype
  KeepNoBool, ///< same dtype; bool is an error
  Predicate,  ///< bool result
};

std::optional<UnaryRule> unaryRule(llvm::StringRef fn) {
  static const char *const kInexact[] = {
      "exp",   "exp2", "log",  "log1p", "log2",      "expm1",  "sqrt",
      "rsqrt", "sin",  "cos",  "tan",   "arcsin",    "arccos", "arctan",
      "sinh",  "cosh", "tanh", "erf",   "reciprocal"};
  if (llvm::is_contained(kInexact, fn))
    return UnaryRule::Inexact;
  if (fn == "square")
    return UnaryRule::Numeric;
  if (fn == "abs" || fn == "floor" || fn == "ceil")
    return UnaryRule::Keep;
  if (fn == "sign")
    return UnaryRule::KeepNoBool;
  if (fn == "isnan" || fn == "isfinite" || fn == "logical_not")
    return UnaryRule::Predicate;
  return std::nullopt;
}
} // namespace

const Type *Checker::checkElementwise(llvm::StringRef fn, SourceLoc loc,
                                      llvm::ArrayRef<BuiltinArg> args) {
  if (std::optional<UnaryRule> rule = unaryRule(fn)) {
    Param params[] = {req("x")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    DType dt = x->getDType();
    switch (*rule) {
    case UnaryRule::Inexact:
      return array(toInexact(dt), x->getShape(), x->isWeak());
    case UnaryRule::Numeric:
      return array(toNumeric(dt), x->getShape(), x->isWeak());
    case UnaryRule::Keep:
      return x;
    case UnaryRule::KeepNoBool:
      if (dt == DType::Bool) {
        diag.error(b->get("x")->loc, "'" + fn +
                                         "' does not support bool arrays, "
                                         "got " +
                                         spell(x));
        return nullptr;
      }
      return x;
    case UnaryRule::Predicate:
      return array(DType::Bool, x->getShape());
    }
  }

  // round(a, decimals=0)
  if (fn == "round") {
    Param params[] = {req("x", "a"), opt("decimals"), unsupported("out")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    if (const BuiltinArg *d = b->get("decimals"))
      if (!intArg(fn, "decimals", d))
        return nullptr;
    return x;
  }

  // astype(x, dtype)
  if (fn == "astype") {
    Param params[] = {req("x"), req("dtype"), unsupported("copy"),
                      unsupported("device")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    std::optional<DType> dt;
    if (!x || !dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    if (!dt) {
      diag.error(b->get("dtype")->loc,
                 "argument 'dtype' of 'astype' must be a dtype, got none");
      return nullptr;
    }
    return array(*dt, x->getShape());
  }

  // Binary functions: the operator rules under another name.
  if (fn == "power" || fn == "maximum" || fn == "minimum" || fn == "arctan2") {
    Param params[] = {req("x1"), req("x2")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x1 = arrayArg(fn, "x1", b->get("x1"));
    const ArrayType *x2 = arrayArg(fn, "x2", b->get("x2"));
    if (!x1 || !x2)
      return nullptr;
    if (fn == "power")
      return checkBinary(BinaryOp::Pow, fn, loc, x1, x2);
    const ArrayType *operands[] = {x1, x2};
    Promotion p = promote(operands);
    std::optional<Shape> shape = broadcast(loc, x1, x2);
    if (!shape)
      return nullptr;
    DType dt = fn == "arctan2" ? toInexact(p.dtype) : p.dtype;
    return array(dt, *shape, p.weak);
  }

  // clip(x, min=None, max=None): maximum(min, x) then minimum(max, x).
  if (fn == "clip") {
    Param params[] = {req("x", "arr"), opt("min", "a_min"),
                      opt("max", "a_max")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    llvm::SmallVector<const ArrayType *, 3> operands = {x};
    for (llvm::StringRef bound : {"min", "max"}) {
      const BuiltinArg *arg = b->get(bound);
      if (isNone(arg))
        continue;
      const ArrayType *a = arrayArg(fn, bound, arg);
      if (!a)
        return nullptr;
      operands.push_back(a);
    }
    std::optional<Shape> shape = broadcastAll(loc, operands);
    if (!shape)
      return nullptr;
    Promotion p = promote(operands);
    return array(p.dtype, *shape, p.weak);
  }

  // where(condition, x, y)
  if (fn == "where") {
    Param params[] = {req("condition"), opt("x"), opt("y"), unsupported("size"),
                      unsupported("fill_value")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    if (!b->has("x") || !b->has("y")) {
      diag.error(loc, "'where' needs three arguments (condition, x, y); the "
                      "one-argument form is not supported since its result "
                      "size depends on the data");
      return nullptr;
    }
    const ArrayType *c = arrayArg(fn, "condition", b->get("condition"));
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    const ArrayType *y = arrayArg(fn, "y", b->get("y"));
    if (!c || !x || !y)
      return nullptr;
    const ArrayType *all[] = {c, x, y};
    std::optional<Shape> shape = broadcastAll(loc, all);
    if (!shape)
      return nullptr;
    const ArrayType *values[] = {x, y};
    Promotion p = promote(values);
    return array(p.dtype, *shape, p.weak);
  }
  return nullptr;
}
