// RUN: jx-opt %s -jx-expand-vmap -split-input-file | FileCheck %s

// A fori with a batched bound runs as a while with a counter per batch
// element: it runs while any counter is below its bound, and elements that
// are done keep their carries.

func.func private @f(%hi: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  %lo = jx.constant dense<0> : tensor<i32>
  %r = jx.fori %lo to %hi : tensor<i32> carry(%x : tensor<f32>) {
  ^bb0(%i: tensor<i32>, %c: tensor<f32>):
    %d = jx.add %c, %c : tensor<f32>
    jx.yield %d : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func private @f.vmap
// CHECK-SAME: (%[[HI:.*]]: tensor<4xi32>, %[[X:.*]]: tensor<f32>) -> tensor<4xf32>
// CHECK: %[[LO:.*]] = jx.constant dense<0> : tensor<i32>
// CHECK: %[[LOB:.*]] = jx.broadcast_in_dim %[[LO]], dims = [] : (tensor<i32>) -> tensor<4xi32>
// CHECK: %[[XB:.*]] = jx.broadcast_in_dim %[[X]], dims = [] : (tensor<f32>) -> tensor<4xf32>
// CHECK: %[[W:.*]]:2 = jx.while %[[LOB]], %[[XB]] : tensor<4xi32>, tensor<4xf32> cond {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<4xi32>, %{{.*}}: tensor<4xf32>):
// CHECK-NEXT:   %[[LT:.*]] = jx.compare LT, %[[I]], %[[HI]] : tensor<4xi32>
// CHECK-NEXT:   %[[ANY:.*]] = jx.reduce or %[[LT]], dims = [0] : (tensor<4xi1>) -> tensor<i1>
// CHECK-NEXT:   jx.yield %[[ANY]] : tensor<i1>
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<4xi32>, %[[C:.*]]: tensor<4xf32>):
// CHECK-NEXT:   %[[D:.*]] = jx.add %[[C]], %[[C]] : tensor<4xf32>
// CHECK-NEXT:   %[[ACT:.*]] = jx.compare LT, %[[I]], %[[HI]] : tensor<4xi32>
// CHECK-NEXT:   %[[ONE:.*]] = jx.constant dense<1> : tensor<i32>
// CHECK-NEXT:   %[[ONEB:.*]] = jx.broadcast_in_dim %[[ONE]], dims = [] : (tensor<i32>) -> tensor<4xi32>
// CHECK-NEXT:   %[[NEXT:.*]] = jx.add %[[I]], %[[ONEB]] : tensor<4xi32>
// CHECK-NEXT:   %[[KEEP:.*]] = jx.select %[[ACT]], %[[D]], %[[C]] : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT:   jx.yield %[[NEXT]], %[[KEEP]] : tensor<4xi32>, tensor<4xf32>
// CHECK-NEXT: }
// CHECK: return %[[W]]#1

func.func @main(%his: tensor<4xi32>, %x: tensor<f32>) -> tensor<4xf32> {
  %0 = jx.vmap @f(%his, %x) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<4xi32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
