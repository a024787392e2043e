//===- Type.cpp - Sema's types and the TypeContext ------------------------===//
//
// Dtype helpers, the uniquing TypeContext, and the user-facing spelling of
// types and dims used by diagnostics and the AST printer.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/Type.h"
#include "jx/Frontend/Callable.h"

#include "llvm/ADT/StringSwitch.h"

using namespace jx;

//===----------------------------------------------------------------------===//
// Dtypes
//===----------------------------------------------------------------------===//

llvm::StringRef jx::dtypeName(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return "bool";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  case DType::U32:
    return "u32";
  case DType::F16:
    return "f16";
  case DType::BF16:
    return "bf16";
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  }
  return "?";
}

std::optional<DType> jx::parseDType(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<DType>>(name)
      .Case("bool", DType::Bool)
      .Case("i32", DType::I32)
      .Case("i64", DType::I64)
      .Case("u32", DType::U32)
      .Case("f16", DType::F16)
      .Case("bf16", DType::BF16)
      .Case("f32", DType::F32)
      .Case("f64", DType::F64)
      .Default(std::nullopt);
}

bool jx::isFloat(DType dtype) {
  return dtype == DType::F16 || dtype == DType::BF16 || dtype == DType::F32 ||
         dtype == DType::F64;
}

bool jx::isInteger(DType dtype) {
  return dtype == DType::I32 || dtype == DType::I64 || dtype == DType::U32;
}

bool jx::isSigned(DType dtype) {
  return dtype == DType::I32 || dtype == DType::I64 || isFloat(dtype);
}

bool jx::fitsDType(int64_t value, DType dtype) {
  switch (dtype) {
  case DType::I32:
    return value >= INT32_MIN && value <= INT32_MAX;
  case DType::U32:
    return value >= 0 && value <= UINT32_MAX;
  default:
    return true;
  }
}

unsigned jx::bitWidth(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return 1;
  case DType::F16:
  case DType::BF16:
    return 16;
  case DType::I32:
  case DType::U32:
  case DType::F32:
    return 32;
  case DType::I64:
  case DType::F64:
    return 64;
  }
  return 0;
}

//===----------------------------------------------------------------------===//
// Dims and shapes
//===----------------------------------------------------------------------===//

std::string Dim::str() const {
  if (isStatic())
    return std::to_string(size);
  if (var)
    return var->name;
  return "?";
}

std::string jx::shapeToString(llvm::ArrayRef<Dim> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += shape[i].str();
  }
  return s + "]";
}

int StructType::getFieldIndex(llvm::StringRef fieldName) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == fieldName)
      return static_cast<int>(i);
  return -1;
}

//===----------------------------------------------------------------------===//
// TypeContext
//===----------------------------------------------------------------------===//

TypeContext::TypeContext()
    : stringType(new SimpleType(Type::Kind::String)),
      noneType(new SimpleType(Type::Kind::None)),
      moduleType(new SimpleType(Type::Kind::Module)) {}

TypeContext::~TypeContext() = default;

const ArrayType *TypeContext::getArray(DType dtype, llvm::ArrayRef<Dim> shape,
                                       bool weak) {
  Shape key(shape.begin(), shape.end());
  auto &slot = arrays[std::make_tuple(dtype, key, weak)];
  if (!slot)
    slot.reset(new ArrayType(dtype, key, weak));
  return slot.get();
}

const TupleType *TypeContext::getTuple(llvm::ArrayRef<const Type *> elements) {
  std::vector<const Type *> key(elements.begin(), elements.end());
  auto &slot = tuples[key];
  if (!slot)
    slot.reset(new TupleType(key));
  return slot.get();
}

const StructType *
TypeContext::getStruct(const StructDecl *decl, std::string name,
                       llvm::ArrayRef<Dim> params,
                       std::vector<StructType::Field> fields) {
  Shape key(params.begin(), params.end());
  auto it = structIndex.find({decl, key});
  if (it != structIndex.end())
    return it->second;
  structs.emplace_back(
      new StructType(decl, std::move(name), key, std::move(fields)));
  structIndex[{decl, key}] = structs.back().get();
  return structs.back().get();
}

const FunctionType *TypeContext::getFunction(const Callable *callable) {
  auto &slot = functions[callable];
  if (!slot)
    slot.reset(new FunctionType(callable));
  return slot.get();
}

const DTypeValType *TypeContext::getDTypeVal(DType dtype) {
  auto &slot = dtypeVals[dtype];
  if (!slot)
    slot.reset(new DTypeValType(dtype));
  return slot.get();
}

const SizeVar *TypeContext::newSizeVar(std::string name, SourceLoc loc,
                                       bool derived) {
  auto var = std::make_unique<SizeVar>();
  var->name = std::move(name);
  var->loc = loc;
  var->id = sizeVars.size();
  var->derived = derived;
  sizeVars.push_back(std::move(var));
  return sizeVars.back().get();
}

const Callable *TypeContext::own(std::unique_ptr<Callable> callable) {
  callables.push_back(std::move(callable));
  return callables.back().get();
}

//===----------------------------------------------------------------------===//
// Spelling
//===----------------------------------------------------------------------===//

std::string jx::typeToString(const Type *type) {
  if (!type)
    return "<error>";
  switch (type->getKind()) {
  case Type::Kind::Array: {
    auto *array = llvm::cast<ArrayType>(type);
    std::string s = dtypeName(array->getDType()).str();
    if (!array->isScalar())
      s += shapeToString(array->getShape());
    return s;
  }
  case Type::Kind::Tuple: {
    auto elements = llvm::cast<TupleType>(type)->getElements();
    std::string s = "(";
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i)
        s += ", ";
      s += typeToString(elements[i]);
    }
    if (elements.size() == 1)
      s += ",";
    return s + ")";
  }
  case Type::Kind::Struct: {
    auto *st = llvm::cast<StructType>(type);
    std::string s = st->getName().str();
    if (!st->getParams().empty())
      s += shapeToString(st->getParams());
    return s;
  }
  case Type::Kind::Function:
    return "fn<" + llvm::cast<FunctionType>(type)->getCallable()->str() + ">";
  case Type::Kind::String:
    return "str";
  case Type::Kind::DTypeVal:
    return "dtype<" +
           dtypeName(llvm::cast<DTypeValType>(type)->getDType()).str() + ">";
  case Type::Kind::None:
    return "none";
  case Type::Kind::Module:
    return "module";
  }
  return "<unknown>";
}
