//===- jx-opt.cpp - mlir-opt for the jx dialect --------------------------===//
//
// Parses, verifies, transforms and prints IR with the jx dialect and the
// upstream dialects it lowers to, so lit can test every pass alone.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/Passes.h"
#include "jx/Dialect/Jx/IR/JxDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/Extensions/InlinerExtension.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::jx::registerJxConversionPasses();

  mlir::DialectRegistry registry;
  registry.insert<mlir::jx::JxDialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::linalg::LinalgDialect,
                  mlir::math::MathDialect, mlir::scf::SCFDialect,
                  mlir::tensor::TensorDialect>();
  mlir::func::registerInlinerExtension(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "jx optimizer driver\n", registry));
}
