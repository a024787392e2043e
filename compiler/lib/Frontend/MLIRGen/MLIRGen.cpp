//===- MLIRGen.cpp - Typed program to jx dialect IR -----------------------===//
//
// The core of the generator: one `func.func` per function instance, and the
// expressions that are not operators or library calls (names, literals,
// pytrees, `let`, `if`, lambdas, calls). See MLIRGenImpl.h for the layout.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "jx/Frontend/MLIRGen.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace jx;
using mlir::Location;
using mlir::OpBuilder;
using mlir::RankedTensorType;
using mlir::ShapedType;
using mlir::Value;
using mlir::ValueRange;
namespace arith = mlir::arith;
namespace func = mlir::func;

void ValueTree::flatten(llvm::SmallVectorImpl<Value> &out) const {
  if (isLeaf()) {
    out.push_back(leaf);
    return;
  }
  for (const ValueTree &child : children)
    child.flatten(out);
}

MLIRGenerator::MLIRGenerator(mlir::MLIRContext &context, const Program &program,
                             const SourceManager &sm, DiagnosticEngine &diag)
    : context(context), program(program), sm(sm), diag(diag),
      builder(&context) {}

std::nullopt_t MLIRGenerator::fail(SourceLoc at, const llvm::Twine &message) {
  diag.error(at, message);
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Types and locations
//===----------------------------------------------------------------------===//

Location MLIRGenerator::loc(SourceLoc l) {
  if (!l.isValid())
    return builder.getUnknownLoc();
  return mlir::FileLineColLoc::get(&context, sm.getFile(l.fileId).path, l.line,
                                   l.col);
}

mlir::Type MLIRGenerator::elementType(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return builder.getI1Type();
  case DType::I32:
    return builder.getI32Type();
  case DType::I64:
    return builder.getI64Type();
  case DType::U32:
    return builder.getIntegerType(32, /*isSigned=*/false);
  case DType::F16:
    return builder.getF16Type();
  case DType::BF16:
    return builder.getBF16Type();
  case DType::F32:
    return builder.getF32Type();
  case DType::F64:
    return builder.getF64Type();
  }
  llvm_unreachable("unknown dtype");
}

RankedTensorType MLIRGenerator::tensorType(DType dtype,
                                           llvm::ArrayRef<Dim> shape) {
  llvm::SmallVector<int64_t> dims;
  for (const Dim &d : shape)
    dims.push_back(d.isStatic() ? d.size : ShapedType::kDynamic);
  return RankedTensorType::get(dims, elementType(dtype));
}

RankedTensorType MLIRGenerator::tensorType(const ArrayType *type) {
  return tensorType(type->getDType(), type->getShape());
}

/// The subtrees of a pytree type in flattening order: tuple elements, struct
/// fields, a function value's environment; none for arrays and static-only
/// types.
static llvm::SmallVector<const Type *> pytreeChildren(const Type *type) {
  llvm::SmallVector<const Type *> children;
  if (auto *tuple = llvm::dyn_cast_or_null<TupleType>(type))
    children.append(tuple->getElements().begin(), tuple->getElements().end());
  else if (auto *st = llvm::dyn_cast_or_null<StructType>(type))
    for (const StructType::Field &field : st->getFields())
      children.push_back(field.type);
  else if (auto *fnType = llvm::dyn_cast_or_null<FunctionType>(type))
    for (const Type *envType : fnType->getCallable()->getEnvTypes())
      children.push_back(envType);
  return children;
}

void MLIRGenerator::flattenType(const Type *type,
                                llvm::SmallVectorImpl<mlir::Type> &out) {
  if (auto *array = llvm::dyn_cast_or_null<ArrayType>(type)) {
    out.push_back(tensorType(array));
    return;
  }
  for (const Type *child : pytreeChildren(type))
    flattenType(child, out);
}

ValueTree MLIRGenerator::unflatten(const Type *type, ValueRange leaves,
                                   unsigned &pos) {
  if (llvm::isa_and_nonnull<ArrayType>(type))
    return ValueTree::ofLeaf(leaves[pos++]);
  std::vector<ValueTree> children;
  for (const Type *child : pytreeChildren(type))
    children.push_back(unflatten(child, leaves, pos));
  return ValueTree::ofNode(std::move(children));
}

