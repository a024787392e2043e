//===- ObjectEmitter.h - LLVM dialect → LLVM IR → machine code --*- C++ -*-===//
//
// Translates a module in the LLVM dialect to LLVM IR, optimizes it at the
// requested level and emits host (x86-64 with the host CPU's features)
// assembly or an ELF object with a TargetMachine. The module's functions
// become hidden symbols: only the C entry points (jx/Target/ExportWrappers.h)
// are part of an artifact's interface.
//
//===----------------------------------------------------------------------===//

#ifndef JX_TARGET_OBJECTEMITTER_H
#define JX_TARGET_OBJECTEMITTER_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/raw_ostream.h"

namespace jx {

enum class CodeGenFileKind { LLVMIR, Assembly, Object };

struct ObjectEmitterOptions {
  unsigned optLevel = 2;
  CodeGenFileKind kind = CodeGenFileKind::Object;
  /// Position-independent code, so objects can go into shared libraries.
  bool pic = true;
};

/// Emits `module` (LLVM dialect) to `os`. Errors are reported on the module
/// as MLIR diagnostics.
mlir::LogicalResult emitMachineCode(mlir::ModuleOp module,
                                    const ObjectEmitterOptions &options,
                                    llvm::raw_pwrite_stream &os);

} // namespace jx

#endif // JX_TARGET_OBJECTEMITTER_H
