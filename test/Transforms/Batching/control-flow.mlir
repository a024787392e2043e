// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// jx.if with a batched predicate: both branches run and a select picks per
// batch element (lax.cond under vmap).

func.func private @f(%x: tensor<f32>, %v: tensor<2xf32>) -> tensor<2xf32> {
  %zero = jx.constant dense<0.0> : tensor<f32>
  %p = jx.compare GT, %x, %zero : tensor<f32>
  %r = jx.if %p -> (tensor<2xf32>) {
    %a = jx.exp %v : tensor<2xf32>
    jx.yield %a : tensor<2xf32>
  } else {
    %b = jx.neg %v : tensor<2xf32>
    jx.yield %b : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// CHECK-LABEL: func.func private @f.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[V:.*]]: tensor<2xf32>) -> tensor<3x2xf32>
// CHECK-NOT: jx.if
// CHECK: %[[P:.*]] = jx.compare GT, %[[X]], %{{.*}} : tensor<3xf32>
// CHECK: %[[E:.*]] = jx.exp %[[V]] : tensor<2xf32>
// CHECK: %[[EB:.*]] = jx.broadcast_in_dim %[[E]], dims = [1] : (tensor<2xf32>) -> tensor<3x2xf32>
// CHECK: %[[N:.*]] = jx.neg %[[V]] : tensor<2xf32>
// CHECK: %[[NB:.*]] = jx.broadcast_in_dim %[[N]], dims = [1] : (tensor<2xf32>) -> tensor<3x2xf32>
// CHECK: %[[PB:.*]] = jx.broadcast_in_dim %[[P]], dims = [0] : (tensor<3xi1>) -> tensor<3x2xi1>
// CHECK: %[[S:.*]] = jx.select %[[PB]], %[[EB]], %[[NB]] : tensor<3x2xi1>, tensor<3x2xf32>
// CHECK: return %[[S]]

func.func @main(%xs: tensor<3xf32>, %v: tensor<2xf32>) -> tensor<3x2xf32> {
  %0 = jx.vmap @f(%xs, %v) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// jx.if with an unbatched predicate whose branches use batched values: one
// jx.if on batched values.

func.func private @g(%x: tensor<2xf32>, %p: tensor<i1>) -> tensor<2xf32> {
  %r = jx.if %p -> (tensor<2xf32>) {
    %a = jx.exp %x : tensor<2xf32>
    jx.yield %a : tensor<2xf32>
  } else {
    jx.yield %x : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// CHECK-LABEL: func.func private @g.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4x2xf32>, %[[P:.*]]: tensor<i1>) -> tensor<4x2xf32>
// CHECK: %[[R:.*]] = jx.if %[[P]] -> (tensor<4x2xf32>) {
// CHECK:   %[[A:.*]] = jx.exp %[[X]] : tensor<4x2xf32>
// CHECK:   jx.yield %[[A]] : tensor<4x2xf32>
// CHECK: } else {
// CHECK:   jx.yield %[[X]] : tensor<4x2xf32>
// CHECK: }
// CHECK: return %[[R]]

func.func @main(%xs: tensor<4x2xf32>, %p: tensor<i1>) -> tensor<4x2xf32> {
  %0 = jx.vmap @g(%xs, %p) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<4x2xf32>, tensor<i1>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// jx.while with a batched condition: it runs while any element's condition
// holds, and elements whose condition is false keep their carries.

func.func private @w(%x: tensor<f32>) -> tensor<f32> {
  %ten = jx.constant dense<10.0> : tensor<f32>
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

// CHECK-LABEL: func.func private @w.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[R:.*]] = jx.while %[[X]] : tensor<3xf32> cond {
// CHECK: ^bb0(%[[C:.*]]: tensor<3xf32>):
// CHECK:   %[[P:.*]] = jx.compare LT, %[[C]], %{{.*}} : tensor<3xf32>
// CHECK:   %[[ANY:.*]] = jx.reduce or %[[P]], dims = [0] : (tensor<3xi1>) -> tensor<i1>
// CHECK:   jx.yield %[[ANY]] : tensor<i1>
// CHECK: } do {
// CHECK: ^bb0(%[[B:.*]]: tensor<3xf32>):
// CHECK:   %[[P2:.*]] = jx.compare LT, %[[B]], %{{.*}} : tensor<3xf32>
// CHECK:   %[[N:.*]] = jx.add %[[B]], %[[B]] : tensor<3xf32>
// CHECK:   %[[S:.*]] = jx.select %[[P2]], %[[N]], %[[B]] : tensor<3xi1>, tensor<3xf32>
// CHECK:   jx.yield %[[S]] : tensor<3xf32>
// CHECK: }
// CHECK: return %[[R]]

func.func @main(%xs: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.vmap @w(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// jx.fori and jx.scan: carries are batched at 0 (unbatched initial values
// are broadcast); a batched xs is scanned with its batch dimension at 1, and
// the stacked outputs have theirs at 1.

func.func private @loops(%x: tensor<f32>, %xs: tensor<5xf32>, %lo: tensor<i32>) -> (tensor<f32>, tensor<f32>, tensor<5xf32>) {
  %zero = jx.constant dense<0.0> : tensor<f32>
  %hi = jx.constant dense<3> : tensor<i32>
  %0:2 = jx.fori %lo to %hi : tensor<i32> carry(%x, %zero : tensor<f32>, tensor<f32>) {
  ^bb0(%i: tensor<i32>, %a: tensor<f32>, %b: tensor<f32>):
    %s = jx.add %a, %b : tensor<f32>
    jx.yield %s, %a : tensor<f32>, tensor<f32>
  }
  %c, %ys = jx.scan init(%zero : tensor<f32>) xs(%xs : tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
  ^bb0(%c0: tensor<f32>, %e: tensor<f32>):
    %s = jx.add %c0, %e : tensor<f32>
    jx.yield %s, %s : tensor<f32>, tensor<f32>
  }
  return %0#0, %c, %ys : tensor<f32>, tensor<f32>, tensor<5xf32>
}

// CHECK-LABEL: func.func private @loops.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[XS:.*]]: tensor<4x5xf32>, %[[LO:.*]]: tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<5x4xf32>)
// CHECK: %[[ZB:.*]] = jx.broadcast_in_dim %{{.*}}, dims = [] : (tensor<f32>) -> tensor<4xf32>
// CHECK: %[[F:.*]]:2 = jx.fori %[[LO]] to %{{.*}} : tensor<i32> carry(%[[X]], %[[ZB]] : tensor<4xf32>, tensor<4xf32>) {
// CHECK: ^bb0(%{{.*}}: tensor<i32>, %[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>):
// CHECK:   %[[S:.*]] = jx.add %[[A]], %[[B]] : tensor<4xf32>
// CHECK:   jx.yield %[[S]], %[[A]] : tensor<4xf32>, tensor<4xf32>
// CHECK: %[[T:.*]] = jx.transpose %[[XS]], perm = [1, 0] : (tensor<4x5xf32>) -> tensor<5x4xf32>
// CHECK: %[[SC:.*]]:2 = jx.scan init(%{{.*}} : tensor<4xf32>) xs(%[[T]] : tensor<5x4xf32>) -> (tensor<4xf32>, tensor<5x4xf32>) {
// CHECK: ^bb0(%{{.*}}: tensor<4xf32>, %{{.*}}: tensor<4xf32>):
// CHECK: return %[[F]]#0, %[[SC]]#0, %[[SC]]#1

func.func @main(%x: tensor<4xf32>, %xs: tensor<4x5xf32>, %lo: tensor<i32>) {
  %0:3 = jx.vmap @loops(%x, %xs, %lo) {in_axes = array<i64: 0, 0, -1>, out_axes = array<i64: 0, 0, 1>} : (tensor<4xf32>, tensor<4x5xf32>, tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<5x4xf32>)
  return
}

// -----

// jx.switch with a batched index: every branch runs, and branch k is taken
// where index >= k (lax.switch clamps the index).

func.func private @sw(%i: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  %r = jx.switch %i -> (tensor<f32>) {
    jx.yield %x : tensor<f32>
  }, {
    %n = jx.neg %x : tensor<f32>
    jx.yield %n : tensor<f32>
  }, {
    %e = jx.exp %x : tensor<f32>
    jx.yield %e : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func private @sw.vmap
// CHECK-SAME: (%[[I:.*]]: tensor<4xi32>, %[[X:.*]]: tensor<f32>) -> tensor<4xf32>
// CHECK-NOT: jx.switch
// CHECK: %[[B0:.*]] = jx.broadcast_in_dim %[[X]], dims = [] : (tensor<f32>) -> tensor<4xf32>
// CHECK: %[[N:.*]] = jx.neg %[[X]] : tensor<f32>
// CHECK: %[[B1:.*]] = jx.broadcast_in_dim %[[N]], dims = []
// CHECK: %[[E:.*]] = jx.exp %[[X]] : tensor<f32>
// CHECK: %[[B2:.*]] = jx.broadcast_in_dim %[[E]], dims = []
// CHECK: %[[C1:.*]] = jx.constant dense<1> : tensor<i32>
// CHECK: %[[K1:.*]] = jx.broadcast_in_dim %[[C1]], dims = [] : (tensor<i32>) -> tensor<4xi32>
// CHECK: %[[P1:.*]] = jx.compare GE, %[[I]], %[[K1]] : tensor<4xi32>
// CHECK: %[[S1:.*]] = jx.select %[[P1]], %[[B1]], %[[B0]] : tensor<4xi1>, tensor<4xf32>
// CHECK: %[[C2:.*]] = jx.constant dense<2> : tensor<i32>
// CHECK: %[[K2:.*]] = jx.broadcast_in_dim %[[C2]], dims = [] : (tensor<i32>) -> tensor<4xi32>
// CHECK: %[[P2:.*]] = jx.compare GE, %[[I]], %[[K2]] : tensor<4xi32>
// CHECK: %[[S2:.*]] = jx.select %[[P2]], %[[B2]], %[[S1]] : tensor<4xi1>, tensor<4xf32>
// CHECK: return %[[S2]]

func.func @main(%is: tensor<4xi32>, %x: tensor<f32>) -> tensor<4xf32> {
  %0 = jx.vmap @sw(%is, %x) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<4xi32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A loop in a branch of a per-element jx.if runs only for the elements that
// take the branch: its per-element condition is and-ed with the predicate
// (the else branch's mask, logical_not, is unused here and left dead).

func.func private @f(%x: tensor<f32>) -> tensor<f32> {
  %zero = jx.constant dense<0.0> : tensor<f32>
  %p = jx.compare GT, %x, %zero : tensor<f32>
  %r = jx.if %p -> (tensor<f32>) {
    %w = jx.while %x : tensor<f32> cond {
    ^bb0(%c: tensor<f32>):
      %q = jx.compare NE, %c, %zero : tensor<f32>
      jx.yield %q : tensor<i1>
    } do {
    ^bb0(%c: tensor<f32>):
      %one = jx.constant dense<1.0> : tensor<f32>
      %d = jx.sub %c, %one : tensor<f32>
      jx.yield %d : tensor<f32>
    }
    jx.yield %w : tensor<f32>
  } else {
    jx.yield %x : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%xs: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jx.vmap @f(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func private @f.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[P:.*]] = jx.compare GT, %[[X]], %{{.*}} : tensor<4xf32>
// CHECK-NEXT: %[[W:.*]] = jx.while %[[X]] : tensor<4xf32> cond {
// CHECK: %[[Q:.*]] = jx.compare NE
// CHECK-NEXT: %[[LIVE:.*]] = jx.and %[[P]], %[[Q]] : tensor<4xi1>
// CHECK-NEXT: %[[ANY:.*]] = jx.reduce or %[[LIVE]], dims = [0] : (tensor<4xi1>) -> tensor<i1>
// CHECK-NEXT: jx.yield %[[ANY]] : tensor<i1>
// CHECK-NEXT: } do {
// CHECK: %[[Q:.*]] = jx.compare NE
// CHECK-NEXT: %[[LIVE:.*]] = jx.and %[[P]], %[[Q]] : tensor<4xi1>
// CHECK: %[[D:.*]] = jx.sub
// CHECK-NEXT: %[[NEXT:.*]] = jx.select %[[LIVE]], %[[D]], %{{.*}} : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT: jx.yield %[[NEXT]] : tensor<4xf32>
// CHECK: jx.select %[[P]], %[[W]], %[[X]] : tensor<4xi1>, tensor<4xf32>
