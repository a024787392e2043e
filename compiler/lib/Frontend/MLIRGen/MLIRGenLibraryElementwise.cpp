//===- MLIRGenLibraryElementwise.cpp - Elementwise functions --------------===//
//
// The elementwise functions of section 7. Operands are converted to the
// dtype Sema chose and broadcast explicitly; each function is one jx op or a
// short sequence (clip, round with decimals, where with a bool condition).
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace jx;
using mlir::Value;
namespace dialect = mlir::jx;

namespace {
/// Builds one elementwise op of the operands' type.
using UnaryBuilder = Value (*)(mlir::OpBuilder &, mlir::Location, Value);
template <typename Op>
Value unary(mlir::OpBuilder &b, mlir::Location l, Value x) {
  return Op::create(b, l, x.getType(), x);
}
} // namespace

/// The op of a float function (its operand already has the float type).
static UnaryBuilder floatUnary(llvm::StringRef fn) {
  return llvm::StringSwitch<UnaryBuilder>(fn)
      .Case("exp", unary<dialect::ExpOp>)
      .Case("exp2", unary<dialect::Exp2Op>)
      .Case("log", unary<dialect::LogOp>)
      .Case("log1p", unary<dialect::Log1pOp>)
      .Case("log2", unary<dialect::Log2Op>)
      .Case("expm1", unary<dialect::Expm1Op>)
      .Case("sqrt", unary<dialect::SqrtOp>)
      .Case("rsqrt", unary<dialect::RsqrtOp>)
      .Case("sin", unary<dialect::SinOp>)
      .Case("cos", unary<dialect::CosOp>)
      .Case("tan", unary<dialect::TanOp>)
      .Case("arcsin", unary<dialect::AsinOp>)
      .Case("arccos", unary<dialect::AcosOp>)
      .Case("arctan", unary<dialect::AtanOp>)
      .Case("sinh", unary<dialect::SinhOp>)
      .Case("cosh", unary<dialect::CoshOp>)
      .Case("tanh", unary<dialect::TanhOp>)
      .Case("erf", unary<dialect::ErfOp>)
      .Case("reciprocal", unary<dialect::ReciprocalOp>)
      .Case("floor", unary<dialect::FloorOp>)
      .Case("ceil", unary<dialect::CeilOp>)
      .Case("round", unary<dialect::RoundOp>)
      .Default(nullptr);
}

