// RUN: jx-opt %s -jx-interchange-contractions -split-input-file | FileCheck %s

// A generalized matmul (i, j, k) runs (i, k, j): the innermost loop walks
// B's rows and C contiguously.

// CHECK: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-NEXT: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-NEXT: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK: func.func @matmul
// CHECK-NEXT: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "reduction", "parallel"]}
#mk = affine_map<(i, j, k) -> (i, k)>
#kn = affine_map<(i, j, k) -> (k, j)>
#mn = affine_map<(i, j, k) -> (i, j)>
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %r = linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

// A matvec (i, k) and a row sum (i, j) already read contiguously in their
// inner reduction loop (no input has i innermost): unchanged.

// CHECK-LABEL: func.func @matvec_rowsum
// CHECK: iterator_types = ["parallel", "reduction"]
// CHECK: iterator_types = ["parallel", "reduction"]
#ik = affine_map<(i, k) -> (i, k)>
#k = affine_map<(i, k) -> (k)>
#i = affine_map<(i, k) -> (i)>
func.func @matvec_rowsum(%a: tensor<4x8xf32>, %x: tensor<8xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %r = linalg.generic {indexing_maps = [#ik, #k, #i], iterator_types = ["parallel", "reduction"]}
      ins(%a, %x : tensor<4x8xf32>, tensor<8xf32>) outs(%y : tensor<4xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %t = linalg.generic {indexing_maps = [#ik, #i], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<4x8xf32>) outs(%y : tensor<4xf32>) {
  ^bb0(%p: f32, %acc: f32):
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r, %t : tensor<4xf32>, tensor<4xf32>
}
