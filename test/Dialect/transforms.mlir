// RUN: jx-opt %s | jx-opt | FileCheck %s
// RUN: jx-opt %s --mlir-print-op-generic | jx-opt | FileCheck %s

func.func private @sin(%x: tensor<f32>) -> tensor<f32>
func.func private @loss(%w: tensor<3xf32>, %b: tensor<f32>, %n: tensor<i32>) -> tensor<f32>
func.func private @loss_aux(%w: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<i32>)
func.func private @two_out(%x: tensor<3xf32>, %y: tensor<f32>) -> (tensor<2xf32>, tensor<f32>)
func.func private @row(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<f32>

// CHECK-LABEL: func @grads
// CHECK-SAME: (%[[X:.*]]: tensor<f32>, %[[W:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<f32>, %[[N:.*]]: tensor<i32>)
func.func @grads(%x: tensor<f32>, %w: tensor<3xf32>, %b: tensor<f32>, %n: tensor<i32>) {
  // CHECK: jx.grad @sin(%[[X]]) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  %0 = jx.grad @sin(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  // CHECK: jx.grad @loss(%[[W]], %[[B]], %[[N]]) {argnums = array<i64: 1, 0>} : (tensor<3xf32>, tensor<f32>, tensor<i32>) -> (tensor<f32>, tensor<3xf32>)
  %1:2 = jx.grad @loss(%w, %b, %n) {argnums = array<i64: 1, 0>} : (tensor<3xf32>, tensor<f32>, tensor<i32>) -> (tensor<f32>, tensor<3xf32>)
  // CHECK: jx.grad @loss_aux(%[[W]]) {argnums = array<i64: 0>, has_aux} : (tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<i32>)
  %2:3 = jx.grad @loss_aux(%w) {argnums = array<i64: 0>, has_aux} : (tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<i32>)
  // CHECK: jx.value_and_grad @loss(%[[W]], %[[B]], %[[N]]) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<f32>, tensor<i32>) -> (tensor<f32>, tensor<3xf32>)
  %3:2 = jx.value_and_grad @loss(%w, %b, %n) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<f32>, tensor<i32>) -> (tensor<f32>, tensor<3xf32>)
  // CHECK: jx.value_and_grad @loss_aux(%[[W]]) {argnums = array<i64: 0>, has_aux} : (tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<i32>, tensor<3xf32>)
  %4:4 = jx.value_and_grad @loss_aux(%w) {argnums = array<i64: 0>, has_aux} : (tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<i32>, tensor<3xf32>)
  return
}

// CHECK-LABEL: func @jvp_vjp
func.func @jvp_vjp(%x: tensor<3xf32>, %y: tensor<f32>, %ct: tensor<2xf32>) {
  // CHECK: jx.jvp @two_out(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>) -> (tensor<2xf32>, tensor<f32>, tensor<2xf32>, tensor<f32>)
  %0:4 = jx.jvp @two_out(%x, %y, %x, %y) : (tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>) -> (tensor<2xf32>, tensor<f32>, tensor<2xf32>, tensor<f32>)
  // CHECK: jx.vjp @two_out(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (tensor<3xf32>, tensor<f32>, tensor<2xf32>, tensor<f32>) -> (tensor<2xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>)
  %1:4 = jx.vjp @two_out(%x, %y, %ct, %y) : (tensor<3xf32>, tensor<f32>, tensor<2xf32>, tensor<f32>) -> (tensor<2xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>)
  return
}

// CHECK-LABEL: func @jacobians
func.func @jacobians(%x: tensor<3xf32>, %y: tensor<f32>) {
  // CHECK: jx.jacfwd @two_out(%{{.*}}, %{{.*}}) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<f32>) -> (tensor<2x3xf32>, tensor<3xf32>)
  %0:2 = jx.jacfwd @two_out(%x, %y) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<f32>) -> (tensor<2x3xf32>, tensor<3xf32>)
  // CHECK: jx.jacrev @two_out(%{{.*}}, %{{.*}}) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>) -> (tensor<2x3xf32>, tensor<2xf32>, tensor<3xf32>, tensor<f32>)
  %1:4 = jx.jacrev @two_out(%x, %y) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>) -> (tensor<2x3xf32>, tensor<2xf32>, tensor<3xf32>, tensor<f32>)
  // CHECK: jx.hessian @row(%{{.*}}, %{{.*}}) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  %2 = jx.hessian @row(%x, %x) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  // CHECK: jx.hessian @row(%{{.*}}, %{{.*}}) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>)
  %3:4 = jx.hessian @row(%x, %x) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>)
  return
}

// CHECK-LABEL: func @maps
// CHECK-SAME: (%[[XS:.*]]: tensor<8x3xf32>, %[[W:.*]]: tensor<3xf32>, %[[D:.*]]: tensor<?x3xf32>, %[[T:.*]]: tensor<3x8xf32>)
func.func @maps(%xs: tensor<8x3xf32>, %w: tensor<3xf32>, %dyn: tensor<?x3xf32>, %xt: tensor<3x8xf32>) {
  // CHECK: jx.vmap @row(%[[XS]], %[[W]]) {axis_name = "batch", in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8xf32>
  %0 = jx.vmap @row(%xs, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>, axis_name = "batch"} : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8xf32>
  // CHECK: jx.vmap @row(%[[D]], %[[W]]) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?xf32>
  %1 = jx.vmap @row(%dyn, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?xf32>
  // CHECK: jx.vmap @row(%[[T]], %[[XS]]) {in_axes = array<i64: 1, 0>, out_axes = array<i64: 0>} : (tensor<3x8xf32>, tensor<8x3xf32>) -> tensor<8xf32>
  %2 = jx.vmap @row(%xt, %xs) {in_axes = array<i64: 1, 0>, out_axes = array<i64: 0>} : (tensor<3x8xf32>, tensor<8x3xf32>) -> tensor<8xf32>
  // CHECK: jx.vmap @row(%[[W]], %[[W]]) {axis_size = 4 : i64, in_axes = array<i64: -1, -1>, out_axes = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<4xf32>
  %3 = jx.vmap @row(%w, %w) {in_axes = array<i64: -1, -1>, out_axes = array<i64: 0>, axis_size = 4} : (tensor<3xf32>, tensor<3xf32>) -> tensor<4xf32>
  // CHECK: jx.pmap @row(%[[XS]], %[[W]]) {axis_name = "dev", in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8xf32>
  %4 = jx.pmap @row(%xs, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>, axis_name = "dev"} : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8xf32>
  return
}

// CHECK-LABEL: func @nested
func.func @nested(%x: tensor<f32>) -> tensor<f32> {
  // grad(grad(sin)) goes through a helper function.
  // CHECK: jx.grad @grad_sin(%{{.*}}) {argnums = array<i64: 0>}
  %0 = jx.grad @grad_sin(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  // CHECK: jx.stop_gradient %{{.*}} : tensor<f32>
  %1 = jx.stop_gradient %0 : tensor<f32>
  return %1 : tensor<f32>
}

func.func @grad_sin(%x: tensor<f32>) -> tensor<f32> {
  %0 = jx.grad @sin(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
