//===- Autodiff.h - Forward and reverse mode on one function ----*- C++ -*-===//

#ifndef JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFF_H
#define JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFF_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

namespace mlir::jx::autodiff {

/// Turns `fn` (a straight-line copy of the differentiated function, with
/// arguments `(primals...)`) into its JVP: arguments `(primals...,
/// tangents...)`, results `(outputs..., output tangents...)`.
LogicalResult buildJvp(func::FuncOp fn, SymbolTable &symbols);

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
                           ArrayRef<int64_t> argnums, bool hasAux,
                           SymbolTable &symbols);

/// JVP/VJP rules of a jx.vmap request inside a differentiated function
/// (they create helper functions, hence the symbol table).
FailureOr<SmallVector<Value>>
jvpOfVmap(OpBuilder &b, VmapOp vmap, ValueRange tangents, SymbolTable &symbols);
FailureOr<SmallVector<Value>> vjpOfVmap(OpBuilder &b, VmapOp vmap,
                                        ValueRange cotangents,
                                        SymbolTable &symbols);

/// Replaces a jx.jacfwd/jx.jacrev request by jx.vmap requests over the
/// one-hot basis of helper functions holding jx.jvp/jx.vjp requests.
LogicalResult expandJacobian(Operation *request, func::FuncOp callee,
                             SymbolTable &symbols);

} // namespace mlir::jx::autodiff

#endif // JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFF_H
