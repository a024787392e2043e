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
enum class EmitStage { Tokens, AST, Jx, Linalg, LLVM };

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
};

/// Runs the pipeline described by `options`; returns an ExitCode.
int compile(const DriverOptions &options);

/// `main` of jxc: parses the command line, then calls `compile`.
int runJxc(int argc, char **argv);

} // namespace jx

#endif // JX_DRIVER_DRIVER_H
