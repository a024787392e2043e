//===- jx-opt.cpp - mlir-opt for the jx dialect --------------------------===//
//
// Parses, verifies, transforms and prints IR with the jx dialect and every
// upstream dialect it lowers to, so lit can test every pass alone, and
// replay jxc's pipelines stage by stage (-jx-to-linalg, -jx-linalg-to-llvm,
// -jx-lower-to-llvm).
//
//===----------------------------------------------------------------------===//

#include "jx/Pipeline/Pipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  jx::registerJxPipelines();

  mlir::DialectRegistry registry;
  jx::registerPipelineDialects(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "jx optimizer driver\n", registry));
}
