//===- ElementwiseRules.cpp - JVP/VJP of the elementwise jx ops -----------===//
//
// Nonlinear elementwise ops are described by their partial derivatives
// (`d result / d operand i`, a tensor of the result's type): the JVP is
// `sum_i t_i * d_i` and the VJP gives `ct * d_i` to operand `i`. Linear ops
// (add, sub, neg, convert, select, stop_gradient) have their own models.
// Follows JAX's rules, including max/min splitting ties equally and rem
// (fmod) having d/dc = -trunc(a / c).
//
//===----------------------------------------------------------------------===//

#include "AutodiffUtils.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

template <typename OpTy> Value un(OpBuilder &b, Location loc, Value x) {
  return OpTy::create(b, loc, x.getType(), x);
}

/// d result / d operand `index` of an elementwise op (result type).
Value partial(OpBuilder &b, Operation *op, unsigned index) {
  Location loc = op->getLoc();
  Value x = op->getOperand(0);
  Value y = op->getResult(0);
  auto one = [&](Value like) { return splatLike(b, loc, like, 1.0); };
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](AbsOp) { return un<SignOp>(b, loc, x); })
      .Case([&](ExpOp) { return y; })
      .Case([&](Exp2Op) { return scale(b, loc, y, std::log(2.0)); })
      .Case([&](LogOp) { return un<ReciprocalOp>(b, loc, x); })
      .Case([&](Log1pOp) {
        return un<ReciprocalOp>(b, loc, add(b, loc, x, one(x)));
      })
      .Case([&](Log2Op) {
        return un<ReciprocalOp>(b, loc, scale(b, loc, x, std::log(2.0)));
      })
      .Case([&](Expm1Op) { return add(b, loc, y, one(y)); })
      .Case([&](SqrtOp) { return div(b, loc, splatLike(b, loc, y, 0.5), y); })
      .Case([&](RsqrtOp) { return div(b, loc, scale(b, loc, y, -0.5), x); })
      .Case([&](SinOp) { return un<CosOp>(b, loc, x); })
      .Case([&](CosOp) { return neg(b, loc, un<SinOp>(b, loc, x)); })
      .Case([&](TanOp) { return add(b, loc, one(y), mul(b, loc, y, y)); })
      .Case([&](AsinOp) {
        return un<RsqrtOp>(b, loc, sub(b, loc, one(x), mul(b, loc, x, x)));
      })
      .Case([&](AcosOp) {
        return neg(b, loc,
                   un<RsqrtOp>(b, loc, sub(b, loc, one(x), mul(b, loc, x, x))));
      })
      .Case([&](AtanOp) {
        return un<ReciprocalOp>(b, loc, add(b, loc, one(x), mul(b, loc, x, x)));
      })
      .Case([&](SinhOp) { return un<CoshOp>(b, loc, x); })
      .Case([&](CoshOp) { return un<SinhOp>(b, loc, x); })
      .Case([&](TanhOp) { return sub(b, loc, one(y), mul(b, loc, y, y)); })
      .Case([&](ErfOp) {
        // 2/sqrt(pi) * exp(-x^2)
        Value e = un<ExpOp>(b, loc, neg(b, loc, mul(b, loc, x, x)));
        return scale(b, loc, e, 2.0 / std::sqrt(M_PI));
      })
      .Case([&](ReciprocalOp) { return neg(b, loc, mul(b, loc, y, y)); })
      .Case([&](SquareOp) { return scale(b, loc, x, 2.0); })
      .Case([&](MulOp) { return op->getOperand(1 - index); })
      .Case([&](DivOp) {
        Value rhs = op->getOperand(1);
        if (index == 0)
          return un<ReciprocalOp>(b, loc, rhs);
        return neg(b, loc, div(b, loc, y, rhs));
      })
      .Case([&](PowOp) {
        Value rhs = op->getOperand(1);
        if (index == 0) {
          // b * a^(b-1)
          Value pm1 =
              PowOp::create(b, loc, x.getType(), x, sub(b, loc, rhs, one(rhs)));
          return mul(b, loc, rhs, pm1);
        }
        // y * log(a), 0 where a == 0 (as JAX).
        Value isZero = CompareOp::create(b, loc, ComparisonDirection::EQ, x,
                                         zerosLike(b, loc, x));
        Value safe = SelectOp::create(b, loc, x.getType(), isZero, one(x), x);
        return mul(b, loc, y, un<LogOp>(b, loc, safe));
      })
      .Case([&](RemOp) {
        // rem(a, c) = a - trunc(a / c) * c (C fmod, as jx.rem lowers to
        // arith.remf): d/da = 1, d/dc = -trunc(a / c), with trunc written
        // sign(q) * floor(|q|) as JAX's rule does.
        if (index == 0)
          return one(y);
        Value q = div(b, loc, x, op->getOperand(1));
        Value trunc = mul(b, loc, un<SignOp>(b, loc, q),
                          un<FloorOp>(b, loc, un<AbsOp>(b, loc, q)));
        return neg(b, loc, trunc);
      })
      .Case([&](Atan2Op) {
        // atan2(a, c): d/da = c / (a^2 + c^2), d/dc = -a / (a^2 + c^2).
        Value a = op->getOperand(0), c = op->getOperand(1);
        Value denom = add(b, loc, mul(b, loc, a, a), mul(b, loc, c, c));
        if (index == 0)
          return div(b, loc, c, denom);
        return neg(b, loc, div(b, loc, a, denom));
      })
      .Case([&](MaxOp) {
        // JAX: 1 where this operand is strictly larger, 1/2 on ties.
        Value self = op->getOperand(index), other = op->getOperand(1 - index);
        Value gt = indicator(b, loc, ComparisonDirection::GT, self, other);
        Value eq = indicator(b, loc, ComparisonDirection::EQ, self, other);
        return add(b, loc, gt, scale(b, loc, eq, 0.5));
      })
      .Case([&](MinOp) {
        Value self = op->getOperand(index), other = op->getOperand(1 - index);
        Value lt = indicator(b, loc, ComparisonDirection::LT, self, other);
        Value eq = indicator(b, loc, ComparisonDirection::EQ, self, other);
        return add(b, loc, lt, scale(b, loc, eq, 0.5));
      })
      .Default([](Operation *) { return Value(); });
}

