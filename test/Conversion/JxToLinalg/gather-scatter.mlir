// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// gather of rows (x[idx]): a parallel linalg.generic over the result with no
// inputs; each element reads its index, clamps it to [0, 5 - 1] and extracts
// from the operand at (start, offset).
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @gather_rows
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>, %[[IDX:.*]]: tensor<?xi32>)
// CHECK: %[[MAX:.*]] = arith.constant 4 : index
// CHECK: %[[N:.*]] = tensor.dim %[[IDX]], %{{.*}} : tensor<?xi32>
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID]]], iterator_types = ["parallel", "parallel"]} outs(%[[E]] : tensor<?x4xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK: %[[RAW:.*]] = tensor.extract %[[IDX]][%[[I]]] : tensor<?xi32>
// CHECK: %[[START:.*]] = arith.index_cast %[[RAW]] : i32 to index
// CHECK: %[[LOW:.*]] = arith.minsi %[[START]], %[[MAX]] : index
// CHECK: %[[CLAMPED:.*]] = arith.maxsi %[[LOW]], %[[ZERO]] : index
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[CLAMPED]], %[[J]]] : tensor<5x4xf32>
// CHECK: linalg.yield %[[V]] : f32
// CHECK: return %[[R]]
func.func @gather_rows(%x: tensor<5x4xf32>, %idx: tensor<?xi32>) -> tensor<?x4xf32> {
  %0 = jx.gather %x[%idx], <offset_dims = [1], collapsed_slice_dims = [0],
                            start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<?xi32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// 2x2 blocks at index vectors (column, row) of ui32 (zero-extended) from a
// dynamic operand, the batch dimension last in the result.
// CHECK-LABEL: func.func @gather_blocks_ui32
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>, %[[IDX:.*]]: tensor<3x2xi32>)
// CHECK: %[[D1:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[MAX1:.*]] = arith.subi %[[D1]], %{{.*}} : index
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[MAX0:.*]] = arith.subi %[[D0]], %{{.*}} : index
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel"]
// CHECK: %[[O0:.*]] = linalg.index 0 : index
// CHECK: %[[O1:.*]] = linalg.index 1 : index
// CHECK: %[[B:.*]] = linalg.index 2 : index
// CHECK: %[[R0:.*]] = tensor.extract %[[IDX]][%[[B]], %{{.*}}] : tensor<3x2xi32>
// CHECK: %[[S0:.*]] = arith.index_castui %[[R0]] : i32 to index
// CHECK: %[[C0:.*]] = arith.minsi %[[S0]], %[[MAX1]] : index
// CHECK: %[[COL:.*]] = arith.maxsi %[[C0]], %{{.*}} : index
// CHECK: %[[R1:.*]] = tensor.extract %[[IDX]][%[[B]], %{{.*}}] : tensor<3x2xi32>
// CHECK: %[[S1:.*]] = arith.index_castui %[[R1]] : i32 to index
// CHECK: %[[C1:.*]] = arith.minsi %[[S1]], %[[MAX0]] : index
// CHECK: %[[ROW:.*]] = arith.maxsi %[[C1]], %{{.*}} : index
// CHECK: %[[Y:.*]] = arith.addi %[[ROW]], %[[O0]] : index
// CHECK: %[[X1:.*]] = arith.addi %[[COL]], %[[O1]] : index
// CHECK: tensor.extract %[[X]][%[[Y]], %[[X1]]] : tensor<?x?xf32>
func.func @gather_blocks_ui32(%x: tensor<?x?xf32>, %idx: tensor<3x2xui32>) -> tensor<2x2x3xf32> {
  %0 = jx.gather %x[%idx], <offset_dims = [0, 1], collapsed_slice_dims = [],
                            start_index_map = [1, 0], index_vector_dim = 1>,
         slice_sizes = [2, 2] : (tensor<?x?xf32>, tensor<3x2xui32>) -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// -----

// scatter add of rows: an scf.for over the indices carrying the result; a
// window that does not fit (start outside [0, 5 - 1]) is dropped by the
// scf.if, otherwise an inner loop over the row adds each update.
// CHECK-LABEL: func.func @scatter_add_rows
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>, %[[IDX:.*]]: tensor<3xi32>, %[[V:.*]]: tensor<3x4xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[LIMIT:.*]] = arith.constant 4 : index
// CHECK: %[[R:.*]] = scf.for %[[I:.*]] = %[[C0]] to %[[C3]] step %[[C1]] iter_args(%[[ACC:.*]] = %[[X]]) -> (tensor<5x4xf32>) {
// CHECK: %[[RAW:.*]] = tensor.extract %[[IDX]][%[[I]]] : tensor<3xi32>
// CHECK: %[[S:.*]] = arith.index_cast %[[RAW]] : i32 to index
// CHECK: %[[GE:.*]] = arith.cmpi sge, %[[S]], %[[C0]] : index
// CHECK: %[[LE:.*]] = arith.cmpi sle, %[[S]], %[[LIMIT]] : index
// CHECK: %[[OK:.*]] = arith.andi %[[GE]], %[[LE]] : i1
// CHECK: %[[IF:.*]] = scf.if %[[OK]] -> (tensor<5x4xf32>) {
// CHECK: %[[ROW:.*]] = scf.for %[[J:.*]] = %[[C0]] to %[[C4]] step %[[C1]] iter_args(%[[T:.*]] = %[[ACC]]) -> (tensor<5x4xf32>) {
// CHECK: %[[U:.*]] = tensor.extract %[[V]][%[[I]], %[[J]]] : tensor<3x4xf32>
// CHECK: %[[OLD:.*]] = tensor.extract %[[T]][%[[S]], %[[J]]] : tensor<5x4xf32>
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[U]] : f32
// CHECK: %[[INS:.*]] = tensor.insert %[[NEW]] into %[[T]][%[[S]], %[[J]]] : tensor<5x4xf32>
// CHECK: scf.yield %[[INS]] : tensor<5x4xf32>
// CHECK: }
// CHECK: scf.yield %[[ROW]] : tensor<5x4xf32>
// CHECK: } else {
// CHECK: scf.yield %[[ACC]] : tensor<5x4xf32>
// CHECK: }
// CHECK: scf.yield %[[IF]] : tensor<5x4xf32>
// CHECK: return %[[R]]
func.func @scatter_add_rows(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>) -> tensor<5x4xf32> {
  %0 = jx.scatter add %x[%idx], %v, <update_window_dims = [1],
           inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
           index_vector_dim = 1>
         : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

// A single scalar set into a dynamic bool vector: no loops, the bound is
// tensor.dim - 1, set stores the update without reading.
// CHECK-LABEL: func.func @scatter_set_scalar
// CHECK-SAME: (%[[X:.*]]: tensor<?xi1>, %[[IDX:.*]]: tensor<i64>, %[[V:.*]]: tensor<i1>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?xi1>
// CHECK: %[[LIMIT:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK: %[[RAW:.*]] = tensor.extract %[[IDX]][] : tensor<i64>
// CHECK: %[[S:.*]] = arith.index_cast %[[RAW]] : i64 to index
// CHECK: arith.cmpi sle, %[[S]], %[[LIMIT]] : index
// CHECK: scf.if
// CHECK-NEXT: %[[U:.*]] = tensor.extract %[[V]][] : tensor<i1>
// CHECK-NEXT: %[[INS:.*]] = tensor.insert %[[U]] into %[[X]][%[[S]]] : tensor<?xi1>
// CHECK-NEXT: scf.yield %[[INS]]
// CHECK: else
// CHECK-NEXT: scf.yield %[[X]]
func.func @scatter_set_scalar(%x: tensor<?xi1>, %idx: tensor<i64>, %v: tensor<i1>) -> tensor<?xi1> {
  %0 = jx.scatter set %x[%idx], %v, <update_window_dims = [],
           inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
           index_vector_dim = 0>
         : (tensor<?xi1>, tensor<i64>, tensor<i1>) -> tensor<?xi1>
  return %0 : tensor<?xi1>
}

// -----

// max on ui32 is unsigned; min/mul pick their arith ops.
// CHECK-LABEL: func.func @scatter_kinds
// CHECK: arith.maxui
// CHECK: arith.minimumf
// CHECK: arith.muli
func.func @scatter_kinds(%x: tensor<4xui32>, %idx: tensor<2x1xi32>, %v: tensor<2xui32>,
                         %f: tensor<4xf32>, %fv: tensor<2xf32>, %i: tensor<4xi64>,
                         %iv: tensor<2xi64>) -> (tensor<4xui32>, tensor<4xf32>, tensor<4xi64>) {
  %0 = jx.scatter max %x[%idx], %v, <update_window_dims = [],
           inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
           index_vector_dim = 1>
         : (tensor<4xui32>, tensor<2x1xi32>, tensor<2xui32>) -> tensor<4xui32>
  %1 = jx.scatter min %f[%idx], %fv, <update_window_dims = [],
           inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
           index_vector_dim = 1>
         : (tensor<4xf32>, tensor<2x1xi32>, tensor<2xf32>) -> tensor<4xf32>
  %2 = jx.scatter mul %i[%idx], %iv, <update_window_dims = [],
           inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
           index_vector_dim = 1>
         : (tensor<4xi64>, tensor<2x1xi32>, tensor<2xi64>) -> tensor<4xi64>
  return %0, %1, %2 : tensor<4xui32>, tensor<4xf32>, tensor<4xi64>
}
