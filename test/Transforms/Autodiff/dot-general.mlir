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

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<2x3xf32>, %[[A1:.*]]: tensor<3x4xf32>, %[[A2:.*]]: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>) {
// CHECK-NEXT: %[[V0:.*]]:3 = call @f.vjp.ad(%[[A0]], %[[A1]], %[[A2]]) : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2x3xf32>, %[[A1:.*]]: tensor<3x4xf32>, %[[A2:.*]]: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.dot_general %[[A0]], %[[A1]], batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.dot_general %[[A2]], %[[A1]], batching_dims = [] x [], contracting_dims = [1] x [1] : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.dot_general %[[A2]], %[[A0]], batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<2x4xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.transpose %[[V2]], perm = [1, 0] : (tensor<4x3xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: return %[[V0]], %[[V1]], %[[V3]] : tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>
// CHECK-NEXT: }

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

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<5x3x2xf32>, %[[A1:.*]]: tensor<5x3x4xf32>, %[[A2:.*]]: tensor<5x2x4xf32>) -> (tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>) {
// CHECK-NEXT: %[[V0:.*]]:3 = call @f.vjp.ad(%[[A0]], %[[A1]], %[[A2]]) : (tensor<5x3x2xf32>, tensor<5x3x4xf32>, tensor<5x2x4xf32>) -> (tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<5x3x2xf32>, %[[A1:.*]]: tensor<5x3x4xf32>, %[[A2:.*]]: tensor<5x2x4xf32>) -> (tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.dot_general %[[A0]], %[[A1]], batching_dims = [0] x [0], contracting_dims = [1] x [1] : (tensor<5x3x2xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.dot_general %[[A2]], %[[A1]], batching_dims = [0] x [0], contracting_dims = [2] x [2] : (tensor<5x2x4xf32>, tensor<5x3x4xf32>) -> tensor<5x2x3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.transpose %[[V1]], perm = [0, 2, 1] : (tensor<5x2x3xf32>) -> tensor<5x3x2xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.dot_general %[[A2]], %[[A0]], batching_dims = [0] x [0], contracting_dims = [1] x [2] : (tensor<5x2x4xf32>, tensor<5x3x2xf32>) -> tensor<5x4x3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.transpose %[[V3]], perm = [0, 2, 1] : (tensor<5x4x3xf32>) -> tensor<5x3x4xf32>
// CHECK-NEXT: return %[[V0]], %[[V2]], %[[V4]] : tensor<5x2x4xf32>, tensor<5x3x2xf32>, tensor<5x3x4xf32>
// CHECK-NEXT: }
