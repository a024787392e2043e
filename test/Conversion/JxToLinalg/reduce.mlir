// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// A sum: linalg.reduce over a zero-filled init.
// CHECK-LABEL: func.func @sum
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK: %[[R:.*]] = linalg.reduce { arith.addf } ins(%[[X]] : tensor<3x4xf32>) outs(%[[INIT]] : tensor<4xf32>) dimensions = [0]
// CHECK: return %[[R]]
func.func @sum(%x: tensor<3x4xf32>) -> tensor<4xf32> {
  %0 = jx.reduce sum %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Float max propagates NaN (maximumf) from -inf; the dimensions are sorted
// and may cover the whole (dynamic) operand.
// CHECK-LABEL: func.func @max_all_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<f32>
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%[[EMPTY]] : tensor<f32>)
// CHECK: linalg.reduce { arith.maximumf } ins(%[[X]] : tensor<?x?xf32>) outs(%[[INIT]] : tensor<f32>) dimensions = [0, 1]
func.func @max_all_dynamic(%x: tensor<?x?xf32>) -> tensor<f32> {
  %0 = jx.reduce max %x, dims = [1, 0] : (tensor<?x?xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Signed min starts from the highest i32; a kept dynamic dimension sizes the
// init with tensor.dim.
// CHECK-LABEL: func.func @min_i32
// CHECK-SAME: (%[[X:.*]]: tensor<?x5xi32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x5xi32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[D0]]) : tensor<?xi32>
// CHECK: %[[MAX:.*]] = arith.constant 2147483647 : i32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[MAX]] : i32) outs(%[[EMPTY]] : tensor<?xi32>)
// CHECK: linalg.reduce { arith.minsi } ins(%[[X]] : tensor<?x5xi32>) outs(%[[INIT]] : tensor<?xi32>) dimensions = [1]
func.func @min_i32(%x: tensor<?x5xi32>) -> tensor<?xi32> {
  %0 = jx.reduce min %x, dims = [1] : (tensor<?x5xi32>) -> tensor<?xi32>
  return %0 : tensor<?xi32>
}

// -----

// ui32 becomes i32 with the unsigned ops and identities (0 and all ones).
// CHECK-LABEL: func.func @max_min_ui32
// CHECK-SAME: (%[[X:.*]]: tensor<4xi32>) -> (tensor<i32>, tensor<i32>)
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: %[[INIT0:.*]] = linalg.fill ins(%[[Z]] : i32)
// CHECK: %[[MAX:.*]] = linalg.reduce { arith.maxui } ins(%[[X]] : tensor<4xi32>) outs(%[[INIT0]] : tensor<i32>) dimensions = [0]
// CHECK: %[[ONES:.*]] = arith.constant -1 : i32
// CHECK: %[[INIT1:.*]] = linalg.fill ins(%[[ONES]] : i32)
// CHECK: %[[MIN:.*]] = linalg.reduce { arith.minui } ins(%[[X]] : tensor<4xi32>) outs(%[[INIT1]] : tensor<i32>) dimensions = [0]
// CHECK: return %[[MAX]], %[[MIN]] : tensor<i32>, tensor<i32>
func.func @max_min_ui32(%x: tensor<4xui32>) -> (tensor<ui32>, tensor<ui32>) {
  %0 = jx.reduce max %x, dims = [0] : (tensor<4xui32>) -> tensor<ui32>
  %1 = jx.reduce min %x, dims = [0] : (tensor<4xui32>) -> tensor<ui32>
  return %0, %1 : tensor<ui32>, tensor<ui32>
}

// -----

// Bool and/or start from true/false; bool max is unsigned (or-like).
// CHECK-LABEL: func.func @bool
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: linalg.fill ins(%[[TRUE]] : i1)
// CHECK: linalg.reduce { arith.andi }
// CHECK: %[[FALSE:.*]] = arith.constant false
// CHECK: linalg.fill ins(%[[FALSE]] : i1)
// CHECK: linalg.reduce { arith.ori }
// CHECK: %[[FALSE2:.*]] = arith.constant false
// CHECK: linalg.fill ins(%[[FALSE2]] : i1)
// CHECK: linalg.reduce { arith.maxui }
func.func @bool(%x: tensor<3x4xi1>) -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %0 = jx.reduce and %x, dims = [1] : (tensor<3x4xi1>) -> tensor<3xi1>
  %1 = jx.reduce or %x, dims = [1] : (tensor<3x4xi1>) -> tensor<3xi1>
  %2 = jx.reduce max %x, dims = [1] : (tensor<3x4xi1>) -> tensor<3xi1>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// Product from 1; bitwise and on integers from all ones.
// CHECK-LABEL: func.func @prod_f64_and_i64
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK: linalg.fill ins(%[[ONE]] : f64)
// CHECK: linalg.reduce { arith.mulf } ins(%{{.*}} : tensor<2x3xf64>) outs(%{{.*}} : tensor<2xf64>) dimensions = [1]
// CHECK: %[[ONES:.*]] = arith.constant -1 : i64
// CHECK: linalg.fill ins(%[[ONES]] : i64)
// CHECK: linalg.reduce { arith.andi } ins(%{{.*}} : tensor<2x3xi64>) outs(%{{.*}} : tensor<3xi64>) dimensions = [0]
func.func @prod_f64_and_i64(%x: tensor<2x3xf64>, %y: tensor<2x3xi64>) -> (tensor<2xf64>, tensor<3xi64>) {
  %0 = jx.reduce prod %x, dims = [1] : (tensor<2x3xf64>) -> tensor<2xf64>
  %1 = jx.reduce and %y, dims = [0] : (tensor<2x3xi64>) -> tensor<3xi64>
  return %0, %1 : tensor<2xf64>, tensor<3xi64>
}

// -----

// Reducing no dimension is the identity.
// CHECK-LABEL: func.func @no_dims
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<3xf32>
func.func @no_dims(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.reduce sum %x, dims = [] : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_region: a linalg.generic whose outputs start as the init values;
// the body is inlined with the scalars wrapped as rank-0 tensors, in the jx
// order (accumulators, then elements), and ends in extracts and linalg.yield.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @reduce_region
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[IDX:.*]]: tensor<?x4xi32>, %[[NINF:.*]]: tensor<f32>, %[[ZERO:.*]]: tensor<i32>)
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[E0:.*]] = tensor.empty(%[[D0]]) : tensor<?xf32>
// CHECK: %[[S0:.*]] = tensor.extract %[[NINF]][] : tensor<f32>
// CHECK: %[[I0:.*]] = linalg.fill ins(%[[S0]] : f32) outs(%[[E0]] : tensor<?xf32>)
// CHECK: %[[E1:.*]] = tensor.empty(%[[D0]]) : tensor<?xi32>
// CHECK: %[[S1:.*]] = tensor.extract %[[ZERO]][] : tensor<i32>
// CHECK: %[[I1:.*]] = linalg.fill ins(%[[S1]] : i32) outs(%[[E1]] : tensor<?xi32>)
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[IDX]] : tensor<?x4xf32>, tensor<?x4xi32>) outs(%[[I0]], %[[I1]] : tensor<?xf32>, tensor<?xi32>)
// CHECK-NEXT: ^bb0(%[[EM:.*]]: f32, %[[EI:.*]]: i32, %[[AM:.*]]: f32, %[[AI:.*]]: i32):
// CHECK-DAG: %[[TAM:.*]] = tensor.from_elements %[[AM]] : tensor<f32>
// CHECK-DAG: %[[TEM:.*]] = tensor.from_elements %[[EM]] : tensor<f32>
// CHECK-DAG: %[[TAI:.*]] = tensor.from_elements %[[AI]] : tensor<i32>
// CHECK-DAG: %[[TEI:.*]] = tensor.from_elements %[[EI]] : tensor<i32>
// CHECK: %[[GT:.*]] = linalg.generic {{.*}} ins(%[[TEM]], %[[TAM]] : tensor<f32>, tensor<f32>)
// CHECK: arith.cmpf ogt
// CHECK: %[[M2:.*]] = linalg.generic {{.*}} ins(%[[GT]], %[[TEM]], %[[TAM]] : tensor<i1>, tensor<f32>, tensor<f32>)
// CHECK: %[[I2:.*]] = linalg.generic {{.*}} ins(%[[GT]], %[[TEI]], %[[TAI]] : tensor<i1>, tensor<i32>, tensor<i32>)
// CHECK: %[[VM:.*]] = tensor.extract %[[M2]][] : tensor<f32>
// CHECK: %[[VI:.*]] = tensor.extract %[[I2]][] : tensor<i32>
// CHECK: linalg.yield %[[VM]], %[[VI]] : f32, i32
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @reduce_region(%x: tensor<?x4xf32>, %idx: tensor<?x4xi32>, %ninf: tensor<f32>, %zero: tensor<i32>) -> (tensor<?xf32>, tensor<?xi32>) {
  %m, %i = jx.reduce_region %x, %idx init(%ninf, %zero) dims = [1]
      : (tensor<?x4xf32>, tensor<?x4xi32>, tensor<f32>, tensor<i32>)
      -> (tensor<?xf32>, tensor<?xi32>) {
  ^bb0(%am: tensor<f32>, %ai: tensor<i32>, %em: tensor<f32>, %ei: tensor<i32>):
    %gt = jx.compare GT, %em, %am : tensor<f32>
    %m2 = jx.select %gt, %em, %am : tensor<i1>, tensor<f32>
    %i2 = jx.select %gt, %ei, %ai : tensor<i1>, tensor<i32>
    jx.yield %m2, %i2 : tensor<f32>, tensor<i32>
  }
  return %m, %i : tensor<?xf32>, tensor<?xi32>
}
