//===- MLIRGenControlFlow.cpp - lax control flow and tree_map -------------===//
//
// fori_loop, while_loop, scan, cond and switch become jx region ops whose
// regions call the instances of the function arguments (the calls are
// inlined by later passes); tree_map becomes one call per leaf.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

using namespace jx;
using mlir::Value;
using mlir::ValueRange;
namespace dialect = mlir::jx;

namespace {

/// Generates a region's single block with `argTypes` arguments, restoring
/// the insertion point and the recorded sizes (which do not dominate code
/// after the op) afterwards.
class RegionScope {
public:
  RegionScope(MLIRGenerator &gen, mlir::Region &region,
              llvm::ArrayRef<mlir::Type> argTypes, SourceLoc at)
      : gen(gen), guard(gen.builder), savedSizes(gen.fn->sizes) {
    llvm::SmallVector<mlir::Location> locs(argTypes.size(), gen.loc(at));
    block = gen.builder.createBlock(&region, {}, argTypes, locs);
    gen.builder.setInsertionPointToStart(block);
  }
  ~RegionScope() { gen.fn->sizes = std::move(savedSizes); }
  mlir::Block *block;

private:
  MLIRGenerator &gen;
  mlir::OpBuilder::InsertionGuard guard;
  std::map<const SizeVar *, std::pair<Value, int>> savedSizes;
};

} // namespace

/// The type of parameter `i` of a function reference's instance.
static const Type *paramType(const FunctionRef &ref, unsigned i) {
  return i < ref.instance->params.size() ? ref.instance->params[i].type
                                         : nullptr;
}

