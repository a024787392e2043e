// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// vjp through jx.vmap: vmap of the vjp, the cotangent of the unmapped
// argument %w summed over the batch.
func.func private @h(%r: tensor<2xf32>, %w: tensor<2xf32>) -> tensor<f32> {
  %p = jx.mul %r, %w : tensor<2xf32>
  %s = jx.reduce sum %p, dims = [0] : (tensor<2xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func private @f(%xs: tensor<3x2xf32>, %w: tensor<2xf32>) -> tensor<f32> {
  %y = jx.vmap @h(%xs, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<3xf32>
  %s = jx.reduce sum %y, dims = [0] : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%xs: tensor<3x2xf32>, %w: tensor<2xf32>) -> tensor<2xf32> {
  %g = jx.grad @f(%xs, %w) {argnums = array<i64: 1>} : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %g : tensor<2xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<3x2xf32>, %[[A1:.*]]: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT: %[[V0:.*]] = call @f.grad.ad(%[[A0]], %[[A1]]) : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT: return %[[V0]] : tensor<2xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<3x2xf32>, %[[A1:.*]]: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.broadcast_in_dim %[[V0]], dims = [] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V2:.*]]:2 = jx.vmap @h.vjp_in_vmap(%[[A0]], %[[A1]], %[[V1]]) {in_axes = array<i64: 0, -1, 0>, out_axes = array<i64: 0, 0>} : (tensor<3x2xf32>, tensor<2xf32>, tensor<3xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>)
// CHECK-NEXT: %[[V3:.*]] = jx.reduce sum %[[V2]]#1, dims = [0] : (tensor<3x2xf32>) -> tensor<2xf32>
// CHECK-NEXT: return %[[V3]] : tensor<2xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @h.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2xf32>, %[[A1:.*]]: tensor<2xf32>, %[[A2:.*]]: tensor<f32>) -> (tensor<f32>, tensor<2xf32>, tensor<2xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.mul %[[A0]], %[[A1]] : tensor<2xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.reduce sum %[[V0]], dims = [0] : (tensor<2xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.broadcast_in_dim %[[A2]], dims = [] : (tensor<f32>) -> tensor<2xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.mul %[[V2]], %[[A1]] : tensor<2xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.mul %[[V2]], %[[A0]] : tensor<2xf32>
// CHECK-NEXT: return %[[V1]], %[[V3]], %[[V4]] : tensor<f32>, tensor<2xf32>, tensor<2xf32>
// CHECK-NEXT: }

// -----

// jvp through jx.vmap: one vmap of the jvp gives the primal and the tangent.
func.func private @h(%r: tensor<2xf32>) -> tensor<2xf32> {
  %s = jx.sin %r : tensor<2xf32>
  return %s : tensor<2xf32>
}
func.func private @f(%xs: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %y = jx.vmap @h(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
func.func @main(%xs: tensor<3x2xf32>, %t: tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %r:2 = jx.jvp @f(%xs, %t) : (tensor<3x2xf32>, tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>)
  return %r#0, %r#1 : tensor<3x2xf32>, tensor<3x2xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<3x2xf32>, %[[A1:.*]]: tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
// CHECK-NEXT: %[[V0:.*]]:2 = call @f.jvp.ad(%[[A0]], %[[A1]]) : (tensor<3x2xf32>, tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : tensor<3x2xf32>, tensor<3x2xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<3x2xf32>, %[[A1:.*]]: tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
// CHECK-NEXT: %[[V0:.*]]:2 = jx.vmap @h.jvp_in_vmap(%[[A0]], %[[A1]]) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0, 0>} : (tensor<3x2xf32>, tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : tensor<3x2xf32>, tensor<3x2xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @h.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2xf32>, %[[A1:.*]]: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.sin %[[A0]] : tensor<2xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.cos %[[A0]] : tensor<2xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.mul %[[A1]], %[[V1]] : tensor<2xf32>
// CHECK-NEXT: return %[[V0]], %[[V2]] : tensor<2xf32>, tensor<2xf32>
// CHECK-NEXT: }
