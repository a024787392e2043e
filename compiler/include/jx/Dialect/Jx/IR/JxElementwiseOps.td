//===- JxElementwiseOps.td - jx elementwise ops ------------*- tablegen -*-===//
//
// constant, iota, unary and binary elementwise ops, compare, select, convert.
// Elementwise ops need operands of equal shape: broadcasting is explicit.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXELEMENTWISEOPS_TD
#define JX_DIALECT_JX_IR_JXELEMENTWISEOPS_TD

include "jx/Dialect/Jx/IR/JxAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// constant, iota
//===----------------------------------------------------------------------===//

def Jx_ConstantOp : Jx_Op<"constant",
    [ConstantLike, Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "constant tensor";
  let description = [{
    Produces a tensor holding `value`, a dense elements attribute whose type
    is the result type.

    Example:

    ```mlir
    %0 = jx.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %1 = jx.constant dense<0> : tensor<i32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
  let builders = [
    OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
      build($_builder, $_state, value.getType(), value);
    }]>
  ];
}

def Jx_IotaOp : Jx_Op<"iota", [Pure]> {
  let summary = "tensor of indices along one dimension";
  let description = [{
    Each element of the result is its own index along `iota_dimension`,
    converted to the element type. Each dynamic (`?`) dimension of the result
    takes its size from one `index` operand in `sizes(...)`, in order.

    Example:

    ```mlir
    %0 = jx.iota dim = 0 : tensor<4xi32>
    %1 = jx.iota dim = 1, sizes(%n) : tensor<?x3xf32>
    ```
  }];
  let arguments = (ins I64Attr:$iota_dimension, Variadic<Index>:$dynamic_dims);
  let results = (outs Jx_NumericTensor:$result);
  let assemblyFormat = [{
    `dim` `=` $iota_dimension (`,` `sizes` `(` $dynamic_dims^ `)`)?
    attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Unary elementwise ops
//===----------------------------------------------------------------------===//

class Jx_UnaryOp<string mnemonic, Type type, string semantics,
                 string example = "tensor<4xf32>", list<Trait> traits = []>
    : Jx_Op<mnemonic,
            traits # [Pure, Elementwise, SameOperandsAndResultType]> {
  let summary = "elementwise " # mnemonic;
  let description = semantics # [{


    Example:

    ```mlir
    }] # "%r = jx." # mnemonic # " %x : " # example # [{

    ```
  }];
  let arguments = (ins type:$operand);
  let results = (outs type:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

def Jx_NegOp : Jx_UnaryOp<"neg", Jx_NumericTensor, "Negation, `-x`.">;
def Jx_AbsOp : Jx_UnaryOp<"abs", Jx_NumericTensor, "Absolute value.">;
def Jx_SignOp : Jx_UnaryOp<"sign", Jx_NumericTensor,
    "-1, 0 or 1 by the sign of `x`; NaN for NaN (as `jnp.sign`).">;
def Jx_ExpOp : Jx_UnaryOp<"exp", Jx_FloatTensor, "Natural exponential.">;
def Jx_Exp2Op : Jx_UnaryOp<"exp2", Jx_FloatTensor, "Base-2 exponential.">;
def Jx_LogOp : Jx_UnaryOp<"log", Jx_FloatTensor, "Natural logarithm.">;
def Jx_Log1pOp : Jx_UnaryOp<"log1p", Jx_FloatTensor, "`log(1 + x)`.">;
def Jx_Log2Op : Jx_UnaryOp<"log2", Jx_FloatTensor, "Base-2 logarithm.">;
def Jx_Expm1Op : Jx_UnaryOp<"expm1", Jx_FloatTensor, "`exp(x) - 1`.">;
def Jx_SqrtOp : Jx_UnaryOp<"sqrt", Jx_FloatTensor, "Square root.">;
def Jx_RsqrtOp : Jx_UnaryOp<"rsqrt", Jx_FloatTensor,
    "Reciprocal square root, `1 / sqrt(x)`.">;
def Jx_SinOp : Jx_UnaryOp<"sin", Jx_FloatTensor, "Sine.">;
def Jx_CosOp : Jx_UnaryOp<"cos", Jx_FloatTensor, "Cosine.">;
def Jx_TanOp : Jx_UnaryOp<"tan", Jx_FloatTensor, "Tangent.">;
def Jx_AsinOp : Jx_UnaryOp<"asin", Jx_FloatTensor, "Arc sine.">;
def Jx_AcosOp : Jx_UnaryOp<"acos", Jx_FloatTensor, "Arc cosine.">;
def Jx_AtanOp : Jx_UnaryOp<"atan", Jx_FloatTensor, "Arc tangent.">;
def Jx_SinhOp : Jx_UnaryOp<"sinh", Jx_FloatTensor, "Hyperbolic sine.">;
def Jx_CoshOp : Jx_UnaryOp<"cosh", Jx_FloatTensor, "Hyperbolic cosine.">;
def Jx_TanhOp : Jx_UnaryOp<"tanh", Jx_FloatTensor, "Hyperbolic tangent.">;
def Jx_FloorOp : Jx_UnaryOp<"floor", Jx_FloatTensor, "Round toward -inf.">;
def Jx_CeilOp : Jx_UnaryOp<"ceil", Jx_FloatTensor, "Round toward +inf.">;
def Jx_RoundOp : Jx_UnaryOp<"round", Jx_FloatTensor,
    "Round to the nearest integer, ties to even (as `jnp.round`).">;
def Jx_ErfOp : Jx_UnaryOp<"erf", Jx_FloatTensor, "Gauss error function.">;
def Jx_NotOp : Jx_UnaryOp<"not", Jx_IntOrBoolTensor,
    "Bitwise complement, `~x` (logical not on `i1`).", "tensor<4xi32>">;
def Jx_LogicalNotOp : Jx_UnaryOp<"logical_not", Jx_BoolTensor,
    "Logical negation of a bool tensor.", "tensor<4xi1>">;
def Jx_ReciprocalOp : Jx_UnaryOp<"reciprocal", Jx_FloatTensor, "`1 / x`.">;
def Jx_SquareOp : Jx_UnaryOp<"square", Jx_NumericTensor, "`x * x`.">;

/// A float-to-bool predicate: the result is an `i1` tensor of the same shape.
class Jx_PredicateOp<string mnemonic, string semantics>
    : Jx_Op<mnemonic, [Pure, Elementwise, SameOperandsAndResultShape,
                       InferTypeOpAdaptor]> {
  let summary = "elementwise " # mnemonic;
  let description = semantics # [{


    Example:

    ```mlir
    }] # "%r = jx." # mnemonic # [{ %x : tensor<4xf32>   // -> tensor<4xi1>
    ```
  }];
  let arguments = (ins Jx_FloatTensor:$operand);
  let results = (outs Jx_BoolTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand)";
}

def Jx_IsNanOp : Jx_PredicateOp<"is_nan", "True where `x` is NaN.">;
def Jx_IsFiniteOp : Jx_PredicateOp<"is_finite",
    "True where `x` is neither infinite nor NaN.">;

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

class Jx_BinaryOp<string mnemonic, Type type, string semantics,
                  string example = "tensor<4xf32>", list<Trait> traits = []>
    : Jx_Op<mnemonic,
            traits # [Pure, Elementwise, SameOperandsAndResultType]> {
  let summary = "elementwise " # mnemonic;
  let description = semantics # [{


    Example:

    ```mlir
    }] # "%r = jx." # mnemonic # " %a, %b : " # example # [{

    ```
  }];
  let arguments = (ins type:$lhs, type:$rhs);
  let results = (outs type:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def Jx_AddOp : Jx_BinaryOp<"add", Jx_NumericTensor, "Addition.",
    "tensor<4xf32>", [Commutative]>;
def Jx_SubOp : Jx_BinaryOp<"sub", Jx_NumericTensor, "Subtraction.">;
def Jx_MulOp : Jx_BinaryOp<"mul", Jx_NumericTensor, "Multiplication.",
    "tensor<4xf32>", [Commutative]>;
def Jx_DivOp : Jx_BinaryOp<"div", Jx_NumericTensor,
    "Division; integer division truncates toward zero (as `lax.div`).">;
def Jx_FloorDivOp : Jx_BinaryOp<"floor_div", Jx_NumericTensor,
    "Division rounded toward -inf, Python's `//` (as `jnp.floor_divide`).">;
