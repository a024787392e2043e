// RUN: jx-opt %s -split-input-file | jx-opt -split-input-file | FileCheck %s
// RUN: jx-opt %s -split-input-file --mlir-print-op-generic | jx-opt -split-input-file | FileCheck %s

// CHECK-LABEL: func @constants
func.func @constants() -> (tensor<2xf32>, tensor<i32>, tensor<2x2xi1>, tensor<3xui32>) {
  // CHECK: jx.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %0 = jx.constant dense<[1.0, 2.0]> : tensor<2xf32>
  // CHECK: jx.constant dense<7> : tensor<i32>
  %1 = jx.constant dense<7> : tensor<i32>
  // CHECK: jx.constant dense<true> : tensor<2x2xi1>
  %2 = jx.constant dense<true> : tensor<2x2xi1>
  // CHECK: jx.constant dense<[1, 2, 3]> : tensor<3xui32>
  %3 = jx.constant dense<[1, 2, 3]> : tensor<3xui32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<i32>, tensor<2x2xi1>, tensor<3xui32>
}

// -----

// CHECK-LABEL: func @iota
// CHECK-SAME: (%[[N:.*]]: index)
func.func @iota(%n: index) -> (tensor<4xi32>, tensor<?x3xf32>) {
  // CHECK: jx.iota dim = 0 : tensor<4xi32>
  %0 = jx.iota dim = 0 : tensor<4xi32>
  // CHECK: jx.iota dim = 1, sizes(%[[N]]) : tensor<?x3xf32>
  %1 = jx.iota dim = 1, sizes(%n) : tensor<?x3xf32>
  return %0, %1 : tensor<4xi32>, tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func @unary_float
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @unary_float(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[A:.*]] = jx.neg %[[X]] : tensor<4xf32>
  %0 = jx.neg %x : tensor<4xf32>
  // CHECK: jx.abs %[[A]] : tensor<4xf32>
  %1 = jx.abs %0 : tensor<4xf32>
  // CHECK: jx.sign
  %2 = jx.sign %1 : tensor<4xf32>
  // CHECK: jx.exp
  %3 = jx.exp %2 : tensor<4xf32>
  // CHECK: jx.exp2
  %4 = jx.exp2 %3 : tensor<4xf32>
  // CHECK: jx.log
  %5 = jx.log %4 : tensor<4xf32>
  // CHECK: jx.log1p
  %6 = jx.log1p %5 : tensor<4xf32>
  // CHECK: jx.log2
  %7 = jx.log2 %6 : tensor<4xf32>
  // CHECK: jx.expm1
  %8 = jx.expm1 %7 : tensor<4xf32>
  // CHECK: jx.sqrt
  %9 = jx.sqrt %8 : tensor<4xf32>
  // CHECK: jx.rsqrt
  %10 = jx.rsqrt %9 : tensor<4xf32>
  // CHECK: jx.sin
  %11 = jx.sin %10 : tensor<4xf32>
  // CHECK: jx.cos
  %12 = jx.cos %11 : tensor<4xf32>
  // CHECK: jx.tan
  %13 = jx.tan %12 : tensor<4xf32>
  // CHECK: jx.asin
  %14 = jx.asin %13 : tensor<4xf32>
  // CHECK: jx.acos
  %15 = jx.acos %14 : tensor<4xf32>
  // CHECK: jx.atan
  %16 = jx.atan %15 : tensor<4xf32>
  // CHECK: jx.sinh
  %17 = jx.sinh %16 : tensor<4xf32>
  // CHECK: jx.cosh
  %18 = jx.cosh %17 : tensor<4xf32>
  // CHECK: jx.tanh
  %19 = jx.tanh %18 : tensor<4xf32>
  // CHECK: jx.floor
  %20 = jx.floor %19 : tensor<4xf32>
  // CHECK: jx.ceil
  %21 = jx.ceil %20 : tensor<4xf32>
  // CHECK: jx.round
  %22 = jx.round %21 : tensor<4xf32>
  // CHECK: jx.erf
  %23 = jx.erf %22 : tensor<4xf32>
  // CHECK: jx.reciprocal
  %24 = jx.reciprocal %23 : tensor<4xf32>
  // CHECK: jx.square %{{.*}} : tensor<4xf32>
  %25 = jx.square %24 : tensor<4xf32>
  return %25 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @unary_other
func.func @unary_other(%i: tensor<4xi32>, %b: tensor<4xi1>, %f: tensor<?xbf16>, %d: tensor<f64>)
    -> (tensor<4xi32>, tensor<4xi1>, tensor<?xi1>, tensor<i1>, tensor<4xi32>) {
  // CHECK: jx.not %{{.*}} : tensor<4xi32>
  %0 = jx.not %i : tensor<4xi32>
  // CHECK: jx.logical_not %{{.*}} : tensor<4xi1>
  %1 = jx.logical_not %b : tensor<4xi1>
  // CHECK: jx.is_nan %{{.*}} : tensor<?xbf16>
  %2 = jx.is_nan %f : tensor<?xbf16>
  // CHECK: jx.is_finite %{{.*}} : tensor<f64>
  %3 = jx.is_finite %d : tensor<f64>
  // CHECK: jx.abs %{{.*}} : tensor<4xi32>
  %4 = jx.abs %0 : tensor<4xi32>
  return %0, %1, %2, %3, %4 : tensor<4xi32>, tensor<4xi1>, tensor<?xi1>, tensor<i1>, tensor<4xi32>
}

// -----

// CHECK-LABEL: func @binary
// CHECK-SAME: (%[[A:.*]]: tensor<?x4xf32>, %[[B:.*]]: tensor<?x4xf32>
func.func @binary(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>, %i: tensor<3xi64>, %u: tensor<3xui32>, %p: tensor<3xi1>)
    -> (tensor<?x4xf32>, tensor<3xi64>, tensor<3xui32>, tensor<3xi1>) {
  // CHECK: jx.add %[[A]], %[[B]] : tensor<?x4xf32>
  %0 = jx.add %a, %b : tensor<?x4xf32>
  // CHECK: jx.sub
  %1 = jx.sub %0, %b : tensor<?x4xf32>
  // CHECK: jx.mul
  %2 = jx.mul %1, %b : tensor<?x4xf32>
  // CHECK: jx.div
  %3 = jx.div %2, %b : tensor<?x4xf32>
  // CHECK: jx.floor_div
  %4 = jx.floor_div %3, %b : tensor<?x4xf32>
  // CHECK: jx.rem
  %5 = jx.rem %4, %b : tensor<?x4xf32>
  // CHECK: jx.pow
  %6 = jx.pow %5, %b : tensor<?x4xf32>
  // CHECK: jx.max
  %7 = jx.max %6, %b : tensor<?x4xf32>
  // CHECK: jx.min
  %8 = jx.min %7, %b : tensor<?x4xf32>
  // CHECK: jx.atan2 %{{.*}}, %[[B]] : tensor<?x4xf32>
  %9 = jx.atan2 %8, %b : tensor<?x4xf32>
  // CHECK: jx.and %{{.*}} : tensor<3xi64>
  %10 = jx.and %i, %i : tensor<3xi64>
  // CHECK: jx.or
  %11 = jx.or %10, %i : tensor<3xi64>
  // CHECK: jx.xor
  %12 = jx.xor %11, %i : tensor<3xi64>
  // CHECK: jx.shl %{{.*}} : tensor<3xi64>
  %13 = jx.shl %12, %i : tensor<3xi64>
  // CHECK: jx.shr %{{.*}} : tensor<3xui32>
  %14 = jx.shr %u, %u : tensor<3xui32>
  // CHECK: jx.and %{{.*}} : tensor<3xi1>
  %15 = jx.and %p, %p : tensor<3xi1>
  return %9, %13, %14, %15 : tensor<?x4xf32>, tensor<3xi64>, tensor<3xui32>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func @compare_select_convert
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>, %[[S:.*]]: tensor<i1>, %[[I:.*]]: tensor<4xi32>)
func.func @compare_select_convert(%a: tensor<4xf32>, %b: tensor<4xf32>, %s: tensor<i1>, %i: tensor<4xi32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<4xi1>) {
  // CHECK: %[[P:.*]] = jx.compare LT, %[[A]], %[[B]] : tensor<4xf32>
  %p = jx.compare LT, %a, %b : tensor<4xf32>
  // CHECK: jx.compare EQ, %[[I]], %[[I]] : tensor<4xi32>
  %q = jx.compare EQ, %i, %i : tensor<4xi32>
  // CHECK: jx.compare GE
  %r = jx.compare GE, %a, %b : tensor<4xf32>
  // CHECK: jx.select %[[P]], %[[A]], %[[B]] : tensor<4xi1>, tensor<4xf32>
  %0 = jx.select %p, %a, %b : tensor<4xi1>, tensor<4xf32>
  // CHECK: jx.select %[[S]], %[[A]], %[[B]] : tensor<i1>, tensor<4xf32>
  %1 = jx.select %s, %a, %b : tensor<i1>, tensor<4xf32>
  // CHECK: jx.convert %[[I]] : (tensor<4xi32>) -> tensor<4xf16>
  %2 = jx.convert %i : (tensor<4xi32>) -> tensor<4xf16>
  return %0, %1, %2, %q : tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<4xi1>
}
