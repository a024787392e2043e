//===- Sema.h - The jx type checker -----------------------------*- C++ -*-===//
//
// Sema loads a module and its imports, resolves names, instantiates generic
// functions per distinct argument types, infers dtypes (JAX promotion) and
// shapes (with size variables), types control flow and transformations, and
// defunctionalizes lambdas and function values. Its result is a Program
// (Program.h): first-order, monomorphic instances with side tables for
// MLIRGen.
//
// Errors go through the DiagnosticEngine; checking continues after an error
// (an expression whose type could not be determined has a null type, and
// nothing derived from it is reported again), so one run reports every
// independent error. Sema never crashes on bad input.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_SEMA_H
#define JX_FRONTEND_SEMA_H

#include "jx/Frontend/Diagnostics.h"
#include "jx/Frontend/Program.h"
#include "jx/Frontend/Type.h"

#include <memory>
#include <string>
#include <vector>

namespace jx {

struct SemaOptions {
  /// `-I DIR`: searched for imports after the importing file's directory.
  std::vector<std::string> includeDirs;
  /// The installed `stdlib/`, searched last.
  std::string stdlibDir;
};

class SemaImpl;

class Sema {
public:
  Sema(SourceManager &sm, DiagnosticEngine &diag, TypeContext &types,
       SemaOptions options);
  ~Sema();

  /// Loads `mainFileId`'s module and its imports and checks everything
  /// reachable from the entry points (the main module's `export def`s and
  /// `main`, plus every function of the main module whose parameters are all
  /// annotated). Returns the checked program, owned by this Sema, or null
  /// when any error (including a parse error) was reported.
  const Program *check(uint32_t mainFileId);

private:
  std::unique_ptr<SemaImpl> impl;
};

} // namespace jx

#endif // JX_FRONTEND_SEMA_H
