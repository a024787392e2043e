//===- InterchangeContractions.cpp - Unit-stride innermost loops ----------===//
//
// The jx-interchange-contractions pass: a `linalg.generic` with reduction
// iterators whose last parallel dimension is the innermost index of its
// output and of an input gets that dimension as its innermost loop (the
// reductions move just outside it), so that the loop `convert-linalg-to-
// loops` makes reads and writes contiguously and vectorizes. The order in
// which each output element accumulates its terms does not change.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace jx {
#define GEN_PASS_DEF_INTERCHANGECONTRACTIONSPASS
#include "jx/Conversion/Passes.h.inc"
} // namespace jx
} // namespace mlir

using namespace mlir;

namespace {

/// Whether loop `dim` is the innermost (last) index of `map`.
bool isInnermostIndex(AffineMap map, unsigned dim) {
  if (map.getNumResults() == 0)
    return false;
  auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
  return last && last.getPosition() == dim;
}

/// The loop order that puts the last parallel loop innermost, after the
/// reductions, or nothing when the op gains nothing from it.
std::optional<SmallVector<unsigned>> contiguousOrder(linalg::GenericOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (iterators.empty() || !linalg::isReductionIterator(iterators.back()))
    return std::nullopt;
  std::optional<unsigned> inner;
  for (unsigned d = 0; d < iterators.size(); ++d)
    if (linalg::isParallelIterator(iterators[d]))
      inner = d;
  if (!inner || op.getNumDpsInits() != 1)
    return std::nullopt;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  unsigned numInputs = op.getNumDpsInputs();
  if (!isInnermostIndex(maps[numInputs], *inner) ||
      llvm::none_of(ArrayRef(maps).take_front(numInputs), [&](AffineMap map) {
        return isInnermostIndex(map, *inner);
      }))
    return std::nullopt;
  SmallVector<unsigned> order;
  for (unsigned d = 0; d < iterators.size(); ++d)
    if (d != *inner && linalg::isParallelIterator(iterators[d]))
      order.push_back(d);
  for (unsigned d = 0; d < iterators.size(); ++d)
    if (linalg::isReductionIterator(iterators[d]))
      order.push_back(d);
  order.push_back(*inner);
  return order;
}

struct InterchangeContractionsPass
    : public jx::impl::InterchangeContractionsPassBase<
          InterchangeContractionsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> ops;
    getOperation().walk([&](linalg::GenericOp op) { ops.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : ops) {
      std::optional<SmallVector<unsigned>> order = contiguousOrder(op);
      if (!order)
        continue;
      rewriter.setInsertionPoint(op);
      if (failed(linalg::interchangeGenericOp(rewriter, op, *order))) {
        op.emitError("jx-interchange-contractions: cannot reorder the loops "
                     "of this linalg.generic");
        return signalPassFailure();
      }
    }
  }
};

} // namespace
