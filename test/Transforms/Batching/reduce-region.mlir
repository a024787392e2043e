// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// reduce_region (argmax as a max with its index): the inputs get their batch
// dimension at 0, an unbatched input is broadcast, the reduced dimension
// shifts past it, and the combiner is copied as it is.

func.func private @argmax(%x: tensor<3x4xf32>, %idx: tensor<3x4xi32>) -> (tensor<3xf32>, tensor<3xi32>) {
  %ninf = jx.constant dense<0xFF800000> : tensor<f32>
  %zero = jx.constant dense<0> : tensor<i32>
  %m, %i = jx.reduce_region %x, %idx init(%ninf, %zero) dims = [1] : (tensor<3x4xf32>, tensor<3x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>) {
  ^bb0(%am: tensor<f32>, %ai: tensor<i32>, %em: tensor<f32>, %ei: tensor<i32>):
    %gt = jx.compare GT, %em, %am : tensor<f32>
    %m2 = jx.select %gt, %em, %am : tensor<i1>, tensor<f32>
    %i2 = jx.select %gt, %ei, %ai : tensor<i1>, tensor<i32>
    jx.yield %m2, %i2 : tensor<f32>, tensor<i32>
  }
  return %m, %i : tensor<3xf32>, tensor<3xi32>
}

// CHECK-LABEL: func.func private @argmax.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<3x4x2xf32>, %[[IDX:.*]]: tensor<3x4xi32>) -> (tensor<2x3xf32>, tensor<3x2xi32>)
// CHECK: %[[XT:.*]] = jx.transpose %[[X]], perm = [2, 0, 1] : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
// CHECK: %[[NINF:.*]] = jx.constant dense<0xFF800000> : tensor<f32>
// CHECK: %[[ZERO:.*]] = jx.constant dense<0> : tensor<i32>
// CHECK: %[[IB:.*]] = jx.broadcast_in_dim %[[IDX]], dims = [1, 2] : (tensor<3x4xi32>) -> tensor<2x3x4xi32>
// CHECK: %[[R:.*]]:2 = jx.reduce_region %[[XT]], %[[IB]] init(%[[NINF]], %[[ZERO]]) dims = [2] : (tensor<2x3x4xf32>, tensor<2x3x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<2x3xf32>, tensor<2x3xi32>) {
// CHECK-NEXT: ^bb0(%[[AM:.*]]: tensor<f32>, %[[AI:.*]]: tensor<i32>, %[[EM:.*]]: tensor<f32>, %[[EI:.*]]: tensor<i32>):
// CHECK-NEXT:   %[[GT:.*]] = jx.compare GT, %[[EM]], %[[AM]] : tensor<f32>
// CHECK-NEXT:   %[[M2:.*]] = jx.select %[[GT]], %[[EM]], %[[AM]] : tensor<i1>, tensor<f32>
// CHECK-NEXT:   %[[I2:.*]] = jx.select %[[GT]], %[[EI]], %[[AI]] : tensor<i1>, tensor<i32>
// CHECK-NEXT:   jx.yield %[[M2]], %[[I2]] : tensor<f32>, tensor<i32>
// CHECK-NEXT: }
// CHECK: %[[IT:.*]] = jx.transpose %[[R]]#1, perm = [1, 0] : (tensor<2x3xi32>) -> tensor<3x2xi32>
// CHECK: return %[[R]]#0, %[[IT]]

func.func @main(%xs: tensor<3x4x2xf32>, %idx: tensor<3x4xi32>) -> (tensor<2x3xf32>, tensor<3x2xi32>) {
  %0:2 = jx.vmap @argmax(%xs, %idx) {in_axes = array<i64: 2, -1>, out_axes = array<i64: 0, 1>} : (tensor<3x4x2xf32>, tensor<3x4xi32>) -> (tensor<2x3xf32>, tensor<3x2xi32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<3x2xi32>
}

// -----

// The combiner may use an unbatched value from above (the copy uses the
// batched function's value); a batch size known only at run time.

func.func private @wsum(%x: tensor<4xf32>, %k: tensor<f32>) -> tensor<f32> {
  %zero = jx.constant dense<0.0> : tensor<f32>
  %r = jx.reduce_region %x init(%zero) dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %e: tensor<f32>):
    %m = jx.mul %e, %k : tensor<f32>
    %s = jx.add %a, %m : tensor<f32>
    jx.yield %s : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func private @wsum.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[K:.*]]: tensor<f32>) -> tensor<?xf32>
// CHECK: %[[Z:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK: jx.reduce_region %[[X]] init(%[[Z]]) dims = [1] : (tensor<?x4xf32>, tensor<f32>) -> tensor<?xf32> {
// CHECK: jx.mul %{{.*}}, %[[K]] : tensor<f32>

func.func @main(%xs: tensor<?x4xf32>, %k: tensor<f32>) -> tensor<?xf32> {
  %0 = jx.vmap @wsum(%xs, %k) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<?x4xf32>, tensor<f32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
