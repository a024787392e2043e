//===- Driver.h - The jxc compiler driver -----------------------*- C++ -*-===//
//
// The command line is the first client of the driver library: `jxc` parses
// its arguments into DriverOptions, and `compile` runs the pipeline up to the
// requested stage. Exit codes: 0 success, 1 an error in the program, 2 a
// usage error.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DRIVER_DRIVER_H
#define JX_DRIVER_DRIVER_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace jx {

/// The stages `--emit` can stop at, in pipeline order.
/// LLVMIR, Asm, Obj and Header are the native artifacts of jx/Target.
enum class EmitStage {
  Tokens,
  AST,
  Jx,
  Linalg,
  LLVM,
  LLVMIR,
  Asm,
  Obj,
  Header
};

std::optional<EmitStage> parseEmitStage(llvm::StringRef name);
llvm::StringRef emitStageName(EmitStage stage);

enum ExitCode : int { ExitSuccess = 0, ExitProgramError = 1, ExitUsageError = 2 };

struct DriverOptions {
  std::string inputPath;
  std::string outputPath; ///< empty or "-": standard output
  EmitStage emit = EmitStage::Jx;
  std::vector<std::string> includeDirs;
  std::string stdlibDir; ///< empty: the installed or source-tree stdlib/
  std::string entry = "main";
  unsigned optLevel = 2;
  bool run = false; ///< `jxc run FILE`
  /// `jxc run --arg NAME=VALUE|@file.npy`, in the order given.
  std::vector<std::string> runArgs;
  /// `jxc run --out DIR`: write results as .npy files instead of printing.
  std::string outDir;
  /// Native artifacts (jx/Target/Artifacts.h): `-o FILE` without `--emit`
  /// links an executable, `--shared` a shared library; `--emit-header FILE`
  /// also writes the C header.
  bool linkExecutable = false;
  bool linkShared = false;
  std::string headerPath;
};

/// Runs the pipeline described by `options`; returns an ExitCode.
int compile(const DriverOptions &options);

/// `main` of jxc: parses the command line, then calls `compile`.
int runJxc(int argc, char **argv);

} // namespace jx

#endif // JX_DRIVER_DRIVER_H
