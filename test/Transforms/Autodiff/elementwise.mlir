// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// grad of sin(x) * x: cos(x) * x + sin(x).
func.func private @f(%x: tensor<f32>) -> tensor<f32> {
  %s = jx.sin %x : tensor<f32>
  %y = jx.mul %s, %x : tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// -----

// jvp: tangents of exp and of a binary op with one zero tangent.
func.func private @f(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %e = jx.exp %x : tensor<3xf32>
  %r = jx.div %e, %y : tensor<3xf32>
  return %r : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %y: tensor<3xf32>, %tx: tensor<3xf32>, %ty: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %r, %t = jx.jvp @f(%x, %y, %tx, %ty) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %r, %t : tensor<3xf32>, tensor<3xf32>
}

// -----

// max splits ties equally (JAX); select routes the cotangent.
func.func private @f(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %m = jx.max %x, %y : tensor<4xf32>
  %p = jx.compare GT, %x, %y : tensor<4xf32>
  %s = jx.select %p, %m, %y : tensor<4xi1>, tensor<4xf32>
  return %s : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %y: tensor<4xf32>, %ct: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %r:3 = jx.vjp @f(%x, %y, %ct) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1, %r#2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// stop_gradient and integer paths give zero; convert f32 -> f64 converts back.
func.func private @f(%x: tensor<f32>, %i: tensor<i32>) -> tensor<f64> {
  %s = jx.stop_gradient %x : tensor<f32>
  %a = jx.add %s, %x : tensor<f32>
  %c = jx.convert %a : (tensor<f32>) -> tensor<f64>
  %ci = jx.convert %i : (tensor<i32>) -> tensor<f64>
  %r = jx.mul %c, %ci : tensor<f64>
  return %r : tensor<f64>
}
func.func @main(%x: tensor<f32>, %i: tensor<i32>) -> (tensor<f64>, tensor<f32>) {
  %v, %g = jx.value_and_grad @f(%x, %i) {argnums = array<i64: 0>} : (tensor<f32>, tensor<i32>) -> (tensor<f64>, tensor<f32>)
  return %v, %g : tensor<f64>, tensor<f32>
}
