// RUN: jx-opt %s -jx-expand-vmap -split-input-file -verify-diagnostics

// A collective no vmap binds is reported once every request is expanded.

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @below {{'psum' over axis 'k' is not inside a vmap or pmap that binds it}}
  %s = jx.psum %x, "k" : tensor<3xf32>
  return %s : tensor<3xf32>
}

func.func @main(%xs: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = jx.vmap @f(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// ppermute over a vmap axis needs pairs inside the axis.

func.func private @g(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @below {{ppermute pair (0, 5) is out of range for axis 'i' of size 4}}
  %y = jx.ppermute %x, "i", pairs = dense<[[0, 5]]> : tensor<1x2xi64> : tensor<f32>
  return %y : tensor<f32>
}

func.func @main(%xs: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jx.vmap @g(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
