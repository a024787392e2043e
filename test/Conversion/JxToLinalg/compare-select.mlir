// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// Float comparisons are ordered, except NE which is true on NaN.
// CHECK-LABEL: func.func @compare_float
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<4xi1>)
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i1):
// CHECK: arith.cmpf oeq, %[[A]], %[[B]] : f32
// CHECK: arith.cmpf une
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oge
func.func @compare_float(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  %0 = jx.compare EQ, %a, %b : tensor<4xf32>
  %1 = jx.compare NE, %a, %b : tensor<4xf32>
  %2 = jx.compare LT, %a, %b : tensor<4xf32>
  %3 = jx.compare LE, %a, %b : tensor<4xf32>
  %4 = jx.compare GT, %a, %b : tensor<4xf32>
  %5 = jx.compare GE, %a, %b : tensor<4xf32>
  return
}

// -----

// CHECK-LABEL: func.func @compare_signed
// CHECK: arith.cmpi eq
// CHECK: arith.cmpi ne
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sle
// CHECK: arith.cmpi sgt
// CHECK: arith.cmpi sge
func.func @compare_signed(%a: tensor<4xi64>, %b: tensor<4xi64>) {
  %0 = jx.compare EQ, %a, %b : tensor<4xi64>
  %1 = jx.compare NE, %a, %b : tensor<4xi64>
  %2 = jx.compare LT, %a, %b : tensor<4xi64>
  %3 = jx.compare LE, %a, %b : tensor<4xi64>
  %4 = jx.compare GT, %a, %b : tensor<4xi64>
  %5 = jx.compare GE, %a, %b : tensor<4xi64>
  return
}

// -----

// Bools compare unsigned (false < true).
// CHECK-LABEL: func.func @compare_bool
// CHECK: arith.cmpi ult, %{{.*}}, %{{.*}} : i1
func.func @compare_bool(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  %0 = jx.compare LT, %a, %b : tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @compare_dynamic
// CHECK-SAME: (%[[A:.*]]: tensor<?x2xf32>, %[[B:.*]]: tensor<?x2xf32>)
// CHECK: %[[D:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x2xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<?x2xi1>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x2xf32>, tensor<?x2xf32>) outs(%[[INIT]] : tensor<?x2xi1>)
// CHECK: arith.cmpf ole
func.func @compare_dynamic(%a: tensor<?x2xf32>, %b: tensor<?x2xf32>) -> tensor<?x2xi1> {
  %0 = jx.compare LE, %a, %b : tensor<?x2xf32>
  return %0 : tensor<?x2xi1>
}

// -----

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @select
// CHECK-SAME: (%[[P:.*]]: tensor<2x3xi1>, %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]]]
// CHECK-SAME: ins(%[[P]], %[[A]], %[[B]] : tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK: ^bb0(%[[IP:.*]]: i1, %[[IA:.*]]: f32, %[[IB:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[S:.*]] = arith.select %[[IP]], %[[IA]], %[[IB]] : f32
// CHECK: linalg.yield %[[S]] : f32
func.func @select(%p: tensor<2x3xi1>, %a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = jx.select %p, %a, %b : tensor<2x3xi1>, tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A rank-0 predicate is broadcast by an indexing map with no results; the
// dynamic size comes from the first value operand.
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0) -> ()>
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @select_scalar_pred
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[A:.*]]: tensor<?xi32>, %[[B:.*]]: tensor<?xi32>)
// CHECK: %[[D:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?xi32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<?xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$SCALAR]], #[[$ID]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[P]], %[[A]], %[[B]] : tensor<i1>, tensor<?xi32>, tensor<?xi32>) outs(%[[INIT]] : tensor<?xi32>)
// CHECK: arith.select
func.func @select_scalar_pred(%p: tensor<i1>, %a: tensor<?xi32>, %b: tensor<?xi32>) -> tensor<?xi32> {
  %0 = jx.select %p, %a, %b : tensor<i1>, tensor<?xi32>
  return %0 : tensor<?xi32>
}
