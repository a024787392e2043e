// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// cumulative prod, JVP: with the running zero count c, the running product
// P of the non-zero elements and inverse 1/x (0 at zeros),
// dy = P * ([c == 0] * cumsum(t / x) + [c == 1] * cumsum(t * [x == 0])).
func.func private @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = jx.cumulative prod %x, axis = 0 : tensor<4xf32>
  return %y : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %t: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %r:2 = jx.jvp @f(%x, %t) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<4xf32>, %[[A1:.*]]: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<4xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.cumulative prod %[[A0]], axis = 0 : tensor<4xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.compare EQ, %[[A0]], %[[V1]] : tensor<4xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.convert %[[V3]] : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.select %[[V3]], %[[V0]], %[[A0]] : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.reciprocal %[[V5]] : tensor<4xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.select %[[V3]], %[[V1]], %[[V6]] : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.cumulative prod %[[V5]], axis = 0 : tensor<4xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.cumulative sum %[[V4]], axis = 0 : tensor<4xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.compare EQ, %[[V9]], %[[V1]] : tensor<4xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.convert %[[V10]] : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.mul %[[V8]], %[[V11]] : tensor<4xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.compare EQ, %[[V9]], %[[V0]] : tensor<4xf32>
// CHECK-NEXT: %[[V14:.*]] = jx.convert %[[V13]] : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: %[[V15:.*]] = jx.mul %[[V8]], %[[V14]] : tensor<4xf32>
// CHECK-NEXT: %[[V16:.*]] = jx.mul %[[A1]], %[[V7]] : tensor<4xf32>
// CHECK-NEXT: %[[V17:.*]] = jx.cumulative sum %[[V16]], axis = 0 : tensor<4xf32>
// CHECK-NEXT: %[[V18:.*]] = jx.mul %[[A1]], %[[V4]] : tensor<4xf32>
// CHECK-NEXT: %[[V19:.*]] = jx.cumulative sum %[[V18]], axis = 0 : tensor<4xf32>
// CHECK-NEXT: %[[V20:.*]] = jx.mul %[[V12]], %[[V17]] : tensor<4xf32>
// CHECK-NEXT: %[[V21:.*]] = jx.mul %[[V15]], %[[V19]] : tensor<4xf32>
// CHECK-NEXT: %[[V22:.*]] = jx.add %[[V20]], %[[V21]] : tensor<4xf32>
// CHECK-NEXT: return %[[V2]], %[[V22]] : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT: }

// -----

