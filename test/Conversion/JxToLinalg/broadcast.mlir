// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// New dimensions with the operand's in order: linalg.broadcast.
// CHECK-LABEL: func.func @new_leading_dim
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<3x4xf32>
// CHECK: %[[B:.*]] = linalg.broadcast ins(%[[X]] : tensor<4xf32>) outs(%[[INIT]] : tensor<3x4xf32>) dimensions = [0]
// CHECK: return %[[B]]
func.func @new_leading_dim(%x: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// A scalar to a dynamic size from `sizes`.
// CHECK-LABEL: func.func @scalar_dynamic
// CHECK-SAME: (%[[S:.*]]: tensor<f32>, %[[N:.*]]: index)
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK: linalg.broadcast ins(%[[S]] : tensor<f32>) outs(%[[INIT]] : tensor<?xf32>) dimensions = [0]
func.func @scalar_dynamic(%s: tensor<f32>, %n: index) -> tensor<?xf32> {
  %0 = jx.broadcast_in_dim %s, dims = [], sizes(%n) : (tensor<f32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @trailing_dims
// CHECK: linalg.broadcast ins(%{{.*}} : tensor<?xi32>) outs(%{{.*}} : tensor<?x2x5xi32>) dimensions = [1, 2]
func.func @trailing_dims(%x: tensor<?xi32>, %n: index) -> tensor<?x2x5xi32> {
  %0 = jx.broadcast_in_dim %x, dims = [0], sizes(%n) : (tensor<?xi32>) -> tensor<?x2x5xi32>
  return %0 : tensor<?x2x5xi32>
}

// -----

// A static size-1 dimension stretched to a larger (or dynamic) size is read
// at index 0.
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2) -> (0, d1)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @stretch
// CHECK-SAME: (%[[X:.*]]: tensor<1x4xf32>, %[[N:.*]]: index)
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x4x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<1x4xf32>) outs(%[[INIT]] : tensor<?x4x5xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
func.func @stretch(%x: tensor<1x4xf32>, %n: index) -> tensor<?x4x5xf32> {
  %0 = jx.broadcast_in_dim %x, dims = [0, 1], sizes(%n) : (tensor<1x4xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// A size-1 dimension that stays size 1 is not stretched.
// CHECK-LABEL: func.func @unit_kept
// CHECK: linalg.broadcast ins(%{{.*}} : tensor<1x3xf32>) outs(%{{.*}} : tensor<2x1x3xf32>) dimensions = [0]
func.func @unit_kept(%x: tensor<1x3xf32>) -> tensor<2x1x3xf32> {
  %0 = jx.broadcast_in_dim %x, dims = [1, 2] : (tensor<1x3xf32>) -> tensor<2x1x3xf32>
  return %0 : tensor<2x1x3xf32>
}

// -----

// Dimensions out of order: a generic with a permuted input map.
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func.func @permuted
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #{{.*}}]
// CHECK-SAME: ins(%{{.*}} : tensor<2x3xf32>) outs(%{{.*}} : tensor<3x7x2xf32>)
func.func @permuted(%x: tensor<2x3xf32>) -> tensor<3x7x2xf32> {
  %0 = jx.broadcast_in_dim %x, dims = [2, 0] : (tensor<2x3xf32>) -> tensor<3x7x2xf32>
  return %0 : tensor<3x7x2xf32>
}

// -----

// Same rank, nothing stretched: only static information changes.
// CHECK-LABEL: func.func @identity_cast
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %{{.*}}: index)
// CHECK: %[[C:.*]] = tensor.cast %[[X]] : tensor<?x4xf32> to tensor<3x4xf32>
// CHECK: return %[[C]]
func.func @identity_cast(%x: tensor<?x4xf32>, %n: index) -> tensor<3x4xf32> {
  %0 = jx.broadcast_in_dim %x, dims = [0, 1] : (tensor<?x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
