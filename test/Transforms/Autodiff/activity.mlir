// RUN: jx-opt %s -jx-expand-autodiff | FileCheck %s

// grad differentiates with respect to argnums only: %v, a float argument
// outside argnums that the scan body uses, gets no cotangent carry in the
// backward scan, and %xs gets no stacked cotangent: the backward scan
// carries the carry's cotangent alone. It reads neither the recorded
// carries nor the xs, so canonicalization drops them, and with them the
// residual scan.
func.func private @f(%w: tensor<f32>, %v: tensor<4xf32>, %xs: tensor<3xf32>) -> tensor<f32> {
  %c = jx.scan init(%w : tensor<f32>) xs(%xs : tensor<3xf32>) -> (tensor<f32>) {
  ^bb0(%a: tensor<f32>, %x: tensor<f32>):
    %s = jx.reduce sum %v, dims = [0] : (tensor<4xf32>) -> tensor<f32>
    %m = jx.mul %a, %s : tensor<f32>
    %t = jx.add %m, %x : tensor<f32>
    jx.yield %t : tensor<f32>
  }
  return %c : tensor<f32>
}
func.func @main(%w: tensor<f32>, %v: tensor<4xf32>, %xs: tensor<3xf32>) -> tensor<f32> {
  %g = jx.grad @f(%w, %v, %xs) {argnums = array<i64: 0>} : (tensor<f32>, tensor<4xf32>, tensor<3xf32>) -> tensor<f32>
  return %g : tensor<f32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[W:.*]]: tensor<f32>, %[[V:.*]]: tensor<4xf32>, %[[XS:.*]]: tensor<3xf32>) -> tensor<f32> {
// CHECK-NEXT: %[[SEED:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[BWD:.*]] = jx.scan init(%[[SEED]] : tensor<f32>) reverse attributes {length = 3 : i64} -> (tensor<f32>) {
// CHECK-NEXT: ^bb0(%[[CT:.*]]: tensor<f32>):
// CHECK-NEXT: %[[S:.*]] = jx.reduce sum %[[V]], dims = [0] : (tensor<4xf32>) -> tensor<f32>
// CHECK-NEXT: %[[D:.*]] = jx.mul %[[CT]], %[[S]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[D]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[BWD]] : tensor<f32>
