//===- ArrayBuiltinsArgs.cpp - Symbolic sizes and argument binding -------===//
//
// The machinery every family shares: polynomials over size variables for
// derived sizes, Python-style binding of positional and keyword arguments,
// and the extraction of compile-time arguments (axes, shapes, dtypes).
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cmath>

using namespace jx;
using namespace jx::builtins;

//===----------------------------------------------------------------------===//
// Spelling
//===----------------------------------------------------------------------===//

std::string builtins::spell(const Type *type) {
  return type ? typeToString(type) : std::string("<unknown>");
}

std::string builtins::spellShapeTuple(llvm::ArrayRef<Dim> shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += shape[i].str();
  }
  if (shape.size() == 1)
    s += ",";
  return s + ")";
}

//===----------------------------------------------------------------------===//
// SizePoly
//===----------------------------------------------------------------------===//

bool SizePoly::MonomialLess::operator()(const Monomial &a,
                                        const Monomial &b) const {
  // Higher degree first, then by variable id: `n*m+n+1`.
  if (a.size() != b.size())
    return a.size() > b.size();
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i]->id != b[i]->id)
      return a[i]->id < b[i]->id;
  return false;
}

SizePoly SizePoly::constant(int64_t value) {
  SizePoly p;
  if (value != 0)
    p.terms[{}] = value;
  return p;
}

SizePoly SizePoly::variable(const SizeVar *var) {
  SizePoly p;
  p.terms[{var}] = 1;
  return p;
}

void SizePoly::normalize() {
  for (auto it = terms.begin(); it != terms.end();)
    it = it->second == 0 ? terms.erase(it) : std::next(it);
}

// Coefficients wrap on overflow (absurd sizes) instead of being undefined.
SizePoly SizePoly::operator+(const SizePoly &o) const {
  SizePoly r = *this;
  for (const auto &[m, c] : o.terms) {
    int64_t &slot = r.terms[m];
    llvm::AddOverflow(slot, c, slot);
  }
  r.normalize();
  return r;
}

SizePoly SizePoly::operator-(const SizePoly &o) const {
  SizePoly r = *this;
  for (const auto &[m, c] : o.terms) {
    int64_t &slot = r.terms[m];
    llvm::SubOverflow(slot, c, slot);
  }
  r.normalize();
  return r;
}

SizePoly SizePoly::operator*(const SizePoly &o) const {
  SizePoly r;
  for (const auto &[ma, ca] : terms)
    for (const auto &[mb, cb] : o.terms) {
      Monomial m = ma;
      m.insert(m.end(), mb.begin(), mb.end());
      llvm::sort(
          m, [](const SizeVar *x, const SizeVar *y) { return x->id < y->id; });
      int64_t product, &slot = r.terms[m];
      llvm::MulOverflow(ca, cb, product);
      llvm::AddOverflow(slot, product, slot);
    }
  r.normalize();
  return r;
}

std::optional<int64_t> SizePoly::getConstant() const {
  if (terms.empty())
    return 0;
  if (terms.size() == 1 && terms.begin()->first.empty())
    return terms.begin()->second;
  return std::nullopt;
}

const SizeVar *SizePoly::getVariable() const {
  if (terms.size() != 1)
    return nullptr;
  const auto &[m, c] = *terms.begin();
  return m.size() == 1 && c == 1 ? m[0] : nullptr;
}

std::optional<SizePoly> SizePoly::divideExactly(const SizePoly &divisor) const {
  if (divisor.terms.size() != 1)
    return std::nullopt;
  const auto &[dm, dc] = *divisor.terms.begin();
  if (dc == 0)
    return std::nullopt;
  SizePoly q;
  for (const auto &[m, c] : terms) {
    if (c % dc != 0)
      return std::nullopt;
    // Remove the divisor's variables from the monomial (multiset minus).
    Monomial rest = m;
    for (const SizeVar *v : dm) {
      auto it = llvm::find(rest, v);
      if (it == rest.end())
        return std::nullopt;
      rest.erase(it);
    }
    q.terms[rest] += c / dc;
  }
  q.normalize();
  return q;
}

std::string SizePoly::spelling() const {
  if (terms.empty())
    return "0";
  std::string s;
  bool first = true;
  for (const auto &[m, c] : terms) {
    int64_t mag = c < 0 ? -c : c;
    if (c < 0)
      s += "-";
    else if (!first)
      s += "+";
    first = false;
    std::string mono;
    for (const SizeVar *v : m) {
      if (!mono.empty())
        mono += "*";
      // A derived variable's spelling is an expression: parenthesize it.
      bool paren =
          v->derived && v->name.find_first_of("+-*") != std::string::npos;
      mono += paren ? "(" + v->name + ")" : v->name;
    }
    if (mono.empty())
      s += std::to_string(mag);
    else if (mag != 1)
      s += std::to_string(mag) + "*" + mono;
    else
      s += mono;
  }
  return s;
}

