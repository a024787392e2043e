// RUN: jx-opt %s -split-input-file -verify-diagnostics

func.func @iota_dim_out_of_range() -> tensor<4xi32> {
  // expected-error @+1 {{'jx.iota' op iota_dimension 1 is out of range for rank 1}}
  %0 = jx.iota dim = 1 : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @iota_missing_size() -> tensor<?xi32> {
  // expected-error @+1 {{'jx.iota' op expects 1 'sizes' operand(s), one per dynamic dimension of 'tensor<?xi32>', but got 0}}
  %0 = jx.iota dim = 0 : tensor<?xi32>
  return %0 : tensor<?xi32>
}

// -----

func.func @exp_of_int(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'jx.exp' op operand #0 must be ranked tensor of floating-point values}}
  %0 = jx.exp %x : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @add_shape_mismatch(%a: tensor<4xf32>, %b: tensor<3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.add' op all non-scalar operands/results must have the same shape and base type}}
  %0 = "jx.add"(%a, %b) : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @shl_of_float(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.shl' op operand #0 must be ranked tensor of integer values}}
  %0 = jx.shl %a, %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unsupported_element(%a: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{'jx.add' op operand #0 must be ranked tensor of numeric values}}
  %0 = jx.add %a, %a : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @compare_mixed(%a: tensor<4xf32>, %b: tensor<4xf64>) -> tensor<4xi1> {
  // expected-error @+1 {{'jx.compare' op requires all operands to have the same type}}
  %0 = "jx.compare"(%a, %b) {comparison_direction = #jx<comparison_direction LT>} : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @compare_bad_direction(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+2 {{expected ::mlir::jx::ComparisonDirection to be one of: EQ, NE, LT, LE, GT, GE}}
  // expected-error @+1 {{failed to parse Jx_ComparisonDirectionAttr parameter 'value'}}
  %0 = jx.compare XX, %a, %a : tensor<4xf32>
  return %0 : tensor<4xi1>
}

// -----

func.func @select_pred_shape(%p: tensor<3xi1>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.select' op predicate shape [3] is neither rank 0 nor the result shape [4]}}
  %0 = jx.select %p, %a, %a : tensor<3xi1>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @convert_shape(%a: tensor<4xf32>) -> tensor<3xi32> {
  // expected-error @+1 {{'jx.convert' op all non-scalar operands/results must have the same shape and base type}}
  %0 = jx.convert %a : (tensor<4xf32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @constant_type(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "jx.constant"() {value = dense<1.0> : tensor<3xf32>} : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @iota_negative() -> tensor<4xi32> {
  // expected-error @+1 {{'jx.iota' op iota_dimension -1 is out of range for rank 1}}
  %0 = jx.iota dim = -1 : tensor<4xi32>
  return %0 : tensor<4xi32>
}
