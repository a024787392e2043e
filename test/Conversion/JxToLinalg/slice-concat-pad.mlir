// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][1, 0] [2, 2] [1, 2] : tensor<4x4xf32> to tensor<2x2xf32>
// CHECK: return %[[S]]
func.func @slice(%x: tensor<4x4xf32>) -> tensor<2x2xf32> {
  %0 = jx.slice %x, start = [1, 0], limit = [3, 4], stride = [1, 2] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Sizes are ceil((limit - start) / stride), also on a dynamic operand.
// CHECK-LABEL: func.func @slice_dynamic_operand
// CHECK: tensor.extract_slice %{{.*}}[1, 1] [2, 1] [1, 3] : tensor<?x4xf32> to tensor<2x1xf32>
func.func @slice_dynamic_operand(%x: tensor<?x4xf32>) -> tensor<2x1xf32> {
  %0 = jx.slice %x, start = [1, 1], limit = [3, 4], stride = [1, 3] : (tensor<?x4xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// CHECK-LABEL: func.func @concatenate
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<?x3xf32>)
// CHECK: %[[C:.*]] = tensor.concat dim(0) %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
// CHECK: return %[[C]]
func.func @concatenate(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = jx.concatenate %a, %b dim = 0 : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @concatenate_one
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xi32>)
// CHECK-NEXT: return %[[A]]
func.func @concatenate_one(%a: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = jx.concatenate %a dim = 1 : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// Edge padding only: tensor.pad yielding the padding value.
// CHECK-LABEL: func.func @pad_edges
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[Z:.*]]: tensor<f32>)
// CHECK: %[[V:.*]] = tensor.extract %[[Z]][] : tensor<f32>
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[1] high[2] {
// CHECK: tensor.yield %[[V]] : f32
// CHECK: } : tensor<4xf32> to tensor<7xf32>
// CHECK: return %[[P]]
func.func @pad_edges(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<7xf32> {
  %0 = jx.pad %x, %z, low = [1], high = [2], interior = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// Interior and negative padding: insert with a stride into a filled tensor,
// then drop what negative padding removes.
// CHECK-LABEL: func.func @pad_interior_negative
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[Z:.*]]: tensor<f32>)
// CHECK: %[[V:.*]] = tensor.extract %[[Z]][] : tensor<f32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<9xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<9xf32>) -> tensor<9xf32>
// CHECK: %[[I:.*]] = tensor.insert_slice %[[X]] into %[[F]][0] [4] [2] : tensor<4xf32> into tensor<9xf32>
// CHECK: %[[S:.*]] = tensor.extract_slice %[[I]][1] [8] [1] : tensor<9xf32> to tensor<8xf32>
// CHECK: return %[[S]]
func.func @pad_interior_negative(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<8xf32> {
  %0 = jx.pad %x, %z, low = [-1], high = [2], interior = [1] : (tensor<4xf32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// A dynamic dimension with interior padding: n + max(n - 1, 0) * interior.
// CHECK-LABEL: func.func @pad_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xi32>, %[[Z:.*]]: tensor<i32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xi32>
// CHECK: %[[NM1:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK: %[[GAPS:.*]] = arith.maxsi %[[NM1]], %{{.*}} : index
// CHECK: %[[INT:.*]] = arith.muli %[[GAPS]], %{{.*}} : index
// CHECK: %[[SPREAD:.*]] = arith.addi %[[N]], %[[INT]] : index
// CHECK: %[[SIZE:.*]] = arith.addi %[[SPREAD]], %{{.*}} : index
// CHECK: %[[E:.*]] = tensor.empty(%[[SIZE]]) : tensor<?x6xi32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%[[E]] : tensor<?x6xi32>)
// CHECK: %[[I:.*]] = tensor.insert_slice %[[X]] into %[[F]][0, 1] [%[[N]], 3] [3, 2] : tensor<?x3xi32> into tensor<?x6xi32>
// CHECK: tensor.extract_slice %[[I]][0, 0] [%[[SIZE]], 5] [1, 1] : tensor<?x6xi32> to tensor<?x5xi32>
func.func @pad_dynamic(%x: tensor<?x3xi32>, %z: tensor<i32>) -> tensor<?x5xi32> {
  %0 = jx.pad %x, %z, low = [0, 1], high = [1, -1], interior = [2, 1] : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x5xi32>
  return %0 : tensor<?x5xi32>
}

// -----

// An empty slice starting at the end (x[3:] of a length-3 x) is a
// tensor.empty: extract_slice rejects offset 3 even with size 0 (regression:
// the lowering produced invalid IR).
// CHECK-LABEL: func.func @empty_slice_at_end
// CHECK-NOT: tensor.extract_slice
// CHECK: %[[E:.*]] = tensor.empty() : tensor<0x2xf32>
// CHECK: return %[[E]]
func.func @empty_slice_at_end(%x: tensor<3x2xf32>) -> tensor<0x2xf32> {
  %0 = jx.slice %x, start = [3, 0], limit = [3, 2], stride = [1, 1] : (tensor<3x2xf32>) -> tensor<0x2xf32>
  return %0 : tensor<0x2xf32>
}
