// RUN: jx-opt %s -split-input-file | jx-opt -split-input-file | FileCheck %s
// RUN: jx-opt %s -split-input-file --mlir-print-op-generic | jx-opt -split-input-file | FileCheck %s

// CHECK-LABEL: func @broadcast_in_dim
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[S:.*]]: tensor<f32>, %[[N:.*]]: index)
func.func @broadcast_in_dim(%x: tensor<4xf32>, %s: tensor<f32>, %n: index) -> (tensor<3x4xf32>, tensor<?xf32>, tensor<?x4xf32>) {
  // CHECK: jx.broadcast_in_dim %[[X]], dims = [1] : (tensor<4xf32>) -> tensor<3x4xf32>
  %0 = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf32>) -> tensor<3x4xf32>
  // CHECK: jx.broadcast_in_dim %[[S]], dims = [], sizes(%[[N]]) : (tensor<f32>) -> tensor<?xf32>
  %1 = jx.broadcast_in_dim %s, dims = [], sizes(%n) : (tensor<f32>) -> tensor<?xf32>
  // CHECK: jx.broadcast_in_dim %[[X]], dims = [1], sizes(%[[N]]) : (tensor<4xf32>) -> tensor<?x4xf32>
  %2 = jx.broadcast_in_dim %x, dims = [1], sizes(%n) : (tensor<4xf32>) -> tensor<?x4xf32>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<?xf32>, tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func @reshape_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<?x4xf32>, %[[N:.*]]: index)
func.func @reshape_transpose(%x: tensor<2x3xf32>, %y: tensor<?x4xf32>, %n: index) -> (tensor<6xf32>, tensor<?x2x2xf32>, tensor<3x2xf32>, tensor<4x?xf32>) {
  // CHECK: jx.reshape %[[X]] : (tensor<2x3xf32>) -> tensor<6xf32>
  %0 = jx.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  // CHECK: jx.reshape %[[Y]], sizes(%[[N]]) : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
  %1 = jx.reshape %y, sizes(%n) : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
  // CHECK: jx.transpose %[[X]], perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %2 = jx.transpose %x, perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // CHECK: jx.transpose %[[Y]], perm = [1, 0] : (tensor<?x4xf32>) -> tensor<4x?xf32>
  %3 = jx.transpose %y, perm = [1, 0] : (tensor<?x4xf32>) -> tensor<4x?xf32>
  return %0, %1, %2, %3 : tensor<6xf32>, tensor<?x2x2xf32>, tensor<3x2xf32>, tensor<4x?xf32>
}

// -----

// CHECK-LABEL: func @slices
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>, %[[I:.*]]: tensor<i32>, %[[J:.*]]: tensor<i64>, %[[U:.*]]: tensor<2x2xf32>, %[[Y:.*]]: tensor<?xf32>, %[[M:.*]]: index)
func.func @slices(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>, %u: tensor<2x2xf32>, %y: tensor<?xf32>, %m: index)
    -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<4x4xf32>, tensor<?xf32>) {
  // CHECK: jx.slice %[[X]], start = [1, 0], limit = [3, 4], stride = [1, 2] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  %0 = jx.slice %x, start = [1, 0], limit = [3, 4], stride = [1, 2] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  // CHECK: jx.dynamic_slice %[[X]][%[[I]], %[[J]]], slice_sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x2xf32>
  %1 = jx.dynamic_slice %x[%i, %j], slice_sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x2xf32>
  // CHECK: jx.dynamic_update_slice %[[X]][%[[I]], %[[I]]], %[[U]] : (tensor<4x4xf32>, tensor<2x2xf32>, tensor<i32>, tensor<i32>) -> tensor<4x4xf32>
  %2 = jx.dynamic_update_slice %x[%i, %i], %u : (tensor<4x4xf32>, tensor<2x2xf32>, tensor<i32>, tensor<i32>) -> tensor<4x4xf32>
  // CHECK: jx.dynamic_slice %[[Y]][%[[I]]], slice_sizes = [-1], sizes(%[[M]]) : (tensor<?xf32>, tensor<i32>, index) -> tensor<?xf32>
  %3 = jx.dynamic_slice %y[%i], slice_sizes = [-1], sizes(%m) : (tensor<?xf32>, tensor<i32>, index) -> tensor<?xf32>
  return %0, %1, %2, %3 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<4x4xf32>, tensor<?xf32>
}

