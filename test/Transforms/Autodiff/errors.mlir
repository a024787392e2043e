// RUN: jx-opt %s -jx-expand-autodiff -split-input-file -verify-diagnostics

func.func private @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{differentiation of 'jx.cumulative' is not supported yet}}
  %y = jx.cumulative sum %x, axis = 0 : tensor<4xf32>
  return %y : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %t: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %r:2 = jx.jvp @f(%x, %t) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

func.func private @f(%x: tensor<4xf32>) -> tensor<f32> {
  // expected-error @below {{differentiation of 'jx.reduce' of kind 'prod' is not supported yet}}
  %y = jx.reduce prod %x, dims = [0] : (tensor<4xf32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %g : tensor<4xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = jx.broadcast_in_dim %x, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @main(%x: tensor<3xf32>) -> tensor<2x3x3xf32> {
  // expected-error @below {{'jx.jacrev' is not supported yet}}
  %j = jx.jacrev @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3x3xf32>
  return %j : tensor<2x3x3xf32>
}
