//===- Artifacts.cpp - Objects, headers, executables, libraries -----------===//

#include "jx/Target/Artifacts.h"

#include "jx/Frontend/Diagnostics.h"
#include "jx/Frontend/Program.h"
#include "jx/Pipeline/Pipeline.h"
#include "jx/Target/CHeader.h"
#include "jx/Target/ExportABI.h"
#include "jx/Target/ExportWrappers.h"
#include "jx/Target/Linker.h"
#include "jx/Target/ObjectEmitter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace jx;

namespace {

/// A temporary file removed when the compilation ends.
struct TempFile {
  llvm::SmallString<128> path;
  std::optional<llvm::FileRemover> remover;
};

class ArtifactEmitter {
public:
  ArtifactEmitter(const Program &program, mlir::ModuleOp module,
                  const ArtifactOptions &options, DiagnosticEngine &diag)
      : program(program), module(module), options(options), diag(diag) {}

  mlir::LogicalResult run(llvm::raw_ostream &os) {
    auto built = buildModuleABI(program, diag);
    if (mlir::failed(built))
      return mlir::failure();
    abi = std::move(*built);

    std::unique_ptr<llvm::ToolOutputFile> header;
    if (!options.headerPath.empty()) {
      std::error_code ec;
      header = std::make_unique<llvm::ToolOutputFile>(options.headerPath, ec,
                                                      llvm::sys::fs::OF_Text);
      if (ec)
        return error("cannot write '" + options.headerPath +
                     "': " + ec.message());
      emitCHeader(abi, header->os());
    }
    if (options.kind == ArtifactKind::Header) {
      emitCHeader(abi, os);
    } else if (mlir::failed(emitCode(os))) {
      return mlir::failure();
    }
    if (header)
      header->keep();
    return mlir::success();
  }

private:
  mlir::LogicalResult error(const std::string &message) {
    diag.error({}, message);
    return mlir::failure();
  }

  mlir::LogicalResult emitCode(llvm::raw_ostream &os) {
    if (options.kind == ArtifactKind::Executable && !abi.main)
      return error("cannot link an executable: '" + abi.sourcePath +
                   "' has no 'def main()'; use -c for an object or --shared "
                   "for a library of its exported functions");
    if (mlir::failed(prepareExports()) || mlir::failed(lowerToLLVM()))
      return mlir::failure();

    ObjectEmitterOptions codegen;
    codegen.optLevel = options.optLevel;
    if (options.kind == ArtifactKind::LLVMIR ||
        options.kind == ArtifactKind::Assembly) {
      codegen.kind = options.kind == ArtifactKind::LLVMIR
                         ? CodeGenFileKind::LLVMIR
                         : CodeGenFileKind::Assembly;
      llvm::SmallString<0> text;
      llvm::raw_svector_ostream buffer(text);
      if (mlir::failed(emitMachineCode(module, codegen, buffer)))
        return mlir::failure();
      os << text;
      return mlir::success();
    }

    Toolchain toolchain;
    std::string message;
    if (!findToolchain(toolchain, message))
      return error(message);

    // The compiled functions, and the C entry points compiled by clang.
    TempFile code, wrappers, wrappersObject;
    if (mlir::failed(makeTemp("jx-code", "o", code)) ||
        mlir::failed(makeTemp("jx-entry", "c", wrappers)) ||
        mlir::failed(makeTemp("jx-entry", "o", wrappersObject)))
      return mlir::failure();
    {
      std::error_code ec;
      llvm::raw_fd_ostream out(code.path, ec);
      if (ec)
        return error("cannot write '" + code.path.str().str() +
                     "': " + ec.message());
      if (mlir::failed(emitMachineCode(module, codegen, out)))
        return mlir::failure();
    }
    {
      std::error_code ec;
      llvm::raw_fd_ostream out(wrappers.path, ec, llvm::sys::fs::OF_Text);
      if (ec)
        return error("cannot write '" + wrappers.path.str().str() +
                     "': " + ec.message());
      emitExportWrappers(abi, options.kind == ArtifactKind::Executable, out);
    }
    std::vector<std::string> compile = {
        "-x",       "c",
        "-std=c11", "-O2",
        "-fPIC",    "-w",
        "-I",       toolchain.runtimeInclude,
        "-c",       wrappers.path.str().str(),
        "-o",       wrappersObject.path.str().str()};
    compile.insert(compile.end(), toolchain.flags.begin(),
                   toolchain.flags.end());
    if (!runCompiler(toolchain, compile, message))
      return error("cannot compile the entry points: " + message);

    std::vector<std::string> objects = {code.path.str().str(),
                                        wrappersObject.path.str().str()};
    switch (options.kind) {
    case ArtifactKind::Object:
      return combineObjects(toolchain, objects, os);
    case ArtifactKind::Executable:
    case ArtifactKind::SharedLibrary:
      return link(toolchain, objects);
    default:
      llvm_unreachable("handled above");
    }
  }

