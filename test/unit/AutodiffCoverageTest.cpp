//===- AutodiffCoverageTest.cpp - Every jx op has a differentiation rule --===//
//
// jx-expand-autodiff reports "differentiation of 'jx.X' is not supported
// yet" for an op with float results and no JxDifferentiableOpInterface
// model, so a new op without a rule would only fail when someone
// differentiates through it. This test walks every op the jx dialect
// registers and requires each one either to have a model or to be listed
// below with the reason it needs none. Adding an op to the dialect without
// doing either fails here.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxAutodiffInterface.h"
#include "jx/Dialect/Jx/IR/JxDialect.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <gtest/gtest.h>

namespace {

/// Ops that need no JxDifferentiableOpInterface model, each with why.
const llvm::StringMap<const char *> &exemptions() {
  static const llvm::StringMap<const char *> map = {
      // No float results: the pass gives them no tangent.
      {"jx.and", "integer/bool results"},
      {"jx.or", "integer/bool results"},
      {"jx.xor", "integer/bool results"},
      {"jx.not", "integer/bool results"},
      {"jx.logical_not", "bool results"},
      {"jx.shl", "integer results"},
      {"jx.shr", "integer results"},
      {"jx.compare", "bool results"},
      {"jx.is_nan", "bool results"},
      {"jx.is_finite", "bool results"},
      {"jx.dim", "index result"},
      {"jx.to_index", "index result"},
      {"jx.from_index", "integer result"},
      {"jx.axis_index", "integer result"},
      {"jx.batch_max", "integer result (a loop bound)"},
      // Control flow: the pass differentiates these itself, recursing into
      // their regions (ControlFlowRules.cpp).
      {"jx.if", "control flow handled by the pass"},
      {"jx.switch", "control flow handled by the pass"},
      {"jx.while", "control flow handled by the pass"},
      {"jx.fori", "control flow handled by the pass"},
      {"jx.scan", "control flow handled by the pass"},
      {"jx.yield", "terminator, no results"},
      // Transformation requests: expanded by their own passes (nested
      // grad/jvp requests are expanded innermost first; jx.vmap inside a
      // differentiated function has rules in VmapRules.cpp, called by the
      // pass; jx.pmap there is rejected with its own diagnostic).
      {"jx.grad", "transformation request"},
      {"jx.value_and_grad", "transformation request"},
      {"jx.jvp", "transformation request"},
      {"jx.vjp", "transformation request"},
      {"jx.jacfwd", "transformation request"},
      {"jx.jacrev", "transformation request"},
      {"jx.hessian", "transformation request"},
      {"jx.vmap", "transformation request, rules in VmapRules.cpp"},
      {"jx.pmap", "transformation request, not differentiable yet"},
      // Known gap: the general reduction with a user region (StableHLO
      // style; the frontend does not emit it, fixed-kind jx.reduce has
      // rules).
      {"jx.reduce_region", "general reduction, no rule yet"},
  };
  return map;
}

class AutodiffCoverageTest : public ::testing::Test {
protected:
  AutodiffCoverageTest() {
    mlir::DialectRegistry registry;
    registry.insert<mlir::jx::JxDialect>();
    mlir::jx::registerJxAutodiffInterfaceModels(registry);
    context.appendDialectRegistry(registry);
    context.loadDialect<mlir::jx::JxDialect>();
  }

  /// The registered ops of the jx dialect.
  llvm::SmallVector<mlir::RegisteredOperationName> jxOps() {
    llvm::SmallVector<mlir::RegisteredOperationName> ops;
    for (mlir::RegisteredOperationName name : context.getRegisteredOperations())
      if (name.getDialectNamespace() == "jx")
        ops.push_back(name);
    return ops;
  }

  mlir::MLIRContext context;
};

TEST_F(AutodiffCoverageTest, DialectHasOps) {
  // Guards the other tests against passing vacuously.
  EXPECT_GT(jxOps().size(), 50u);
}

TEST_F(AutodiffCoverageTest, EveryOpHasARuleOrAnExemption) {
  for (mlir::RegisteredOperationName name : jxOps()) {
    bool hasRule = name.hasInterface<mlir::jx::JxDifferentiableOpInterface>();
    bool exempt = exemptions().contains(name.getStringRef());
    EXPECT_TRUE(hasRule || exempt)
        << "'" << name.getStringRef().str()
        << "' has no JxDifferentiableOpInterface model: add one in "
           "compiler/lib/Dialect/Jx/Transforms/Autodiff/*Rules.cpp, or list "
           "it with a reason in test/unit/AutodiffCoverageTest.cpp";
  }
}

TEST_F(AutodiffCoverageTest, ExemptionsAreCurrent) {
  // An exempted op that gained a rule, or that no longer exists, is a stale
  // entry: drop it so the list keeps meaning "needs no rule".
  llvm::StringSet<> registered;
  for (mlir::RegisteredOperationName name : jxOps())
    registered.insert(name.getStringRef());
  for (const auto &entry : exemptions()) {
    llvm::StringRef opName = entry.getKey();
    EXPECT_TRUE(registered.contains(opName))
        << "exempted '" << opName.str() << "' is not a jx op";
    std::optional<mlir::RegisteredOperationName> name =
        mlir::RegisteredOperationName::lookup(opName, &context);
    if (name)
      EXPECT_FALSE(name->hasInterface<mlir::jx::JxDifferentiableOpInterface>())
          << "exempted '" << opName.str() << "' has a rule now";
  }
}

TEST_F(AutodiffCoverageTest, RulesForRecentlyAddedKinds) {
  // Ops whose kinds were missing rules (issue 4): they keep their models.
  for (llvm::StringRef opName :
       {"jx.rem", "jx.reduce", "jx.cumulative", "jx.scatter", "jx.slice",
        "jx.pad", "jx.concatenate"}) {
    std::optional<mlir::RegisteredOperationName> name =
        mlir::RegisteredOperationName::lookup(opName, &context);
    ASSERT_TRUE(name.has_value()) << opName.str();
    EXPECT_TRUE(name->hasInterface<mlir::jx::JxDifferentiableOpInterface>())
        << opName.str();
  }
}

} // namespace
