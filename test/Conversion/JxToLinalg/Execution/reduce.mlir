// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// Reductions with fixed combiners: NaN propagation of max/min, the
// identities of empty reductions, reduce_region with an inlined body.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)

func.func @printF32(%t: tensor<?xf32>) {
  %u = tensor.cast %t : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @printI32(%t: tensor<?xi32>) {
  %u = tensor.cast %t : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @main() {
  %x = jx.constant dense<[[1.0, 0x7FC00000, 3.0], [4.0, -2.0, 6.0]]> : tensor<2x3xf32>

  // CHECK: data =
  // CHECK-NEXT: [nan, 6]
  %max = jx.reduce max %x, dims = [1] : (tensor<2x3xf32>) -> tensor<2xf32>
  %max_d = tensor.cast %max : tensor<2xf32> to tensor<?xf32>
  call @printF32(%max_d) : (tensor<?xf32>) -> ()

  // CHECK: data =
  // CHECK-NEXT: [nan, -2]
  %min = jx.reduce min %x, dims = [1] : (tensor<2x3xf32>) -> tensor<2xf32>
  %min_d = tensor.cast %min : tensor<2xf32> to tensor<?xf32>
  call @printF32(%min_d) : (tensor<?xf32>) -> ()

  // Column sums (over dimension 0): [5, nan, 9].
  // CHECK: data =
  // CHECK-NEXT: [5, nan, 9]
  %sum = jx.reduce sum %x, dims = [0] : (tensor<2x3xf32>) -> tensor<3xf32>
  %sum_d = tensor.cast %sum : tensor<3xf32> to tensor<?xf32>
  call @printF32(%sum_d) : (tensor<?xf32>) -> ()

  // A reduction over every dimension of a dynamic operand, and over both
  // dimensions in reverse order: prod of the second row.
  // CHECK: data =
  // CHECK-NEXT: [-48]
  %row = jx.constant dense<[[4.0, -2.0, 6.0]]> : tensor<1x3xf32>
  %row_d = tensor.cast %row : tensor<1x3xf32> to tensor<?x?xf32>
  %prod = jx.reduce prod %row_d, dims = [1, 0] : (tensor<?x?xf32>) -> tensor<f32>
  %p = tensor.extract %prod[] : tensor<f32>
  %prod_v = tensor.from_elements %p : tensor<1xf32>
  %prod_d = tensor.cast %prod_v : tensor<1xf32> to tensor<?xf32>
  call @printF32(%prod_d) : (tensor<?xf32>) -> ()

  // Empty reductions give the identities: sum 0, prod 1, max -inf, min +inf.
  // CHECK: data =
  // CHECK-NEXT: [0, 0]
  // CHECK: data =
  // CHECK-NEXT: [1, 1]
  // CHECK: data =
  // CHECK-NEXT: [-inf, -inf]
  // CHECK: data =
  // CHECK-NEXT: [inf, inf]
  %empty = tensor.empty() : tensor<0x2xf32>
  %e_sum = jx.reduce sum %empty, dims = [0] : (tensor<0x2xf32>) -> tensor<2xf32>
  %e_prod = jx.reduce prod %empty, dims = [0] : (tensor<0x2xf32>) -> tensor<2xf32>
  %e_max = jx.reduce max %empty, dims = [0] : (tensor<0x2xf32>) -> tensor<2xf32>
  %e_min = jx.reduce min %empty, dims = [0] : (tensor<0x2xf32>) -> tensor<2xf32>
  %e_sum_d = tensor.cast %e_sum : tensor<2xf32> to tensor<?xf32>
  %e_prod_d = tensor.cast %e_prod : tensor<2xf32> to tensor<?xf32>
  %e_max_d = tensor.cast %e_max : tensor<2xf32> to tensor<?xf32>
  %e_min_d = tensor.cast %e_min : tensor<2xf32> to tensor<?xf32>
  call @printF32(%e_sum_d) : (tensor<?xf32>) -> ()
  call @printF32(%e_prod_d) : (tensor<?xf32>) -> ()
  call @printF32(%e_max_d) : (tensor<?xf32>) -> ()
  call @printF32(%e_min_d) : (tensor<?xf32>) -> ()

  // Integer max/min and bitwise and/or.
  // CHECK: data =
  // CHECK-NEXT: [7, 14, 11]
  // CHECK: data =
  // CHECK-NEXT: [3, 2]
  %i = jx.constant dense<[[7, -9, 3], [6, 14, 11]]> : tensor<2x3xi32>
  %imax = jx.reduce max %i, dims = [0] : (tensor<2x3xi32>) -> tensor<3xi32>
  %imax_d = tensor.cast %imax : tensor<3xi32> to tensor<?xi32>
  call @printI32(%imax_d) : (tensor<?xi32>) -> ()
  %iand = jx.reduce and %i, dims = [1] : (tensor<2x3xi32>) -> tensor<2xi32>
  %iand_d = tensor.cast %iand : tensor<2xi32> to tensor<?xi32>
  call @printI32(%iand_d) : (tensor<?xi32>) -> ()

  // reduce_region: the sum and the count of elements above 2 per row.
  // CHECK: data =
  // CHECK-NEXT: [nan, 8]
  // CHECK: data =
  // CHECK-NEXT: [1, 2]
  %ones = jx.constant dense<1> : tensor<2x3xi32>
  %zero_f = jx.constant dense<0.0> : tensor<f32>
  %zero_i = jx.constant dense<0> : tensor<i32>
  %two = jx.constant dense<2.0> : tensor<f32>
  %s, %n = jx.reduce_region %x, %ones init(%zero_f, %zero_i) dims = [1]
      : (tensor<2x3xf32>, tensor<2x3xi32>, tensor<f32>, tensor<i32>)
      -> (tensor<2xf32>, tensor<2xi32>) {
  ^bb0(%as: tensor<f32>, %an: tensor<i32>, %es: tensor<f32>, %en: tensor<i32>):
    %s2 = jx.add %as, %es : tensor<f32>
    %big = jx.compare GT, %es, %two : tensor<f32>
    %inc = jx.select %big, %en, %zero_i : tensor<i1>, tensor<i32>
    %n2 = jx.add %an, %inc : tensor<i32>
    jx.yield %s2, %n2 : tensor<f32>, tensor<i32>
  }
  %s_d = tensor.cast %s : tensor<2xf32> to tensor<?xf32>
  call @printF32(%s_d) : (tensor<?xf32>) -> ()
  %n_d = tensor.cast %n : tensor<2xi32> to tensor<?xi32>
  call @printI32(%n_d) : (tensor<?xi32>) -> ()
  return
}
