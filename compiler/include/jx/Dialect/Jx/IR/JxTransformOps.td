//===- JxTransformOps.td - jx transformation requests ------*- tablegen -*-===//
//
// grad, value_and_grad, jvp, vjp, jacfwd, jacrev, hessian, vmap, pmap: each
// names a `func.func` by symbol and is expanded by a transform pass. Plain
// calls use `func.call`. Pytree arguments and results are flattened by the
// frontend: every index below counts the function's flat arguments/results.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXTRANSFORMOPS_TD
#define JX_DIALECT_JX_IR_JXTRANSFORMOPS_TD

include "jx/Dialect/Jx/IR/JxDialect.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class Jx_TransformOp<string mnemonic, list<Trait> traits = []>
    : Jx_Op<mnemonic, traits # [
        DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let results = (outs Variadic<Jx_Tensor>:$results);
  let assemblyFormat = [{
    $callee `(` $args `)` attr-dict `:` functional-type($args, $results)
  }];
}

def Jx_GradOp : Jx_TransformOp<"grad"> {
  let summary = "reverse-mode gradient of a scalar function";
  let description = [{
    `grad(f, argnums, has_aux)(args...)`. `@f` returns a rank-0 float tensor
    (followed by the aux values when `has_aux`). The results are the
    gradients with respect to the arguments in `argnums` (in that order,
    each of its argument's type), then the aux values.

    Example:

    ```mlir
    %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
    %g2:2 = jx.grad @h(%x, %y) {argnums = array<i64: 1>, has_aux}
      : (tensor<3xf32>, tensor<f32>) -> (tensor<f32>, tensor<3xf32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Jx_Tensor>:$args,
                       DenseI64ArrayAttr:$argnums, UnitAttr:$has_aux);
}

def Jx_ValueAndGradOp : Jx_TransformOp<"value_and_grad"> {
  let summary = "value and reverse-mode gradient of a scalar function";
  let description = [{
    `value_and_grad(f, argnums, has_aux)(args...)`. The results are the
    value, then the aux values (with `has_aux`), then the gradients with
    respect to `argnums` — JAX's `((value, aux), grads)` flattened.

    Example:

    ```mlir
    %v, %g = jx.value_and_grad @f(%x) {argnums = array<i64: 0>}
      : (tensor<f32>) -> (tensor<f32>, tensor<f32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Jx_Tensor>:$args,
                       DenseI64ArrayAttr:$argnums, UnitAttr:$has_aux);
}

def Jx_JvpOp : Jx_TransformOp<"jvp"> {
  let summary = "forward-mode Jacobian-vector product";
  let description = [{
    `jvp(f, primals, tangents)`: the operands are the `n` primals then `n`
    tangents (each of its primal's type); the results are the `m` outputs of
    `@f` then their `m` tangents.

    Example:

    ```mlir
    %y, %ty = jx.jvp @f(%x, %tx) : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Jx_Tensor>:$args);
}

def Jx_VjpOp : Jx_TransformOp<"vjp"> {
  let summary = "reverse-mode vector-Jacobian product";
  let description = [{
    `vjp(f, primals...)` applied to cotangents: the operands are the `n`
    primals then `m` cotangents (one per output of `@f`, of its type); the
    results are the `m` outputs then the `n` cotangents of the primals. The
    frontend expresses `vjp`'s pullback closure through this op.

    Example:

    ```mlir
    %y, %ct = jx.vjp @f(%x, %ybar) : (tensor<3xf32>, tensor<f32>) -> (tensor<f32>, tensor<3xf32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Jx_Tensor>:$args);
}

class Jx_JacobianOp<string mnemonic, string what, string example>
    : Jx_TransformOp<mnemonic> {
  let summary = what;
  let description = [{
    The results are one Jacobian per (output of `@f`, argument in `argnums`)
    pair, output-major; the Jacobian of output `o` with respect to argument
    `a` has shape `shape(o) ++ shape(a)` (JAX's layout) and the element
    type of `o`.

    Example:

    ```mlir
    }] # example # [{

    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Jx_Tensor>:$args,
                       DenseI64ArrayAttr:$argnums);
}

def Jx_JacFwdOp : Jx_JacobianOp<"jacfwd", "Jacobian by forward mode",
    "%j = jx.jacfwd @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xf32>">;
def Jx_JacRevOp : Jx_JacobianOp<"jacrev", "Jacobian by reverse mode",
    "%j = jx.jacrev @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xf32>">;

def Jx_HessianOp : Jx_TransformOp<"hessian"> {
  let summary = "Hessian (jacfwd of jacrev)";
  let description = [{
    One result per (output `o`, argument `a`, argument `b`) with `a`, `b` in
    `argnums`, output-major then `a` then `b`, of shape
    `shape(o) ++ shape(a) ++ shape(b)`.

    Example:

    ```mlir
    %h = jx.hessian @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x3xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Jx_Tensor>:$args,
                       DenseI64ArrayAttr:$argnums);
}

class Jx_MapOp<string mnemonic, string what, string semantics>
    : Jx_TransformOp<mnemonic> {
  let summary = what;
  let description = semantics # [{


    `in_axes[i]` is the mapped dimension of argument `i`, or -1 when the
    argument is not mapped (`None`); `out_axes[j]` is where the mapped
    dimension goes in result `j` (-1: the result is not mapped). Axes are
    non-negative: the frontend normalizes negative axes. `@f` sees each
    mapped argument without its mapped dimension. `axis_size` is required
    when no argument is mapped; `axis_name` names the axis for collectives.

    Example:

    ```mlir
    }] # "%y = jx." # mnemonic # [{ @f(%xs, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>, axis_name = "batch"}
      : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Jx_Tensor>:$args,
                       DenseI64ArrayAttr:$in_axes, DenseI64ArrayAttr:$out_axes,
                       OptionalAttr<I64Attr>:$axis_size,
                       OptionalAttr<StrAttr>:$axis_name);
  let extraClassDeclaration = [{
    /// The `in_axes`/`out_axes` entry of an unmapped value.
    static constexpr int64_t kNotMapped = -1;
  }];
}

def Jx_VmapOp : Jx_MapOp<"vmap", "vectorizing map",
    "`vmap(f, in_axes, out_axes, axis_name)(args...)`.">;
def Jx_PmapOp : Jx_MapOp<"pmap", "SPMD map over devices",
    "`pmap(f, axis_name, in_axes, out_axes)(args...)`: as `jx.vmap`, but "
    "each index of the mapped axis runs as one logical device.">;

def Jx_StopGradientOp : Jx_Op<"stop_gradient",
    [Pure, SameOperandsAndResultType]> {
  let summary = "identity that blocks differentiation";
  let description = [{
    Returns its operand; its derivative is zero.

    Example:

    ```mlir
    %y = jx.stop_gradient %x : tensor<4xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

#endif // JX_DIALECT_JX_IR_JXTRANSFORMOPS_TD
