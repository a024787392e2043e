// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// grad through jx.while: a copy of the loop counts the steps, a scan of that
// many steps over iota(n) computes the results again and stacks the
// carries, and a reverse scan runs the backward sweep. Each step is guarded
// by `step < count` and the length is the count's jx.batch_max: no-ops here,
// they let vmap batch the gradient (each element then has its own count).
func.func private @f(%x: tensor<f32>) -> tensor<f32> {
  %w = jx.while %x : tensor<f32> cond {
  ^bb0(%c: tensor<f32>):
    %ten = jx.constant dense<10.0> : tensor<f32>
    %q = jx.compare LT, %c, %ten : tensor<f32>
    jx.yield %q : tensor<i1>
  } do {
  ^bb0(%c: tensor<f32>):
    %y = jx.mul %c, %x : tensor<f32>
    jx.yield %y : tensor<f32>
  }
  return %w : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @f(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[X:.*]]: tensor<f32>) -> tensor<f32> {
// CHECK-DAG: %[[ZERO:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK-DAG: %[[SEED:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[ONE:.*]] = jx.constant dense<1> : tensor<i64>
// CHECK-DAG: %[[START:.*]] = jx.constant dense<0> : tensor<i64>
// CHECK: %[[COUNT:.*]]:2 = jx.while %[[X]], %[[START]] : tensor<f32>, tensor<i64> cond {
// CHECK-NEXT: ^bb0(%[[C:.*]]: tensor<f32>, %{{.*}}: tensor<i64>):
// CHECK-NEXT: jx.compare LT, %[[C]]
// CHECK-NEXT: jx.yield
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[C:.*]]: tensor<f32>, %[[K:.*]]: tensor<i64>):
// CHECK-NEXT: %[[Y:.*]] = jx.mul %[[C]], %[[X]] : tensor<f32>
// CHECK-NEXT: %[[K1:.*]] = jx.add %[[K]], %[[ONE]] : tensor<i64>
// CHECK-NEXT: jx.yield %[[Y]], %[[K1]] : tensor<f32>, tensor<i64>
// CHECK-NEXT: }
// CHECK-NEXT: %[[BOUND:.*]] = jx.batch_max %[[COUNT]]#1 : tensor<i64>
// CHECK-NEXT: %[[CLAMPED:.*]] = jx.max %[[BOUND]], %[[START]] : tensor<i64>
// CHECK-NEXT: %[[N:.*]] = jx.to_index %[[CLAMPED]] : tensor<i64>
// CHECK-NEXT: %[[STEPS:.*]] = jx.iota dim = 0, sizes(%[[N]]) : tensor<?xi64>
// CHECK-NEXT: %[[RES:.*]]:2 = jx.scan init(%[[X]] : tensor<f32>) xs(%[[STEPS]] : tensor<?xi64>) -> (tensor<f32>, tensor<?xf32>) {
// CHECK-NEXT: ^bb0(%[[C:.*]]: tensor<f32>, %[[STEP:.*]]: tensor<i64>):
// CHECK-NEXT: %[[LIVE:.*]] = jx.compare LT, %[[STEP]], %[[COUNT]]#1 : tensor<i64>
// CHECK-NEXT: %[[NEXT:.*]] = jx.if %[[LIVE]] -> (tensor<f32>) {
// CHECK-NEXT: %[[Y:.*]] = jx.mul %[[C]], %[[X]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[Y]] : tensor<f32>
// CHECK-NEXT: } else {
// CHECK-NEXT: jx.yield %[[C]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: jx.yield %[[NEXT]], %[[C]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[BWD:.*]]:2 = jx.scan init(%[[SEED]], %[[ZERO]] : tensor<f32>, tensor<f32>) xs(%[[RES]]#1, %[[STEPS]] : tensor<?xf32>, tensor<?xi64>) reverse -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: ^bb0(%[[CT:.*]]: tensor<f32>, %[[ACC:.*]]: tensor<f32>, %[[CIN:.*]]: tensor<f32>, %[[STEP:.*]]: tensor<i64>):
// CHECK-NEXT: %[[LIVE:.*]] = jx.compare LT, %[[STEP]], %[[COUNT]]#1 : tensor<i64>
// CHECK-NEXT: %[[CTS:.*]]:2 = jx.if %[[LIVE]] -> (tensor<f32>, tensor<f32>) {
// CHECK-NEXT: %[[DC:.*]] = jx.mul %[[CT]], %[[X]] : tensor<f32>
// CHECK-NEXT: %[[DX:.*]] = jx.mul %[[CT]], %[[CIN]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[DC]], %[[DX]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: } else {
// CHECK-NEXT: jx.yield %[[CT]], %[[ZERO]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[ACC1:.*]] = jx.add %[[ACC]], %[[CTS]]#1 : tensor<f32>
// CHECK-NEXT: jx.yield %[[CTS]]#0, %[[ACC1]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[G:.*]] = jx.add %[[BWD]]#0, %[[BWD]]#1 : tensor<f32>
// CHECK-NEXT: return %[[G]] : tensor<f32>

