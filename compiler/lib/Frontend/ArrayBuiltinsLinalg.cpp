//===- ArrayBuiltinsLinalg.cpp - dot, matmul, outer, trace, diag ---------===//
//
// Linear algebra with NumPy's shape rules. `matmul` shares its rule with the
// `@` operator (ArrayBuiltins.cpp); einsum lives in ArrayBuiltinsEinsum.cpp.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

#include <cstdint>

using namespace jx;
using namespace jx::builtins;

const Type *Checker::checkLinalg(llvm::StringRef fn, SourceLoc loc,
                                 llvm::ArrayRef<BuiltinArg> args) {
  // dot(a, b), matmul(a, b), outer(a, b)
  if (fn == "dot" || fn == "matmul" || fn == "outer") {
    llvm::SmallVector<Param, 4> params = {req("a"), req("b")};
    if (fn == "outer")
      params.push_back(unsupported("out"));
    else
      params.append(
          {unsupported("precision"), unsupported("preferred_element_type")});
    auto bound = bind(fn, loc, args, params);
    if (!bound)
      return nullptr;
    const ArrayType *a = arrayArg(fn, "a", bound->get("a"));
    const ArrayType *b = arrayArg(fn, "b", bound->get("b"));
    if (!a || !b)
      return nullptr;
    const ArrayType *operands[] = {a, b};
    Promotion p = promote(operands);
    if (fn == "matmul")
      return checkMatmul(fn, loc, a, b);
    if (fn == "outer")
      return array(
          p.dtype,
          {numElements(a->getShape(), loc), numElements(b->getShape(), loc)},
          p.weak);
    // dot: a scalar operand multiplies; otherwise contract the last axis of
    // `a` with the only axis of a vector `b`, else with `b`'s second-last.
    if (a->isScalar() || b->isScalar())
      return checkBinary(BinaryOp::Mul, fn, loc, a, b);
    llvm::ArrayRef<Dim> sa = a->getShape(), sb = b->getShape();
    Dim ka = sa.back();
    Dim kb = sb.size() == 1 ? sb[0] : sb[sb.size() - 2];
    if (ka != kb) {
      diag.error(loc, "contracting dimensions of 'dot' do not match: " +
                          spell(a) + " has " + ka.str() + " and " + spell(b) +
                          " has " + kb.str());
      return nullptr;
    }
    Shape r(sa.begin(), sa.end() - 1);
    if (sb.size() >= 2) {
      r.append(sb.begin(), sb.end() - 2);
      r.push_back(sb.back());
    }
    return array(p.dtype, r, p.weak);
  }

  // trace(a, offset=0, axis1=0, axis2=1, dtype=None)
  if (fn == "trace") {
    Param params[] = {req("x", "a"), opt("offset"), opt("axis1"),
                      opt("axis2"),  opt("dtype"),  unsupported("out")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    if (x->getRank() < 2) {
      diag.error(b->get("x")->loc, "'trace' needs an array of at least 2 "
                                   "dimensions, got " +
                                       spell(x));
      return nullptr;
    }
    if (const BuiltinArg *o = b->get("offset"))
      if (!intArg(fn, "offset", o))
        return nullptr;
    int64_t raw[2] = {0, 1};
    unsigned axes[2];
    const char *names[2] = {"axis1", "axis2"};
    for (int i = 0; i < 2; ++i) {
      const BuiltinArg *a = b->get(names[i]);
      if (a) {
        std::optional<int64_t> v = intArg(fn, names[i], a);
        if (!v)
          return nullptr;
        raw[i] = *v;
      }
      auto n = normalizeAxis(raw[i], x->getRank(), a ? a->loc : loc);
      if (!n)
        return nullptr;
      axes[i] = *n;
    }
    if (axes[0] == axes[1]) {
      diag.error(loc, "'axis1' and 'axis2' of 'trace' must differ, both "
                      "are " +
                          llvm::Twine(axes[0]));
      return nullptr;
    }
    std::optional<DType> dt;
    if (!dtypeArg(fn, "dtype", b->get("dtype"), dt))
      return nullptr;
    Shape r;
    for (unsigned i = 0; i < x->getRank(); ++i)
      if (i != axes[0] && i != axes[1])
        r.push_back(x->getShape()[i]);
    return array(dt.value_or(toNumeric(x->getDType())), r);
  }

  // diag(v, k=0)
  if (fn == "diag") {
    Param params[] = {req("x", "v"), opt("k")};
    auto b = bind(fn, loc, args, params);
    if (!b)
      return nullptr;
    const ArrayType *x = arrayArg(fn, "x", b->get("x"));
    if (!x)
      return nullptr;
    int64_t k = 0;
    if (const BuiltinArg *kArg = b->get("k")) {
      std::optional<int64_t> v = intArg(fn, "k", kArg);
      if (!v)
        return nullptr;
      k = *v;
    }
    int64_t absK = k;
    if (k < 0 && llvm::SubOverflow(int64_t(0), k, absK))
      absK = INT64_MAX;
    if (x->getRank() == 1) {
      Dim n = sizes.dimOf(
          sizes.polyOf(x->getShape()[0]) + SizePoly::constant(absK), loc);
      return array(x->getDType(), {n, n}, x->isWeak());
    }
    if (x->getRank() != 2) {
      diag.error(b->get("x")->loc,
                 "'diag' needs a 1-D or 2-D array, got " + spell(x));
      return nullptr;
    }
    Dim r = x->getShape()[0], c = x->getShape()[1];
    Dim len;
    if (r.isStatic() && c.isStatic()) {
      int64_t l =
          k >= 0 ? std::min(r.size, c.size - k) : std::min(r.size + k, c.size);
      len = Dim::of(std::max<int64_t>(l, 0));
    } else if (r == c) {
      // A square matrix: n - |k| (assuming |k| <= n).
      len = sizes.dimOf(sizes.polyOf(r) - SizePoly::constant(absK), loc);
    } else {
      std::string key = "diag:" + sizes.polyOf(r).key() + "," +
                        sizes.polyOf(c).key() + "," + std::to_string(k);
      std::string text = "len(diag(" + r.str() + "x" + c.str() +
                         (k ? ", " + std::to_string(k) : "") + "))";
      if (k == 0)
        text = "min(" + r.str() + ", " + c.str() + ")";
      len = sizes.opaque(key, text, loc);
    }
    return array(x->getDType(), {len}, x->isWeak());
  }
  return nullptr;
}
