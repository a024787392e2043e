//===- ArrayBuiltinsReductions.cpp - sum, mean, argmax, cumsum, ... ------===//
//
// Reductions over `axis=` (an int, a tuple of ints or none for all axes,
// negative axes allowed) with `keepdims=`. Result dtypes follow jax.numpy:
// sum/prod promote bool to the default int, mean/var/std give a float for
// integer input (`to_inexact_dtype`), argmax/argmin give the default int
// (i32), any/all give bool. Reductions give strongly typed results, as
// jax.numpy's end in a `convert_element_type`.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

using namespace jx;
using namespace jx::builtins;

const Type *Checker::checkReduction(llvm::StringRef fn, SourceLoc loc,
                                    llvm::ArrayRef<BuiltinArg> args) {
  // The parameters in jax.numpy's positional order.
  llvm::SmallVector<Param, 9> params;
  bool isSumProd = fn == "sum" || fn == "prod";
  bool isMaxMin = fn == "max" || fn == "min";
  bool isAnyAll = fn == "any" || fn == "all";
  bool isArg = fn == "argmax" || fn == "argmin";
  bool isVar = fn == "var" || fn == "std";
  bool isCum = fn == "cumsum" || fn == "cumprod";
  params.push_back(req("x", "a"));
  params.push_back(opt("axis"));
  if (isSumProd)
    params.append({opt("dtype"), unsupported("out"), opt("keepdims"),
                   unsupported("initial"), unsupported("where"),
                   unsupported("promote_integers")});
  else if (isMaxMin)
    params.append({unsupported("out"), opt("keepdims"), unsupported("initial"),
                   unsupported("where")});
  else if (isAnyAll)
    params.append({unsupported("out"), opt("keepdims"), unsupported("where")});
  else if (fn == "mean")
    params.append({opt("dtype"), unsupported("out"), opt("keepdims"),
                   unsupported("where")});
  else if (isVar)
    params.append({opt("dtype"), unsupported("out"), opt("ddof"),
                   opt("keepdims"), unsupported("where"),
                   unsupported("correction")});
  else if (isArg)
    params.append({unsupported("out"), opt("keepdims")});
  else if (isCum)
    params.append({opt("dtype"), unsupported("out")});

  auto b = bind(fn, loc, args, params);
  if (!b)
    return nullptr;
  const BuiltinArg *xArg = b->get("x");
  const ArrayType *x = arrayArg(fn, "x", xArg);
  if (!x)
    return nullptr;
  std::optional<DType> dt;
  if (!dtypeArg(fn, "dtype", b->get("dtype"), dt))
    return nullptr;
  bool keepdims = false;
  if (const BuiltinArg *k = b->get("keepdims")) {
    if (!isNone(k)) {
      std::optional<bool> v = boolArg(fn, "keepdims", k);
      if (!v)
        return nullptr;
      keepdims = *v;
    }
  }
  if (const BuiltinArg *d = b->get("ddof"))
    if (!numberArg(fn, "ddof", d))
      return nullptr;

  llvm::ArrayRef<Dim> shape = x->getShape();
  llvm::SmallVector<unsigned, 4> axes;
  bool isAll = false;
  // argmax/argmin and the cumulative ones take a single axis.
  if (!axesArg(fn, b->get("axis"), x->getRank(), axes, isAll,
               /*allowTuple=*/!isArg && !isCum))
    return nullptr;

  DType in = x->getDType();
  if (isCum) {
    DType out = dt.value_or(in == DType::Bool ? DType::I32 : in);
    if (isAll)
      return array(out, {numElements(shape, loc)});
    return array(out, shape);
  }

  // Reductions without an identity cannot reduce an empty axis.
  if (isMaxMin || isArg) {
    for (unsigned a : axes)
      if (shape[a].isStatic() && shape[a].size == 0) {
        diag.error(xArg->loc, "zero-size array to reduction operation '" + fn +
                                  "' which has no identity: " + spell(x));
        return nullptr;
      }
  }

  DType out = in;
  if (isSumProd)
    out = dt.value_or(toNumeric(in));
  else if (isAnyAll)
    out = DType::Bool;
  else if (isArg)
    out = DType::I32;
  else if (fn == "mean")
    out = dt.value_or(toInexact(in));
  else if (isVar) {
    if (dt && !isFloat(*dt)) {
      diag.error(b->get("dtype")->loc,
                 "argument 'dtype' of '" + fn +
                     "' must be a floating-point dtype, got " + dtypeName(*dt));
      return nullptr;
    }
    out = dt.value_or(toInexact(in));
  }

  Shape result;
  for (unsigned i = 0; i < shape.size(); ++i) {
    if (!llvm::is_contained(axes, i))
      result.push_back(shape[i]);
    else if (keepdims)
      result.push_back(Dim::of(int64_t(1)));
  }
  return array(out, result);
}
