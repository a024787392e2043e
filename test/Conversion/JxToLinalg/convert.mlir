// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @int_to_float
// CHECK-SAME: (%[[X:.*]]: tensor<?xi32>)
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?xi32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<?xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<?xi32>) outs(%[[INIT]] : tensor<?xf32>)
// CHECK: ^bb0(%[[IN:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[F:.*]] = arith.sitofp %[[IN]] : i32 to f32
// CHECK: linalg.yield %[[F]] : f32
func.func @int_to_float(%x: tensor<?xi32>) -> tensor<?xf32> {
  %0 = jx.convert %x : (tensor<?xi32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Float to integer truncates toward zero.
// CHECK-LABEL: func.func @float_to_int
// CHECK: arith.fptosi %{{.*}} : f64 to i32
// CHECK: arith.fptosi %{{.*}} : f32 to i64
func.func @float_to_int(%x: tensor<3xf64>, %y: tensor<3xf32>) -> (tensor<3xi32>, tensor<3xi64>) {
  %0 = jx.convert %x : (tensor<3xf64>) -> tensor<3xi32>
  %1 = jx.convert %y : (tensor<3xf32>) -> tensor<3xi64>
  return %0, %1 : tensor<3xi32>, tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @int_widths
// CHECK: arith.extsi %{{.*}} : i32 to i64
// CHECK: arith.trunci %{{.*}} : i64 to i32
func.func @int_widths(%x: tensor<3xi32>, %y: tensor<3xi64>) -> (tensor<3xi64>, tensor<3xi32>) {
  %0 = jx.convert %x : (tensor<3xi32>) -> tensor<3xi64>
  %1 = jx.convert %y : (tensor<3xi64>) -> tensor<3xi32>
  return %0, %1 : tensor<3xi64>, tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @float_widths
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: arith.extf %{{.*}} : bf16 to f32
func.func @float_widths(%x: tensor<3xf32>, %b: tensor<3xbf16>) -> (tensor<3xf64>, tensor<3xf16>, tensor<3xf32>) {
  %0 = jx.convert %x : (tensor<3xf32>) -> tensor<3xf64>
  %1 = jx.convert %x : (tensor<3xf32>) -> tensor<3xf16>
  %2 = jx.convert %b : (tensor<3xbf16>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<3xf64>, tensor<3xf16>, tensor<3xf32>
}

// -----

// f16 and bf16 have the same width: the conversion goes through f32.
// CHECK-LABEL: func.func @f16_to_bf16
// CHECK: ^bb0(%[[IN:.*]]: f16, %{{.*}}: bf16):
// CHECK: %[[W:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK: %[[N:.*]] = arith.truncf %[[W]] : f32 to bf16
// CHECK: linalg.yield %[[N]] : bf16
func.func @f16_to_bf16(%x: tensor<3xf16>) -> tensor<3xbf16> {
  %0 = jx.convert %x : (tensor<3xf16>) -> tensor<3xbf16>
  return %0 : tensor<3xbf16>
}

// -----

// To bool is `!= 0` (unordered for floats: NaN is true).
// CHECK-LABEL: func.func @to_bool
// CHECK: ^bb0(%[[F:.*]]: f32, %{{.*}}: i1):
// CHECK: %[[FZ:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.cmpf une, %[[F]], %[[FZ]] : f32
// CHECK: ^bb0(%[[I:.*]]: i64, %{{.*}}: i1):
// CHECK: %[[IZ:.*]] = arith.constant 0 : i64
// CHECK: arith.cmpi ne, %[[I]], %[[IZ]] : i64
func.func @to_bool(%x: tensor<3xf32>, %y: tensor<3xi64>) -> (tensor<3xi1>, tensor<3xi1>) {
  %0 = jx.convert %x : (tensor<3xf32>) -> tensor<3xi1>
  %1 = jx.convert %y : (tensor<3xi64>) -> tensor<3xi1>
  return %0, %1 : tensor<3xi1>, tensor<3xi1>
}

// -----

// From bool gives 0 or 1 (never -1).
// CHECK-LABEL: func.func @from_bool
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.uitofp %{{.*}} : i1 to f64
func.func @from_bool(%p: tensor<3xi1>) -> (tensor<3xi32>, tensor<3xf64>) {
  %0 = jx.convert %p : (tensor<3xi1>) -> tensor<3xi32>
  %1 = jx.convert %p : (tensor<3xi1>) -> tensor<3xf64>
  return %0, %1 : tensor<3xi32>, tensor<3xf64>
}

// -----

// ui32 converts unsigned: zero-extension, uitofp, fptoui.
// CHECK-LABEL: func.func @unsigned
// CHECK-SAME: (%{{.*}}: tensor<3xi32>, %{{.*}}: tensor<3xf32>) -> (tensor<3xi64>, tensor<3xf32>, tensor<3xi32>)
// CHECK: arith.extui %{{.*}} : i32 to i64
// CHECK: arith.uitofp %{{.*}} : i32 to f32
// CHECK: arith.fptoui %{{.*}} : f32 to i32
func.func @unsigned(%u: tensor<3xui32>, %f: tensor<3xf32>) -> (tensor<3xi64>, tensor<3xf32>, tensor<3xui32>) {
  %0 = jx.convert %u : (tensor<3xui32>) -> tensor<3xi64>
  %1 = jx.convert %u : (tensor<3xui32>) -> tensor<3xf32>
  %2 = jx.convert %f : (tensor<3xf32>) -> tensor<3xui32>
  return %0, %1, %2 : tensor<3xi64>, tensor<3xf32>, tensor<3xui32>
}

// -----

// i32 <-> ui32 keeps the bits: after lowering both are i32, no op remains.
// CHECK-LABEL: func.func @same_bits
// CHECK-SAME: (%[[X:.*]]: tensor<?xi32>) -> tensor<?xi32>
// CHECK-NOT: linalg.generic
// CHECK: return %[[X]] : tensor<?xi32>
func.func @same_bits(%x: tensor<?xi32>) -> tensor<?xui32> {
  %0 = jx.convert %x : (tensor<?xi32>) -> tensor<?xui32>
  return %0 : tensor<?xui32>
}