// -----

// CHECK-LABEL: func @gather_scatter
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>, %[[IDX:.*]]: tensor<3xi32>, %[[V:.*]]: tensor<3x4xf32>
func.func @gather_scatter(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>, %pts: tensor<6x2xi64>, %w: tensor<6xf32>)
    -> (tensor<3x4xf32>, tensor<5x4xf32>, tensor<6xf32>, tensor<5x4xf32>) {
  // CHECK: jx.gather %[[X]][%[[IDX]]], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  %0 = jx.gather %x[%idx], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  // CHECK: jx.scatter add %[[X]][%[[IDX]]], %[[V]], <update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  %1 = jx.scatter add %x[%idx], %v, <update_window_dims = [1], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  // Point gather x[pts[:, 0], pts[:, 1]].
  // CHECK: jx.gather %[[X]][%{{.*}}], <offset_dims = [], collapsed_slice_dims = [0, 1], start_index_map = [0, 1], index_vector_dim = 1>, slice_sizes = [1, 1]
  %2 = jx.gather %x[%pts], <offset_dims = [], collapsed_slice_dims = [0, 1], start_index_map = [0, 1], index_vector_dim = 1>,
         slice_sizes = [1, 1] : (tensor<5x4xf32>, tensor<6x2xi64>) -> tensor<6xf32>
  // CHECK: jx.scatter set
  %3 = jx.scatter set %x[%pts], %w, <update_window_dims = [], inserted_window_dims = [0, 1],
         scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1>
         : (tensor<5x4xf32>, tensor<6x2xi64>, tensor<6xf32>) -> tensor<5x4xf32>
  return %0, %1, %2, %3 : tensor<3x4xf32>, tensor<5x4xf32>, tensor<6xf32>, tensor<5x4xf32>
}

// -----

// CHECK-LABEL: func @concat_pad_reverse
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<?x3xf32>, %[[Z:.*]]: tensor<f32>)
func.func @concat_pad_reverse(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>, %z: tensor<f32>) -> (tensor<?x3xf32>, tensor<2x6xf32>, tensor<7x8xf32>, tensor<2x3xf32>) {
  // CHECK: jx.concatenate %[[A]], %[[B]] dim = 0 : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %0 = jx.concatenate %a, %b dim = 0 : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: jx.concatenate %[[A]], %[[A]] dim = 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %1 = jx.concatenate %a, %a dim = 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  // CHECK: jx.pad %[[A]], %[[Z]], low = [1, 0], high = [4, 0], interior = [0, 2] : (tensor<2x3xf32>, tensor<f32>) -> tensor<7x7xf32>
  %2 = jx.pad %a, %z, low = [1, 0], high = [4, 0], interior = [0, 2] : (tensor<2x3xf32>, tensor<f32>) -> tensor<7x7xf32>
  // CHECK: jx.pad %{{.*}}, low = [0, 1], high = [0, 0], interior = [0, 0] : (tensor<7x7xf32>, tensor<f32>) -> tensor<7x8xf32>
  %3 = jx.pad %2, %z, low = [0, 1], high = [0, 0], interior = [0, 0] : (tensor<7x7xf32>, tensor<f32>) -> tensor<7x8xf32>
  // CHECK: jx.reverse %[[A]], dims = [0, 1] : tensor<2x3xf32>
  %4 = jx.reverse %a, dims = [0, 1] : tensor<2x3xf32>
  return %0, %1, %3, %4 : tensor<?x3xf32>, tensor<2x6xf32>, tensor<7x8xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @reductions
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>, %[[P:.*]]: tensor<?x4xi1>)
func.func @reductions(%x: tensor<3x4xf32>, %p: tensor<?x4xi1>) -> (tensor<4xf32>, tensor<f32>, tensor<3xi32>, tensor<4xi64>, tensor<?xi1>) {
  // CHECK: jx.reduce sum %[[X]], dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
  %0 = jx.reduce sum %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
  // CHECK: jx.reduce max %[[X]], dims = [1, 0] : (tensor<3x4xf32>) -> tensor<f32>
  %1 = jx.reduce max %x, dims = [1, 0] : (tensor<3x4xf32>) -> tensor<f32>
  // CHECK: jx.reduce argmax %[[X]], dims = [1] : (tensor<3x4xf32>) -> tensor<3xi32>
  %2 = jx.reduce argmax %x, dims = [1] : (tensor<3x4xf32>) -> tensor<3xi32>
  // CHECK: jx.reduce argmin %[[X]], dims = [0] : (tensor<3x4xf32>) -> tensor<4xi64>
  %3 = jx.reduce argmin %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xi64>
  // CHECK: jx.reduce and %[[P]], dims = [1] : (tensor<?x4xi1>) -> tensor<?xi1>
  %4 = jx.reduce and %p, dims = [1] : (tensor<?x4xi1>) -> tensor<?xi1>
  // CHECK: jx.reduce prod
  %5 = jx.reduce prod %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
  // CHECK: jx.reduce min
  %6 = jx.reduce min %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
  // CHECK: jx.reduce or
  %7 = jx.reduce or %p, dims = [0, 1] : (tensor<?x4xi1>) -> tensor<i1>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<f32>, tensor<3xi32>, tensor<4xi64>, tensor<?xi1>
}

