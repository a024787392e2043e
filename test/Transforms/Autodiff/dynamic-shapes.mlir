// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// slice of a `?` dimension, VJP: the high padding is unknown, so the
// cotangent (spread by its stride with interior padding) is written at the
// start into zeros with dynamic_update_slice.
func.func private @f(%x: tensor<?xf32>) -> tensor<f32> {
  %y = jx.slice %x, start = [1], limit = [6], stride = [2] : (tensor<?xf32>) -> tensor<3xf32>
  %s = jx.reduce sum %y, dims = [0] : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<?xf32>) -> tensor<?xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<?xf32>) -> tensor<?xf32>
  return %g : tensor<?xf32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<?xf32>) -> tensor<?xf32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<1> : tensor<i64>
// CHECK-NEXT: %[[V2:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.broadcast_in_dim %[[V2]], dims = [] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.pad %[[V3]], %[[V0]], low = [0], high = [0], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.dim %[[A0]], 0 : tensor<?xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.broadcast_in_dim %[[V0]], dims = [], sizes(%[[V5]]) : (tensor<f32>) -> tensor<?xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.dynamic_update_slice %[[V6]][%[[V1]]], %[[V4]] : (tensor<?xf32>, tensor<5xf32>, tensor<i64>) -> tensor<?xf32>
// CHECK-NEXT: return %[[V7]] : tensor<?xf32>
// CHECK-NEXT: }

// -----

