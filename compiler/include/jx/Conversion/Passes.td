//===- Passes.td - jx conversion passes --------------------*- tablegen -*-===//
//
// Passes that lower the jx dialect to upstream MLIR dialects.
//
//===----------------------------------------------------------------------===//

#ifndef JX_CONVERSION_PASSES_TD
#define JX_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// JxToLinalg
//===----------------------------------------------------------------------===//

def ConvertJxToLinalgPass : Pass<"convert-jx-to-linalg", "ModuleOp"> {
  let summary = "lower jx ops on tensors to linalg, tensor, arith, math and scf";
  let description = [{
    Rewrites every jx op into upstream dialects on tensors: elementwise ops
    become `linalg.generic` over a `tensor.empty` with the scalar op from
    `arith`/`math` in the body; broadcasts, transposes and fills use the
    linalg named ops; slicing, concatenation, padding and reshapes become
    `tensor` ops; reductions and contractions become linalg reductions and
    control flow becomes `scf` (with tensors in `iter_args`).

    `ui32` is unsigned only in the jx type: the pass turns it into signless
    `i32` everywhere (function signatures included) and picks the unsigned
    `arith` op (`divui`, `shrui`, `cmpi ult`, `uitofp`, ...) from the jx type
    of the operand. `jx.stop_gradient` becomes its operand.

    Transformation requests (`jx.grad`, `jx.vmap`, ...) and collectives
    (`jx.psum`, ...) stay legal: the transform passes expand them earlier,
    and the pass leaves them alone where they remain.

    Example:

    ```mlir
    func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
      %0 = jx.exp %x : tensor<?xf32>
      return %0 : tensor<?xf32>
    }
    ```

    becomes

    ```mlir
    #map = affine_map<(d0) -> (d0)>
    func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
      %c0 = arith.constant 0 : index
      %dim = tensor.dim %x, %c0 : tensor<?xf32>
      %0 = tensor.empty(%dim) : tensor<?xf32>
      %1 = linalg.generic {indexing_maps = [#map, #map],
                           iterator_types = ["parallel"]}
          ins(%x : tensor<?xf32>) outs(%0 : tensor<?xf32>) {
      ^bb0(%in: f32, %out: f32):
        %2 = math.exp %in : f32
        linalg.yield %2 : f32
      } -> tensor<?xf32>
      return %1 : tensor<?xf32>
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

//===----------------------------------------------------------------------===//
// Bufferized code without the MLIR runtime
//===----------------------------------------------------------------------===//

def LowerStridedCopiesPass
    : Pass<"jx-lower-strided-copies", "::mlir::func::FuncOp"> {
  let summary = "rewrite memref.copy between non-contiguous buffers into "
                "linalg.copy";
  let description = [{
    The LLVM lowering of `memref.copy` calls `memrefCopy`, a function of
    MLIR's `c_runner_utils` library, unless both operands are contiguous.
    Compiled jx programs link no MLIR runtime library (neither the JIT of
    `jxc run` nor object files), so the copies that bufferization creates
    for strided slices (`x[::2]`, `x[:, 0]`) are rewritten into
    `linalg.copy`, which `convert-linalg-to-loops` turns into loops.
    Contiguous copies stay `memref.copy` (an `llvm.memcpy`).

    Example:

    ```mlir
    memref.copy %src, %dst
        : memref<3xf32, strided<[2]>> to memref<3xf32>
    ```

    becomes

    ```mlir
    linalg.copy ins(%src : memref<3xf32, strided<[2]>>)
                outs(%dst : memref<3xf32>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def InterchangeContractionsPass
    : Pass<"jx-interchange-contractions", "::mlir::func::FuncOp"> {
  let summary = "put a contraction's unit-stride output dimension innermost";
  let description = [{
    `linalg.generic` loops run in the order of their iterators, so a
    generalized matmul `C[i, j] += A[i, k] * B[k, j]` runs `k` innermost,
    reading `B` with a stride of a whole row. For a generic op with
    reduction iterators whose last parallel dimension is the innermost
    index of its output and of one of its inputs, this moves the reduction
    loops outside that dimension: `(i, k, j)`, where the inner loop reads
    `B` and `C` contiguously and LLVM can vectorize it. Each output element
    still accumulates its terms in the same order, so the results do not
    change. Ops whose inner loop is already contiguous (matvec, row sums)
    are left alone.

    Example: a generalized `linalg.matmul` with iterators
    `[parallel, parallel, reduction]` becomes one with
    `[parallel, reduction, parallel]` and the indexing maps permuted alike.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // JX_CONVERSION_PASSES_TD
