// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// Nested vmap: the inner request is expanded first, then the outer one
// batches the call to the inner batched function into a variant of its own
// (@dist.vmap.vmap).

func.func private @dist(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<f32> {
  %0 = jx.sub %x, %y : tensor<3xf32>
  %1 = jx.mul %0, %0 : tensor<3xf32>
  %2 = jx.reduce sum %1, dims = [0] : (tensor<3xf32>) -> tensor<f32>
  return %2 : tensor<f32>
}

// CHECK-LABEL: func.func private @dist.vmap
// CHECK-SAME: (%{{.*}}: tensor<3xf32>, %{{.*}}: tensor<5x3xf32>) -> tensor<5xf32>
// CHECK: jx.reduce sum %{{.*}}, dims = [1] : (tensor<5x3xf32>) -> tensor<5xf32>

// CHECK-LABEL: func.func private @dist.vmap.vmap
// CHECK-SAME: (%{{.*}}: tensor<4x3xf32>, %{{.*}}: tensor<5x3xf32>) -> tensor<4x5xf32>
// CHECK: jx.broadcast_in_dim %{{.*}}, dims = [0, 2] : (tensor<4x3xf32>) -> tensor<4x5x3xf32>
// CHECK: jx.broadcast_in_dim %{{.*}}, dims = [1, 2] : (tensor<5x3xf32>) -> tensor<4x5x3xf32>
// CHECK: jx.reduce sum %{{.*}}, dims = [2] : (tensor<4x5x3xf32>) -> tensor<4x5xf32>

// CHECK-LABEL: func.func private @row
func.func private @row(%x: tensor<3xf32>, %ys: tensor<5x3xf32>) -> tensor<5xf32> {
  %0 = jx.vmap @dist(%x, %ys) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<3xf32>, tensor<5x3xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
// CHECK: call @dist.vmap(

// CHECK-LABEL: func.func private @row.vmap
// CHECK-SAME: (%[[XS:.*]]: tensor<4x3xf32>, %[[YS:.*]]: tensor<5x3xf32>) -> tensor<4x5xf32>
// CHECK: %[[R:.*]] = call @dist.vmap.vmap(%[[XS]], %[[YS]]) : (tensor<4x3xf32>, tensor<5x3xf32>) -> tensor<4x5xf32>
// CHECK: return %[[R]]

// CHECK-LABEL: func.func @main
// CHECK-NOT: jx.vmap
// CHECK: call @row.vmap(
func.func @main(%xs: tensor<4x3xf32>, %ys: tensor<5x3xf32>) -> tensor<4x5xf32> {
  %0 = jx.vmap @row(%xs, %ys) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<4x3xf32>, tensor<5x3xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// A vmap whose callee still holds another request (here a jx.grad, expanded
// by jx-expand-autodiff) waits; a pmap stays as it is.

func.func private @f(%x: tensor<f32>) -> tensor<f32> {
  %0 = jx.sin %x : tensor<f32>
  return %0 : tensor<f32>
}

func.func private @df(%x: tensor<f32>) -> tensor<f32> {
  %0 = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @main
func.func @main(%xs: tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
  // CHECK: jx.vmap @df(
  %0 = jx.vmap @df(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<5xf32>) -> tensor<5xf32>
  // CHECK: jx.pmap @f(
  %1 = jx.pmap @f(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<5xf32>) -> tensor<5xf32>
  return %0, %1 : tensor<5xf32>, tensor<5xf32>
}
