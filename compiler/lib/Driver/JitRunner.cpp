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

static void flattenParameter(const std::string &name, const Type *type,
                             std::vector<ArgumentLeaf> &out) {
  if (auto *array = llvm::dyn_cast_or_null<ArrayType>(type)) {
    out.push_back({name, array});
  } else if (auto *tuple = llvm::dyn_cast_or_null<TupleType>(type)) {
    for (auto [i, element] : llvm::enumerate(tuple->getElements()))
      flattenParameter(name + "." + std::to_string(i), element, out);
  } else if (auto *st = llvm::dyn_cast_or_null<StructType>(type)) {
    for (const StructType::Field &field : st->getFields())
      flattenParameter(name + "." + field.name, field.type, out);
  }
}

std::vector<ArgumentLeaf> jx::flattenParameters(
    llvm::ArrayRef<std::pair<std::string, const Type *>> params) {
  std::vector<ArgumentLeaf> leaves;
  for (const auto &[name, type] : params)
    flattenParameter(name, type, leaves);
  return leaves;
}

//===----------------------------------------------------------------------===//
// Arguments
//===----------------------------------------------------------------------===//

static jx_dtype_t runtimeDType(DType dtype);

RunInputs::~RunInputs() {
  for (jx_owned_array_t *array : owned)
    jx_array_free(array);
}

std::vector<const jx_array_t *> RunInputs::arrays() const {
  std::vector<const jx_array_t *> views;
  for (jx_owned_array_t *array : owned)
    views.push_back(jx_array_view(array));
  return views;
}

/// A rank-0 array holding the literal `text` read as `dtype`.
static jx_status_t parseScalar(llvm::StringRef text, DType dtype,
                               jx_owned_array_t **out) {
  jx_status_t status = jx_array_create(runtimeDType(dtype), 0, nullptr, out);
  if (status)
    return status;
  void *data = jx_array_view(*out)->data;
  auto bad = [&]() {
    return jx_status_make(JX_INVALID_ARGUMENT, "'%s' is not a %s literal",
                          text.str().c_str(), dtypeName(dtype).str().c_str());
  };
  if (dtype == DType::Bool) {
    if (text != "true" && text != "false")
      return bad();
    *static_cast<uint8_t *>(data) = text == "true";
    return nullptr;
  }
  if (isFloat(dtype)) {
    double value;
    if (text.getAsDouble(value))
      return bad();
    if (dtype == DType::F64)
      *static_cast<double *>(data) = value;
    else if (dtype == DType::F32)
      *static_cast<float *>(data) = static_cast<float>(value);
    else
      return jx_status_make(JX_UNSUPPORTED,
                            "scalar arguments of dtype %s need a .npy file",
                            dtypeName(dtype).str().c_str());
    return nullptr;
  }
  int64_t value;
  if (text.getAsInteger(0, value))
    return bad();
  switch (dtype) {
  case DType::I32:
    if (value < INT32_MIN || value > INT32_MAX)
      return bad();
    *static_cast<int32_t *>(data) = static_cast<int32_t>(value);
    break;
  case DType::U32:
    if (value < 0 || value > UINT32_MAX)
      return bad();
    *static_cast<uint32_t *>(data) = static_cast<uint32_t>(value);
    break;
  default:
    *static_cast<int64_t *>(data) = value;
    break;
  }
  return nullptr;
}

bool RunInputs::load(llvm::ArrayRef<ArgumentLeaf> leaves,
                     const std::map<std::string, std::string> &values,
                     std::string &error) {
  // Each size variable's value and the argument that fixed it.
  std::map<const SizeVar *, std::pair<int64_t, std::string>> sizes;
  for (const ArgumentLeaf &leaf : leaves) {
    auto it = values.find(leaf.name);
    if (it == values.end()) {
      error = "missing --arg " + leaf.name + "=... for a " +
              typeToString(leaf.type);
      return false;
    }
    llvm::StringRef value = it->second;
    jx_owned_array_t *array = nullptr;
    jx_status_t status =
        value.consume_front("@")
            ? jx_npy_read(value.str().c_str(), &array)
            : (leaf.type->isScalar()
                   ? parseScalar(value, leaf.type->getDType(), &array)
                   : jx_status_make(JX_INVALID_ARGUMENT,
                                    "a %s needs a .npy file: --arg %s=@FILE",
                                    typeToString(leaf.type).c_str(),
                                    leaf.name.c_str()));
    if (status) {
      error = "argument '" + leaf.name + "': " + jx_status_message(status);
      jx_status_free(status);
      return false;
    }
    owned.push_back(array);

    const jx_array_t *view = jx_array_view(array);
    auto describe = [&]() {
      std::string shape;
      for (int32_t i = 0; i < view->rank; ++i)
        shape += (i ? ", " : "") + std::to_string(view->shape[i]);
      return std::string(jx_dtype_name(view->dtype)) + "[" + shape + "]";
    };
    if (view->dtype != runtimeDType(leaf.type->getDType()) ||
        view->rank != static_cast<int32_t>(leaf.type->getRank())) {
      error = "argument '" + leaf.name + "' must be a " +
              typeToString(leaf.type) + ", got " + describe();
      return false;
    }
    for (auto [axis, dim] : llvm::enumerate(leaf.type->getShape())) {
      int64_t size = view->shape[axis];
      if (dim.isStatic() && dim.size != size) {
        error = "argument '" + leaf.name + "' must be a " +
                typeToString(leaf.type) + ", got " + describe();
        return false;
      }
      if (!dim.var)
        continue;
      auto [entry, inserted] =
          sizes.try_emplace(dim.var, size, leaf.name);
      if (!inserted && entry->second.first != size) {
        error = "argument '" + leaf.name + "' axis " + std::to_string(axis) +
                " has size " + std::to_string(size) + " but '" +
                dim.var->name + "' is " + std::to_string(entry->second.first) +
                " from argument '" + entry->second.second + "'";
        return false;
      }
    }
  }
  for (const auto &[name, value] : values) {
    bool known = llvm::any_of(
        leaves, [&](const ArgumentLeaf &leaf) { return leaf.name == name; });
    if (!known) {
      error = "no parameter '" + name + "' to pass --arg to";
      return false;
    }
  }
  return true;
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

  auto run = mlir::func::FuncOp::create(
      builder, loc, "jx.run",
      builder.getFunctionType(callee.getArgumentTypes(), {}));
  // The host passes the arguments as memref descriptors.
  run->setAttr("llvm.emit_c_interface", builder.getUnitAttr());
  mlir::Block *body = run.addEntryBlock();
  builder.setInsertionPointToStart(body);
  auto call = mlir::func::CallOp::create(builder, loc, callee,
                                         body->getArguments());
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
  std::string outDir;
  bool failed = false;
};
thread_local RunContext *currentRun = nullptr;

} // namespace

