// RUN: jx-opt %s -split-input-file -verify-diagnostics

func.func @missing(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.grad' op 'nope' does not reference a valid function}}
  %0 = jx.grad @nope(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func private @f(%x: tensor<f32>) -> tensor<f32>

func.func @arity(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.grad' op passes 2 arguments to 'f', which takes 1}}
  %0 = jx.grad @f(%x, %x) {argnums = array<i64: 0>} : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func private @f(%x: tensor<f32>) -> tensor<f32>

func.func @arg_type(%x: tensor<f64>) -> tensor<f64> {
  // expected-error @+1 {{'jx.grad' op argument #0 has type 'tensor<f64>' but 'f' expects 'tensor<f32>'}}
  %0 = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f64>) -> tensor<f64>
  return %0 : tensor<f64>
}

// -----

func.func private @f(%x: tensor<f32>, %n: tensor<i32>) -> tensor<f32>

func.func @int_argnum(%x: tensor<f32>, %n: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'jx.grad' op cannot differentiate with respect to argument #1 of non-float type 'tensor<i32>'}}
  %0 = jx.grad @f(%x, %n) {argnums = array<i64: 1>} : (tensor<f32>, tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

func.func private @f(%x: tensor<f32>) -> tensor<f32>

func.func @argnum_range(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.grad' op argnums [1] names argument 1 but there are 1}}
  %0 = jx.grad @f(%x) {argnums = array<i64: 1>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32>

func.func @non_scalar(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'jx.grad' op 'f' must return a rank-0 float tensor, not 'tensor<3xf32>'}}
  %0 = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<f32>) -> (tensor<f32>, tensor<f32>)

func.func @needs_aux(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.grad' op 'f' must return one scalar, but returns 2 values}}
  %0 = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @grad_result(%x: tensor<3xf32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.grad' op result #0 has type 'tensor<f32>' but expects 'tensor<3xf32>'}}
  %0 = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @value_and_grad_count(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'jx.value_and_grad' op has 1 results but expects 2}}
  %0 = jx.value_and_grad @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @jvp_count(%x: tensor<3xf32>) {
  // expected-error @+1 {{'jx.jvp' op expects 1 primals and 1 tangents for 'f', got 1 operands}}
  %0:2 = jx.jvp @f(%x) : (tensor<3xf32>) -> (tensor<f32>, tensor<f32>)
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @jvp_tangent(%x: tensor<3xf32>, %t: tensor<3xf64>) {
  // expected-error @+1 {{'jx.jvp' op tangent #0 has type 'tensor<3xf64>' but its primal has type 'tensor<3xf32>'}}
  %0:2 = jx.jvp @f(%x, %t) : (tensor<3xf32>, tensor<3xf64>) -> (tensor<f32>, tensor<f32>)
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @vjp_cotangent(%x: tensor<3xf32>) {
  // expected-error @+1 {{'jx.vjp' op cotangent #0 has type 'tensor<3xf32>' but result #0 of 'f' has type 'tensor<f32>'}}
  %0:2 = jx.vjp @f(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @vjp_results(%x: tensor<3xf32>, %ct: tensor<f32>) {
  // expected-error @+1 {{'jx.vjp' op result #1 has type 'tensor<f32>' but expects 'tensor<3xf32>'}}
  %0:2 = jx.vjp @f(%x, %ct) : (tensor<3xf32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<2xf32>

func.func @jacobian_shape(%x: tensor<3xf32>) {
  // expected-error @+1 {{'jx.jacrev' op result #0 has type 'tensor<3x2xf32>' but expects 'tensor<2x3xf32>'}}
  %0 = jx.jacrev @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<2xi32>

func.func @jacobian_int_output(%x: tensor<3xf32>) {
  // expected-error @+1 {{'jx.jacfwd' op result #0 of 'f' has non-float type 'tensor<2xi32>' and cannot be differentiated}}
  %0 = jx.jacfwd @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xi32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @hessian_shape(%x: tensor<3xf32>) {
  // expected-error @+1 {{'jx.hessian' op result #0 has type 'tensor<3xf32>' but expects 'tensor<3x3xf32>'}}
  %0 = jx.hessian @f(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @vmap_in_axes(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{'jx.vmap' op in_axes [0, 0] has 2 entries for 1 arguments}}
  %0 = jx.vmap @f(%x) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<8x3xf32>) -> tensor<8xf32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @vmap_arg(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{'jx.vmap' op argument #0 of type 'tensor<8x3xf32>' maps to 'tensor<8xf32>' but 'f' expects 'tensor<3xf32>'}}
  %0 = jx.vmap @f(%x) {in_axes = array<i64: 1>, out_axes = array<i64: 0>} : (tensor<8x3xf32>) -> tensor<8xf32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<f32>

func.func @vmap_sizes(%x: tensor<8x3xf32>, %y: tensor<4x3xf32>) {
  // expected-error @+1 {{'jx.vmap' op mapped axis sizes disagree: 4 vs 8}}
  %0 = jx.vmap @f(%x, %y) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<8x3xf32>, tensor<4x3xf32>) -> tensor<8xf32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<f32>

func.func @vmap_axis_size(%x: tensor<3xf32>) {
  // expected-error @+1 {{'jx.vmap' op needs 'axis_size' when no argument is mapped}}
  %0 = jx.vmap @f(%x) {in_axes = array<i64: -1>, out_axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<8xf32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<2xf32>

func.func @vmap_out(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{'jx.pmap' op result #0 of type 'tensor<8x3xf32>' does not match result 'tensor<2xf32>' of 'f'}}
  %0 = jx.pmap @f(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<2xf32>

func.func @vmap_out_axis(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{'jx.vmap' op out_axes entry 2 of result #0 is out of range for 'tensor<2x8xf32>'}}
  %0 = jx.vmap @f(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 2>} : (tensor<8x3xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func private @f(%x: tensor<f32>) -> tensor<f32>

func.func @argnum_repeat(%x: tensor<f32>) {
  // expected-error @+1 {{'jx.grad' op argnums [0, 0] repeats argument 0}}
  %0:2 = jx.grad @f(%x) {argnums = array<i64: 0, 0>} : (tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return
}
