// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// Batched matmul is one dot_general: with both operands batched the batch
// dimension becomes a batching dimension; with one batched operand it is a
// free dimension of that operand (no broadcast, no loop).

func.func private @mm(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func private @mm.vmap
// CHECK-SAME: (%[[A:.*]]: tensor<5x2x3xf32>, %[[B:.*]]: tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT: %[[D:.*]] = jx.dot_general %[[A]], %[[B]], batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT: return %[[D]]

// CHECK-LABEL: func.func private @mm.vmap_0
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3x5x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT: %[[T:.*]] = jx.transpose %[[B]], perm = [1, 0, 2] : (tensor<3x5x4xf32>) -> tensor<5x3x4xf32>
// CHECK-NEXT: %[[D:.*]] = jx.dot_general %[[A]], %[[T]], batching_dims = [] x [], contracting_dims = [1] x [1] : (tensor<2x3xf32>, tensor<5x3x4xf32>) -> tensor<2x5x4xf32>
// CHECK-NEXT: %[[R:.*]] = jx.transpose %[[D]], perm = [1, 0, 2] : (tensor<2x5x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT: return %[[R]]

// CHECK-LABEL: func.func private @mm.vmap_1
// CHECK-SAME: (%[[A:.*]]: tensor<5x2x3xf32>, %[[B:.*]]: tensor<3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT: %[[D:.*]] = jx.dot_general %[[A]], %[[B]], batching_dims = [] x [], contracting_dims = [2] x [0] : (tensor<5x2x3xf32>, tensor<3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT: return %[[D]]

// CHECK-LABEL: func.func @main
func.func @main(%as: tensor<5x2x3xf32>, %bs: tensor<5x3x4xf32>, %a: tensor<2x3xf32>, %bt: tensor<3x5x4xf32>, %b: tensor<3x4xf32>) {
  // CHECK: call @mm.vmap(
  %0 = jx.vmap @mm(%as, %bs) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  // CHECK: call @mm.vmap_0(
  %1 = jx.vmap @mm(%a, %bt) {in_axes = array<i64: -1, 1>, out_axes = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x5x4xf32>) -> tensor<5x2x4xf32>
  // CHECK: call @mm.vmap_1(
  %2 = jx.vmap @mm(%as, %b) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<5x2x3xf32>, tensor<3x4xf32>) -> tensor<5x2x4xf32>
  // The same signature reuses the batched function.
  // CHECK: call @mm.vmap(
  %3 = jx.vmap @mm(%as, %bs) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return
}
