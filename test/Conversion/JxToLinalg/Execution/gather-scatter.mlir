// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// gather clamps out-of-range starts so the slice fits; scatter combines
// repeated indices and drops windows that do not fit.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)

func.func @main() {
  // x[i, j] = 10 i + j
  %x = jx.constant dense<[[0.0, 1.0, 2.0, 3.0], [10.0, 11.0, 12.0, 13.0],
                          [20.0, 21.0, 22.0, 23.0], [30.0, 31.0, 32.0, 33.0],
                          [40.0, 41.0, 42.0, 43.0]]> : tensor<5x4xf32>

  // Rows 4, 0, 7 (clamped to 4), -1 (clamped to 0).
  // CHECK: data =
  // CHECK-NEXT: [40, 41, 42, 43],
  // CHECK-NEXT: [0, 1, 2, 3],
  // CHECK-NEXT: [40, 41, 42, 43],
  // CHECK-NEXT: [0, 1, 2, 3]]
  %rows = jx.constant dense<[4, 0, 7, -1]> : tensor<4xi32>
  %g = jx.gather %x[%rows], <offset_dims = [1], collapsed_slice_dims = [0],
                             start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<4xi32>) -> tensor<4x4xf32>
  %g_u = tensor.cast %g : tensor<4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%g_u) : (tensor<*xf32>) -> ()

  // 2x2 blocks at (1, 1) and (3, 5), the latter clamped to (3, 2); dynamic
  // number of index vectors.
  // CHECK: data =
  // CHECK-NEXT: {{\[}}{{\[}}11, 12],
  // CHECK-NEXT: [21, 22]],
  // CHECK-NEXT: {{\[}}[32, 33],
  // CHECK-NEXT: [42, 43]]]
  %starts = jx.constant dense<[[1, 1], [3, 5]]> : tensor<2x2xi64>
  %starts_d = tensor.cast %starts : tensor<2x2xi64> to tensor<?x2xi64>
  %b = jx.gather %x[%starts_d], <offset_dims = [1, 2], collapsed_slice_dims = [],
                                start_index_map = [0, 1], index_vector_dim = 1>,
         slice_sizes = [2, 2] : (tensor<5x4xf32>, tensor<?x2xi64>) -> tensor<?x2x2xf32>
  %b_u = tensor.cast %b : tensor<?x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%b_u) : (tensor<*xf32>) -> ()

  // scatter add of scalars with a repeated index (1) and two dropped ones
  // (5 and -1).
  // CHECK: data =
  // CHECK-NEXT: [0, 4, 0, 2, 0]
  %zeros = jx.constant dense<0.0> : tensor<5xf32>
  %idx = jx.constant dense<[1, 3, 1, 5, -1]> : tensor<5xi32>
  %upd = jx.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %sa = jx.scatter add %zeros[%idx], %upd, <update_window_dims = [],
          inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
          index_vector_dim = 1>
        : (tensor<5xf32>, tensor<5xi32>, tensor<5xf32>) -> tensor<5xf32>
  %sa_u = tensor.cast %sa : tensor<5xf32> to tensor<*xf32>
  call @printMemrefF32(%sa_u) : (tensor<*xf32>) -> ()

  // scatter add of rows (x.at[idx].add(v)) on a dynamic operand.
  // CHECK: data =
  // CHECK-NEXT: [1, 1, 1],
  // CHECK-NEXT: [0, 0, 0],
  // CHECK-NEXT: [12, 14, 16],
  // CHECK-NEXT: [0, 0, 0]]
  %m = jx.constant dense<0.0> : tensor<4x3xf32>
  %md = tensor.cast %m : tensor<4x3xf32> to tensor<?x3xf32>
  %ridx = jx.constant dense<[2, 0, 2]> : tensor<3xi32>
  %rupd = jx.constant dense<[[2.0, 3.0, 4.0], [1.0, 1.0, 1.0], [10.0, 11.0, 12.0]]> : tensor<3x3xf32>
  %sr = jx.scatter add %md[%ridx], %rupd, <update_window_dims = [1],
          inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
          index_vector_dim = 1>
        : (tensor<?x3xf32>, tensor<3xi32>, tensor<3x3xf32>) -> tensor<?x3xf32>
  %sr_u = tensor.cast %sr : tensor<?x3xf32> to tensor<*xf32>
  call @printMemrefF32(%sr_u) : (tensor<*xf32>) -> ()

  // scatter set of 2-element windows: the window at 3 fits, the one at 4
  // does not and is dropped entirely.
  // CHECK: data =
  // CHECK-NEXT: [0, 1, 2, 7, 8]
  %v = jx.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0]> : tensor<5xf32>
  %widx = jx.constant dense<[[3], [4]]> : tensor<2x1xi32>
  %wupd = jx.constant dense<[[7.0, 8.0], [9.0, 9.0]]> : tensor<2x2xf32>
  %ss = jx.scatter set %v[%widx], %wupd, <update_window_dims = [1],
          inserted_window_dims = [], scatter_dims_to_operand_dims = [0],
          index_vector_dim = 1>
        : (tensor<5xf32>, tensor<2x1xi32>, tensor<2x2xf32>) -> tensor<5xf32>
  %ss_u = tensor.cast %ss : tensor<5xf32> to tensor<*xf32>
  call @printMemrefF32(%ss_u) : (tensor<*xf32>) -> ()

  // Integer max, min and mul with repeated indices.
  // CHECK: data =
  // CHECK-NEXT: [9, 5, 2]
  // CHECK: data =
  // CHECK-NEXT: [-4, 1, 2]
  // CHECK: data =
  // CHECK-NEXT: [-108, 5, 2]
  %base = jx.constant dense<[3, 1, 2]> : tensor<3xi32>
  %iidx = jx.constant dense<[0, 1, 0, 0]> : tensor<4xi32>
  %iupd = jx.constant dense<[9, 5, -4, 1]> : tensor<4xi32>
  %smax = jx.scatter max %base[%iidx], %iupd, <update_window_dims = [],
          inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
          index_vector_dim = 1>
        : (tensor<3xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<3xi32>
  %smax_u = tensor.cast %smax : tensor<3xi32> to tensor<*xi32>
  call @printMemrefI32(%smax_u) : (tensor<*xi32>) -> ()
  %smin = jx.scatter min %base[%iidx], %iupd, <update_window_dims = [],
          inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
          index_vector_dim = 1>
        : (tensor<3xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<3xi32>
  %smin_u = tensor.cast %smin : tensor<3xi32> to tensor<*xi32>
  call @printMemrefI32(%smin_u) : (tensor<*xi32>) -> ()
  %smul = jx.scatter mul %base[%iidx], %iupd, <update_window_dims = [],
          inserted_window_dims = [0], scatter_dims_to_operand_dims = [0],
          index_vector_dim = 1>
        : (tensor<3xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<3xi32>
  %smul_u = tensor.cast %smul : tensor<3xi32> to tensor<*xi32>
  call @printMemrefI32(%smul_u) : (tensor<*xi32>) -> ()
  return
}
