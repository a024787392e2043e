//===- SemaFrontend.cpp - The one-call frontend entry ---------------------===//
//
// jx::Frontend: path in, checked Program out (see Frontend.h).
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/Frontend.h"

using namespace jx;

Frontend::Frontend(llvm::raw_ostream &diagOS) : diag(sm, diagOS) {}

Frontend::~Frontend() = default;

const Program *Frontend::checkFile(llvm::StringRef path, SemaOptions options) {
  if (sema) {
    diag.error({}, "internal error: Frontend::checkFile called twice");
    return nullptr;
  }
  std::string error;
  uint32_t fileId = sm.loadFile(path, error);
  if (!fileId) {
    diag.error({}, "cannot open '" + path + "': " + error);
    return nullptr;
  }
  sema = std::make_unique<Sema>(sm, diag, types, std::move(options));
  const Program *program = sema->check(fileId);
  return diag.hasErrors() ? nullptr : program;
}
