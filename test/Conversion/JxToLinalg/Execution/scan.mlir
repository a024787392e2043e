// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// scan: carries and stacked outputs, forward and reverse (ys[t] is the output
// of step t either way), rows of a matrix as xs, dynamic lengths and inner
// sizes, and a scan without xs.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)

func.func @main() {
  %zero = jx.constant dense<0.0> : tensor<f32>
  %xs = jx.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>

  // Cumulative sum: carry 15, ys = [1, 3, 6, 10, 15].
  // CHECK: data =
  // CHECK-NEXT: [15]
  // CHECK: data =
  // CHECK-NEXT: [1, 3, 6, 10, 15]
  %c, %ys = jx.scan init(%zero : tensor<f32>) xs(%xs : tensor<5xf32>)
      -> (tensor<f32>, tensor<5xf32>) {
  ^bb0(%acc: tensor<f32>, %x: tensor<f32>):
    %s = jx.add %acc, %x : tensor<f32>
    jx.yield %s, %s : tensor<f32>, tensor<f32>
  }
  %c_u = tensor.cast %c : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%c_u) : (tensor<*xf32>) -> ()
  %ys_u = tensor.cast %ys : tensor<5xf32> to tensor<*xf32>
  call @printMemrefF32(%ys_u) : (tensor<*xf32>) -> ()

  // Reverse on a dynamic length: steps run from the last element, ys[t] is
  // still the output of step t: [15, 14, 12, 9, 5]. A second carry counts
  // the steps.
  // CHECK: data =
  // CHECK-NEXT: [15]
  // CHECK: data =
  // CHECK-NEXT: [5]
  // CHECK: data =
  // CHECK-NEXT: [15, 14, 12, 9, 5]
  %xs_d = tensor.cast %xs : tensor<5xf32> to tensor<?xf32>
  %n0 = jx.constant dense<0> : tensor<i32>
  %one = jx.constant dense<1> : tensor<i32>
  %rc, %rn, %rys = jx.scan init(%zero, %n0 : tensor<f32>, tensor<i32>)
      xs(%xs_d : tensor<?xf32>) reverse
      -> (tensor<f32>, tensor<i32>, tensor<?xf32>) {
  ^bb0(%acc: tensor<f32>, %k: tensor<i32>, %x: tensor<f32>):
    %s = jx.add %acc, %x : tensor<f32>
    %k1 = jx.add %k, %one : tensor<i32>
    jx.yield %s, %k1, %s : tensor<f32>, tensor<i32>, tensor<f32>
  }
  %rc_u = tensor.cast %rc : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%rc_u) : (tensor<*xf32>) -> ()
  %rn_u = tensor.cast %rn : tensor<i32> to tensor<*xi32>
  call @printMemrefI32(%rn_u) : (tensor<*xi32>) -> ()
  %rys_u = tensor.cast %rys : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%rys_u) : (tensor<*xf32>) -> ()

  // Rows of a matrix with a dynamic inner size: running row sums, reversed,
  // and the rows themselves scaled by 2 as a second stacked output.
  // CHECK: data =
  // CHECK-NEXT: [9, 12]
  // CHECK: data =
  // CHECK-NEXT: [9, 12],
  // CHECK-NEXT: [8, 10],
  // CHECK-NEXT: [5, 6]]
  // CHECK: data =
  // CHECK-NEXT: [2, 4],
  // CHECK-NEXT: [6, 8],
  // CHECK-NEXT: [10, 12]]
  %m = jx.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %md = tensor.cast %m : tensor<3x2xf32> to tensor<?x?xf32>
  %z2 = jx.constant dense<0.0> : tensor<2xf32>
  %z2d = tensor.cast %z2 : tensor<2xf32> to tensor<?xf32>
  %mc, %mys, %dbl = jx.scan init(%z2d : tensor<?xf32>) xs(%md : tensor<?x?xf32>) reverse
      -> (tensor<?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) {
  ^bb0(%acc: tensor<?xf32>, %row: tensor<?xf32>):
    %s = jx.add %acc, %row : tensor<?xf32>
    %d = jx.add %row, %row : tensor<?xf32>
    jx.yield %s, %s, %d : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
  }
  %mc_u = tensor.cast %mc : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%mc_u) : (tensor<*xf32>) -> ()
  %mys_u = tensor.cast %mys : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%mys_u) : (tensor<*xf32>) -> ()
  %dbl_u = tensor.cast %dbl : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%dbl_u) : (tensor<*xf32>) -> ()

  // No xs: 4 steps of doubling from 1, stacking the carry before each step.
  // CHECK: data =
  // CHECK-NEXT: [16]
  // CHECK: data =
  // CHECK-NEXT: [1, 2, 4, 8]
  %i1 = jx.constant dense<1> : tensor<i32>
  %p, %pows = jx.scan init(%i1 : tensor<i32>) attributes {length = 4 : i64}
      -> (tensor<i32>, tensor<4xi32>) {
  ^bb0(%v: tensor<i32>):
    %v2 = jx.add %v, %v : tensor<i32>
    jx.yield %v2, %v : tensor<i32>, tensor<i32>
  }
  %p_u = tensor.cast %p : tensor<i32> to tensor<*xi32>
  call @printMemrefI32(%p_u) : (tensor<*xi32>) -> ()
  %pows_u = tensor.cast %pows : tensor<4xi32> to tensor<*xi32>
  call @printMemrefI32(%pows_u) : (tensor<*xi32>) -> ()
  return
}
