// RUN: jx-opt %s -split-input-file | jx-opt -split-input-file | FileCheck %s
// RUN: jx-opt %s -split-input-file --mlir-print-op-generic | jx-opt -split-input-file | FileCheck %s

// CHECK-LABEL: func @if
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<f32>)
func.func @if(%p: tensor<i1>, %a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  // CHECK: %[[R:.*]] = jx.if %[[P]] -> (tensor<f32>) {
  // CHECK-NEXT: %[[S:.*]] = jx.sin %[[A]] : tensor<f32>
  // CHECK-NEXT: jx.yield %[[S]] : tensor<f32>
  // CHECK-NEXT: } else {
  // CHECK-NEXT: jx.yield %[[B]] : tensor<f32>
  // CHECK-NEXT: }
  %r = jx.if %p -> (tensor<f32>) {
    %s = jx.sin %a : tensor<f32>
    jx.yield %s : tensor<f32>
  } else {
    jx.yield %b : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// CHECK-LABEL: func @if_no_results
func.func @if_no_results(%p: tensor<i1>) {
  // CHECK: jx.if %{{.*}} {
  // CHECK-NEXT: jx.yield
  // CHECK-NEXT: } else {
  jx.if %p {
    jx.yield
  } else {
    jx.yield
  }
  return
}

// -----

// CHECK-LABEL: func @switch
// CHECK-SAME: (%[[I:.*]]: tensor<i32>, %[[A:.*]]: tensor<3xf32>)
func.func @switch(%i: tensor<i32>, %a: tensor<3xf32>) -> (tensor<3xf32>, tensor<i32>) {
  // CHECK: %{{.*}}:2 = jx.switch %[[I]] -> (tensor<3xf32>, tensor<i32>) {
  // CHECK: jx.yield %[[A]], %[[I]] : tensor<3xf32>, tensor<i32>
  // CHECK-NEXT: }, {
  // CHECK: jx.neg
  // CHECK-NEXT: jx.yield
  // CHECK-NEXT: }, {
  // CHECK: jx.yield
  // CHECK-NEXT: }
  %r:2 = jx.switch %i -> (tensor<3xf32>, tensor<i32>) {
    jx.yield %a, %i : tensor<3xf32>, tensor<i32>
  }, {
    %n = jx.neg %a : tensor<3xf32>
    jx.yield %n, %i : tensor<3xf32>, tensor<i32>
  }, {
    %c = jx.constant dense<7> : tensor<i32>
    jx.yield %a, %c : tensor<3xf32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<3xf32>, tensor<i32>
}

// -----

// CHECK-LABEL: func @while
// CHECK-SAME: (%[[X:.*]]: tensor<f32>, %[[K:.*]]: tensor<i32>)
func.func @while(%x: tensor<f32>, %k: tensor<i32>) -> (tensor<f32>, tensor<i32>) {
  %ten = jx.constant dense<10> : tensor<i32>
  %one = jx.constant dense<1> : tensor<i32>
  // CHECK: %{{.*}}:2 = jx.while %[[X]], %[[K]] : tensor<f32>, tensor<i32> cond {
  // CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<i32>):
  // CHECK-NEXT: %[[P:.*]] = jx.compare LT, %[[B]], %{{.*}} : tensor<i32>
  // CHECK-NEXT: jx.yield %[[P]] : tensor<i1>
  // CHECK-NEXT: } do {
  // CHECK-NEXT: ^bb0(%[[C:.*]]: tensor<f32>, %[[D:.*]]: tensor<i32>):
  // CHECK: jx.yield %{{.*}}, %{{.*}} : tensor<f32>, tensor<i32>
  %r:2 = jx.while %x, %k : tensor<f32>, tensor<i32> cond {
  ^bb0(%a: tensor<f32>, %b: tensor<i32>):
    %p = jx.compare LT, %b, %ten : tensor<i32>
    jx.yield %p : tensor<i1>
  } do {
  ^bb0(%a: tensor<f32>, %b: tensor<i32>):
    %c = jx.cos %a : tensor<f32>
    %d = jx.add %b, %one : tensor<i32>
    jx.yield %c, %d : tensor<f32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<i32>
}

// -----

// CHECK-LABEL: func @fori
// CHECK-SAME: (%[[LO:.*]]: tensor<i64>, %[[HI:.*]]: tensor<i64>, %[[X:.*]]: tensor<4xf32>)
func.func @fori(%lo: tensor<i64>, %hi: tensor<i64>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: jx.fori %[[LO]] to %[[HI]] : tensor<i64> carry(%[[X]] : tensor<4xf32>) {
  // CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i64>, %[[C:.*]]: tensor<4xf32>):
  // CHECK-NEXT: %[[Y:.*]] = jx.add %[[C]], %[[C]] : tensor<4xf32>
  // CHECK-NEXT: jx.yield %[[Y]] : tensor<4xf32>
  %r = jx.fori %lo to %hi : tensor<i64> carry(%x : tensor<4xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<4xf32>):
    %y = jx.add %c, %c : tensor<4xf32>
    jx.yield %y : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @fori_no_carry
func.func @fori_no_carry(%lo: tensor<i32>, %hi: tensor<i32>) {
  // CHECK: jx.fori %{{.*}} to %{{.*}} : tensor<i32> {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<i32>):
  jx.fori %lo to %hi : tensor<i32> {
  ^bb0(%i: tensor<i32>):
    jx.yield
  }
  return
}

// -----

// CHECK-LABEL: func @scan
// CHECK-SAME: (%[[C0:.*]]: tensor<f32>, %[[XS:.*]]: tensor<5xf32>, %[[ZS:.*]]: tensor<5x2xi32>)
func.func @scan(%c0: tensor<f32>, %xs: tensor<5xf32>, %zs: tensor<5x2xi32>) -> (tensor<f32>, tensor<5xf32>, tensor<5x3xf32>) {
  // CHECK: %{{.*}}:3 = jx.scan init(%[[C0]] : tensor<f32>) xs(%[[XS]], %[[ZS]] : tensor<5xf32>, tensor<5x2xi32>) reverse -> (tensor<f32>, tensor<5xf32>, tensor<5x3xf32>) {
  // CHECK-NEXT: ^bb0(%[[C:.*]]: tensor<f32>, %[[X:.*]]: tensor<f32>, %[[Z:.*]]: tensor<2xi32>):
  // CHECK: jx.yield %{{.*}}, %{{.*}}, %{{.*}} : tensor<f32>, tensor<f32>, tensor<3xf32>
  %r:3 = jx.scan init(%c0 : tensor<f32>) xs(%xs, %zs : tensor<5xf32>, tensor<5x2xi32>) reverse
      -> (tensor<f32>, tensor<5xf32>, tensor<5x3xf32>) {
  ^bb0(%c: tensor<f32>, %x: tensor<f32>, %z: tensor<2xi32>):
    %s = jx.add %c, %x : tensor<f32>
    %b = jx.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<3xf32>
    jx.yield %s, %s, %b : tensor<f32>, tensor<f32>, tensor<3xf32>
  }
  return %r#0, %r#1, %r#2 : tensor<f32>, tensor<5xf32>, tensor<5x3xf32>
}

// -----

// CHECK-LABEL: func @scan_length
func.func @scan_length(%c0: tensor<f32>) -> (tensor<f32>, tensor<8xf32>) {
  // CHECK: jx.scan init(%{{.*}} : tensor<f32>) attributes {length = 8 : i64} -> (tensor<f32>, tensor<8xf32>) {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<f32>):
  %r:2 = jx.scan init(%c0 : tensor<f32>) attributes {length = 8 : i64} -> (tensor<f32>, tensor<8xf32>) {
  ^bb0(%c: tensor<f32>):
    jx.yield %c, %c : tensor<f32>, tensor<f32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<8xf32>
}

// -----

// A scan over a dynamic length, with no carry.
// CHECK-LABEL: func @scan_dynamic
func.func @scan_dynamic(%xs: tensor<?x3xf32>) -> tensor<?xf32> {
  // CHECK: jx.scan xs(%{{.*}} : tensor<?x3xf32>) -> (tensor<?xf32>) {
  %ys = jx.scan xs(%xs : tensor<?x3xf32>) -> (tensor<?xf32>) {
  ^bb0(%x: tensor<3xf32>):
    %s = jx.reduce sum %x, dims = [0] : (tensor<3xf32>) -> tensor<f32>
    jx.yield %s : tensor<f32>
  }
  return %ys : tensor<?xf32>
}

// -----

// CHECK-LABEL: func @reduce_region
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>, %[[I:.*]]: tensor<3x4xi32>, %[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<i32>)
func.func @reduce_region(%x: tensor<3x4xf32>, %idx: tensor<3x4xi32>, %ninf: tensor<f32>, %zero: tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>) {
  // CHECK: %{{.*}}:2 = jx.reduce_region %[[X]], %[[I]] init(%[[A]], %[[B]]) dims = [1] : (tensor<3x4xf32>, tensor<3x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>) {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<f32>, %{{.*}}: tensor<i32>, %{{.*}}: tensor<f32>, %{{.*}}: tensor<i32>):
  // CHECK: jx.yield %{{.*}}, %{{.*}} : tensor<f32>, tensor<i32>
  %m, %i = jx.reduce_region %x, %idx init(%ninf, %zero) dims = [1]
      : (tensor<3x4xf32>, tensor<3x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>) {
  ^bb0(%am: tensor<f32>, %ai: tensor<i32>, %em: tensor<f32>, %ei: tensor<i32>):
    %gt = jx.compare GT, %em, %am : tensor<f32>
    %m2 = jx.select %gt, %em, %am : tensor<i1>, tensor<f32>
    %i2 = jx.select %gt, %ei, %ai : tensor<i1>, tensor<i32>
    jx.yield %m2, %i2 : tensor<f32>, tensor<i32>
  }
  return %m, %i : tensor<3xf32>, tensor<3xi32>
}

// -----

// CHECK-LABEL: func @reduce_region_single
func.func @reduce_region_single(%x: tensor<?xf32>, %z: tensor<f32>) -> tensor<f32> {
  // CHECK: jx.reduce_region %{{.*}} init(%{{.*}}) dims = [0] : (tensor<?xf32>, tensor<f32>) -> tensor<f32> {
  %r = jx.reduce_region %x init(%z) dims = [0] : (tensor<?xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %e: tensor<f32>):
    %s = jx.add %a, %e : tensor<f32>
    jx.yield %s : tensor<f32>
  }
  return %r : tensor<f32>
}
