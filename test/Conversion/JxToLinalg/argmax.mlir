// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// argmax on floats: a linalg.generic with two outputs (value from -inf,
// index from 0), reducing the axis. The combiner takes the element when it
// is a NaN (unless the accumulator already is one with a lower index), when
// it is greater, or when it is equal with a lower index; the index result is
// returned.
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>) -> tensor<?xi32>
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[VE:.*]] = tensor.empty(%[[D0]]) : tensor<?xf32>
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[VI:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%[[VE]] : tensor<?xf32>)
// CHECK: %[[IE:.*]] = tensor.empty(%[[D0]]) : tensor<?xi32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: %[[II:.*]] = linalg.fill ins(%[[Z]] : i32) outs(%[[IE]] : tensor<?xi32>)
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[$IN]], #[[$OUT]], #[[$OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x4xf32>) outs(%[[VI]], %[[II]] : tensor<?xf32>, tensor<?xi32>)
// CHECK-NEXT: ^bb0(%[[E:.*]]: f32, %[[ACC:.*]]: f32, %[[ACCI:.*]]: i32):
// CHECK-NEXT: %[[POS:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[I:.*]] = arith.index_cast %[[POS]] : index to i32
// CHECK-NEXT: %[[LOWER:.*]] = arith.cmpi slt, %[[I]], %[[ACCI]] : i32
// CHECK-NEXT: %[[ENAN:.*]] = arith.cmpf uno, %[[E]], %[[E]] : f32
// CHECK-NEXT: %[[ANAN:.*]] = arith.cmpf uno, %[[ACC]], %[[ACC]] : f32
// CHECK-NEXT: %[[GT:.*]] = arith.cmpf ogt, %[[E]], %[[ACC]] : f32
// CHECK-NEXT: %[[EQ:.*]] = arith.cmpf oeq, %[[E]], %[[ACC]] : f32
// CHECK-NEXT: %[[TIE:.*]] = arith.andi %[[EQ]], %[[LOWER]] : i1
// CHECK-NEXT: %[[BETTER:.*]] = arith.ori %[[GT]], %[[TIE]] : i1
// CHECK-NEXT: %[[ORDERED:.*]] = arith.ori %[[ENAN]], %[[BETTER]] : i1
// CHECK-NEXT: %[[BOTHNAN:.*]] = arith.andi %[[ENAN]], %[[LOWER]] : i1
// CHECK-NEXT: %[[TAKE:.*]] = arith.select %[[ANAN]], %[[BOTHNAN]], %[[ORDERED]] : i1
// CHECK-NEXT: %[[NV:.*]] = arith.select %[[TAKE]], %[[E]], %[[ACC]] : f32
// CHECK-NEXT: %[[NI:.*]] = arith.select %[[TAKE]], %[[I]], %[[ACCI]] : i32
// CHECK-NEXT: linalg.yield %[[NV]], %[[NI]] : f32, i32
// CHECK: return %[[R]]#1 : tensor<?xi32>
func.func @argmax(%x: tensor<?x4xf32>) -> tensor<?xi32> {
  %0 = jx.reduce argmax %x, dims = [1] : (tensor<?x4xf32>) -> tensor<?xi32>
  return %0 : tensor<?xi32>
}

// -----

// argmin on f16 into a rank-0 i32: +inf init and olt.
// CHECK-LABEL: func.func @argmin_f16
// CHECK: %[[INF:.*]] = arith.constant 0x7C00 : f16
// CHECK: linalg.fill ins(%[[INF]] : f16)
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK-SAME: outs(%{{.*}}, %{{.*}} : tensor<f16>, tensor<i32>)
// CHECK: arith.cmpf olt
// CHECK: return %{{.*}}#1 : tensor<i32>
func.func @argmin_f16(%x: tensor<8xf16>) -> tensor<i32> {
  %0 = jx.reduce argmin %x, dims = [0] : (tensor<8xf16>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// argmin on ui32 along dimension 0, i64 indices: the unsigned order, from
// the highest u32 (all ones); no NaN handling for integers.
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @argmin_ui32
// CHECK-SAME: (%[[X:.*]]: tensor<4x?xi32>) -> tensor<?xi64>
// CHECK: %[[D1:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<4x?xi32>
// CHECK: %[[HIGH:.*]] = arith.constant -1 : i32
// CHECK: linalg.fill ins(%[[HIGH]] : i32) outs(%{{.*}} : tensor<?xi32>)
// CHECK: %[[Z:.*]] = arith.constant 0 : i64
// CHECK: linalg.fill ins(%[[Z]] : i64) outs(%{{.*}} : tensor<?xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$OUT]], #[[$OUT]]], iterator_types = ["reduction", "parallel"]}
// CHECK-NEXT: ^bb0(%[[E:.*]]: i32, %[[ACC:.*]]: i32, %[[ACCI:.*]]: i64):
// CHECK-NEXT: %[[POS:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[I:.*]] = arith.index_cast %[[POS]] : index to i64
// CHECK-NEXT: %[[LOWER:.*]] = arith.cmpi slt, %[[I]], %[[ACCI]] : i64
// CHECK-NEXT: %[[LT:.*]] = arith.cmpi ult, %[[E]], %[[ACC]] : i32
// CHECK-NEXT: %[[EQ:.*]] = arith.cmpi eq, %[[E]], %[[ACC]] : i32
// CHECK-NEXT: %[[TIE:.*]] = arith.andi %[[EQ]], %[[LOWER]] : i1
// CHECK-NEXT: %[[TAKE:.*]] = arith.ori %[[LT]], %[[TIE]] : i1
// CHECK-NEXT: arith.select %[[TAKE]], %[[E]], %[[ACC]] : i32
// CHECK-NEXT: arith.select %[[TAKE]], %[[I]], %[[ACCI]] : i64
func.func @argmin_ui32(%x: tensor<4x?xui32>) -> tensor<?xi64> {
  %0 = jx.reduce argmin %x, dims = [0] : (tensor<4x?xui32>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}
