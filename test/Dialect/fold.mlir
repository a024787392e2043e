// RUN: jx-opt %s -split-input-file -canonicalize | FileCheck %s

// CHECK-LABEL: func @dim_of_static
func.func @dim_of_static(%x: tensor<3x?xf32>) -> (index, index) {
  // CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
  // CHECK-DAG: %[[D:.*]] = jx.dim %{{.*}}, 1 : tensor<3x?xf32>
  // CHECK: return %[[C3]], %[[D]]
  %0 = jx.dim %x, 0 : tensor<3x?xf32>
  %1 = jx.dim %x, 1 : tensor<3x?xf32>
  return %0, %1 : index, index
}

// -----

// CHECK-LABEL: func @identities
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
func.func @identities(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK-NOT: jx.
  // CHECK: return %[[X]], %[[X]], %[[X]], %[[X]]
  %0 = jx.convert %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = jx.transpose %x, perm = [0, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = jx.reshape %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = jx.broadcast_in_dim %x, dims = [0, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Dynamic broadcasts may stretch a size-1 dimension at run time: no fold.
// CHECK-LABEL: func @dynamic_broadcast_kept
func.func @dynamic_broadcast_kept(%x: tensor<?xf32>, %n: index) -> tensor<?xf32> {
  // CHECK: jx.broadcast_in_dim
  %0 = jx.broadcast_in_dim %x, dims = [0], sizes(%n) : (tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Constants are deduplicated and unused pure ops disappear.
// CHECK-LABEL: func @constants
func.func @constants(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: %[[C:.*]] = jx.constant dense<1.000000e+00> : tensor<2xf32>
  // CHECK-NOT: jx.constant
  // CHECK: jx.add %[[C]], %[[C]]
  // CHECK-NOT: jx.exp
  %a = jx.constant dense<1.0> : tensor<2xf32>
  %b = jx.constant dense<1.0> : tensor<2xf32>
  %unused = jx.exp %x : tensor<2xf32>
  %0 = jx.add %a, %b : tensor<2xf32>
  return %0 : tensor<2xf32>
}
