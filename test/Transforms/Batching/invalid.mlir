// RUN: jx-opt %s -jx-expand-vmap -split-input-file -verify-diagnostics

// A batched size would make a shape that differs per batch element.

func.func private @fill(%n: tensor<i32>) -> tensor<?xf32> {
  %one = jx.constant dense<1.0> : tensor<f32>
  %0 = jx.to_index %n : tensor<i32>
  // expected-error @below {{batching of 'jx.broadcast_in_dim' with a size that depends on the mapped arguments is not supported}}
  %1 = jx.broadcast_in_dim %one, dims = [], sizes(%0) : (tensor<f32>) -> tensor<?xf32>
  return %1 : tensor<?xf32>
}

func.func @main(%ns: tensor<3xi32>) -> tensor<3x?xf32> {
  %0 = jx.vmap @fill(%ns) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3xi32>) -> tensor<3x?xf32>
  return %0 : tensor<3x?xf32>
}

// -----

// A combiner that uses a batched value from above.

func.func private @red(%x: tensor<4xf32>, %k: tensor<f32>) -> tensor<f32> {
  %zero = jx.constant dense<0.0> : tensor<f32>
  // expected-error @below {{batching of 'jx.reduce_region' whose combiner uses a batched value is not supported yet}}
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

// Batched initial values of a reduce_region.

func.func private @red(%x: tensor<4xf32>, %init: tensor<f32>) -> tensor<f32> {
  // expected-error @below {{batching of 'jx.reduce_region' with batched initial values is not supported yet}}
  %r = jx.reduce_region %x init(%init) dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %e: tensor<f32>):
    %s = jx.add %a, %e : tensor<f32>
    jx.yield %s : tensor<f32>
  }
  return %r : tensor<f32>
}

func.func @main(%x: tensor<4xf32>, %inits: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.vmap @red(%x, %inits) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<4xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
