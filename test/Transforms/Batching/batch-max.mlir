// RUN: jx-opt %s -jx-expand-vmap | FileCheck %s

// jx.batch_max of a batched value is the maximum over the batch dimension,
// no longer batched: here it sizes an iota that every element shares, and
// each element compares its own count against it.

func.func private @f(%n: tensor<i64>) -> tensor<?xi1> {
  %m = jx.batch_max %n : tensor<i64>
  %k = jx.to_index %m : tensor<i64>
  %steps = jx.iota dim = 0, sizes(%k) : tensor<?xi64>
  %b = jx.broadcast_in_dim %n, dims = [], sizes(%k) : (tensor<i64>) -> tensor<?xi64>
  %live = jx.compare LT, %steps, %b : tensor<?xi64>
  return %live : tensor<?xi1>
}

// CHECK-LABEL: func.func private @f.vmap
// CHECK-SAME: (%[[N:.*]]: tensor<3xi64>) -> tensor<3x?xi1>
// CHECK-NEXT: %[[M:.*]] = jx.reduce max %[[N]], dims = [0] : (tensor<3xi64>) -> tensor<i64>
// CHECK-NEXT: %[[K:.*]] = jx.to_index %[[M]] : tensor<i64>
// CHECK-NEXT: %[[STEPS:.*]] = jx.iota dim = 0, sizes(%[[K]]) : tensor<?xi64>
// CHECK-NEXT: %[[B:.*]] = jx.broadcast_in_dim %[[N]], dims = [0], sizes(%[[K]]) : (tensor<3xi64>) -> tensor<3x?xi64>
// CHECK: %[[S:.*]] = jx.broadcast_in_dim %[[STEPS]], dims = [1]
// CHECK-NEXT: jx.compare LT, %[[S]], %[[B]] : tensor<3x?xi64>

func.func @main(%ns: tensor<3xi64>) -> tensor<3x?xi1> {
  %0 = jx.vmap @f(%ns) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3xi64>) -> tensor<3x?xi1>
  return %0 : tensor<3x?xi1>
}
