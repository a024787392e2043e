//===- ObjectEmitter.cpp - LLVM dialect → LLVM IR → machine code ----------===//

#include "jx/Target/ObjectEmitter.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

using namespace jx;

mlir::LogicalResult jx::emitMachineCode(mlir::ModuleOp module,
                                        const ObjectEmitterOptions &options,
                                        llvm::raw_pwrite_stream &os) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return module.emitError("cannot translate the module to LLVM IR");

  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return module.emitError("no target for '")
           << triple.str() << "': " << error;
  llvm::SubtargetFeatures features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature.first(), feature.second);
  unsigned level = std::min(options.optLevel, 3u);
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, llvm::sys::getHostCPUName(), features.getString(),
      llvm::TargetOptions(),
      options.pic ? llvm::Reloc::PIC_ : llvm::Reloc::Static, std::nullopt,
      static_cast<llvm::CodeGenOptLevel>(level)));
  if (!machine)
    return module.emitError("cannot create a target machine for '")
           << triple.str() << "'";
  llvmModule->setTargetTriple(triple);
  llvmModule->setDataLayout(machine->createDataLayout());

  // The compiled functions are internal to the artifact: the C entry points
  // call the `_mlir_ciface_` wrappers, and nothing else may (a shared
  // library exports only the entry points). Everything else gets internal
  // linkage, so that two jx objects link into one program (MLIR's
  // `dealloc_helper` has the same name in each).
  for (llvm::GlobalValue &global : llvmModule->global_values()) {
    if (global.isDeclaration() || !global.hasExternalLinkage())
      continue;
    if (global.getName().starts_with("_mlir_ciface_"))
      global.setVisibility(llvm::GlobalValue::HiddenVisibility);
    else
      global.setLinkage(llvm::GlobalValue::InternalLinkage);
  }

  auto optimize =
      mlir::makeOptimizingTransformer(level, /*sizeLevel=*/0, machine.get());
  if (llvm::Error err = optimize(llvmModule.get()))
    return module.emitError("cannot optimize the module: ")
           << llvm::toString(std::move(err));

  if (options.kind == CodeGenFileKind::LLVMIR) {
    llvmModule->print(os, nullptr);
    return mlir::success();
  }
  llvm::legacy::PassManager passes;
  auto fileType = options.kind == CodeGenFileKind::Assembly
                      ? llvm::CodeGenFileType::AssemblyFile
                      : llvm::CodeGenFileType::ObjectFile;
  if (machine->addPassesToEmitFile(passes, os, nullptr, fileType))
    return module.emitError("the target cannot emit this kind of file");
  passes.run(*llvmModule);
  return mlir::success();
}