// pad with negative edges, VJP (JAX's transpose): a pad by the negated
// edges (zeros where the operand was cut), then every (interior + 1)-th
// element by a static strided slice.
func.func private @f(%x: tensor<4xf32>, %p: tensor<f32>) -> tensor<8xf32> {
  %y = jx.pad %x, %p, low = [-1], high = [3], interior = [1] : (tensor<4xf32>, tensor<f32>) -> tensor<9xf32>
  %z = jx.slice %y, start = [0], limit = [8], stride = [1] : (tensor<9xf32>) -> tensor<8xf32>
  return %z : tensor<8xf32>
}
func.func @main(%x: tensor<4xf32>, %p: tensor<f32>, %ct: tensor<8xf32>) -> (tensor<8xf32>, tensor<4xf32>, tensor<f32>) {
  %r:3 = jx.vjp @f(%x, %p, %ct) : (tensor<4xf32>, tensor<f32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<4xf32>, tensor<f32>)
  return %r#0, %r#1, %r#2 : tensor<8xf32>, tensor<4xf32>, tensor<f32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<4xf32>, %[[A1:.*]]: tensor<f32>, %[[A2:.*]]: tensor<8xf32>) -> (tensor<8xf32>, tensor<4xf32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.pad %[[A0]], %[[A1]], low = [-1], high = [3], interior = [1] : (tensor<4xf32>, tensor<f32>) -> tensor<9xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.slice %[[V1]], start = [0], limit = [8], stride = [1] : (tensor<9xf32>) -> tensor<8xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.pad %[[A2]], %[[V0]], low = [0], high = [1], interior = [0] : (tensor<8xf32>, tensor<f32>) -> tensor<9xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.pad %[[V3]], %[[V0]], low = [1], high = [-3], interior = [0] : (tensor<9xf32>, tensor<f32>) -> tensor<7xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.slice %[[V4]], start = [0], limit = [7], stride = [2] : (tensor<7xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.reduce sum %[[V3]], dims = [0] : (tensor<9xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V7:.*]] = jx.reduce sum %[[V5]], dims = [0] : (tensor<4xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V8:.*]] = jx.sub %[[V6]], %[[V7]] : tensor<f32>
// CHECK-NEXT: return %[[V2]], %[[V5]], %[[V8]] : tensor<8xf32>, tensor<4xf32>, tensor<f32>
// CHECK-NEXT: }

// -----

// pad with interior padding on a `?` dimension, VJP: after the edges, pad
// by `interior` at the end, split the dimension into [n, interior + 1],
// keep index 0 of the second part (dynamic_slice) and reshape back.
func.func private @f(%x: tensor<?x2xf32>) -> tensor<?x3xf32> {
  %c = jx.constant dense<0.0> : tensor<f32>
  %y = jx.pad %x, %c, low = [1, 0], high = [0, 0], interior = [2, 1] : (tensor<?x2xf32>, tensor<f32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
func.func @main(%x: tensor<?x2xf32>, %ct: tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x2xf32>) {
  %r:2 = jx.vjp @f(%x, %ct) : (tensor<?x2xf32>, tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x2xf32>)
  return %r#0, %r#1 : tensor<?x3xf32>, tensor<?x2xf32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<?x2xf32>, %[[A1:.*]]: tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x2xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0> : tensor<i64>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.pad %[[A0]], %[[V1]], low = [1, 0], high = [0, 0], interior = [2, 1] : (tensor<?x2xf32>, tensor<f32>) -> tensor<?x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.pad %[[A1]], %[[V1]], low = [-1, 0], high = [0, 0], interior = [0, 0] : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.dim %[[A0]], 0 : tensor<?x2xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.pad %[[V3]], %[[V1]], low = [0, 0], high = [2, 1], interior = [0, 0] : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x4xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.reshape %[[V5]], sizes(%[[V4]]) : (tensor<?x4xf32>) -> tensor<?x3x2x2xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.dynamic_slice %[[V6]][%[[V0]], %[[V0]], %[[V0]], %[[V0]]], slice_sizes = [-1, 1, 2, 1], sizes(%[[V4]]) : (tensor<?x3x2x2xf32>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, index) -> tensor<?x1x2x1xf32>
// CHECK-NEXT: %[[V8:.*]] = jx.reshape %[[V7]], sizes(%[[V4]]) : (tensor<?x1x2x1xf32>) -> tensor<?x2xf32>
// CHECK-NEXT: return %[[V2]], %[[V8]] : tensor<?x3xf32>, tensor<?x2xf32>
// CHECK-NEXT: }

// -----

// concatenate along a `?` dimension, VJP: each input's part is a
// dynamic_slice at the running offset (a tensor<i64> sum of jx.dim sizes).
func.func private @f(%a: tensor<?x2xf32>, %b: tensor<3x2xf32>, %c: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %y = jx.concatenate %a, %b, %c dim = 0 : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}
func.func @main(%a: tensor<?x2xf32>, %b: tensor<3x2xf32>, %c: tensor<?x2xf32>, %ct: tensor<?x2xf32>) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>) {
  %r:4 = jx.vjp @f(%a, %b, %c, %ct) : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>, tensor<?x2xf32>) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>)
  return %r#0, %r#1, %r#2, %r#3 : tensor<?x2xf32>, tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<?x2xf32>, %[[A1:.*]]: tensor<3x2xf32>, %[[A2:.*]]: tensor<?x2xf32>, %[[A3:.*]]: tensor<?x2xf32>) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<3> : tensor<i64>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<0> : tensor<i64>
// CHECK-NEXT: %[[V2:.*]] = jx.concatenate %[[A0]], %[[A1]], %[[A2]] dim = 0 : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>) -> tensor<?x2xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.dim %[[A0]], 0 : tensor<?x2xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.dynamic_slice %[[A3]][%[[V1]], %[[V1]]], slice_sizes = [-1, 2], sizes(%[[V3]]) : (tensor<?x2xf32>, tensor<i64>, tensor<i64>, index) -> tensor<?x2xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.from_index %[[V3]] : tensor<i64>
// CHECK-NEXT: %[[V6:.*]] = jx.dynamic_slice %[[A3]][%[[V5]], %[[V1]]], slice_sizes = [3, 2] : (tensor<?x2xf32>, tensor<i64>, tensor<i64>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.add %[[V5]], %[[V0]] : tensor<i64>
// CHECK-NEXT: %[[V8:.*]] = jx.dim %[[A2]], 0 : tensor<?x2xf32>
// CHECK-NEXT: %[[V9:.*]] = jx.dynamic_slice %[[A3]][%[[V7]], %[[V1]]], slice_sizes = [-1, 2], sizes(%[[V8]]) : (tensor<?x2xf32>, tensor<i64>, tensor<i64>, index) -> tensor<?x2xf32>
// CHECK-NEXT: return %[[V2]], %[[V4]], %[[V6]], %[[V9]] : tensor<?x2xf32>, tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x2xf32>
// CHECK-NEXT: }
