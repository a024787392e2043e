// REQUIRES: mlir-runner
// RUN: jx-opt %s -convert-jx-to-linalg | %jx_lower_to_llvm \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// while: count and double until a bound; fori: sums of the counter over
// [lo, hi), none when hi <= lo; if/switch inside loops.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefI64(tensor<*xi64>)

func.func @main() {
  // Doubles x from 1 until it reaches 100, counting the steps: 7 steps, 128.
  // CHECK: data =
  // CHECK-NEXT: [7]
  // CHECK: data =
  // CHECK-NEXT: [128]
  %zero = jx.constant dense<0> : tensor<i32>
  %one = jx.constant dense<1> : tensor<i32>
  %x0 = jx.constant dense<1.0> : tensor<f32>
  %hundred = jx.constant dense<100.0> : tensor<f32>
  %n, %x = jx.while %zero, %x0 : tensor<i32>, tensor<f32> cond {
  ^bb0(%k: tensor<i32>, %v: tensor<f32>):
    %p = jx.compare LT, %v, %hundred : tensor<f32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%k: tensor<i32>, %v: tensor<f32>):
    %k1 = jx.add %k, %one : tensor<i32>
    %v1 = jx.add %v, %v : tensor<f32>
    jx.yield %k1, %v1 : tensor<i32>, tensor<f32>
  }
  %n_u = tensor.cast %n : tensor<i32> to tensor<*xi32>
  call @printMemrefI32(%n_u) : (tensor<*xi32>) -> ()
  %x_u = tensor.cast %x : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%x_u) : (tensor<*xf32>) -> ()

  // A while whose condition is false at once returns the init.
  // CHECK: data =
  // CHECK-NEXT: [1000]
  %big = jx.constant dense<1000.0> : tensor<f32>
  %same = jx.while %big : tensor<f32> cond {
  ^bb0(%v: tensor<f32>):
    %p = jx.compare LT, %v, %hundred : tensor<f32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%v: tensor<f32>):
    %v1 = jx.add %v, %v : tensor<f32>
    jx.yield %v1 : tensor<f32>
  }
  %same_u = tensor.cast %same : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%same_u) : (tensor<*xf32>) -> ()

  // fori: sum of i for i in [-2, 5) = 7 (i64 bounds), and an empty range.
  // CHECK: data =
  // CHECK-NEXT: [7]
  // CHECK: data =
  // CHECK-NEXT: [42]
  %lo = jx.constant dense<-2> : tensor<i64>
  %hi = jx.constant dense<5> : tensor<i64>
  %s0 = jx.constant dense<0> : tensor<i64>
  %sum = jx.fori %lo to %hi : tensor<i64> carry(%s0 : tensor<i64>) {
  ^bb0(%i: tensor<i64>, %s: tensor<i64>):
    %s1 = jx.add %s, %i : tensor<i64>
    jx.yield %s1 : tensor<i64>
  }
  %sum_u = tensor.cast %sum : tensor<i64> to tensor<*xi64>
  call @printMemrefI64(%sum_u) : (tensor<*xi64>) -> ()
  %c42 = jx.constant dense<42> : tensor<i64>
  %none = jx.fori %hi to %lo : tensor<i64> carry(%c42 : tensor<i64>) {
  ^bb0(%i: tensor<i64>, %s: tensor<i64>):
    %s1 = jx.add %s, %i : tensor<i64>
    jx.yield %s1 : tensor<i64>
  }
  %none_u = tensor.cast %none : tensor<i64> to tensor<*xi64>
  call @printMemrefI64(%none_u) : (tensor<*xi64>) -> ()

  // fori over a vector carry with a jx.if and a jx.switch in the body:
  // for i in [0, 4): v += (i < 2 ? 1 : 10) * w[switch(i - 1)], where the
  // switch index is clamped: i = 0 -> -1 -> branch 0.
  // v = w0 + w0 + 10 w1 + 10 w2 = [2, 10, 10] with w0, w1, w2 the unit
  // vectors.
  // CHECK: data =
  // CHECK-NEXT: [2, 10, 10]
  %lo32 = jx.constant dense<0> : tensor<i32>
  %hi32 = jx.constant dense<4> : tensor<i32>
  %two = jx.constant dense<2> : tensor<i32>
  %v0 = jx.constant dense<0.0> : tensor<3xf32>
  %w0 = jx.constant dense<[1.0, 0.0, 0.0]> : tensor<3xf32>
  %w1 = jx.constant dense<[0.0, 1.0, 0.0]> : tensor<3xf32>
  %w2 = jx.constant dense<[0.0, 0.0, 1.0]> : tensor<3xf32>
  %f1 = jx.constant dense<1.0> : tensor<3xf32>
  %f10 = jx.constant dense<10.0> : tensor<3xf32>
  %v = jx.fori %lo32 to %hi32 : tensor<i32> carry(%v0 : tensor<3xf32>) {
  ^bb0(%i: tensor<i32>, %acc: tensor<3xf32>):
    %small = jx.compare LT, %i, %two : tensor<i32>
    %scale = jx.if %small -> (tensor<3xf32>) {
      jx.yield %f1 : tensor<3xf32>
    } else {
      jx.yield %f10 : tensor<3xf32>
    }
    %im1 = jx.sub %i, %one : tensor<i32>
    %w = jx.switch %im1 -> (tensor<3xf32>) {
      jx.yield %w0 : tensor<3xf32>
    }, {
      jx.yield %w1 : tensor<3xf32>
    }, {
      jx.yield %w2 : tensor<3xf32>
    }
    %term = jx.mul %scale, %w : tensor<3xf32>
    %acc1 = jx.add %acc, %term : tensor<3xf32>
    jx.yield %acc1 : tensor<3xf32>
  }
  %v_u = tensor.cast %v : tensor<3xf32> to tensor<*xf32>
  call @printMemrefF32(%v_u) : (tensor<*xf32>) -> ()
  return
}
