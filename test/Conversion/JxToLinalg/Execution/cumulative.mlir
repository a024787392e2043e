// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// Inclusive prefix reductions along an axis, forward and reverse, on static
// and dynamic shapes.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)

func.func @main() {
  %x = jx.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>

  // CHECK: data =
  // CHECK-NEXT: [1, 3, 6, 10]
  %sum = jx.cumulative sum %x, axis = 0 : tensor<4xf32>
  %sum_u = tensor.cast %sum : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%sum_u) : (tensor<*xf32>) -> ()

  // CHECK: data =
  // CHECK-NEXT: [10, 9, 7, 4]
  %rsum = jx.cumulative sum %x, axis = 0, reverse : tensor<4xf32>
  %rsum_u = tensor.cast %rsum : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%rsum_u) : (tensor<*xf32>) -> ()

  // Along the rows of a dynamic matrix, reverse product.
  // CHECK: data =
  // CHECK-NEXT: [24, 24, 12, 4],
  // CHECK-NEXT: [-6, 6, 3, 1]
  %m = jx.constant dense<[[1.0, 2.0, 3.0, 4.0], [-1.0, 2.0, 3.0, 1.0]]> : tensor<2x4xf32>
  %md = tensor.cast %m : tensor<2x4xf32> to tensor<?x?xf32>
  %rprod = jx.cumulative prod %md, axis = 1, reverse : tensor<?x?xf32>
  %rprod_u = tensor.cast %rprod : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%rprod_u) : (tensor<*xf32>) -> ()

  // Down the columns: running max (NaN propagates from where it appears).
  // CHECK: data =
  // CHECK-NEXT: [3, 1, 2],
  // CHECK-NEXT: [3, nan, 5],
  // CHECK-NEXT: [4, nan, 5]
  %c = jx.constant dense<[[3.0, 1.0, 2.0], [0.0, 0x7FC00000, 5.0], [4.0, 9.0, 1.0]]> : tensor<3x3xf32>
  %cmax = jx.cumulative max %c, axis = 0 : tensor<3x3xf32>
  %cmax_u = tensor.cast %cmax : tensor<3x3xf32> to tensor<*xf32>
  call @printMemrefF32(%cmax_u) : (tensor<*xf32>) -> ()

  // Integer running min, reversed.
  // CHECK: data =
  // CHECK-NEXT: [-3, -3, 2, 5]
  %i = jx.constant dense<[4, -3, 2, 5]> : tensor<4xi32>
  %imin = jx.cumulative min %i, axis = 0, reverse : tensor<4xi32>
  %imin_u = tensor.cast %imin : tensor<4xi32> to tensor<*xi32>
  call @printMemrefI32(%imin_u) : (tensor<*xi32>) -> ()
  return
}
