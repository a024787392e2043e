// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @constant
// CHECK: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: return %[[C]]
func.func @constant() -> tensor<2xf32> {
  %0 = jx.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @constant_scalar_bool
// CHECK: arith.constant dense<true> : tensor<i1>
func.func @constant_scalar_bool() -> tensor<i1> {
  %0 = jx.constant dense<true> : tensor<i1>
  return %0 : tensor<i1>
}

// -----

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @iota
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID]]], iterator_types = ["parallel"]} outs(%[[INIT]] : tensor<4xi32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[V:.*]] = arith.index_cast %[[I]] : index to i32
// CHECK: linalg.yield %[[V]] : i32
func.func @iota() -> tensor<4xi32> {
  %0 = jx.iota dim = 0 : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Dynamic sizes come from the `sizes` operands; float iotas go through i64.
// CHECK-LABEL: func.func @iota_dynamic_float
// CHECK-SAME: (%[[N:.*]]: index)
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel"]} outs(%[[INIT]] : tensor<?x3xf32>)
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[W:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[F:.*]] = arith.sitofp %[[W]] : i64 to f32
// CHECK: linalg.yield %[[F]] : f32
func.func @iota_dynamic_float(%n: index) -> tensor<?x3xf32> {
  %0 = jx.iota dim = 1, sizes(%n) : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @iota_unsigned
// CHECK-SAME: -> tensor<5xi32>
// CHECK: arith.index_castui %{{.*}} : index to i32
func.func @iota_unsigned() -> tensor<5xui32> {
  %0 = jx.iota dim = 0 : tensor<5xui32>
  return %0 : tensor<5xui32>
}
