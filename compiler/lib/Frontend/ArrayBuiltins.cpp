//===- ArrayBuiltins.cpp - Operators, attributes and dispatch ------------===//
//
// The entry points of ArrayBuiltins: broadcasting, the typing of the unary
// and binary operators (including `@`), array attributes, array literals and
// the dispatch of section 7 calls to their families.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

using namespace jx;
using namespace jx::builtins;

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

namespace {
struct BuiltinName {
  llvm::StringLiteral name;
  Family family;
  bool method; ///< usable as `x.name(...)`
};

// clang-format off
constexpr BuiltinName kBuiltins[] = {
    // Creation.
    {"zeros", Family::Creation, false},
    {"ones", Family::Creation, false},
    {"full", Family::Creation, false},
    {"zeros_like", Family::Creation, false},
    {"ones_like", Family::Creation, false},
    {"full_like", Family::Creation, false},
    {"arange", Family::Creation, false},
    {"linspace", Family::Creation, false},
    {"eye", Family::Creation, false},
    // Elementwise.
    {"exp", Family::Elementwise, false},
    {"exp2", Family::Elementwise, false},
    {"log", Family::Elementwise, false},
    {"log1p", Family::Elementwise, false},
    {"log2", Family::Elementwise, false},
    {"expm1", Family::Elementwise, false},
    {"sqrt", Family::Elementwise, false},
    {"rsqrt", Family::Elementwise, false},
    {"sin", Family::Elementwise, false},
    {"cos", Family::Elementwise, false},
    {"tan", Family::Elementwise, false},
    {"arcsin", Family::Elementwise, false},
    {"arccos", Family::Elementwise, false},
    {"arctan", Family::Elementwise, false},
    {"arctan2", Family::Elementwise, false},
    {"sinh", Family::Elementwise, false},
    {"cosh", Family::Elementwise, false},
    {"tanh", Family::Elementwise, false},
    {"abs", Family::Elementwise, false},
    {"sign", Family::Elementwise, false},
    {"floor", Family::Elementwise, false},
    {"ceil", Family::Elementwise, false},
    {"round", Family::Elementwise, true},
    {"square", Family::Elementwise, false},
    {"reciprocal", Family::Elementwise, false},
    {"power", Family::Elementwise, false},
    {"maximum", Family::Elementwise, false},
    {"minimum", Family::Elementwise, false},
    {"clip", Family::Elementwise, true},
    {"where", Family::Elementwise, false},
    {"erf", Family::Elementwise, false},
    {"isnan", Family::Elementwise, false},
    {"isfinite", Family::Elementwise, false},
    {"logical_not", Family::Elementwise, false},
    {"astype", Family::Elementwise, true},
    // Reductions.
    {"sum", Family::Reduction, true},
    {"mean", Family::Reduction, true},
    {"prod", Family::Reduction, true},
    {"max", Family::Reduction, true},
    {"min", Family::Reduction, true},
    {"argmax", Family::Reduction, true},
    {"argmin", Family::Reduction, true},
    {"any", Family::Reduction, true},
    {"all", Family::Reduction, true},
    {"var", Family::Reduction, true},
    {"std", Family::Reduction, true},
    {"cumsum", Family::Reduction, true},
    {"cumprod", Family::Reduction, true},
    // Shape.
    {"reshape", Family::Shape, true},
    {"transpose", Family::Shape, true},
    {"swapaxes", Family::Shape, true},
    {"expand_dims", Family::Shape, false},
    {"squeeze", Family::Shape, true},
    {"broadcast_to", Family::Shape, false},
    {"concatenate", Family::Shape, false},
    {"stack", Family::Shape, false},
    {"flip", Family::Shape, false},
    {"pad", Family::Shape, false},
    {"take", Family::Shape, true},
    {"dynamic_slice", Family::Shape, false},
    {"dynamic_update_slice", Family::Shape, false},
    {"ravel", Family::Shape, true},
    {"flatten", Family::Shape, true},
    // Linear algebra.
    {"dot", Family::Linalg, true},
    {"matmul", Family::Linalg, false},
    {"outer", Family::Linalg, false},
    {"trace", Family::Linalg, true},
    {"diag", Family::Linalg, false},
    {"einsum", Family::Einsum, false},
};
// clang-format on

const BuiltinName *lookup(llvm::StringRef name) {
  for (const BuiltinName &b : kBuiltins)
    if (b.name == name)
      return &b;
  return nullptr;
}
} // namespace

