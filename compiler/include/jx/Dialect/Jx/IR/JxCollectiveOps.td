//===- JxCollectiveOps.td - jx collectives over named axes -*- tablegen -*-===//
//
// psum, pmean, pmax, pmin, all_gather, axis_index, ppermute: collectives over
// the axis named `axis_name` of an enclosing pmap (or vmap with axis_name).
// They carry no `Pure` trait: every participant must reach them.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXCOLLECTIVEOPS_TD
#define JX_DIALECT_JX_IR_JXCOLLECTIVEOPS_TD

include "jx/Dialect/Jx/IR/JxDialect.td"

class Jx_AllReduceOp<string mnemonic, string semantics>
    : Jx_Op<mnemonic, [SameOperandsAndResultType]> {
  let summary = "all-reduce " # mnemonic # " over a named axis";
  let description = semantics # [{


    Example:

    ```mlir
    }] # "%r = jx." # mnemonic # [{ %x, "batch" : tensor<4xf32>
    ```
  }];
  let arguments = (ins Jx_NumericTensor:$operand, StrAttr:$axis_name);
  let results = (outs Jx_NumericTensor:$result);
  let assemblyFormat = "$operand `,` $axis_name attr-dict `:` type($result)";
}

def Jx_PsumOp : Jx_AllReduceOp<"psum",
    "Every participant gets the sum of all participants' operands.">;
def Jx_PmeanOp : Jx_AllReduceOp<"pmean",
    "Every participant gets the mean of all participants' operands.">;
def Jx_PmaxOp : Jx_AllReduceOp<"pmax",
    "Every participant gets the elementwise maximum over participants.">;
def Jx_PminOp : Jx_AllReduceOp<"pmin",
    "Every participant gets the elementwise minimum over participants.">;

def Jx_AllGatherOp : Jx_Op<"all_gather", [SameOperandsAndResultElementType]> {
  let summary = "gather every participant's operand";
  let description = [{
    Stacks the operands of all participants along a new dimension `axis` of
    the result (size = axis size), or with `tiled` concatenates them along
    the existing dimension `axis`.

    Example:

    ```mlir
    %0 = jx.all_gather %x, "batch", axis = 0 : (tensor<4xf32>) -> tensor<8x4xf32>
    %1 = jx.all_gather %x, "batch", axis = 0, tiled : (tensor<4xf32>) -> tensor<32xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, StrAttr:$axis_name, I64Attr:$axis,
                       UnitAttr:$tiled);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $axis_name `,` `axis` `=` $axis (`,` `tiled` $tiled^)?
    attr-dict `:` functional-type($operand, $result)
  }];
  let hasVerifier = 1;
}

def Jx_AxisIndexOp : Jx_Op<"axis_index"> {
  let summary = "this participant's index along a named axis";
  let description = [{
    Example:

    ```mlir
    %i = jx.axis_index "batch" : tensor<i32>
    ```
  }];
  let arguments = (ins StrAttr:$axis_name);
  let results = (outs 0DTensorOf<[I32]>:$result);
  let assemblyFormat = "$axis_name attr-dict `:` type($result)";
}

def Jx_PpermuteOp : Jx_Op<"ppermute", [SameOperandsAndResultType]> {
  let summary = "send operands along a permutation of participants";
  let description = [{
    `source_target_pairs` is an `N x 2` array of `(source, target)` indices
    (sources unique, targets unique). Participant `target` receives the
    operand of `source`; participants no pair targets receive zeros.

    Example:

    ```mlir
    %0 = jx.ppermute %x, "ring", pairs = dense<[[0, 1], [1, 0]]> : tensor<2x2xi64>
           : tensor<4xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand, StrAttr:$axis_name,
                       I64ElementsAttr:$source_target_pairs);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $axis_name `,` `pairs` `=` $source_target_pairs attr-dict
    `:` type($result)
  }];
  let hasVerifier = 1;
}

#endif // JX_DIALECT_JX_IR_JXCOLLECTIVEOPS_TD