std::string SizePoly::key() const {
  std::string s;
  for (const auto &[m, c] : terms) {
    s += std::to_string(c);
    for (const SizeVar *v : m)
      s += "*#" + std::to_string(v->id);
    s += ";";
  }
  return s;
}

//===----------------------------------------------------------------------===//
// SizeSymbols
//===----------------------------------------------------------------------===//

SizePoly SizeSymbols::polyOf(Dim dim) const {
  if (dim.isStatic())
    return SizePoly::constant(dim.size);
  auto it = derivedPolys.find(dim.var);
  if (it != derivedPolys.end())
    return it->second;
  return SizePoly::variable(dim.var);
}

Dim SizeSymbols::dimOf(const SizePoly &poly, SourceLoc loc) {
  if (auto c = poly.getConstant())
    return Dim::of(std::max<int64_t>(*c, 0));
  if (const SizeVar *v = poly.getVariable())
    return Dim::of(v);
  std::string key = "poly:" + poly.key();
  auto it = byKey.find(key);
  if (it != byKey.end())
    return Dim::of(it->second);
  const SizeVar *v = types.newSizeVar(poly.spelling(), loc, /*derived=*/true);
  byKey[key] = v;
  derivedPolys.emplace(v, poly);
  return Dim::of(v);
}

Dim SizeSymbols::opaque(const std::string &key, const std::string &spelling,
                        SourceLoc loc) {
  std::string fullKey = "opaque:" + key;
  auto it = byKey.find(fullKey);
  if (it != byKey.end())
    return Dim::of(it->second);
  const SizeVar *v = types.newSizeVar(spelling, loc, /*derived=*/true);
  byKey[fullKey] = v;
  return Dim::of(v);
}

//===----------------------------------------------------------------------===//
// Common helpers
//===----------------------------------------------------------------------===//

SizePoly Checker::productPoly(llvm::ArrayRef<Dim> shape) const {
  SizePoly p = SizePoly::constant(1);
  for (Dim d : shape)
    p = p * sizes.polyOf(d);
  return p;
}

Dim Checker::numElements(llvm::ArrayRef<Dim> shape, SourceLoc loc) {
  return sizes.dimOf(productPoly(shape), loc);
}

//===----------------------------------------------------------------------===//
// Binding
//===----------------------------------------------------------------------===//

const BuiltinArg *BoundArgs::get(llvm::StringRef name) const {
  for (const auto &[n, arg] : slots)
    if (n == name)
      return arg;
  return nullptr;
}

bool Checker::isNone(const BuiltinArg *arg) {
  if (!arg)
    return true;
  if (arg->value && arg->value->kind == StaticValue::Kind::None)
    return true;
  return arg->type && arg->type->getKind() == Type::Kind::None;
}

std::optional<BoundArgs> Checker::bind(llvm::StringRef fn, SourceLoc loc,
                                       llvm::ArrayRef<BuiltinArg> args,
                                       llvm::ArrayRef<Param> params,
                                       bool variadic) {
  BoundArgs bound;
  llvm::SmallVector<const BuiltinArg *, 8> slots(params.size(), nullptr);
  bool ok = true, reportedExtra = false;
  size_t nextPositional = 0;
  for (const BuiltinArg &arg : args) {
    if (arg.keyword.empty()) {
      if (nextPositional < params.size()) {
        slots[nextPositional++] = &arg;
        continue;
      }
      if (variadic) {
        bound.rest.push_back(&arg);
        continue;
      }
      if (!reportedExtra) {
        size_t numPositional = llvm::count_if(
            args, [](const BuiltinArg &a) { return a.keyword.empty(); });
        diag.error(arg.loc, "too many positional arguments for '" + fn +
                                "': expected at most " +
                                llvm::Twine(params.size()) + ", got " +
                                llvm::Twine(numPositional));
      }
      reportedExtra = true;
      ok = false;
      continue;
    }
    auto it = llvm::find_if(params, [&](const Param &p) {
      return p.name == arg.keyword ||
             (!p.alias.empty() && p.alias == arg.keyword);
    });
    if (it == params.end()) {
      diag.error(arg.loc, "unexpected keyword argument '" + arg.keyword +
                              "' for '" + fn + "'");
      ok = false;
      continue;
    }
    size_t index = it - params.begin();
    if (slots[index]) {
      diag.error(arg.loc, "multiple values for argument '" + it->name +
                              "' of '" + fn + "'");
      ok = false;
      continue;
    }
    slots[index] = &arg;
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const Param &p = params[i];
    if (!slots[i]) {
      if (p.required) {
        diag.error(loc, "missing argument '" + p.name + "' for '" + fn + "'");
        ok = false;
      }
      continue;
    }
    if (!p.supported && !isNone(slots[i])) {
      diag.error(slots[i]->loc,
                 "argument '" + p.name + "' of '" + fn + "' is not supported");
      ok = false;
      continue;
    }
    bound.slots.push_back({p.name, slots[i]});
  }
  if (!ok)
    return std::nullopt;
  return bound;
}