std::optional<ValueTree> MLIRGenerator::genControlFlow(const CallExpr &call,
                                                       const CallInfo &info) {
  SourceLoc at = call.loc;
  auto operand = [&](unsigned i) -> std::optional<ValueTree> {
    if (i >= info.operands.size() || !info.operands[i])
      return fail(at, "internal error: missing control-flow operand");
    return genExpr(*info.operands[i]);
  };
  auto yieldTree = [&](const ValueTree &tree) {
    llvm::SmallVector<Value> flat;
    tree.flatten(flat);
    dialect::YieldOp::create(builder, loc(at), flat);
  };

  switch (info.controlFlow) {
  case ControlFlowKind::ForiLoop: {
    std::optional<ValueTree> lo = operand(0), hi = operand(1),
                             init = operand(2);
    if (!lo || !hi || !init || info.fns.size() != 1)
      return std::nullopt;
    auto *loType = llvm::dyn_cast<ArrayType>(info.operands[0]->type);
    auto *hiType = llvm::dyn_cast<ArrayType>(info.operands[1]->type);
    if (!loType || !hiType)
      return fail(at, "internal error: fori_loop bounds are not arrays");
    DType counter =
        loType->getDType() == DType::I64 || hiType->getDType() == DType::I64
            ? DType::I64
            : DType::I32;
    Value loV = convert(lo->leaf, counter, info.operands[0]->loc);
    Value hiV = convert(hi->leaf, counter, info.operands[1]->loc);
    ValueTree carry =
        coerce(*init, info.operands[2]->type, info.carryType, at);
    llvm::SmallVector<Value> flatInit;
    carry.flatten(flatInit);
    auto loop = dialect::ForiOp::create(builder, loc(at), loV, hiV, flatInit);
    {
      llvm::SmallVector<mlir::Type> argTypes{loV.getType()};
      for (Value v : flatInit)
        argTypes.push_back(v.getType());
      RegionScope scope(*this, loop.getBody(), argTypes, at);
      const FunctionRef &body = info.fns[0];
      Value i = scope.block->getArgument(0);
      unsigned pos = 1;
      ValueTree c = unflatten(info.carryType, scope.block->getArguments(), pos);
      recordSizes(c, info.carryType);
      // The body's counter parameter may have been instantiated at another
      // integer dtype (a weak literal bound, say).
      if (auto *p = llvm::dyn_cast_or_null<ArrayType>(paramType(body, 0)))
        i = convert(i, p->getDType(), at);
      ValueTree iArg = ValueTree::ofLeaf(i);
      ValueTree next = genCall(
          body, {iArg, coerce(c, info.carryType, paramType(body, 1), at)}, at);
      yieldTree(coerce(next, body.instance->resultType, info.carryType, at));
    }
    unsigned pos = 0;
    return coerce(unflatten(info.carryType, loop.getResults(), pos),
                  info.carryType, call.type, at);
  }

  case ControlFlowKind::WhileLoop: {
    std::optional<ValueTree> init = operand(0);
    if (!init || info.fns.size() != 2)
      return std::nullopt;
    ValueTree carry =
        coerce(*init, info.operands[0]->type, info.carryType, at);
    llvm::SmallVector<Value> flatInit;
    carry.flatten(flatInit);
    auto loop = dialect::WhileOp::create(builder, loc(at), flatInit);
    llvm::SmallVector<mlir::Type> argTypes;
    for (Value v : flatInit)
      argTypes.push_back(v.getType());
    for (unsigned r = 0; r < 2; ++r) {
      mlir::Region &region = r == 0 ? loop.getCond() : loop.getBody();
      RegionScope scope(*this, region, argTypes, at);
      const FunctionRef &f = info.fns[r];
      unsigned pos = 0;
      ValueTree c = unflatten(info.carryType, scope.block->getArguments(), pos);
      recordSizes(c, info.carryType);
      ValueTree out =
          genCall(f, {coerce(c, info.carryType, paramType(f, 0), at)}, at);
      if (r == 0) {
        yieldTree(out);
      } else {
        yieldTree(coerce(out, f.instance->resultType, info.carryType, at));
      }
    }
    unsigned pos = 0;
    return coerce(unflatten(info.carryType, loop.getResults(), pos),
                  info.carryType, call.type, at);
  }

  case ControlFlowKind::Scan: {
    std::optional<ValueTree> init = operand(0);
    if (!init || info.fns.size() != 1)
      return std::nullopt;
    const FunctionRef &f = info.fns[0];
    ValueTree carry =
        coerce(*init, info.operands[0]->type, info.carryType, at);
    llvm::SmallVector<Value> flatInit, flatXs;
    carry.flatten(flatInit);
    const Type *xType = paramType(f, 1);
    if (info.operands.size() > 1 && info.operands[1]) {
      std::optional<ValueTree> xs = genExpr(*info.operands[1]);
      if (!xs)
        return std::nullopt;
      xs->flatten(flatXs);
    }
    mlir::IntegerAttr length;
    if (flatXs.empty()) {
      if (!info.length.isStatic())
        return fail(at, "scan without 'xs' needs a static 'length'");
      length = builder.getI64IntegerAttr(info.length.size);
    }
    llvm::SmallVector<mlir::Type> resultTypes;
    flattenType(call.type, resultTypes);
    auto scan = dialect::ScanOp::create(
        builder, loc(at), resultTypes, flatInit, flatXs,
        info.reverse ? builder.getUnitAttr() : nullptr, length);
    {
      llvm::SmallVector<mlir::Type> argTypes;
      for (Value v : flatInit)
        argTypes.push_back(v.getType());
      llvm::SmallVector<mlir::Type> sliceTypes;
      if (!flatXs.empty())
        flattenType(xType, sliceTypes);
      argTypes.append(sliceTypes.begin(), sliceTypes.end());
      RegionScope scope(*this, scan.getBody(), argTypes, at);
      unsigned pos = 0;
      ValueTree c = unflatten(info.carryType, scope.block->getArguments(), pos);
      recordSizes(c, info.carryType);
      std::vector<ValueTree> args{coerce(c, info.carryType, paramType(f, 0), at)};
      if (!flatXs.empty()) {
        ValueTree x = unflatten(xType, scope.block->getArguments(), pos);
        recordSizes(x, xType);
        args.push_back(x);
      } else if (f.instance->numUserParams > 1) {
        args.push_back(ValueTree::ofNode({}));
      }
      ValueTree out = genCall(f, args, at);
      // The body returns (carry, y): the carry takes the loop's carry type.
      auto *outType = llvm::dyn_cast<TupleType>(f.instance->resultType);
      auto *callType = llvm::dyn_cast<TupleType>(call.type);
      if (!outType || !callType || out.children.size() != 2)
        return fail(at, "internal error: scan body must return a pair");
      ValueTree nextCarry = coerce(out.children[0], outType->getElements()[0],
                                   info.carryType, at);
      llvm::SmallVector<Value> flat;
      nextCarry.flatten(flat);
      out.children[1].flatten(flat);
      dialect::YieldOp::create(builder, loc(at), flat);
    }
    unsigned pos = 0;
    return unflatten(call.type, scan.getResults(), pos);
  }

  case ControlFlowKind::Cond:
  case ControlFlowKind::Switch: {
    std::optional<ValueTree> selector = operand(0);
    if (!selector)
      return std::nullopt;
    std::vector<ValueTree> operands;
    for (unsigned i = 1; i < info.operands.size(); ++i) {
      std::optional<ValueTree> v = operand(i);
      if (!v)
        return std::nullopt;
      operands.push_back(std::move(*v));
    }
    llvm::SmallVector<mlir::Type> resultTypes;
    flattenType(call.type, resultTypes);
    llvm::SmallVector<mlir::Region *> regions;
    mlir::Operation *op;
    if (info.controlFlow == ControlFlowKind::Cond) {
      auto ifOp = dialect::IfOp::create(builder, loc(at), resultTypes,
                                        selector->leaf);
      regions = {&ifOp.getThenRegion(), &ifOp.getElseRegion()};
      op = ifOp;
    } else {
      // jx.switch clamps the index into [0, n), as lax.switch does.
      Value index = convert(selector->leaf, DType::I32, info.operands[0]->loc);
      auto switchOp = dialect::SwitchOp::create(
          builder, loc(at), resultTypes, index, info.fns.size());
      for (mlir::Region &region : switchOp.getBranches())
        regions.push_back(&region);
      op = switchOp;
    }
    for (auto [k, region] : llvm::enumerate(regions)) {
      RegionScope scope(*this, *region, {}, at);
      const FunctionRef &f = info.fns[k];
      std::vector<ValueTree> args;
      for (auto [i, v] : llvm::enumerate(operands))
        args.push_back(
            coerce(v, info.operands[i + 1]->type, paramType(f, i), at));
      ValueTree out = genCall(f, args, at);
      yieldTree(coerce(out, f.instance->resultType, call.type, at));
    }
    unsigned pos = 0;
    return unflatten(call.type, op->getResults(), pos);
  }
  }
  llvm_unreachable("unknown control-flow kind");
}

