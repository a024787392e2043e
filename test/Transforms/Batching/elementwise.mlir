// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// Batched and unbatched operands: the unbatched one is broadcast along the
// batch dimension; the callee stays for other users (symbol-dce drops it).

func.func private @f(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.sin %x : tensor<3xf32>
  %1 = jx.mul %0, %w : tensor<3xf32>
  %2 = jx.compare GT, %1, %w : tensor<3xf32>
  %3 = jx.select %2, %1, %w : tensor<3xi1>, tensor<3xf32>
  %4 = jx.convert %3 : (tensor<3xf32>) -> tensor<3xf64>
  %5 = jx.convert %4 : (tensor<3xf64>) -> tensor<3xf32>
  return %5 : tensor<3xf32>
}

// CHECK-LABEL: func.func private @f.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<8x3xf32>, %[[W:.*]]: tensor<3xf32>) -> tensor<8x3xf32>
// CHECK: %[[S:.*]] = jx.sin %[[X]] : tensor<8x3xf32>
// CHECK: %[[WB:.*]] = jx.broadcast_in_dim %[[W]], dims = [1] : (tensor<3xf32>) -> tensor<8x3xf32>
// CHECK: %[[M:.*]] = jx.mul %[[S]], %[[WB]] : tensor<8x3xf32>
// CHECK: %[[WB2:.*]] = jx.broadcast_in_dim %[[W]], dims = [1]
// CHECK: %[[C:.*]] = jx.compare GT, %[[M]], %[[WB2]] : tensor<8x3xf32>
// CHECK: %[[WB3:.*]] = jx.broadcast_in_dim %[[W]], dims = [1]
// CHECK: %[[SEL:.*]] = jx.select %[[C]], %[[M]], %[[WB3]] : tensor<8x3xi1>, tensor<8x3xf32>
// CHECK: jx.convert %[[SEL]] : (tensor<8x3xf32>) -> tensor<8x3xf64>
// CHECK: %[[R:.*]] = jx.convert {{.*}} : (tensor<8x3xf64>) -> tensor<8x3xf32>
// CHECK: return %[[R]] : tensor<8x3xf32>

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[XS:.*]]: tensor<8x3xf32>, %[[W:.*]]: tensor<3xf32>)
func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3xf32>) -> tensor<8x3xf32> {
  // CHECK: %[[R:.*]] = call @f.vmap(%[[XS]], %[[W]]) : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
  // CHECK-NOT: jx.vmap
  // CHECK: return %[[R]]
  %0 = jx.vmap @f(%xs, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

// Unbatched computations are cloned; an unbatched result is broadcast. A
// rank-0 select predicate that is batched picks per batch element.

func.func private @g(%x: tensor<f32>, %c: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %k = jx.constant dense<2.0> : tensor<2xf32>
  %0 = jx.add %c, %k : tensor<2xf32>
  %p = jx.compare GT, %x, %x : tensor<f32>
  %1 = jx.select %p, %0, %c : tensor<i1>, tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// CHECK-LABEL: func.func private @g.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<5xf32>, %[[C:.*]]: tensor<2xf32>)
// CHECK: %[[K:.*]] = jx.constant dense<2.000000e+00> : tensor<2xf32>
// CHECK: %[[A:.*]] = jx.add %[[C]], %[[K]] : tensor<2xf32>
// CHECK: %[[P:.*]] = jx.compare GT, %[[X]], %[[X]] : tensor<5xf32>
// CHECK: %[[AB:.*]] = jx.broadcast_in_dim %[[A]], dims = [1] : (tensor<2xf32>) -> tensor<5x2xf32>
// CHECK: %[[CB:.*]] = jx.broadcast_in_dim %[[C]], dims = [1] : (tensor<2xf32>) -> tensor<5x2xf32>
// CHECK: %[[PB:.*]] = jx.broadcast_in_dim %[[P]], dims = [0] : (tensor<5xi1>) -> tensor<5x2xi1>
// CHECK: %[[S:.*]] = jx.select %[[PB]], %[[AB]], %[[CB]] : tensor<5x2xi1>, tensor<5x2xf32>
// CHECK: %[[R0:.*]] = jx.broadcast_in_dim %[[A]], dims = [1] : (tensor<2xf32>) -> tensor<5x2xf32>
// CHECK: return %[[R0]], %[[S]]

// CHECK-LABEL: func.func @main
func.func @main(%xs: tensor<5xf32>, %c: tensor<2xf32>) -> (tensor<5x2xf32>, tensor<5x2xf32>) {
  // CHECK: call @g.vmap
  %0:2 = jx.vmap @g(%xs, %c) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0, 0>} : (tensor<5xf32>, tensor<2xf32>) -> (tensor<5x2xf32>, tensor<5x2xf32>)
  return %0#0, %0#1 : tensor<5x2xf32>, tensor<5x2xf32>
}

// -----

// A dynamic batch size is read with jx.dim where a broadcast needs it.

func.func private @h(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jx.sub %x, %w : tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func private @h.vmap
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<3xf32>) -> tensor<?x3xf32>
// CHECK: jx.dim %[[X]], 0 : tensor<?x3xf32>
// CHECK: %[[N:.*]] = jx.dim %[[X]], 0 : tensor<?x3xf32>
// CHECK: %[[WB:.*]] = jx.broadcast_in_dim %[[W]], dims = [1], sizes(%[[N]]) : (tensor<3xf32>) -> tensor<?x3xf32>
// CHECK: jx.sub %[[X]], %[[WB]] : tensor<?x3xf32>
func.func @main(%xs: tensor<?x3xf32>, %w: tensor<3xf32>) -> tensor<?x3xf32> {
  %0 = jx.vmap @h(%xs, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
