// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// Matrix product: x_bar = g . y^T, y_bar = x^T . g.
func.func private @f(%x: tensor<2x3xf32>, %y: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %r = jx.dot_general %x, %y, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}
func.func @main(%x: tensor<2x3xf32>, %y: tensor<3x4xf32>, %ct: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>) {
  %r:3 = jx.vjp @f(%x, %y, %ct) : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>)
  return %r#0, %r#1, %r#2 : tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>
}

// -----

// Batched, contracting the lhs's leading free dim: the lhs cotangent needs a
// transpose back.
func.func private @f(%x: tensor<5x3x2xf32>, %y: tensor<5x3x4xf32>) -> tensor<5x2x4xf32> {
  %r = jx.dot_general %x, %y, batching_dims = [0] x [0], contracting_dims = [1] x [1] : (tensor<5x3x2xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return %r : tensor<5x2x4xf32>
}
func.func @main(%x: tensor<5x3x2xf32>, %y: tensor<5x3x4xf32>, %ct: tensor<5x2x4xf32>) -> (tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>) {
  %r:3 = jx.vjp @f(%x, %y, %ct) : (tensor<5x3x2xf32>, tensor<5x3x4xf32>, tensor<5x2x4xf32>) -> (tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>)
  return %r#0, %r#1, %r#2 : tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>
}