std::optional<Family> builtins::familyOf(llvm::StringRef name) {
  if (const BuiltinName *b = lookup(name))
    return b->family;
  return std::nullopt;
}

bool ArrayBuiltins::isBuiltin(llvm::StringRef name) {
  return lookup(name) != nullptr;
}

bool ArrayBuiltins::isMethod(llvm::StringRef name) {
  const BuiltinName *b = lookup(name);
  return b && b->method;
}

//===----------------------------------------------------------------------===//
// Promotion and broadcasting
//===----------------------------------------------------------------------===//

Promotion Checker::promote(llvm::ArrayRef<const ArrayType *> operands) {
  llvm::SmallVector<std::pair<DType, bool>, 4> ops;
  for (const ArrayType *a : operands)
    ops.push_back({a->getDType(), a->isWeak()});
  return promoteMany(ops);
}

std::optional<Shape> builtins::broadcastDims(llvm::ArrayRef<Dim> a,
                                             llvm::ArrayRef<Dim> b) {
  size_t rank = std::max(a.size(), b.size());
  Shape result(rank, Dim::of(int64_t(1)));
  for (size_t i = 0; i < rank; ++i) {
    // Align from the right.
    bool hasA = i < a.size(), hasB = i < b.size();
    Dim da = hasA ? a[a.size() - 1 - i] : Dim::of(int64_t(1));
    Dim db = hasB ? b[b.size() - 1 - i] : Dim::of(int64_t(1));
    Dim r;
    if (!hasA)
      r = db;
    else if (!hasB)
      r = da;
    else if (da == db)
      r = da;
    else if (da.isStatic() && da.size == 1)
      r = db;
    else if (db.isStatic() && db.size == 1)
      r = da;
    else
      return std::nullopt;
    result[rank - 1 - i] = r;
  }
  return result;
}

std::optional<Shape> Checker::broadcast(SourceLoc loc, const ArrayType *a,
                                        const ArrayType *b) {
  std::optional<Shape> s = broadcastDims(a->getShape(), b->getShape());
  if (!s)
    diag.error(loc, "incompatible shapes for broadcasting: " + spell(a) +
                        " and " + spell(b));
  return s;
}

std::optional<Shape>
Checker::broadcastAll(SourceLoc loc, llvm::ArrayRef<const ArrayType *> arrays) {
  // Pairwise compatibility implies joint compatibility (every dim has at
  // most one size other than 1), so report the first bad pair as written.
  for (size_t i = 0; i < arrays.size(); ++i)
    for (size_t j = i + 1; j < arrays.size(); ++j)
      if (!broadcastDims(arrays[i]->getShape(), arrays[j]->getShape())) {
        diag.error(loc, "incompatible shapes for broadcasting: " +
                            spell(arrays[i]) + " and " + spell(arrays[j]));
        return std::nullopt;
      }
  Shape result;
  for (const ArrayType *a : arrays)
    result = *broadcastDims(result, a->getShape());
  return result;
}

bool Checker::canBroadcastTo(llvm::ArrayRef<Dim> from, llvm::ArrayRef<Dim> to) {
  if (from.size() > to.size())
    return false;
  for (size_t i = 0; i < from.size(); ++i) {
    Dim f = from[from.size() - 1 - i], t = to[to.size() - 1 - i];
    if (f != t && !(f.isStatic() && f.size == 1))
      return false;
  }
  return true;
}

