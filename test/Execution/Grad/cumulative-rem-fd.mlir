// REQUIRES: mlir-runner
// RUN: jx-opt %s -jx-expand-autodiff -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// Gradients (jx.grad) and forward derivatives (jx.jvp) of cumulative
// max/min/prod, forward and reverse, and of jx.rem (fmod), in f64, against
// central finite differences; and the gradients at ties (cummax/cummin:
// the latest element in scan order equal to the running extreme gets it)
// and at zeros (cumprod). The surface language has no cummax/cummin/fmod,
// hence IR. For each op OP, @OP_rows(X) is sum(w * OP(X, axis 1)) per row,
// so one call evaluates the 4 finite-difference points X = x +- h e_i.
// Each check prints [grad], then [1] when |grad - fd| < 1e-6 everywhere
// and [1] when the jvp along t matches the directional difference.

func.func private @printMemrefF64(tensor<*xf64>)
func.func @print(%t: tensor<?xf64>) {
  %u = tensor.cast %t : tensor<?xf64> to tensor<*xf64>
  call @printMemrefF64(%u) : (tensor<*xf64>) -> ()
  return
}

/// Prints [1] when max |a - b| < 1e-6, else [0].
func.func @printClose(%a: tensor<4xf64>, %b: tensor<4xf64>) {
  %d = jx.sub %a, %b : tensor<4xf64>
  %e = jx.abs %d : tensor<4xf64>
  %m = jx.reduce max %e, dims = [0] : (tensor<4xf64>) -> tensor<f64>
  %tol = jx.constant dense<1.0e-6> : tensor<f64>
  %ok = jx.compare LT, %m, %tol : tensor<f64>
  %f = jx.convert %ok : (tensor<i1>) -> tensor<f64>
  %f1 = jx.reshape %f : (tensor<f64>) -> tensor<1xf64>
  %fd = tensor.cast %f1 : tensor<1xf64> to tensor<?xf64>
  call @print(%fd) : (tensor<?xf64>) -> ()
  return
}

