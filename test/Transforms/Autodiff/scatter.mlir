// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// scatter mul, JVP: linear in the operand (the same scatter mul of its
// tangent); in the updates, x times the other updates at the position,
// from the zero count of the updates there (no division by a zero).
func.func private @f(%x: tensor<5xf32>, %i: tensor<3xi32>, %u: tensor<3xf32>) -> tensor<5xf32> {
  %y = jx.scatter mul %x[%i], %u, <update_window_dims = [], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
  return %y : tensor<5xf32>
}
func.func @main(%x: tensor<5xf32>, %i: tensor<3xi32>, %u: tensor<3xf32>, %tx: tensor<5xf32>, %ti: tensor<3xi32>, %tu: tensor<3xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %r:2 = jx.jvp @f(%x, %i, %u, %tx, %ti, %tu) : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>, tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> (tensor<5xf32>, tensor<5xf32>)
  return %r#0, %r#1 : tensor<5xf32>, tensor<5xf32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<5xf32>, %[[A1:.*]]: tensor<3xi32>, %[[A2:.*]]: tensor<3xf32>, %[[A3:.*]]: tensor<5xf32>, %[[A4:.*]]: tensor<3xi32>, %[[A5:.*]]: tensor<3xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<1.000000e+00> : tensor<5xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.constant dense<1.000000e+00> : tensor<3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.scatter mul %[[A0]][%[[A1]]], %[[A2]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.scatter mul %[[A3]][%[[A1]]], %[[A2]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.compare EQ, %[[A2]], %[[V3]] : tensor<3xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.convert %[[V6]] : (tensor<3xi1>) -> tensor<3xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.select %[[V6]], %[[V2]], %[[A2]] : tensor<3xi1>, tensor<3xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.reciprocal %[[V8]] : tensor<3xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.select %[[V6]], %[[V3]], %[[V9]] : tensor<3xi1>, tensor<3xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.scatter mul %[[V1]][%[[A1]]], %[[V8]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.scatter add %[[V0]][%[[A1]]], %[[V7]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.mul %[[A0]], %[[V11]] : tensor<5xf32>
// CHECK-NEXT: %[[V14:.*]] = jx.compare EQ, %[[V12]], %[[V0]] : tensor<5xf32>
// CHECK-NEXT: %[[V15:.*]] = jx.convert %[[V14]] : (tensor<5xi1>) -> tensor<5xf32>
// CHECK-NEXT: %[[V16:.*]] = jx.mul %[[V13]], %[[V15]] : tensor<5xf32>
// CHECK-NEXT: %[[V17:.*]] = jx.compare EQ, %[[V12]], %[[V1]] : tensor<5xf32>
// CHECK-NEXT: %[[V18:.*]] = jx.convert %[[V17]] : (tensor<5xi1>) -> tensor<5xf32>
// CHECK-NEXT: %[[V19:.*]] = jx.mul %[[V13]], %[[V18]] : tensor<5xf32>
// CHECK-NEXT: %[[V20:.*]] = jx.mul %[[A5]], %[[V10]] : tensor<3xf32>
// CHECK-NEXT: %[[V21:.*]] = jx.scatter add %[[V0]][%[[A1]]], %[[V20]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V22:.*]] = jx.mul %[[A5]], %[[V7]] : tensor<3xf32>
// CHECK-NEXT: %[[V23:.*]] = jx.scatter add %[[V0]][%[[A1]]], %[[V22]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V24:.*]] = jx.mul %[[V16]], %[[V21]] : tensor<5xf32>
// CHECK-NEXT: %[[V25:.*]] = jx.mul %[[V19]], %[[V23]] : tensor<5xf32>
// CHECK-NEXT: %[[V26:.*]] = jx.add %[[V24]], %[[V25]] : tensor<5xf32>
// CHECK-NEXT: %[[V27:.*]] = jx.add %[[V5]], %[[V26]] : tensor<5xf32>
// CHECK-NEXT: return %[[V4]], %[[V27]] : tensor<5xf32>, tensor<5xf32>
// CHECK-NEXT: }

// -----

// scatter mul, VJP: the updates' cotangent gathers ct * x * (product of
// the non-zero updates) where no (one) update there is zero, times 1/u
// (the zero indicator).
func.func private @f(%x: tensor<5xf32>, %u: tensor<3xf32>) -> tensor<f32> {
  %i = jx.constant dense<[0, 2, 2]> : tensor<3xi32>
  %y = jx.scatter mul %x[%i], %u, <update_window_dims = [], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
  %s = jx.reduce sum %y, dims = [0] : (tensor<5xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<5xf32>, %u: tensor<3xf32>) -> (tensor<5xf32>, tensor<3xf32>) {
  %g:2 = jx.grad @f(%x, %u) {argnums = array<i64: 0, 1>} : (tensor<5xf32>, tensor<3xf32>) -> (tensor<5xf32>, tensor<3xf32>)
  return %g#0, %g#1 : tensor<5xf32>, tensor<3xf32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<5xf32>, %[[A1:.*]]: tensor<3xf32>) -> (tensor<5xf32>, tensor<3xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<1.000000e+00> : tensor<5xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.constant dense<1.000000e+00> : tensor<3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V5:.*]] = jx.constant dense<[0, 2, 2]> : tensor<3xi32>
// CHECK-NEXT: %[[V6:.*]] = jx.broadcast_in_dim %[[V4]], dims = [] : (tensor<f32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.scatter mul %[[V6]][%[[V5]]], %[[A1]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.compare EQ, %[[A1]], %[[V3]] : tensor<3xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.convert %[[V8]] : (tensor<3xi1>) -> tensor<3xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.select %[[V8]], %[[V2]], %[[A1]] : tensor<3xi1>, tensor<3xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.reciprocal %[[V10]] : tensor<3xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.select %[[V8]], %[[V3]], %[[V11]] : tensor<3xi1>, tensor<3xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.scatter mul %[[V1]][%[[V5]]], %[[V10]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V14:.*]] = jx.scatter add %[[V0]][%[[V5]]], %[[V9]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V15:.*]] = jx.mul %[[A0]], %[[V13]] : tensor<5xf32>
// CHECK-NEXT: %[[V16:.*]] = jx.compare EQ, %[[V14]], %[[V0]] : tensor<5xf32>
// CHECK-NEXT: %[[V17:.*]] = jx.convert %[[V16]] : (tensor<5xi1>) -> tensor<5xf32>
// CHECK-NEXT: %[[V18:.*]] = jx.mul %[[V15]], %[[V17]] : tensor<5xf32>
// CHECK-NEXT: %[[V19:.*]] = jx.compare EQ, %[[V14]], %[[V1]] : tensor<5xf32>
// CHECK-NEXT: %[[V20:.*]] = jx.convert %[[V19]] : (tensor<5xi1>) -> tensor<5xf32>
// CHECK-NEXT: %[[V21:.*]] = jx.mul %[[V15]], %[[V20]] : tensor<5xf32>
// CHECK-NEXT: %[[V22:.*]] = jx.gather %[[V18]][%[[V5]]], <offset_dims = [], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1] : (tensor<5xf32>, tensor<3xi32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V23:.*]] = jx.gather %[[V21]][%[[V5]]], <offset_dims = [], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1] : (tensor<5xf32>, tensor<3xi32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V24:.*]] = jx.mul %[[V22]], %[[V12]] : tensor<3xf32>
// CHECK-NEXT: %[[V25:.*]] = jx.mul %[[V23]], %[[V9]] : tensor<3xf32>
// CHECK-NEXT: %[[V26:.*]] = jx.add %[[V24]], %[[V25]] : tensor<3xf32>
// CHECK-NEXT: return %[[V7]], %[[V26]] : tensor<5xf32>, tensor<3xf32>
// CHECK-NEXT: }

// -----

// scatter max, VJP (JAX): the operand element equal to the result and the
// updates equal to it share the cotangent equally (ct / count), 2-D windows.
func.func private @f(%x: tensor<4x2xf32>, %u: tensor<3x2xf32>) -> tensor<f32> {
  %i = jx.constant dense<[1, 3, 1]> : tensor<3xi32>
  %y = jx.scatter max %x[%i], %u, <update_window_dims = [1], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<4x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %s = jx.reduce sum %y, dims = [0, 1] : (tensor<4x2xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<4x2xf32>, %u: tensor<3x2xf32>) -> (tensor<4x2xf32>, tensor<3x2xf32>) {
  %g:2 = jx.grad @f(%x, %u) {argnums = array<i64: 0, 1>} : (tensor<4x2xf32>, tensor<3x2xf32>) -> (tensor<4x2xf32>, tensor<3x2xf32>)
  return %g#0, %g#1 : tensor<4x2xf32>, tensor<3x2xf32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<4x2xf32>, %[[A1:.*]]: tensor<3x2xf32>) -> (tensor<4x2xf32>, tensor<3x2xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<4x2xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.constant dense<[1, 3, 1]> : tensor<3xi32>
// CHECK-NEXT: %[[V3:.*]] = jx.scatter max %[[A0]][%[[V2]]], %[[A1]], <update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<4x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.broadcast_in_dim %[[V1]], dims = [] : (tensor<f32>) -> tensor<4x2xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.gather %[[V3]][%[[V2]]], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1, 2] : (tensor<4x2xf32>, tensor<3xi32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.compare EQ, %[[A0]], %[[V3]] : tensor<4x2xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.convert %[[V6]] : (tensor<4x2xi1>) -> tensor<4x2xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.compare EQ, %[[A1]], %[[V5]] : tensor<3x2xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.convert %[[V8]] : (tensor<3x2xi1>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.scatter add %[[V0]][%[[V2]]], %[[V9]], <update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<4x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.add %[[V7]], %[[V10]] : tensor<4x2xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.div %[[V4]], %[[V11]] : tensor<4x2xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.gather %[[V12]][%[[V2]]], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1, 2] : (tensor<4x2xf32>, tensor<3xi32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[V14:.*]] = jx.mul %[[V13]], %[[V9]] : tensor<3x2xf32>
// CHECK-NEXT: %[[V15:.*]] = jx.mul %[[V12]], %[[V7]] : tensor<4x2xf32>
// CHECK-NEXT: return %[[V15]], %[[V14]] : tensor<4x2xf32>, tensor<3x2xf32>
// CHECK-NEXT: }

// -----

// scatter min, JVP with a tangent for the updates only.
func.func private @f(%u: tensor<3xf32>) -> tensor<5xf32> {
  %x = jx.constant dense<1.0> : tensor<5xf32>
  %i = jx.constant dense<[4, 0, 4]> : tensor<3xi32>
  %y = jx.scatter min %x[%i], %u, <update_window_dims = [], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
  return %y : tensor<5xf32>
}
func.func @main(%u: tensor<3xf32>, %t: tensor<3xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %r:2 = jx.jvp @f(%u, %t) : (tensor<3xf32>, tensor<3xf32>) -> (tensor<5xf32>, tensor<5xf32>)
  return %r#0, %r#1 : tensor<5xf32>, tensor<5xf32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<3xf32>, %[[A1:.*]]: tensor<3xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<1.000000e+00> : tensor<5xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.constant dense<[4, 0, 4]> : tensor<3xi32>
// CHECK-NEXT: %[[V3:.*]] = jx.scatter min %[[V1]][%[[V2]]], %[[A0]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.gather %[[V3]][%[[V2]]], <offset_dims = [], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = [1] : (tensor<5xf32>, tensor<3xi32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.compare EQ, %[[V1]], %[[V3]] : tensor<5xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.convert %[[V5]] : (tensor<5xi1>) -> tensor<5xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.compare EQ, %[[A0]], %[[V4]] : tensor<3xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.convert %[[V7]] : (tensor<3xi1>) -> tensor<3xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.scatter add %[[V0]][%[[V2]]], %[[V8]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.add %[[V6]], %[[V9]] : tensor<5xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.mul %[[A1]], %[[V8]] : tensor<3xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.scatter add %[[V0]][%[[V2]]], %[[V11]], <update_window_dims = [], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.div %[[V12]], %[[V10]] : tensor<5xf32>
// CHECK-NEXT: return %[[V3]], %[[V13]] : tensor<5xf32>, tensor<5xf32>
// CHECK-NEXT: }