std::optional<Shape> ArrayBuiltins::broadcastShapes(SourceLoc loc,
                                                    const ArrayType *a,
                                                    const ArrayType *b) {
  return Checker(types, diag, symbols()).broadcast(loc, a, b);
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

const Type *Checker::checkUnary(UnaryOp op, SourceLoc loc,
                                const Type *operand) {
  if (!operand)
    return nullptr;
  auto *a = llvm::dyn_cast<ArrayType>(operand);
  if (!a) {
    diag.error(loc, "unsupported operand type for '" + spelling(op) +
                        "': " + spell(operand));
    return nullptr;
  }
  DType dt = a->getDType();
  switch (op) {
  case UnaryOp::Plus:
    return a;
  case UnaryOp::Neg:
    if (dt == DType::Bool) {
      diag.error(loc, "operator '-' is not supported for bool operands: " +
                          spell(a));
      return nullptr;
    }
    return a;
  case UnaryOp::Not:
    if (dt != DType::Bool) {
      diag.error(loc,
                 "operator 'not' requires a bool operand, got " + spell(a));
      return nullptr;
    }
    return a;
  case UnaryOp::BitNot:
    // `~` on bool is logical not, as in NumPy.
    if (isFloat(dt)) {
      diag.error(loc, "operator '~' requires an integer or bool operand, "
                      "got " +
                          spell(a));
      return nullptr;
    }
    return a;
  }
  return a;
}

const Type *Checker::checkBinary(BinaryOp op, llvm::StringRef name,
                                 SourceLoc loc, const Type *lhs,
                                 const Type *rhs) {
  if (!lhs || !rhs)
    return nullptr;
  auto *a = llvm::dyn_cast<ArrayType>(lhs);
  auto *b = llvm::dyn_cast<ArrayType>(rhs);
  if (!a || !b) {
    diag.error(loc, "unsupported operand types for '" + name +
                        "': " + spell(lhs) + " and " + spell(rhs));
    return nullptr;
  }
  if (op == BinaryOp::MatMul)
    return checkMatmul(name, loc, a, b);

  auto operandError = [&](llvm::StringRef requirement) {
    diag.error(loc, "operator '" + name + "' requires " + requirement +
                        ", got " + spell(a) + " and " + spell(b));
    return nullptr;
  };

  // Dtype rules first: a dtype error is usually the more useful one.
  const ArrayType *operands[] = {a, b};
  Promotion p = promote(operands);
  DType dt = p.dtype;
  bool weak = p.weak;
  switch (op) {
  case BinaryOp::Add:
  case BinaryOp::Mul:
    // bool + bool is logical or, bool * bool logical and (jnp.add/multiply).
    break;
  case BinaryOp::Sub:
    if (dt == DType::Bool)
      return operandError("numeric operands (bool subtraction is not "
                          "supported)");
    break;
  case BinaryOp::Div:
    dt = toInexact(dt);
    break;
  case BinaryOp::FloorDiv:
  case BinaryOp::Mod:
  case BinaryOp::Pow:
    dt = toNumeric(dt);
    break;
  case BinaryOp::Eq:
  case BinaryOp::Ne:
  case BinaryOp::Lt:
  case BinaryOp::Le:
  case BinaryOp::Gt:
  case BinaryOp::Ge:
    dt = DType::Bool;
    weak = false;
    break;
  case BinaryOp::And:
  case BinaryOp::Or:
    if (a->getDType() != DType::Bool || b->getDType() != DType::Bool)
      return operandError("bool operands");
    break;
  case BinaryOp::BitAnd:
  case BinaryOp::BitOr:
  case BinaryOp::BitXor:
    if (isFloat(dt))
      return operandError("integer or bool operands");
    break;
  case BinaryOp::Shl:
  case BinaryOp::Shr:
    if (isFloat(dt))
      return operandError("integer operands");
    dt = toNumeric(dt);
    break;
  case BinaryOp::MatMul:
    break;
  }
  std::optional<Shape> shape = broadcast(loc, a, b);
  if (!shape)
    return nullptr;
  return array(dt, *shape, weak);
}

const ArrayType *Checker::checkMatmul(llvm::StringRef name, SourceLoc loc,
                                      const ArrayType *a, const ArrayType *b) {
  if (a->getRank() == 0 || b->getRank() == 0) {
    diag.error(loc, "operands of '" + name +
                        "' must have at least 1 dimension, got " + spell(a) +
                        " and " + spell(b));
    return nullptr;
  }
  llvm::ArrayRef<Dim> sa = a->getShape(), sb = b->getShape();
  bool aVec = sa.size() == 1, bVec = sb.size() == 1;
  Dim ka = sa.back();
  Dim kb = bVec ? sb[0] : sb[sb.size() - 2];
  if (ka != kb) {
    diag.error(loc, "contracting dimensions of '" + name +
                        "' do not match: " + spell(a) + " has " + ka.str() +
                        " and " + spell(b) + " has " + kb.str());
    return nullptr;
  }
  llvm::ArrayRef<Dim> batchA = aVec ? llvm::ArrayRef<Dim>() : sa.drop_back(2);
  llvm::ArrayRef<Dim> batchB = bVec ? llvm::ArrayRef<Dim>() : sb.drop_back(2);
  std::optional<Shape> batch = broadcastDims(batchA, batchB);
  if (!batch) {
    diag.error(loc, "incompatible batch dimensions for '" + name +
                        "': " + spell(a) + " and " + spell(b));
    return nullptr;
  }
  Shape result = *batch;
  if (!aVec)
    result.push_back(sa[sa.size() - 2]);
  if (!bVec)
    result.push_back(sb.back());
  const ArrayType *operands[] = {a, b};
  Promotion p = promote(operands);
  return array(p.dtype, result, p.weak);
}

const Type *ArrayBuiltins::checkUnary(UnaryOp op, SourceLoc loc,
                                      const Type *operand) {
  return Checker(types, diag, symbols()).checkUnary(op, loc, operand);
}

const Type *ArrayBuiltins::checkBinary(BinaryOp op, SourceLoc loc,
                                       const Type *lhs, const Type *rhs) {
  return Checker(types, diag, symbols())
      .checkBinary(op, spelling(op), loc, lhs, rhs);
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

StaticValue ArrayBuiltins::shapeValue(const ArrayType *type) {
  StaticValue v;
  v.kind = StaticValue::Kind::Tuple;
  for (Dim d : type->getShape())
    v.elements.push_back(StaticValue::ofSize(d));
  return v;
}

std::optional<StaticValue> ArrayBuiltins::attributeValue(const Type *base,
                                                         llvm::StringRef name) {
  auto *a = llvm::dyn_cast_or_null<ArrayType>(base);
  if (!a)
    return std::nullopt;
  if (name == "shape")
    return shapeValue(a);
  if (name == "ndim")
    return StaticValue::ofInt(a->getRank());
  if (name == "size")
    return StaticValue::ofSize(
        Checker(types, diag, symbols()).numElements(a->getShape(), {}));
  if (name == "dtype") {
    StaticValue v;
    v.kind = StaticValue::Kind::DType;
    v.dtype = a->getDType();
    return v;
  }
  return std::nullopt;
}

const Type *ArrayBuiltins::checkAttribute(SourceLoc loc, const Type *base,
                                          llvm::StringRef name) {
  auto *a = llvm::dyn_cast_or_null<ArrayType>(base);
  if (!a)
    return nullptr;
  // Python ints: `x.shape[0]`, `x.ndim` and `x.size` are weakly typed i64
  // scalars, so `i * x.shape[0]` keeps the dtype of `i`.
  const ArrayType *index = types.getScalar(DType::I64, /*weak=*/true);
  if (name == "T") {
    Shape s(a->getShape().rbegin(), a->getShape().rend());
    return types.getArray(a->getDType(), s, a->isWeak());
  }
  if (name == "mT") {
    if (a->getRank() < 2) {
      diag.error(loc, "'mT' requires an array of at least 2 dimensions, "
                      "got " +
                          spell(a));
      return nullptr;
    }
    Shape s(a->getShape().begin(), a->getShape().end());
    std::swap(s[s.size() - 1], s[s.size() - 2]);
    return types.getArray(a->getDType(), s, a->isWeak());
  }
  if (name == "shape") {
    std::vector<const Type *> elements(a->getRank(), index);
    return types.getTuple(elements);
  }
  if (name == "ndim" || name == "size")
    return index;
  if (name == "dtype")
    return types.getDTypeVal(a->getDType());
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Array literals and size arithmetic
//===----------------------------------------------------------------------===//

const Type *
ArrayBuiltins::checkArrayLiteral(SourceLoc loc,
                                 llvm::ArrayRef<BuiltinArg> elements) {
  (void)loc;
  if (elements.empty())
    return types.getArray(DType::F32, {Dim::of(int64_t(0))});
  llvm::SmallVector<const ArrayType *, 8> arrays;
  for (const BuiltinArg &e : elements) {
    if (!e.type)
      return nullptr;
    auto *a = llvm::dyn_cast<ArrayType>(e.type);
    if (!a) {
      diag.error(e.loc, "array literal elements must be numbers or arrays, "
                        "got " +
                            spell(e.type));
      return nullptr;
    }
    if (!arrays.empty() && a->getShape() != arrays[0]->getShape()) {
      diag.error(e.loc, "array literal elements must have the same shape: "
                        "the first is " +
                            spell(arrays[0]) + ", this one " + spell(a));
      return nullptr;
    }
    arrays.push_back(a);
  }
  Checker c(types, diag, symbols());
  Promotion p = c.promote(arrays);
  Shape shape;
  shape.push_back(Dim::of(int64_t(arrays.size())));
  shape.append(arrays[0]->getShape().begin(), arrays[0]->getShape().end());
  // jnp.array of a list is strongly typed, even of weak elements.
  return types.getArray(p.dtype, shape, /*weak=*/false);
}

std::optional<Dim> ArrayBuiltins::sizeArithmetic(BinaryOp op, SourceLoc loc,
                                                 Dim lhs, Dim rhs) {
  SizeSymbols &s = symbols();
  if (lhs.isStatic() && rhs.isStatic()) {
    int64_t a = lhs.size, b = rhs.size, r;
    switch (op) {
    case BinaryOp::Add:
      if (llvm::AddOverflow(a, b, r))
        return std::nullopt;
      break;
    case BinaryOp::Sub:
      r = a - b;
      break;
    case BinaryOp::Mul:
      if (llvm::MulOverflow(a, b, r))
        return std::nullopt;
      break;
    case BinaryOp::FloorDiv:
      if (b == 0)
        return std::nullopt;
      r = a / b;
      break;
    default:
      return std::nullopt;
    }
    if (r < 0)
      return std::nullopt;
    return Dim::of(r);
  }
  SizePoly a = s.polyOf(lhs), b = s.polyOf(rhs);
  switch (op) {
  case BinaryOp::Add:
    return s.dimOf(a + b, loc);
  case BinaryOp::Sub:
    if (auto c = (a - b).getConstant(); c && *c < 0)
      return std::nullopt;
    return s.dimOf(a - b, loc);
  case BinaryOp::Mul:
    return s.dimOf(a * b, loc);
  case BinaryOp::FloorDiv: {
    if (rhs.isStatic() && rhs.size == 1)
      return lhs;
    if (auto q = a.divideExactly(b))
      return s.dimOf(*q, loc);
    std::string spellA = a.spelling(), spellB = b.spelling();
    return s.opaque("floordiv:" + a.key() + "/" + b.key(),
                    "(" + spellA + ")//" + spellB, loc);
  }
  default:
    return std::nullopt;
  }
}

//===----------------------------------------------------------------------===//
// Dispatch
//===----------------------------------------------------------------------===//

builtins::SizeSymbols &ArrayBuiltins::symbols() {
  if (!sizeSymbols)
    sizeSymbols = std::make_shared<SizeSymbols>(types);
  return *sizeSymbols;
}

const Type *ArrayBuiltins::checkCall(llvm::StringRef name, SourceLoc loc,
                                     llvm::ArrayRef<BuiltinArg> args) {
  // An argument whose type is unknown already had its error reported.
  for (const BuiltinArg &a : args)
    if (!a.type)
      return nullptr;
  std::optional<Family> family = familyOf(name);
  if (!family) {
    diag.error(loc, "unknown built-in '" + name + "'");
    return nullptr;
  }
  Checker c(types, diag, symbols());
  switch (*family) {
  case Family::Creation:
    return c.checkCreation(name, loc, args);
  case Family::Elementwise:
    return c.checkElementwise(name, loc, args);
  case Family::Reduction:
    return c.checkReduction(name, loc, args);
  case Family::Shape:
    return c.checkShapeOp(name, loc, args);
  case Family::Linalg:
    return c.checkLinalg(name, loc, args);
  case Family::Einsum:
    return c.checkEinsum(loc, args);
  }
  return nullptr;
}

const Type *ArrayBuiltins::checkIndex(SourceLoc loc, const Type *base,
                                      llvm::ArrayRef<IndexArg> items) {
  return Checker(types, diag, symbols()).checkIndex(loc, base, items);
}

const Type *ArrayBuiltins::checkAtUpdate(SourceLoc loc, const Type *base,
                                         llvm::ArrayRef<IndexArg> items,
                                         llvm::StringRef method,
                                         llvm::ArrayRef<BuiltinArg> args) {
  return Checker(types, diag, symbols())
      .checkAtUpdate(loc, base, items, method, args);
}
