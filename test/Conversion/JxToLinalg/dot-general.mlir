// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// The canonical matmul layout becomes linalg.matmul on a zero-filled init
// whose dynamic sizes come from the operands.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<?x3xf32>, %[[B:.*]]: tensor<3x?xf32>)
// CHECK: %[[M:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[B]], %{{.*}} : tensor<3x?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xf32>
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<?x?xf32>)
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<?x3xf32>, tensor<3x?xf32>) outs(%[[INIT]] : tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK: return %[[R]]
func.func @matmul(%a: tensor<?x3xf32>, %b: tensor<3x?xf32>) -> tensor<?x?xf32> {
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
      : (tensor<?x3xf32>, tensor<3x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @batch_matmul
// CHECK-SAME: (%[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<2x4x5xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<2x3x4xf32>, tensor<2x4x5xf32>) outs(%[[INIT]] : tensor<2x3x5xf32>)
func.func @batch_matmul(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = jx.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1]
      : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// matvec, vecmat and dot, on integers.
// CHECK-LABEL: func.func @matvec_vecmat_dot
// CHECK-SAME: (%[[M:.*]]: tensor<3x4xi64>, %[[V:.*]]: tensor<4xi64>, %[[W:.*]]: tensor<3xi64>)
// CHECK: %[[Z0:.*]] = arith.constant 0 : i64
// CHECK: %[[I0:.*]] = linalg.fill ins(%[[Z0]] : i64) outs(%{{.*}} : tensor<3xi64>)
// CHECK: linalg.matvec ins(%[[M]], %[[V]] : tensor<3x4xi64>, tensor<4xi64>) outs(%[[I0]] : tensor<3xi64>)
// CHECK: %[[I1:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<4xi64>)
// CHECK: linalg.vecmat ins(%[[W]], %[[M]] : tensor<3xi64>, tensor<3x4xi64>) outs(%[[I1]] : tensor<4xi64>)
// CHECK: %[[I2:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<i64>)
// CHECK: linalg.dot ins(%[[V]], %[[V]] : tensor<4xi64>, tensor<4xi64>) outs(%[[I2]] : tensor<i64>)
func.func @matvec_vecmat_dot(%m: tensor<3x4xi64>, %v: tensor<4xi64>, %w: tensor<3xi64>) -> (tensor<3xi64>, tensor<4xi64>, tensor<i64>) {
  %0 = jx.dot_general %m, %v, batching_dims = [] x [], contracting_dims = [1] x [0]
      : (tensor<3x4xi64>, tensor<4xi64>) -> tensor<3xi64>
  %1 = jx.dot_general %w, %m, batching_dims = [] x [], contracting_dims = [0] x [0]
      : (tensor<3xi64>, tensor<3x4xi64>) -> tensor<4xi64>
  %2 = jx.dot_general %v, %v, batching_dims = [] x [], contracting_dims = [0] x [0]
      : (tensor<4xi64>, tensor<4xi64>) -> tensor<i64>
  return %0, %1, %2 : tensor<3xi64>, tensor<4xi64>, tensor<i64>
}

// -----

// a @ b^T is not a named layout: a linalg.generic with loops (m, n, k).
// CHECK-DAG: #[[$LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$RHS:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @transposed_rhs
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf16>, %[[B:.*]]: tensor<5x4xf16>)
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<3x4xf16>, tensor<5x4xf16>) outs(%[[INIT]] : tensor<3x5xf16>)
// CHECK-NEXT: ^bb0(%[[L:.*]]: f16, %[[R:.*]]: f16, %[[ACC:.*]]: f16):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[L]], %[[R]] : f16
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f16
// CHECK-NEXT: linalg.yield %[[S]] : f16
func.func @transposed_rhs(%a: tensor<3x4xf16>, %b: tensor<5x4xf16>) -> tensor<3x5xf16> {
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [1]
      : (tensor<3x4xf16>, tensor<5x4xf16>) -> tensor<3x5xf16>
  return %0 : tensor<3x5xf16>
}

// -----

// Batch dimension not leading on the rhs, two contracting dimensions in
// different orders: loops (batch, lhs free, rhs free, contract 0, contract 1).
// CHECK-DAG: #[[$LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4, d3)>
// CHECK-DAG: #[[$RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d2, d0, d4)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @general
// CHECK-SAME: (%[[A:.*]]: tensor<4x?x2x3xf32>, %[[B:.*]]: tensor<3x6x4x2xf32>)
// CHECK: %[[D1:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<4x?x2x3xf32>
// CHECK: tensor.empty(%[[D1]]) : tensor<4x?x6xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]}
func.func @general(%a: tensor<4x?x2x3xf32>, %b: tensor<3x6x4x2xf32>) -> tensor<4x?x6xf32> {
  %0 = jx.dot_general %a, %b, batching_dims = [0] x [2], contracting_dims = [3, 2] x [0, 3]
      : (tensor<4x?x2x3xf32>, tensor<3x6x4x2xf32>) -> tensor<4x?x6xf32>
  return %0 : tensor<4x?x6xf32>
}

// -----

// No contracting dimension: an outer product; ui32 computes on i32.
// CHECK-DAG: #[[$LHS:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$RHS:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @outer_ui32
// CHECK-SAME: (%{{.*}}: tensor<3xi32>, %{{.*}}: tensor<2xi32>) -> tensor<3x2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "parallel"]}
// CHECK: arith.muli
// CHECK: arith.addi
func.func @outer_ui32(%a: tensor<3xui32>, %b: tensor<2xui32>) -> tensor<3x2xui32> {
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [] x []
      : (tensor<3xui32>, tensor<2xui32>) -> tensor<3x2xui32>
  return %0 : tensor<3x2xui32>
}

// -----

// Contracting every dimension of matrices gives a scalar: the result map has
// no results (regression: it was a null map and the pattern crashed).
// CHECK-DAG: #[[$LHS:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$RHS:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @contract_all
// CHECK: linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: outs(%{{.*}} : tensor<f32>)
func.func @contract_all(%a: tensor<3x2xf32>, %b: tensor<2x3xf32>) -> tensor<f32> {
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [0, 1] x [1, 0]
      : (tensor<3x2xf32>, tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
