//===- JitRunner.cpp - `jxc run`: JIT-compile and run an entry ------------===//
//
// The wrapper `jx.run` calls the entry and passes every result leaf, as an
// unranked memref, to `jx_run_print_<dtype>(index, memref)`. Those symbols
// resolve to one host function here, which turns the memref descriptor into
// a runtime `jx_array_t` and formats it with libjxrt (NumPy's repr).
//
//===----------------------------------------------------------------------===//

#include "jx/Driver/JitRunner.h"

#include "jx/runtime.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"

#include "llvm/Support/TargetSelect.h"

using namespace jx;

//===----------------------------------------------------------------------===//
// Result leaves
//===----------------------------------------------------------------------===//

static void flattenInto(const Type *type, const std::string &path,
                        std::vector<ResultLeaf> &out) {
  if (auto *array = llvm::dyn_cast_or_null<ArrayType>(type)) {
    out.push_back({path, array->getDType()});
  } else if (auto *tuple = llvm::dyn_cast_or_null<TupleType>(type)) {
    for (auto [i, element] : llvm::enumerate(tuple->getElements()))
      flattenInto(element, path + "." + std::to_string(i), out);
  } else if (auto *st = llvm::dyn_cast_or_null<StructType>(type)) {
    for (const StructType::Field &field : st->getFields())
      flattenInto(field.type, path + "." + field.name, out);
  }
  // Function values, strings and dtypes carry no run-time data to print.
}

std::vector<ResultLeaf> jx::flattenResult(const Type *type) {
  std::vector<ResultLeaf> leaves;
  flattenInto(type, "", leaves);
  return leaves;
}

//===----------------------------------------------------------------------===//
// The wrapper
//===----------------------------------------------------------------------===//

static llvm::StringRef printFunctionName(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return "jx_run_print_bool";
  case DType::I32:
    return "jx_run_print_i32";
  case DType::I64:
    return "jx_run_print_i64";
  case DType::U32:
    return "jx_run_print_u32";
  case DType::F16:
    return "jx_run_print_f16";
  case DType::BF16:
    return "jx_run_print_bf16";
  case DType::F32:
    return "jx_run_print_f32";
  case DType::F64:
    return "jx_run_print_f64";
  }
  llvm_unreachable("unknown dtype");
}

mlir::LogicalResult jx::addRunWrapper(mlir::ModuleOp module,
                                      llvm::StringRef entry,
                                      llvm::ArrayRef<ResultLeaf> leaves) {
  auto callee = module.lookupSymbol<mlir::func::FuncOp>(entry);
  if (!callee)
    return module.emitError("no function '") << entry << "' to run";
  if (callee.getNumArguments() != 0)
    return callee.emitError("'jxc run' runs functions without parameters; '")
           << entry << "' has " << callee.getNumArguments();
  if (callee.getNumResults() != leaves.size())
    return callee.emitError("internal error: result leaves do not match");

  mlir::OpBuilder builder(module.getContext());
  mlir::Location loc = callee.getLoc();
  builder.setInsertionPointToEnd(module.getBody());

  // One declaration per dtype printed: `(i64 index, tensor<*xT>) -> ()`.
  llvm::StringMap<mlir::func::FuncOp> printers;
  for (auto [leaf, type] : llvm::zip(leaves, callee.getResultTypes())) {
    llvm::StringRef name = printFunctionName(leaf.dtype);
    if (printers.count(name))
      continue;
    auto element = llvm::cast<mlir::RankedTensorType>(type).getElementType();
    auto fnType = builder.getFunctionType(
        {builder.getI64Type(), mlir::UnrankedTensorType::get(element)}, {});
    auto decl = mlir::func::FuncOp::create(builder, loc, name, fnType);
    decl.setPrivate();
    decl->setAttr("llvm.emit_c_interface", builder.getUnitAttr());
    printers[name] = decl;
  }

  auto run = mlir::func::FuncOp::create(builder, loc, "jx.run",
                                        builder.getFunctionType({}, {}));
  builder.setInsertionPointToStart(run.addEntryBlock());
  auto call = mlir::func::CallOp::create(builder, loc, callee, {});
  for (auto [index, leaf] : llvm::enumerate(leaves)) {
    mlir::Value result = call.getResult(index);
    auto tensor = llvm::cast<mlir::RankedTensorType>(result.getType());
    mlir::Value unranked = mlir::tensor::CastOp::create(
        builder, loc, mlir::UnrankedTensorType::get(tensor.getElementType()),
        result);
    mlir::Value i = mlir::arith::ConstantIntOp::create(
        builder, loc, builder.getI64Type(), static_cast<int64_t>(index));
    mlir::func::CallOp::create(builder, loc,
                               printers[printFunctionName(leaf.dtype)],
                               mlir::ValueRange{i, unranked});
  }
  mlir::func::ReturnOp::create(builder, loc);
  return mlir::success();
}

