//===- jx-check.cpp - Type-check a .jx file and print its instances -------===//
//
// A test tool for Sema, independent of MLIR:
//
//   jx-check FILE [-I DIR]... [--stdlib DIR]
//   jx-check --quiet FILE...
//
// Prints every function instance of the checked program (printProgram) and
// exits with 1 when an error was reported. `--stdlib` defaults to the
// source tree's stdlib/. `--quiet` checks each file on its own and prints
// nothing (for the fuzz test, which checks thousands of inputs).
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/Program.h"
#include "jx/Frontend/Sema.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

using namespace jx;

/// Checks one file; prints its instances unless `quiet`. False on errors.
static bool checkFile(const std::string &path, const SemaOptions &options,
                      bool quiet) {
  SourceManager sm;
  std::string error;
  uint32_t fileId = sm.loadFile(path, error);
  if (!fileId) {
    llvm::errs() << "jx-check: error: cannot open '" << path << "': " << error
                 << "\n";
    return false;
  }
  DiagnosticEngine diag(sm, quiet ? llvm::nulls() : llvm::errs());
  TypeContext types;
  Sema sema(sm, diag, types, options);
  const Program *program = sema.check(fileId);
  if (!program || diag.hasErrors())
    return false;
  if (!quiet)
    printProgram(*program, llvm::outs());
  return true;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  SemaOptions options;
  options.stdlibDir = JX_SOURCE_STDLIB_DIR;
  std::vector<std::string> paths;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "-I" && i + 1 < argc) {
      options.includeDirs.push_back(argv[++i]);
    } else if (arg.starts_with("-I") && arg.size() > 2) {
      options.includeDirs.push_back(arg.drop_front(2).str());
    } else if (arg == "--stdlib" && i + 1 < argc) {
      options.stdlibDir = argv[++i];
    } else if (arg == "--quiet") {
      quiet = true;
    } else if (arg.starts_with("-")) {
      llvm::errs() << "jx-check: error: unknown option '" << arg << "'\n";
      return 2;
    } else {
      paths.push_back(arg.str());
    }
  }
  if (paths.empty() || (paths.size() > 1 && !quiet)) {
    llvm::errs() << "usage: jx-check FILE [-I DIR]... [--stdlib DIR]\n"
                    "       jx-check --quiet FILE...\n";
    return 2;
  }
  bool ok = true;
  for (const auto &path : paths)
    ok &= checkFile(path, options, quiet);
  return ok ? 0 : 1;
}
