// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// jx.while: scf.while with the cond region before (its jx.yield becomes
// scf.condition on the extracted predicate, forwarding the carries) and the
// body after.
// CHECK-LABEL: func.func @while
// CHECK-SAME: (%[[X0:.*]]: tensor<f32>, %[[K0:.*]]: tensor<i32>, %[[TEN:.*]]: tensor<i32>)
// CHECK: %[[R:.*]]:2 = scf.while (%[[X:.*]] = %[[X0]], %[[K:.*]] = %[[K0]]) : (tensor<f32>, tensor<i32>) -> (tensor<f32>, tensor<i32>) {
// CHECK: %[[LT:.*]] = linalg.generic {{.*}} ins(%[[K]], %[[TEN]] : tensor<i32>, tensor<i32>)
// CHECK: %[[C:.*]] = tensor.extract %[[LT]][] : tensor<i1>
// CHECK: scf.condition(%[[C]]) %[[X]], %[[K]] : tensor<f32>, tensor<i32>
// CHECK: } do {
// CHECK: ^bb0(%[[BX:.*]]: tensor<f32>, %[[BK:.*]]: tensor<i32>):
// CHECK: %[[X2:.*]] = linalg.generic {{.*}} ins(%[[BX]], %[[BX]] : tensor<f32>, tensor<f32>)
// CHECK: %[[K2:.*]] = linalg.generic {{.*}} ins(%[[BK]], %[[BK]] : tensor<i32>, tensor<i32>)
// CHECK: scf.yield %[[X2]], %[[K2]] : tensor<f32>, tensor<i32>
// CHECK: }
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @while(%x0: tensor<f32>, %k0: tensor<i32>, %ten: tensor<i32>) -> (tensor<f32>, tensor<i32>) {
  %r:2 = jx.while %x0, %k0 : tensor<f32>, tensor<i32> cond {
  ^bb0(%x: tensor<f32>, %k: tensor<i32>):
    %p = jx.compare LT, %k, %ten : tensor<i32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%x: tensor<f32>, %k: tensor<i32>):
    %x2 = jx.add %x, %x : tensor<f32>
    %k2 = jx.add %k, %k : tensor<i32>
    jx.yield %x2, %k2 : tensor<f32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<i32>
}

// -----

// ui32 carries become i32 in the scf.while and both block signatures.
// CHECK-LABEL: func.func @while_ui32
// CHECK-SAME: (%[[X0:.*]]: tensor<?xi32>, %[[P:.*]]: tensor<i1>) -> tensor<?xi32>
// CHECK: scf.while (%[[X:.*]] = %[[X0]]) : (tensor<?xi32>) -> tensor<?xi32> {
// CHECK: %[[C:.*]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK: scf.condition(%[[C]]) %[[X]] : tensor<?xi32>
// CHECK: } do {
// CHECK: ^bb0(%[[BX:.*]]: tensor<?xi32>):
// CHECK: scf.yield %[[BX]] : tensor<?xi32>
func.func @while_ui32(%x0: tensor<?xui32>, %p: tensor<i1>) -> tensor<?xui32> {
  %r = jx.while %x0 : tensor<?xui32> cond {
  ^bb0(%x: tensor<?xui32>):
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%x: tensor<?xui32>):
    jx.yield %x : tensor<?xui32>
  }
  return %r : tensor<?xui32>
}

// -----

// jx.fori: scf.for over index from the extracted, sign-extended bounds; the
// counter is the induction variable cast back to i32 and wrapped as a
// rank-0 tensor.
// CHECK-LABEL: func.func @fori
// CHECK-SAME: (%[[LO:.*]]: tensor<i32>, %[[HI:.*]]: tensor<i32>, %[[X0:.*]]: tensor<4xf32>)
// CHECK: %[[L:.*]] = tensor.extract %[[LO]][] : tensor<i32>
// CHECK: %[[H:.*]] = tensor.extract %[[HI]][] : tensor<i32>
// CHECK: %[[LB:.*]] = arith.index_cast %[[L]] : i32 to index
// CHECK: %[[UB:.*]] = arith.index_cast %[[H]] : i32 to index
// CHECK: %[[STEP:.*]] = arith.constant 1 : index
// CHECK: %[[R:.*]] = scf.for %[[IV:.*]] = %[[LB]] to %[[UB]] step %[[STEP]] iter_args(%[[X:.*]] = %[[X0]]) -> (tensor<4xf32>) {
// CHECK: %[[I32:.*]] = arith.index_cast %[[IV]] : index to i32
// CHECK: %[[I:.*]] = tensor.from_elements %[[I32]] : tensor<i32>
// CHECK: %[[F:.*]] = linalg.generic {{.*}} ins(%[[I]] : tensor<i32>)
// CHECK: arith.sitofp
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[X]], %{{.*}} : tensor<4xf32>, tensor<4xf32>)
// CHECK: scf.yield %[[Y]] : tensor<4xf32>
// CHECK: return %[[R]]
func.func @fori(%lo: tensor<i32>, %hi: tensor<i32>, %x0: tensor<4xf32>) -> tensor<4xf32> {
  %r = jx.fori %lo to %hi : tensor<i32> carry(%x0 : tensor<4xf32>) {
  ^bb0(%i: tensor<i32>, %x: tensor<4xf32>):
    %f = jx.convert %i : (tensor<i32>) -> tensor<f32>
    %fb = jx.broadcast_in_dim %f, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %y = jx.add %x, %fb : tensor<4xf32>
    jx.yield %y : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

// i64 bounds, no carries: the loop has no iter_args.
// CHECK-LABEL: func.func @fori_i64_no_carry
// CHECK: %[[LB:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[UB:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: scf.for %[[IV:.*]] = %[[LB]] to %[[UB]] step %{{.*}} {
// CHECK: %[[I64:.*]] = arith.index_cast %[[IV]] : index to i64
// CHECK: tensor.from_elements %[[I64]] : tensor<i64>
// CHECK: }
// CHECK-NEXT: return
func.func @fori_i64_no_carry(%lo: tensor<i64>, %hi: tensor<i64>) {
  jx.fori %lo to %hi : tensor<i64> {
  ^bb0(%i: tensor<i64>):
    jx.yield
  }
  return
}