//===----------------------------------------------------------------------===//
// Argument extraction
//===----------------------------------------------------------------------===//

namespace {
std::string got(const BuiltinArg *arg) {
  if (arg->value)
    return arg->value->str();
  if (arg->type)
    return typeToString(arg->type);
  if (arg->value)
    return arg->value->str();
  return "<unknown>";
}
} // namespace

const ArrayType *Checker::arrayArg(llvm::StringRef fn, llvm::StringRef param,
                                   const BuiltinArg *arg) {
  if (!arg)
    return nullptr;
  if (auto *a = llvm::dyn_cast_or_null<ArrayType>(arg->type))
    return a;
  diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                           "' must be an array, got " + got(arg));
  return nullptr;
}

static bool needStatic(DiagnosticEngine &diag, llvm::StringRef fn,
                       llvm::StringRef param, const BuiltinArg *arg,
                       llvm::StringRef what) {
  if (arg->value)
    return true;
  diag.error(arg->loc, "argument '" + param + "' of '" + fn + "' must be " +
                           what + " known at compile time");
  return false;
}

std::optional<int64_t> Checker::intArg(llvm::StringRef fn,
                                       llvm::StringRef param,
                                       const BuiltinArg *arg) {
  if (!needStatic(diag, fn, param, arg, "an integer"))
    return std::nullopt;
  if (arg->value->kind == StaticValue::Kind::Int)
    return arg->value->intValue;
  diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                           "' must be an integer, got " + got(arg));
  return std::nullopt;
}

std::optional<double> Checker::numberArg(llvm::StringRef fn,
                                         llvm::StringRef param,
                                         const BuiltinArg *arg) {
  if (!needStatic(diag, fn, param, arg, "a number"))
    return std::nullopt;
  if (arg->value->kind == StaticValue::Kind::Int)
    return static_cast<double>(arg->value->intValue);
  if (arg->value->kind == StaticValue::Kind::Float)
    return arg->value->floatValue;
  diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                           "' must be a number, got " + got(arg));
  return std::nullopt;
}

std::optional<bool> Checker::boolArg(llvm::StringRef fn, llvm::StringRef param,
                                     const BuiltinArg *arg) {
  if (!needStatic(diag, fn, param, arg, "a bool"))
    return std::nullopt;
  if (arg->value->kind == StaticValue::Kind::Bool)
    return arg->value->boolValue;
  diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                           "' must be a bool, got " + got(arg));
  return std::nullopt;
}

std::optional<std::string> Checker::stringArg(llvm::StringRef fn,
                                              llvm::StringRef param,
                                              const BuiltinArg *arg) {
  if (!needStatic(diag, fn, param, arg, "a string"))
    return std::nullopt;
  if (arg->value->kind == StaticValue::Kind::String)
    return arg->value->string;
  diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                           "' must be a string, got " + got(arg));
  return std::nullopt;
}

std::optional<Dim> Checker::sizeArg(llvm::StringRef fn, llvm::StringRef param,
                                    const BuiltinArg *arg) {
  if (!needStatic(diag, fn, param, arg, "a size"))
    return std::nullopt;
  const StaticValue &v = *arg->value;
  if (v.kind == StaticValue::Kind::Int && v.intValue < 0) {
    diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                             "' must not be negative, got " +
                             llvm::Twine(v.intValue));
    return std::nullopt;
  }
  std::optional<Dim> d = v.asDim();
  if (!d)
    diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                             "' must be an integer or a size variable, got " +
                             got(arg));
  return d;
}

bool Checker::dtypeArg(llvm::StringRef fn, llvm::StringRef param,
                       const BuiltinArg *arg, std::optional<DType> &out) {
  out.reset();
  if (isNone(arg))
    return true;
  if (auto *d = llvm::dyn_cast_or_null<DTypeValType>(arg->type)) {
    out = d->getDType();
    return true;
  }
  if (arg->value && arg->value->kind == StaticValue::Kind::DType) {
    out = arg->value->dtype;
    return true;
  }
  if (arg->value && arg->value->kind == StaticValue::Kind::String) {
    if (auto d = parseDType(arg->value->string)) {
      out = *d;
      return true;
    }
  }
  diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                           "' must be a dtype, got " + got(arg));
  return false;
}

