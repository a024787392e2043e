// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// dynamic_slice with batched starts: a gather of one index vector per batch
// element; a batched operand adds the batch position as a leading component.

func.func private @ds(%x: tensor<6xf32>, %i: tensor<i32>) -> tensor<3xf32> {
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [3] : (tensor<6xf32>, tensor<i32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func private @ds.vmap(
// CHECK-SAME: %[[X:.*]]: tensor<6xf32>, %[[IS:.*]]: tensor<4xi32>)
// CHECK: %[[I64:.*]] = jx.convert %[[IS]] : (tensor<4xi32>) -> tensor<4xi64>
// CHECK: %[[IV:.*]] = jx.reshape %[[I64]] : (tensor<4xi64>) -> tensor<4x1xi64>
// CHECK: jx.gather %[[X]][%[[IV]]], <offset_dims = [1], collapsed_slice_dims = [], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [3] : (tensor<6xf32>, tensor<4x1xi64>) -> tensor<4x3xf32>

// CHECK-LABEL: func.func private @ds.vmap_0(
// CHECK-SAME: %[[X:.*]]: tensor<4x6xf32>, %[[IS:.*]]: tensor<4xi32>)
// CHECK: %[[I64:.*]] = jx.convert %[[IS]] : (tensor<4xi32>) -> tensor<4xi64>
// CHECK: %[[IV:.*]] = jx.reshape %[[I64]] : (tensor<4xi64>) -> tensor<4x1xi64>
// CHECK: %[[POS:.*]] = jx.iota dim = 0 : tensor<4x1xi64>
// CHECK: %[[IV2:.*]] = jx.concatenate %[[POS]], %[[IV]] dim = 1 : (tensor<4x1xi64>, tensor<4x1xi64>) -> tensor<4x2xi64>
// CHECK: jx.gather %[[X]][%[[IV2]]], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0, 1], index_vector_dim = 1>, slice_sizes = [1, 3] : (tensor<4x6xf32>, tensor<4x2xi64>) -> tensor<4x3xf32>

func.func @main(%x: tensor<6xf32>, %xs: tensor<4x6xf32>, %is: tensor<4xi32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %0 = jx.vmap @ds(%x, %is) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<6xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  %1 = jx.vmap @ds(%xs, %is) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<4x6xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  return %0, %1 : tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// dynamic_update_slice with batched starts: a `set` scatter of one window per
// batch element, at starts clamped into range first.

func.func private @dus(%x: tensor<6xf32>, %u: tensor<2xf32>, %i: tensor<i32>) -> tensor<6xf32> {
  %0 = jx.dynamic_update_slice %x[%i], %u : (tensor<6xf32>, tensor<2xf32>, tensor<i32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// CHECK-LABEL: func.func private @dus.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<6xf32>, %[[U:.*]]: tensor<2xf32>, %[[IS:.*]]: tensor<4xi32>)
// CHECK: %[[XB:.*]] = jx.broadcast_in_dim %[[X]], dims = [1] : (tensor<6xf32>) -> tensor<4x6xf32>
// CHECK: %[[UB:.*]] = jx.broadcast_in_dim %[[U]], dims = [1] : (tensor<2xf32>) -> tensor<4x2xf32>
// CHECK: %[[I64:.*]] = jx.convert %[[IS]] : (tensor<4xi32>) -> tensor<4xi64>
// CHECK: %[[HI:.*]] = jx.constant dense<4> : tensor<i64>
// CHECK: %[[LO:.*]] = jx.constant dense<0> : tensor<i64>
// CHECK: %[[HIB:.*]] = jx.broadcast_in_dim %[[HI]], dims = [] : (tensor<i64>) -> tensor<4xi64>
// CHECK: %[[LOB:.*]] = jx.broadcast_in_dim %[[LO]], dims = [] : (tensor<i64>) -> tensor<4xi64>
// CHECK: %[[MIN:.*]] = jx.min %[[I64]], %[[HIB]] : tensor<4xi64>
// CHECK: %[[MAX:.*]] = jx.max %[[MIN]], %[[LOB]] : tensor<4xi64>
// CHECK: %[[IV:.*]] = jx.reshape %[[MAX]] : (tensor<4xi64>) -> tensor<4x1xi64>
// CHECK: %[[POS:.*]] = jx.iota dim = 0 : tensor<4x1xi64>
// CHECK: %[[IV2:.*]] = jx.concatenate %[[POS]], %[[IV]] dim = 1 : (tensor<4x1xi64>, tensor<4x1xi64>) -> tensor<4x2xi64>
// CHECK: jx.scatter set %[[XB]][%[[IV2]]], %[[UB]], <update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1> : (tensor<4x6xf32>, tensor<4x2xi64>, tensor<4x2xf32>) -> tensor<4x6xf32>

func.func @main(%x: tensor<6xf32>, %u: tensor<2xf32>, %is: tensor<4xi32>) -> tensor<4x6xf32> {
  %0 = jx.vmap @dus(%x, %u, %is) {in_axes = array<i64: -1, -1, 0>, out_axes = array<i64: 0>} : (tensor<6xf32>, tensor<2xf32>, tensor<4xi32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// gather with both the operand and the indices batched.

func.func private @take(%x: tensor<5x4xf32>, %i: tensor<3xi32>) -> tensor<3x4xf32> {
  %0 = jx.gather %x[%i], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// CHECK-LABEL: func.func private @take.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x4xf32>, %[[IS:.*]]: tensor<2x3xi32>)
// CHECK: %[[IV:.*]] = jx.reshape %[[IS]] : (tensor<2x3xi32>) -> tensor<2x3x1xi32>
// CHECK: %[[POS:.*]] = jx.iota dim = 0 : tensor<2x3x1xi32>
// CHECK: %[[IV2:.*]] = jx.concatenate %[[POS]], %[[IV]] dim = 2 : (tensor<2x3x1xi32>, tensor<2x3x1xi32>) -> tensor<2x3x2xi32>
// CHECK: jx.gather %[[X]][%[[IV2]]], <offset_dims = [2], collapsed_slice_dims = [0, 1], start_index_map = [0, 1], index_vector_dim = 2>, slice_sizes = [1, 1, 4] : (tensor<2x5x4xf32>, tensor<2x3x2xi32>) -> tensor<2x3x4xf32>

func.func @main(%xs: tensor<2x5x4xf32>, %is: tensor<2x3xi32>) -> tensor<2x3x4xf32> {
  %0 = jx.vmap @take(%xs, %is) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<2x5x4xf32>, tensor<2x3xi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// A run-time scalar index as the frontend computes it (to_index, wrap a
// negative index, from_index): batched, the index is an i64 tensor and the
// arith ops become jx ops.

func.func private @wrap(%i: tensor<i32>) -> tensor<i64> {
  %0 = jx.to_index %i : tensor<i32>
  %c0 = arith.constant 0 : index
  %1 = arith.cmpi slt, %0, %c0 : index
  %c5 = arith.constant 5 : index
  %2 = arith.addi %0, %c5 : index
  %3 = arith.select %1, %2, %0 : index
  %4 = jx.from_index %3 : tensor<i64>
  return %4 : tensor<i64>
}

// CHECK-LABEL: func.func private @wrap.vmap
// CHECK-SAME: (%[[IS:.*]]: tensor<4xi32>) -> tensor<4xi64>
// CHECK: %[[I:.*]] = jx.convert %[[IS]] : (tensor<4xi32>) -> tensor<4xi64>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[Z:.*]] = jx.from_index %[[C0]] : tensor<i64>
// CHECK: %[[ZB:.*]] = jx.broadcast_in_dim %[[Z]], dims = [] : (tensor<i64>) -> tensor<4xi64>
// CHECK: %[[NEG:.*]] = jx.compare LT, %[[I]], %[[ZB]] : tensor<4xi64>
// CHECK: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[F:.*]] = jx.from_index %[[C5]] : tensor<i64>
// CHECK: %[[FB:.*]] = jx.broadcast_in_dim %[[F]], dims = [] : (tensor<i64>) -> tensor<4xi64>
// CHECK: %[[W:.*]] = jx.add %[[I]], %[[FB]] : tensor<4xi64>
// CHECK: %[[R:.*]] = jx.select %[[NEG]], %[[W]], %[[I]] : tensor<4xi1>, tensor<4xi64>
// CHECK: return %[[R]]

func.func @main(%is: tensor<4xi32>) -> tensor<4xi64> {
  %0 = jx.vmap @wrap(%is) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<4xi32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}