std::optional<ValueTree> MLIRGenerator::genElementwise(LibCall &call) {
  llvm::StringRef fn = call.name;
  SourceLoc at = call.loc;
  mlir::Location l = loc(at);
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  if (!result)
    return fail(at, "internal error: '" + fn + "' without an array type");
  DType rd = result->getDType();
  mlir::Type element = elementType(rd);

  // Lowers an argument and converts/broadcasts it to the result's dtype and
  // shape (or to `dtype` with the result's shape).
  auto operand = [&](llvm::StringRef param,
                     std::optional<DType> dtype = std::nullopt) -> Value {
    LibArg *a = call.get(param);
    auto *type = a ? llvm::dyn_cast_or_null<ArrayType>(a->type) : nullptr;
    if (!type) {
      fail(at,
           "internal error: missing argument '" + param + "' of '" + fn + "'");
      return nullptr;
    }
    Value v = libArray(*a);
    if (!v)
      return nullptr;
    v = convert(v, dtype.value_or(rd), a->loc);
    return broadcastTo(v, type->getShape(), dtype.value_or(rd),
                       result->getShape(), at);
  };

  // Binary functions.
  if (fn == "power" || fn == "maximum" || fn == "minimum" || fn == "arctan2") {
    Value a = operand("x1"), b = operand("x2");
    if (!a || !b)
      return std::nullopt;
    mlir::Type t = a.getType();
    if (fn == "power")
      return ValueTree::ofLeaf(dialect::PowOp::create(builder, l, t, a, b));
    if (fn == "maximum")
      return ValueTree::ofLeaf(dialect::MaxOp::create(builder, l, t, a, b));
    if (fn == "minimum")
      return ValueTree::ofLeaf(dialect::MinOp::create(builder, l, t, a, b));
    return ValueTree::ofLeaf(dialect::Atan2Op::create(builder, l, t, a, b));
  }
  if (fn == "clip") {
    // minimum(maximum(x, min), max), as jnp.clip.
    Value x = operand("x");
    if (!x)
      return std::nullopt;
    if (!libIsNone(call.get("min"))) {
      Value lo = operand("min");
      if (!lo)
        return std::nullopt;
      x = dialect::MaxOp::create(builder, l, x.getType(), x, lo);
    }
    if (!libIsNone(call.get("max"))) {
      Value hi = operand("max");
      if (!hi)
        return std::nullopt;
      x = dialect::MinOp::create(builder, l, x.getType(), x, hi);
    }
    return ValueTree::ofLeaf(x);
  }
  if (fn == "where") {
    Value c = operand("condition", DType::Bool);
    Value x = operand("x"), y = operand("y");
    if (!c || !x || !y)
      return std::nullopt;
    return ValueTree::ofLeaf(
        dialect::SelectOp::create(builder, l, x.getType(), c, x, y));
  }

  // Unary functions: the operand in its own dtype.
  LibArg *xArg = call.get("x");
  auto *xType = xArg ? llvm::dyn_cast_or_null<ArrayType>(xArg->type) : nullptr;
  if (!xType)
    return fail(at, "internal error: missing argument of '" + fn + "'");
  Value x = libArray(*xArg);
  if (!x)
    return std::nullopt;
  DType xd = xType->getDType();
  if (fn == "astype")
    return ValueTree::ofLeaf(convert(x, rd, at));
  if (fn == "logical_not")
    return ValueTree::ofLeaf(dialect::LogicalNotOp::create(
        builder, l, tensorType(result), convert(x, DType::Bool, at)));
  if (fn == "isnan" || fn == "isfinite") {
    if (isFloat(xd)) {
      if (fn == "isnan")
        return ValueTree::ofLeaf(dialect::IsNanOp::create(builder, l, x));
      return ValueTree::ofLeaf(dialect::IsFiniteOp::create(builder, l, x));
    }
    // Integers are never NaN and always finite.
    return ValueTree::ofLeaf(
        filledTensor(element, fn == "isfinite" ? 1 : 0, dimsOf(x, at), at));
  }

  x = convert(x, rd, at);
  mlir::Type t = x.getType();
  if (fn == "abs")
    return ValueTree::ofLeaf(rd == DType::Bool || rd == DType::U32
                                 ? x
                                 : dialect::AbsOp::create(builder, l, t, x));
  if (fn == "sign")
    return ValueTree::ofLeaf(dialect::SignOp::create(builder, l, t, x));
  if (fn == "square")
    return ValueTree::ofLeaf(dialect::SquareOp::create(builder, l, t, x));
  if (fn == "round") {
    int64_t decimals = libInt(call.get("decimals")).value_or(0);
    if (!isFloat(rd) && decimals >= 0)
      return ValueTree::ofLeaf(x);
    // x * 10^d, rounded half to even, / 10^d (in a float type for ints).
    DType fd = isFloat(rd) ? rd : DType::F64;
    Value v = convert(x, fd, at);
    mlir::Type vt = v.getType();
    if (decimals != 0) {
      IndexShape dims = dimsOf(v, at);
      Value factor =
          filledTensor(elementType(fd), std::pow(10.0, decimals), dims, at);
      v = dialect::MulOp::create(builder, l, vt, v, factor);
      v = dialect::RoundOp::create(builder, l, vt, v);
      v = dialect::DivOp::create(builder, l, vt, v, factor);
    } else {
      v = dialect::RoundOp::create(builder, l, vt, v);
    }
    return ValueTree::ofLeaf(convert(v, rd, at));
  }
  if (fn == "floor" || fn == "ceil") {
    if (!isFloat(rd)) // Integers are already whole.
      return ValueTree::ofLeaf(x);
  }
  if (UnaryBuilder build = floatUnary(fn)) {
    if (!isFloat(rd))
      return fail(at, "internal error: '" + fn + "' of a non-float type");
    return ValueTree::ofLeaf(build(builder, l, x));
  }
  return fail(at, "built-in '" + fn + "' cannot be lowered yet");
}
