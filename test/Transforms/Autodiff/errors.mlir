// RUN: jx-opt %s -jx-expand-autodiff -split-input-file -verify-diagnostics

// The updates' cotangent gathers windows of a static size (the number of
// windows may be dynamic).
func.func private @f(%x: tensor<4x?xf32>, %i: tensor<2x1xi32>, %u: tensor<2x?xf32>) -> tensor<f32> {
  // expected-error @below {{differentiation of 'jx.scatter' with dynamic update windows is not supported yet}}
  %y = jx.scatter mul %x[%i], %u, <update_window_dims = [1], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<4x?xf32>, tensor<2x1xi32>, tensor<2x?xf32>) -> tensor<4x?xf32>
  %s = jx.reduce sum %y, dims = [0, 1] : (tensor<4x?xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<4x?xf32>, %i: tensor<2x1xi32>, %u: tensor<2x?xf32>) -> tensor<2x?xf32> {
  %g = jx.grad @f(%x, %i, %u) {argnums = array<i64: 2>} : (tensor<4x?xf32>, tensor<2x1xi32>, tensor<2x?xf32>) -> tensor<2x?xf32>
  return %g : tensor<2x?xf32>
}

// -----

func.func private @g(%x: tensor<f32>) -> tensor<f32> {
  %y = jx.sin %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @f(%x: tensor<4xf32>) -> tensor<f32> {
  %y = jx.pmap @g(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  %s = jx.reduce sum %y, dims = [0] : (tensor<4xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{differentiation of a function that contains a jx.pmap request is not supported yet}}
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %g : tensor<4xf32>
}