/// Ops described by `partial` (a null partial means zero: floor, sign...).
template <typename OpTy>
struct PartialsModel
    : JxDifferentiableOpInterface::ExternalModel<PartialsModel<OpTy>, OpTy> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange tangents) const {
    Value result;
    for (auto [i, t] : llvm::enumerate(tangents)) {
      if (!t)
        continue;
      Value d = partial(b, op, i);
      result = addT(b, op->getLoc(), result, mulT(b, op->getLoc(), t, d));
    }
    return SmallVector<Value>{result};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange cts) const {
    SmallVector<Value> out;
    for (unsigned i = 0, e = op->getNumOperands(); i < e; ++i)
      out.push_back(mulT(b, op->getLoc(), cts[0], partial(b, op, i)));
    return out;
  }
};

/// Ops whose derivative is zero everywhere it exists.
template <typename OpTy>
struct ZeroModel
    : JxDifferentiableOpInterface::ExternalModel<ZeroModel<OpTy>, OpTy> {
  Rule jvp(Operation *op, OpBuilder &, ValueRange) const {
    return SmallVector<Value>(op->getNumResults(), Value());
  }
  Rule vjp(Operation *op, OpBuilder &, ValueRange) const {
    return SmallVector<Value>(op->getNumOperands(), Value());
  }
};

