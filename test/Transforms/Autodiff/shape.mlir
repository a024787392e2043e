// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// broadcast <-> reduce sum, reshape, transpose.
func.func private @f(%x: tensor<3xf32>) -> tensor<f32> {
  %b = jx.broadcast_in_dim %x, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  %t = jx.transpose %b, perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %r = jx.reshape %t : (tensor<3x2xf32>) -> tensor<6xf32>
  %s = jx.reduce sum %r, dims = [0] : (tensor<6xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

// slice <-> pad, concatenate <-> slices, reverse.
func.func private @f(%x: tensor<6xf32>, %y: tensor<2xf32>) -> tensor<5xf32> {
  %s = jx.slice %x, start = [1], limit = [6], stride = [2] : (tensor<6xf32>) -> tensor<3xf32>
  %c = jx.concatenate %s, %y dim = 0 : (tensor<3xf32>, tensor<2xf32>) -> tensor<5xf32>
  %r = jx.reverse %c, dims = [0] : tensor<5xf32>
  return %r : tensor<5xf32>
}
func.func @main(%x: tensor<6xf32>, %y: tensor<2xf32>, %ct: tensor<5xf32>) -> (tensor<5xf32>, tensor<6xf32>, tensor<2xf32>) {
  %r:3 = jx.vjp @f(%x, %y, %ct) : (tensor<6xf32>, tensor<2xf32>, tensor<5xf32>) -> (tensor<5xf32>, tensor<6xf32>, tensor<2xf32>)
  return %r#0, %r#1, %r#2 : tensor<5xf32>, tensor<6xf32>, tensor<2xf32>
}

// -----

// reduce max: mask of the arg-max positions divided by their count.
func.func private @f(%x: tensor<2x3xf32>) -> tensor<f32> {
  %m = jx.reduce max %x, dims = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
  return %m : tensor<f32>
}
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %g : tensor<2x3xf32>
}

// -----

// pad: the operand gets the inner slice, the padding value the rest.
func.func private @f(%x: tensor<2xf32>, %p: tensor<f32>) -> tensor<6xf32> {
  %r = jx.pad %x, %p, low = [1], high = [2], interior = [1] : (tensor<2xf32>, tensor<f32>) -> tensor<6xf32>
  return %r : tensor<6xf32>
}
func.func @main(%x: tensor<2xf32>, %p: tensor<f32>, %ct: tensor<6xf32>) -> (tensor<6xf32>, tensor<2xf32>, tensor<f32>) {
  %r:3 = jx.vjp @f(%x, %p, %ct) : (tensor<2xf32>, tensor<f32>, tensor<6xf32>) -> (tensor<6xf32>, tensor<2xf32>, tensor<f32>)
  return %r#0, %r#1, %r#2 : tensor<6xf32>, tensor<2xf32>, tensor<f32>
}
