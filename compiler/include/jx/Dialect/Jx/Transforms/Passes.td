//===- Passes.td - Transformations on the jx dialect --------*- tablegen -*-===//
//
// The passes that expand transformation requests (`jx.grad`, `jx.vmap`, ...)
// into ordinary jx IR, which the same passes can transform again.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_TRANSFORMS_PASSES_TD
#define JX_DIALECT_JX_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Automatic differentiation
//===----------------------------------------------------------------------===//

def ExpandAutodiffPass : Pass<"jx-expand-autodiff", "::mlir::ModuleOp"> {
  let summary = "Expand grad/value_and_grad/jvp/vjp/jacfwd/jacrev/hessian requests into jx IR";
  let description = [{
    Replaces each differentiation request by a call to a generated function
    that computes it with the per-op rules of `JxDifferentiableOpInterface`
    (forward mode for `jx.jvp`, reverse mode for `jx.grad`, `jx.vjp` and
    `jx.value_and_grad`), innermost request first. The callee is copied with
    its `func.call`s inlined and must be straight-line. `jx.jacfwd` and
    `jx.jacrev` become `jx.vmap` requests (left to `jx-expand-vmap`) of the
    jvp/vjp over a one-hot basis, `jx.hessian` is jacfwd of jacrev, and a
    `jx.vmap` inside a differentiated function is differentiated as vmap of
    the jvp/vjp. The output is plain jx IR plus `jx.vmap` requests: it can be
    differentiated again (higher order) or batched.

    Before:
    ```mlir
    func.func private @f(%x: tensor<f32>) -> tensor<f32> {
      %y = jx.sin %x : tensor<f32>
      return %y : tensor<f32>
    }
    %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
    ```
    After:
    ```mlir
    %g = call @f.grad(%x) : (tensor<f32>) -> tensor<f32>
    // @f.grad computes jx.cos %x * 1.0
    ```
  }];
  let dependentDialects = ["::mlir::jx::JxDialect", "::mlir::func::FuncDialect"];
}

//===----------------------------------------------------------------------===//
// Batching
//===----------------------------------------------------------------------===//

def ExpandVmapPass : Pass<"jx-expand-vmap", "::mlir::ModuleOp"> {
  let summary = "Expand vmap requests into batched jx IR";
  let description = [{
    Replaces each `jx.vmap` by a call to a batched copy of the callee, built
    with the per-op rules of `JxBatchableOpInterface`: mapped arguments keep
    their batch axis (moved to the front), unmapped ones are used as they
    are, and results move the batch axis to `out_axes`.
    Calls in the callee are batched into variants of their own (`@g.vmap`,
    one per signature); jx.if/switch/fori/scan/while are batched region by
    region (a batched condition or index runs every branch and selects, a
    loop in a branch running only for the elements that take it; a batched
    while condition loops until every element is done); an op
    without a rule is reported at the op; collectives over the expanded axis
    name reduce over the batch dimension. The pass iterates to a fixpoint:
    a request is expanded once its callee (and everything it calls) holds no
    other request, so nested vmaps expand innermost first; requests waiting
    for another pass (`jx.grad` before jx-expand-autodiff, `jx.pmap` before
    jx-pmap-as-vmap) stay.

    Before:
    ```mlir
    %y = jx.vmap @f(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>}
      : (tensor<8xf32>) -> tensor<8xf32>
    ```
    After:
    ```mlir
    %y = call @f.vmap(%xs) : (tensor<8xf32>) -> tensor<8xf32>
    ```
  }];
  let dependentDialects = ["::mlir::jx::JxDialect", "::mlir::func::FuncDialect"];
}

def PmapAsVmapPass : Pass<"jx-pmap-as-vmap", "::mlir::ModuleOp"> {
  let summary = "Run each pmap as a vmap (the CPU target's single device)";
  let description = [{
    Replaces each `jx.pmap` by a `jx.vmap` with the same callee, arguments,
    axes and axis name, so that the mapped axis runs as one batch on one
    thread: the results are the ones the devices would compute, collectives
    over the axis name included. It is how the CPU pipeline compiles pmap
    until SPMD execution over worker threads exists.

    Before:
    ```mlir
    %y = jx.pmap @f(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>,
                          axis_name = "i"} : (tensor<8xf32>) -> tensor<8xf32>
    ```

    After:
    ```mlir
    %y = jx.vmap @f(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>,
                          axis_name = "i"} : (tensor<8xf32>) -> tensor<8xf32>
    ```
  }];
  let dependentDialects = ["::mlir::jx::JxDialect"];
}

#endif // JX_DIALECT_JX_TRANSFORMS_PASSES_TD
