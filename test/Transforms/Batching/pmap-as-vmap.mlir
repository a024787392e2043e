// RUN: jx-opt %s -jx-pmap-as-vmap | FileCheck %s
// RUN: jx-opt %s -jx-pmap-as-vmap -jx-expand-vmap | FileCheck %s --check-prefix=EXPANDED

// Each jx.pmap becomes the jx.vmap with the same callee, arguments, axes and
// axis name; jx-expand-vmap then binds the collectives over that name.

func.func private @normalize(%x: tensor<f32>) -> tensor<f32> {
  %s = jx.psum %x, "d" : tensor<f32>
  %r = jx.div %x, %s : tensor<f32>
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[XS:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[R:.*]] = jx.vmap @normalize(%[[XS]]) {axis_name = "d", in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[R]] : tensor<4xf32>
// CHECK-NOT: jx.pmap

// EXPANDED-LABEL: func.func private @normalize.vmap
// EXPANDED: jx.reduce sum
// EXPANDED-NOT: jx.psum
// EXPANDED-LABEL: func.func @main
// EXPANDED-NEXT: call @normalize.vmap

func.func @main(%xs: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jx.pmap @normalize(%xs) {in_axes = array<i64: 0>, out_axes = array<i64: 0>, axis_name = "d"} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
