// RUN: jx-opt %s | jx-opt | FileCheck %s
// RUN: jx-opt %s --mlir-print-op-generic | jx-opt | FileCheck %s

// CHECK-LABEL: func @collectives
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @collectives(%x: tensor<4xf32>) {
  // CHECK: jx.psum %[[X]], "batch" : tensor<4xf32>
  %0 = jx.psum %x, "batch" : tensor<4xf32>
  // CHECK: jx.pmean %[[X]], "batch" : tensor<4xf32>
  %1 = jx.pmean %x, "batch" : tensor<4xf32>
  // CHECK: jx.pmax %[[X]], "batch" : tensor<4xf32>
  %2 = jx.pmax %x, "batch" : tensor<4xf32>
  // CHECK: jx.pmin %[[X]], "batch" : tensor<4xf32>
  %3 = jx.pmin %x, "batch" : tensor<4xf32>
  // CHECK: jx.all_gather %[[X]], "batch", axis = 0 : (tensor<4xf32>) -> tensor<8x4xf32>
  %4 = jx.all_gather %x, "batch", axis = 0 : (tensor<4xf32>) -> tensor<8x4xf32>
  // CHECK: jx.all_gather %[[X]], "batch", axis = 0, tiled : (tensor<4xf32>) -> tensor<?xf32>
  %5 = jx.all_gather %x, "batch", axis = 0, tiled : (tensor<4xf32>) -> tensor<?xf32>
  // CHECK: jx.axis_index "batch" : tensor<i32>
  %6 = jx.axis_index "batch" : tensor<i32>
  // CHECK: jx.ppermute %[[X]], "ring", pairs = dense<{{\[}}[0, 1], [1, 0]]> : tensor<2x2xi64> : tensor<4xf32>
  %7 = jx.ppermute %x, "ring", pairs = dense<[[0, 1], [1, 0]]> : tensor<2x2xi64> : tensor<4xf32>
  return
}
