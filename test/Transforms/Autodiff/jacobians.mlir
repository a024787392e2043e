// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// jacfwd: a jx.vmap over the one-hot basis of x of a helper holding the
// (expanded) jvp; the batch axis goes last, then a reshape to 2x3.
func.func private @f(%x: tensor<3xf32>) -> tensor<2xf32> {
  %s = jx.slice %x, start = [0], limit = [2], stride = [1] : (tensor<3xf32>) -> tensor<2xf32>
  %y = jx.sin %s : tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %j = jx.jacfwd @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return %j : tensor<2x3xf32>
}

// CHECK-LABEL: func.func private @f.jacfwd_col(
// CHECK: call @f.jvp.ad(
// CHECK-LABEL: func.func @main(
// CHECK: %[[BASIS:.*]] = jx.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 1.000000e+00]]> : tensor<3x3xf32>
// CHECK: %[[V:.*]] = jx.vmap @f.jacfwd_col(%{{.*}}, %[[BASIS]]) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 1>} : (tensor<3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[V]] : tensor<2x3xf32>
// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK: jx.cos

// -----

// jacrev: one jx.vmap per output over its one-hot basis, batch axis first.
func.func private @f(%x: tensor<3xf32>, %y: tensor<f32>) -> tensor<2xf32> {
  %s = jx.slice %x, start = [1], limit = [3], stride = [1] : (tensor<3xf32>) -> tensor<2xf32>
  %b = jx.broadcast_in_dim %y, dims = [] : (tensor<f32>) -> tensor<2xf32>
  %r = jx.mul %s, %b : tensor<2xf32>
  return %r : tensor<2xf32>
}
func.func @main(%x: tensor<3xf32>, %y: tensor<f32>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  %j:2 = jx.jacrev @f(%x, %y) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>) -> (tensor<2x3xf32>, tensor<2xf32>)
  return %j#0, %j#1 : tensor<2x3xf32>, tensor<2xf32>
}

// CHECK-LABEL: func.func private @f.jacrev_row(
// CHECK: call @f.vjp.ad(
// CHECK-LABEL: func.func @main(
// CHECK: %[[V:.*]]:2 = jx.vmap @f.jacrev_row(%{{.*}}, %{{.*}}, %{{.*}}) {in_axes = array<i64: -1, -1, 0>, out_axes = array<i64: 0, 0>} : (tensor<3xf32>, tensor<f32>, tensor<2x2xf32>) -> (tensor<2x3xf32>, tensor<2xf32>)
// CHECK: return %[[V]]#0, %[[V]]#1

// -----

// hessian = jacfwd(jacrev(f)); the jvp goes through jacrev's jx.vmap by
// vmapping the jvp of the vmapped function, whose primal results replace the
// original vmap's.
func.func private @f(%x: tensor<2xf32>) -> tensor<f32> {
  %e = jx.exp %x : tensor<2xf32>
  %s = jx.reduce sum %e, dims = [0] : (tensor<2xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<2xf32>) -> tensor<2x2xf32> {
  %h = jx.hessian @f(%x) {argnums = array<i64: 0>} : (tensor<2xf32>) -> tensor<2x2xf32>
  return %h : tensor<2x2xf32>
}

// CHECK-NOT: jx.{{jvp|vjp|jacrev|jacfwd|hessian}}
// CHECK: func.func @main(
// CHECK: jx.vmap @f.jacrev.jacfwd_col(
// CHECK: func.func private @f.jacrev.jvp.ad(
// CHECK-NOT: jx.vmap @f.jacrev_row(
// CHECK: %[[PT:.*]]:2 = jx.vmap @f.jacrev_row.jvp_in_vmap(
// CHECK-NOT: jx.vmap @f.jacrev_row(
// CHECK: jx.reshape %[[PT]]#0
// CHECK: jx.reshape %[[PT]]#1
// CHECK-NOT: jx.{{jvp|vjp|jacrev|jacfwd|hessian}}
