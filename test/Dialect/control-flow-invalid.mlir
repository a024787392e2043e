// RUN: jx-opt %s -split-input-file -verify-diagnostics

func.func @if_yield_types(%p: tensor<i1>, %a: tensor<f32>, %b: tensor<i32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.if' op else region yields (tensor<i32>) but expects (tensor<f32>)}}
  %r = jx.if %p -> (tensor<f32>) {
    jx.yield %a : tensor<f32>
  } else {
    jx.yield %b : tensor<i32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_pred_type(%p: tensor<2xi1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.if' op operand #0 must be 0D tensor of 1-bit signless integer values}}
  %r = "jx.if"(%p) ({
    jx.yield %a : tensor<f32>
  }, {
    jx.yield %a : tensor<f32>
  }) : (tensor<2xi1>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @yield_outside(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.yield' op expects parent op to be one of 'jx.if, jx.switch, jx.while, jx.fori, jx.scan, jx.reduce_region'}}
  jx.yield %a : tensor<f32>
}

// -----

func.func @switch_no_branch(%i: tensor<i32>) {
  // expected-error @+1 {{'jx.switch' op needs at least one branch}}
  "jx.switch"(%i) : (tensor<i32>) -> ()
  return
}

// -----

func.func @switch_branch_types(%i: tensor<i32>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.switch' op branch #1 region yields () but expects (tensor<f32>)}}
  %r = jx.switch %i -> (tensor<f32>) {
    jx.yield %a : tensor<f32>
  }, {
    jx.yield
  }
  return %r : tensor<f32>
}

// -----

func.func @while_cond_yield(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.while' op cond region yields (tensor<f32>) but expects (tensor<i1>)}}
  %r = jx.while %x : tensor<f32> cond {
  ^bb0(%a: tensor<f32>):
    jx.yield %a : tensor<f32>
  } do {
  ^bb0(%a: tensor<f32>):
    jx.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @while_body_args(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  // expected-error @+1 {{'jx.while' op body region takes arguments (tensor<f64>) but expects (tensor<f32>)}}
  %r = jx.while %x : tensor<f32> cond {
  ^bb0(%a: tensor<f32>):
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%a: tensor<f64>):
    jx.yield %x : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @while_body_yield(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  // expected-error @+1 {{'jx.while' op body region yields () but expects (tensor<f32>)}}
  %r = jx.while %x : tensor<f32> cond {
  ^bb0(%a: tensor<f32>):
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%a: tensor<f32>):
    jx.yield
  }
  return %r : tensor<f32>
}

// -----

func.func @fori_bounds(%lo: tensor<i32>, %hi: tensor<i64>) {
  // expected-error @+1 {{'jx.fori' op failed to verify that all of {lo, hi} have same type}}
  "jx.fori"(%lo, %hi) ({
  ^bb0(%i: tensor<i32>):
    jx.yield
  }) : (tensor<i32>, tensor<i64>) -> ()
  return
}

// -----

func.func @fori_float_bound(%lo: tensor<f32>) {
  // expected-error @+1 {{'jx.fori' op operand #0 must be 0D tensor of 32-bit signless integer or 64-bit signless integer values}}
  jx.fori %lo to %lo : tensor<f32> {
  ^bb0(%i: tensor<f32>):
    jx.yield
  }
  return
}

// -----

func.func @fori_args(%lo: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.fori' op body region takes arguments (tensor<f32>) but expects (tensor<i32>, tensor<f32>)}}
  %r = jx.fori %lo to %lo : tensor<i32> carry(%x : tensor<f32>) {
  ^bb0(%c: tensor<f32>):
    jx.yield %c : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @scan_no_length(%c0: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.scan' op needs a 'length' attribute when there are no xs}}
  %r = jx.scan init(%c0 : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%c: tensor<f32>):
    jx.yield %c : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @scan_lengths(%xs: tensor<5xf32>, %zs: tensor<4xf32>) {
  // expected-error @+1 {{'jx.scan' op xs #1 has leading dimension 4 but the scan length is 5}}
  jx.scan xs(%xs, %zs : tensor<5xf32>, tensor<4xf32>) {
  ^bb0(%x: tensor<f32>, %z: tensor<f32>):
    jx.yield
  }
  return
}

// -----

func.func @scan_ys_length(%xs: tensor<5xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'jx.scan' op stacked result #0 has leading dimension 6 but the scan length is 5}}
  %ys = jx.scan xs(%xs : tensor<5xf32>) -> (tensor<6xf32>) {
  ^bb0(%x: tensor<f32>):
    jx.yield %x : tensor<f32>
  }
  return %ys : tensor<6xf32>
}

// -----

func.func @scan_carry_type(%c0: tensor<f32>, %xs: tensor<5xf32>) -> tensor<f64> {
  // expected-error @+1 {{'jx.scan' op carry result #0 has type 'tensor<f64>' but its init has type 'tensor<f32>'}}
  %r = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<5xf32>) -> (tensor<f64>) {
  ^bb0(%c: tensor<f32>, %x: tensor<f32>):
    jx.yield %c : tensor<f32>
  }
  return %r : tensor<f64>
}

// -----

func.func @scan_body_args(%c0: tensor<f32>, %xs: tensor<5x2xf32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.scan' op body region takes arguments (tensor<f32>, tensor<5x2xf32>) but expects (tensor<f32>, tensor<2xf32>)}}
  %r = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<5x2xf32>) -> (tensor<f32>) {
  ^bb0(%c: tensor<f32>, %x: tensor<5x2xf32>):
    jx.yield %c : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @scan_body_yield(%c0: tensor<f32>, %xs: tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
  // expected-error @+1 {{'jx.scan' op body region yields (tensor<f32>) but expects (tensor<f32>, tensor<f32>)}}
  %r:2 = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
  ^bb0(%c: tensor<f32>, %x: tensor<f32>):
    jx.yield %c : tensor<f32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<5xf32>
}

// -----

func.func @reduce_region_counts(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.reduce_region' op needs one init value and one result per input (2), got 1 and 1}}
  %r = jx.reduce_region %x, %x init(%z) dims = [0] : (tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %e: tensor<f32>):
    jx.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @reduce_region_init(%x: tensor<4xf32>, %z: tensor<1xf32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.reduce_region' op init value #0 must be a rank-0 tensor of 'f32', got 'tensor<1xf32>'}}
  %r = jx.reduce_region %x init(%z) dims = [0] : (tensor<4xf32>, tensor<1xf32>) -> tensor<f32> {
  ^bb0(%a: tensor<1xf32>, %e: tensor<1xf32>):
    jx.yield %a : tensor<1xf32>
  }
  return %r : tensor<f32>
}

// -----

func.func @reduce_region_result(%x: tensor<3x4xf32>, %z: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.reduce_region' op result #0 has type 'tensor<4xf32>' but expects shape [3] of 'f32'}}
  %r = jx.reduce_region %x init(%z) dims = [1] : (tensor<3x4xf32>, tensor<f32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<f32>, %e: tensor<f32>):
    jx.yield %a : tensor<f32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @reduce_region_body(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.reduce_region' op body region takes arguments (tensor<f32>) but expects (tensor<f32>, tensor<f32>)}}
  %r = jx.reduce_region %x init(%z) dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>):
    jx.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}
