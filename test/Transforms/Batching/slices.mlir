// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// dynamic_slice and dynamic_update_slice with unbatched start indices: a
// leading start of 0 over the whole batch dimension.

func.func private @f(%x: tensor<6xf32>, %u: tensor<2xf32>, %i: tensor<i32>) -> (tensor<3xf32>, tensor<6xf32>) {
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [3] : (tensor<6xf32>, tensor<i32>) -> tensor<3xf32>
  %1 = jx.dynamic_update_slice %x[%i], %u : (tensor<6xf32>, tensor<2xf32>, tensor<i32>) -> tensor<6xf32>
  return %0, %1 : tensor<3xf32>, tensor<6xf32>
}

// CHECK-LABEL: func.func private @f.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4x6xf32>, %[[U:.*]]: tensor<2xf32>, %[[I:.*]]: tensor<i32>)
// CHECK: %[[Z:.*]] = jx.constant dense<0> : tensor<i64>
// CHECK: %[[S:.*]] = jx.dynamic_slice %[[X]][%[[Z]], %[[I]]], slice_sizes = [4, 3] : (tensor<4x6xf32>, tensor<i64>, tensor<i32>) -> tensor<4x3xf32>
// CHECK: %[[UB:.*]] = jx.broadcast_in_dim %[[U]], dims = [1] : (tensor<2xf32>) -> tensor<4x2xf32>
// CHECK: %[[Z2:.*]] = jx.constant dense<0> : tensor<i64>
// CHECK: %[[D:.*]] = jx.dynamic_update_slice %[[X]][%[[Z2]], %[[I]]], %[[UB]] : (tensor<4x6xf32>, tensor<4x2xf32>, tensor<i64>, tensor<i32>) -> tensor<4x6xf32>
// CHECK: return %[[S]], %[[D]]

func.func @main(%xs: tensor<4x6xf32>, %u: tensor<2xf32>, %i: tensor<i32>) {
  %0:2 = jx.vmap @f(%xs, %u, %i) {in_axes = array<i64: 0, -1, -1>, out_axes = array<i64: 0, 0>} : (tensor<4x6xf32>, tensor<2xf32>, tensor<i32>) -> (tensor<4x3xf32>, tensor<4x6xf32>)
  return
}

// -----

// A static slice over a run-time batch size becomes a dynamic_slice.

func.func private @tail(%x: tensor<6xf32>) -> tensor<5xf32> {
  %0 = jx.slice %x, start = [1], limit = [6], stride = [1] : (tensor<6xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// CHECK-LABEL: func.func private @tail.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<?x6xf32>) -> tensor<?x5xf32>
// CHECK: jx.dim %[[X]], 0 : tensor<?x6xf32>
// CHECK: %[[N:.*]] = jx.dim %[[X]], 0 : tensor<?x6xf32>
// CHECK: %[[Z:.*]] = jx.constant dense<0> : tensor<i64>
// CHECK: %[[O:.*]] = jx.constant dense<1> : tensor<i64>
// CHECK: jx.dynamic_slice %[[X]][%[[Z]], %[[O]]], slice_sizes = [-1, 5], sizes(%[[N]]) : (tensor<?x6xf32>, tensor<i64>, tensor<i64>, index) -> tensor<?x5xf32>

func.func @main(%xs: tensor<?x6xf32>) -> tensor<?x5xf32> {
  %0 = jx.vmap @tail(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<?x6xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// gather: a batched operand takes the batch dimension whole as a new first
// offset dimension; batched indices add a first batch dimension.

func.func private @take(%x: tensor<5x4xf32>, %i: tensor<3xi32>) -> tensor<3x4xf32> {
  %0 = jx.gather %x[%i], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// CHECK-LABEL: func.func private @take.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x4xf32>, %[[I:.*]]: tensor<3xi32>) -> tensor<2x3x4xf32>
// CHECK: jx.gather %[[X]][%[[I]]], <offset_dims = [0, 2], collapsed_slice_dims = [1], start_index_map = [1], index_vector_dim = 1>, slice_sizes = [2, 1, 4] : (tensor<2x5x4xf32>, tensor<3xi32>) -> tensor<2x3x4xf32>

// CHECK-LABEL: func.func private @take.vmap_0
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>, %[[I:.*]]: tensor<3x6xi32>) -> tensor<6x3x4xf32>
// CHECK: %[[T:.*]] = jx.transpose %[[I]], perm = [1, 0] : (tensor<3x6xi32>) -> tensor<6x3xi32>
// CHECK: jx.gather %[[X]][%[[T]]], <offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 2>, slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<6x3xi32>) -> tensor<6x3x4xf32>

func.func @main(%xs: tensor<2x5x4xf32>, %i: tensor<3xi32>, %x: tensor<5x4xf32>, %is: tensor<3x6xi32>) {
  %0 = jx.vmap @take(%xs, %i) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<2x5x4xf32>, tensor<3xi32>) -> tensor<2x3x4xf32>
  %1 = jx.vmap @take(%x, %is) {in_axes = array<i64: -1, 1>, out_axes = array<i64: 0>} : (tensor<5x4xf32>, tensor<3x6xi32>) -> tensor<6x3x4xf32>
  return
}

// -----

// A strided slice under a run-time batch size: a dynamic_slice takes the
// window [1, 7), a reshape splits it into [3, 2] (6 is a multiple of the
// stride; otherwise a pad comes first) and index 0 of the stride is kept.

func.func private @odd(%x: tensor<7xf32>) -> tensor<3xf32> {
  %0 = jx.slice %x, start = [1], limit = [7], stride = [2] : (tensor<7xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func private @odd.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<?x7xf32>) -> tensor<?x3xf32>
// CHECK: %[[W:.*]] = jx.dynamic_slice %[[X]][%{{.*}}, %{{.*}}], slice_sizes = [-1, 6], sizes(%[[B:[0-9]+]]) : (tensor<?x7xf32>, tensor<i64>, tensor<i64>, index) -> tensor<?x6xf32>
// CHECK: %[[SPLIT:.*]] = jx.reshape %[[W]], sizes(%[[B]]) : (tensor<?x6xf32>) -> tensor<?x3x2xf32>
// CHECK: %[[KEPT:.*]] = jx.dynamic_slice %[[SPLIT]][%{{.*}}, %{{.*}}, %{{.*}}], slice_sizes = [-1, 3, 1], sizes(%[[B]]) : (tensor<?x3x2xf32>, tensor<i64>, tensor<i64>, tensor<i64>, index) -> tensor<?x3x1xf32>
// CHECK: %[[R:.*]] = jx.reshape %[[KEPT]], sizes(%[[B]]) : (tensor<?x3x1xf32>) -> tensor<?x3xf32>
// CHECK: return %[[R]] : tensor<?x3xf32>

func.func @main(%xs: tensor<?x7xf32>) -> tensor<?x3xf32> {
  %0 = jx.vmap @odd(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<?x7xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
