// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// jx.if: scf.if on the extracted predicate; the regions move over and their
// jx.yield become scf.yield (the nested ops are lowered too).
// CHECK-LABEL: func.func @if
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[C:.*]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK: %[[R:.*]]:2 = scf.if %[[C]] -> (tensor<4xf32>, tensor<4xf32>) {
// CHECK: %[[S:.*]] = linalg.generic
// CHECK: scf.yield %[[S]], %[[B]] : tensor<4xf32>, tensor<4xf32>
// CHECK: } else {
// CHECK: scf.yield %[[B]], %[[A]] : tensor<4xf32>, tensor<4xf32>
// CHECK: }
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @if(%p: tensor<i1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %r:2 = jx.if %p -> (tensor<4xf32>, tensor<4xf32>) {
    %s = jx.add %a, %b : tensor<4xf32>
    jx.yield %s, %b : tensor<4xf32>, tensor<4xf32>
  } else {
    jx.yield %b, %a : tensor<4xf32>, tensor<4xf32>
  }
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Nested ifs on ui32 values: the results become i32 like the values the
// regions yield, and the inner if is lowered inside the outer one.
// CHECK-LABEL: func.func @nested_if
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[Q:.*]]: tensor<i1>, %[[A:.*]]: tensor<?xi32>, %[[B:.*]]: tensor<?xi32>) -> tensor<?xi32>
// CHECK: %[[CP:.*]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK: %[[R:.*]] = scf.if %[[CP]] -> (tensor<?xi32>) {
// CHECK: %[[CQ:.*]] = tensor.extract %[[Q]][] : tensor<i1>
// CHECK: %[[S:.*]] = scf.if %[[CQ]] -> (tensor<?xi32>) {
// CHECK: scf.yield %[[A]] : tensor<?xi32>
// CHECK: } else {
// CHECK: scf.yield %[[B]] : tensor<?xi32>
// CHECK: }
// CHECK: scf.yield %[[S]] : tensor<?xi32>
// CHECK: } else {
// CHECK: scf.yield %[[B]] : tensor<?xi32>
// CHECK: }
// CHECK: return %[[R]] : tensor<?xi32>
func.func @nested_if(%p: tensor<i1>, %q: tensor<i1>, %a: tensor<?xui32>, %b: tensor<?xui32>) -> tensor<?xui32> {
  %r = jx.if %p -> (tensor<?xui32>) {
    %s = jx.if %q -> (tensor<?xui32>) {
      jx.yield %a : tensor<?xui32>
    } else {
      jx.yield %b : tensor<?xui32>
    }
    jx.yield %s : tensor<?xui32>
  } else {
    jx.yield %b : tensor<?xui32>
  }
  return %r : tensor<?xui32>
}

// -----

// jx.switch: the index is clamped to [0, 2] and tested branch by branch in
// a chain of scf.if (not scf.index_switch, which one-shot bufferization
// analyses wrongly when two switches share an empty tensor); the last branch
// is the innermost else.
// CHECK-LABEL: func.func @switch
// CHECK-SAME: (%[[I:.*]]: tensor<i32>, %[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<f32>)
// CHECK: %[[RAW:.*]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK: %[[HIGH:.*]] = arith.constant 2 : i32
// CHECK: %[[MIN:.*]] = arith.minsi %[[RAW]], %[[HIGH]] : i32
// CHECK: %[[LOW:.*]] = arith.constant 0 : i32
// CHECK: %[[IDX:.*]] = arith.maxsi %[[MIN]], %[[LOW]] : i32
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[IS0:.*]] = arith.cmpi eq, %[[IDX]], %[[ZERO]] : i32
// CHECK: %[[R:.*]] = scf.if %[[IS0]] -> (tensor<f32>) {
// CHECK-NEXT: scf.yield %[[A]] : tensor<f32>
// CHECK-NEXT: } else {
// CHECK: %[[IS1:.*]] = arith.cmpi eq, %[[IDX]], %{{.*}} : i32
// CHECK: %[[R1:.*]] = scf.if %[[IS1]] -> (tensor<f32>) {
// CHECK-NEXT: scf.yield %[[B]] : tensor<f32>
// CHECK-NEXT: } else {
// CHECK: %[[S:.*]] = linalg.generic
// CHECK: scf.yield %[[S]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[R1]] : tensor<f32>
// CHECK-NEXT: }
// CHECK: return %[[R]]
func.func @switch(%i: tensor<i32>, %a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %r = jx.switch %i -> (tensor<f32>) {
    jx.yield %a : tensor<f32>
  }, {
    jx.yield %b : tensor<f32>
  }, {
    %s = jx.add %a, %b : tensor<f32>
    jx.yield %s : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// A single branch runs whatever the index is.
// CHECK-LABEL: func.func @switch_one
// CHECK: scf.execute_region -> tensor<2xi64> {
// CHECK-NEXT: scf.yield %{{.*}} : tensor<2xi64>
func.func @switch_one(%i: tensor<i32>, %a: tensor<2xi64>) -> tensor<2xi64> {
  %r = jx.switch %i -> (tensor<2xi64>) {
    jx.yield %a : tensor<2xi64>
  }
  return %r : tensor<2xi64>
}
