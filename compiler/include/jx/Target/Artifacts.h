//===- Artifacts.h - Objects, headers, executables, libraries ---*- C++ -*-===//
//
// The embedding back end of jxc, as one call: from the module at the
// linalg-on-tensors level (after `jx-to-linalg`) and the checked program, it
// prepares the exported functions for the C ABI (C interfaces, read-only
// arguments), lowers to LLVM, and writes the requested artifact:
//
//   jxc FILE.jx -c [-o FILE.o] [--emit-header FILE.h]   object + header
//   jxc FILE.jx --emit=header|llvm-ir|asm|obj            one stage
//   jxc FILE.jx -o EXE                                   executable (`main`)
//   jxc FILE.jx --shared -o LIB.so                       shared library
//
//===----------------------------------------------------------------------===//

#ifndef JX_TARGET_ARTIFACTS_H
#define JX_TARGET_ARTIFACTS_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace jx {

class Program;
class DiagnosticEngine;

enum class ArtifactKind {
  Header,        ///< the C header, to the output stream
  LLVMIR,        ///< optimized LLVM IR of the compiled functions
  Assembly,      ///< host assembly of the compiled functions
  Object,        ///< compiled functions + C entry points, one ELF object
  Executable,    ///< linked with libjxrt; `main` prints its results
  SharedLibrary, ///< exports the entry points (and libjxrt's API) only
};

struct ArtifactOptions {
  ArtifactKind kind = ArtifactKind::Object;
  /// Executable and SharedLibrary: the file the linker writes.
  std::string outputPath;
  /// When not empty, the C header is also written to this file.
  std::string headerPath;
  unsigned optLevel = 2;
};

/// Produces the artifact. Header, LLVMIR, Assembly and Object go to `os`;
/// executables and shared libraries to `options.outputPath`. Errors are
/// reported through `diag`; nothing is written then.
mlir::LogicalResult emitArtifact(const Program &program, mlir::ModuleOp module,
                                 const ArtifactOptions &options,
                                 DiagnosticEngine &diag, llvm::raw_ostream &os);

} // namespace jx

#endif // JX_TARGET_ARTIFACTS_H
