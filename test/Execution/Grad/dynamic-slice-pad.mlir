// REQUIRES: mlir-runner
// RUN: jx-opt %s -jx-expand-autodiff -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// Reverse mode through jx.slice (strided), jx.pad (negative edge padding,
// interior padding) and jx.concatenate on operands with `?` dimensions,
// which the frontend does not emit yet (it slices dynamic dimensions with
// dynamic_slice): each gradient is printed and compared with the gradient
// of the same function on static shapes (the static rules' slices and
// pads), which must agree exactly.

func.func private @printMemrefF64(tensor<*xf64>)
func.func @print(%t: tensor<?xf64>) {
  %u = tensor.cast %t : tensor<?xf64> to tensor<*xf64>
  call @printMemrefF64(%u) : (tensor<*xf64>) -> ()
  return
}

// sum(w * x[1:6:2]) + sum(pad(x, low -1, high 2, interior 1)^2)
//   + sum(concatenate(x, x[0:2])^3)
func.func private @f(%x: tensor<?xf64>) -> tensor<f64> {
  %w = jx.constant dense<[1.0, -2.0, 3.0]> : tensor<3xf64>
  %s = jx.slice %x, start = [1], limit = [6], stride = [2] : (tensor<?xf64>) -> tensor<3xf64>
  %sw = jx.mul %s, %w : tensor<3xf64>
  %a = jx.reduce sum %sw, dims = [0] : (tensor<3xf64>) -> tensor<f64>
  %c = jx.constant dense<0.25> : tensor<f64>
  %p = jx.pad %x, %c, low = [-1], high = [2], interior = [1] : (tensor<?xf64>, tensor<f64>) -> tensor<?xf64>
  %pp = jx.mul %p, %p : tensor<?xf64>
  %b = jx.reduce sum %pp, dims = [0] : (tensor<?xf64>) -> tensor<f64>
  %h = jx.slice %x, start = [0], limit = [2], stride = [1] : (tensor<?xf64>) -> tensor<2xf64>
  %k = jx.concatenate %x, %h dim = 0 : (tensor<?xf64>, tensor<2xf64>) -> tensor<?xf64>
  %k2 = jx.mul %k, %k : tensor<?xf64>
  %k3 = jx.mul %k2, %k : tensor<?xf64>
  %d = jx.reduce sum %k3, dims = [0] : (tensor<?xf64>) -> tensor<f64>
  %ab = jx.add %a, %b : tensor<f64>
  %r = jx.add %ab, %d : tensor<f64>
  return %r : tensor<f64>
}
func.func private @f_static(%x: tensor<7xf64>) -> tensor<f64> {
  %w = jx.constant dense<[1.0, -2.0, 3.0]> : tensor<3xf64>
  %s = jx.slice %x, start = [1], limit = [6], stride = [2] : (tensor<7xf64>) -> tensor<3xf64>
  %sw = jx.mul %s, %w : tensor<3xf64>
  %a = jx.reduce sum %sw, dims = [0] : (tensor<3xf64>) -> tensor<f64>
  %c = jx.constant dense<0.25> : tensor<f64>
  %p = jx.pad %x, %c, low = [-1], high = [2], interior = [1] : (tensor<7xf64>, tensor<f64>) -> tensor<14xf64>
  %pp = jx.mul %p, %p : tensor<14xf64>
  %b = jx.reduce sum %pp, dims = [0] : (tensor<14xf64>) -> tensor<f64>
  %h = jx.slice %x, start = [0], limit = [2], stride = [1] : (tensor<7xf64>) -> tensor<2xf64>
  %k = jx.concatenate %x, %h dim = 0 : (tensor<7xf64>, tensor<2xf64>) -> tensor<9xf64>
  %k2 = jx.mul %k, %k : tensor<9xf64>
  %k3 = jx.mul %k2, %k : tensor<9xf64>
  %d = jx.reduce sum %k3, dims = [0] : (tensor<9xf64>) -> tensor<f64>
  %ab = jx.add %a, %b : tensor<f64>
  %r = jx.add %ab, %d : tensor<f64>
  return %r : tensor<f64>
}

