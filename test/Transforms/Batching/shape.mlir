// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// broadcast_in_dim, reshape, transpose, reverse, slice, concatenate, pad,
// cumulative: the batch dimension is 0 and the dimension numbers shift.

func.func private @f(%x: tensor<6xf32>, %z: tensor<f32>) -> (tensor<2x6xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<6xf32>, tensor<2xf32>, tensor<12xf32>, tensor<8xf32>, tensor<6xf32>) {
  %0 = jx.broadcast_in_dim %x, dims = [1] : (tensor<6xf32>) -> tensor<2x6xf32>
  %1 = jx.reshape %x : (tensor<6xf32>) -> tensor<3x2xf32>
  %2 = jx.transpose %1, perm = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %3 = jx.reverse %x, dims = [0] : tensor<6xf32>
  %4 = jx.slice %x, start = [1], limit = [5], stride = [2] : (tensor<6xf32>) -> tensor<2xf32>
  %5 = jx.concatenate %x, %3 dim = 0 : (tensor<6xf32>, tensor<6xf32>) -> tensor<12xf32>
  %6 = jx.pad %x, %z, low = [1], high = [1], interior = [0] : (tensor<6xf32>, tensor<f32>) -> tensor<8xf32>
  %7 = jx.cumulative sum %x, axis = 0 : tensor<6xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2x6xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<6xf32>, tensor<2xf32>, tensor<12xf32>, tensor<8xf32>, tensor<6xf32>
}

// CHECK-LABEL: func.func private @f.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4x6xf32>, %[[Z:.*]]: tensor<f32>)
// CHECK: %[[B:.*]] = jx.broadcast_in_dim %[[X]], dims = [0, 2] : (tensor<4x6xf32>) -> tensor<4x2x6xf32>
// CHECK: %[[R:.*]] = jx.reshape %[[X]] : (tensor<4x6xf32>) -> tensor<4x3x2xf32>
// CHECK: %[[T:.*]] = jx.transpose %[[R]], perm = [0, 2, 1] : (tensor<4x3x2xf32>) -> tensor<4x2x3xf32>
// CHECK: %[[V:.*]] = jx.reverse %[[X]], dims = [1] : tensor<4x6xf32>
// CHECK: %[[S:.*]] = jx.slice %[[X]], start = [0, 1], limit = [4, 5], stride = [1, 2] : (tensor<4x6xf32>) -> tensor<4x2xf32>
// CHECK: %[[C:.*]] = jx.concatenate %[[X]], %[[V]] dim = 1 : (tensor<4x6xf32>, tensor<4x6xf32>) -> tensor<4x12xf32>
// CHECK: %[[P:.*]] = jx.pad %[[X]], %[[Z]], low = [0, 1], high = [0, 1], interior = [0, 0] : (tensor<4x6xf32>, tensor<f32>) -> tensor<4x8xf32>
// CHECK: %[[CS:.*]] = jx.cumulative sum %[[X]], axis = 1 : tensor<4x6xf32>
// CHECK: return %[[B]], %[[R]], %[[T]], %[[V]], %[[S]], %[[C]], %[[P]], %[[CS]]

func.func @main(%xs: tensor<4x6xf32>, %z: tensor<f32>) {
  %0:8 = jx.vmap @f(%xs, %z) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<4x6xf32>, tensor<f32>) -> (tensor<4x2x6xf32>, tensor<4x3x2xf32>, tensor<4x2x3xf32>, tensor<4x6xf32>, tensor<4x2xf32>, tensor<4x12xf32>, tensor<4x8xf32>, tensor<4x6xf32>)
  return
}

// -----

// in_axes and out_axes other than 0: the batch dimension moves to the front
// on entry and to out_axes on exit (jx.transpose); reduce shifts its dims.

func.func private @rowsum(%x: tensor<3x5xf32>) -> tensor<5xf32> {
  %0 = jx.reduce sum %x, dims = [0] : (tensor<3x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// CHECK-LABEL: func.func private @rowsum.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<3x7x5xf32>) -> tensor<5x7xf32>
// CHECK: %[[T:.*]] = jx.transpose %[[X]], perm = [1, 0, 2] : (tensor<3x7x5xf32>) -> tensor<7x3x5xf32>
// CHECK: %[[R:.*]] = jx.reduce sum %[[T]], dims = [1] : (tensor<7x3x5xf32>) -> tensor<7x5xf32>
// CHECK: %[[O:.*]] = jx.transpose %[[R]], perm = [1, 0] : (tensor<7x5xf32>) -> tensor<5x7xf32>
// CHECK: return %[[O]]

// CHECK-LABEL: func.func @main
// CHECK: call @rowsum.vmap(%{{.*}}) : (tensor<3x7x5xf32>) -> tensor<5x7xf32>
func.func @main(%x: tensor<3x7x5xf32>) -> tensor<5x7xf32> {
  %0 = jx.vmap @rowsum(%x) {in_axes = array<i64: 1>, out_axes = array<i64: 1>} : (tensor<3x7x5xf32>) -> tensor<5x7xf32>
  return %0 : tensor<5x7xf32>
}

// -----

// An unmapped result (out_axes none) and an axis_size without mapped
// arguments.

func.func private @k(%w: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jx.exp %w : tensor<3xf32>
  return %0, %0 : tensor<3xf32>, tensor<3xf32>
}

// CHECK-LABEL: func.func private @k.vmap
// CHECK-SAME: (%[[W:.*]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<3x4xf32>)
// CHECK: %[[E:.*]] = jx.exp %[[W]] : tensor<3xf32>
// CHECK: %[[B:.*]] = jx.broadcast_in_dim %[[E]], dims = [1] : (tensor<3xf32>) -> tensor<4x3xf32>
// CHECK: %[[T:.*]] = jx.transpose %[[B]], perm = [1, 0] : (tensor<4x3xf32>) -> tensor<3x4xf32>
// CHECK: return %[[E]], %[[T]]

func.func @main(%w: tensor<3xf32>) -> (tensor<3xf32>, tensor<3x4xf32>) {
  %0:2 = jx.vmap @k(%w) {in_axes = array<i64: -1>, out_axes = array<i64: -1, 1>, axis_size = 4} : (tensor<3xf32>) -> (tensor<3xf32>, tensor<3x4xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3x4xf32>
}
