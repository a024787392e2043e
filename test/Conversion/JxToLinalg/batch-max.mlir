// RUN: jx-opt %s -convert-jx-to-linalg | FileCheck %s

// Once no vmap is left, jx.batch_max is its operand.
// CHECK-LABEL: func.func @batch_max
// CHECK-SAME: (%[[N:.*]]: tensor<i64>)
// CHECK-NEXT: return %[[N]] : tensor<i64>
func.func @batch_max(%n: tensor<i64>) -> tensor<i64> {
  %m = jx.batch_max %n : tensor<i64>
  return %m : tensor<i64>
}