  mlir::LogicalResult makeTemp(llvm::StringRef prefix, llvm::StringRef suffix,
                               TempFile &file) {
    if (std::error_code ec =
            llvm::sys::fs::createTemporaryFile(prefix, suffix, file.path))
      return error("cannot create a temporary file: " + ec.message());
    file.remover.emplace(file.path);
    return mlir::success();
  }

  /// The entry points call the compiled functions through their C
  /// interfaces; arguments are the caller's read-only buffers, so
  /// bufferization must never write into them.
  mlir::LogicalResult prepareExports() {
    mlir::OpBuilder builder(module.getContext());
    std::vector<const ABIFunction *> functions;
    for (const ABIFunction &fn : abi.functions)
      functions.push_back(&fn);
    if (abi.main)
      functions.push_back(&*abi.main);
    for (const ABIFunction *fn : functions) {
      auto func = module.lookupSymbol<mlir::func::FuncOp>(fn->mlirSymbol);
      if (!func)
        return error("internal error: no function '" + fn->mlirSymbol +
                     "' in the compiled module");
      func->setAttr("llvm.emit_c_interface", builder.getUnitAttr());
      for (unsigned i = 0; i < func.getNumArguments(); ++i)
        func.setArgAttr(i, "bufferization.writable",
                        builder.getBoolAttr(false));
    }
    return mlir::success();
  }

  mlir::LogicalResult lowerToLLVM() {
    CPUPipelineOptions pipelineOptions;
    pipelineOptions.optLevel = options.optLevel;
    mlir::PassManager pm(module.getContext());
    if (mlir::failed(
            addPipeline(pm, getLinalgToLLVMPipeline(pipelineOptions))) ||
        mlir::failed(pm.run(module)))
      return mlir::failure();
    return mlir::success();
  }

  /// `-c`: one relocatable object (`cc -r`), copied to `os`.
  mlir::LogicalResult combineObjects(const Toolchain &toolchain,
                                     llvm::ArrayRef<std::string> objects,
                                     llvm::raw_ostream &os) {
    TempFile combined;
    if (mlir::failed(makeTemp("jx-object", "o", combined)))
      return mlir::failure();
    std::vector<std::string> args = {"-r", "-nostdlib", "-o",
                                     combined.path.str().str()};
    args.insert(args.end(), objects.begin(), objects.end());
    std::string message;
    if (!runCompiler(toolchain, args, message))
      return error("cannot combine the objects: " + message);
    auto buffer = llvm::MemoryBuffer::getFile(combined.path, false, false);
    if (!buffer)
      return error("cannot read '" + combined.path.str().str() +
                   "': " + buffer.getError().message());
    os << (*buffer)->getBuffer();
    return mlir::success();
  }

  mlir::LogicalResult link(const Toolchain &toolchain,
                           llvm::ArrayRef<std::string> objects) {
    std::vector<std::string> args = {"-o", options.outputPath};
    TempFile versionScript;
    if (options.kind == ArtifactKind::SharedLibrary) {
      if (mlir::failed(makeTemp("jx-exports", "map", versionScript)))
        return mlir::failure();
      std::error_code ec;
      llvm::raw_fd_ostream out(versionScript.path, ec, llvm::sys::fs::OF_Text);
      if (ec)
        return error("cannot write '" + versionScript.path.str().str() +
                     "': " + ec.message());
      out << "{\n  global:\n";
      for (const ABIFunction &fn : abi.functions) {
        out << "    " << fn.cName << ";\n";
        if (!fn.resultStruct.empty())
          out << "    " << fn.resultStruct << "_free;\n";
      }
      out << "    jx_*;\n  local: *;\n};\n";
      out.close();
      args.push_back("-shared");
      args.push_back("-Wl,--version-script=" + versionScript.path.str().str());
    }
    args.insert(args.end(), objects.begin(), objects.end());
    // A shared library carries the whole runtime API, so its users need
    // nothing else to read statuses and free arrays.
    bool shared = options.kind == ArtifactKind::SharedLibrary;
    if (shared)
      args.push_back("-Wl,--whole-archive");
    args.push_back(toolchain.runtimeLibrary);
    if (shared)
      args.push_back("-Wl,--no-whole-archive");
    args.push_back("-lm");
    args.insert(args.end(), toolchain.flags.begin(), toolchain.flags.end());
    std::string message;
    if (!runCompiler(toolchain, args, message))
      return error("cannot link '" + options.outputPath + "': " + message);
    return mlir::success();
  }

  const Program &program;
  mlir::ModuleOp module;
  const ArtifactOptions &options;
  DiagnosticEngine &diag;
  ModuleABI abi;
};

} // namespace

mlir::LogicalResult jx::emitArtifact(const Program &program,
                                     mlir::ModuleOp module,
                                     const ArtifactOptions &options,
                                     DiagnosticEngine &diag,
                                     llvm::raw_ostream &os) {
  return ArtifactEmitter(program, module, options, diag).run(os);
}
