// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// Starts are clamped into [0, size - slice_size] as in XLA.
// CHECK-LABEL: func.func @dynamic_slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>, %[[I:.*]]: tensor<i32>, %[[J:.*]]: tensor<i64>)
// CHECK: %[[IE:.*]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK: %[[II:.*]] = arith.index_cast %[[IE]] : i32 to index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[IMIN:.*]] = arith.minsi %[[II]], %[[C2]] : index
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[OI:.*]] = arith.maxsi %[[IMIN]], %[[C0]] : index
// CHECK: %[[JE:.*]] = tensor.extract %[[J]][] : tensor<i64>
// CHECK: %[[JI:.*]] = arith.index_cast %[[JE]] : i64 to index
// CHECK: %[[JMIN:.*]] = arith.minsi %[[JI]], %{{.*}} : index
// CHECK: %[[OJ:.*]] = arith.maxsi %[[JMIN]], %{{.*}} : index
// CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][%[[OI]], %[[OJ]]] [2, 2] [1, 1] : tensor<4x4xf32> to tensor<2x2xf32>
// CHECK: return %[[S]]
func.func @dynamic_slice(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<2x2xf32> {
  %0 = jx.dynamic_slice %x[%i, %j], slice_sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// A dynamic operand and slice size; a ui32 start is zero-extended.
// CHECK-LABEL: func.func @dynamic_slice_dynamic
// CHECK-SAME: (%[[Y:.*]]: tensor<?xf32>, %[[I:.*]]: tensor<i32>, %[[M:.*]]: index)
// CHECK: %[[D:.*]] = tensor.dim %[[Y]], %{{.*}} : tensor<?xf32>
// CHECK: %[[IE:.*]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK: %[[II:.*]] = arith.index_castui %[[IE]] : i32 to index
// CHECK: %[[LIMIT:.*]] = arith.subi %[[D]], %[[M]] : index
// CHECK: %[[MIN:.*]] = arith.minsi %[[II]], %[[LIMIT]] : index
// CHECK: %[[OFF:.*]] = arith.maxsi %[[MIN]], %{{.*}} : index
// CHECK: tensor.extract_slice %[[Y]][%[[OFF]]] [%[[M]]] [1] : tensor<?xf32> to tensor<?xf32>
func.func @dynamic_slice_dynamic(%y: tensor<?xf32>, %i: tensor<ui32>, %m: index) -> tensor<?xf32> {
  %0 = jx.dynamic_slice %y[%i], slice_sizes = [-1], sizes(%m) : (tensor<?xf32>, tensor<ui32>, index) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_update_slice
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>, %[[U:.*]]: tensor<2xf32>, %[[I:.*]]: tensor<i32>)
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?xf32>
// CHECK: %[[IE:.*]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK: %[[II:.*]] = arith.index_cast %[[IE]] : i32 to index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[LIMIT:.*]] = arith.subi %[[D]], %[[C2]] : index
// CHECK: %[[MIN:.*]] = arith.minsi %[[II]], %[[LIMIT]] : index
// CHECK: %[[OFF:.*]] = arith.maxsi %[[MIN]], %{{.*}} : index
// CHECK: %[[R:.*]] = tensor.insert_slice %[[U]] into %[[X]][%[[OFF]]] [2] [1] : tensor<2xf32> into tensor<?xf32>
// CHECK: return %[[R]]
func.func @dynamic_update_slice(%x: tensor<?xf32>, %u: tensor<2xf32>, %i: tensor<i32>) -> tensor<?xf32> {
  %0 = jx.dynamic_update_slice %x[%i], %u : (tensor<?xf32>, tensor<2xf32>, tensor<i32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Sizes as values: dim, from_index, to_index.
// CHECK-LABEL: func.func @sizes
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x4xf32>
// CHECK: %[[W:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK: %[[T:.*]] = tensor.from_elements %[[W]] : tensor<i64>
// CHECK: %[[E:.*]] = tensor.extract %[[T]][] : tensor<i64>
// CHECK: %[[K:.*]] = arith.index_cast %[[E]] : i64 to index
// CHECK: return %[[T]], %[[K]] : tensor<i64>, index
func.func @sizes(%x: tensor<?x4xf32>) -> (tensor<i64>, index) {
  %n = jx.dim %x, 0 : tensor<?x4xf32>
  %t = jx.from_index %n : tensor<i64>
  %k = jx.to_index %t : tensor<i64>
  return %t, %k : tensor<i64>, index
}

// -----

// from_index truncates to 32 bits.
// CHECK-LABEL: func.func @from_index_i32
// CHECK: arith.index_cast %{{.*}} : index to i32
// CHECK: tensor.from_elements %{{.*}} : tensor<i32>
func.func @from_index_i32(%n: index) -> tensor<i32> {
  %t = jx.from_index %n : tensor<i32>
  return %t : tensor<i32>
}
