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

/// Forward walk over `block` (nested blocks included): computes, after each
/// op with tangent inputs, the tangents of its results into `tangent`.
LogicalResult jvpBlock(Block &block, DenseMap<Value, Value> &tangent,
                       SymbolTable &symbols);

/// JVP of a jx.if/switch/fori/while/scan (`op` has inputs with tangents):
/// replaces `op` by one computing primal and tangent results and records the
/// tangents of the new results.
LogicalResult jvpOfControlFlow(Operation *op, DenseMap<Value, Value> &tangent,
                               SymbolTable &symbols);

/// Backward sweep over `ops` (one block, in program order) at `b`:
/// propagates the cotangents in `adjoint` from results to operands (and
/// values used from above). `active` holds the values that depend on a
/// differentiated input; it grows with the values of recomputed branches.
LogicalResult reverseSweep(ArrayRef<Operation *> ops, OpBuilder &b,
                           Location loc, DenseMap<Value, Value> &adjoint,
                           DenseSet<Value> &active, SymbolTable &symbols);

/// VJP of a jx.if/switch: builds, at `b`, a branch on the same predicate
/// whose branches recompute the primal branch and run its backward sweep.
/// Accumulates the cotangents of the active values the branches use from
/// above into `adjoint`.
LogicalResult vjpOfBranches(Operation *op, ValueRange resultCts, OpBuilder &b,
                            DenseMap<Value, Value> &adjoint,
                            DenseSet<Value> &active, SymbolTable &symbols);

/// VJP of a jx.scan: a residual scan, which replaces the primal one, also
/// stacks the carries entering each step; then a scan in the opposite
/// direction recomputes each step and runs its backward sweep, carrying the
/// carry cotangents and those of the active values the body uses from
/// above.
LogicalResult vjpOfScan(ScanOp op, ValueRange resultCts, OpBuilder &b,
                        DenseMap<Value, Value> &adjoint,
                        DenseSet<Value> &active, SymbolTable &symbols);

/// Marks the float results of `ops` (and the float block arguments of their
/// regions) active when they use an active value, in program order.
void markActive(ArrayRef<Operation *> ops, DenseSet<Value> &active);

/// Rewrites each jx.fori and jx.while nested in `body` that `filter`
/// accepts as a jx.scan computing the same results (LoopsAsScans.cpp), for
/// reverse mode.
void rewriteLoopsAsScans(Block &body, function_ref<bool(Operation *)> filter);

/// `adjoint[v] += ct` (nothing for a null `ct` or a non-float `v`).
void accumulate(OpBuilder &b, Location loc, DenseMap<Value, Value> &adjoint,
                Value v, Value ct);

/// Replaces a jx.jacfwd/jx.jacrev request by jx.vmap requests over the
/// one-hot basis of helper functions holding jx.jvp/jx.vjp requests.
LogicalResult expandJacobian(Operation *request, func::FuncOp callee,
                             SymbolTable &symbols);

} // namespace mlir::jx::autodiff

#endif // JX_LIB_DIALECT_JX_TRANSFORMS_AUTODIFF_AUTODIFF_H
