// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// argmax/argmin: the first index of the extreme value; NaN counts as the
// extreme for both (NumPy); an all -inf row gives 0.

func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefI64(tensor<*xi64>)

func.func @main() {
  %x = jx.constant dense<[[1.0, 5.0, 5.0, 2.0],
                          [0x7FC00000, 3.0, 0x7FC00000, 9.0],
                          [7.0, 0x7FC00000, 7.0, -1.0],
                          [0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000],
                          [3.0, -4.0, 3.0, -4.0]]> : tensor<5x4xf32>

  // CHECK: data =
  // CHECK-NEXT: [1, 0, 1, 0, 0]
  %amax = jx.reduce argmax %x, dims = [1] : (tensor<5x4xf32>) -> tensor<5xi32>
  %amax_u = tensor.cast %amax : tensor<5xi32> to tensor<*xi32>
  call @printMemrefI32(%amax_u) : (tensor<*xi32>) -> ()

  // CHECK: data =
  // CHECK-NEXT: [0, 0, 1, 0, 1]
  %amin = jx.reduce argmin %x, dims = [1] : (tensor<5x4xf32>) -> tensor<5xi64>
  %amin_u = tensor.cast %amin : tensor<5xi64> to tensor<*xi64>
  call @printMemrefI64(%amin_u) : (tensor<*xi64>) -> ()

  // Along dimension 0 of a dynamic operand: columns.
  // CHECK: data =
  // CHECK-NEXT: [1, 2, 1, 1]
  %xd = tensor.cast %x : tensor<5x4xf32> to tensor<?x?xf32>
  %col = jx.reduce argmax %xd, dims = [0] : (tensor<?x?xf32>) -> tensor<?xi32>
  %col_u = tensor.cast %col : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%col_u) : (tensor<*xi32>) -> ()

  // Integers, with ties and the lowest value.
  // CHECK: data =
  // CHECK-NEXT: [2, 0]
  // CHECK: data =
  // CHECK-NEXT: [0, 1]
  %i = jx.constant dense<[[-2147483648, 4, 9, 9], [3, -5, 3, -5]]> : tensor<2x4xi32>
  %imax = jx.reduce argmax %i, dims = [1] : (tensor<2x4xi32>) -> tensor<2xi32>
  %imax_u = tensor.cast %imax : tensor<2xi32> to tensor<*xi32>
  call @printMemrefI32(%imax_u) : (tensor<*xi32>) -> ()
  %imin = jx.reduce argmin %i, dims = [1] : (tensor<2x4xi32>) -> tensor<2xi32>
  %imin_u = tensor.cast %imin : tensor<2xi32> to tensor<*xi32>
  call @printMemrefI32(%imin_u) : (tensor<*xi32>) -> ()
  return
}
