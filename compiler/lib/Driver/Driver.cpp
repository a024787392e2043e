//===- Driver.cpp - The jxc pipeline, stage by stage ----------------------===//
//
// Runs source → tokens → AST → Sema → jx IR, stopping at the stage `--emit`
// asks for. Every error in the program goes through the DiagnosticEngine
// (exit code 1); internal IR verification failures are reported the same way,
// with the `.jx` location MLIRGen attached.
//
//===----------------------------------------------------------------------===//

#include "jx/Driver/Driver.h"

#include "jx/Driver/JitRunner.h"

#include "jx/Dialect/Jx/IR/JxDialect.h"
#include "jx/Frontend/ASTPrinter.h"
#include "jx/Frontend/MLIRGen.h"
#include "jx/Frontend/Parser.h"
#include "jx/Frontend/Sema.h"
#include "jx/Pipeline/Pipeline.h"
#include "jx/Target/Artifacts.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace jx;

std::optional<EmitStage> jx::parseEmitStage(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<EmitStage>>(name)
      .Case("tokens", EmitStage::Tokens)
      .Case("ast", EmitStage::AST)
      .Case("jx", EmitStage::Jx)
      .Case("linalg", EmitStage::Linalg)
      .Case("llvm", EmitStage::LLVM)
      .Case("llvm-ir", EmitStage::LLVMIR)
      .Case("asm", EmitStage::Asm)
      .Case("obj", EmitStage::Obj)
      .Case("header", EmitStage::Header)
      .Default(std::nullopt);
}

llvm::StringRef jx::emitStageName(EmitStage stage) {
  switch (stage) {
  case EmitStage::Tokens:
    return "tokens";
  case EmitStage::AST:
    return "ast";
  case EmitStage::Jx:
    return "jx";
  case EmitStage::Linalg:
    return "linalg";
  case EmitStage::LLVM:
    return "llvm";
  case EmitStage::LLVMIR:
    return "llvm-ir";
  case EmitStage::Asm:
    return "asm";
  case EmitStage::Obj:
    return "obj";
  case EmitStage::Header:
    return "header";
  }
  llvm_unreachable("unknown emit stage");
}

namespace {

/// The standard library: `--stdlib`, then `$JX_STDLIB`, then the installed
/// `share/jx/stdlib` next to the binary, then the source tree's `stdlib/`.
std::string findStdlibDir(const DriverOptions &opts) {
  if (!opts.stdlibDir.empty())
    return opts.stdlibDir;
  if (auto env = llvm::sys::Process::GetEnv("JX_STDLIB"))
    return *env;
  std::string exe = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&findStdlibDir));
  if (!exe.empty()) {
    llvm::SmallString<256> installed(llvm::sys::path::parent_path(exe));
    llvm::sys::path::append(installed, "..", "share", "jx", "stdlib");
    if (llvm::sys::fs::is_directory(installed))
      return std::string(installed);
  }
  return JX_SOURCE_STDLIB_DIR;
}

/// Routes MLIR diagnostics (verifier failures, pass errors) into the jx
/// DiagnosticEngine so they print with the `.jx` source line and a caret.
class MLIRDiagnosticBridge {
public:
  MLIRDiagnosticBridge(mlir::MLIRContext &context, const SourceManager &sm,
                       DiagnosticEngine &diag)
      : handler(&context, [this](mlir::Diagnostic &d) {
          report(d);
          return mlir::success();
        }),
        sm(sm), diag(diag) {}

private:
  SourceLoc toSourceLoc(mlir::Location loc) {
    auto fileLoc = llvm::dyn_cast<mlir::FileLineColLoc>(loc);
    if (!fileLoc) {
      if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(loc))
        for (mlir::Location inner : fused.getLocations())
          if (SourceLoc s = toSourceLoc(inner); s.isValid())
            return s;
      if (auto named = llvm::dyn_cast<mlir::NameLoc>(loc))
        return toSourceLoc(named.getChildLoc());
      if (auto callSite = llvm::dyn_cast<mlir::CallSiteLoc>(loc))
        return toSourceLoc(callSite.getCallee());
      return {};
    }
    for (uint32_t id = 1; id <= sm.getNumFiles(); ++id) {
      if (sm.getFile(id).path != fileLoc.getFilename().getValue())
        continue;
      return sm.getLocation(id, fileLoc.getLine(), fileLoc.getColumn());
    }
    return {};
  }

  void report(mlir::Diagnostic &d) {
    DiagKind kind = DiagKind::Error;
    if (d.getSeverity() == mlir::DiagnosticSeverity::Warning)
      kind = DiagKind::Warning;
    else if (d.getSeverity() == mlir::DiagnosticSeverity::Note ||
             d.getSeverity() == mlir::DiagnosticSeverity::Remark)
      kind = DiagKind::Note;
    diag.report(kind, toSourceLoc(d.getLocation()), d.str());
    for (mlir::Diagnostic &note : d.getNotes())
      diag.note(toSourceLoc(note.getLocation()), note.str());
  }

  mlir::ScopedDiagnosticHandler handler;
  const SourceManager &sm;
  DiagnosticEngine &diag;
};

