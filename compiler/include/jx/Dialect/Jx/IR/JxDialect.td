//===- JxDialect.td - jx dialect definition ----------------*- tablegen -*-===//
//
// The jx dialect: the dialect record, the element and tensor type constraints
// shared by every op family, and the base op class.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXDIALECT_TD
#define JX_DIALECT_JX_IR_JXDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Jx_Dialect : Dialect {
  let name = "jx";
  let cppNamespace = "::mlir::jx";
  let summary = "Value-semantics array ops for the jx language";
  let description = [{
    The jx dialect is the compiler's single home of array semantics. Its ops
    work on ranked tensors (dynamic dimensions allowed; scalars are rank-0
    tensors) and are close to StableHLO in spirit: elementwise ops need equal
    shapes, broadcasting is explicit through `jx.broadcast_in_dim`.

    Transformations (`jx.grad`, `jx.vmap`, ...) are requests that refer to a
    `func.func` by symbol; the transform passes expand them into plain jx IR.
    Plain calls use `func.call`.

    Element types: `i1` (bool), `i32`, `i64`, `ui32` (u32: the unsignedness
    is carried by the type, so division, remainder, shifts, comparisons and
    conversions of `ui32` use unsigned semantics), `f16`, `bf16`, `f32`, `f64`.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Jx_Float : AnyTypeOf<[F16, BF16, F32, F64], "floating-point">;
def Jx_Int : AnyTypeOf<[I32, I64, UI32], "integer">;
def Jx_IntOrBool : AnyTypeOf<[I1, I32, I64, UI32], "integer or bool">;
def Jx_Numeric : AnyTypeOf<[I32, I64, UI32, F16, BF16, F32, F64], "numeric">;
def Jx_Element : AnyTypeOf<[I1, I32, I64, UI32, F16, BF16, F32, F64],
                           "jx element">;

def Jx_Tensor : RankedTensorOf<[Jx_Element]>;
def Jx_FloatTensor : RankedTensorOf<[Jx_Float]>;
def Jx_IntTensor : RankedTensorOf<[Jx_Int]>;
def Jx_IntOrBoolTensor : RankedTensorOf<[Jx_IntOrBool]>;
def Jx_BoolTensor : RankedTensorOf<[I1]>;
def Jx_NumericTensor : RankedTensorOf<[Jx_Numeric]>;

/// A rank-0 integer tensor used as a run-time start index (dynamic_slice,
/// dynamic_update_slice).
def Jx_IndexScalar : 0DTensorOf<[I32, I64, UI32]>;

/// `tensor<i1>`: the predicate of `jx.if`.
def Jx_PredScalar : 0DTensorOf<[I1]>,
    BuildableType<"::mlir::RankedTensorType::get({}, $_builder.getI1Type())">;

/// `tensor<i32>`: the branch index of `jx.switch`.
def Jx_I32Scalar : 0DTensorOf<[I32]>,
    BuildableType<
        "::mlir::RankedTensorType::get({}, $_builder.getIntegerType(32))">;

/// Loop bounds of `jx.fori`.
def Jx_LoopBound : 0DTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Base op class
//===----------------------------------------------------------------------===//

class Jx_Op<string mnemonic, list<Trait> traits = []>
    : Op<Jx_Dialect, mnemonic, traits>;

#endif // JX_DIALECT_JX_IR_JXDIALECT_TD