//===----------------------------------------------------------------------===//
// Sizes
//===----------------------------------------------------------------------===//

void MLIRGenerator::recordSizes(const ValueTree &value, const Type *type) {
  if (!fn || !type)
    return;
  if (auto *array = llvm::dyn_cast<ArrayType>(type)) {
    if (!value.isLeaf())
      return;
    for (auto [axis, d] : llvm::enumerate(array->getShape()))
      if (d.var && !fn->sizes.count(d.var))
        fn->sizes[d.var] = {value.leaf, static_cast<int>(axis)};
    return;
  }
  for (auto [i, childType] : llvm::enumerate(pytreeChildren(type)))
    if (i < value.children.size())
      recordSizes(value.children[i], childType);
}

Value MLIRGenerator::dimValue(const Dim &dim, SourceLoc at) {
  if (dim.isStatic())
    return arith::ConstantIndexOp::create(builder, loc(at), dim.size);
  if (fn) {
    auto it = fn->sizes.find(dim.var);
    if (it != fn->sizes.end() && it->second.second < 0)
      return it->second.first;
    if (it != fn->sizes.end())
      return mlir::jx::DimOp::create(builder, loc(at), it->second.first,
                                     it->second.second);
  }
  diag.error(at, "internal error: no run-time value for size '" +
                     (dim.var ? dim.var->name : std::string("?")) + "'");
  return arith::ConstantIndexOp::create(builder, loc(at), 0);
}

llvm::SmallVector<Value> MLIRGenerator::dynamicDims(RankedTensorType type,
                                                    llvm::ArrayRef<Dim> shape,
                                                    SourceLoc at) {
  llvm::SmallVector<Value> dims;
  for (auto [i, d] : llvm::enumerate(shape))
    if (type.isDynamicDim(i))
      dims.push_back(dimValue(d, at));
  return dims;
}

//===----------------------------------------------------------------------===//
// Module and function instances
//===----------------------------------------------------------------------===//

func::FuncOp MLIRGenerator::declareFunction(const FunctionInstance &inst) {
  llvm::SmallVector<mlir::Type> inputs, results;
  for (const FunctionInstance::Param &param : inst.params)
    flattenType(param.type, inputs);
  flattenType(inst.resultType, results);
  auto type = builder.getFunctionType(inputs, results);
  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(builder, loc(inst.loc), inst.symbol, type);
  if (!inst.isExported && !inst.isMain)
    func.setPrivate();
  if (inst.isExported)
    func->setAttr("jx.export", builder.getUnitAttr());
  if (inst.isMain)
    func->setAttr("jx.main", builder.getUnitAttr());
  return func;
}

mlir::OwningOpRef<mlir::ModuleOp> MLIRGenerator::generate() {
  const ModuleInfo &mainModule = *program.modules.front();
  module = mlir::ModuleOp::create(builder.getUnknownLoc(), mainModule.name);
  // Declare every function first: bodies call functions declared later.
  for (const auto &inst : program.instances)
    functions[inst.get()] = declareFunction(*inst);
  bool ok = true;
  for (const auto &inst : program.instances)
    ok &= genInstance(*inst);
  if (!ok || diag.hasErrors()) {
    module->erase();
    return nullptr;
  }
  return module;
}

