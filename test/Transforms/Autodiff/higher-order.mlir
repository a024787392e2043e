// RUN: jx-opt %s -jx-expand-autodiff | FileCheck %s

// grad(grad(grad(sin))) as MLIRGen emits it: each request in its own
// function, calling the previous one. Innermost first; the result is plain
// jx.
func.func private @sin(%x: tensor<f32>) -> tensor<f32> {
  %y = jx.sin %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @sin.grad(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @sin(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}
func.func private @sin.grad.grad(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @sin.grad(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}
func.func private @sin.grad.grad.grad(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @sin.grad.grad(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %r = call @sin.grad.grad.grad(%x) : (tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}
