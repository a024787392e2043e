// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// grad with has_aux and argnums: gradients in argnums order, then aux.
func.func private @f(%x: tensor<f32>, %y: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %b = jx.broadcast_in_dim %x, dims = [] : (tensor<f32>) -> tensor<3xf32>
  %p = jx.mul %b, %y : tensor<3xf32>
  %s = jx.reduce sum %p, dims = [0] : (tensor<3xf32>) -> tensor<f32>
  return %s, %p : tensor<f32>, tensor<3xf32>
}
func.func @main(%x: tensor<f32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>) {
  %g:3 = jx.grad @f(%x, %y) {argnums = array<i64: 1, 0>, has_aux} : (tensor<f32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>)
  return %g#0, %g#1, %g#2 : tensor<3xf32>, tensor<f32>, tensor<3xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>) {
// CHECK-NEXT: %[[V0:.*]]:3 = call @f.grad.ad(%[[A0]], %[[A1]]) : (tensor<f32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : tensor<3xf32>, tensor<f32>, tensor<3xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.broadcast_in_dim %[[A0]], dims = [] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.mul %[[V0]], %[[A1]] : tensor<3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.reduce sum %[[A1]], dims = [0] : (tensor<3xf32>) -> tensor<f32>
// CHECK-NEXT: return %[[V0]], %[[V2]], %[[V1]] : tensor<3xf32>, tensor<f32>, tensor<3xf32>
// CHECK-NEXT: }

// -----

// value_and_grad with has_aux: value, aux, then gradients.
func.func private @f(%x: tensor<f32>) -> (tensor<f32>, tensor<i32>) {
  %y = jx.mul %x, %x : tensor<f32>
  %i = jx.convert %x : (tensor<f32>) -> tensor<i32>
  return %y, %i : tensor<f32>, tensor<i32>
}
func.func @main(%x: tensor<f32>) -> (tensor<f32>, tensor<i32>, tensor<f32>) {
  %r:3 = jx.value_and_grad @f(%x) {argnums = array<i64: 0>, has_aux} : (tensor<f32>) -> (tensor<f32>, tensor<i32>, tensor<f32>)
  return %r#0, %r#1, %r#2 : tensor<f32>, tensor<i32>, tensor<f32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> (tensor<f32>, tensor<i32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]]:3 = call @f.value_and_grad.ad(%[[A0]]) : (tensor<f32>) -> (tensor<f32>, tensor<i32>, tensor<f32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : tensor<f32>, tensor<i32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.value_and_grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> (tensor<f32>, tensor<i32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.mul %[[A0]], %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.convert %[[A0]] : (tensor<f32>) -> tensor<i32>
// CHECK-NEXT: %[[V2:.*]] = jx.add %[[A0]], %[[A0]] : tensor<f32>
// CHECK-NEXT: return %[[V0]], %[[V1]], %[[V2]] : tensor<f32>, tensor<i32>, tensor<f32>
// CHECK-NEXT: }
