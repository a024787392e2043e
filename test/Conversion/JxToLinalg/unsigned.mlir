// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// ui32 becomes signless i32 in every type, function signatures included;
// the unsigned arith op is chosen from the jx type.

// CHECK-LABEL: func.func @div_rem
// CHECK-SAME: (%[[A:.*]]: tensor<4xi32>, %[[B:.*]]: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>)
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[Z:.*]] = arith.cmpi eq, %[[Y]], %{{.*}} : i32
// CHECK: %[[SAFE:.*]] = arith.select %[[Z]], %{{.*}}, %[[Y]] : i32
// CHECK: %[[Q:.*]] = arith.divui %[[X]], %[[SAFE]] : i32
// CHECK: %[[ONES:.*]] = arith.constant -1 : i32
// CHECK: arith.select %[[Z]], %[[ONES]], %[[Q]] : i32
// CHECK: arith.remui
// CHECK-NOT: arith.divsi
// CHECK-NOT: arith.remsi
// CHECK: return %{{.*}}, %{{.*}} : tensor<4xi32>, tensor<4xi32>
func.func @div_rem(%a: tensor<4xui32>, %b: tensor<4xui32>) -> (tensor<4xui32>, tensor<4xui32>) {
  %0 = jx.div %a, %b : tensor<4xui32>
  %1 = jx.rem %a, %b : tensor<4xui32>
  return %0, %1 : tensor<4xui32>, tensor<4xui32>
}

// -----

// floor_div of unsigned values is the (total) unsigned division.
// CHECK-LABEL: func.func @floor_div
// CHECK: arith.divui
// CHECK-NOT: arith.remui
// CHECK: linalg.yield
func.func @floor_div(%a: tensor<4xui32>, %b: tensor<4xui32>) -> tensor<4xui32> {
  %0 = jx.floor_div %a, %b : tensor<4xui32>
  return %0 : tensor<4xui32>
}

// -----

// shr of ui32 is logical; an out-of-range amount gives 0.
// CHECK-LABEL: func.func @shr
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[OK:.*]] = arith.cmpi ult, %[[Y]], %{{.*}} : i32
// CHECK: %[[S:.*]] = arith.shrui %[[X]], %[[Y]] : i32
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: arith.select %[[OK]], %[[S]], %[[ZERO]] : i32
func.func @shr(%a: tensor<4xui32>, %b: tensor<4xui32>) -> tensor<4xui32> {
  %0 = jx.shr %a, %b : tensor<4xui32>
  return %0 : tensor<4xui32>
}

// -----

// CHECK-LABEL: func.func @compare_max_min
// CHECK: arith.cmpi ult
// CHECK: arith.cmpi uge
// CHECK: arith.maxui
// CHECK: arith.minui
func.func @compare_max_min(%a: tensor<4xui32>, %b: tensor<4xui32>) {
  %0 = jx.compare LT, %a, %b : tensor<4xui32>
  %1 = jx.compare GE, %a, %b : tensor<4xui32>
  %2 = jx.max %a, %b : tensor<4xui32>
  %3 = jx.min %a, %b : tensor<4xui32>
  return
}

// -----

// abs is the identity and sign is `x != 0` on unsigned values.
// CHECK-LABEL: func.func @abs_sign
// CHECK: ^bb0(%[[X:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT: linalg.yield %[[X]] : i32
// CHECK: arith.cmpi ne
// CHECK-NOT: arith.cmpi slt
// CHECK: return
func.func @abs_sign(%a: tensor<4xui32>) -> (tensor<4xui32>, tensor<4xui32>) {
  %0 = jx.abs %a : tensor<4xui32>
  %1 = jx.sign %a : tensor<4xui32>
  return %0, %1 : tensor<4xui32>, tensor<4xui32>
}

// -----

// Constants are reinterpreted bit for bit.
// CHECK-LABEL: func.func @constant
// CHECK: %[[C:.*]] = arith.constant dense<[1, -1]> : tensor<2xi32>
// CHECK: return %[[C]] : tensor<2xi32>
func.func @constant() -> tensor<2xui32> {
  %0 = jx.constant dense<[1, 4294967295]> : tensor<2xui32>
  return %0 : tensor<2xui32>
}

// -----

// Calls and dynamic shapes are converted too.
// CHECK-LABEL: func.func @callee
// CHECK-SAME: (%{{.*}}: tensor<?xi32>) -> tensor<?xi32>
// CHECK-LABEL: func.func @caller
// CHECK-SAME: (%[[X:.*]]: tensor<?xi32>) -> tensor<?xi32>
// CHECK: %[[R:.*]] = call @callee(%[[X]]) : (tensor<?xi32>) -> tensor<?xi32>
// CHECK: return %[[R]] : tensor<?xi32>
func.func @callee(%x: tensor<?xui32>) -> tensor<?xui32> {
  %0 = jx.add %x, %x : tensor<?xui32>
  return %0 : tensor<?xui32>
}
func.func @caller(%x: tensor<?xui32>) -> tensor<?xui32> {
  %0 = func.call @callee(%x) : (tensor<?xui32>) -> tensor<?xui32>
  return %0 : tensor<?xui32>
}

// -----

// to_index of ui32 zero-extends.
// CHECK-LABEL: func.func @to_index
// CHECK-SAME: (%[[T:.*]]: tensor<i32>) -> index
// CHECK: %[[E:.*]] = tensor.extract %[[T]][] : tensor<i32>
// CHECK: %[[I:.*]] = arith.index_castui %[[E]] : i32 to index
// CHECK: return %[[I]] : index
func.func @to_index(%t: tensor<ui32>) -> index {
  %0 = jx.to_index %t : tensor<ui32>
  return %0 : index
}

// -----

// A transformation request that stays keeps its ui32 operand through a cast.
// CHECK-LABEL: func.func @kept_request
// CHECK-SAME: (%[[X:.*]]: tensor<3xi32>)
// CHECK: %[[C:.*]] = builtin.unrealized_conversion_cast %[[X]] : tensor<3xi32> to tensor<3xui32>
// CHECK: jx.vmap @id(%[[C]])
func.func private @id(%x: tensor<ui32>) -> tensor<ui32>
func.func @kept_request(%x: tensor<3xui32>) -> tensor<3xui32> {
  %0 = jx.vmap @id(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3xui32>) -> tensor<3xui32>
  return %0 : tensor<3xui32>
}