def Jx_RemOp : Jx_BinaryOp<"rem", Jx_NumericTensor,
    "Remainder with the sign of the dividend (C `fmod`, `lax.rem`); Python's "
    "`%` is `a - floor_div(a, b) * b`.">;
def Jx_PowOp : Jx_BinaryOp<"pow", Jx_NumericTensor, "`a ** b`.">;
def Jx_MaxOp : Jx_BinaryOp<"max", Jx_Tensor,
    "Elementwise maximum; NaN if either float operand is NaN.",
    "tensor<4xf32>", [Commutative]>;
def Jx_MinOp : Jx_BinaryOp<"min", Jx_Tensor,
    "Elementwise minimum; NaN if either float operand is NaN.",
    "tensor<4xf32>", [Commutative]>;
def Jx_Atan2Op : Jx_BinaryOp<"atan2", Jx_FloatTensor,
    "Two-argument arc tangent of `a / b`.">;
def Jx_AndOp : Jx_BinaryOp<"and", Jx_IntOrBoolTensor,
    "Bitwise and (logical and on `i1`).", "tensor<4xi1>", [Commutative]>;
def Jx_OrOp : Jx_BinaryOp<"or", Jx_IntOrBoolTensor,
    "Bitwise or (logical or on `i1`).", "tensor<4xi1>", [Commutative]>;