/// The subtree at `path` (tuple element / struct field indices).
static const ValueTree *subtree(const ValueTree &tree,
                                llvm::ArrayRef<unsigned> path) {
  const ValueTree *t = &tree;
  for (unsigned i : path) {
    if (i >= t->children.size())
      return nullptr;
    t = &t->children[i];
  }
  return t;
}

/// The type at `path` inside `type`.
static const Type *subtype(const Type *type, llvm::ArrayRef<unsigned> path) {
  for (unsigned i : path) {
    if (auto *tuple = llvm::dyn_cast_or_null<TupleType>(type))
      type = i < tuple->getElements().size() ? tuple->getElements()[i]
                                             : nullptr;
    else if (auto *st = llvm::dyn_cast_or_null<StructType>(type))
      type = i < st->getFields().size() ? st->getFields()[i].type : nullptr;
    else
      return nullptr;
  }
  return type;
}

/// Places `leaf` at `path` in `tree`, creating nodes as needed.
static void insertAt(ValueTree &tree, llvm::ArrayRef<unsigned> path,
                     ValueTree leaf) {
  if (path.empty()) {
    tree = std::move(leaf);
    return;
  }
  if (tree.children.size() <= path.front())
    tree.children.resize(path.front() + 1);
  insertAt(tree.children[path.front()], path.drop_front(), std::move(leaf));
}

std::optional<ValueTree> MLIRGenerator::genTreeMap(const CallExpr &call,
                                                   const CallInfo &info) {
  std::vector<ValueTree> trees;
  for (const Expr *operand : info.operands) {
    std::optional<ValueTree> v = genExpr(*operand);
    if (!v)
      return std::nullopt;
    trees.push_back(std::move(*v));
  }
  ValueTree result = ValueTree::ofNode({});
  for (const CallInfo::Leaf &leaf : info.leaves) {
    std::vector<ValueTree> args;
    for (auto [i, tree] : llvm::enumerate(trees)) {
      const ValueTree *t = subtree(tree, leaf.path);
      if (!t)
        return fail(call.loc, "internal error: tree_map leaf path");
      const Type *from = subtype(info.operands[i]->type, leaf.path);
      const Type *to = i < leaf.instance->params.size()
                           ? leaf.instance->params[i].type
                           : from;
      args.push_back(coerce(*t, from, to, call.loc));
    }
    FunctionRef ref;
    ref.instance = leaf.instance;
    if (!info.fns.empty()) {
      ref.env = info.fns[0].env;
      ref.envElement = info.fns[0].envElement;
    }
    ValueTree out = genCall(ref, args, call.loc);
    insertAt(result, leaf.path,
             coerce(out, leaf.instance->resultType,
                    subtype(call.type, leaf.path), call.loc));
  }
  return result;
}
