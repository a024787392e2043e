//===- JxControlFlowOps.td - jx structured control flow ----*- tablegen -*-===//
//
// if, switch, while, fori and scan: region ops ended by `jx.yield`. Regions
// are not isolated from above: they may use values defined outside.
// Entry-block arguments are written out as `^bb0(...)` headers.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXCONTROLFLOWOPS_TD
#define JX_DIALECT_JX_IR_JXCONTROLFLOWOPS_TD

include "jx/Dialect/Jx/IR/JxDialect.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Jx_YieldOp : Jx_Op<"yield", [Pure, Terminator, ReturnLike,
    ParentOneOf<["IfOp", "SwitchOp", "WhileOp", "ForiOp", "ScanOp",
                 "ReduceRegionOp"]>]> {
  let summary = "terminator of jx region ops";
  let description = [{
    Returns values from a region of `jx.if`, `jx.switch`, `jx.while`,
    `jx.fori`, `jx.scan` or `jx.reduce_region`; what it must yield is checked
    by the parent.

    Example:

    ```mlir
    jx.yield %a, %b : tensor<f32>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Variadic<Jx_Tensor>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, {}); }]>];
}

def Jx_IfOp : Jx_Op<"if", [RecursiveMemoryEffects, NoRegionArguments]> {
  let summary = "two-way branch: only the taken region runs";
  let description = [{
    Runs `then_region` if the rank-0 `pred` is true and `else_region`
    otherwise; each yields values of the result types (`lax.cond`).

    Example:

    ```mlir
    %r = jx.if %p -> (tensor<f32>) {
      jx.yield %a : tensor<f32>
    } else {
      jx.yield %b : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Jx_PredScalar:$pred);
  let results = (outs Variadic<Jx_Tensor>:$results);
  let regions = (region SizedRegion<1>:$then_region,
                        SizedRegion<1>:$else_region);
  let assemblyFormat = [{
    $pred (`->` `(` type($results)^ `)`)? $then_region `else` $else_region
    attr-dict
  }];
  let hasRegionVerifier = 1;
}

def Jx_SwitchOp : Jx_Op<"switch", [RecursiveMemoryEffects, NoRegionArguments]> {
  let summary = "n-way branch: only the selected region runs";
  let description = [{
    Runs branch `index` (a rank-0 `i32`, clamped to `[0, n - 1]` as in
    `lax.switch`); each branch yields values of the result types.

    Example:

    ```mlir
    %r = jx.switch %i -> (tensor<f32>) {
      jx.yield %a : tensor<f32>
    }, {
      jx.yield %b : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Jx_I32Scalar:$index);
  let results = (outs Variadic<Jx_Tensor>:$results);
  let regions = (region VariadicRegion<SizedRegion<1>>:$branches);
  let assemblyFormat = [{
    $index (`->` `(` type($results)^ `)`)? $branches attr-dict
  }];
  let hasRegionVerifier = 1;
}

def Jx_WhileOp : Jx_Op<"while", [RecursiveMemoryEffects, InferTypeOpAdaptor]> {
  let summary = "while loop over carried values";
  let description = [{
    `lax.while_loop`: the carries start as `init`. `cond` takes the carries
    and yields a `tensor<i1>`; while it is true, `body` takes the carries and
    yields the next ones. The results are the final carries (types = `init`
    types).

    Example:

    ```mlir
    %r = jx.while %x0 : tensor<f32> cond {
    ^bb0(%x: tensor<f32>):
      %p = jx.compare LT, %x, %ten : tensor<f32>
      jx.yield %p : tensor<i1>
    } do {
    ^bb0(%x: tensor<f32>):
      %y = jx.add %x, %one : tensor<f32>
      jx.yield %y : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Variadic<Jx_Tensor>:$init);
  let results = (outs Variadic<Jx_Tensor>:$results);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
  let assemblyFormat = [{
    ($init^ `:` type($init))? attr-dict-with-keyword `cond` $cond `do` $body
  }];
  let hasRegionVerifier = 1;
  let hasCanonicalizer = 1;
}

def Jx_ForiOp : Jx_Op<"fori", [RecursiveMemoryEffects, InferTypeOpAdaptor,
    AllTypesMatch<["lo", "hi"]>]> {
  let summary = "counted loop over carried values";
  let description = [{
    `lax.fori_loop`: runs `body(i, carries...)` for `i` in `[lo, hi)` (no
    iteration when `hi <= lo`); the body yields the next carries. `lo`, `hi`
    and `i` are rank-0 `i32` or `i64` tensors of one type. The results are
    the final carries (types = `init` types).

    Example:

    ```mlir
    %r = jx.fori %lo to %hi : tensor<i32> carry(%x0 : tensor<4xf32>) {
    ^bb0(%i: tensor<i32>, %x: tensor<4xf32>):
      %y = jx.add %x, %x : tensor<4xf32>
      jx.yield %y : tensor<4xf32>
    }
    ```
  }];
  let arguments = (ins Jx_LoopBound:$lo, Jx_LoopBound:$hi,
                       Variadic<Jx_Tensor>:$init);
  let results = (outs Variadic<Jx_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $lo `to` $hi `:` type($lo) (`carry` `(` $init^ `:` type($init) `)`)?
    attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
}

def Jx_ScanOp : Jx_Op<"scan", [RecursiveMemoryEffects,
    AttrSizedOperandSegments]> {
  let summary = "loop that carries values and stacks per-step outputs";
  let description = [{
    `lax.scan`: for each step `t` (`length` steps; from the last to the first
    with `reverse`), `body(carries..., x_slices...)` gets the carries and
    slice `t` along dimension 0 of each `xs`, and yields
    `(next_carries..., y_slices...)`. The results are the final carries, then
    each `ys` stacked along a new dimension 0 (`ys[t]` is the slice of step
    `t`, also with `reverse`). `length` is the leading size of the `xs`; it
    must be given as the `length` attribute when there are no `xs`.

    Example (cumulative sum):

    ```mlir
    %c, %ys = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<5xf32>)
        -> (tensor<f32>, tensor<5xf32>) {
    ^bb0(%c: tensor<f32>, %x: tensor<f32>):
      %s = jx.add %c, %x : tensor<f32>
      jx.yield %s, %s : tensor<f32>, tensor<f32>
    }
    ```
  }];
  let arguments = (ins Variadic<Jx_Tensor>:$init, Variadic<Jx_Tensor>:$xs,
                       UnitAttr:$reverse, OptionalAttr<I64Attr>:$length);
  let results = (outs Variadic<Jx_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    (`init` `(` $init^ `:` type($init) `)`)?
    (`xs` `(` $xs^ `:` type($xs) `)`)?
    (`reverse` $reverse^)?
    attr-dict-with-keyword (`->` `(` type($results)^ `)`)? $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The carried results (as many as `init`).
    ::mlir::ValueRange getCarryResults() {
      return getResults().take_front(getInit().size());
    }
    /// The stacked per-step outputs.
    ::mlir::ValueRange getStackedResults() {
      return getResults().drop_front(getInit().size());
    }
  }];
}

def Jx_ReduceRegionOp : Jx_Op<"reduce_region", [RecursiveMemoryEffects,
    AttrSizedOperandSegments]> {
  let summary = "reduce over dimensions with a combiner region";
  let description = [{
    The general form of `jx.reduce` (StableHLO's reduce): reduces the `inputs`
    (one shape) together over `dimensions`. The body takes the accumulators
    then the elements (all rank-0, one per input) and yields the new
    accumulators; it must be associative and commutative, since the order of
    combination is unspecified, and `init_values` must be its identity.
    Result `i` has the element type of input `i` and the input shape without
    `dimensions`.

    Example (max with its index):

    ```mlir
    %m, %i = jx.reduce_region %x, %idx init(%ninf, %zero) dims = [1]
        : (tensor<3x4xf32>, tensor<3x4xi32>, tensor<f32>, tensor<i32>)
        -> (tensor<3xf32>, tensor<3xi32>) {
    ^bb0(%am: tensor<f32>, %ai: tensor<i32>, %em: tensor<f32>, %ei: tensor<i32>):
      %gt = jx.compare GT, %em, %am : tensor<f32>
      %m2 = jx.select %gt, %em, %am : tensor<i1>, tensor<f32>
      %i2 = jx.select %gt, %ei, %ai : tensor<i1>, tensor<i32>
      jx.yield %m2, %i2 : tensor<f32>, tensor<i32>
    }
    ```
  }];
  let arguments = (ins Variadic<Jx_Tensor>:$inputs,
                       Variadic<Jx_Tensor>:$init_values,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Variadic<Jx_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $inputs `init` `(` $init_values `)` `dims` `=` $dimensions attr-dict `:`
    functional-type(operands, results) $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

#endif // JX_DIALECT_JX_IR_JXCONTROLFLOWOPS_TD