def Jx_XorOp : Jx_BinaryOp<"xor", Jx_IntOrBoolTensor,
    "Bitwise exclusive or.", "tensor<4xi32>", [Commutative]>;
def Jx_ShlOp : Jx_BinaryOp<"shl", Jx_IntTensor,
    "Left shift; a shift by the bit width or more gives 0.", "tensor<4xi32>">;
def Jx_ShrOp : Jx_BinaryOp<"shr", Jx_IntTensor,
    "Right shift: arithmetic on signed types, logical on `ui32` (as "
    "NumPy's `>>`).", "tensor<4xui32>">;

//===----------------------------------------------------------------------===//
// compare, select, convert
//===----------------------------------------------------------------------===//

def Jx_CompareOp : Jx_Op<"compare", [Pure, Elementwise, SameTypeOperands,
    SameOperandsAndResultShape, InferTypeOpAdaptor]> {
  let summary = "elementwise comparison";
  let description = [{
    Compares `lhs` and `rhs` elementwise with `comparison_direction` (one of
    `EQ NE LT LE GT GE`) and gives an `i1` tensor of the same shape. Float
    comparisons are ordered (false on NaN) except `NE`, which is true on NaN;
    `ui32` compares unsigned.

    Example:

    ```mlir
    %p = jx.compare LT, %a, %b : tensor<4xf32>   // -> tensor<4xi1>
    ```
  }];
  let arguments = (ins Jx_ComparisonDirectionAttr:$comparison_direction,
                       Jx_Tensor:$lhs, Jx_Tensor:$rhs);
  let results = (outs Jx_BoolTensor:$result);
  let assemblyFormat = [{
    `` $comparison_direction `,` $lhs `,` $rhs attr-dict `:` type($lhs)
  }];
}

def Jx_SelectOp : Jx_Op<"select", [Pure,
    AllTypesMatch<["on_true", "on_false", "result"]>]> {
  let summary = "elementwise choice";
  let description = [{
    Takes `on_true` where `pred` is true and `on_false` elsewhere. `pred` has
    the shape of the result or is a rank-0 `tensor<i1>` (then it picks a
    whole operand; both are still evaluated, unlike `jx.if`).

    Example:

    ```mlir
    %r = jx.select %p, %a, %b : tensor<4xi1>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Jx_BoolTensor:$pred, Jx_Tensor:$on_true,
                       Jx_Tensor:$on_false);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $pred `,` $on_true `,` $on_false attr-dict `:` type($pred) `,`
    type($result)
  }];
  let hasVerifier = 1;
}

def Jx_ConvertOp : Jx_Op<"convert", [Pure, Elementwise,
    SameOperandsAndResultShape]> {
  let summary = "elementwise element-type conversion";
  let description = [{
    Converts each element to the result element type, as NumPy's `astype`:
    float to integer truncates toward zero (out-of-range values are
    implementation defined), to `i1` tests `!= 0`, from `i1` gives 0 or 1.

    Example:

    ```mlir
    %f = jx.convert %i : (tensor<4xi32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Jx_Tensor:$operand);
  let results = (outs Jx_Tensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` functional-type($operand, $result)
  }];
  let hasFolder = 1;
}

#endif // JX_DIALECT_JX_IR_JXELEMENTWISEOPS_TD
