// RUN: jx-opt %s -jx-expand-autodiff -split-input-file -verify-diagnostics

// Reverse mode through jx.fori whose bounds are not constants is not
// supported yet.
func.func private @f(%x: tensor<f32>, %n: tensor<i32>) -> tensor<f32> {
  %lo = jx.constant dense<0> : tensor<i32>
  // expected-error @below {{differentiation of 'jx.fori' in reverse mode is not supported yet}}
  %r = jx.fori %lo to %n : tensor<i32> carry(%x : tensor<f32>) {
  ^bb0(%i: tensor<i32>, %c: tensor<f32>):
    %y = jx.mul %c, %c : tensor<f32>
    jx.yield %y : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %n: tensor<i32>) -> tensor<f32> {
  %g = jx.grad @f(%x, %n) {argnums = array<i64: 0>} : (tensor<f32>, tensor<i32>) -> tensor<f32>
  return %g : tensor<f32>
}
// -----

// Nor through jx.while, also when it sits inside a branch.
func.func private @f(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  %r = jx.if %p -> (tensor<f32>) {
    // expected-error @below {{differentiation of 'jx.while' in reverse mode is not supported yet}}
    %w = jx.while %x : tensor<f32> cond {
    ^bb0(%c: tensor<f32>):
      %q = jx.compare LT, %c, %x : tensor<f32>
      jx.yield %q : tensor<i1>
    } do {
    ^bb0(%c: tensor<f32>):
      %y = jx.add %c, %c : tensor<f32>
      jx.yield %y : tensor<f32>
    }
    jx.yield %w : tensor<f32>
  } else {
    jx.yield %x : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  %g = jx.grad @f(%x, %p) {argnums = array<i64: 0>} : (tensor<f32>, tensor<i1>) -> tensor<f32>
  return %g : tensor<f32>
}

// -----

// Nor through jx.scan of a dynamic length.
func.func private @f(%c0: tensor<f32>, %xs: tensor<?xf32>) -> tensor<f32> {
  // expected-error @below {{differentiation of 'jx.scan' in reverse mode with a dynamic length is not supported yet}}
  %c = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<?xf32>) -> (tensor<f32>) {
  ^bb0(%a: tensor<f32>, %x: tensor<f32>):
    %s = jx.mul %a, %x : tensor<f32>
    jx.yield %s : tensor<f32>
  }
  return %c : tensor<f32>
}
func.func @main(%c0: tensor<f32>, %xs: tensor<?xf32>) -> tensor<f32> {
  %g = jx.grad @f(%c0, %xs) {argnums = array<i64: 0>} : (tensor<f32>, tensor<?xf32>) -> tensor<f32>
  return %g : tensor<f32>
}
