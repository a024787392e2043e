// RUN: jx-opt %s -jx-expand-vmap -split-input-file -verify-diagnostics

// Ops without a batching rule are reported at the op.

func.func private @loop(%x: tensor<f32>) -> tensor<f32> {
  %ten = jx.constant dense<10.0> : tensor<f32>
  // expected-error @below {{batching of 'jx.while' is not supported yet}}
  %r = jx.while %x : tensor<f32> cond {
  ^bb0(%y: tensor<f32>):
    %p = jx.compare LT, %y, %ten : tensor<f32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<f32>):
    %n = jx.add %y, %y : tensor<f32>
    jx.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

func.func @main(%xs: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.vmap @loop(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// A region that uses a batched value from above is not supported either.

func.func private @loop2(%x: tensor<f32>, %y: tensor<f32>) -> tensor<f32> {
  // expected-error @below {{batching of 'jx.while' is not supported yet}}
  %r = jx.while %y : tensor<f32> cond {
  ^bb0(%z: tensor<f32>):
    %p = jx.compare LT, %z, %x : tensor<f32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%z: tensor<f32>):
    %n = jx.add %z, %z : tensor<f32>
    jx.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

func.func @main(%xs: tensor<3xf32>, %y: tensor<f32>) -> tensor<3xf32> {
  %0 = jx.vmap @loop2(%xs, %y) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
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
