// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// jvp through jx.if: the tangent is a second result of the branch.
func.func private @f(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  %r = jx.if %p -> (tensor<f32>) {
    %s = jx.sin %x : tensor<f32>
    jx.yield %s : tensor<f32>
  } else {
    jx.yield %x : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %p: tensor<i1>, %t: tensor<f32>, %tp: tensor<i1>) -> (tensor<f32>, tensor<f32>) {
  %r:2 = jx.jvp @f(%x, %p, %t, %tp) : (tensor<f32>, tensor<i1>, tensor<f32>, tensor<i1>) -> (tensor<f32>, tensor<f32>)
  return %r#0, %r#1 : tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<i1>, %[[A2:.*]]: tensor<f32>, %[[A3:.*]]: tensor<i1>) -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]]:2 = jx.if %[[A1]] -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: %[[V1:.*]] = jx.sin %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.cos %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.mul %[[A2]], %[[V2]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V1]], %[[V3]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: } else {
// CHECK-NEXT: jx.yield %[[A0]], %[[A2]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#1 : tensor<f32>, tensor<f32>
// CHECK-NEXT: }

// -----

// grad through jx.if: the backward sweep branches on the same predicate,
// recomputes the branch and yields the cotangent of the captured %x.
func.func private @f(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  %r = jx.if %p -> (tensor<f32>) {
    %s = jx.sin %x : tensor<f32>
    %m = jx.mul %s, %x : tensor<f32>
    jx.yield %m : tensor<f32>
  } else {
    jx.yield %x : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  %g = jx.grad @f(%x, %p) {argnums = array<i64: 0>} : (tensor<f32>, tensor<i1>) -> tensor<f32>
  return %g : tensor<f32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<i1>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.if %[[A1]] -> (tensor<f32>) {
// CHECK-NEXT: %[[V2:.*]] = jx.sin %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.cos %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V4:.*]] = jx.mul %[[A0]], %[[V3]] : tensor<f32>
// CHECK-NEXT: %[[V5:.*]] = jx.add %[[V2]], %[[V4]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V5]] : tensor<f32>
// CHECK-NEXT: } else {
// CHECK-NEXT: jx.yield %[[V0]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V1]] : tensor<f32>
// CHECK-NEXT: }

// -----

// grad through jx.switch with a value computed before the branch.
func.func private @f(%x: tensor<f32>, %i: tensor<i32>) -> tensor<f32> {
  %e = jx.exp %x : tensor<f32>
  %r = jx.switch %i -> (tensor<f32>) {
    %s = jx.mul %e, %x : tensor<f32>
    jx.yield %s : tensor<f32>
  }, {
    %c = jx.cos %x : tensor<f32>
    jx.yield %c : tensor<f32>
  }, {
    jx.yield %e : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %i: tensor<i32>) -> tensor<f32> {
  %g = jx.grad @f(%x, %i) {argnums = array<i64: 0>} : (tensor<f32>, tensor<i32>) -> tensor<f32>
  return %g : tensor<f32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<i32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.exp %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V3:.*]]:2 = jx.switch %[[A1]] -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: jx.yield %[[A0]], %[[V2]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }, {
// CHECK-NEXT: %[[V6:.*]] = jx.sin %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V7:.*]] = jx.neg %[[V6]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V0]], %[[V7]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }, {
// CHECK-NEXT: jx.yield %[[V1]], %[[V0]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[V4:.*]] = jx.mul %[[V3]]#0, %[[V2]] : tensor<f32>
// CHECK-NEXT: %[[V5:.*]] = jx.add %[[V3]]#1, %[[V4]] : tensor<f32>
// CHECK-NEXT: return %[[V5]] : tensor<f32>
// CHECK-NEXT: }

// -----

// jvp through jx.fori: a tangent carry beside the primal one.
func.func private @f(%x: tensor<4xf32>, %n: tensor<i32>) -> tensor<4xf32> {
  %lo = jx.constant dense<0> : tensor<i32>
  %r = jx.fori %lo to %n : tensor<i32> carry(%x : tensor<4xf32>) {
  ^bb0(%i: tensor<i32>, %c: tensor<4xf32>):
    %y = jx.mul %c, %c : tensor<4xf32>
    jx.yield %y : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %n: tensor<i32>, %t: tensor<4xf32>, %tn: tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %r:2 = jx.jvp @f(%x, %n, %t, %tn) : (tensor<4xf32>, tensor<i32>, tensor<4xf32>, tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<4xf32>, %[[A1:.*]]: tensor<i32>, %[[A2:.*]]: tensor<4xf32>, %[[A3:.*]]: tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0> : tensor<i32>
// CHECK-NEXT: %[[V1:.*]]:2 = jx.fori %[[V0]] to %[[A1]] : tensor<i32> carry(%[[A0]], %[[A2]] : tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT: ^bb0(%[[A4:.*]]: tensor<i32>, %[[A5:.*]]: tensor<4xf32>, %[[A6:.*]]: tensor<4xf32>):
// CHECK-NEXT: %[[V2:.*]] = jx.mul %[[A5]], %[[A5]] : tensor<4xf32>
// CHECK-NEXT: %[[V3:.*]] = jx.mul %[[A6]], %[[A5]] : tensor<4xf32>
// CHECK-NEXT: %[[V4:.*]] = jx.add %[[V3]], %[[V3]] : tensor<4xf32>
// CHECK-NEXT: jx.yield %[[V2]], %[[V4]] : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V1]]#0, %[[V1]]#1 : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT: }

// -----

// jvp through jx.while: the condition takes the tangent carry unused.
func.func private @f(%x: tensor<f32>) -> tensor<f32> {
  %ten = jx.constant dense<10.0> : tensor<f32>
  %r = jx.while %x : tensor<f32> cond {
  ^bb0(%c: tensor<f32>):
    %p = jx.compare LT, %c, %ten : tensor<f32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%c: tensor<f32>):
    %y = jx.add %c, %c : tensor<f32>
    jx.yield %y : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %t: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %r:2 = jx.jvp @f(%x, %t) : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %r#0, %r#1 : tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<1.000000e+01> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]]:2 = jx.while %[[A0]], %[[A1]] : tensor<f32>, tensor<f32> cond {
// CHECK-NEXT: ^bb0(%[[A2:.*]]: tensor<f32>, %[[A3:.*]]: tensor<f32>):
// CHECK-NEXT: %[[V2:.*]] = jx.compare LT, %[[A2]], %[[V0]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V2]] : tensor<i1>
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[A2:.*]]: tensor<f32>, %[[A3:.*]]: tensor<f32>):
// CHECK-NEXT: %[[V2:.*]] = jx.add %[[A2]], %[[A2]] : tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.add %[[A3]], %[[A3]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V2]], %[[V3]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V1]]#0, %[[V1]]#1 : tensor<f32>, tensor<f32>
// CHECK-NEXT: }

// -----

// jvp through jx.scan: tangent carries, tangent slices of the xs and
// stacked tangents of the ys.
func.func private @f(%c0: tensor<f32>, %xs: tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
  %c, %ys = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
  ^bb0(%a: tensor<f32>, %x: tensor<f32>):
    %s = jx.mul %a, %x : tensor<f32>
    jx.yield %s, %a : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<5xf32>
}
func.func @main(%c0: tensor<f32>, %xs: tensor<5xf32>, %tc: tensor<f32>, %txs: tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>, tensor<f32>, tensor<5xf32>) {
  %r:4 = jx.jvp @f(%c0, %xs, %tc, %txs) : (tensor<f32>, tensor<5xf32>, tensor<f32>, tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>, tensor<f32>, tensor<5xf32>)
  return %r#0, %r#1, %r#2, %r#3 : tensor<f32>, tensor<5xf32>, tensor<f32>, tensor<5xf32>
}

// CHECK-LABEL: func.func private @f.jvp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<5xf32>, %[[A2:.*]]: tensor<f32>, %[[A3:.*]]: tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>, tensor<f32>, tensor<5xf32>) {
// CHECK-NEXT: %[[V0:.*]]:4 = jx.scan init(%[[A0]], %[[A2]] : tensor<f32>, tensor<f32>) xs(%[[A1]], %[[A3]] : tensor<5xf32>, tensor<5xf32>) -> (tensor<f32>, tensor<f32>, tensor<5xf32>, tensor<5xf32>) {
// CHECK-NEXT: ^bb0(%[[A4:.*]]: tensor<f32>, %[[A5:.*]]: tensor<f32>, %[[A6:.*]]: tensor<f32>, %[[A7:.*]]: tensor<f32>):
// CHECK-NEXT: %[[V1:.*]] = jx.mul %[[A4]], %[[A6]] : tensor<f32>
// CHECK-NEXT: %[[V2:.*]] = jx.mul %[[A5]], %[[A6]] : tensor<f32>
// CHECK-NEXT: %[[V3:.*]] = jx.mul %[[A7]], %[[A4]] : tensor<f32>
// CHECK-NEXT: %[[V4:.*]] = jx.add %[[V2]], %[[V3]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V1]], %[[V4]], %[[A4]], %[[A5]] : tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V0]]#0, %[[V0]]#2, %[[V0]]#1, %[[V0]]#3 : tensor<f32>, tensor<5xf32>, tensor<f32>, tensor<5xf32>
// CHECK-NEXT: }

// -----

// vjp through jx.scan (a residual scan, which replaces the primal one,
// stacks the carries entering each step; a reverse scan recomputes each step
// and runs its backward sweep).
func.func private @f(%c0: tensor<f32>, %xs: tensor<3xf32>, %w: tensor<f32>) -> (tensor<f32>, tensor<3xf32>) {
  %c, %ys = jx.scan init(%c0 : tensor<f32>) xs(%xs : tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  ^bb0(%a: tensor<f32>, %x: tensor<f32>):
    %s = jx.mul %a, %x : tensor<f32>
    %t = jx.add %s, %w : tensor<f32>
    jx.yield %t, %a : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<3xf32>
}
func.func @main(%c0: tensor<f32>, %xs: tensor<3xf32>, %w: tensor<f32>, %ct: tensor<f32>, %cys: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>) {
  %r:5 = jx.vjp @f(%c0, %xs, %w, %ct, %cys) : (tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<f32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>)
  return %r#0, %r#1, %r#2, %r#3, %r#4 : tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>, %[[A1:.*]]: tensor<3xf32>, %[[A2:.*]]: tensor<f32>, %[[A3:.*]]: tensor<f32>, %[[A4:.*]]: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>) {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V2:.*]]:3 = jx.scan init(%[[A0]] : tensor<f32>) xs(%[[A1]] : tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>) {
// CHECK-NEXT: ^bb0(%[[A5:.*]]: tensor<f32>, %[[A6:.*]]: tensor<f32>):
// CHECK-NEXT: %[[V4:.*]] = jx.mul %[[A5]], %[[A6]] : tensor<f32>
// CHECK-NEXT: %[[V5:.*]] = jx.add %[[V4]], %[[A2]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V5]], %[[A5]], %[[A5]] : tensor<f32>, tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[V3:.*]]:3 = jx.scan init(%[[A3]], %[[V0]] : tensor<f32>, tensor<f32>) xs(%[[V2]]#2, %[[A1]], %[[A4]] : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) reverse -> (tensor<f32>, tensor<f32>, tensor<3xf32>) {
// CHECK-NEXT: ^bb0(%[[A5:.*]]: tensor<f32>, %[[A6:.*]]: tensor<f32>, %[[A7:.*]]: tensor<f32>, %[[A8:.*]]: tensor<f32>, %[[A9:.*]]: tensor<f32>):
// CHECK-NEXT: %[[V4:.*]] = jx.mul %[[A5]], %[[A8]] : tensor<f32>
// CHECK-NEXT: %[[V5:.*]] = jx.mul %[[A5]], %[[A7]] : tensor<f32>
// CHECK-NEXT: %[[V6:.*]] = jx.add %[[A9]], %[[V4]] : tensor<f32>
// CHECK-NEXT: %[[V7:.*]] = jx.add %[[A6]], %[[A5]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V6]], %[[V7]], %[[V5]] : tensor<f32>, tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[V2]]#0, %[[V2]]#1, %[[V3]]#0, %[[V3]]#2, %[[V3]]#1 : tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>
// CHECK-NEXT: }

// -----

// grad through jx.fori with constant bounds: rewritten as a scan over the
// indices (of a static length), then differentiated as one; the body does
// not read the index, so canonicalization drops it from both scans.
func.func private @f(%x: tensor<f32>) -> tensor<f32> {
  %lo = jx.constant dense<0> : tensor<i32>
  %hi = jx.constant dense<3> : tensor<i32>
  %r = jx.fori %lo to %hi : tensor<i32> carry(%x : tensor<f32>) {
  ^bb0(%i: tensor<i32>, %c: tensor<f32>):
    %y = jx.mul %c, %x : tensor<f32>
    jx.yield %y : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[A0:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT: %[[V0:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V1:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[V3:.*]]:2 = jx.scan init(%[[A0]] : tensor<f32>) attributes {length = 3 : i64} -> (tensor<f32>, tensor<3xf32>) {
// CHECK-NEXT: ^bb0(%[[A1:.*]]: tensor<f32>):
// CHECK-NEXT: %[[V6:.*]] = jx.mul %[[A1]], %[[A0]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V6]], %[[A1]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[V4:.*]]:2 = jx.scan init(%[[V1]], %[[V0]] : tensor<f32>, tensor<f32>) xs(%[[V3]]#1 : tensor<3xf32>) reverse -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: ^bb0(%[[A1:.*]]: tensor<f32>, %[[A2:.*]]: tensor<f32>, %[[A3:.*]]: tensor<f32>):
// CHECK-NEXT: %[[V6:.*]] = jx.mul %[[A1]], %[[A0]] : tensor<f32>
// CHECK-NEXT: %[[V7:.*]] = jx.mul %[[A1]], %[[A3]] : tensor<f32>
// CHECK-NEXT: %[[V8:.*]] = jx.add %[[A2]], %[[V7]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[V6]], %[[V8]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[V5:.*]] = jx.add %[[V4]]#0, %[[V4]]#1 : tensor<f32>
// CHECK-NEXT: return %[[V5]] : tensor<f32>
// CHECK-NEXT: }

