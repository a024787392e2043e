//===- JxShapeOps.td - jx shape, indexing and reduction ops -*- tablegen -*-===//
//
// broadcast_in_dim, reshape, transpose, slicing, gather/scatter, concatenate,
// pad, reverse, reduce, dot_general, cumulative, and the index-valued ops
// (dim, from_index, to_index, batch_max) that carry size variables as
// values.
//
// Dynamic result dimensions: ops that create a shape (iota, broadcast_in_dim,
// reshape, dynamic_slice) take one `index` operand per `?` in the result type,
// in order, written `sizes(%n, ...)`.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXSHAPEOPS_TD
#define JX_DIALECT_JX_IR_JXSHAPEOPS_TD

include "jx/Dialect/Jx/IR/JxAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Broadcast, reshape, transpose
//===----------------------------------------------------------------------===//

def Jx_BroadcastInDimOp : Jx_Op<"broadcast_in_dim", [Pure]> {
  let summary = "explicit broadcast";
  let description = [{
    Operand dimension `i` becomes result dimension `broadcast_dimensions[i]`;
    its size must be 1 (stretched) or equal to the result's. The other result
    dimensions are new. Each `?` in the result type takes its size from one
    `index` operand of `sizes(...)`, in order.

    Example:

    ```mlir
    %0 = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf32>) -> tensor<3x4xf32>
    %1 = jx.broadcast_in_dim %s, dims = [], sizes(%n) : (tensor<f32>) -> tensor<?xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions,
                       Variadic<Index>:$dynamic_dims);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $broadcast_dimensions
    (`,` `sizes` `(` $dynamic_dims^ `)`)?
    attr-dict `:` functional-type($operand, $result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Jx_ReshapeOp : Jx_Op<"reshape", [Pure]> {
  let summary = "reshape in row-major order";
  let description = [{
    Reinterprets the elements in row-major order with the result shape; the
    element counts must agree. Each `?` in the result type takes its size from
    one `index` operand of `sizes(...)`, in order.

    Example:

    ```mlir
    %0 = jx.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
    %1 = jx.reshape %y, sizes(%n) : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, Variadic<Index>:$dynamic_dims);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand (`,` `sizes` `(` $dynamic_dims^ `)`)?
    attr-dict `:` functional-type($operand, $result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Jx_TransposeOp : Jx_Op<"transpose", [Pure]> {
  let summary = "permute dimensions";
  let description = [{
    Result dimension `i` is operand dimension `permutation[i]`.

    Example:

    ```mlir
    %0 = jx.transpose %x, perm = [1, 0] : (tensor<3x4xf32>) -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `perm` `=` $permutation attr-dict `:`
    functional-type($operand, $result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Slicing
//===----------------------------------------------------------------------===//

def Jx_SliceOp : Jx_Op<"slice", [Pure]> {
  let summary = "static strided slice";
  let description = [{
    Takes elements `start[d], start[d] + stride[d], ...` below `limit[d]` in
    each dimension `d`; `0 <= start <= limit <= size` and `stride >= 1`.
    Result dimension `d` has `ceil((limit - start) / stride)` elements.

    Example:

    ```mlir
    %0 = jx.slice %x, start = [1, 0], limit = [3, 4], stride = [1, 2]
           : (tensor<4x4xf32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `start` `=` $start_indices `,` `limit` `=` $limit_indices `,`
    `stride` `=` $strides attr-dict `:` functional-type($operand, $result)
  }];
  let hasVerifier = 1;
}

def Jx_DynamicSliceOp : Jx_Op<"dynamic_slice",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "slice at run-time start indices";
  let description = [{
    Takes a slice of `slice_sizes` elements starting at `start_indices` (one
    rank-0 integer tensor per dimension). As in JAX, each start is clamped to
    `[0, size - slice_size]`, so the slice never reads out of bounds. A slice
    size of -1 is dynamic: the result dimension is `?` and its size comes from
    one `index` operand of `sizes(...)`, in order.

    Example:

    ```mlir
    %0 = jx.dynamic_slice %x[%i, %j], slice_sizes = [2, 2]
           : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x2xf32>
    %1 = jx.dynamic_slice %y[%i], slice_sizes = [-1], sizes(%m)
           : (tensor<?xf32>, tensor<i32>, index) -> tensor<?xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand,
                       Variadic<Jx_IndexScalar>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes,
                       Variadic<Index>:$dynamic_sizes);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $start_indices `]` `,` `slice_sizes` `=` $slice_sizes
    (`,` `sizes` `(` $dynamic_sizes^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Jx_DynamicUpdateSliceOp : Jx_Op<"dynamic_update_slice",
    [Pure, AllTypesMatch<["operand", "result"]>]> {
  let summary = "overwrite a slice at run-time start indices";
  let description = [{
    Returns `operand` with the block starting at `start_indices` replaced by
    `update`. Starts are clamped to `[0, size - update_size]` as in JAX.

    Example:

    ```mlir
    %0 = jx.dynamic_update_slice %x[%i], %u
           : (tensor<8xf32>, tensor<2xf32>, tensor<i32>) -> tensor<8xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, Jx_Tensor:$update,
                       Variadic<Jx_IndexScalar>:$start_indices);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $start_indices `]` `,` $update attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Jx_GatherOp : Jx_Op<"gather", [Pure]> {
  let summary = "gather slices at index arrays (StableHLO gather)";
  let description = [{
    StableHLO's gather without batching dimensions: for every index vector
    in `start_indices` it takes a slice of `slice_sizes` from `operand`,
    drops the `collapsed_slice_dims` and places the rest at `offset_dims` of
    the result. Out-of-range starts are clamped so that the slice fits (JAX's
    default for indexing).

    Example (`x[idx]` for `x : f32[5, 4]`, `idx : i32[3]`):

    ```mlir
    %0 = jx.gather %x[%idx], <offset_dims = [1], collapsed_slice_dims = [0],
                              start_index_map = [0], index_vector_dim = 1>,
           slice_sizes = [1, 4]
           : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, Jx_IntTensor:$start_indices,
                       Jx_GatherDimensionNumbersAttr:$dimension_numbers,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $start_indices `]` `,` $dimension_numbers `,`
    `slice_sizes` `=` $slice_sizes attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Jx_ScatterOp : Jx_Op<"scatter", [Pure,
    AllTypesMatch<["operand", "result"]>]> {
  let summary = "combine updates into slices at index arrays";
  let description = [{
    StableHLO's scatter without batching dimensions and with a fixed combiner
    `kind` instead of a region: `set` overwrites, `add`/`mul`/`min`/`max`
    combine with the current element. This is `x.at[idx].set(v)` and friends.
    Updates whose window falls outside the operand are dropped (JAX's
    default). With `set` and repeated indices, which update wins is
    unspecified.

    Example (`x.at[idx].add(v)` for `x : f32[5, 4]`, `idx : i32[3]`):

    ```mlir
    %0 = jx.scatter add %x[%idx], %v, <update_window_dims = [1],
             inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
             index_vector_dim = 1>
           : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
    ```
  }];
  let arguments = (ins Jx_ScatterKindAttr:$kind, Jx_Tensor:$operand,
                       Jx_IntTensor:$scatter_indices, Jx_Tensor:$updates,
                       Jx_ScatterDimensionNumbersAttr:$dimension_numbers);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    `` $kind $operand `[` $scatter_indices `]` `,` $updates `,`
    $dimension_numbers attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// concatenate, pad, reverse
//===----------------------------------------------------------------------===//

def Jx_ConcatenateOp : Jx_Op<"concatenate", [Pure, SameOperandsElementType]> {
  let summary = "join tensors along a dimension";
  let description = [{
    Joins `inputs` (at least one) along `dimension`; the other dimensions
    must agree.

    Example:

    ```mlir
    %0 = jx.concatenate %a, %b dim = 0
           : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
    ```
  }];
  let arguments = (ins Variadic<Jx_Tensor>:$inputs, I64Attr:$dimension);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $inputs `dim` `=` $dimension attr-dict `:`
    functional-type($inputs, $result)
  }];
  let hasVerifier = 1;
}

def Jx_PadOp : Jx_Op<"pad", [Pure]> {
  let summary = "pad with a value";
  let description = [{
    Adds `edge_padding_low[d]` / `edge_padding_high[d]` elements (negative
    values remove elements) before / after dimension `d`, and
    `interior_padding[d] >= 0` elements between neighbours, all set to the
    rank-0 `padding_value`.

    Example:

    ```mlir
    %0 = jx.pad %x, %zero, low = [1], high = [2], interior = [0]
           : (tensor<4xf32>, tensor<f32>) -> tensor<7xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, Jx_Tensor:$padding_value,
                       DenseI64ArrayAttr:$edge_padding_low,
                       DenseI64ArrayAttr:$edge_padding_high,
                       DenseI64ArrayAttr:$interior_padding);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $padding_value `,` `low` `=` $edge_padding_low `,`
    `high` `=` $edge_padding_high `,` `interior` `=` $interior_padding
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Jx_ReverseOp : Jx_Op<"reverse", [Pure, SameOperandsAndResultType]> {
  let summary = "reverse the order of elements along dimensions";
  let description = [{
    Reverses each dimension listed in `dimensions` (`jnp.flip`, `x[::-1]`).

    Example:

    ```mlir
    %0 = jx.reverse %x, dims = [0] : tensor<4x3xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, DenseI64ArrayAttr:$dimensions);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $dimensions attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions and contractions
//===----------------------------------------------------------------------===//

def Jx_ReduceOp : Jx_Op<"reduce", [Pure]> {
  let summary = "reduce over dimensions with a fixed combiner";
  let description = [{
    Reduces `operand` over `dimensions` (unique, any order) with `kind`; the
    result has the remaining dimensions in order (keepdims is a reshape).

    - `sum`, `prod`, `max`, `min`: result element type = operand's; the
      identity of an empty reduction is 0, 1, -inf / lowest, +inf / highest.
      `max`/`min` propagate NaN.
    - `and`, `or`: `i1` (or integer, bitwise) operands.
    - `argmax`, `argmin`: exactly one dimension; the result has an `i32` or
      `i64` element type and holds the first index of the extreme value (NaN
      counts as the extreme, as in NumPy).

    Example:

    ```mlir
    %0 = jx.reduce sum %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
    %1 = jx.reduce argmax %x, dims = [1] : (tensor<3x4xf32>) -> tensor<3xi32>
    ```
  }];
  let arguments = (ins Jx_ReduceKindAttr:$kind, Jx_Tensor:$operand,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    `` $kind $operand `,` `dims` `=` $dimensions attr-dict `:`
    functional-type($operand, $result)
  }];
  let hasVerifier = 1;
}

def Jx_DotGeneralOp : Jx_Op<"dot_general", [Pure]> {
  let summary = "general tensor contraction (StableHLO dot_general)";
  let description = [{
    Contracts `lhs_contracting_dimensions` of `lhs` with
    `rhs_contracting_dimensions` of `rhs`, pairwise, for each pair of batch
    dimensions. The result dimensions are: the batch dimensions (in the
    order given), then the remaining `lhs` dimensions, then the remaining
    `rhs` dimensions. Operands and result share the element type.

    Example (batched matmul):

    ```mlir
    %0 = jx.dot_general %a, %b, batching_dims = [0] x [0],
           contracting_dims = [2] x [1]
           : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
    ```
  }];
  let arguments = (ins Jx_NumericTensor:$lhs, Jx_NumericTensor:$rhs,
                       DenseI64ArrayAttr:$lhs_batching_dimensions,
                       DenseI64ArrayAttr:$rhs_batching_dimensions,
                       DenseI64ArrayAttr:$lhs_contracting_dimensions,
                       DenseI64ArrayAttr:$rhs_contracting_dimensions);
  let results = (outs Jx_NumericTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs `,` `batching_dims` `=` $lhs_batching_dimensions `x`
    $rhs_batching_dimensions `,` `contracting_dims` `=`
    $lhs_contracting_dimensions `x` $rhs_contracting_dimensions attr-dict
    `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Jx_CumulativeOp : Jx_Op<"cumulative", [Pure, SameOperandsAndResultType]> {
  let summary = "inclusive prefix reduction along one axis";
  let description = [{
    `cumsum`, `cumprod`, `cummax`, `cummin` along `axis`: element `i` combines
    elements `0..i` (with `reverse`, elements `i..n-1`).

    Example:

    ```mlir
    %0 = jx.cumulative sum %x, axis = 0 : tensor<4xf32>
    %1 = jx.cumulative prod %x, axis = 1, reverse : tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Jx_CumulativeKindAttr:$kind, Jx_NumericTensor:$operand,
                       I64Attr:$axis, UnitAttr:$reverse);
  let results = (outs Jx_NumericTensor:$result);
  let assemblyFormat = [{
    `` $kind $operand `,` `axis` `=` $axis (`,` `reverse` $reverse^)?
    attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Sizes as values
//===----------------------------------------------------------------------===//

def Jx_DimOp : Jx_Op<"dim", [Pure]> {
  let summary = "size of one dimension, as an index";
  let description = [{
    The size of dimension `index` of `operand`: how a size variable is read
    as a value. Folds to a constant when the dimension is static.

    Example:

    ```mlir
    %n = jx.dim %x, 0 : tensor<?x4xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, I64Attr:$index);
  let results = (outs Index:$result);
  let assemblyFormat = "$operand `,` $index attr-dict `:` type($operand)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Jx_FromIndexOp : Jx_Op<"from_index", [Pure]> {
  let summary = "index to rank-0 integer tensor";
  let description = [{
    Turns an `index` (e.g. from `jx.dim`) into a rank-0 integer tensor,
    truncating or extending as needed.

    Example:

    ```mlir
    %t = jx.from_index %n : tensor<i64>
    ```
  }];
  let arguments = (ins Index:$operand);
  let results = (outs 0DTensorOf<[I32, I64, UI32]>:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

def Jx_ToIndexOp : Jx_Op<"to_index", [Pure]> {
  let summary = "rank-0 integer tensor to index";
  let description = [{
    Turns a rank-0 integer tensor into an `index` (for `sizes(...)` operands
    and the like); signed types are sign-extended, `ui32` zero-extended.

    Example:

    ```mlir
    %n = jx.to_index %t : tensor<i64>
    ```
  }];
  let arguments = (ins 0DTensorOf<[I32, I64, UI32]>:$operand);
  let results = (outs Index:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand)";
}

def Jx_BatchMaxOp : Jx_Op<"batch_max", [Pure, SameOperandsAndResultType]> {
  let summary = "maximum over the batch of every enclosing vmap";
  let description = [{
    Outside any vmap, its operand. When jx-expand-vmap batches the operand,
    the maximum over the batch (the lowest value of the type for an empty
    batch), which is not batched: a bound that every element of the batch
    can share. Reverse mode through `jx.while` uses it
    for the length of the scan that replays the loop (each step is guarded
    by the element's own trip count), so that the loop's gradient can be
    batched.

    Example:

    ```mlir
    %m = jx.batch_max %n : tensor<i64>
    ```
  }];
  let arguments = (ins 0DTensorOf<[I32, I64]>:$operand);
  let results = (outs 0DTensorOf<[I32, I64]>:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

#endif // JX_DIALECT_JX_IR_JXSHAPEOPS_TD
