//===- ExportWrappers.h - C entry points of compiled functions --*- C++ -*-===//
//
// The C entry point of each exported function (docs/abi.md): it checks the
// descriptors against the signature (NULL pointers, dtypes, ranks, static
// sizes, size variables bound consistently), makes MLIR memref descriptors
// of them (copying strided inputs into contiguous ones), calls the compiled
// function through its `_mlir_ciface_` interface, and turns the returned
// buffers into owned arrays. Generated as C source that jxc compiles with
// clang next to the compiled module; the executable's `main` likewise.
//
//===----------------------------------------------------------------------===//

#ifndef JX_TARGET_EXPORTWRAPPERS_H
#define JX_TARGET_EXPORTWRAPPERS_H

#include "jx/Target/ExportABI.h"

#include "llvm/Support/raw_ostream.h"

namespace jx {

/// Writes the C source of the entry points of `abi` (and, with `withMain`,
/// a C `main` that runs the module's `main` and prints its results as
/// `jxc run` does).
void emitExportWrappers(const ModuleABI &abi, bool withMain,
                        llvm::raw_ostream &os);

} // namespace jx

#endif // JX_TARGET_EXPORTWRAPPERS_H
