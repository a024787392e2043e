//===- jx-parse.cpp - Parse a .jx file and print its tokens or AST --------===//
//
// A test tool for the frontend's first stage, independent of Sema:
//
//   jx-parse FILE             print the untyped AST
//   jx-parse FILE --tokens    print the tokens
//   jx-parse FILE --clone     print the AST of a deep copy of each function
//
// `--error-limit=N` overrides the diagnostic engine's limit and `--color`
// forces colors. Exits with 1 when an error was reported.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/ASTPrinter.h"
#include "jx/Frontend/Parser.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace jx;

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::StringRef path;
  bool tokens = false, clone = false, color = false;
  unsigned errorLimit = 0;
  bool setLimit = false;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "--tokens") {
      tokens = true;
    } else if (arg == "--clone") {
      clone = true;
    } else if (arg == "--color") {
      color = true;
    } else if (arg.consume_front("--error-limit=")) {
      if (arg.getAsInteger(10, errorLimit)) {
        llvm::errs() << "jx-parse: error: invalid --error-limit\n";
        return 1;
      }
      setLimit = true;
    } else if (arg.starts_with("-") && arg != "-") {
      llvm::errs() << "jx-parse: error: unknown option '" << arg << "'\n";
      return 1;
    } else if (path.empty()) {
      path = arg;
    } else {
      llvm::errs() << "jx-parse: error: more than one input file\n";
      return 1;
    }
  }
  if (path.empty()) {
    llvm::errs() << "usage: jx-parse FILE [--tokens] [--clone] [--color] "
                    "[--error-limit=N]\n";
    return 1;
  }

  SourceManager sm;
  std::string loadError;
  uint32_t fileId = sm.loadFile(path, loadError);
  if (fileId == 0) {
    llvm::errs() << "jx-parse: error: " << loadError << '\n';
    return 1;
  }
  DiagnosticEngine diag(sm, llvm::errs());
  if (color)
    diag.setUseColors(true);
  if (setLimit)
    diag.setErrorLimit(errorLimit);

  if (tokens) {
    dumpTokens(fileId, sm, diag, llvm::outs());
    return diag.hasErrors() ? 1 : 0;
  }
  std::unique_ptr<Module> module = parseModule(fileId, sm, diag);
  if (clone) {
    for (auto &decl : module->decls)
      if (auto *fn = llvm::dyn_cast<FunctionDecl>(decl.get()))
        decl = fn->clone();
  }
  printModule(*module, llvm::outs());
  return diag.hasErrors() ? 1 : 0;
}