// -----

// grad through jx.fori with a run-time upper bound: a scan over
// lo + iota(max(hi - lo, 0)), of a dynamic length, guarded and bounded as
// the while's.
func.func private @f(%x: tensor<3xf32>, %n: tensor<i32>) -> tensor<f32> {
  %lo = jx.constant dense<1> : tensor<i32>
  %r = jx.fori %lo to %n : tensor<i32> carry(%x : tensor<3xf32>) {
  ^bb0(%i: tensor<i32>, %c: tensor<3xf32>):
    %y = jx.sin %c : tensor<3xf32>
    jx.yield %y : tensor<3xf32>
  }
  %s = jx.reduce sum %r, dims = [0] : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<3xf32>, %n: tensor<i32>) -> tensor<3xf32> {
  %g = jx.grad @f(%x, %n) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<i32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// CHECK-LABEL: func.func private @f.grad.ad(
// CHECK-SAME: %[[X:.*]]: tensor<3xf32>, %[[HI:.*]]: tensor<i32>) -> tensor<3xf32> {
// CHECK-DAG: %[[SEED:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[Z:.*]] = jx.constant dense<0> : tensor<i32>
// CHECK-DAG: %[[LO:.*]] = jx.constant dense<1> : tensor<i32>
// CHECK: %[[D:.*]] = jx.sub %[[HI]], %[[LO]] : tensor<i32>
// CHECK-NEXT: %[[CNT:.*]] = jx.max %[[D]], %[[Z]] : tensor<i32>
// CHECK-NEXT: %[[BOUND:.*]] = jx.batch_max %[[CNT]] : tensor<i32>
// CHECK-NEXT: %[[LEN:.*]] = jx.max %[[BOUND]], %[[Z]] : tensor<i32>
// CHECK-NEXT: %[[END:.*]] = jx.add %[[CNT]], %[[LO]] : tensor<i32>
// CHECK-NEXT: %[[N:.*]] = jx.to_index %[[LEN]] : tensor<i32>
// CHECK-NEXT: %[[IOTA:.*]] = jx.iota dim = 0, sizes(%[[N]]) : tensor<?xi32>
// CHECK-NEXT: %[[BASE:.*]] = jx.broadcast_in_dim %[[LO]], dims = [], sizes(%[[N]]) : (tensor<i32>) -> tensor<?xi32>
// CHECK-NEXT: %[[IDX:.*]] = jx.add %[[BASE]], %[[IOTA]] : tensor<?xi32>
// CHECK-NEXT: %[[RES:.*]]:2 = jx.scan init(%[[X]] : tensor<3xf32>) xs(%[[IDX]] : tensor<?xi32>) -> (tensor<3xf32>, tensor<?x3xf32>) {
// CHECK-NEXT: ^bb0(%[[C:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<i32>):
// CHECK-NEXT: %[[LIVE:.*]] = jx.compare LT, %[[I]], %[[END]] : tensor<i32>
// CHECK-NEXT: %[[NEXT:.*]] = jx.if %[[LIVE]] -> (tensor<3xf32>) {
// CHECK-NEXT: %[[Y:.*]] = jx.sin %[[C]] : tensor<3xf32>
// CHECK-NEXT: jx.yield %[[Y]] : tensor<3xf32>
// CHECK-NEXT: } else {
// CHECK-NEXT: jx.yield %[[C]] : tensor<3xf32>
// CHECK-NEXT: }
// CHECK-NEXT: jx.yield %[[NEXT]], %[[C]] : tensor<3xf32>, tensor<3xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[ONES:.*]] = jx.broadcast_in_dim %[[SEED]], dims = [] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[BWD:.*]] = jx.scan init(%[[ONES]] : tensor<3xf32>) xs(%[[RES]]#1, %[[IDX]] : tensor<?x3xf32>, tensor<?xi32>) reverse -> (tensor<3xf32>) {
// CHECK-NEXT: ^bb0(%[[CT:.*]]: tensor<3xf32>, %[[CIN:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<i32>):
// CHECK-NEXT: %[[LIVE:.*]] = jx.compare LT, %[[I]], %[[END]] : tensor<i32>
// CHECK-NEXT: %[[DC:.*]] = jx.if %[[LIVE]] -> (tensor<3xf32>) {
// CHECK-NEXT: %[[COS:.*]] = jx.cos %[[CIN]] : tensor<3xf32>
// CHECK-NEXT: %[[D1:.*]] = jx.mul %[[CT]], %[[COS]] : tensor<3xf32>
// CHECK-NEXT: jx.yield %[[D1]] : tensor<3xf32>
// CHECK-NEXT: } else {
// CHECK-NEXT: jx.yield %[[CT]] : tensor<3xf32>
// CHECK-NEXT: }
// CHECK-NEXT: jx.yield %[[DC]] : tensor<3xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[BWD]] : tensor<3xf32>
