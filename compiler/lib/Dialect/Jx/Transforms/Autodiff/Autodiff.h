//===- Autodiff.h - Forward and reverse mode on one function ----*- C++ -*-===//

#ifndef JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFF_H
#define JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFF_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::jx::autodiff {

/// Turns `fn` (a straight-line copy of the differentiated function, with
/// arguments `(primals...)`) into its JVP: arguments `(primals...,
/// tangents...)`, results `(outputs..., output tangents...)`.
LogicalResult buildJvp(func::FuncOp fn);

/// What the reverse-mode function returns.
enum class ReverseKind { Vjp, Grad, ValueAndGrad };

/// Turns `fn` (as for buildJvp) into a reverse-mode function:
/// - Vjp: `(primals..., output cotangents...) -> (outputs...,
///   primal cotangents...)`;
/// - Grad: `(primals...) -> (grads of argnums..., aux...)`, seeding output 0
///   with 1;
/// - ValueAndGrad: `(primals...) -> (value, aux..., grads of argnums...)`.
/// Without `hasAux`, a Grad/ValueAndGrad function has exactly one output.
LogicalResult buildReverse(func::FuncOp fn, ReverseKind kind,
                           ArrayRef<int64_t> argnums, bool hasAux);

} // namespace mlir::jx::autodiff

#endif // JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFF_H
