// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// psum over the axis the vmap binds: a sum over the batch dimension,
// broadcast back along it, so every lane sees the total.

func.func private @normalize(%x: tensor<3xf32>) -> tensor<3xf32> {
  %s = jx.psum %x, "i" : tensor<3xf32>
  %r = jx.div %x, %s : tensor<3xf32>
  return %r : tensor<3xf32>
}

// CHECK-LABEL: func.func private @normalize.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xf32>) -> tensor<4x3xf32>
// CHECK-NOT: jx.psum
// CHECK: %[[S:.*]] = jx.reduce sum %[[X]], dims = [0] : (tensor<4x3xf32>) -> tensor<3xf32>
// CHECK: %[[B:.*]] = jx.broadcast_in_dim %[[S]], dims = [1] : (tensor<3xf32>) -> tensor<4x3xf32>
// CHECK: jx.div %[[X]], %[[B]] : tensor<4x3xf32>

func.func @main(%xs: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = jx.vmap @normalize(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// pmean divides the sum by the lane count (a sum of ones); pmax and pmin
// reduce with max and min.

func.func private @stats(%x: tensor<f32>) -> (tensor<f32>, tensor<f32>, tensor<f32>) {
  %m = jx.pmean %x, "i" : tensor<f32>
  %hi = jx.pmax %x, "i" : tensor<f32>
  %lo = jx.pmin %x, "i" : tensor<f32>
  return %m, %hi, %lo : tensor<f32>, tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func.func private @stats.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<5xf32>)
// CHECK: %[[S:.*]] = jx.reduce sum %[[X]], dims = [0] : (tensor<5xf32>) -> tensor<f32>
// CHECK: %[[ONE:.*]] = jx.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[ONES:.*]] = jx.broadcast_in_dim %[[ONE]], dims = [] : (tensor<f32>) -> tensor<5xf32>
// CHECK: %[[N:.*]] = jx.reduce sum %[[ONES]], dims = [0]
// CHECK: %[[M:.*]] = jx.div %[[S]], %[[N]] : tensor<f32>
// CHECK: jx.broadcast_in_dim %[[M]], dims = [] : (tensor<f32>) -> tensor<5xf32>
// CHECK: %[[HI:.*]] = jx.reduce max %[[X]], dims = [0]
// CHECK: jx.broadcast_in_dim %[[HI]]
// CHECK: %[[LO:.*]] = jx.reduce min %[[X]], dims = [0]
// CHECK: jx.broadcast_in_dim %[[LO]]

func.func @main(%xs: tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) {
  %0:3 = jx.vmap @stats(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0, 0, 0>, axis_name = "i"} : (tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>)
  return %0#0, %0#1, %0#2 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
}

// -----

// all_gather: every lane gets the whole batched value, the gathered axis at
// `axis` (tiled: merged into it); axis_index is an iota along the batch.

func.func private @gather(%x: tensor<3xf32>) -> (tensor<3x4xf32>, tensor<12xf32>, tensor<i32>) {
  %g = jx.all_gather %x, "i", axis = 1 : (tensor<3xf32>) -> tensor<3x4xf32>
  %t = jx.all_gather %x, "i", axis = 0, tiled : (tensor<3xf32>) -> tensor<12xf32>
  %k = jx.axis_index "i" : tensor<i32>
  return %g, %t, %k : tensor<3x4xf32>, tensor<12xf32>, tensor<i32>
}

// CHECK-LABEL: func.func private @gather.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xf32>)
// CHECK: %[[T:.*]] = jx.transpose %[[X]], perm = [1, 0] : (tensor<4x3xf32>) -> tensor<3x4xf32>
// CHECK: jx.broadcast_in_dim %[[T]], dims = [1, 2] : (tensor<3x4xf32>) -> tensor<4x3x4xf32>
// CHECK: %[[R:.*]] = jx.reshape %[[X]] : (tensor<4x3xf32>) -> tensor<12xf32>
// CHECK: jx.broadcast_in_dim %[[R]], dims = [1] : (tensor<12xf32>) -> tensor<4x12xf32>
// CHECK: jx.iota dim = 0 : tensor<4xi32>

func.func @main(%xs: tensor<4x3xf32>) -> (tensor<4x3x4xf32>, tensor<4x12xf32>, tensor<4xi32>) {
  %0:3 = jx.vmap @gather(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0, 0, 0>, axis_name = "i"} : (tensor<4x3xf32>) -> (tensor<4x3x4xf32>, tensor<4x12xf32>, tensor<4xi32>)
  return %0#0, %0#1, %0#2 : tensor<4x3x4xf32>, tensor<4x12xf32>, tensor<4xi32>
}

// -----

// ppermute: lane t takes lane s for each pair (s, t); lane 0 is no target
// and gets zeros.

func.func private @shift(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = jx.ppermute %x, "i", pairs = dense<[[0, 1], [1, 2]]> : tensor<2x2xi64> : tensor<2xf32>
  return %y : tensor<2xf32>
}

// CHECK-LABEL: func.func private @shift.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<3x2xf32>)
// CHECK: %[[Z:.*]] = jx.constant dense<0.000000e+00> : tensor<1x2xf32>
// CHECK: %[[L0:.*]] = jx.slice %[[X]], start = [0, 0], limit = [1, 2], stride = [1, 1]
// CHECK: %[[L1:.*]] = jx.slice %[[X]], start = [1, 0], limit = [2, 2], stride = [1, 1]
// CHECK: jx.concatenate %[[Z]], %[[L0]], %[[L1]] dim = 0

func.func @main(%xs: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = jx.vmap @shift(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Nested vmaps: the inner expansion (axis "j") leaves the psum over the
// outer axis "i", batched elementwise; the outer expansion resolves it.

func.func private @inner(%x: tensor<f32>) -> tensor<f32> {
  %a = jx.psum %x, "i" : tensor<f32>
  %b = jx.psum %x, "j" : tensor<f32>
  %r = jx.add %a, %b : tensor<f32>
  return %r : tensor<f32>
}

func.func private @outer(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.vmap @inner(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "j"} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func private @inner.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK: jx.psum %[[X]], "i" : tensor<3xf32>
// CHECK: jx.reduce sum %[[X]], dims = [0] : (tensor<3xf32>) -> tensor<f32>
// CHECK-LABEL: func.func private @inner.vmap.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: jx.psum
// CHECK: jx.reduce sum %[[X]], dims = [0] : (tensor<2x3xf32>) -> tensor<3xf32>
// CHECK: jx.reduce sum %[[X]], dims = [1] : (tensor<2x3xf32>) -> tensor<2xf32>
// CHECK-LABEL: func.func private @outer.vmap
// CHECK: call @inner.vmap.vmap

func.func @main(%xs: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = jx.vmap @outer(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A call none of whose arguments is batched is batched anyway when the
// callee uses the bound axis (its variant maps no argument).

func.func private @lane(%s: tensor<i32>) -> tensor<i32> {
  %k = jx.axis_index "i" : tensor<i32>
  %r = jx.mul %s, %k : tensor<i32>
  return %r : tensor<i32>
}

func.func private @f(%x: tensor<i32>) -> tensor<i32> {
  %two = jx.constant dense<2> : tensor<i32>
  %l = call @lane(%two) : (tensor<i32>) -> tensor<i32>
  %r = jx.add %x, %l : tensor<i32>
  return %r : tensor<i32>
}

// CHECK-LABEL: func.func private @lane.vmap
// CHECK-SAME: (%[[S:.*]]: tensor<i32>) -> tensor<3xi32>
// CHECK: %[[K:.*]] = jx.iota dim = 0 : tensor<3xi32>
// CHECK: %[[SB:.*]] = jx.broadcast_in_dim %[[S]], dims = [] : (tensor<i32>) -> tensor<3xi32>
// CHECK: jx.mul %[[SB]], %[[K]] : tensor<3xi32>
// CHECK-LABEL: func.func private @f.vmap
// CHECK: call @lane.vmap(%{{.*}}) : (tensor<i32>) -> tensor<3xi32>

func.func @main(%xs: tensor<3xi32>) -> tensor<3xi32> {
  %0 = jx.vmap @f(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// all_gather over an outer axis under an inner vmap stays, its axis shifted
// past the inner batch dimension; the outer vmap resolves it.

func.func private @g(%x: tensor<2xf32>) -> tensor<5x2xf32> {
  %0 = jx.all_gather %x, "i", axis = 0 : (tensor<2xf32>) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

func.func private @h(%x: tensor<3x2xf32>) -> tensor<3x5x2xf32> {
  %0 = jx.vmap @g(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "j"} : (tensor<3x2xf32>) -> tensor<3x5x2xf32>
  return %0 : tensor<3x5x2xf32>
}

// CHECK-LABEL: func.func private @g.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<3x2xf32>) -> tensor<3x5x2xf32>
// CHECK: jx.all_gather %[[X]], "i", axis = 1 : (tensor<3x2xf32>) -> tensor<3x5x2xf32>
// CHECK-LABEL: func.func private @g.vmap.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<5x3x2xf32>) -> tensor<5x3x5x2xf32>
// CHECK-NOT: jx.all_gather
// CHECK: %[[T:.*]] = jx.transpose %[[X]], perm = [1, 0, 2] : (tensor<5x3x2xf32>) -> tensor<3x5x2xf32>
// CHECK: jx.broadcast_in_dim %[[T]], dims = [1, 2, 3] : (tensor<3x5x2xf32>) -> tensor<5x3x5x2xf32>

func.func @main(%xs: tensor<5x3x2xf32>) -> tensor<5x3x5x2xf32> {
  %0 = jx.vmap @h(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "i"} : (tensor<5x3x2xf32>) -> tensor<5x3x5x2xf32>
  return %0 : tensor<5x3x5x2xf32>
}

// -----

// Collectives under a pmap stay, with the pmap request.

func.func private @p(%x: tensor<f32>) -> tensor<f32> {
  %0 = jx.psum %x, "d" : tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @pmapped
// CHECK: jx.pmap @p
func.func @pmapped(%xs: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jx.pmap @p(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "d"} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
