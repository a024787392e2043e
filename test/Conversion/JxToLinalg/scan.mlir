// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// jx.scan: scf.for over the steps with the carry and the stacked output as
// iter_args. Step t extracts xs[t] (a rank-reducing extract_slice), runs the
// body in an scf.execute_region and inserts ys[t].
// CHECK-LABEL: func.func @cumsum
// CHECK-SAME: (%[[C0:.*]]: tensor<f32>, %[[XS:.*]]: tensor<5xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[LEN:.*]] = arith.constant 5 : index
// CHECK: %[[YS0:.*]] = tensor.empty() : tensor<5xf32>
// CHECK: %[[R:.*]]:2 = scf.for %[[T:.*]] = %[[ZERO]] to %[[LEN]] step %[[ONE]] iter_args(%[[C:.*]] = %[[C0]], %[[YS:.*]] = %[[YS0]]) -> (tensor<f32>, tensor<5xf32>) {
// CHECK: %[[X:.*]] = tensor.extract_slice %[[XS]][%[[T]]] [1] [1] : tensor<5xf32> to tensor<f32>
// CHECK: %[[B:.*]]:2 = scf.execute_region -> (tensor<f32>, tensor<f32>) {
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%[[C]], %[[X]] : tensor<f32>, tensor<f32>)
// CHECK: scf.yield %[[S]], %[[S]] : tensor<f32>, tensor<f32>
// CHECK: }
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[B]]#1 into %[[YS]][%[[T]]] [1] [1] : tensor<f32> into tensor<5xf32>
// CHECK: scf.yield %[[B]]#0, %[[INS]] : tensor<f32>, tensor<5xf32>
// CHECK: }
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @cumsum(%c0: tensor<f32>, %xs: tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
  %c, %ys = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<5xf32>)
      -> (tensor<f32>, tensor<5xf32>) {
  ^bb0(%acc: tensor<f32>, %x: tensor<f32>):
    %s = jx.add %acc, %x : tensor<f32>
    jx.yield %s, %s : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<5xf32>
}

// -----

// reverse with a dynamic length: step t = n - 1 - iv for both the xs slice
// and the ys slice; slices of a matrix keep their dynamic row size.
// CHECK-LABEL: func.func @reverse_dynamic
// CHECK-SAME: (%[[XS:.*]]: tensor<?x3xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : index
// CHECK: %[[N:.*]] = tensor.dim %[[XS]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[YS0:.*]] = tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK: %[[LAST:.*]] = arith.subi %[[N]], %[[ONE]] : index
// CHECK: scf.for %[[IV:.*]] = %[[ZERO]] to %[[N]] step %[[ONE]] iter_args(%[[YS:.*]] = %[[YS0]]) -> (tensor<?x3xf32>) {
// CHECK: %[[T:.*]] = arith.subi %[[LAST]], %[[IV]] : index
// CHECK: %[[X:.*]] = tensor.extract_slice %[[XS]][%[[T]], 0] [1, 3] [1, 1] : tensor<?x3xf32> to tensor<3xf32>
// CHECK: %[[B:.*]] = scf.execute_region -> tensor<3xf32> {
// CHECK: scf.yield %{{.*}} : tensor<3xf32>
// CHECK: }
// CHECK: tensor.insert_slice %[[B]] into %[[YS]][%[[T]], 0] [1, 3] [1, 1] : tensor<3xf32> into tensor<?x3xf32>
func.func @reverse_dynamic(%xs: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %ys = jx.scan xs(%xs : tensor<?x3xf32>) reverse -> (tensor<?x3xf32>) {
  ^bb0(%x: tensor<3xf32>):
    %y = jx.add %x, %x : tensor<3xf32>
    jx.yield %y : tensor<3xf32>
  }
  return %ys : tensor<?x3xf32>
}

// -----

// No xs: the length attribute bounds the loop; ui32 carries and outputs
// become i32.
// CHECK-LABEL: func.func @no_xs_ui32
// CHECK-SAME: (%[[C0:.*]]: tensor<i32>) -> (tensor<i32>, tensor<4xi32>)
// CHECK-DAG: %[[LEN:.*]] = arith.constant 4 : index
// CHECK: %[[YS0:.*]] = tensor.empty() : tensor<4xi32>
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[LEN]] step %{{.*}} iter_args(%[[C:.*]] = %[[C0]], %{{.*}} = %[[YS0]]) -> (tensor<i32>, tensor<4xi32>)
// CHECK: scf.execute_region -> (tensor<i32>, tensor<i32>)
// CHECK: scf.yield %[[C]], %[[C]] : tensor<i32>, tensor<i32>
func.func @no_xs_ui32(%c0: tensor<ui32>) -> (tensor<ui32>, tensor<4xui32>) {
  %c, %ys = jx.scan init(%c0 : tensor<ui32>) attributes {length = 4 : i64}
      -> (tensor<ui32>, tensor<4xui32>) {
  ^bb0(%v: tensor<ui32>):
    jx.yield %v, %v : tensor<ui32>, tensor<ui32>
  }
  return %c, %ys : tensor<ui32>, tensor<4xui32>
}

// -----

// A stacked output with a dynamic inner size is allocated at step 0 from the
// first y slice (its size is only known from the body).
// CHECK-LABEL: func.func @dynamic_inner
// CHECK-SAME: (%[[XS:.*]]: tensor<5x?xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[LEN:.*]] = arith.constant 5 : index
// CHECK: %[[YS0:.*]] = tensor.empty(%[[ZERO]]) : tensor<5x?xf32>
// CHECK: scf.for %[[IV:.*]] = %[[ZERO]] to %[[LEN]] step %{{.*}} iter_args(%[[YS:.*]] = %[[YS0]]) -> (tensor<5x?xf32>) {
// CHECK: %[[M:.*]] = tensor.dim %[[XS]], %{{.*}} : tensor<5x?xf32>
// CHECK: %[[X:.*]] = tensor.extract_slice %[[XS]][%[[IV]], 0] [1, %[[M]]] [1, 1] : tensor<5x?xf32> to tensor<?xf32>
// CHECK: %[[Y:.*]] = scf.execute_region -> tensor<?xf32> {
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[IV]], %[[ZERO]] : index
// CHECK: %[[DEST:.*]] = scf.if %[[FIRST]] -> (tensor<5x?xf32>) {
// CHECK: %[[YM:.*]] = tensor.dim %[[Y]], %{{.*}} : tensor<?xf32>
// CHECK: %[[NEW:.*]] = tensor.empty(%[[YM]]) : tensor<5x?xf32>
// CHECK: scf.yield %[[NEW]] : tensor<5x?xf32>
// CHECK: } else {
// CHECK: scf.yield %[[YS]] : tensor<5x?xf32>
// CHECK: }
// CHECK: %[[YM2:.*]] = tensor.dim %[[Y]], %{{.*}} : tensor<?xf32>
// CHECK: tensor.insert_slice %[[Y]] into %[[DEST]][%[[IV]], 0] [1, %[[YM2]]] [1, 1] : tensor<?xf32> into tensor<5x?xf32>
func.func @dynamic_inner(%xs: tensor<5x?xf32>) -> tensor<5x?xf32> {
  %ys = jx.scan xs(%xs : tensor<5x?xf32>) -> (tensor<5x?xf32>) {
  ^bb0(%x: tensor<?xf32>):
    %y = jx.add %x, %x : tensor<?xf32>
    jx.yield %y : tensor<?xf32>
  }
  return %ys : tensor<5x?xf32>
}
