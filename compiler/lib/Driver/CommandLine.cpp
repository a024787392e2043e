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
                 "dialect IR), linalg (linalg on tensors), llvm (the LLVM "
                 "dialect), llvm-ir (optimized LLVM IR), asm (host "
                 "assembly), obj (an object file, as -c) or header (the C "
                 "header of the exported functions)")
      ->check(CLI::IsMember({"tokens", "ast", "jx", "linalg", "llvm", "llvm-ir",
                             "asm", "obj", "header"}));
  app.add_option("-o", opts.outputPath,
                 "Write the output to this file instead of standard output; "
                 "without --emit, -c or --shared, link an executable that "
                 "runs 'main'");
  bool compileOnly = false;
  app.add_flag("-c", compileOnly,
               "Compile to an object file with one C entry point per "
               "'export def' (default output: FILE.o)");
  app.add_flag("--shared", opts.linkShared,
               "Link a shared library exporting the entry points (default "
               "output: libFILE.so)");
  app.add_option("--emit-header", opts.headerPath,
                 "Also write the C header of the exported functions to this "
                 "file (alone: only the header)");

  DriverOptions runOpts;
  std::string runOptLevel = "2";
  CLI::App *run =
      app.add_subcommand("run", "Compile FILE and run its entry function");
  addCommonOptions(*run, runOpts, runOptLevel);
  run->add_option("--arg", runOpts.runArgs,
                  "Argument of the entry function: NAME=VALUE for a scalar "
                  "or NAME=@FILE.npy for an array (repeatable); a struct or "
                  "tuple parameter takes one per leaf, as p.w1=@w1.npy")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  run->add_option("--out", runOpts.outDir,
                  "Write each result as DIR/result<path>.npy (NumPy's "
                  "format) instead of printing it");

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
  bool emitGiven = app.count("--emit") > 0;
  std::string stem = opts.inputPath.substr(0, opts.inputPath.rfind('.'));
  stem = stem.substr(stem.rfind('/') + 1);
  if (compileOnly || opts.linkShared) {
    if (emitGiven) {
      fmt::print(stderr, "jxc: error: -c and --shared cannot be combined "
                         "with --emit\n");
      return ExitUsageError;
    }
    opts.emit = EmitStage::Obj;
    if (opts.outputPath.empty())
      opts.outputPath = compileOnly ? stem + ".o" : "lib" + stem + ".so";
    opts.linkShared = opts.linkShared && !compileOnly;
  } else if (!emitGiven && !opts.outputPath.empty() && opts.outputPath != "-") {
    opts.emit = EmitStage::Obj;
    opts.linkExecutable = true;
  } else if (!emitGiven && !opts.headerPath.empty()) {
    opts.emit = EmitStage::Header;
    opts.outputPath = opts.headerPath;
    opts.headerPath.clear();
  }
  opts.optLevel = std::stoi(optLevel);
  return compile(opts);
}
