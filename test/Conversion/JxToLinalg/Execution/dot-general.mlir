// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// Contractions: matmul, batched matmul, a transposed contraction (generic),
// matvec, dot and an integer matmul with dynamic shapes.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)

func.func @main() {
  %a = jx.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = jx.constant dense<[[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]]> : tensor<3x2xf32>

  // CHECK: data =
  // CHECK-NEXT: [7, -1],
  // CHECK-NEXT: [16, -1]
  %mm = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
      : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %mm_u = tensor.cast %mm : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%mm_u) : (tensor<*xf32>) -> ()

  // a @ a^T through contracting dims [1] x [1].
  // CHECK: data =
  // CHECK-NEXT: [14, 32],
  // CHECK-NEXT: [32, 77]
  %aat = jx.dot_general %a, %a, batching_dims = [] x [], contracting_dims = [1] x [1]
      : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  %aat_u = tensor.cast %aat : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%aat_u) : (tensor<*xf32>) -> ()

  // Batched: batch 0 is [[1,2],[3,4]] @ I, batch 1 is [[1,1],[1,1]] @ [[2,0],[0,3]].
  // CHECK: data =
  // CHECK-NEXT: {{\[}}{{\[}}1, 2],
  // CHECK-NEXT: [3, 4]],
  // CHECK-NEXT: {{\[}}[2, 3],
  // CHECK-NEXT: [2, 3]]]
  %l = jx.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[1.0, 1.0], [1.0, 1.0]]]> : tensor<2x2x2xf32>
  %r = jx.constant dense<[[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 3.0]]]> : tensor<2x2x2xf32>
  %bmm = jx.dot_general %l, %r, batching_dims = [0] x [0], contracting_dims = [2] x [1]
      : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  %bmm_u = tensor.cast %bmm : tensor<2x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%bmm_u) : (tensor<*xf32>) -> ()

  // The same batch with the batch dimension last on the rhs (generic).
  // CHECK: data =
  // CHECK-NEXT: {{\[}}{{\[}}1, 2],
  // CHECK-NEXT: [3, 4]],
  // CHECK-NEXT: {{\[}}[2, 3],
  // CHECK-NEXT: [2, 3]]]
  %rt = jx.transpose %r, perm = [1, 2, 0] : (tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  %bmm2 = jx.dot_general %l, %rt, batching_dims = [0] x [2], contracting_dims = [2] x [0]
      : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  %bmm2_u = tensor.cast %bmm2 : tensor<2x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%bmm2_u) : (tensor<*xf32>) -> ()

  // matvec and dot.
  // CHECK: data =
  // CHECK-NEXT: [-2, -2]
  // CHECK: data =
  // CHECK-NEXT: [14]
  %v = jx.constant dense<[1.0, 0.0, -1.0]> : tensor<3xf32>
  %mv = jx.dot_general %a, %v, batching_dims = [] x [], contracting_dims = [1] x [0]
      : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  %mv_u = tensor.cast %mv : tensor<2xf32> to tensor<*xf32>
  call @printMemrefF32(%mv_u) : (tensor<*xf32>) -> ()
  %w = jx.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %dot = jx.dot_general %w, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
      : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  %dot_u = tensor.cast %dot : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%dot_u) : (tensor<*xf32>) -> ()

  // Integer matmul with dynamic shapes.
  // CHECK: data =
  // CHECK-NEXT: [5, 6],
  // CHECK-NEXT: [11, 12]
  %ia = jx.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %ib = jx.constant dense<[[1, 0], [2, 3]]> : tensor<2x2xi32>
  %iad = tensor.cast %ia : tensor<2x2xi32> to tensor<?x?xi32>
  %ibd = tensor.cast %ib : tensor<2x2xi32> to tensor<?x?xi32>
  %imm = jx.dot_general %iad, %ibd, batching_dims = [] x [], contracting_dims = [1] x [0]
      : (tensor<?x?xi32>, tensor<?x?xi32>) -> tensor<?x?xi32>
  %imm_u = tensor.cast %imm : tensor<?x?xi32> to tensor<*xi32>
  call @printMemrefI32(%imm_u) : (tensor<*xi32>) -> ()
  return
}
