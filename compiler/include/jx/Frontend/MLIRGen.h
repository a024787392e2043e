//===- MLIRGen.h - Typed program to jx dialect IR ---------------*- C++ -*-===//
//
// Lowers the checked, monomorphic Program from Sema into a `builtin.module`
// of `func.func`s holding jx dialect ops. Every op carries a FileLineColLoc
// into the `.jx` source. Tuples and structs are flattened into their leaves
// (pytrees) at function boundaries; transformations stay as requests
// (`jx.grad @f`, `jx.vmap @f`) for the transform passes to expand.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_MLIRGEN_H
#define JX_FRONTEND_MLIRGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace jx {

class Program;
class SourceManager;
class DiagnosticEngine;

/// Returns null after reporting through `diag` if some construct cannot be
/// lowered.
mlir::OwningOpRef<mlir::ModuleOp> generateMLIR(mlir::MLIRContext &context,
                                               const Program &program,
                                               const SourceManager &sm,
                                               DiagnosticEngine &diag);

} // namespace jx

#endif // JX_FRONTEND_MLIRGEN_H