//===----------------------------------------------------------------------===//
// The host printer
//===----------------------------------------------------------------------===//

namespace {

/// MLIR's unranked memref descriptor as passed through `emit_c_interface`.
struct UnrankedMemRef {
  int64_t rank;
  void *descriptor;
};

/// What the printer needs while `jx.run` executes. `jxc run` runs one entry
/// at a time on one thread, so a thread-local context is enough.
struct RunContext {
  llvm::ArrayRef<ResultLeaf> leaves;
  llvm::raw_ostream *os = nullptr;
  bool failed = false;
};
thread_local RunContext *currentRun = nullptr;

jx_dtype_t runtimeDType(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return JX_DTYPE_BOOL;
  case DType::I32:
    return JX_DTYPE_I32;
  case DType::I64:
    return JX_DTYPE_I64;
  case DType::U32:
    return JX_DTYPE_U32;
  case DType::F16:
    return JX_DTYPE_F16;
  case DType::BF16:
    return JX_DTYPE_BF16;
  case DType::F32:
    return JX_DTYPE_F32;
  case DType::F64:
    return JX_DTYPE_F64;
  }
  llvm_unreachable("unknown dtype");
}

/// Prints result leaf `index`. The ranked descriptor behind `memref` is
/// `{T *allocated, T *aligned, i64 offset, i64 sizes[rank],
/// i64 strides[rank]}`.
void printLeaf(int64_t index, UnrankedMemRef *memref) {
  RunContext *run = currentRun;
  if (!run || index < 0 ||
      static_cast<size_t>(index) >= run->leaves.size() || !memref)
    return;
  const ResultLeaf &leaf = run->leaves[index];
  jx_dtype_t dtype = runtimeDType(leaf.dtype);
  auto *words = static_cast<int64_t *>(memref->descriptor);
  auto *aligned = reinterpret_cast<char *>(words[1]);
  int64_t offset = words[2];
  int32_t rank = static_cast<int32_t>(memref->rank);
  jx_array_t array;
  array.data = aligned + offset * static_cast<int64_t>(jx_dtype_size(dtype));
  array.dtype = dtype;
  array.rank = rank;
  array.shape = words + 3;
  array.strides = words + 3 + rank;

  jx_format_options_t options;
  jx_format_options_initialize(&options);
  options.style = JX_FORMAT_STYLE_REPR;
  char *text = nullptr;
  if (jx_status_t status = jx_array_format(&array, &options, &text)) {
    llvm::errs() << "jxc: error: cannot print result" << leaf.path << ": "
                 << jx_status_message(status) << "\n";
    jx_status_free(status);
    run->failed = true;
    return;
  }
  // A pytree prints leaf by leaf, labelled with its path from the result;
  // continuation lines line up under the first.
  std::string body = text;
  jx_string_free(text);
  if (!leaf.path.empty()) {
    std::string label = "result" + leaf.path + " = ";
    std::string indented;
    for (char c : body) {
      indented += c;
      if (c == '\n')
        indented += std::string(label.size(), ' ');
    }
    body = label + indented;
  }
  *run->os << body << "\n";
}

} // namespace

mlir::LogicalResult jx::runJit(mlir::ModuleOp module,
                               llvm::ArrayRef<ResultLeaf> leaves,
                               unsigned optLevel, llvm::raw_ostream &os) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  auto transformer = mlir::makeOptimizingTransformer(
      std::min(optLevel, 3u), /*sizeLevel=*/0, /*targetMachine=*/nullptr);
  mlir::ExecutionEngineOptions options;
  options.transformer = transformer;
  options.jitCodeGenOptLevel = static_cast<llvm::CodeGenOptLevel>(
      std::min(optLevel, 3u));
  auto engine = mlir::ExecutionEngine::create(module, options);
  if (!engine) {
    std::string message = llvm::toString(engine.takeError());
    return module.emitError("cannot JIT-compile the program: ") << message;
  }

  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    for (llvm::StringRef dtype :
         {"bool", "i32", "i64", "u32", "f16", "bf16", "f32", "f64"})
      symbols[interner(("_mlir_ciface_jx_run_print_" + dtype).str())] = {
          llvm::orc::ExecutorAddr::fromPtr(&printLeaf),
          llvm::JITSymbolFlags::Exported};
    return symbols;
  });

  RunContext context;
  context.leaves = leaves;
  context.os = &os;
  currentRun = &context;
  llvm::Error error = (*engine)->invokePacked("jx.run");
  currentRun = nullptr;
  if (error) {
    std::string message = llvm::toString(std::move(error));
    return module.emitError("cannot run the program: ") << message;
  }
  os.flush();
  return mlir::failure(context.failed);
}