func.func private @cummax_rows(%X: tensor<4x4xf64>) -> tensor<4xf64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %wb = jx.broadcast_in_dim %w, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %c = jx.cumulative max %X, axis = 1 : tensor<4x4xf64>
  %p = jx.mul %c, %wb : tensor<4x4xf64>
  %s = jx.reduce sum %p, dims = [1] : (tensor<4x4xf64>) -> tensor<4xf64>
  return %s : tensor<4xf64>
}
func.func private @cummax(%x: tensor<4xf64>) -> tensor<f64> {
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %r = call @cummax_rows(%X) : (tensor<4x4xf64>) -> tensor<4xf64>
  %s = jx.slice %r, start = [0], limit = [1], stride = [1] : (tensor<4xf64>) -> tensor<1xf64>
  %y = jx.reshape %s : (tensor<1xf64>) -> tensor<f64>
  return %y : tensor<f64>
}
func.func @check_cummax(%x: tensor<4xf64>) {
  %g = jx.grad @cummax(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  %H = jx.constant dense<[[1.0e-6, 0.0, 0.0, 0.0], [0.0, 1.0e-6, 0.0, 0.0],
                          [0.0, 0.0, 1.0e-6, 0.0], [0.0, 0.0, 0.0, 1.0e-6]]> : tensor<4x4xf64>
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %Xp = jx.add %X, %H : tensor<4x4xf64>
  %Xm = jx.sub %X, %H : tensor<4x4xf64>
  %fp = call @cummax_rows(%Xp) : (tensor<4x4xf64>) -> tensor<4xf64>
  %fm = call @cummax_rows(%Xm) : (tensor<4x4xf64>) -> tensor<4xf64>
  %df = jx.sub %fp, %fm : tensor<4xf64>
  %twoh = jx.constant dense<2.0e-6> : tensor<4xf64>
  %fd = jx.div %df, %twoh : tensor<4xf64>
  call @printClose(%g, %fd) : (tensor<4xf64>, tensor<4xf64>) -> ()
  // Forward mode along t against the directional difference.
  %t = jx.constant dense<[0.3, -0.7, 1.1, 0.5]> : tensor<4xf64>
  %y:2 = jx.jvp @cummax(%x, %t) : (tensor<4xf64>, tensor<4xf64>) -> (tensor<f64>, tensor<f64>)
  %h = jx.constant dense<1.0e-6> : tensor<4xf64>
  %ht = jx.mul %t, %h : tensor<4xf64>
  %xp = jx.add %x, %ht : tensor<4xf64>
  %xm = jx.sub %x, %ht : tensor<4xf64>
  %yp = func.call @cummax(%xp) : (tensor<4xf64>) -> tensor<f64>
  %ym = func.call @cummax(%xm) : (tensor<4xf64>) -> tensor<f64>
  %dy = jx.sub %yp, %ym : tensor<f64>
  %twoh0 = jx.constant dense<2.0e-6> : tensor<f64>
  %dfd = jx.div %dy, %twoh0 : tensor<f64>
  %a = jx.broadcast_in_dim %y#1, dims = [] : (tensor<f64>) -> tensor<4xf64>
  %b = jx.broadcast_in_dim %dfd, dims = [] : (tensor<f64>) -> tensor<4xf64>
  call @printClose(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> ()
  return
}
func.func @grad_cummax(%x: tensor<4xf64>) {
  %g = jx.grad @cummax(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  return
}

func.func private @cummax_rev_rows(%X: tensor<4x4xf64>) -> tensor<4xf64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %wb = jx.broadcast_in_dim %w, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %c = jx.cumulative max %X, axis = 1, reverse : tensor<4x4xf64>
  %p = jx.mul %c, %wb : tensor<4x4xf64>
  %s = jx.reduce sum %p, dims = [1] : (tensor<4x4xf64>) -> tensor<4xf64>
  return %s : tensor<4xf64>
}
func.func private @cummax_rev(%x: tensor<4xf64>) -> tensor<f64> {
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %r = call @cummax_rev_rows(%X) : (tensor<4x4xf64>) -> tensor<4xf64>
  %s = jx.slice %r, start = [0], limit = [1], stride = [1] : (tensor<4xf64>) -> tensor<1xf64>
  %y = jx.reshape %s : (tensor<1xf64>) -> tensor<f64>
  return %y : tensor<f64>
}
func.func @check_cummax_rev(%x: tensor<4xf64>) {
  %g = jx.grad @cummax_rev(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  %H = jx.constant dense<[[1.0e-6, 0.0, 0.0, 0.0], [0.0, 1.0e-6, 0.0, 0.0],
                          [0.0, 0.0, 1.0e-6, 0.0], [0.0, 0.0, 0.0, 1.0e-6]]> : tensor<4x4xf64>
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %Xp = jx.add %X, %H : tensor<4x4xf64>
  %Xm = jx.sub %X, %H : tensor<4x4xf64>
  %fp = call @cummax_rev_rows(%Xp) : (tensor<4x4xf64>) -> tensor<4xf64>
  %fm = call @cummax_rev_rows(%Xm) : (tensor<4x4xf64>) -> tensor<4xf64>
  %df = jx.sub %fp, %fm : tensor<4xf64>
  %twoh = jx.constant dense<2.0e-6> : tensor<4xf64>
  %fd = jx.div %df, %twoh : tensor<4xf64>
  call @printClose(%g, %fd) : (tensor<4xf64>, tensor<4xf64>) -> ()
  // Forward mode along t against the directional difference.
  %t = jx.constant dense<[0.3, -0.7, 1.1, 0.5]> : tensor<4xf64>
  %y:2 = jx.jvp @cummax_rev(%x, %t) : (tensor<4xf64>, tensor<4xf64>) -> (tensor<f64>, tensor<f64>)
  %h = jx.constant dense<1.0e-6> : tensor<4xf64>
  %ht = jx.mul %t, %h : tensor<4xf64>
  %xp = jx.add %x, %ht : tensor<4xf64>
  %xm = jx.sub %x, %ht : tensor<4xf64>
  %yp = func.call @cummax_rev(%xp) : (tensor<4xf64>) -> tensor<f64>
  %ym = func.call @cummax_rev(%xm) : (tensor<4xf64>) -> tensor<f64>
  %dy = jx.sub %yp, %ym : tensor<f64>
  %twoh0 = jx.constant dense<2.0e-6> : tensor<f64>
  %dfd = jx.div %dy, %twoh0 : tensor<f64>
  %a = jx.broadcast_in_dim %y#1, dims = [] : (tensor<f64>) -> tensor<4xf64>
  %b = jx.broadcast_in_dim %dfd, dims = [] : (tensor<f64>) -> tensor<4xf64>
  call @printClose(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> ()
  return
}
func.func @grad_cummax_rev(%x: tensor<4xf64>) {
  %g = jx.grad @cummax_rev(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  return
}

func.func private @cummin_rows(%X: tensor<4x4xf64>) -> tensor<4xf64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %wb = jx.broadcast_in_dim %w, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %c = jx.cumulative min %X, axis = 1 : tensor<4x4xf64>
  %p = jx.mul %c, %wb : tensor<4x4xf64>
  %s = jx.reduce sum %p, dims = [1] : (tensor<4x4xf64>) -> tensor<4xf64>
  return %s : tensor<4xf64>
}
func.func private @cummin(%x: tensor<4xf64>) -> tensor<f64> {
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %r = call @cummin_rows(%X) : (tensor<4x4xf64>) -> tensor<4xf64>
  %s = jx.slice %r, start = [0], limit = [1], stride = [1] : (tensor<4xf64>) -> tensor<1xf64>
  %y = jx.reshape %s : (tensor<1xf64>) -> tensor<f64>
  return %y : tensor<f64>
}
func.func @check_cummin(%x: tensor<4xf64>) {
  %g = jx.grad @cummin(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  %H = jx.constant dense<[[1.0e-6, 0.0, 0.0, 0.0], [0.0, 1.0e-6, 0.0, 0.0],
                          [0.0, 0.0, 1.0e-6, 0.0], [0.0, 0.0, 0.0, 1.0e-6]]> : tensor<4x4xf64>
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %Xp = jx.add %X, %H : tensor<4x4xf64>
  %Xm = jx.sub %X, %H : tensor<4x4xf64>
  %fp = call @cummin_rows(%Xp) : (tensor<4x4xf64>) -> tensor<4xf64>
  %fm = call @cummin_rows(%Xm) : (tensor<4x4xf64>) -> tensor<4xf64>
  %df = jx.sub %fp, %fm : tensor<4xf64>
  %twoh = jx.constant dense<2.0e-6> : tensor<4xf64>
  %fd = jx.div %df, %twoh : tensor<4xf64>
  call @printClose(%g, %fd) : (tensor<4xf64>, tensor<4xf64>) -> ()
  // Forward mode along t against the directional difference.
  %t = jx.constant dense<[0.3, -0.7, 1.1, 0.5]> : tensor<4xf64>
  %y:2 = jx.jvp @cummin(%x, %t) : (tensor<4xf64>, tensor<4xf64>) -> (tensor<f64>, tensor<f64>)
  %h = jx.constant dense<1.0e-6> : tensor<4xf64>
  %ht = jx.mul %t, %h : tensor<4xf64>
  %xp = jx.add %x, %ht : tensor<4xf64>
  %xm = jx.sub %x, %ht : tensor<4xf64>
  %yp = func.call @cummin(%xp) : (tensor<4xf64>) -> tensor<f64>
  %ym = func.call @cummin(%xm) : (tensor<4xf64>) -> tensor<f64>
  %dy = jx.sub %yp, %ym : tensor<f64>
  %twoh0 = jx.constant dense<2.0e-6> : tensor<f64>
  %dfd = jx.div %dy, %twoh0 : tensor<f64>
  %a = jx.broadcast_in_dim %y#1, dims = [] : (tensor<f64>) -> tensor<4xf64>
  %b = jx.broadcast_in_dim %dfd, dims = [] : (tensor<f64>) -> tensor<4xf64>
  call @printClose(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> ()
  return
}
func.func @grad_cummin(%x: tensor<4xf64>) {
  %g = jx.grad @cummin(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  return
}

func.func private @cummin_rev_rows(%X: tensor<4x4xf64>) -> tensor<4xf64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %wb = jx.broadcast_in_dim %w, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %c = jx.cumulative min %X, axis = 1, reverse : tensor<4x4xf64>
  %p = jx.mul %c, %wb : tensor<4x4xf64>
  %s = jx.reduce sum %p, dims = [1] : (tensor<4x4xf64>) -> tensor<4xf64>
  return %s : tensor<4xf64>
}
func.func private @cummin_rev(%x: tensor<4xf64>) -> tensor<f64> {
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %r = call @cummin_rev_rows(%X) : (tensor<4x4xf64>) -> tensor<4xf64>
  %s = jx.slice %r, start = [0], limit = [1], stride = [1] : (tensor<4xf64>) -> tensor<1xf64>
  %y = jx.reshape %s : (tensor<1xf64>) -> tensor<f64>
  return %y : tensor<f64>
}
func.func @check_cummin_rev(%x: tensor<4xf64>) {
  %g = jx.grad @cummin_rev(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  %H = jx.constant dense<[[1.0e-6, 0.0, 0.0, 0.0], [0.0, 1.0e-6, 0.0, 0.0],
                          [0.0, 0.0, 1.0e-6, 0.0], [0.0, 0.0, 0.0, 1.0e-6]]> : tensor<4x4xf64>
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %Xp = jx.add %X, %H : tensor<4x4xf64>
  %Xm = jx.sub %X, %H : tensor<4x4xf64>
  %fp = call @cummin_rev_rows(%Xp) : (tensor<4x4xf64>) -> tensor<4xf64>
  %fm = call @cummin_rev_rows(%Xm) : (tensor<4x4xf64>) -> tensor<4xf64>
  %df = jx.sub %fp, %fm : tensor<4xf64>
  %twoh = jx.constant dense<2.0e-6> : tensor<4xf64>
  %fd = jx.div %df, %twoh : tensor<4xf64>
  call @printClose(%g, %fd) : (tensor<4xf64>, tensor<4xf64>) -> ()
  // Forward mode along t against the directional difference.
  %t = jx.constant dense<[0.3, -0.7, 1.1, 0.5]> : tensor<4xf64>
  %y:2 = jx.jvp @cummin_rev(%x, %t) : (tensor<4xf64>, tensor<4xf64>) -> (tensor<f64>, tensor<f64>)
  %h = jx.constant dense<1.0e-6> : tensor<4xf64>
  %ht = jx.mul %t, %h : tensor<4xf64>
  %xp = jx.add %x, %ht : tensor<4xf64>
  %xm = jx.sub %x, %ht : tensor<4xf64>
  %yp = func.call @cummin_rev(%xp) : (tensor<4xf64>) -> tensor<f64>
  %ym = func.call @cummin_rev(%xm) : (tensor<4xf64>) -> tensor<f64>
  %dy = jx.sub %yp, %ym : tensor<f64>
  %twoh0 = jx.constant dense<2.0e-6> : tensor<f64>
  %dfd = jx.div %dy, %twoh0 : tensor<f64>
  %a = jx.broadcast_in_dim %y#1, dims = [] : (tensor<f64>) -> tensor<4xf64>
  %b = jx.broadcast_in_dim %dfd, dims = [] : (tensor<f64>) -> tensor<4xf64>
  call @printClose(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> ()
  return
}
func.func @grad_cummin_rev(%x: tensor<4xf64>) {
  %g = jx.grad @cummin_rev(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  return
}

func.func private @cumprod_rows(%X: tensor<4x4xf64>) -> tensor<4xf64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %wb = jx.broadcast_in_dim %w, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %c = jx.cumulative prod %X, axis = 1 : tensor<4x4xf64>
  %p = jx.mul %c, %wb : tensor<4x4xf64>
  %s = jx.reduce sum %p, dims = [1] : (tensor<4x4xf64>) -> tensor<4xf64>
  return %s : tensor<4xf64>
}
func.func private @cumprod(%x: tensor<4xf64>) -> tensor<f64> {
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %r = call @cumprod_rows(%X) : (tensor<4x4xf64>) -> tensor<4xf64>
  %s = jx.slice %r, start = [0], limit = [1], stride = [1] : (tensor<4xf64>) -> tensor<1xf64>
  %y = jx.reshape %s : (tensor<1xf64>) -> tensor<f64>
  return %y : tensor<f64>
}
func.func @check_cumprod(%x: tensor<4xf64>) {
  %g = jx.grad @cumprod(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  %H = jx.constant dense<[[1.0e-6, 0.0, 0.0, 0.0], [0.0, 1.0e-6, 0.0, 0.0],
                          [0.0, 0.0, 1.0e-6, 0.0], [0.0, 0.0, 0.0, 1.0e-6]]> : tensor<4x4xf64>
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %Xp = jx.add %X, %H : tensor<4x4xf64>
  %Xm = jx.sub %X, %H : tensor<4x4xf64>
  %fp = call @cumprod_rows(%Xp) : (tensor<4x4xf64>) -> tensor<4xf64>
  %fm = call @cumprod_rows(%Xm) : (tensor<4x4xf64>) -> tensor<4xf64>
  %df = jx.sub %fp, %fm : tensor<4xf64>
  %twoh = jx.constant dense<2.0e-6> : tensor<4xf64>
  %fd = jx.div %df, %twoh : tensor<4xf64>
  call @printClose(%g, %fd) : (tensor<4xf64>, tensor<4xf64>) -> ()
  // Forward mode along t against the directional difference.
  %t = jx.constant dense<[0.3, -0.7, 1.1, 0.5]> : tensor<4xf64>
  %y:2 = jx.jvp @cumprod(%x, %t) : (tensor<4xf64>, tensor<4xf64>) -> (tensor<f64>, tensor<f64>)
  %h = jx.constant dense<1.0e-6> : tensor<4xf64>
  %ht = jx.mul %t, %h : tensor<4xf64>
  %xp = jx.add %x, %ht : tensor<4xf64>
  %xm = jx.sub %x, %ht : tensor<4xf64>
  %yp = func.call @cumprod(%xp) : (tensor<4xf64>) -> tensor<f64>
  %ym = func.call @cumprod(%xm) : (tensor<4xf64>) -> tensor<f64>
  %dy = jx.sub %yp, %ym : tensor<f64>
  %twoh0 = jx.constant dense<2.0e-6> : tensor<f64>
  %dfd = jx.div %dy, %twoh0 : tensor<f64>
  %a = jx.broadcast_in_dim %y#1, dims = [] : (tensor<f64>) -> tensor<4xf64>
  %b = jx.broadcast_in_dim %dfd, dims = [] : (tensor<f64>) -> tensor<4xf64>
  call @printClose(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> ()
  return
}
func.func @grad_cumprod(%x: tensor<4xf64>) {
  %g = jx.grad @cumprod(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  return
}

func.func private @cumprod_rev_rows(%X: tensor<4x4xf64>) -> tensor<4xf64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %wb = jx.broadcast_in_dim %w, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %c = jx.cumulative prod %X, axis = 1, reverse : tensor<4x4xf64>
  %p = jx.mul %c, %wb : tensor<4x4xf64>
  %s = jx.reduce sum %p, dims = [1] : (tensor<4x4xf64>) -> tensor<4xf64>
  return %s : tensor<4xf64>
}
func.func private @cumprod_rev(%x: tensor<4xf64>) -> tensor<f64> {
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %r = call @cumprod_rev_rows(%X) : (tensor<4x4xf64>) -> tensor<4xf64>
  %s = jx.slice %r, start = [0], limit = [1], stride = [1] : (tensor<4xf64>) -> tensor<1xf64>
  %y = jx.reshape %s : (tensor<1xf64>) -> tensor<f64>
  return %y : tensor<f64>
}
func.func @check_cumprod_rev(%x: tensor<4xf64>) {
  %g = jx.grad @cumprod_rev(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  %H = jx.constant dense<[[1.0e-6, 0.0, 0.0, 0.0], [0.0, 1.0e-6, 0.0, 0.0],
                          [0.0, 0.0, 1.0e-6, 0.0], [0.0, 0.0, 0.0, 1.0e-6]]> : tensor<4x4xf64>
  %X = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf64>) -> tensor<4x4xf64>
  %Xp = jx.add %X, %H : tensor<4x4xf64>
  %Xm = jx.sub %X, %H : tensor<4x4xf64>
  %fp = call @cumprod_rev_rows(%Xp) : (tensor<4x4xf64>) -> tensor<4xf64>
  %fm = call @cumprod_rev_rows(%Xm) : (tensor<4x4xf64>) -> tensor<4xf64>
  %df = jx.sub %fp, %fm : tensor<4xf64>
  %twoh = jx.constant dense<2.0e-6> : tensor<4xf64>
  %fd = jx.div %df, %twoh : tensor<4xf64>
  call @printClose(%g, %fd) : (tensor<4xf64>, tensor<4xf64>) -> ()
  // Forward mode along t against the directional difference.
  %t = jx.constant dense<[0.3, -0.7, 1.1, 0.5]> : tensor<4xf64>
  %y:2 = jx.jvp @cumprod_rev(%x, %t) : (tensor<4xf64>, tensor<4xf64>) -> (tensor<f64>, tensor<f64>)
  %h = jx.constant dense<1.0e-6> : tensor<4xf64>
  %ht = jx.mul %t, %h : tensor<4xf64>
  %xp = jx.add %x, %ht : tensor<4xf64>
  %xm = jx.sub %x, %ht : tensor<4xf64>
  %yp = func.call @cumprod_rev(%xp) : (tensor<4xf64>) -> tensor<f64>
  %ym = func.call @cumprod_rev(%xm) : (tensor<4xf64>) -> tensor<f64>
  %dy = jx.sub %yp, %ym : tensor<f64>
  %twoh0 = jx.constant dense<2.0e-6> : tensor<f64>
  %dfd = jx.div %dy, %twoh0 : tensor<f64>
  %a = jx.broadcast_in_dim %y#1, dims = [] : (tensor<f64>) -> tensor<4xf64>
  %b = jx.broadcast_in_dim %dfd, dims = [] : (tensor<f64>) -> tensor<4xf64>
  call @printClose(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> ()
  return
}
func.func @grad_cumprod_rev(%x: tensor<4xf64>) {
  %g = jx.grad @cumprod_rev(%x) {argnums = array<i64: 0>} : (tensor<4xf64>) -> tensor<4xf64>
  %gd = tensor.cast %g : tensor<4xf64> to tensor<?xf64>
  call @print(%gd) : (tensor<?xf64>) -> ()
  return
}

/// sum(w * rem(x, y)): d/dx = w, d/dy = -w * trunc(x / y).
func.func private @rem(%x: tensor<4xf64>, %y: tensor<4xf64>) -> tensor<f64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %r = jx.rem %x, %y : tensor<4xf64>
  %p = jx.mul %r, %w : tensor<4xf64>
  %s = jx.reduce sum %p, dims = [0] : (tensor<4xf64>) -> tensor<f64>
  return %s : tensor<f64>
}
func.func private @rem_elems(%x: tensor<4xf64>, %y: tensor<4xf64>) -> tensor<4xf64> {
  %w = jx.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %r = jx.rem %x, %y : tensor<4xf64>
  %p = jx.mul %r, %w : tensor<4xf64>
  return %p : tensor<4xf64>
}

func.func @main() {
  %x = jx.constant dense<[0.5, 2.0, -1.0, 3.0]> : tensor<4xf64>
  // Ties: x[1] == x[2] is the running max (min) of both scans.
  %tie = jx.constant dense<[1.0, 2.0, 2.0, 0.5]> : tensor<4xf64>
  %tiemin = jx.constant dense<[3.0, 1.0, 1.0, 4.0]> : tensor<4xf64>
  %zero = jx.constant dense<[0.5, 0.0, 2.0, 1.5]> : tensor<4xf64>
  call @check_cummax(%x) : (tensor<4xf64>) -> ()
  call @check_cummax_rev(%x) : (tensor<4xf64>) -> ()
  call @check_cummin(%x) : (tensor<4xf64>) -> ()
  call @check_cummin_rev(%x) : (tensor<4xf64>) -> ()
  call @check_cumprod(%x) : (tensor<4xf64>) -> ()
  call @check_cumprod_rev(%x) : (tensor<4xf64>) -> ()
  call @check_cumprod(%zero) : (tensor<4xf64>) -> ()
  call @check_cumprod_rev(%zero) : (tensor<4xf64>) -> ()
  call @grad_cummax(%tie) : (tensor<4xf64>) -> ()
  call @grad_cummax_rev(%tie) : (tensor<4xf64>) -> ()
  call @grad_cummin(%tiemin) : (tensor<4xf64>) -> ()
  call @grad_cummin_rev(%tiemin) : (tensor<4xf64>) -> ()
  // rem away from its jumps: x / y = 2.75, -2.75, -2.4166, 0.333.
  %rx = jx.constant dense<[5.5, -5.5, 7.25, 1.0]> : tensor<4xf64>
  %ry = jx.constant dense<[2.0, 2.0, -3.0, 3.0]> : tensor<4xf64>
  %rg:2 = jx.grad @rem(%rx, %ry) {argnums = array<i64: 0, 1>} : (tensor<4xf64>, tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>)
  %rg0 = tensor.cast %rg#0 : tensor<4xf64> to tensor<?xf64>
  call @print(%rg0) : (tensor<?xf64>) -> ()
  %rg1 = tensor.cast %rg#1 : tensor<4xf64> to tensor<?xf64>
  call @print(%rg1) : (tensor<?xf64>) -> ()
  %h = jx.constant dense<1.0e-6> : tensor<4xf64>
  %twoh = jx.constant dense<2.0e-6> : tensor<4xf64>
  %ryp = jx.add %ry, %h : tensor<4xf64>
  %rym = jx.sub %ry, %h : tensor<4xf64>
  %fp = call @rem_elems(%rx, %ryp) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %fm = call @rem_elems(%rx, %rym) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %df = jx.sub %fp, %fm : tensor<4xf64>
  %fd = jx.div %df, %twoh : tensor<4xf64>
  call @printClose(%rg#1, %fd) : (tensor<4xf64>, tensor<4xf64>) -> ()
  // Forward mode: the tangent of rem(x, y) along (tx, ty) is tx - trunc(x/y) ty.
  %tx = jx.constant dense<[0.3, -0.7, 1.1, 0.5]> : tensor<4xf64>
  %ty = jx.constant dense<[1.0, 0.5, -2.0, 4.0]> : tensor<4xf64>
  %rj:2 = jx.jvp @rem(%rx, %ry, %tx, %ty) : (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) -> (tensor<f64>, tensor<f64>)
  %rjd = jx.reshape %rj#1 : (tensor<f64>) -> tensor<1xf64>
  %rjc = tensor.cast %rjd : tensor<1xf64> to tensor<?xf64>
  call @print(%rjc) : (tensor<?xf64>) -> ()
  return
}


// cummax at x: grad
// CHECK: data =
// CHECK-NEXT: [1,  -1.5,  0,  3]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cummax reverse at x: grad
// CHECK: data =
// CHECK-NEXT: [0,  0,  0,  2.5]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cummin at x: grad
// CHECK: data =
// CHECK-NEXT: [-1,  0,  3.5,  0]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cummin reverse at x: grad
// CHECK: data =
// CHECK-NEXT: [0,  0,  -0.5,  3]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cumprod at x: grad
// CHECK: data =
// CHECK-NEXT: [-22,  -5.75,  9.5,  -3]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cumprod reverse at x: grad
// CHECK: data =
// CHECK-NEXT: [-6,  4.5,  -7.5,  5.5]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cumprod, a zero at zero: grad
// CHECK: data =
// CHECK-NEXT: [1,  4,  0,  0]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cumprod reverse, a zero at zero: grad
// CHECK: data =
// CHECK-NEXT: [0,  -4.5,  0.75,  4]
//   grad == fd
// CHECK: data =
// CHECK-NEXT: [1]
//   jvp == fd
// CHECK: data =
// CHECK-NEXT: [1]
// cummax tie: x[1], x[2] (then x[2] for y[3]) get it
// CHECK: data =
// CHECK-NEXT: [1,  -2,  3.5,  0]
// cummax reverse tie: x[1] for y[0], y[1]
// CHECK: data =
// CHECK-NEXT: [0,  -1,  0.5,  3]
// cummin tie
// CHECK: data =
// CHECK-NEXT: [1,  -2,  3.5,  0]
// cummin reverse tie
// CHECK: data =
// CHECK-NEXT: [0,  -1,  0.5,  3]
// rem: d/dx = w
// CHECK: data =
// CHECK-NEXT: [1,  -2,  0.5,  3]
// rem: d/dy = -w trunc(x / y)
// CHECK: data =
// CHECK-NEXT: [-2,  -4,  1,  -0]
//   d/dy == fd
// CHECK: data =
// CHECK-NEXT: [1]
// rem jvp: sum(w (tx - trunc(x/y) ty))
// CHECK: data =
// CHECK-NEXT: [-2.25]
