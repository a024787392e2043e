// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// cumsum: an scf.for over the axis carrying the result and the running sum
// (from -0.0, the exact identity of addf); each step extracts slice i,
// accumulates it with an elementwise linalg.generic and inserts the sum.
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @cumsum
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[N:.*]] = arith.constant 4 : index
// CHECK: %[[AE:.*]] = tensor.empty() : tensor<f32>
// CHECK: %[[NZ:.*]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[ACC0:.*]] = linalg.fill ins(%[[NZ]] : f32) outs(%[[AE]] : tensor<f32>)
// CHECK: %[[RES0:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[FOR:.*]]:2 = scf.for %[[I:.*]] = %[[C0]] to %[[N]] step %[[C1]] iter_args(%[[RES:.*]] = %[[RES0]], %[[ACC:.*]] = %[[ACC0]]) -> (tensor<4xf32>, tensor<f32>) {
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[X]][%[[I]]] [1] [1] : tensor<4xf32> to tensor<f32>
// CHECK: %[[NEXT:.*]] = linalg.generic {indexing_maps = [#[[$SCALAR]], #[[$SCALAR]]], iterator_types = []} ins(%[[SLICE]] : tensor<f32>) outs(%[[ACC]] : tensor<f32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK: %[[ADD:.*]] = arith.addf %[[OUT]], %[[IN]] : f32
// CHECK: linalg.yield %[[ADD]] : f32
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[NEXT]] into %[[RES]][%[[I]]] [1] [1] : tensor<f32> into tensor<4xf32>
// CHECK: scf.yield %[[INS]], %[[NEXT]] : tensor<4xf32>, tensor<f32>
// CHECK: return %[[FOR]]#0 : tensor<4xf32>
func.func @cumsum(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jx.cumulative sum %x, axis = 0 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Reverse along dimension 1 of a dynamic matrix: the loop runs over
// tensor.dim, step i works on column n - 1 - i; the accumulator is a column.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @cumprod_reverse_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xi32>)
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xi32>
// CHECK: %[[D1:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xi32>
// CHECK: %[[AE:.*]] = tensor.empty(%[[D0]]) : tensor<?xi32>
// CHECK: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: %[[ACC0:.*]] = linalg.fill ins(%[[ONE]] : i32) outs(%[[AE]] : tensor<?xi32>)
// CHECK: %[[RES0:.*]] = tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?xi32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[LAST:.*]] = arith.subi %[[D1]], %[[C1]] : index
// CHECK: %[[FOR:.*]]:2 = scf.for %[[I:.*]] = %[[C0]] to %[[D1]] step %[[C1]] iter_args(%[[RES:.*]] = %[[RES0]], %[[ACC:.*]] = %[[ACC0]])
// CHECK: %[[POS:.*]] = arith.subi %[[LAST]], %[[I]] : index
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[X]][0, %[[POS]]] [%[[D0]], 1] [1, 1] : tensor<?x?xi32> to tensor<?xi32>
// CHECK: %[[NEXT:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]]], iterator_types = ["parallel"]} ins(%[[SLICE]] : tensor<?xi32>) outs(%[[ACC]] : tensor<?xi32>)
// CHECK: arith.muli
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[NEXT]] into %[[RES]][0, %[[POS]]] [%[[D0]], 1] [1, 1] : tensor<?xi32> into tensor<?x?xi32>
// CHECK: scf.yield %[[INS]], %[[NEXT]]
// CHECK: return %[[FOR]]#0
func.func @cumprod_reverse_dynamic(%x: tensor<?x?xi32>) -> tensor<?x?xi32> {
  %0 = jx.cumulative prod %x, axis = 1, reverse : tensor<?x?xi32>
  return %0 : tensor<?x?xi32>
}

// -----

// cummax on ui32: unsigned max from 0.
// CHECK-LABEL: func.func @cummax_ui32
// CHECK-SAME: (%{{.*}}: tensor<3x5xi32>) -> tensor<3x5xi32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: linalg.fill ins(%[[Z]] : i32) outs(%{{.*}} : tensor<5xi32>)
// CHECK: scf.for
// CHECK: tensor.extract_slice %{{.*}}[%{{.*}}, 0] [1, 5] [1, 1] : tensor<3x5xi32> to tensor<5xi32>
// CHECK: arith.maxui
func.func @cummax_ui32(%x: tensor<3x5xui32>) -> tensor<3x5xui32> {
  %0 = jx.cumulative max %x, axis = 0 : tensor<3x5xui32>
  return %0 : tensor<3x5xui32>
}

// -----

// cummin on floats propagates NaN (minimumf) from +inf.
// CHECK-LABEL: func.func @cummin_f64
// CHECK: %[[INF:.*]] = arith.constant 0x7FF0000000000000 : f64
// CHECK: linalg.fill ins(%[[INF]] : f64)
// CHECK: scf.for
// CHECK: arith.minimumf
func.func @cummin_f64(%x: tensor<5xf64>) -> tensor<5xf64> {
  %0 = jx.cumulative min %x, axis = 0, reverse : tensor<5xf64>
  return %0 : tensor<5xf64>
}
