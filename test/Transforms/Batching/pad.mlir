// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// pad with a batched padding value: pad with zero, then select each batch
// element's value where a padded mask is false (the padding positions).

func.func private @padc(%x: tensor<4xf32>, %c: tensor<f32>) -> tensor<9xf32> {
  %0 = jx.pad %x, %c, low = [1], high = [1], interior = [1] : (tensor<4xf32>, tensor<f32>) -> tensor<9xf32>
  return %0 : tensor<9xf32>
}

// CHECK-LABEL: func.func private @padc.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[C:.*]]: tensor<3xf32>) -> tensor<3x9xf32>
// CHECK: %[[XB:.*]] = jx.broadcast_in_dim %[[X]], dims = [1] : (tensor<4xf32>) -> tensor<3x4xf32>
// CHECK: %[[Z:.*]] = jx.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[P:.*]] = jx.pad %[[XB]], %[[Z]], low = [0, 1], high = [0, 1], interior = [0, 1] : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x9xf32>
// CHECK: %[[T:.*]] = jx.constant dense<true> : tensor<i1>
// CHECK: %[[IN:.*]] = jx.broadcast_in_dim %[[T]], dims = [] : (tensor<i1>) -> tensor<3x4xi1>
// CHECK: %[[F:.*]] = jx.constant dense<false> : tensor<i1>
// CHECK: %[[M:.*]] = jx.pad %[[IN]], %[[F]], low = [0, 1], high = [0, 1], interior = [0, 1] : (tensor<3x4xi1>, tensor<i1>) -> tensor<3x9xi1>
// CHECK: %[[FILL:.*]] = jx.broadcast_in_dim %[[C]], dims = [0] : (tensor<3xf32>) -> tensor<3x9xf32>
// CHECK: %[[R:.*]] = jx.select %[[M]], %[[P]], %[[FILL]] : tensor<3x9xi1>, tensor<3x9xf32>
// CHECK: return %[[R]]

func.func @main(%x: tensor<4xf32>, %cs: tensor<3xf32>) -> tensor<3x9xf32> {
  %0 = jx.vmap @padc(%x, %cs) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<4xf32>, tensor<3xf32>) -> tensor<3x9xf32>
  return %0 : tensor<3x9xf32>
}