/// Everything from parsing to the jx IR for one input file.
class Compilation {
public:
  explicit Compilation(const DriverOptions &opts)
      : opts(opts), diag(sm, llvm::errs()) {}

  int run() {
    std::string error;
    uint32_t fileId = sm.loadFile(opts.inputPath, error);
    if (!fileId) {
      diag.error({}, "cannot open '" + opts.inputPath + "': " + error);
      return ExitProgramError;
    }

    // Executables and shared libraries are written by the linker.
    if (opts.linkExecutable || opts.linkShared)
      return emit(fileId, llvm::nulls());

    std::error_code ec;
    std::string outPath = opts.outputPath.empty() ? "-" : opts.outputPath;
    llvm::ToolOutputFile out(outPath, ec, llvm::sys::fs::OF_Text);
    if (ec) {
      diag.error({}, "cannot write '" + outPath + "': " + ec.message());
      return ExitProgramError;
    }

    int status = emit(fileId, out.os());
    if (status == ExitSuccess)
      out.keep();
    return status;
  }

private:
  int emit(uint32_t fileId, llvm::raw_ostream &os) {
    if (opts.emit == EmitStage::Tokens && !opts.run) {
      dumpTokens(fileId, sm, diag, os);
      return diag.hasErrors() ? ExitProgramError : ExitSuccess;
    }

    SemaOptions semaOptions;
    semaOptions.includeDirs = opts.includeDirs;
    semaOptions.stdlibDir = findStdlibDir(opts);
    Sema sema(sm, diag, types, semaOptions);
    const Program *program = sema.check(fileId);
    if (!program || diag.hasErrors())
      return ExitProgramError;

    if (opts.emit == EmitStage::AST && !opts.run) {
      printProgram(*program, os);
      return ExitSuccess;
    }

    mlir::DialectRegistry registry;
    registerPipelineDialects(registry);
    mlir::MLIRContext context(registry);
    // Diagnostics point into the .jx source; the IR of the op is noise.
    context.printOpOnDiagnostic(false);
    context.loadDialect<mlir::jx::JxDialect, mlir::func::FuncDialect,
                        mlir::arith::ArithDialect,
                        mlir::tensor::TensorDialect>();
    MLIRDiagnosticBridge bridge(context, sm, diag);
    mlir::OwningOpRef<mlir::ModuleOp> module =
        generateMLIR(context, *program, sm, diag);
    if (!module || diag.hasErrors())
      return ExitProgramError;
    if (mlir::failed(mlir::verify(*module))) {
      diag.error({}, "internal error: the generated jx IR does not verify");
      return ExitProgramError;
    }
    if (opts.emit == EmitStage::Jx && !opts.run) {
      module->print(os);
      return ExitSuccess;
    }
    return lower(*program, *module, os);
  }

