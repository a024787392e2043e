// RUN: jx-opt %s -jx-expand-autodiff -split-input-file | FileCheck %s

// The VJPs of the collectives (as in JAX: psum transposes to psum, ppermute
// to the inverse permutation, all_gather to psum then this participant's
// slice; pmax shares the summed cotangent among the participants that hold
// the maximum).
func.func private @f(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<2xf32>) {
  %s = jx.psum %x, "i" : tensor<2xf32>
  %p = jx.ppermute %x, "i", pairs = dense<[[0, 1], [1, 2]]> : tensor<2x2xi64> : tensor<2xf32>
  %g = jx.all_gather %x, "i", axis = 0 : (tensor<2xf32>) -> tensor<3x2xf32>
  %m = jx.pmax %x, "i" : tensor<2xf32>
  return %s, %p, %g, %m : tensor<2xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<2xf32>
}
func.func @main(%x: tensor<2xf32>, %a: tensor<2xf32>, %b: tensor<2xf32>, %c: tensor<3x2xf32>, %d: tensor<2xf32>) -> tensor<2xf32> {
  %r:5 = jx.vjp @f(%x, %a, %b, %c, %d) : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %r#4 : tensor<2xf32>
}

// CHECK-LABEL: func.func private @f.vjp.ad(
// CHECK-SAME: %[[X:[^:]*]]: tensor<2xf32>, %[[CS:[^:]*]]: tensor<2xf32>, %[[CP:[^:]*]]: tensor<2xf32>, %[[CG:[^:]*]]: tensor<3x2xf32>, %[[CM:[^:]*]]: tensor<2xf32>)
// CHECK: %[[ZERO:.*]] = jx.constant dense<0> : tensor<i32>
// CHECK: %[[MAX:.*]] = jx.pmax %[[X]], "i" : tensor<2xf32>
// CHECK-NEXT: %[[SUMCT:.*]] = jx.psum %[[CM]], "i" : tensor<2xf32>
// CHECK-NEXT: %[[HIT:.*]] = jx.compare EQ, %[[X]], %[[MAX]] : tensor<2xf32>
// CHECK-NEXT: %[[HITF:.*]] = jx.convert %[[HIT]] : (tensor<2xi1>) -> tensor<2xf32>
// CHECK-NEXT: %[[COUNT:.*]] = jx.psum %[[HITF]], "i" : tensor<2xf32>
// CHECK-NEXT: %[[SHARE:.*]] = jx.div %[[HITF]], %[[COUNT]] : tensor<2xf32>
// CHECK-NEXT: %[[DM:.*]] = jx.mul %[[SUMCT]], %[[SHARE]] : tensor<2xf32>
// CHECK-NEXT: %[[SUMG:.*]] = jx.psum %[[CG]], "i" : tensor<3x2xf32>
// CHECK-NEXT: %[[I:.*]] = jx.axis_index "i" : tensor<i32>
// CHECK-NEXT: %[[MINE:.*]] = jx.dynamic_slice %[[SUMG]][%[[I]], %[[ZERO]]], slice_sizes = [1, 2] : (tensor<3x2xf32>, tensor<i32>, tensor<i32>) -> tensor<1x2xf32>
// CHECK-NEXT: %[[DG:.*]] = jx.reshape %[[MINE]] : (tensor<1x2xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[A1:.*]] = jx.add %[[DM]], %[[DG]] : tensor<2xf32>
// CHECK-NEXT: %[[DP:.*]] = jx.ppermute %[[CP]], "i", pairs = dense<{{\[\[}}1, 0], [2, 1]]> : tensor<2x2xi64> : tensor<2xf32>
// CHECK-NEXT: %[[A2:.*]] = jx.add %[[A1]], %[[DP]] : tensor<2xf32>
// CHECK-NEXT: %[[DS:.*]] = jx.psum %[[CS]], "i" : tensor<2xf32>
// CHECK-NEXT: %[[A3:.*]] = jx.add %[[A2]], %[[DS]] : tensor<2xf32>
// CHECK-NEXT: return {{.*}}, %[[A3]] : tensor<2xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>
