//===- AutodiffUtils.h - Helpers shared by the autodiff rules ---*- C++ -*-===//
//
// Null-aware arithmetic on tangents/cotangents (a null Value is zero) and
// constants shaped like a value, used by the rule files and the pass.
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFFUTILS_H
#define JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFFUTILS_H

#include "jx/Dialect/Jx/IR/JxAutodiffInterface.h"
#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::jx::autodiff {

using Rule = FailureOr<SmallVector<Value>>;

/// Whether `type` is a tensor with a floating-point element type (the only
/// values that carry tangents).
bool isFloatTensor(Type type);

/// A tensor of `like`'s type filled with `value` (dynamic dimensions are
/// taken from `like` with jx.dim).
Value splatLike(OpBuilder &b, Location loc, Value like, double value);
inline Value zerosLike(OpBuilder &b, Location loc, Value like) {
  return splatLike(b, loc, like, 0.0);
}

/// Null-aware `a + c`, `a - c`, `-a`, `a * c` (null is zero).
Value addT(OpBuilder &b, Location loc, Value a, Value c);
Value subT(OpBuilder &b, Location loc, Value a, Value c);
Value negT(OpBuilder &b, Location loc, Value a);
Value mulT(OpBuilder &b, Location loc, Value a, Value c);

/// Plain elementwise arithmetic on non-null values of one type.
Value add(OpBuilder &b, Location loc, Value a, Value c);
Value sub(OpBuilder &b, Location loc, Value a, Value c);
Value mul(OpBuilder &b, Location loc, Value a, Value c);
Value div(OpBuilder &b, Location loc, Value a, Value c);
Value neg(OpBuilder &b, Location loc, Value a);
/// `a * value` with a splat constant.
Value scale(OpBuilder &b, Location loc, Value a, double value);
/// 1.0 where `lhs dir rhs`, else 0.0, of `lhs`'s type.
Value indicator(OpBuilder &b, Location loc, ComparisonDirection dir, Value lhs,
                Value rhs);

/// Fails with `differentiation of 'OP' ... is not supported yet` at `op`.
LogicalResult notSupported(Operation *op, StringRef why = "");

/// The operands of `op` and the values its regions use from above.
SmallVector<Value> inputsOf(Operation *op);

/// True when every tensor operand and result of `op` has a static shape.
bool hasStaticShapes(Operation *op);

void registerElementwiseRules(DialectRegistry &registry);
void registerShapeRules(DialectRegistry &registry);
void registerIndexingRules(DialectRegistry &registry);
void registerCollectiveRules(DialectRegistry &registry);

} // namespace mlir::jx::autodiff

#endif // JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFFUTILS_H
