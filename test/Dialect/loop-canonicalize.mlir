// RUN: jx-opt %s -canonicalize -split-input-file | FileCheck %s

// A carry that neither the condition, a used result nor a live carry needs
// is dropped, with the ops that computed it: here the float carry %c, whose
// result is unused and which the counter's update does not read.

// CHECK-LABEL: func.func @count
// CHECK-SAME: (%[[X:.*]]: tensor<f32>, %[[N:.*]]: tensor<i32>)
// CHECK-DAG: %[[ONE:.*]] = jx.constant dense<1> : tensor<i32>
// CHECK-DAG: %[[ZERO:.*]] = jx.constant dense<0> : tensor<i32>
// CHECK: %[[R:.*]] = jx.while %[[ZERO]] : tensor<i32> cond {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>):
// CHECK-NEXT: %[[P:.*]] = jx.compare LT, %[[I]], %[[N]] : tensor<i32>
// CHECK-NEXT: jx.yield %[[P]] : tensor<i1>
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>):
// CHECK-NEXT: %[[I1:.*]] = jx.add %[[I]], %[[ONE]] : tensor<i32>
// CHECK-NEXT: jx.yield %[[I1]] : tensor<i32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]] : tensor<i32>
func.func @count(%x: tensor<f32>, %n: tensor<i32>) -> tensor<i32> {
  %zero = jx.constant dense<0> : tensor<i32>
  %one = jx.constant dense<1> : tensor<i32>
  %r:2 = jx.while %zero, %x : tensor<i32>, tensor<f32> cond {
  ^bb0(%i: tensor<i32>, %c: tensor<f32>):
    %p = jx.compare LT, %i, %n : tensor<i32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%i: tensor<i32>, %c: tensor<f32>):
    %i1 = jx.add %i, %one : tensor<i32>
    %t = jx.tanh %c : tensor<f32>
    jx.yield %i1, %t : tensor<i32>, tensor<f32>
  }
  return %r#0 : tensor<i32>
}

// -----

// Carries stay live through the condition, a used result, or another live
// carry's update (here %a feeds %b, whose result is used; %c is dead).

// CHECK-LABEL: func.func @chain
// CHECK: jx.while %{{.*}}, %{{.*}}, %{{.*}} : tensor<i32>, tensor<f32>, tensor<f32> cond {
// CHECK-NOT: jx.sin
// CHECK: return
func.func @chain(%x: tensor<f32>, %n: tensor<i32>) -> tensor<f32> {
  %zero = jx.constant dense<0> : tensor<i32>
  %one = jx.constant dense<1> : tensor<i32>
  %r:4 = jx.while %zero, %x, %x, %x : tensor<i32>, tensor<f32>, tensor<f32>, tensor<f32> cond {
  ^bb0(%i: tensor<i32>, %a: tensor<f32>, %b: tensor<f32>, %c: tensor<f32>):
    %p = jx.compare LT, %i, %n : tensor<i32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%i: tensor<i32>, %a: tensor<f32>, %b: tensor<f32>, %c: tensor<f32>):
    %i1 = jx.add %i, %one : tensor<i32>
    %a1 = jx.exp %a : tensor<f32>
    %b1 = jx.add %b, %a : tensor<f32>
    %c1 = jx.sin %c : tensor<f32>
    jx.yield %i1, %a1, %b1, %c1 : tensor<i32>, tensor<f32>, tensor<f32>, tensor<f32>
  }
  return %r#2 : tensor<f32>
}

// -----

// A scan drops the xs its body does not read and the stacked outputs with
// no use; with no xs left it keeps its (static) length as an attribute.

// CHECK-LABEL: func.func @scan_unused
// CHECK-SAME: (%[[C:.*]]: tensor<f32>, %[[XS:.*]]: tensor<5xf32>, %[[IS:.*]]: tensor<5xi32>)
// CHECK-NEXT: %[[R:.*]]:2 = jx.scan init(%[[C]] : tensor<f32>) xs(%[[XS]] : tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<f32>, %[[X:.*]]: tensor<f32>):
// CHECK-NEXT: %[[S:.*]] = jx.add %[[A]], %[[X]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[S]], %[[A]] : tensor<f32>, tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[L:.*]] = jx.scan init(%[[C]] : tensor<f32>) attributes {length = 5 : i64} -> (tensor<f32>) {
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<f32>):
// CHECK-NEXT: %[[T:.*]] = jx.tanh %[[A]] : tensor<f32>
// CHECK-NEXT: jx.yield %[[T]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1, %[[L]]
func.func @scan_unused(%c: tensor<f32>, %xs: tensor<5xf32>, %is: tensor<5xi32>) -> (tensor<f32>, tensor<5xf32>, tensor<f32>) {
  %r:3 = jx.scan init(%c : tensor<f32>) xs(%xs, %is : tensor<5xf32>, tensor<5xi32>) -> (tensor<f32>, tensor<5xf32>, tensor<5xf32>) {
  ^bb0(%a: tensor<f32>, %x: tensor<f32>, %i: tensor<i32>):
    %s = jx.add %a, %x : tensor<f32>
    %m = jx.mul %a, %x : tensor<f32>
    jx.yield %s, %a, %m : tensor<f32>, tensor<f32>, tensor<f32>
  }
  %l = jx.scan init(%c : tensor<f32>) xs(%is : tensor<5xi32>) -> (tensor<f32>) {
  ^bb0(%a: tensor<f32>, %i: tensor<i32>):
    %t = jx.tanh %a : tensor<f32>
    jx.yield %t : tensor<f32>
  }
  return %r#0, %r#1, %l : tensor<f32>, tensor<5xf32>, tensor<f32>
}

// -----

// With a run-time length and no xs read, one xs stays: it carries the
// length.

// CHECK-LABEL: func.func @scan_dynamic_length
// CHECK: jx.scan init(%{{.*}} : tensor<f32>) xs(%{{.*}} : tensor<?xi32>) -> (tensor<f32>)
func.func @scan_dynamic_length(%c: tensor<f32>, %is: tensor<?xi32>) -> tensor<f32> {
  %l = jx.scan init(%c : tensor<f32>) xs(%is : tensor<?xi32>) -> (tensor<f32>) {
  ^bb0(%a: tensor<f32>, %i: tensor<i32>):
    %t = jx.tanh %a : tensor<f32>
    jx.yield %t : tensor<f32>
  }
  return %l : tensor<f32>
}
