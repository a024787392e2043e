// RUN: jx-opt %s -jx-expand-autodiff -split-input-file -verify-diagnostics

func.func private @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{differentiation of 'jx.cumulative' of kind 'prod' is not supported yet}}
  %y = jx.cumulative prod %x, axis = 0 : tensor<4xf32>
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

func.func private @f(%x: tensor<?xf32>) -> tensor<f32> {
  // expected-error @below {{differentiation of 'jx.slice' with dynamic shapes is not supported yet}}
  %y = jx.slice %x, start = [0], limit = [2], stride = [1] : (tensor<?xf32>) -> tensor<2xf32>
  %s = jx.reduce sum %y, dims = [0] : (tensor<2xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<?xf32>) -> tensor<?xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<?xf32>) -> tensor<?xf32>
  return %g : tensor<?xf32>
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
