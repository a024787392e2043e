//===- JxOps.td - jx op definitions ------------------------*- tablegen -*-===//
//
// The jx ops, one file per family.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXOPS_TD
#define JX_DIALECT_JX_IR_JXOPS_TD

include "jx/Dialect/Jx/IR/JxDialect.td"
include "jx/Dialect/Jx/IR/JxAttrs.td"
include "jx/Dialect/Jx/IR/JxElementwiseOps.td"
include "jx/Dialect/Jx/IR/JxShapeOps.td"
include "jx/Dialect/Jx/IR/JxControlFlowOps.td"
include "jx/Dialect/Jx/IR/JxTransformOps.td"
include "jx/Dialect/Jx/IR/JxCollectiveOps.td"

#endif // JX_DIALECT_JX_IR_JXOPS_TD
