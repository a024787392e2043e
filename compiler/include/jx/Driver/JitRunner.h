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
#include "jx/runtime.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
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

/// One array argument of the entry, with the name `--arg` uses for it: the
/// parameter's name plus the leaf's path (`x`, `p.w1`, `t.0`).
struct ArgumentLeaf {
  std::string name;
  const ArrayType *type;
};

/// Lists the array leaves of the entry's parameters in flattening order.
std::vector<ArgumentLeaf>
flattenParameters(llvm::ArrayRef<std::pair<std::string, const Type *>> params);

/// The arguments of one run, owned: each leaf's array from `--arg`.
class RunInputs {
public:
  RunInputs() = default;
  RunInputs(RunInputs &&) = default;
  RunInputs &operator=(RunInputs &&) = default;
  ~RunInputs();

  /// Reads `NAME=VALUE` (a scalar literal) or `NAME=@file.npy` for every
  /// leaf, checking dtype, rank, static sizes and that each size variable
  /// has one value across all arguments. Fails with a message in `error`.
  bool load(llvm::ArrayRef<ArgumentLeaf> leaves,
            const std::map<std::string, std::string> &values,
            std::string &error);

  /// Runtime descriptors, in leaf order.
  std::vector<const jx_array_t *> arrays() const;

private:
  std::vector<jx_owned_array_t *> owned;
};

/// Adds `jx.run`, which takes the entry's (flat) arguments, calls `entry`
/// and passes every result leaf to the host printer. Runs on IR at the
/// linalg-on-tensors level (after the jx conversion).
mlir::LogicalResult addRunWrapper(mlir::ModuleOp module, llvm::StringRef entry,
                                  llvm::ArrayRef<ResultLeaf> leaves);

struct RunOptions {
  unsigned optLevel = 2;
  /// When set, every result leaf is written to `<outDir>/result<path>.npy`
  /// instead of being printed.
  std::string outDir;
};

/// JIT-compiles `module` (in the LLVM dialect) and runs `jx.run` on
/// `inputs`, printing (or writing) the result leaves. Errors are reported
/// through MLIR diagnostics.
mlir::LogicalResult runJit(mlir::ModuleOp module, const RunInputs &inputs,
                           llvm::ArrayRef<ResultLeaf> leaves,
                           const RunOptions &options, llvm::raw_ostream &os);

} // namespace jx

#endif // JX_DRIVER_JITRUNNER_H
