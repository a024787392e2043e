// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// Shape ops on dynamically shaped operands: a stretched size-1 dimension,
// a reshape that regroups two dynamic dimensions, transpose, reverse,
// strided slice, concatenation, interior and negative padding, clamped
// dynamic_slice / dynamic_update_slice starts, dim and from_index.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI64(tensor<*xi64>)

func.func @p1(%t: tensor<?xf32>) {
  %u = tensor.cast %t : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
func.func @p2(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// Each helper takes dynamically shaped operands, so the lowering takes its
// dynamic paths.
func.func @stretch(%x: tensor<1x?xf32>, %n: index) -> tensor<?x?xf32> {
  %m = jx.dim %x, 1 : tensor<1x?xf32>
  %0 = jx.broadcast_in_dim %x, dims = [0, 1], sizes(%n, %m) : (tensor<1x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
func.func @regroup(%x: tensor<?x?xf32>, %n: index, %m: index) -> tensor<?x?xf32> {
  %0 = jx.reshape %x, sizes(%n, %m) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
func.func @transpose(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = jx.transpose %x, perm = [1, 0] : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
func.func @concat(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %0 = jx.concatenate %a, %b, %a dim = 0 : (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
func.func @pad(%x: tensor<?xf32>, %z: tensor<f32>) -> tensor<?xf32> {
  %0 = jx.pad %x, %z, low = [-1], high = [2], interior = [1] : (tensor<?xf32>, tensor<f32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
func.func @reverse(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = jx.reverse %x, dims = [0, 1] : tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
func.func @dslice(%x: tensor<?xf32>, %i: tensor<i32>) -> tensor<?xf32> {
  %two = arith.constant 2 : index
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [-1], sizes(%two) : (tensor<?xf32>, tensor<i32>, index) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
func.func @dupdate(%x: tensor<?xf32>, %u: tensor<?xf32>, %i: tensor<i64>) -> tensor<?xf32> {
  %0 = jx.dynamic_update_slice %x[%i], %u : (tensor<?xf32>, tensor<?xf32>, tensor<i64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

func.func @main() {
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %row = jx.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %rowd = tensor.cast %row : tensor<1x3xf32> to tensor<1x?xf32>
  // CHECK: data =
  // CHECK-NEXT: {{\[\[}}1,   2,   3],
  // CHECK-NEXT: [1,   2,   3]]
  %b = call @stretch(%rowd, %c2) : (tensor<1x?xf32>, index) -> tensor<?x?xf32>
  call @p2(%b) : (tensor<?x?xf32>) -> ()

  %i6 = jx.iota dim = 1 : tensor<2x3xf32>
  %i6d = tensor.cast %i6 : tensor<2x3xf32> to tensor<?x?xf32>
  // CHECK: data =
  // CHECK-NEXT: {{\[\[}}0,   1],
  // CHECK-NEXT: [2,   0],
  // CHECK-NEXT: [1,   2]]
  %r = call @regroup(%i6d, %c3, %c2) : (tensor<?x?xf32>, index, index) -> tensor<?x?xf32>
  call @p2(%r) : (tensor<?x?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: {{\[\[}}0,   2,   1],
  // CHECK-NEXT: [1,   0,   2]]
  %t = call @transpose(%r) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  call @p2(%t) : (tensor<?x?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: {{\[\[}}2,   1],
  // CHECK-NEXT: [0,   2],
  // CHECK-NEXT: [1,   0]]
  %rv = call @reverse(%r) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  call @p2(%rv) : (tensor<?x?xf32>) -> ()

  %xs = jx.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0]> : tensor<5xf32>
  %x = tensor.cast %xs : tensor<5xf32> to tensor<?xf32>
  // CHECK: data =
  // CHECK-NEXT: [1,  4]
  %sl = jx.slice %x, start = [1], limit = [5], stride = [3] : (tensor<?xf32>) -> tensor<2xf32>
  %sld = tensor.cast %sl : tensor<2xf32> to tensor<?xf32>
  call @p1(%sld) : (tensor<?xf32>) -> ()
  // CHECK: data =
  // CHECK-NEXT: [1,  4,  0,  1,  2,  3,  4,  1,  4]
  %cc = call @concat(%sld, %x) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  call @p1(%cc) : (tensor<?xf32>) -> ()
  %nine = jx.constant dense<9.0> : tensor<f32>
  // CHECK: data =
  // CHECK-NEXT: [9,  4,  9,  9]
  %pd = call @pad(%sld, %nine) : (tensor<?xf32>, tensor<f32>) -> tensor<?xf32>
  call @p1(%pd) : (tensor<?xf32>) -> ()

  // Starts are clamped into [0, size - slice_size].
  %m5 = jx.constant dense<-5> : tensor<i32>
  // CHECK: data =
  // CHECK-NEXT: [0,  1]
  %s1 = call @dslice(%x, %m5) : (tensor<?xf32>, tensor<i32>) -> tensor<?xf32>
  call @p1(%s1) : (tensor<?xf32>) -> ()
  %p2i = jx.constant dense<2> : tensor<i32>
  // CHECK: data =
  // CHECK-NEXT: [2,  3]
  %s2 = call @dslice(%x, %p2i) : (tensor<?xf32>, tensor<i32>) -> tensor<?xf32>
  call @p1(%s2) : (tensor<?xf32>) -> ()
  %p9 = jx.constant dense<9> : tensor<i32>
  // CHECK: data =
  // CHECK-NEXT: [3,  4]
  %s3 = call @dslice(%x, %p9) : (tensor<?xf32>, tensor<i32>) -> tensor<?xf32>
  call @p1(%s3) : (tensor<?xf32>) -> ()
  %big = jx.constant dense<100> : tensor<i64>
  // CHECK: data =
  // CHECK-NEXT: [0,  1,  2,  1,  4]
  %up = call @dupdate(%x, %sld, %big) : (tensor<?xf32>, tensor<?xf32>, tensor<i64>) -> tensor<?xf32>
  call @p1(%up) : (tensor<?xf32>) -> ()
  %one = jx.constant dense<1> : tensor<i64>
  // CHECK: data =
  // CHECK-NEXT: [0,  1,  4,  3,  4]
  %up1 = call @dupdate(%x, %sld, %one) : (tensor<?xf32>, tensor<?xf32>, tensor<i64>) -> tensor<?xf32>
  call @p1(%up1) : (tensor<?xf32>) -> ()

  %n = jx.dim %cc, 0 : tensor<?xf32>
  // CHECK: data =
  // CHECK-NEXT: [9]
  %nt = jx.from_index %n : tensor<i64>
  %ntu = tensor.cast %nt : tensor<i64> to tensor<*xi64>
  call @printMemrefI64(%ntu) : (tensor<*xi64>) -> ()
  return
}
