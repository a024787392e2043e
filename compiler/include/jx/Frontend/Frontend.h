//===- Frontend.h - One-call entry to the jx frontend -----------*- C++ -*-===//
//
// Bundles what checking a file needs (source manager, diagnostics, types,
// Sema) with the right lifetimes, so that a client (the driver, a test tool,
// an embedding) can go from a path to a checked Program in one call:
//
//   jx::Frontend frontend;
//   const jx::Program *program = frontend.checkFile("hello.jx", options);
//   if (!program) return 1; // diagnostics were printed
//
// The Program and its types live as long as the Frontend.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_FRONTEND_H
#define JX_FRONTEND_FRONTEND_H

#include "jx/Frontend/Diagnostics.h"
#include "jx/Frontend/Program.h"
#include "jx/Frontend/Sema.h"
#include "jx/Frontend/Type.h"

#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace jx {

class Frontend {
public:
  /// Diagnostics are printed to `diagOS`.
  explicit Frontend(llvm::raw_ostream &diagOS = llvm::errs());
  ~Frontend();

  /// Loads `path`, parses it and its imports and type-checks the program.
  /// Returns null when the file cannot be read or any error was reported.
  /// May be called once per Frontend.
  const Program *checkFile(llvm::StringRef path, SemaOptions options);

  SourceManager &getSourceManager() { return sm; }
  DiagnosticEngine &getDiagnostics() { return diag; }
  TypeContext &getTypes() { return types; }

private:
  SourceManager sm;
  DiagnosticEngine diag;
  TypeContext types;
  std::unique_ptr<Sema> sema;
};

} // namespace jx

#endif // JX_FRONTEND_FRONTEND_H
