// RUN: jx-opt %s -jx-expand-autodiff -split-input-file -verify-diagnostics

// Reverse mode reports an op with regions and no rule that a cotangent
// reaches: jx.reduce_region (its value result; MLIRGen emits it only for
// argmax/argmin, whose index result is an integer).
func.func private @f(%x: tensor<4xf32>, %idx: tensor<4xi32>) -> tensor<f32> {
  %ninf = jx.constant dense<0xFF800000> : tensor<f32>
  %zero = jx.constant dense<0> : tensor<i32>
  // expected-error @below {{differentiation of 'jx.reduce_region' in reverse mode is not supported yet}}
  %m, %i = jx.reduce_region %x, %idx init(%ninf, %zero) dims = [0]
      : (tensor<4xf32>, tensor<4xi32>, tensor<f32>, tensor<i32>)
      -> (tensor<f32>, tensor<i32>) {
  ^bb0(%am: tensor<f32>, %ai: tensor<i32>, %em: tensor<f32>, %ei: tensor<i32>):
    %gt = jx.compare GT, %em, %am : tensor<f32>
    %m2 = jx.select %gt, %em, %am : tensor<i1>, tensor<f32>
    %i2 = jx.select %gt, %ei, %ai : tensor<i1>, tensor<i32>
    jx.yield %m2, %i2 : tensor<f32>, tensor<i32>
  }
  return %m : tensor<f32>
}
func.func @main(%x: tensor<4xf32>, %idx: tensor<4xi32>) -> tensor<4xf32> {
  %g = jx.grad @f(%x, %idx) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %g : tensor<4xf32>
}

// -----

// Also inside a loop body (the loop becomes a scan whose backward scan
// sweeps the body).
func.func private @f(%x: tensor<4xf32>, %idx: tensor<4xi32>) -> tensor<f32> {
  %ninf = jx.constant dense<0xFF800000> : tensor<f32>
  %zero = jx.constant dense<0> : tensor<i32>
  %lo = jx.constant dense<0> : tensor<i32>
  %hi = jx.constant dense<2> : tensor<i32>
  %r = jx.fori %lo to %hi : tensor<i32> carry(%x : tensor<4xf32>) {
  ^bb0(%k: tensor<i32>, %c: tensor<4xf32>):
    // expected-error @below {{differentiation of 'jx.reduce_region' in reverse mode is not supported yet}}
    %m, %i = jx.reduce_region %c, %idx init(%ninf, %zero) dims = [0]
        : (tensor<4xf32>, tensor<4xi32>, tensor<f32>, tensor<i32>)
        -> (tensor<f32>, tensor<i32>) {
    ^bb0(%am: tensor<f32>, %ai: tensor<i32>, %em: tensor<f32>, %ei: tensor<i32>):
      %gt = jx.compare GT, %em, %am : tensor<f32>
      %m2 = jx.select %gt, %em, %am : tensor<i1>, tensor<f32>
      %i2 = jx.select %gt, %ei, %ai : tensor<i1>, tensor<i32>
      jx.yield %m2, %i2 : tensor<f32>, tensor<i32>
    }
    %b = jx.broadcast_in_dim %m, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %y = jx.mul %c, %b : tensor<4xf32>
    jx.yield %y : tensor<4xf32>
  }
  %s = jx.reduce sum %r, dims = [0] : (tensor<4xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<4xf32>, %idx: tensor<4xi32>) -> tensor<4xf32> {
  %g = jx.grad @f(%x, %idx) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %g : tensor<4xf32>
}
