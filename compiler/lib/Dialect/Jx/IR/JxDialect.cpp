//===- JxDialect.cpp - jx dialect registration ---------------------------===//
//
// Registers the jx ops and attributes, the inliner interface (any jx op may
// be inlined: the dialect has value semantics) and constant materialization
// for folds.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxDialect.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::jx;

#include "jx/Dialect/Jx/IR/JxDialect.cpp.inc"
#include "jx/Dialect/Jx/IR/JxEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "jx/Dialect/Jx/IR/JxAttrs.cpp.inc"

namespace {
/// jx ops have no side effects tied to their enclosing function, so calls
/// to functions made of them can always be inlined.
struct JxInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;

  bool isLegalToInline(Operation *, Operation *, bool) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void JxDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "jx/Dialect/Jx/IR/JxOps.cpp.inc"
      >();
  registerAttributes();
  addInterfaces<JxInlinerInterface>();
}

void JxDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "jx/Dialect/Jx/IR/JxAttrs.cpp.inc"
      >();
}

Operation *JxDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  if (isa<IndexType>(type)) {
    if (auto intAttr = dyn_cast<IntegerAttr>(value))
      return arith::ConstantIndexOp::create(builder, loc, intAttr.getInt());
    return nullptr;
  }
  if (auto elements = dyn_cast<ElementsAttr>(value))
    if (elements.getType() == type)
      return ConstantOp::create(builder, loc, elements);
  return nullptr;
}

FailureOr<SmallVector<int64_t>> mlir::jx::parseDimList(AsmParser &parser) {
  SmallVector<int64_t> dims;
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
        int64_t dim;
        if (parser.parseInteger(dim))
          return failure();
        dims.push_back(dim);
        return success();
      }))
    return failure();
  return dims;
}

void mlir::jx::printDimList(AsmPrinter &printer, ArrayRef<int64_t> dims) {
  printer << '[';
  llvm::interleaveComma(dims, printer);
  printer << ']';
}