bool MLIRGenerator::genInstance(const FunctionInstance &inst) {
  func::FuncOp func = functions.lookup(&inst);
  mlir::Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);

  FunctionState state;
  state.instance = &inst;
  fn = &state;
  unsigned pos = 0;
  for (const FunctionInstance::Param &param : inst.params) {
    state.params.push_back(unflatten(param.type, entry->getArguments(), pos));
    recordSizes(state.params.back(), param.type);
  }
  // Size variables a lambda captured, or held by a static parameter such as
  // a shape `(n, 3)`, arrive as integer scalars (at `path` in the param).
  for (const auto &[var, source] : inst.sizeSources) {
    if (source.axis >= 0 || state.sizes.count(var) ||
        source.param >= state.params.size())
      continue;
    const ValueTree *scalar = &state.params[source.param];
    for (unsigned index : source.path)
      scalar = scalar && index < scalar->children.size()
                   ? &scalar->children[index]
                   : nullptr;
    if (!scalar || !scalar->isLeaf())
      continue;
    // Made at the entry, the index dominates every use in the body.
    Value index = mlir::jx::ToIndexOp::create(
        builder, loc(inst.loc), builder.getIndexType(), scalar->leaf);
    state.sizes[var] = {index, -1};
  }

  bool ok = false;
  switch (inst.kind) {
  case FunctionInstance::Kind::Function:
  case FunctionInstance::Kind::Lambda:
    ok = genFunctionBody(inst, state.params);
    break;
  case FunctionInstance::Kind::Builtin:
    ok = genBuiltinInstanceBody(inst, state.params);
    break;
  case FunctionInstance::Kind::Transform:
  case FunctionInstance::Kind::Pullback:
  case FunctionInstance::Kind::Partial:
    ok = genTransformInstanceBody(inst, state.params);
    break;
  }
  fn = nullptr;
  return ok;
}

bool MLIRGenerator::genFunctionBody(const FunctionInstance &inst,
                                    llvm::ArrayRef<ValueTree> params) {
  if (!inst.body || !inst.body->body)
    return reportError(inst.loc, "internal error: instance '" + inst.symbol +
                                     "' has no body");
  const Expr &body = *inst.body->body;
  std::optional<ValueTree> result = genExpr(body);
  if (!result)
    return false;
  ValueTree converted = coerce(*result, body.type, inst.resultType, body.loc);
  llvm::SmallVector<Value> flat;
  converted.flatten(flat);
  func::ReturnOp::create(builder, loc(body.loc), flat);
  return true;
}

ValueTree MLIRGenerator::genCall(const FunctionInstance &instance,
                                 llvm::ArrayRef<ValueTree> args, SourceLoc at) {
  llvm::SmallVector<Value> flat;
  for (const ValueTree &arg : args)
    arg.flatten(flat);
  func::FuncOp callee = functions.lookup(&instance);
  auto call = func::CallOp::create(builder, loc(at), callee, flat);
  unsigned pos = 0;
  ValueTree result = unflatten(instance.resultType, call.getResults(), pos);
  recordSizes(result, instance.resultType);
  return result;
}

ValueTree MLIRGenerator::genCall(const FunctionRef &ref,
                                 llvm::ArrayRef<ValueTree> args, SourceLoc at) {
  std::vector<ValueTree> all(args.begin(), args.end());
  if (ref.env) {
    std::optional<ValueTree> env = genExpr(*ref.env);
    if (env) {
      const ValueTree *part = &*env;
      if (ref.envElement >= 0 &&
          static_cast<size_t>(ref.envElement) < env->children.size())
        part = &env->children[ref.envElement];
      for (const ValueTree &child : part->children)
        all.push_back(child);
    }
  }
  return genCall(*ref.instance, all, at);
}

//===----------------------------------------------------------------------===//
// Conversions between types that differ only in dtype
//===----------------------------------------------------------------------===//

