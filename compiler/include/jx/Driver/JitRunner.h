//===- JitRunner.h - `jxc run`: JIT-compile and run an entry ----*- C++ -*-===//
//
// `jxc run` lowers the program with the CPU pipeline, adds a wrapper that
// calls the entry function and hands each leaf of its result to a host
// callback, JIT-compiles with MLIR's ExecutionEngine and runs it. The host
// prints each leaf the way NumPy prints arrays.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DRIVER_JITRUNNER_H
#define JX_DRIVER_JITRUNNER_H

#include "jx/Frontend/Type.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace jx {

/// One array of the entry's (flattened) result.
struct ResultLeaf {
  /// Where it sits in the result pytree: `` for a single array, `.0`,
  /// `.1.w1`, ... otherwise.
  std::string path;
  DType dtype;
};

/// Lists the leaves of a result of `type` in flattening order.
std::vector<ResultLeaf> flattenResult(const Type *type);

/// Adds `jx.run`, a function without arguments or results that calls
/// `entry` and passes every result leaf to the host printer. Runs on IR at
/// the linalg-on-tensors level (after the jx conversion).
mlir::LogicalResult addRunWrapper(mlir::ModuleOp module, llvm::StringRef entry,
                                  llvm::ArrayRef<ResultLeaf> leaves);

/// JIT-compiles `module` (in the LLVM dialect) and runs `jx.run`, printing
/// the leaves to `os`. Errors are reported through MLIR diagnostics.
mlir::LogicalResult runJit(mlir::ModuleOp module,
                           llvm::ArrayRef<ResultLeaf> leaves,
                           unsigned optLevel, llvm::raw_ostream &os);

} // namespace jx

#endif // JX_DRIVER_JITRUNNER_H