// A 2-D pad with interior padding on the dynamic dimension and the static
// one, and negative edges on both: sum(w * pad(x)) for a pattern w.
func.func private @g(%x: tensor<?x2xf64>) -> tensor<f64> {
  %c = jx.constant dense<0.0> : tensor<f64>
  %p = jx.pad %x, %c, low = [1, -1], high = [-1, 1], interior = [2, 1] : (tensor<?x2xf64>, tensor<f64>) -> tensor<?x3xf64>
  %n = jx.dim %p, 0 : tensor<?x3xf64>
  %i = jx.iota dim = 0, sizes(%n) : tensor<?x3xf64>
  %j = jx.iota dim = 1, sizes(%n) : tensor<?x3xf64>
  %ten = jx.constant dense<10.0> : tensor<f64>
  %tenb = jx.broadcast_in_dim %ten, dims = [], sizes(%n) : (tensor<f64>) -> tensor<?x3xf64>
  %i10 = jx.mul %i, %tenb : tensor<?x3xf64>
  %w = jx.add %i10, %j : tensor<?x3xf64>
  %pw = jx.mul %p, %w : tensor<?x3xf64>
  %s = jx.reduce sum %pw, dims = [0, 1] : (tensor<?x3xf64>) -> tensor<f64>
  return %s : tensor<f64>
}

func.func @main() {
  %c2 = arith.constant 2 : index
  %x = jx.constant dense<[0.5, -1.0, 2.0, 1.5, -0.5, 3.0, 1.0]> : tensor<7xf64>
  %xd = tensor.cast %x : tensor<7xf64> to tensor<?xf64>
  %g = jx.grad @f(%xd) {argnums = array<i64: 0>} : (tensor<?xf64>) -> tensor<?xf64>
  call @print(%g) : (tensor<?xf64>) -> ()
  %gs = jx.grad @f_static(%x) {argnums = array<i64: 0>} : (tensor<7xf64>) -> tensor<7xf64>
  %gsd = tensor.cast %gs : tensor<7xf64> to tensor<?xf64>
  %eq = jx.compare EQ, %g, %gsd : tensor<?xf64>
  %eqf = jx.convert %eq : (tensor<?xi1>) -> tensor<?xf64>
  call @print(%eqf) : (tensor<?xf64>) -> ()

  %y = jx.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf64>
  %yd = tensor.cast %y : tensor<3x2xf64> to tensor<?x2xf64>
  %gy = jx.grad @g(%yd) {argnums = array<i64: 0>} : (tensor<?x2xf64>) -> tensor<?x2xf64>
  %r = jx.dim %gy, 0 : tensor<?x2xf64>
  %six = arith.muli %r, %c2 : index
  %gyf = jx.reshape %gy, sizes(%six) : (tensor<?x2xf64>) -> tensor<?xf64>
  call @print(%gyf) : (tensor<?xf64>) -> ()
  return
}

// f: w at x[1], x[3], x[5] from the slice; 2 x[i] from the pad except for
// x[0], which its low edge of -1 removes; 3 x[i]^2 from the concatenate,
// twice for x[0] and x[1].
// CHECK: data =
// CHECK-NEXT: [1.5,  5,  16,  7.75,  -0.25,  36,  5]
// CHECK: data =
// CHECK-NEXT: [1,  1,  1,  1,  1,  1,  1]
// g: rows land at padded rows 1, 4 (row 2 at 7 is cut by high = -1) and
// column 1 at padded column 1 (column 0 is cut by low = -1), so x[r, 1]
// gets w = 10 * (3 r + 1) + 1.
// CHECK: data =
// CHECK-NEXT: [0,  11,  0,  41,  0,  0]
