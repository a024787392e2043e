// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// broadcast <-> reduce sum, reshape, transpose.
func.func private @f(%x: tensor<3xf32>) -> tensor<f32> {
  %b = jx.broadcast_in_dim %x, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  %t = jx.transpose %b, perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %r = jx.reshape %t : (tensor<3x2xf32>) -> tensor<6xf32>
  %s = jx.reduce sum %r, dims = [0] : (tensor<6xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<3xf32>) -> tensor<3xf32> {
// CHECK-NEXT: %[[V0:.*]] = call @f.grad.ad(%[[A0]]) : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %[[V0]] : tensor<3xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<3xf32>) -> tensor<3xf32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.broadcast_in_dim %[[V0]], dims = [] : (tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.reshape %[[V1]] : (tensor<6xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.transpose %[[V2]], perm = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.reduce sum %[[V3]], dims = [0] : (tensor<2x3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %[[V4]] : tensor<3xf32>
// CHECK-NEXT: }

// -----

// slice <-> pad, concatenate <-> slices, reverse.
func.func private @f(%x: tensor<6xf32>, %y: tensor<2xf32>) -> tensor<5xf32> {
  %s = jx.slice %x, start = [1], limit = [6], stride = [2] : (tensor<6xf32>) -> tensor<3xf32>
  %c = jx.concatenate %s, %y dim = 0 : (tensor<3xf32>, tensor<2xf32>) -> tensor<5xf32>
  %r = jx.reverse %c, dims = [0] : tensor<5xf32>
  return %r : tensor<5xf32>
}
func.func @main(%x: tensor<6xf32>, %y: tensor<2xf32>, %ct: tensor<5xf32>) -> (tensor<5xf32>, tensor<6xf32>, tensor<2xf32>) {
  %r:3 = jx.vjp @f(%x, %y, %ct) : (tensor<6xf32>, tensor<2xf32>, tensor<5xf32>) -> (tensor<5xf32>, tensor<6xf32>, tensor<2xf32>)
  return %r#0, %r#1, %r#2 : tensor<5xf32>, tensor<6xf32>, tensor<2xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<6xf32>, %[[A1:.*]]: tensor<2xf32>, %[[A2:.*]]: tensor<5xf32>) -> (tensor<5xf32>, tensor<6xf32>, tensor<2xf32>) {
// CHECK-NEXT: %[[V0:.*]]:3 = call @f.vjp.ad(%[[A0]], %[[A1]], %[[A2]]) : (tensor<6xf32>, tensor<2xf32>, tensor<5xf32>) -> (tensor<5xf32>, tensor<6xf32>, tensor<2xf32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : tensor<5xf32>, tensor<6xf32>, tensor<2xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<6xf32>, %[[A1:.*]]: tensor<2xf32>, %[[A2:.*]]: tensor<5xf32>) -> (tensor<5xf32>, tensor<6xf32>, tensor<2xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.slice %[[A0]], start = [1], limit = [6], stride = [2] : (tensor<6xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.concatenate %[[V1]], %[[A1]] dim = 0 : (tensor<3xf32>, tensor<2xf32>) -> tensor<5xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.reverse %[[V2]], dims = [0] : tensor<5xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.reverse %[[A2]], dims = [0] : tensor<5xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.slice %[[V4]], start = [0], limit = [3], stride = [1] : (tensor<5xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.slice %[[V4]], start = [3], limit = [5], stride = [1] : (tensor<5xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[V7:.*]] = jx.pad %[[V5]], %[[V0]], low = [1], high = [0], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT: return %[[V3]], %[[V7]], %[[V6]] : tensor<5xf32>, tensor<6xf32>, tensor<2xf32>
// CHECK-NEXT: }

// -----

// reduce max: mask of the arg-max positions divided by their count.
func.func private @f(%x: tensor<2x3xf32>) -> tensor<f32> {
  %m = jx.reduce max %x, dims = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
  return %m : tensor<f32>
}
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %g : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<2x3xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: %[[V0:.*]] = call @f.grad.ad(%[[A0]]) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[V0]] : tensor<2x3xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2x3xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: %[[V0:.*]] = jx.reduce max %[[A0]], dims = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.broadcast_in_dim %[[V0]], dims = [] : (tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.compare EQ, %[[A0]], %[[V1]] : tensor<2x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.convert %[[V2]] : (tensor<2x3xi1>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.reduce sum %[[V3]], dims = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V5:.*]] = jx.broadcast_in_dim %[[V4]], dims = [] : (tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.div %[[V3]], %[[V5]] : tensor<2x3xf32>
// CHECK-NEXT: return %[[V6]] : tensor<2x3xf32>
// CHECK-NEXT: }

// -----

// pad: the operand gets the inner slice, the padding value the rest.
func.func private @f(%x: tensor<2xf32>, %p: tensor<f32>) -> tensor<6xf32> {
  %r = jx.pad %x, %p, low = [1], high = [2], interior = [1] : (tensor<2xf32>, tensor<f32>) -> tensor<6xf32>
  return %r : tensor<6xf32>
}
func.func @main(%x: tensor<2xf32>, %p: tensor<f32>, %ct: tensor<6xf32>) -> (tensor<6xf32>, tensor<2xf32>, tensor<f32>) {
  %r:3 = jx.vjp @f(%x, %p, %ct) : (tensor<2xf32>, tensor<f32>, tensor<6xf32>) -> (tensor<6xf32>, tensor<2xf32>, tensor<f32>)
  return %r#0, %r#1, %r#2 : tensor<6xf32>, tensor<2xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<2xf32>, %[[A1:.*]]: tensor<f32>, %[[A2:.*]]: tensor<6xf32>) -> (tensor<6xf32>, tensor<2xf32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]]:3 = call @f.vjp.ad(%[[A0]], %[[A1]], %[[A2]]) : (tensor<2xf32>, tensor<f32>, tensor<6xf32>) -> (tensor<6xf32>, tensor<2xf32>, tensor<f32>)
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1, %[[V0]]#2 : tensor<6xf32>, tensor<2xf32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<2xf32>, %[[A1:.*]]: tensor<f32>, %[[A2:.*]]: tensor<6xf32>) -> (tensor<6xf32>, tensor<2xf32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.pad %[[A0]], %[[A1]], low = [1], high = [2], interior = [1] : (tensor<2xf32>, tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.slice %[[A2]], start = [1], limit = [4], stride = [2] : (tensor<6xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.reduce sum %[[A2]], dims = [0] : (tensor<6xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.reduce sum %[[V1]], dims = [0] : (tensor<2xf32>) -> tensor<f32>
// CHECK-NEXT: %[[V4:.*]] = jx.sub %[[V2]], %[[V3]] : tensor<f32>
// CHECK-NEXT: return %[[V0]], %[[V1]], %[[V4]] : tensor<6xf32>, tensor<2xf32>, tensor<f32>
// CHECK-NEXT: }

// -----

// Dynamic shapes: broadcast's transpose (reduce sum, reshape back with the
// operand's run-time sizes) and dot_general.
func.func private @f(%x: tensor<?x1xf32>, %w: tensor<1x3xf32>) -> tensor<f32> {
  %n = jx.dim %x, 0 : tensor<?x1xf32>
  %b = jx.broadcast_in_dim %x, dims = [0, 1], sizes(%n) : (tensor<?x1xf32>) -> tensor<?x3xf32>
  %d = jx.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<?x1xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  %p = jx.mul %b, %d : tensor<?x3xf32>
  %s = jx.reduce sum %p, dims = [0, 1] : (tensor<?x3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<?x1xf32>, %w: tensor<1x3xf32>) -> tensor<?x1xf32> {
  %g = jx.grad @f(%x, %w) {argnums = array<i64: 0>} : (tensor<?x1xf32>, tensor<1x3xf32>) -> tensor<?x1xf32>
  return %g : tensor<?x1xf32>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[A0:.*]]: tensor<?x1xf32>, %[[A1:.*]]: tensor<1x3xf32>) -> tensor<?x1xf32> {
// CHECK-NEXT: %[[V0:.*]] = call @f.grad.ad(%[[A0]], %[[A1]]) : (tensor<?x1xf32>, tensor<1x3xf32>) -> tensor<?x1xf32>
// CHECK-NEXT: return %[[V0]] : tensor<?x1xf32>
// CHECK-NEXT: }
// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<?x1xf32>, %[[A1:.*]]: tensor<1x3xf32>) -> tensor<?x1xf32> {
// CHECK-NEXT: %[[V0:.*]] = jx.dim %[[A0]], 0 : tensor<?x1xf32>
// CHECK-NEXT: %[[V1:.*]] = jx.broadcast_in_dim %[[A0]], dims = [0, 1], sizes(%[[V0]]) : (tensor<?x1xf32>) -> tensor<?x3xf32>
// CHECK-NEXT: %[[V2:.*]] = jx.dot_general %[[A0]], %[[A1]], batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<?x1xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.dot_general %[[V1]], %[[A1]], batching_dims = [] x [], contracting_dims = [1] x [1] : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x1xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.reduce sum %[[V2]], dims = [1] : (tensor<?x3xf32>) -> tensor<?xf32>
// CHECK-NEXT: %[[V5:.*]] = jx.reshape %[[V4]], sizes(%[[V0]]) : (tensor<?xf32>) -> tensor<?x1xf32>
// CHECK-NEXT: %[[V6:.*]] = jx.add %[[V3]], %[[V5]] : tensor<?x1xf32>
// CHECK-NEXT: return %[[V6]] : tensor<?x1xf32>
// CHECK-NEXT: }