// -----

// CHECK-LABEL: func @dot_general
func.func @dot_general(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>, %m: tensor<?x4xf32>, %v: tensor<4xf32>)
    -> (tensor<2x3x5xf32>, tensor<?xf32>, tensor<f32>, tensor<4x4xf32>) {
  // CHECK: jx.dot_general %{{.*}}, %{{.*}}, batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %0 = jx.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1]
         : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  // CHECK: jx.dot_general %{{.*}}, %{{.*}}, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?xf32>
  %1 = jx.dot_general %m, %v, batching_dims = [] x [], contracting_dims = [1] x [0]
         : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?xf32>
  // CHECK: contracting_dims = [0] x [0] : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  %2 = jx.dot_general %v, %v, batching_dims = [] x [], contracting_dims = [0] x [0]
         : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  // Outer product.
  // CHECK: contracting_dims = [] x [] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  %3 = jx.dot_general %v, %v, batching_dims = [] x [], contracting_dims = [] x []
         : (tensor<4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  return %0, %1, %2, %3 : tensor<2x3x5xf32>, tensor<?xf32>, tensor<f32>, tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func @cumulative_and_sizes
// CHECK-SAME: (%[[X:.*]]: tensor<3x?xf32>)
func.func @cumulative_and_sizes(%x: tensor<3x?xf32>) -> (tensor<3x?xf32>, tensor<3x?xf32>, index, tensor<i64>, index) {
  // CHECK: jx.cumulative sum %[[X]], axis = 0 : tensor<3x?xf32>
  %0 = jx.cumulative sum %x, axis = 0 : tensor<3x?xf32>
  // CHECK: jx.cumulative prod %[[X]], axis = 1, reverse : tensor<3x?xf32>
  %1 = jx.cumulative prod %x, axis = 1, reverse : tensor<3x?xf32>
  // CHECK: %[[N:.*]] = jx.dim %[[X]], 1 : tensor<3x?xf32>
  %n = jx.dim %x, 1 : tensor<3x?xf32>
  // CHECK: %[[T:.*]] = jx.from_index %[[N]] : tensor<i64>
  %t = jx.from_index %n : tensor<i64>
  // CHECK: jx.to_index %[[T]] : tensor<i64>
  %m = jx.to_index %t : tensor<i64>
  return %0, %1, %n, %t, %m : tensor<3x?xf32>, tensor<3x?xf32>, index, tensor<i64>, index
}

// -----

// CHECK-LABEL: func @batch_max
// CHECK-SAME: (%[[N:.*]]: tensor<i64>)
func.func @batch_max(%n: tensor<i64>) -> tensor<i64> {
  // CHECK: jx.batch_max %[[N]] : tensor<i64>
  %m = jx.batch_max %n : tensor<i64>
  return %m : tensor<i64>
}
