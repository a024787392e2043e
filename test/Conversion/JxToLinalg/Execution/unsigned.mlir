// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// ui32 arithmetic lowered to signless i32 with unsigned ops: division and
// remainder (x / 0 is all ones, x % 0 is x), logical shifts (by 31, 0 and
// out of range), unsigned comparison and min/max, wrap-around negation,
// a function with ui32 arguments, iota.

func.func private @printMemrefI64(tensor<*xi64>)
func.func private @printMemrefI32(tensor<*xi32>)

// Prints ui32 values through i64 (printMemrefI32 would show them signed).
func.func @pu(%t: tensor<?xui32>) {
  %w = jx.convert %t : (tensor<?xui32>) -> tensor<?xi64>
  %u = tensor.cast %w : tensor<?xi64> to tensor<*xi64>
  call @printMemrefI64(%u) : (tensor<*xi64>) -> ()
  return
}
func.func @pb(%t: tensor<?xi1>) {
  %w = jx.convert %t : (tensor<?xi1>) -> tensor<?xi32>
  %u = tensor.cast %w : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

// A function on ui32 arguments: its signature becomes i32.
func.func @mix(%a: tensor<?xui32>, %b: tensor<?xui32>) -> tensor<?xui32> {
  %q = jx.div %a, %b : tensor<?xui32>
  %m = jx.max %q, %b : tensor<?xui32>
  return %m : tensor<?xui32>
}

func.func @main() {
  %as = jx.constant dense<[4294967295, 7, 2147483648, 10, 3, 4294967295]> : tensor<6xui32>
  %bs = jx.constant dense<[2, 0, 3, 4294967295, 1, 31]> : tensor<6xui32>
  // Reshapes to a dynamic size (tensor.cast does not take ui32 through the
  // conversion).
  %six = arith.constant 6 : index
  %a = jx.reshape %as, sizes(%six) : (tensor<6xui32>) -> tensor<?xui32>
  %b = jx.reshape %bs, sizes(%six) : (tensor<6xui32>) -> tensor<?xui32>
  // CHECK: data =
  // CHECK-NEXT: [2147483647,  4294967295,  715827882,  0,  3,  138547332]
  %div = jx.div %a, %b : tensor<?xui32>
  call @pu(%div) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [2147483647,  4294967295,  715827882,  0,  3,  138547332]
  %fd = jx.floor_div %a, %b : tensor<?xui32>
  call @pu(%fd) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  7,  2,  10,  0,  3]
  %rem = jx.rem %a, %b : tensor<?xui32>
  call @pu(%rem) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1073741823,  7,  268435456,  0,  1,  1]
  %shr = jx.shr %a, %b : tensor<?xui32>
  call @pu(%shr) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [4294967292,  7,  0,  0,  6,  2147483648]
  %shl = jx.shl %a, %b : tensor<?xui32>
  call @pu(%shl) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  0,  0,  1,  0,  0]
  %lt = jx.compare LT, %a, %b : tensor<?xui32>
  call @pb(%lt) : (tensor<?xi1>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [2,  0,  3,  10,  1,  31]
  %min = jx.min %a, %b : tensor<?xui32>
  call @pu(%min) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  4294967289,  2147483648,  4294967286,  4294967293,  1]
  %neg = jx.neg %a : tensor<?xui32>
  call @pu(%neg) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  1,  1,  1,  1,  1]
  %sign = jx.sign %a : tensor<?xui32>
  call @pu(%sign) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [2147483647,  4294967295,  715827882,  4294967295,  3,  138547332]
  %mix = call @mix(%a, %b) : (tensor<?xui32>, tensor<?xui32>) -> tensor<?xui32>
  call @pu(%mix) : (tensor<?xui32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  1,  2]
  %io = jx.iota dim = 0 : tensor<3xui32>
  %three = arith.constant 3 : index
  %iod = jx.reshape %io, sizes(%three) : (tensor<3xui32>) -> tensor<?xui32>
  call @pu(%iod) : (tensor<?xui32>) -> ()
  return
}
