// RUN: jx-opt %s -split-input-file -verify-diagnostics

func.func @psum_bool(%x: tensor<4xi1>) {
  // expected-error @+1 {{'jx.psum' op operand #0 must be ranked tensor of numeric values}}
  %0 = jx.psum %x, "i" : tensor<4xi1>
  return
}

// -----

func.func @all_gather_rank(%x: tensor<4xf32>) {
  // expected-error @+1 {{'jx.all_gather' op result shape [4] does not match the expected shape [?, 4]}}
  %0 = jx.all_gather %x, "i", axis = 0 : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @all_gather_axis(%x: tensor<4xf32>) {
  // expected-error @+1 {{'jx.all_gather' op axis 1 is out of range for rank 1}}
  %0 = jx.all_gather %x, "i", axis = 1, tiled : (tensor<4xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @ppermute_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{'jx.ppermute' op source_target_pairs must have shape [n, 2], got [3]}}
  %0 = jx.ppermute %x, "i", pairs = dense<[0, 1, 2]> : tensor<3xi64> : tensor<4xf32>
  return
}

// -----

func.func @ppermute_target(%x: tensor<4xf32>) {
  // expected-error @+1 {{'jx.ppermute' op target 1 appears twice}}
  %0 = jx.ppermute %x, "i", pairs = dense<[[0, 1], [2, 1]]> : tensor<2x2xi64> : tensor<4xf32>
  return
}
