// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @collapse
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK: return %[[R]]
func.func @collapse(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = jx.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// One dynamic group: the `sizes` operand is the expanded size.
// CHECK-LABEL: func.func @expand_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[N:.*]]: index)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [%[[N]], 2, 2] : tensor<?x4xf32> into tensor<?x2x2xf32>
// CHECK: return %[[R]]
func.func @expand_dynamic(%x: tensor<?x4xf32>, %n: index) -> tensor<?x2x2xf32> {
  %0 = jx.reshape %x, sizes(%n) : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
  return %0 : tensor<?x2x2xf32>
}

// -----

// No grouping: through one dimension.
// CHECK-LABEL: func.func @regroup
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
// CHECK: return %[[R]]
func.func @regroup(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = jx.reshape %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Two dynamic dimensions on each side could split differently at run time,
// and an expand_shape group with two `?` does not lower: tensor.reshape with
// the sizes from `sizes`.
// CHECK-LABEL: func.func @dynamic_regroup
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>, %[[N:.*]]: index, %[[M:.*]]: index)
// CHECK: %[[S:.*]] = tensor.from_elements %[[N]], %[[M]] : tensor<2xindex>
// CHECK: %[[R:.*]] = tensor.reshape %[[X]](%[[S]]) : (tensor<?x?xf32>, tensor<2xindex>) -> tensor<?x?xf32>
// CHECK: return %[[R]]
func.func @dynamic_regroup(%x: tensor<?x?xf32>, %n: index, %m: index) -> tensor<?x?xf32> {
  %0 = jx.reshape %x, sizes(%n, %m) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// One `?` in the result: through one dimension.
// CHECK-LABEL: func.func @dynamic_flat
// CHECK-SAME: (%[[X:.*]]: tensor<?x6xf32>, %[[N:.*]]: index)
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<?x6xf32> into tensor<?xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1, 2]] output_shape [2, %[[N]], 4] : tensor<?xf32> into tensor<2x?x4xf32>
func.func @dynamic_flat(%x: tensor<?x6xf32>, %n: index) -> tensor<2x?x4xf32> {
  %0 = jx.reshape %x, sizes(%n) : (tensor<?x6xf32>) -> tensor<2x?x4xf32>
  return %0 : tensor<2x?x4xf32>
}

// -----

// A dynamic operand to a static result: the flat size is asserted by a cast.
// CHECK-LABEL: func.func @dynamic_to_static
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<?x3xf32> into tensor<?xf32>
// CHECK: %[[C:.*]] = tensor.cast %[[F]] : tensor<?xf32> to tensor<6xf32>
// CHECK: tensor.expand_shape %[[C]] {{\[}}[0, 1]] output_shape [2, 3] : tensor<6xf32> into tensor<2x3xf32>
func.func @dynamic_to_static(%x: tensor<?x3xf32>) -> tensor<2x3xf32> {
  %0 = jx.reshape %x : (tensor<?x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @rank0
// CHECK: tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<i32> into tensor<1x1xi32>
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1x1xi32> into tensor<i32>
func.func @rank0(%x: tensor<i32>) -> tensor<i32> {
  %0 = jx.reshape %x : (tensor<i32>) -> tensor<1x1xi32>
  %1 = jx.reshape %0 : (tensor<1x1xi32>) -> tensor<i32>
  return %1 : tensor<i32>
}

// -----

// CHECK-LABEL: func.func @dynamic_to_rank0
// CHECK: %[[C:.*]] = tensor.cast %{{.*}} : tensor<?xf32> to tensor<1xf32>
// CHECK: tensor.collapse_shape %[[C]] [] : tensor<1xf32> into tensor<f32>
func.func @dynamic_to_rank0(%x: tensor<?xf32>) -> tensor<f32> {
  %0 = jx.reshape %x : (tensor<?xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x5xf32>)
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4x5xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<5x?x4xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<?x4x5xf32>) outs(%[[INIT]] : tensor<5x?x4xf32>) permutation = [2, 0, 1]
// CHECK: return %[[T]]
func.func @transpose(%x: tensor<?x4x5xf32>) -> tensor<5x?x4xf32> {
  %0 = jx.transpose %x, perm = [2, 0, 1] : (tensor<?x4x5xf32>) -> tensor<5x?x4xf32>
  return %0 : tensor<5x?x4xf32>
}

// -----

// Static reversed dimensions: the input map reads `size - 1 - i`.
// CHECK-DAG: #[[$REV:.*]] = affine_map<(d0, d1) -> (-d0 + 3, d1)>
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @reverse
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$REV]], #[[$ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<4x3xf32>)
func.func @reverse(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = jx.reverse %x, dims = [0] : tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// A dynamic reversed dimension: the body computes the index and extracts.
// CHECK-LABEL: func.func @reverse_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>)
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[LAST:.*]] = arith.subi %[[D]], %{{.*}} : index
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<?x3xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[R:.*]] = arith.subi %[[LAST]], %[[I]] : index
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[E:.*]] = tensor.extract %[[X]][%[[R]], %[[J]]] : tensor<?x3xf32>
// CHECK: linalg.yield %[[E]] : f32
func.func @reverse_dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = jx.reverse %x, dims = [0] : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
