// RUN: jx-opt %s -jx-expand-vmap -split-input-file -verify-diagnostics

// Ops without a batching rule are reported at the op.

func.func private @put(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>) -> tensor<5x4xf32> {
  // expected-error @below {{batching of 'jx.scatter' is not supported yet}}
  %0 = jx.scatter add %x[%idx], %v, <update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1> : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

func.func @main(%xs: tensor<2x5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>) -> tensor<2x5x4xf32> {
  %0 = jx.vmap @put(%xs, %idx, %v) {in_axes = array<i64: 0, -1, -1>, out_axes = array<i64: 0>} : (tensor<2x5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<2x5x4xf32>
  return %0 : tensor<2x5x4xf32>
}

// -----

// A region that uses a batched value from above, in an op without a rule.

func.func private @red(%x: tensor<4xf32>, %k: tensor<f32>) -> tensor<f32> {
  %zero = jx.constant dense<0.0> : tensor<f32>
  // expected-error @below {{batching of 'jx.reduce_region' is not supported yet}}
  %r = jx.reduce_region %x init(%zero) dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %e: tensor<f32>):
    %m = jx.mul %e, %k : tensor<f32>
    %s = jx.add %a, %m : tensor<f32>
    jx.yield %s : tensor<f32>
  }
  return %r : tensor<f32>
}

func.func @main(%x: tensor<4xf32>, %ks: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.vmap @red(%x, %ks) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<4xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// A result that depends on mapped arguments cannot be unmapped.

func.func private @id(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @below {{vmap result 0 depends on the mapped arguments but its out_axes is none}}
  return %x : tensor<f32>
}

func.func @main(%xs: tensor<3xf32>) -> tensor<f32> {
  %0 = jx.vmap @id(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: -1>} : (tensor<3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Batched start indices would need a gather.

func.func private @g(%x: tensor<6xf32>, %i: tensor<i32>) -> tensor<3xf32> {
  // expected-error @below {{batching of 'jx.dynamic_slice' with batched start indices is not supported yet}}
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [3] : (tensor<6xf32>, tensor<i32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @main(%x: tensor<6xf32>, %is: tensor<4xi32>) -> tensor<4x3xf32> {
  %0 = jx.vmap @g(%x, %is) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<6xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
