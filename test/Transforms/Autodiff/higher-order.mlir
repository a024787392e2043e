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

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = call @sin.grad.grad.grad(%[[A0]]) : (tensor<f32>) -> tensor<f32>
// CHECK-NEXT: return %[[V0]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @sin.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = jx.cos %[[A0]] : tensor<f32>
// CHECK-NEXT: return %[[V0]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @sin.grad.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = jx.sin %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.neg %[[V0]] : tensor<f32>
// CHECK-NEXT: return %[[V1]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @sin.grad.grad.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.neg %[[V0]] : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.cos %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.mul %[[V1]], %[[V2]] : tensor<f32>
// CHECK-NEXT: return %[[V3]] : tensor<f32>
// CHECK-NEXT: }
