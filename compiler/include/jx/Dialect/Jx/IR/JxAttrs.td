//===- JxAttrs.td - jx enums and attributes ----------------*- tablegen -*-===//
//
// Enum attributes (comparison direction, reduction/scan/scatter kinds) and
// the gather/scatter dimension-number attributes.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXATTRS_TD
#define JX_DIALECT_JX_IR_JXATTRS_TD

include "jx/Dialect/Jx/IR/JxDialect.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Jx_ComparisonDirection : I32EnumAttr<"ComparisonDirection",
    "direction of an elementwise comparison", [
      I32EnumAttrCase<"EQ", 0>, I32EnumAttrCase<"NE", 1>,
      I32EnumAttrCase<"LT", 2>, I32EnumAttrCase<"LE", 3>,
      I32EnumAttrCase<"GT", 4>, I32EnumAttrCase<"GE", 5>]> {
  let cppNamespace = "::mlir::jx";
  let genSpecializedAttr = 0;
}
def Jx_ComparisonDirectionAttr
    : EnumAttr<Jx_Dialect, Jx_ComparisonDirection, "comparison_direction">;

def Jx_ReduceKind : I32EnumAttr<"ReduceKind",
    "combiner of a reduction", [
      I32EnumAttrCase<"Sum", 0, "sum">, I32EnumAttrCase<"Prod", 1, "prod">,
      I32EnumAttrCase<"Max", 2, "max">, I32EnumAttrCase<"Min", 3, "min">,
      I32EnumAttrCase<"And", 4, "and">, I32EnumAttrCase<"Or", 5, "or">,
      I32EnumAttrCase<"ArgMax", 6, "argmax">,
      I32EnumAttrCase<"ArgMin", 7, "argmin">]> {
  let cppNamespace = "::mlir::jx";
  let genSpecializedAttr = 0;
}
def Jx_ReduceKindAttr : EnumAttr<Jx_Dialect, Jx_ReduceKind, "reduce_kind">;

def Jx_CumulativeKind : I32EnumAttr<"CumulativeKind",
    "combiner of a cumulative (prefix) reduction", [
      I32EnumAttrCase<"Sum", 0, "sum">, I32EnumAttrCase<"Prod", 1, "prod">,
      I32EnumAttrCase<"Max", 2, "max">, I32EnumAttrCase<"Min", 3, "min">]> {
  let cppNamespace = "::mlir::jx";
  let genSpecializedAttr = 0;
}
def Jx_CumulativeKindAttr
    : EnumAttr<Jx_Dialect, Jx_CumulativeKind, "cumulative_kind">;

def Jx_ScatterKind : I32EnumAttr<"ScatterKind",
    "how a scatter combines an update with the element it hits", [
      I32EnumAttrCase<"Set", 0, "set">, I32EnumAttrCase<"Add", 1, "add">,
      I32EnumAttrCase<"Mul", 2, "mul">, I32EnumAttrCase<"Min", 3, "min">,
      I32EnumAttrCase<"Max", 4, "max">]> {
  let cppNamespace = "::mlir::jx";
  let genSpecializedAttr = 0;
}
def Jx_ScatterKindAttr : EnumAttr<Jx_Dialect, Jx_ScatterKind, "scatter_kind">;

//===----------------------------------------------------------------------===//
// Dimension numbers
//===----------------------------------------------------------------------===//

/// A list of dimensions printed as `[0, 2]`.
def Jx_DimListParameter : ArrayRefParameter<"int64_t", "dimension list"> {
  let parser = "::mlir::jx::parseDimList($_parser)";
  let printer = "::mlir::jx::printDimList($_printer, $_self)";
}

class Jx_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Jx_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def Jx_GatherDimensionNumbersAttr
    : Jx_Attr<"GatherDimensionNumbers", "gather"> {
  let summary = "dimension numbers of `jx.gather` (as in StableHLO)";
  let description = [{
    - `offset_dims`: result dimensions that index into a slice (sorted).
    - `collapsed_slice_dims`: operand dimensions whose slice size is 1 and
      that do not appear in the result (sorted).
    - `start_index_map`: for each component of an index vector, the operand
      dimension it indexes.
    - `index_vector_dim`: the dimension of the indices that holds the index
      vectors; equal to the indices' rank when each index is a scalar.

    Example: `#jx.gather<offset_dims = [1], collapsed_slice_dims = [0],
    start_index_map = [0], index_vector_dim = 1>`.
  }];
  let parameters = (ins Jx_DimListParameter:$offset_dims,
                        Jx_DimListParameter:$collapsed_slice_dims,
                        Jx_DimListParameter:$start_index_map,
                        "int64_t":$index_vector_dim);
  let assemblyFormat = "`<` struct(params) `>`";
}

def Jx_ScatterDimensionNumbersAttr
    : Jx_Attr<"ScatterDimensionNumbers", "scatter"> {
  let summary = "dimension numbers of `jx.scatter` (as in StableHLO)";
  let description = [{
    - `update_window_dims`: dimensions of `updates` that index into the
      window written at each index (sorted).
    - `inserted_window_dims`: operand dimensions of window size 1 that do not
      appear in `updates` (sorted).
    - `scatter_dims_to_operand_dims`: for each component of an index vector,
      the operand dimension it indexes.
    - `index_vector_dim`: the dimension of the indices that holds the index
      vectors; equal to the indices' rank when each index is a scalar.

    Example: `#jx.scatter<update_window_dims = [1], inserted_window_dims = [0],
    scatter_dims_to_operand_dims = [0], index_vector_dim = 1>`.
  }];
  let parameters = (ins Jx_DimListParameter:$update_window_dims,
                        Jx_DimListParameter:$inserted_window_dims,
                        Jx_DimListParameter:$scatter_dims_to_operand_dims,
                        "int64_t":$index_vector_dim);
  let assemblyFormat = "`<` struct(params) `>`";
}

#endif // JX_DIALECT_JX_IR_JXATTRS_TD
