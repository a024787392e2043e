// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// rem (C fmod): d/dx = 1, d/dy = -trunc(x / y) = -(sign(q) * floor(|q|)).
func.func private @f(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<f32> {
  %r = jx.rem %x, %y : tensor<3xf32>
  %s = jx.reduce sum %r, dims = [0] : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %g:2 = jx.grad @f(%x, %y) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %g#0, %g#1 : tensor<3xf32>, tensor<3xf32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<3xf32>, %[[A1:.*]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.broadcast_in_dim %[[V0]], dims = [] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.div %[[A0]], %[[A1]] : tensor<3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.sign %[[V2]] : tensor<3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.abs %[[V2]] : tensor<3xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.floor %[[V4]] : tensor<3xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.mul %[[V3]], %[[V5]] : tensor<3xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.neg %[[V6]] : tensor<3xf32>
// CHECK-NEXT: return %[[V1]], %[[V7]] : tensor<3xf32>, tensor<3xf32>
// CHECK-NEXT: }

// -----

// The JVP: tx - trunc(x / y) * ty.
func.func private @f(%x: tensor<f64>, %y: tensor<f64>) -> tensor<f64> {
  %r = jx.rem %x, %y : tensor<f64>
  return %r : tensor<f64>
}
func.func @main(%x: tensor<f64>, %y: tensor<f64>, %tx: tensor<f64>, %ty: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %r:2 = jx.jvp @f(%x, %y, %tx, %ty) : (tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>) -> (tensor<f64>, tensor<f64>)
  return %r#0, %r#1 : tensor<f64>, tensor<f64>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f64>, %[[A1:.*]]: tensor<f64>, %[[A2:.*]]: tensor<f64>, %[[A3:.*]]: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
// CHECK-NEXT: %[[V0:.*]] = jx.rem %[[A0]], %[[A1]] : tensor<f64>
// CHECK-NEXT: %[[V1:.*]] = jx.div %[[A0]], %[[A1]] : tensor<f64>
// CHECK-NEXT: %[[V2:.*]] = jx.sign %[[V1]] : tensor<f64>
// CHECK-NEXT: %[[V3:.*]] = jx.abs %[[V1]] : tensor<f64>
// CHECK-NEXT: %[[V4:.*]] = jx.floor %[[V3]] : tensor<f64>
// CHECK-NEXT: %[[V5:.*]] = jx.mul %[[V2]], %[[V4]] : tensor<f64>
// CHECK-NEXT: %[[V6:.*]] = jx.neg %[[V5]] : tensor<f64>
// CHECK-NEXT: %[[V7:.*]] = jx.mul %[[A3]], %[[V6]] : tensor<f64>
// CHECK-NEXT: %[[V8:.*]] = jx.add %[[A2]], %[[V7]] : tensor<f64>
// CHECK-NEXT: return %[[V0]], %[[V8]] : tensor<f64>, tensor<f64>
// CHECK-NEXT: }