bool Checker::shapeArg(llvm::StringRef fn, llvm::StringRef param,
                       const BuiltinArg *arg, Shape &out, bool allowInfer,
                       int *inferred) {
  out.clear();
  if (inferred)
    *inferred = -1;
  if (!needStatic(diag, fn, param, arg, "a shape"))
    return false;
  llvm::SmallVector<const StaticValue *, 4> entries;
  if (arg->value->kind == StaticValue::Kind::Tuple) {
    for (const StaticValue &e : arg->value->elements)
      entries.push_back(&e);
  } else {
    entries.push_back(&*arg->value);
  }
  for (const StaticValue *e : entries) {
    // Dim::of(-1) would read as a dynamic dim: look at negative ints first.
    if (e->kind == StaticValue::Kind::Int && e->intValue < 0) {
      if (allowInfer && e->intValue == -1 && inferred) {
        if (*inferred >= 0) {
          diag.error(arg->loc, "can only specify one unknown dimension in "
                               "argument '" +
                                   param + "' of '" + fn + "'");
          return false;
        }
        *inferred = out.size();
        out.push_back(Dim::of(int64_t(1))); // placeholder
        continue;
      }
      diag.error(arg->loc, "negative dimension " + llvm::Twine(e->intValue) +
                               " in argument '" + param + "' of '" + fn + "'");
      return false;
    }
    std::optional<Dim> d = e->asDim();
    if (!d) {
      diag.error(arg->loc, "argument '" + param + "' of '" + fn +
                               "' must be a shape (a tuple of integers and "
                               "size variables), got " +
                               got(arg));
      return false;
    }
    out.push_back(*d);
  }
  return true;
}

bool Checker::intListArg(llvm::StringRef fn, llvm::StringRef param,
                         const BuiltinArg *arg,
                         llvm::SmallVectorImpl<int64_t> &out,
                         bool allowScalar) {
  out.clear();
  if (!needStatic(diag, fn, param, arg, "a tuple of integers"))
    return false;
  const StaticValue &v = *arg->value;
  if (v.kind == StaticValue::Kind::Int && allowScalar) {
    out.push_back(v.intValue);
    return true;
  }
  if (v.kind == StaticValue::Kind::Tuple) {
    bool ok = llvm::all_of(v.elements, [](const StaticValue &e) {
      return e.kind == StaticValue::Kind::Int;
    });
    if (ok) {
      for (const StaticValue &e : v.elements)
        out.push_back(e.intValue);
      return true;
    }
  }
  diag.error(arg->loc, "argument '" + param + "' of '" + fn + "' must be " +
                           (allowScalar ? "an integer or " : "") +
                           "a tuple of integers, got " + got(arg));
  return false;
}

std::optional<unsigned> Checker::normalizeAxis(int64_t axis, unsigned rank,
                                               SourceLoc loc) {
  int64_t r = rank;
  if (axis < -r || axis >= r) {
    diag.error(loc, "axis " + llvm::Twine(axis) +
                        " is out of bounds for array of dimension " +
                        llvm::Twine(rank));
    return std::nullopt;
  }
  return static_cast<unsigned>(axis < 0 ? axis + r : axis);
}

bool Checker::axesArg(llvm::StringRef fn, const BuiltinArg *arg, unsigned rank,
                      llvm::SmallVectorImpl<unsigned> &out, bool &isAll,
                      bool allowTuple) {
  out.clear();
  isAll = false;
  if (isNone(arg)) {
    isAll = true;
    for (unsigned i = 0; i < rank; ++i)
      out.push_back(i);
    return true;
  }
  if (!arg->value) {
    diag.error(arg->loc,
               "argument 'axis' of '" + fn + "' must be known at compile time");
    return false;
  }
  llvm::SmallVector<int64_t, 4> raw;
  const StaticValue &v = *arg->value;
  if (v.kind == StaticValue::Kind::Int) {
    raw.push_back(v.intValue);
  } else if (v.kind == StaticValue::Kind::Tuple && allowTuple &&
             llvm::all_of(v.elements, [](const StaticValue &e) {
               return e.kind == StaticValue::Kind::Int;
             })) {
    for (const StaticValue &e : v.elements)
      raw.push_back(e.intValue);
  } else {
    diag.error(arg->loc, "argument 'axis' of '" + fn + "' must be " +
                             (allowTuple ? "an integer, a tuple of integers "
                                           "or none"
                                         : "an integer or none") +
                             ", got " + got(arg));
    return false;
  }
  for (int64_t a : raw) {
    std::optional<unsigned> n = normalizeAxis(a, rank, arg->loc);
    if (!n)
      return false;
    if (llvm::is_contained(out, *n)) {
      diag.error(arg->loc, "duplicate value in 'axis': " + v.str());
      return false;
    }
    out.push_back(*n);
  }
  return true;
}
