// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// grad of sin(x) * x: cos(x) * x + sin(x).
func.func private @f(%x: tensor<f32>) -> tensor<f32> {
  %s = jx.sin %x : tensor<f32>
  %y = jx.mul %s, %x : tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = call @f.grad.ad(%[[A0]]) : (tensor<f32>) -> tensor<f32>
// CHECK-NEXT: return %[[V0]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = jx.sin %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.cos %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.mul %[[A0]], %[[V1]] : tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.add %[[V0]], %[[V2]] : tensor<f32>
// CHECK-NEXT: return %[[V3]] : tensor<f32>
// CHECK-NEXT: }

// -----

// jvp: tangents of exp and of a binary op with one zero tangent.
func.func private @f(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %e = jx.exp %x : tensor<3xf32>
  %r = jx.div %e, %y : tensor<3xf32>
  return %r : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %y: tensor<3xf32>, %tx: tensor<3xf32>, %ty: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %r, %t = jx.jvp @f(%x, %y, %tx, %ty) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %r, %t : tensor<3xf32>, tensor<3xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<3xf32>, %[[A1:.*]]: tensor<3xf32>, %[[A2:.*]]: tensor<3xf32>, %[[A3:.*]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// CHECK-NEXT: %[[V0:.*]]:2 = call @f.jvp.ad(%[[A0]], %[[A1]], %[[A2]], %[[A3]]) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : tensor<3xf32>, tensor<3xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<3xf32>, %[[A1:.*]]: tensor<3xf32>, %[[A2:.*]]: tensor<3xf32>, %[[A3:.*]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.exp %[[A0]] : tensor<3xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.mul %[[A2]], %[[V0]] : tensor<3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.div %[[V0]], %[[A1]] : tensor<3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.reciprocal %[[A1]] : tensor<3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.mul %[[V1]], %[[V3]] : tensor<3xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.div %[[V2]], %[[A1]] : tensor<3xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.neg %[[V5]] : tensor<3xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.mul %[[A3]], %[[V6]] : tensor<3xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.add %[[V4]], %[[V7]] : tensor<3xf32>
// CHECK-NEXT: return %[[V2]], %[[V8]] : tensor<3xf32>, tensor<3xf32>
// CHECK-NEXT: }

// -----

// max splits ties equally (JAX); select routes the cotangent.
func.func private @f(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %m = jx.max %x, %y : tensor<4xf32>
  %p = jx.compare GT, %x, %y : tensor<4xf32>
  %s = jx.select %p, %m, %y : tensor<4xi1>, tensor<4xf32>
  return %s : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %y: tensor<4xf32>, %ct: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %r:3 = jx.vjp @f(%x, %y, %ct) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1, %r#2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<4xf32>, %[[A1:.*]]: tensor<4xf32>, %[[A2:.*]]: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT: %[[V0:.*]]:3 = call @f.vjp.ad(%[[A0]], %[[A1]], %[[A2]]) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<4xf32>, %[[A1:.*]]: tensor<4xf32>, %[[A2:.*]]: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<5.000000e-01> : tensor<4xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.max %[[A0]], %[[A1]] : tensor<4xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.compare GT, %[[A0]], %[[A1]] : tensor<4xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.select %[[V3]], %[[V2]], %[[A1]] : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.select %[[V3]], %[[A2]], %[[V1]] : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.select %[[V3]], %[[V1]], %[[A2]] : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.convert %[[V3]] : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.compare EQ, %[[A0]], %[[A1]] : tensor<4xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.convert %[[V8]] : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.mul %[[V9]], %[[V0]] : tensor<4xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.add %[[V7]], %[[V10]] : tensor<4xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.mul %[[V5]], %[[V11]] : tensor<4xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.compare GT, %[[A1]], %[[A0]] : tensor<4xf32>
// CHECK-NEXT: %[[V14:.*]] = jx.convert %[[V13]] : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: %[[V15:.*]] = jx.compare EQ, %[[A1]], %[[A0]] : tensor<4xf32>
// CHECK-NEXT: %[[V16:.*]] = jx.convert %[[V15]] : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: %[[V17:.*]] = jx.mul %[[V16]], %[[V0]] : tensor<4xf32>
// CHECK-NEXT: %[[V18:.*]] = jx.add %[[V14]], %[[V17]] : tensor<4xf32>
// CHECK-NEXT: %[[V19:.*]] = jx.mul %[[V5]], %[[V18]] : tensor<4xf32>
// CHECK-NEXT: %[[V20:.*]] = jx.add %[[V6]], %[[V19]] : tensor<4xf32>
// CHECK-NEXT: return %[[V4]], %[[V12]], %[[V20]] : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT: }

// -----

// stop_gradient and integer paths give zero; convert f32 -> f64 converts back.
func.func private @f(%x: tensor<f32>, %i: tensor<i32>) -> tensor<f64> {
  %s = jx.stop_gradient %x : tensor<f32>
  %a = jx.add %s, %x : tensor<f32>
  %c = jx.convert %a : (tensor<f32>) -> tensor<f64>
  %ci = jx.convert %i : (tensor<i32>) -> tensor<f64>
  %r = jx.mul %c, %ci : tensor<f64>
  return %r : tensor<f64>
}
func.func @main(%x: tensor<f32>, %i: tensor<i32>) -> (tensor<f64>, tensor<f32>) {
  %v, %g = jx.value_and_grad @f(%x, %i) {argnums = array<i64: 0>} : (tensor<f32>, tensor<i32>) -> (tensor<f64>, tensor<f32>)
  return %v, %g : tensor<f64>, tensor<f32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<i32>) -> (tensor<f64>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]]:2 = call @f.value_and_grad.ad(%[[A0]], %[[A1]]) : (tensor<f32>, tensor<i32>) -> (tensor<f64>, tensor<f32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : tensor<f64>, tensor<f32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.value_and_grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<i32>) -> (tensor<f64>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.stop_gradient %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.add %[[V0]], %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.convert %[[V1]] : (tensor<f32>) -> tensor<f64>
// CHECK-NEXT: %[[V3:.*]] = jx.convert %[[A1]] : (tensor<i32>) -> tensor<f64>
// CHECK-NEXT: %[[V4:.*]] = jx.mul %[[V2]], %[[V3]] : tensor<f64>
// CHECK-NEXT: %[[V5:.*]] = jx.convert %[[V3]] : (tensor<f64>) -> tensor<f32>
// CHECK-NEXT: return %[[V4]], %[[V5]] : tensor<f64>, tensor<f32>
// CHECK-NEXT: }