struct AddModel : JxDifferentiableOpInterface::ExternalModel<AddModel, AddOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    return SmallVector<Value>{addT(b, op->getLoc(), t[0], t[1])};
  }
  Rule vjp(Operation *op, OpBuilder &, ValueRange ct) const {
    return SmallVector<Value>{ct[0], ct[0]};
  }
};

struct SubModel : JxDifferentiableOpInterface::ExternalModel<SubModel, SubOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    return SmallVector<Value>{subT(b, op->getLoc(), t[0], t[1])};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    return SmallVector<Value>{ct[0], negT(b, op->getLoc(), ct[0])};
  }
};

struct NegModel : JxDifferentiableOpInterface::ExternalModel<NegModel, NegOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    return SmallVector<Value>{negT(b, op->getLoc(), t[0])};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    return SmallVector<Value>{negT(b, op->getLoc(), ct[0])};
  }
};

/// float <-> float converts the tangent; to/from integers it is zero (the
/// pass already gives integer values no tangent).
struct ConvertModel
    : JxDifferentiableOpInterface::ExternalModel<ConvertModel, ConvertOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    if (!t[0] || !isFloatTensor(op->getResult(0).getType()))
      return SmallVector<Value>{Value()};
    return SmallVector<Value>{
        ConvertOp::create(b, op->getLoc(), op->getResult(0).getType(), t[0])};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    Type operandType = op->getOperand(0).getType();
    if (!ct[0] || !isFloatTensor(operandType))
      return SmallVector<Value>{Value()};
    return SmallVector<Value>{
        ConvertOp::create(b, op->getLoc(), operandType, ct[0])};
  }
};

struct SelectModel
    : JxDifferentiableOpInterface::ExternalModel<SelectModel, SelectOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto select = cast<SelectOp>(op);
    Location loc = op->getLoc();
    if (!t[1] && !t[2])
      return SmallVector<Value>{Value()};
    Value onTrue = t[1] ? t[1] : zerosLike(b, loc, select.getResult());
    Value onFalse = t[2] ? t[2] : zerosLike(b, loc, select.getResult());
    return SmallVector<Value>{SelectOp::create(
        b, loc, onTrue.getType(), select.getPred(), onTrue, onFalse)};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto select = cast<SelectOp>(op);
    Location loc = op->getLoc();
    Value zero = zerosLike(b, loc, select.getResult());
    Value pred = select.getPred();
    Value onTrue = SelectOp::create(b, loc, zero.getType(), pred, ct[0], zero);
    Value onFalse = SelectOp::create(b, loc, zero.getType(), pred, zero, ct[0]);
    return SmallVector<Value>{Value(), onTrue, onFalse};
  }
};

template <typename... OpTys> void attachPartials(MLIRContext *ctx) {
  (OpTys::template attachInterface<PartialsModel<OpTys>>(*ctx), ...);
}
template <typename... OpTys> void attachZero(MLIRContext *ctx) {
  (OpTys::template attachInterface<ZeroModel<OpTys>>(*ctx), ...);
}

} // namespace

void autodiff::registerElementwiseRules(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    attachPartials<AbsOp, ExpOp, Exp2Op, LogOp, Log1pOp, Log2Op, Expm1Op,
                   SqrtOp, RsqrtOp, SinOp, CosOp, TanOp, AsinOp, AcosOp, AtanOp,
                   SinhOp, CoshOp, TanhOp, ErfOp, ReciprocalOp, SquareOp, MulOp,
                   DivOp, RemOp, PowOp, Atan2Op, MaxOp, MinOp>(ctx);
    attachZero<SignOp, FloorOp, CeilOp, RoundOp, StopGradientOp, ConstantOp,
               IotaOp, FloorDivOp>(ctx);
    AddOp::attachInterface<AddModel>(*ctx);
    SubOp::attachInterface<SubModel>(*ctx);
    NegOp::attachInterface<NegModel>(*ctx);
    ConvertOp::attachInterface<ConvertModel>(*ctx);
    SelectOp::attachInterface<SelectModel>(*ctx);
  });
}