// Reverse cumulative prod, VJP: the transpose sums over later outputs, so
// the cumulative sums run forward.
func.func private @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = jx.cumulative prod %x, axis = 1, reverse : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @main(%x: tensor<2x3xf32>, %ct: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %r:2 = jx.vjp @f(%x, %ct) : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %r#0, %r#1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2x3xf32>, %[[A1:.*]]: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.cumulative prod %[[A0]], axis = 1, reverse : tensor<2x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.compare EQ, %[[A0]], %[[V1]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.convert %[[V3]] : (tensor<2x3xi1>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.select %[[V3]], %[[V0]], %[[A0]] : tensor<2x3xi1>, tensor<2x3xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.reciprocal %[[V5]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.select %[[V3]], %[[V1]], %[[V6]] : tensor<2x3xi1>, tensor<2x3xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.cumulative prod %[[V5]], axis = 1, reverse : tensor<2x3xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.cumulative sum %[[V4]], axis = 1, reverse : tensor<2x3xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.compare EQ, %[[V9]], %[[V1]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.convert %[[V10]] : (tensor<2x3xi1>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.mul %[[V8]], %[[V11]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.compare EQ, %[[V9]], %[[V0]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V14:.*]] = jx.convert %[[V13]] : (tensor<2x3xi1>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V15:.*]] = jx.mul %[[V8]], %[[V14]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V16:.*]] = jx.mul %[[A1]], %[[V12]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V17:.*]] = jx.cumulative sum %[[V16]], axis = 1 : tensor<2x3xf32>
// CHECK-NEXT: %[[V18:.*]] = jx.mul %[[A1]], %[[V15]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V19:.*]] = jx.cumulative sum %[[V18]], axis = 1 : tensor<2x3xf32>
// CHECK-NEXT: %[[V20:.*]] = jx.mul %[[V17]], %[[V7]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V21:.*]] = jx.mul %[[V19]], %[[V4]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V22:.*]] = jx.add %[[V20]], %[[V21]] : tensor<2x3xf32>
// CHECK-NEXT: return %[[V2]], %[[V22]] : tensor<2x3xf32>, tensor<2x3xf32>
// CHECK-NEXT: }

// -----

// cumulative max, VJP: the winner of each output (the latest index in scan
// order whose element equals the running max: a running max of those
// indices) receives its cotangent through a scatter add.
func.func private @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = jx.cumulative max %x, axis = 1 : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @main(%x: tensor<2x3xf32>, %ct: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %r:2 = jx.vjp @f(%x, %ct) : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %r#0, %r#1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2x3xf32>, %[[A1:.*]]: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<-1> : tensor<2x3xi64>
// CHECK-NEXT: %[[V2:.*]] = jx.cumulative max %[[A0]], axis = 1 : tensor<2x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.iota dim = 1 : tensor<2x3xi64>
// CHECK-NEXT: %[[V4:.*]] = jx.compare EQ, %[[A0]], %[[V2]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.select %[[V4]], %[[V3]], %[[V1]] : tensor<2x3xi1>, tensor<2x3xi64>
// CHECK-NEXT: %[[V6:.*]] = jx.cumulative max %[[V5]], axis = 1 : tensor<2x3xi64>
// CHECK-NEXT: %[[V7:.*]] = jx.iota dim = 0 : tensor<2x3xi64>
// CHECK-NEXT: %[[V8:.*]] = jx.reshape %[[V7]] : (tensor<2x3xi64>) -> tensor<2x3x1xi64>
// CHECK-NEXT: %[[V9:.*]] = jx.reshape %[[V6]] : (tensor<2x3xi64>) -> tensor<2x3x1xi64>
// CHECK-NEXT: %[[V10:.*]] = jx.concatenate %[[V8]], %[[V9]] dim = 2 : (tensor<2x3x1xi64>, tensor<2x3x1xi64>) -> tensor<2x3x2xi64>
// CHECK-NEXT: %[[V11:.*]] = jx.scatter add %[[V0]][%[[V10]]], %[[A1]], <update_window_dims = [], inserted_window_dims = [0, 1], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 2> : (tensor<2x3xf32>, tensor<2x3x2xi64>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[V2]], %[[V11]] : tensor<2x3xf32>, tensor<2x3xf32>
// CHECK-NEXT: }

// -----

// Reverse cumulative min, JVP: the tangent gathered at the winners (a
// running min of their indices, scanning backwards), with a dynamic size.
func.func private @f(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = jx.cumulative min %x, axis = 0, reverse : tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @main(%x: tensor<?xf32>, %t: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %r:2 = jx.jvp @f(%x, %t) : (tensor<?xf32>, tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>)
  return %r#0, %r#1 : tensor<?xf32>, tensor<?xf32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<?xf32>, %[[A1:.*]]: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<4611686018427387904> : tensor<i64>
// CHECK-NEXT: %[[V1:.*]] = jx.cumulative min %[[A0]], axis = 0, reverse : tensor<?xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.dim %[[A0]], 0 : tensor<?xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.iota dim = 0, sizes(%[[V2]]) : tensor<?xi64>
// CHECK-NEXT: %[[V4:.*]] = jx.compare EQ, %[[A0]], %[[V1]] : tensor<?xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.dim %[[V3]], 0 : tensor<?xi64>
// CHECK-NEXT: %[[V6:.*]] = jx.broadcast_in_dim %[[V0]], dims = [], sizes(%[[V5]]) : (tensor<i64>) -> tensor<?xi64>
// CHECK-NEXT: %[[V7:.*]] = jx.select %[[V4]], %[[V3]], %[[V6]] : tensor<?xi1>, tensor<?xi64>
// CHECK-NEXT: %[[V8:.*]] = jx.cumulative min %[[V7]], axis = 0, reverse : tensor<?xi64>
// CHECK-NEXT: %[[V9:.*]] = jx.dim %[[V1]], 0 : tensor<?xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.reshape %[[V8]], sizes(%[[V9]]) : (tensor<?xi64>) -> tensor<?x1xi64>
// CHECK-NEXT: %[[V11:.*]] = jx.gather %[[A1]][%[[V10]]], <offset_dims = [], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1] : (tensor<?xf32>, tensor<?x1xi64>) -> tensor<?xf32>
// CHECK-NEXT: return %[[V1]], %[[V11]] : tensor<?xf32>, tensor<?xf32>
// CHECK-NEXT: }
