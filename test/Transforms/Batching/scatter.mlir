// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// Unbatched indices: the batch dimension is one more window dimension,
// written whole (dimension 0 of the updates covers dimension 0 of the
// operand); an unbatched operand or update is broadcast first.

func.func private @put(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>) -> tensor<5x4xf32> {
  %0 = jx.scatter add %x[%idx], %v, <update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// CHECK-LABEL: func.func private @put.vmap(
// CHECK-SAME: %[[X:.*]]: tensor<2x5x4xf32>, %[[IDX:.*]]: tensor<3xi32>, %[[V:.*]]: tensor<3x4xf32>)
// CHECK: %[[VB:.*]] = jx.broadcast_in_dim %[[V]], dims = [1, 2] : (tensor<3x4xf32>) -> tensor<2x3x4xf32>
// CHECK: jx.scatter add %[[X]][%[[IDX]]], %[[VB]], <update_window_dims = [0, 2], inserted_window_dims = [1], scatter_dims_to_operand_dims = [1], index_vector_dim = 1> : (tensor<2x5x4xf32>, tensor<3xi32>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>

// CHECK-LABEL: func.func private @put.vmap_0(
// CHECK-SAME: %[[X:.*]]: tensor<2x5x4xf32>, %[[IDX:.*]]: tensor<3xi32>, %[[VS:.*]]: tensor<3x2x4xf32>)
// CHECK: %[[VT:.*]] = jx.transpose %[[VS]], perm = [1, 0, 2] : (tensor<3x2x4xf32>) -> tensor<2x3x4xf32>
// CHECK: jx.scatter add %[[X]][%[[IDX]]], %[[VT]], <update_window_dims = [0, 2], inserted_window_dims = [1], scatter_dims_to_operand_dims = [1], index_vector_dim = 1>

func.func @main(%xs: tensor<2x5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>, %vs: tensor<3x2x4xf32>) -> (tensor<2x5x4xf32>, tensor<2x5x4xf32>) {
  %0 = jx.vmap @put(%xs, %idx, %v) {in_axes = array<i64: 0, -1, -1>, out_axes = array<i64: 0>} : (tensor<2x5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<2x5x4xf32>
  %1 = jx.vmap @put(%xs, %idx, %vs) {in_axes = array<i64: 0, -1, 1>, out_axes = array<i64: 0>} : (tensor<2x5x4xf32>, tensor<3xi32>, tensor<3x2x4xf32>) -> tensor<2x5x4xf32>
  return %0, %1 : tensor<2x5x4xf32>, tensor<2x5x4xf32>
}

// -----

// Batched indices: each index vector gets its batch position as a leading
// component (an iota), which picks dimension 0 of the operand, an inserted
// window dimension.

func.func private @set(%x: tensor<5xf32>, %i: tensor<1xi32>, %v: tensor<f32>) -> tensor<5xf32> {
  %0 = jx.scatter set %x[%i], %v, <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 0> : (tensor<5xf32>, tensor<1xi32>, tensor<f32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// CHECK-LABEL: func.func private @set.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<5xf32>, %[[IS:.*]]: tensor<1x3xi32>, %[[V:.*]]: tensor<f32>) -> tensor<3x5xf32>
// CHECK: %[[IT:.*]] = jx.transpose %[[IS]], perm = [1, 0] : (tensor<1x3xi32>) -> tensor<3x1xi32>
// CHECK: %[[XB:.*]] = jx.broadcast_in_dim %[[X]], dims = [1] : (tensor<5xf32>) -> tensor<3x5xf32>
// CHECK: %[[VB:.*]] = jx.broadcast_in_dim %[[V]], dims = [] : (tensor<f32>) -> tensor<3xf32>
// CHECK: %[[POS:.*]] = jx.iota dim = 0 : tensor<3x1xi32>
// CHECK: %[[IV:.*]] = jx.concatenate %[[POS]], %[[IT]] dim = 1 : (tensor<3x1xi32>, tensor<3x1xi32>) -> tensor<3x2xi32>
// CHECK: %[[S:.*]] = jx.scatter set %[[XB]][%[[IV]]], %[[VB]], <update_window_dims = [], inserted_window_dims = [0, 1], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1> : (tensor<3x5xf32>, tensor<3x2xi32>, tensor<3xf32>) -> tensor<3x5xf32>
// CHECK: return %[[S]]

func.func @main(%x: tensor<5xf32>, %is: tensor<1x3xi32>, %v: tensor<f32>) -> tensor<3x5xf32> {
  %0 = jx.vmap @set(%x, %is, %v) {in_axes = array<i64: -1, 1, -1>, out_axes = array<i64: 0>} : (tensor<5xf32>, tensor<1x3xi32>, tensor<f32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// Scalar indices (index_vector_dim equal to their rank) get an explicit index
// vector dimension before the batch position is prepended; the batch size is
// only known at run time.

func.func private @acc(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>) -> tensor<5x4xf32> {
  %0 = jx.scatter max %x[%idx], %v, <update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// CHECK-LABEL: func.func private @acc.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<?x5x4xf32>, %[[IS:.*]]: tensor<?x3xi32>, %[[V:.*]]: tensor<3x4xf32>) -> tensor<5x4x?xf32>
// CHECK: %[[N:.*]] = jx.dim %[[IS]], 0 : tensor<?x3xi32>
// CHECK: %[[IR:.*]] = jx.reshape %[[IS]], sizes(%[[N]]) : (tensor<?x3xi32>) -> tensor<?x3x1xi32>
// CHECK: %[[M:.*]] = jx.dim %[[IR]], 0 : tensor<?x3x1xi32>
// CHECK: %[[POS:.*]] = jx.iota dim = 0, sizes(%[[M]]) : tensor<?x3x1xi32>
// CHECK: %[[IV:.*]] = jx.concatenate %[[POS]], %[[IR]] dim = 2 : (tensor<?x3x1xi32>, tensor<?x3x1xi32>) -> tensor<?x3x2xi32>
// CHECK: %[[S:.*]] = jx.scatter max %[[X]][%[[IV]]], %{{.*}}, <update_window_dims = [2], inserted_window_dims = [0, 1], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 2> : (tensor<?x5x4xf32>, tensor<?x3x2xi32>, tensor<?x3x4xf32>) -> tensor<?x5x4xf32>
// CHECK: jx.transpose %[[S]], perm = [1, 2, 0] : (tensor<?x5x4xf32>) -> tensor<5x4x?xf32>

func.func @main(%xs: tensor<?x5x4xf32>, %idxs: tensor<?x3xi32>, %v: tensor<3x4xf32>) -> tensor<5x4x?xf32> {
  %0 = jx.vmap @acc(%xs, %idxs, %v) {in_axes = array<i64: 0, 0, -1>, out_axes = array<i64: 2>} : (tensor<?x5x4xf32>, tensor<?x3xi32>, tensor<3x4xf32>) -> tensor<5x4x?xf32>
  return %0 : tensor<5x4x?xf32>
}