ValueTree MLIRGenerator::coerce(const ValueTree &value, const Type *from,
                                const Type *to, SourceLoc at) {
  if (!from || !to)
    return value;
  // Equal types still convert a weak literal materialized wider than its
  // type (see genLiteral); castArray is the identity otherwise.
  if (from == to && !llvm::isa<ArrayType>(from) && !llvm::isa<TupleType>(from))
    return value;
  auto *fromArray = llvm::dyn_cast<ArrayType>(from);
  auto *toArray = llvm::dyn_cast<ArrayType>(to);
  if (fromArray && toArray && value.isLeaf())
    return ValueTree::ofLeaf(castArray(value.leaf, fromArray, toArray, at));

  llvm::SmallVector<const Type *> fromChildren = pytreeChildren(from);
  llvm::SmallVector<const Type *> toChildren = pytreeChildren(to);
  if (fromChildren.size() != toChildren.size() ||
      value.children.size() != fromChildren.size())
    return value;
  std::vector<ValueTree> out;
  for (size_t i = 0; i < fromChildren.size(); ++i)
    out.push_back(
        coerce(value.children[i], fromChildren[i], toChildren[i], at));
  return ValueTree::ofNode(std::move(out));
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value MLIRGenerator::genArray(const Expr &expr) {
  std::optional<ValueTree> v = genExpr(expr);
  if (!v)
    return nullptr;
  if (!v->isLeaf()) {
    fail(expr.loc, "internal error: expected an array value");
    return nullptr;
  }
  return v->leaf;
}

std::optional<ValueTree> MLIRGenerator::genExpr(const Expr &expr) {
  if (!expr.type)
    return fail(expr.loc, "internal error: expression was not type-checked");

  if (const StaticValue *value = program.getStatic(&expr))
    if (std::optional<ValueTree> folded = genStatic(expr, *value))
      return folded;

  std::optional<ValueTree> result;
  switch (expr.kind) {
  case Expr::Kind::IntLit:
  case Expr::Kind::FloatLit:
  case Expr::Kind::BoolLit:
    result = genLiteral(expr);
    break;
  case Expr::Kind::StringLit:
  case Expr::Kind::NoneLit:
    result = ValueTree::ofNode({});
    break;
  case Expr::Kind::Name:
    result = genName(llvm::cast<NameExpr>(expr));
    break;
  case Expr::Kind::Tuple: {
    std::vector<ValueTree> elements;
    for (const ExprPtr &element : llvm::cast<TupleExpr>(expr).elements) {
      std::optional<ValueTree> v = genExpr(*element);
      if (!v)
        return std::nullopt;
      elements.push_back(std::move(*v));
    }
    result = ValueTree::ofNode(std::move(elements));
    break;
  }
  case Expr::Kind::ArrayLit:
    result = genArrayLiteral(llvm::cast<ArrayLitExpr>(expr));
    break;
  case Expr::Kind::Unary:
    result = genUnary(llvm::cast<UnaryExpr>(expr));
    break;
  case Expr::Kind::Binary:
    result = genBinary(llvm::cast<BinaryExpr>(expr));
    break;
  case Expr::Kind::Call:
    result = genCallExpr(llvm::cast<CallExpr>(expr));
    break;
  case Expr::Kind::Index:
    result = genIndex(llvm::cast<IndexExpr>(expr));
    break;
  case Expr::Kind::Field:
    result = genField(llvm::cast<FieldExpr>(expr));
    break;
  case Expr::Kind::TupleField: {
    const auto &e = llvm::cast<TupleFieldExpr>(expr);
    std::optional<ValueTree> base = genExpr(*e.base);
    if (!base)
      return std::nullopt;
    if (e.index >= base->children.size())
      return fail(e.loc, "internal error: tuple index out of range");
    result = base->children[e.index];
    break;
  }
  case Expr::Kind::AtUpdate:
    result = genAtUpdate(llvm::cast<AtUpdateExpr>(expr));
    break;
  case Expr::Kind::StructLit:
    result = genStructLit(llvm::cast<StructLitExpr>(expr));
    break;
  case Expr::Kind::If:
    result = genIf(llvm::cast<IfExpr>(expr));
    break;
  case Expr::Kind::Lambda:
    result = genLambda(llvm::cast<LambdaExpr>(expr));
    break;
  case Expr::Kind::Block:
    result = genBlock(llvm::cast<BlockExpr>(expr));
    break;
  }
  if (result)
    recordSizes(*result, expr.type);
  return result;
}

std::optional<ValueTree> MLIRGenerator::genStatic(const Expr &expr,
                                                  const StaticValue &value) {
  auto *array = llvm::dyn_cast<ArrayType>(expr.type);
  if (!array || !array->isScalar())
    return std::nullopt;
  DType dtype = array->getDType();
  switch (value.kind) {
  case StaticValue::Kind::Int:
    if (isFloat(dtype))
      return ValueTree::ofLeaf(
          constantScalar(dtype, static_cast<double>(value.intValue), expr.loc));
    return ValueTree::ofLeaf(
        constantScalarInt(fitsDType(value.intValue, dtype) ? dtype : DType::I64,
                          value.intValue, expr.loc));
  case StaticValue::Kind::Float:
    if (!isFloat(dtype))
      return std::nullopt;
    return ValueTree::ofLeaf(constantScalar(dtype, value.floatValue, expr.loc));
  case StaticValue::Kind::Bool:
    return ValueTree::ofLeaf(
        constantScalarInt(dtype, value.boolValue ? 1 : 0, expr.loc));
  case StaticValue::Kind::Size: {
    // A derived size no value carries yet (`n + 1`): lower the expression.
    if (!value.size.isStatic() && (!fn || !fn->sizes.count(value.size.var)))
      return std::nullopt;
    Value index = dimValue(value.size, expr.loc);
    Value i64 = mlir::jx::FromIndexOp::create(
        builder, loc(expr.loc), RankedTensorType::get({}, builder.getI64Type()),
        index);
    return ValueTree::ofLeaf(convert(i64, dtype, expr.loc));
  }
  default:
    return std::nullopt;
  }
}

std::optional<ValueTree> MLIRGenerator::genLiteral(const Expr &expr) {
  auto *array = llvm::dyn_cast<ArrayType>(expr.type);
  if (!array)
    return fail(expr.loc, "internal error: literal without an array type");
  DType dtype = array->getDType();
  if (auto *i = llvm::dyn_cast<IntLitExpr>(&expr)) {
    if (isFloat(dtype))
      return ValueTree::ofLeaf(
          constantScalar(dtype, static_cast<double>(i->value), expr.loc));
    // A weak literal too large for its default i32 (`x_u32 + 4294967295`)
    // is materialized as i64; the consumer converts it to its own dtype.
    if (dtype != DType::Bool && !fitsDType(i->value, dtype))
      dtype = DType::I64;
    return ValueTree::ofLeaf(constantScalarInt(dtype, i->value, expr.loc));
  }
  if (auto *f = llvm::dyn_cast<FloatLitExpr>(&expr))
    return ValueTree::ofLeaf(constantScalar(dtype, f->value, expr.loc));
  auto &b = llvm::cast<BoolLitExpr>(expr);
  return ValueTree::ofLeaf(constantScalarInt(dtype, b.value, expr.loc));
}

std::optional<ValueTree> MLIRGenerator::genName(const NameExpr &e) {
  const NameRef *ref = program.getName(&e);
  if (!ref)
    return fail(e.loc, "internal error: unresolved name '" + e.name + "'");
  return genNameRef(*ref, e.loc);
}

std::optional<ValueTree> MLIRGenerator::genNameRef(const NameRef &ref,
                                                   SourceLoc at) {
  switch (ref.kind) {
  case NameRef::Kind::Local: {
    auto it = fn->locals.find(ref.local);
    if (it == fn->locals.end())
      return fail(at, "internal error: local used before its definition");
    return it->second;
  }
  case NameRef::Kind::Param:
    if (ref.param >= fn->params.size())
      return fail(at, "internal error: parameter index out of range");
    return fn->params[ref.param];
  case NameRef::Kind::SizeVar: {
    Value index = dimValue(ref.size, at);
    return ValueTree::ofLeaf(mlir::jx::FromIndexOp::create(
        builder, loc(at), RankedTensorType::get({}, builder.getI64Type()),
        index));
  }
  case NameRef::Kind::Function:
  case NameRef::Kind::DType:
  case NameRef::Kind::Module:
    return ValueTree::ofNode({});
  }
  llvm_unreachable("unknown name kind");
}

std::optional<ValueTree> MLIRGenerator::genArrayLiteral(const ArrayLitExpr &e) {
  auto *type = llvm::cast<ArrayType>(e.type);
  llvm::ArrayRef<Dim> rowShape = type->getShape().drop_front();
  llvm::SmallVector<Value> rows;
  Shape unitShape{Dim::of(1)};
  unitShape.append(rowShape.begin(), rowShape.end());
  for (const ExprPtr &element : e.elements) {
    Value v = genArray(*element);
    if (!v)
      return std::nullopt;
    auto *elementType = llvm::dyn_cast<ArrayType>(element->type);
    if (!elementType)
      return fail(element->loc, "internal error: array literal element");
    Value row = convert(v, type->getDType(), element->loc);
    row = broadcastTo(row, elementType->getShape(), type->getDType(), rowShape,
                      element->loc);
    rows.push_back(reshapeTo(row, type->getDType(), unitShape, element->loc));
  }
  if (rows.size() == 1)
    return ValueTree::ofLeaf(rows.front());
  return ValueTree::ofLeaf(mlir::jx::ConcatenateOp::create(
      builder, loc(e.loc), tensorType(type), rows, /*dimension=*/0));
}

std::optional<ValueTree> MLIRGenerator::genCallExpr(const CallExpr &e) {
  const CallInfo *info = program.getCall(&e);
  if (!info)
    return fail(e.loc, "internal error: unresolved call");
  switch (info->kind) {
  case CallInfo::Kind::Instance: {
    std::vector<ValueTree> args;
    for (auto [i, arg] : llvm::enumerate(info->args)) {
      std::optional<ValueTree> v = genExpr(*arg);
      if (!v)
        return std::nullopt;
      const Type *paramType = i < info->instance->params.size()
                                  ? info->instance->params[i].type
                                  : arg->type;
      args.push_back(coerce(*v, arg->type, paramType, arg->loc));
    }
    if (info->env) {
      std::optional<ValueTree> env = genExpr(*info->env);
      if (!env)
        return std::nullopt;
      for (const ValueTree &child : env->children)
        args.push_back(child);
    }
    ValueTree result = genCall(*info->instance, args, e.loc);
    return coerce(result, info->instance->resultType, e.type, e.loc);
  }
  case CallInfo::Kind::Builtin:
    return genBuiltin(e, *info);
  case CallInfo::Kind::Collective:
    return genCollective(e, *info);
  case CallInfo::Kind::Closure: {
    std::vector<ValueTree> env;
    for (const Expr *part : info->envParts) {
      std::optional<ValueTree> v = genExpr(*part);
      if (!v)
        return std::nullopt;
      if (llvm::isa<FunctionType>(part->type))
        env.insert(env.end(), v->children.begin(), v->children.end());
      else
        env.push_back(std::move(*v));
    }
    return ValueTree::ofNode(std::move(env));
  }
  case CallInfo::Kind::ControlFlow:
    return genControlFlow(e, *info);
  case CallInfo::Kind::TreeMap:
    return genTreeMap(e, *info);
  }
  llvm_unreachable("unknown call kind");
}

std::optional<ValueTree> MLIRGenerator::genField(const FieldExpr &e) {
  const FieldRef *ref = program.getField(&e);
  if (!ref)
    return fail(e.loc, "internal error: unresolved field '" + e.field + "'");
  switch (ref->kind) {
  case FieldRef::Kind::StructField: {
    std::optional<ValueTree> base = genExpr(*e.base);
    if (!base)
      return std::nullopt;
    if (ref->index >= base->children.size())
      return fail(e.loc, "internal error: struct field out of range");
    return base->children[ref->index];
  }
  case FieldRef::Kind::Attribute:
    return genAttribute(e, *ref);
  case FieldRef::Kind::Member:
  case FieldRef::Kind::Method:
    return ValueTree::ofNode({});
  }
  llvm_unreachable("unknown field kind");
}

std::optional<ValueTree> MLIRGenerator::genStructLit(const StructLitExpr &e) {
  auto *type = llvm::dyn_cast<StructType>(e.type);
  if (!type)
    return fail(e.loc, "internal error: struct literal without a struct type");
  std::vector<ValueTree> fields;
  for (const StructType::Field &field : type->getFields()) {
    const StructLitExpr::FieldInit *init = nullptr;
    for (const StructLitExpr::FieldInit &candidate : e.fields)
      if (candidate.name == field.name)
        init = &candidate;
    if (!init)
      return fail(e.loc, "internal error: missing field '" + field.name + "'");
    std::optional<ValueTree> v = genExpr(*init->value);
    if (!v)
      return std::nullopt;
    fields.push_back(coerce(*v, init->value->type, field.type, init->loc));
  }
  return ValueTree::ofNode(std::move(fields));
}

std::optional<ValueTree> MLIRGenerator::genIf(const IfExpr &e) {
  Value pred = genArray(*e.cond);
  if (!pred)
    return std::nullopt;
  llvm::SmallVector<mlir::Type> resultTypes;
  flattenType(e.type, resultTypes);
  auto ifOp = mlir::jx::IfOp::create(builder, loc(e.loc), resultTypes, pred);

  auto genBranch = [&](mlir::Region &region, const Expr &branch) -> bool {
    mlir::Block *block = builder.createBlock(&region);
    builder.setInsertionPointToStart(block);
    // Sizes read inside a branch do not dominate code after the `if`.
    auto savedSizes = fn->sizes;
    std::optional<ValueTree> v = genExpr(branch);
    fn->sizes = std::move(savedSizes);
    if (!v)
      return false;
    llvm::SmallVector<Value> flat;
    coerce(*v, branch.type, e.type, branch.loc).flatten(flat);
    mlir::jx::YieldOp::create(builder, loc(branch.loc), flat);
    return true;
  };
  OpBuilder::InsertionGuard guard(builder);
  if (!genBranch(ifOp.getThenRegion(), *e.thenBranch) ||
      !genBranch(ifOp.getElseRegion(), *e.elseBranch))
    return std::nullopt;
  builder.setInsertionPointAfter(ifOp);
  unsigned pos = 0;
  return unflatten(e.type, ifOp.getResults(), pos);
}

std::optional<ValueTree> MLIRGenerator::genLambda(const LambdaExpr &e) {
  const LambdaInfo *info = program.getLambda(&e);
  if (!info)
    return fail(e.loc, "internal error: unresolved lambda");
  std::vector<ValueTree> captures;
  for (const NameRef &source : info->captureSources) {
    std::optional<ValueTree> v = genNameRef(source, e.loc);
    if (!v)
      return std::nullopt;
    captures.push_back(std::move(*v));
  }
  return ValueTree::ofNode(std::move(captures));
}

bool MLIRGenerator::bindPattern(const Pattern &pattern, const ValueTree &value,
                                const Type *valueType) {
  switch (pattern.kind) {
  case Pattern::Kind::Wildcard:
    return true;
  case Pattern::Kind::Name:
    fn->locals[&pattern] = value;
    return true;
  case Pattern::Kind::Tuple: {
    auto *tuple = llvm::dyn_cast_or_null<TupleType>(valueType);
    if (value.children.size() != pattern.elements.size())
      return reportError(pattern.loc, "internal error: tuple pattern arity");
    for (auto [i, element] : llvm::enumerate(pattern.elements))
      if (!bindPattern(*element, value.children[i],
                       tuple ? tuple->getElements()[i] : nullptr))
        return false;
    return true;
  }
  }
  llvm_unreachable("unknown pattern kind");
}

std::optional<ValueTree> MLIRGenerator::genBlock(const BlockExpr &e) {
  for (const std::unique_ptr<Stmt> &stmt : e.stmts) {
    if (!stmt->value)
      continue;
    std::optional<ValueTree> v = genExpr(*stmt->value);
    if (!v)
      return std::nullopt;
    if (stmt->kind != Stmt::Kind::Let || !stmt->pattern)
      continue;
    const Type *bound = program.getPatternType(stmt->pattern.get());
    ValueTree converted =
        bound ? coerce(*v, stmt->value->type, bound, stmt->value->loc) : *v;
    if (!bindPattern(*stmt->pattern, converted,
                     bound ? bound : stmt->value->type))
      return std::nullopt;
  }
  if (!e.result)
    return ValueTree::ofNode({});
  return genExpr(*e.result);
}

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

mlir::OwningOpRef<mlir::ModuleOp> jx::generateMLIR(mlir::MLIRContext &context,
                                                   const Program &program,
                                                   const SourceManager &sm,
                                                   DiagnosticEngine &diag) {
  context.loadDialect<mlir::jx::JxDialect, func::FuncDialect,
                      arith::ArithDialect>();
  return MLIRGenerator(context, program, sm, diag).generate();
}