static jx_dtype_t runtimeDType(DType dtype) {
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

namespace {

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

  if (!run->outDir.empty()) {
    std::string path = run->outDir + "/result" + leaf.path + ".npy";
    if (jx_status_t status = jx_npy_write(path.c_str(), &array)) {
      llvm::errs() << "jxc: error: " << jx_status_message(status) << "\n";
      jx_status_free(status);
      run->failed = true;
    }
    return;
  }

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
  // continuation lines line up under the first (blank lines stay blank).
  std::string body = text;
  jx_string_free(text);
  if (!leaf.path.empty()) {
    std::string label = "result" + leaf.path + " = ";
    std::string indented;
    for (size_t i = 0; i < body.size(); ++i) {
      indented += body[i];
      if (body[i] == '\n' && i + 1 < body.size() && body[i + 1] != '\n')
        indented += std::string(label.size(), ' ');
    }
    body = label + indented;
  }
  *run->os << body << "\n";
}

} // namespace

/// MLIR's ranked memref descriptor for a contiguous array, as 64-bit words:
/// `{allocated, aligned, offset, sizes[rank], strides[rank]}`.
static std::vector<int64_t> memrefDescriptor(const jx_array_t &array) {
  std::vector<int64_t> words(3 + 2 * array.rank);
  words[0] = words[1] = reinterpret_cast<int64_t>(array.data);
  words[2] = 0;
  int64_t stride = 1;
  for (int32_t i = array.rank - 1; i >= 0; --i) {
    words[3 + i] = array.shape[i];
    words[3 + array.rank + i] = stride;
    stride *= std::max<int64_t>(array.shape[i], 1);
  }
  return words;
}

mlir::LogicalResult jx::runJit(mlir::ModuleOp module, const RunInputs &inputs,
                               llvm::ArrayRef<ResultLeaf> leaves,
                               const RunOptions &runOptions,
                               llvm::raw_ostream &os) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  unsigned optLevel = std::min(runOptions.optLevel, 3u);
  auto transformer = mlir::makeOptimizingTransformer(
      optLevel, /*sizeLevel=*/0, /*targetMachine=*/nullptr);
  mlir::ExecutionEngineOptions options;
  options.transformer = transformer;
  options.jitCodeGenOptLevel = static_cast<llvm::CodeGenOptLevel>(optLevel);
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

  // `_mlir_ciface_jx.run` takes one pointer to a descriptor per argument;
  // the packed form takes a pointer to each of those pointers.
  std::vector<std::vector<int64_t>> descriptors;
  for (const jx_array_t *array : inputs.arrays())
    descriptors.push_back(memrefDescriptor(*array));
  std::vector<void *> descriptorPointers;
  for (std::vector<int64_t> &words : descriptors)
    descriptorPointers.push_back(words.data());
  llvm::SmallVector<void *> packed;
  for (void *&pointer : descriptorPointers)
    packed.push_back(&pointer);

  RunContext context;
  context.leaves = leaves;
  context.os = &os;
  context.outDir = runOptions.outDir;
  currentRun = &context;
  llvm::Error error = (*engine)->invokePacked("_mlir_ciface_jx.run", packed);
  currentRun = nullptr;
  if (error) {
    std::string message = llvm::toString(std::move(error));
    return module.emitError("cannot run the program: ") << message;
  }
  os.flush();
  return mlir::failure(context.failed);
}
