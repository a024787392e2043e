// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// Elementwise corner cases, computed on dynamically shaped tensors: exp,
// log1p/expm1 near 0, round half to even, erf, rsqrt, sign; float
// floor_div/rem/pow as jnp (1 // 0.1 is 9, x // 0 is NaN, -1 // inf is -1);
// NaN through max/min/is_nan/is_finite/compare; total integer division
// (x / 0 = -1, x % 0 = x, INT_MIN / -1 = INT_MIN); shifts by 31, 32, 40
// and -1.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)

func.func @pf(%t: tensor<?xf32>) {
  %u = tensor.cast %t : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
func.func @pi(%t: tensor<?xi32>) {
  %u = tensor.cast %t : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
func.func @pb(%t: tensor<?xi1>) {
  %i = jx.convert %t : (tensor<?xi1>) -> tensor<?xi32>
  call @pi(%i) : (tensor<?xi32>) -> ()
  return
}

func.func @main() {
  %xs = jx.constant dense<[0.0, 1.0e-7, -2.5, 0.5, 1.5, 2.5, -0.5, 3.0]> : tensor<8xf32>
  %x = tensor.cast %xs : tensor<8xf32> to tensor<?xf32>
  // CHECK: data =
  // CHECK-NEXT: [1,  1,  0.082085,  1.64872,  4.48169,  12.1825,  0.606531,  20.0855]
  %e = jx.exp %x : tensor<?xf32>
  call @pf(%e) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  1e-07,  {{-?nan}},  0.405465,  0.916291,  1.25276,  -0.693147,  1.38629]
  %l = jx.log1p %x : tensor<?xf32>
  call @pf(%l) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  1e-07,  -0.917915,  0.648721,  3.48169,  11.1825,  -0.393469,  19.0855]
  %m = jx.expm1 %x : tensor<?xf32>
  call @pf(%m) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  0,  -2,  0,  2,  2,  -0,  3]
  %r = jx.round %x : tensor<?xf32>
  call @pf(%r) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  1.12838e-07,  -0.999593,  0.5205,  0.966105,  0.999593,  -0.5205,  0.999978]
  %er = jx.erf %x : tensor<?xf32>
  call @pf(%er) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [inf,  3162.28,  {{-?nan}},  1.41421,  0.816497,  0.632456,  {{-?nan}},  0.57735]
  %rs = jx.rsqrt %x : tensor<?xf32>
  call @pf(%rs) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  1,  -1,  1,  1,  1,  -1,  1]
  %sg = jx.sign %x : tensor<?xf32>
  call @pf(%sg) : (tensor<?xf32>) -> ()

  %as = jx.constant dense<[7.0, -7.0, 7.0, -7.0, 1.0, 0.0, 5.0, -1.0]> : tensor<8xf32>
  %bs = jx.constant dense<[2.0, 2.0, -2.0, -2.0, 0.1, 3.0, 0.0, 0x7F800000]> : tensor<8xf32>
  %a = tensor.cast %as : tensor<8xf32> to tensor<?xf32>
  %b = tensor.cast %bs : tensor<8xf32> to tensor<?xf32>
  // CHECK: data =
  // CHECK-NEXT: [3,  -4,  -4,  3,  9,  0,  {{-?nan}},  -1]
  %fd = jx.floor_div %a, %b : tensor<?xf32>
  call @pf(%fd) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  -1,  1,  -1,  0.1,  0,  {{-?nan}},  -1]
  %fr = jx.rem %a, %b : tensor<?xf32>
  call @pf(%fr) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [49,  49,  0.0204082,  0.0204082,  1,  0,  1,  1]
  %pw = jx.pow %a, %b : tensor<?xf32>
  call @pf(%pw) : (tensor<?xf32>) -> ()

  %nan = jx.constant dense<[0x7FC00000, 1.0, 2.0, 0x7F800000]> : tensor<4xf32>
  %one = jx.constant dense<[1.0, 0x7FC00000, 2.0, 1.0]> : tensor<4xf32>
  // CHECK: data =
  // CHECK-NEXT: [{{-?nan}},  {{-?nan}},  2,  inf]
  %mx = jx.max %nan, %one : tensor<4xf32>
  %mxd = tensor.cast %mx : tensor<4xf32> to tensor<?xf32>
  call @pf(%mxd) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [{{-?nan}},  {{-?nan}},  2,  1]
  %mn = jx.min %nan, %one : tensor<4xf32>
  %mnd = tensor.cast %mn : tensor<4xf32> to tensor<?xf32>
  call @pf(%mnd) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  0,  0,  0]
  %isn = jx.is_nan %nan : tensor<4xf32>
  %isnd = tensor.cast %isn : tensor<4xi1> to tensor<?xi1>
  call @pb(%isnd) : (tensor<?xi1>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  1,  1,  0]
  %isf = jx.is_finite %nan : tensor<4xf32>
  %isfd = tensor.cast %isf : tensor<4xi1> to tensor<?xi1>
  call @pb(%isfd) : (tensor<?xi1>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  1,  0,  1]
  %ne = jx.compare NE, %nan, %one : tensor<4xf32>
  %ned = tensor.cast %ne : tensor<4xi1> to tensor<?xi1>
  call @pb(%ned) : (tensor<?xi1>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  1,  1,  1]
  %eq = jx.compare EQ, %nan, %nan : tensor<4xf32>
  %eqd = tensor.cast %eq : tensor<4xi1> to tensor<?xi1>
  call @pb(%eqd) : (tensor<?xi1>) -> ()

  %ias = jx.constant dense<[7, -7, 7, -7, 5, -2147483648, 0, -9]> : tensor<8xi32>
  %ibs = jx.constant dense<[2, 2, -2, -2, 0, -1, 3, 4]> : tensor<8xi32>
  %ia = tensor.cast %ias : tensor<8xi32> to tensor<?xi32>
  %ib = tensor.cast %ibs : tensor<8xi32> to tensor<?xi32>
  // CHECK: data =
  // CHECK-NEXT: [3,  -3,  -3,  3,  -1,  -2147483648,  0,  -2]
  %idv = jx.div %ia, %ib : tensor<?xi32>
  call @pi(%idv) : (tensor<?xi32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [3,  -4,  -4,  3,  -1,  -2147483648,  0,  -3]
  %ifd = jx.floor_div %ia, %ib : tensor<?xi32>
  call @pi(%ifd) : (tensor<?xi32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  -1,  1,  -1,  5,  0,  0,  -1]
  %irm = jx.rem %ia, %ib : tensor<?xi32>
  call @pi(%irm) : (tensor<?xi32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [49,  49,  0,  0,  1,  0,  0,  6561]
  %ipw = jx.pow %ia, %ib : tensor<?xi32>
  call @pi(%ipw) : (tensor<?xi32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [7,  7,  7,  7,  5,  -2147483648,  0,  9]
  %iab = jx.abs %ia : tensor<?xi32>
  call @pi(%iab) : (tensor<?xi32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  -1,  1,  -1,  1,  -1,  0,  -1]
  %isg = jx.sign %ia : tensor<?xi32>
  call @pi(%isg) : (tensor<?xi32>) -> ()

  %vs = jx.constant dense<[1, -8, 1, -8, 1, -8, -1, 12]> : tensor<8xi32>
  %ss = jx.constant dense<[3, 1, 31, 31, 32, 32, 40, -1]> : tensor<8xi32>
  %v = tensor.cast %vs : tensor<8xi32> to tensor<?xi32>
  %s = tensor.cast %ss : tensor<8xi32> to tensor<?xi32>
  // CHECK: data =
  // CHECK-NEXT: [8,  -16,  -2147483648,  0,  0,  0,  0,  0]
  %shl = jx.shl %v, %s : tensor<?xi32>
  call @pi(%shl) : (tensor<?xi32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [0,  -4,  0,  -1,  0,  -1,  -1,  0]
  %shr = jx.shr %v, %s : tensor<?xi32>
  call @pi(%shr) : (tensor<?xi32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [-2,  7,  -2,  7,  -2,  7,  0,  -13]
  %nt = jx.not %v : tensor<?xi32>
  call @pi(%nt) : (tensor<?xi32>) -> ()
  return
}
