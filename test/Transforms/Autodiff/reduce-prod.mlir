// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// reduce prod: the cotangent times the product of the other elements, from
// exclusive cumulative products on both sides (pads shift in a 1), so a
// zero element needs no division.
func.func private @f(%x: tensor<4xf32>) -> tensor<f32> {
  %y = jx.reduce prod %x, dims = [0] : (tensor<4xf32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %g : tensor<4xf32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.pad %[[A0]], %[[V0]], low = [1], high = [-1], interior = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.cumulative prod %[[V1]], axis = 0 : tensor<4xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.pad %[[A0]], %[[V0]], low = [-1], high = [1], interior = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.cumulative prod %[[V3]], axis = 0, reverse : tensor<4xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.mul %[[V2]], %[[V4]] : tensor<4xf32>
// CHECK-NEXT: return %[[V5]] : tensor<4xf32>
// CHECK-NEXT: }

// -----

// Over two dims, the JVP: the others along dim 1, times (broadcast) the
// others along dim 0 of the row products.
func.func private @f(%x: tensor<2x3xf32>) -> tensor<f32> {
  %y = jx.reduce prod %x, dims = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<2x3xf32>, %t: tensor<2x3xf32>) -> (tensor<f32>, tensor<f32>) {
  %r:2 = jx.jvp @f(%x, %t) : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<f32>, tensor<f32>)
  return %r#0, %r#1 : tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2x3xf32>, %[[A1:.*]]: tensor<2x3xf32>) -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.reduce prod %[[A0]], dims = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.pad %[[A0]], %[[V0]], low = [0, 1], high = [0, -1], interior = [0, 0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.cumulative prod %[[V2]], axis = 1 : tensor<2x3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.pad %[[A0]], %[[V0]], low = [0, -1], high = [0, 1], interior = [0, 0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.cumulative prod %[[V4]], axis = 1, reverse : tensor<2x3xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.mul %[[V3]], %[[V5]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.reduce prod %[[A0]], dims = [1] : (tensor<2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.pad %[[V7]], %[[V0]], low = [1], high = [-1], interior = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.cumulative prod %[[V8]], axis = 0 : tensor<2xf32>
// CHECK-NEXT: %[[V10:.*]] = jx.pad %[[V7]], %[[V0]], low = [-1], high = [1], interior = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
// CHECK-NEXT: %[[V11:.*]] = jx.cumulative prod %[[V10]], axis = 0, reverse : tensor<2xf32>
// CHECK-NEXT: %[[V12:.*]] = jx.mul %[[V9]], %[[V11]] : tensor<2xf32>
// CHECK-NEXT: %[[V13:.*]] = jx.broadcast_in_dim %[[V12]], dims = [0] : (tensor<2xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V14:.*]] = jx.mul %[[V6]], %[[V13]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V15:.*]] = jx.mul %[[A1]], %[[V14]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V16:.*]] = jx.reduce sum %[[V15]], dims = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT: return %[[V1]], %[[V16]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }

// -----

// With a dynamic size: the pads and cumulative products keep the `?`.
func.func private @f(%x: tensor<?x3xf32>) -> tensor<?xf32> {
  %y = jx.reduce prod %x, dims = [1] : (tensor<?x3xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @main(%x: tensor<?x3xf32>, %ct: tensor<?xf32>) -> (tensor<?xf32>, tensor<?x3xf32>) {
  %r:2 = jx.vjp @f(%x, %ct) : (tensor<?x3xf32>, tensor<?xf32>) -> (tensor<?xf32>, tensor<?x3xf32>)
  return %r#0, %r#1 : tensor<?xf32>, tensor<?x3xf32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<?x3xf32>, %[[A1:.*]]: tensor<?xf32>) -> (tensor<?xf32>, tensor<?x3xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.reduce prod %[[A0]], dims = [1] : (tensor<?x3xf32>) -> tensor<?xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.dim %[[A0]], 0 : tensor<?x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.broadcast_in_dim %[[A1]], dims = [0], sizes(%[[V2]]) : (tensor<?xf32>) -> tensor<?x3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.pad %[[A0]], %[[V0]], low = [0, 1], high = [0, -1], interior = [0, 0] : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.cumulative prod %[[V4]], axis = 1 : tensor<?x3xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.pad %[[A0]], %[[V0]], low = [0, -1], high = [0, 1], interior = [0, 0] : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.cumulative prod %[[V6]], axis = 1, reverse : tensor<?x3xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.mul %[[V5]], %[[V7]] : tensor<?x3xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.mul %[[V3]], %[[V8]] : tensor<?x3xf32>
// CHECK-NEXT: return %[[V1]], %[[V9]] : tensor<?xf32>, tensor<?x3xf32>
// CHECK-NEXT: }

// -----

// Bool reductions (any/all are reduce or/and) carry no tangent: no rule
// runs and nothing fails.
func.func private @f(%x: tensor<4xf32>) -> tensor<f32> {
  %z = jx.constant dense<0.0> : tensor<4xf32>
  %p = jx.compare GT, %x, %z : tensor<4xf32>
  %any = jx.reduce or %p, dims = [0] : (tensor<4xi1>) -> tensor<i1>
  %all = jx.reduce and %p, dims = [0] : (tensor<4xi1>) -> tensor<i1>
  %both = jx.and %any, %all : tensor<i1>
  %s = jx.reduce sum %x, dims = [0] : (tensor<4xf32>) -> tensor<f32>
  %zero = jx.constant dense<0.0> : tensor<f32>
  %r = jx.select %both, %s, %zero : tensor<i1>, tensor<f32>
  return %r : tensor<f32>
}
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %g : tensor<4xf32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.compare GT, %[[A0]], %[[V2]] : tensor<4xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.reduce or %[[V3]], dims = [0] : (tensor<4xi1>) -> tensor<i1>
// CHECK-NEXT: %[[V5:.*]] = jx.reduce and %[[V3]], dims = [0] : (tensor<4xi1>) -> tensor<i1>
// CHECK-NEXT: %[[V6:.*]] = jx.and %[[V4]], %[[V5]] : tensor<i1>
// CHECK-NEXT: %[[V7:.*]] = jx.select %[[V6]], %[[V0]], %[[V1]] : tensor<i1>, tensor<f32>
// CHECK-NEXT: %[[V8:.*]] = jx.broadcast_in_dim %[[V7]], dims = [] : (tensor<f32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[V8]] : tensor<4xf32>
// CHECK-NEXT: }
