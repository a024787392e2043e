//===- jx-parse.cpp - Parse .jx files and print their tokens or AST -------===//
//
// A test tool for the frontend's first stage, independent of Sema:
//
//   jx-parse FILE             print the untyped AST
//   jx-parse FILE --tokens    print the tokens
//   jx-parse FILE --clone     print the AST of a deep copy of each function
//   jx-parse --quiet FILE...  parse each file on its own, print only errors
//
// `--error-limit=N` overrides the diagnostic engine's limit and `--color`
// forces colors. Exits with 1 when an error was reported. Several files are
// for the fuzz test, which parses thousands of inputs.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/ASTPrinter.h"
#include "jx/Frontend/Parser.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <vector>

using namespace jx;

namespace {
struct Options {
  bool tokens = false;
  bool clone = false;
  bool quiet = false;
  bool color = false;
  std::optional<unsigned> errorLimit;
};
} // namespace

/// Parses one file and prints what was asked; returns false on errors.
static bool parseFile(llvm::StringRef path, const Options &options) {
  SourceManager sm;
  std::string loadError;
  uint32_t fileId = sm.loadFile(path, loadError);
  if (fileId == 0) {
    llvm::errs() << "jx-parse: error: " << loadError << '\n';
    return false;
  }
  DiagnosticEngine diag(sm, llvm::errs());
  if (options.color)
    diag.setUseColors(true);
  if (options.errorLimit)
    diag.setErrorLimit(*options.errorLimit);

  llvm::raw_ostream &os = options.quiet ? llvm::nulls() : llvm::outs();
  if (options.tokens) {
    dumpTokens(fileId, sm, diag, os);
    return !diag.hasErrors();
  }
  std::unique_ptr<Module> module = parseModule(fileId, sm, diag);
  if (options.clone) {
    for (auto &decl : module->decls)
      if (auto *fn = llvm::dyn_cast<FunctionDecl>(decl.get()))
        decl = fn->clone();
  }
  printModule(*module, os);
  return !diag.hasErrors();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  Options options;
  std::vector<llvm::StringRef> paths;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "--tokens") {
      options.tokens = true;
    } else if (arg == "--clone") {
      options.clone = true;
    } else if (arg == "--quiet") {
      options.quiet = true;
    } else if (arg == "--color") {
      options.color = true;
    } else if (arg.consume_front("--error-limit=")) {
      unsigned limit;
      if (arg.getAsInteger(10, limit)) {
        llvm::errs() << "jx-parse: error: invalid --error-limit\n";
        return 1;
      }
      options.errorLimit = limit;
    } else if (arg.starts_with("-") && arg != "-") {
      llvm::errs() << "jx-parse: error: unknown option '" << arg << "'\n";
      return 1;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    llvm::errs() << "usage: jx-parse FILE... [--tokens] [--clone] [--quiet] "
                    "[--color] [--error-limit=N]\n";
    return 1;
  }
  bool ok = true;
  for (llvm::StringRef path : paths)
    ok &= parseFile(path, options);
  return ok ? 0 : 1;
}
