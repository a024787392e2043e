// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// jx.convert between dtypes: truncation toward zero, bool semantics (NaN is
// true, -0.0 false, from bool 0/1), rounding into f16/bf16 (overflow to inf,
// subnormals, f16 -> bf16 through f32), sign and zero extension, unsigned
// conversions of ui32 (printed through i64), i64 -> i32 truncation.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefI64(tensor<*xi64>)
func.func private @printMemrefF64(tensor<*xf64>)

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
func.func @pl(%t: tensor<?xi64>) {
  %u = tensor.cast %t : tensor<?xi64> to tensor<*xi64>
  call @printMemrefI64(%u) : (tensor<*xi64>) -> ()
  return
}
func.func @pu(%t: tensor<?xui32>) {
  %w = jx.convert %t : (tensor<?xui32>) -> tensor<?xi64>
  call @pl(%w) : (tensor<?xi64>) -> ()
  return
}

func.func @main() {
  %fs = jx.constant dense<[2.7, -2.7, 0.0, 0x7FC00000, -0.0, 1.0e10, 65519.0, 3.0e-8]> : tensor<8xf32>
  %f = tensor.cast %fs : tensor<8xf32> to tensor<?xf32>
  // Float to int truncates toward zero (on values that fit).
  %gs = jx.constant dense<[2.7, -2.7, 0.0, -0.0, 1.0e10, -0.99]> : tensor<6xf32>
  %g = tensor.cast %gs : tensor<6xf32> to tensor<?xf32>
  // CHECK: data =
  // CHECK-NEXT: [2,  -2,  0,  0,  10000000000,  0]
  %gl = jx.convert %g : (tensor<?xf32>) -> tensor<?xi64>
  call @pl(%gl) : (tensor<?xi64>) -> ()
  %gis = jx.slice %g, start = [0], limit = [4], stride = [1] : (tensor<?xf32>) -> tensor<4xf32>
  // CHECK: data =
  // CHECK-NEXT: [2,  -2,  0,  0]
  %gi = jx.convert %gis : (tensor<4xf32>) -> tensor<4xi32>
  %gid = tensor.cast %gi : tensor<4xi32> to tensor<?xi32>
  call @pi(%gid) : (tensor<?xi32>) -> ()
  // To bool: NaN and -0.0? (-0.0 == 0, so false; NaN is true).
  %fb = jx.convert %f : (tensor<?xf32>) -> tensor<?xi1>
  // CHECK: data =
  // CHECK-NEXT: [1,  1,  0,  1,  0,  1,  1,  1]
  %fbi = jx.convert %fb : (tensor<?xi1>) -> tensor<?xi32>
  call @pi(%fbi) : (tensor<?xi32>) -> ()
  // Through f16 and bf16: rounding to the narrower formats.
  %h = jx.convert %f : (tensor<?xf32>) -> tensor<?xf16>
  // CHECK: data =
  // CHECK-NEXT: [2.69922,  -2.69922,  0,  {{-?nan}},  -0,  inf,  65504,  5.96046e-08]
  %hf = jx.convert %h : (tensor<?xf16>) -> tensor<?xf32>
  call @pf(%hf) : (tensor<?xf32>) -> ()
  %bf = jx.convert %f : (tensor<?xf32>) -> tensor<?xbf16>
  // CHECK: data =
  // CHECK-NEXT: [2.70312,  -2.70312,  0,  {{-?nan}},  -0,  9.99922e+09,  65536,  3.00352e-08]
  %bff = jx.convert %bf : (tensor<?xbf16>) -> tensor<?xf32>
  call @pf(%bff) : (tensor<?xf32>) -> ()
  %hb = jx.convert %h : (tensor<?xf16>) -> tensor<?xbf16>
  // CHECK: data =
  // CHECK-NEXT: [2.70312,  -2.70312,  0,  {{-?nan}},  -0,  inf,  65536,  5.96046e-08]
  %hbf = jx.convert %hb : (tensor<?xbf16>) -> tensor<?xf32>
  call @pf(%hbf) : (tensor<?xf32>) -> ()

  %is = jx.constant dense<[-1, 0, 1, 2147483647, -2147483648, 5]> : tensor<6xi32>
  %i = tensor.cast %is : tensor<6xi32> to tensor<?xi32>
  // Signed to i64 sign-extends; to ui32 keeps the bits (shown via i64).
  // CHECK: data =
  // CHECK-NEXT: [-1,  0,  1,  2147483647,  -2147483648,  5]
  %il = jx.convert %i : (tensor<?xi32>) -> tensor<?xi64>
  call @pl(%il) : (tensor<?xi64>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [4294967295,  0,  1,  2147483647,  2147483648,  5]
  %iu = jx.convert %i : (tensor<?xi32>) -> tensor<?xui32>
  call @pu(%iu) : (tensor<?xui32>) -> ()
  // ui32 to f32 is unsigned; i32 to f32 signed.
  // CHECK: data =
  // CHECK-NEXT: [4.29497e+09,  0,  1,  2.14748e+09,  2.14748e+09,  5]
  %uf = jx.convert %iu : (tensor<?xui32>) -> tensor<?xf32>
  call @pf(%uf) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [-1,  0,  1,  2.14748e+09,  -2.14748e+09,  5]
  %sf = jx.convert %i : (tensor<?xi32>) -> tensor<?xf32>
  call @pf(%sf) : (tensor<?xf32>) -> ()
  // To bool is != 0; from bool is 0 or 1.
  %ib = jx.convert %i : (tensor<?xi32>) -> tensor<?xi1>
  // CHECK: data =
  // CHECK-NEXT: [1,  0,  1,  1,  1,  1]
  %ibl = jx.convert %ib : (tensor<?xi1>) -> tensor<?xi64>
  call @pl(%ibl) : (tensor<?xi64>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  0,  1,  1,  1,  1]
  %ibf = jx.convert %ib : (tensor<?xi1>) -> tensor<?xf32>
  call @pf(%ibf) : (tensor<?xf32>) -> ()
  // i64 to i32 truncates.
  %ls = jx.constant dense<[4294967296, 4294967297, -1, 2147483648]> : tensor<4xi64>
  %l = tensor.cast %ls : tensor<4xi64> to tensor<?xi64>
  // CHECK: data =
  // CHECK-NEXT: [0,  1,  -1,  -2147483648]
  %li = jx.convert %l : (tensor<?xi64>) -> tensor<?xi32>
  call @pi(%li) : (tensor<?xi32>) -> ()
  // f32 to ui32 (in range) and f64 round trip.
  %ps = jx.constant dense<[3.0e9, 1.5, 4294967040.0]> : tensor<3xf32>
  %p = tensor.cast %ps : tensor<3xf32> to tensor<?xf32>
  // CHECK: data =
  // CHECK-NEXT: [3000000000,  1,  4294967040]
  %pu = jx.convert %p : (tensor<?xf32>) -> tensor<?xui32>
  call @pu(%pu) : (tensor<?xui32>) -> ()
  return
}