  /// Native code: jx → linalg → LLVM, then print a stage or run.
  int lower(const Program &program, mlir::ModuleOp module,
            llvm::raw_ostream &os) {
    const FunctionInstance *entry = nullptr;
    if (opts.run) {
      entry = findEntry(program);
      if (!entry)
        return ExitProgramError;
    }

    registerJxPipelines();
    CPUPipelineOptions pipelineOptions;
    pipelineOptions.optLevel = opts.optLevel;
    mlir::PassManager toLinalg(module.getContext());
    if (mlir::failed(addPipeline(toLinalg,
                                 getJxToLinalgPipeline(pipelineOptions))) ||
        mlir::failed(toLinalg.run(module)))
      return ExitProgramError;
    if (opts.emit == EmitStage::Linalg && !opts.run) {
      module.print(os);
      return ExitSuccess;
    }
    if (!opts.run && (opts.emit > EmitStage::LLVM || opts.linkExecutable ||
                      opts.linkShared || !opts.headerPath.empty()))
      return emitNativeArtifact(program, module, os);

    std::vector<ResultLeaf> leaves;
    RunInputs inputs;
    if (opts.run) {
      if (!loadRunInputs(*entry, inputs))
        return ExitProgramError;
      leaves = flattenResult(entry->resultType);
      if (mlir::failed(addRunWrapper(module, entry->symbol, leaves)))
        return ExitProgramError;
    }
    mlir::PassManager toLLVM(module.getContext());
    if (mlir::failed(addPipeline(toLLVM,
                                 getLinalgToLLVMPipeline(pipelineOptions))) ||
        mlir::failed(toLLVM.run(module)))
      return ExitProgramError;
    if (!opts.run) {
      module.print(os);
      return ExitSuccess;
    }
    RunOptions runOptions;
    runOptions.optLevel = opts.optLevel;
    runOptions.outDir = opts.outDir;
    if (mlir::failed(runJit(module, inputs, leaves, runOptions, os)))
      return ExitProgramError;
    return ExitSuccess;
  }

  /// Reads `--arg NAME=VALUE` for every array leaf of the entry's
  /// parameters.
  bool loadRunInputs(const FunctionInstance &entry, RunInputs &inputs) {
    std::map<std::string, std::string> values;
    for (llvm::StringRef arg : opts.runArgs) {
      auto [name, value] = arg.split('=');
      if (name.empty() || !arg.contains('=')) {
        diag.error({}, "--arg expects NAME=VALUE or NAME=@FILE.npy, got '" +
                           arg + "'");
        return false;
      }
      values[name.str()] = value.str();
    }
    std::vector<std::pair<std::string, const Type *>> params;
    for (const FunctionInstance::Param &param : entry.params)
      params.push_back({param.name, param.type});
    std::string error;
    if (inputs.load(flattenParameters(params), values, error))
      return true;
    diag.error({}, "cannot run '" + opts.entry + "': " + error);
    return false;
  }

  /// Objects, headers, executables and shared libraries (jx/Target).
  int emitNativeArtifact(const Program &program, mlir::ModuleOp module,
                         llvm::raw_ostream &os) {
    ArtifactOptions artifact;
    artifact.optLevel = opts.optLevel;
    artifact.outputPath = opts.outputPath;
    artifact.headerPath = opts.headerPath;
    artifact.kind = opts.linkExecutable ? ArtifactKind::Executable
                    : opts.linkShared   ? ArtifactKind::SharedLibrary
                    : opts.emit == EmitStage::LLVMIR ? ArtifactKind::LLVMIR
                    : opts.emit == EmitStage::Asm    ? ArtifactKind::Assembly
                    : opts.emit == EmitStage::Header ? ArtifactKind::Header
                                                     : ArtifactKind::Object;
    if (mlir::failed(emitArtifact(program, module, artifact, diag, os)))
      return ExitProgramError;
    return ExitSuccess;
  }

  /// The instance `jxc run` runs: `main`, or the function `--entry` names.
  const FunctionInstance *findEntry(const Program &program) {
    for (const FunctionInstance *inst : program.entries) {
      llvm::StringRef symbol = inst->symbol;
      if (symbol.rsplit('.').second != opts.entry)
        continue;
      return inst;
    }
    diag.error({}, "no function '" + opts.entry + "' to run in '" +
                       opts.inputPath + "'" +
                       (opts.entry == "main"
                            ? "; define 'def main() { ... }' or pass --entry"
                            : ""));
    return nullptr;
  }

  const DriverOptions &opts;
  SourceManager sm;
  DiagnosticEngine diag;
  TypeContext types;
};

} // namespace

int jx::compile(const DriverOptions &options) {
  return Compilation(options).run();
}
