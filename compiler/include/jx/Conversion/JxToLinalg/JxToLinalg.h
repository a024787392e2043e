//===- JxToLinalg.h - jx dialect to linalg/tensor/arith/scf -----*- C++ -*-===//
//
// Lowers every jx op on tensors to upstream dialects: linalg (named ops where
// one fits, linalg.generic elsewhere), tensor, arith, math and scf. The
// patterns are split by op family; the pass `convert-jx-to-linalg` applies
// them all with a target on which the jx dialect is illegal (except the
// transformation requests and collectives, which earlier passes expand).
//
//===----------------------------------------------------------------------===//

#ifndef JX_CONVERSION_JXTOLINALG_JXTOLINALG_H
#define JX_CONVERSION_JXTOLINALG_JXTOLINALG_H

#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

#include <memory>

namespace mlir {
namespace jx {

#define GEN_PASS_DECL_CONVERTJXTOLINALGPASS
#include "jx/Conversion/Passes.h.inc"

/// constant, iota, elementwise unary/binary, compare, select, convert.
void populateJxElementwiseToLinalgPatterns(RewritePatternSet &patterns);
/// broadcast_in_dim, reshape, transpose, slice, concatenate, pad, reverse,
/// dim, from_index, to_index, dynamic_slice, dynamic_update_slice.
void populateJxShapeToLinalgPatterns(RewritePatternSet &patterns);
/// reduce, reduce_region, cumulative, dot_general, gather, scatter.
void populateJxReductionToLinalgPatterns(RewritePatternSet &patterns);
/// if, switch, while, fori, scan (to scf with tensors in iter_args).
void populateJxControlFlowToSCFPatterns(RewritePatternSet &patterns);

} // namespace jx
} // namespace mlir

#endif // JX_CONVERSION_JXTOLINALG_JXTOLINALG_H
