//===- CommandLine.cpp - jxc's command line (CLI11) -----------------------===//
//
// Parses `jxc FILE.jx [options]` and `jxc run FILE.jx [options]` into
// DriverOptions. Usage errors exit with code 2 and a one-line message that
// points at `--help`.
//
//===----------------------------------------------------------------------===//

#include "jx/Driver/Driver.h"
#include "jx/Driver/Version.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>

using namespace jx;

namespace {

/// Options shared by `jxc FILE` and `jxc run FILE`.
void addCommonOptions(CLI::App &app, DriverOptions &opts,
                      std::string &optLevel) {
  app.add_option("file", opts.inputPath, "The .jx source file to compile")
      ->required();
  app.add_option("-I", opts.includeDirs,
                 "Add a directory to the module search path (repeatable); "
                 "searched after the importing file's directory and before "
                 "the standard library");
  app.add_option("--stdlib", opts.stdlibDir,
                 "Directory of the standard library modules (default: the "
                 "installed stdlib/)");
  app.add_option("--entry", opts.entry,
                 "Function to run or expose as the entry point")
      ->default_val("main");
  app.add_option("-O", optLevel, "Optimization level: 0, 1, 2 or 3")
      ->default_val("2")
      ->check(CLI::IsMember({"0", "1", "2", "3"}));
}

} // namespace

int jx::runJxc(int argc, char **argv) {
  CLI::App app{"jxc: the jx ahead-of-time compiler", "jxc"};
  app.set_version_flag("--version", std::string("jxc ") + kJxVersion +
                                        " (LLVM/MLIR " + kLlvmVersion + ")");
  app.require_subcommand(0, 1);

  DriverOptions opts;
  std::string emit = "jx";
  std::string optLevel = "2";
  addCommonOptions(app, opts, optLevel);
  app.add_option("--emit", emit,
                 "Stage to print: tokens, ast (the typed AST), jx (the jx "
                 "dialect IR), linalg (linalg on tensors) or llvm (the LLVM "
                 "dialect)")
      ->check(CLI::IsMember({"tokens", "ast", "jx", "linalg", "llvm"}));
  app.add_option("-o", opts.outputPath,
                 "Write the output to this file instead of standard output");

  DriverOptions runOpts;
  std::string runOptLevel = "2";
  CLI::App *run =
      app.add_subcommand("run", "Compile FILE and run its entry function");
  addCommonOptions(*run, runOpts, runOptLevel);

  // `jxc run FILE` must not also demand the top-level positional `file`.
  app.get_option("file")->required(false);
  app.callback([&] {
    if (!run->parsed() && opts.inputPath.empty())
      throw CLI::RequiredError("file");
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    fmt::print(stderr, "jxc: error: {}\n", e.what());
    fmt::print(stderr, "jxc: run 'jxc --help' for usage\n");
    return ExitUsageError;
  }

  if (run->parsed()) {
    runOpts.run = true;
    runOpts.optLevel = std::stoi(runOptLevel);
    return compile(runOpts);
  }
  opts.emit = *parseEmitStage(emit);
  opts.optLevel = std::stoi(optLevel);
  return compile(opts);
}
