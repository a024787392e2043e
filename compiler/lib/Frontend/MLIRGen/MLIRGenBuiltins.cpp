//===- MLIRGenBuiltins.cpp - Section 7 calls, creation and elementwise ----===//
//
// The entry points of the array library's lowering: built-in calls and
// methods (`sum(x, axis=0)`, `x.sum(axis=0)`), Builtin instances (a built-in
// used as a function value, `vmap(sin)`), and the array attributes (`x.T`,
// `x.shape`). Arguments are matched to jax.numpy's parameters as Sema matched
// them (ArrayBuiltins*.cpp), then each family lowers a LibCall: creation and
// elementwise functions here, the others in MLIRGenLibrary*.cpp.
//
// Sema has checked every call and chosen its result type; the lowering
// converts the operands explicitly and produces exactly that type.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace jx;
using mlir::RankedTensorType;
using mlir::Value;
namespace dialect = mlir::jx;
namespace func = mlir::func;

//===----------------------------------------------------------------------===//
// Compile-time arguments
//===----------------------------------------------------------------------===//

bool jx::libIsNone(const LibArg *arg) {
  if (!arg)
    return true;
  if (arg->value && arg->value->kind == StaticValue::Kind::None)
    return true;
  return arg->type && arg->type->getKind() == Type::Kind::None;
}

std::optional<int64_t> jx::libInt(const LibArg *arg) {
  if (!arg || !arg->value)
    return std::nullopt;
  if (arg->value->kind == StaticValue::Kind::Int)
    return arg->value->intValue;
  if (arg->value->kind == StaticValue::Kind::Bool)
    return arg->value->boolValue ? 1 : 0;
  return std::nullopt;
}

std::optional<double> jx::libNumber(const LibArg *arg) {
  if (!arg || !arg->value)
    return std::nullopt;
  if (arg->value->kind == StaticValue::Kind::Float)
    return arg->value->floatValue;
  if (std::optional<int64_t> i = libInt(arg))
    return static_cast<double>(*i);
  return std::nullopt;
}

std::optional<bool> jx::libBool(const LibArg *arg) {
  if (std::optional<int64_t> i = libInt(arg))
    return *i != 0;
  return std::nullopt;
}

std::optional<std::string> jx::libString(const LibArg *arg) {
  if (!arg || !arg->value || arg->value->kind != StaticValue::Kind::String)
    return std::nullopt;
  return arg->value->string;
}

llvm::SmallVector<unsigned, 4> jx::libAxes(const LibArg *arg, unsigned rank) {
  llvm::SmallVector<unsigned, 4> axes;
  auto add = [&](int64_t a) {
    int64_t r = rank;
    if (a < 0)
      a += r;
    if (a >= 0 && a < r && !llvm::is_contained(axes, unsigned(a)))
      axes.push_back(static_cast<unsigned>(a));
  };
  if (libIsNone(arg)) {
    for (unsigned i = 0; i < rank; ++i)
      axes.push_back(i);
  } else if (arg->value && arg->value->kind == StaticValue::Kind::Tuple) {
    for (const StaticValue &e : arg->value->elements)
      if (e.kind == StaticValue::Kind::Int)
        add(e.intValue);
  } else if (std::optional<int64_t> a = libInt(arg)) {
    add(*a);
  }
  return axes;
}

std::optional<unsigned> jx::libAxis(const LibArg *arg, unsigned rank) {
  if (libIsNone(arg))
    return std::nullopt;
  llvm::SmallVector<unsigned, 4> axes = libAxes(arg, rank);
  if (axes.size() != 1)
    return std::nullopt;
  return axes.front();
}

//===----------------------------------------------------------------------===//
// Argument binding (mirrors the parameter lists of ArrayBuiltins*.cpp)
//===----------------------------------------------------------------------===//

namespace {
/// A parameter in jax.numpy's positional order, with its second spelling.
struct ParamSpec {
  llvm::StringLiteral name;
  llvm::StringLiteral alias = "";
};

enum class Family { Creation, Elementwise, Reduction, Shape, Linalg, Einsum };
} // namespace

static std::optional<Family> familyOf(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Family>>(name)
      .Cases({"zeros", "ones", "full", "zeros_like", "ones_like", "full_like",
              "arange", "linspace", "eye"},
             Family::Creation)
      .Cases({"exp", "exp2", "log", "log1p", "log2", "expm1", "sqrt", "rsqrt",
              "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2",
              "sinh", "cosh", "tanh", "abs", "sign", "floor", "ceil",
              "round", "square", "reciprocal", "power", "maximum", "minimum",
              "clip", "where", "erf", "isnan", "isfinite", "logical_not",
              "astype"},
             Family::Elementwise)
      .Cases({"sum", "mean", "prod", "max", "min", "argmax", "argmin", "any",
              "all", "var", "std", "cumsum", "cumprod"},
             Family::Reduction)
      .Cases({"reshape", "transpose", "swapaxes", "expand_dims", "squeeze",
              "broadcast_to", "concatenate", "stack", "flip", "pad", "take",
              "dynamic_slice", "dynamic_update_slice", "ravel", "flatten"},
             Family::Shape)
      .Cases({"dot", "matmul", "outer", "trace", "diag"}, Family::Linalg)
      .Case("einsum", Family::Einsum)
      .Default(std::nullopt);
}

static llvm::SmallVector<ParamSpec, 8> paramsOf(llvm::StringRef fn) {
  using P = ParamSpec;
  if (fn == "zeros" || fn == "ones")
    return {P{"shape"}, P{"dtype"}, P{"device"}};
  if (fn == "full")
    return {P{"shape"}, P{"fill_value"}, P{"dtype"}, P{"device"}};
  if (fn == "zeros_like" || fn == "ones_like")
    return {P{"x", "a"}, P{"dtype"}, P{"shape"}, P{"device"}};
  if (fn == "full_like")
    return {P{"x", "a"}, P{"fill_value"}, P{"dtype"}, P{"shape"},
            P{"device"}};
  if (fn == "arange")
    return {P{"start"}, P{"stop"}, P{"step"}, P{"dtype"}, P{"device"}};
  if (fn == "linspace")
    return {P{"start"}, P{"stop"},  P{"num"},  P{"endpoint"},
            P{"retstep"}, P{"dtype"}, P{"axis"}, P{"device"}};
  if (fn == "eye")
    return {P{"N"}, P{"M"}, P{"k"}, P{"dtype"}, P{"device"}};
  if (fn == "round")
    return {P{"x", "a"}, P{"decimals"}, P{"out"}};
  if (fn == "astype")
    return {P{"x"}, P{"dtype"}, P{"copy"}, P{"device"}};
  if (fn == "power" || fn == "maximum" || fn == "minimum" || fn == "arctan2")
    return {P{"x1"}, P{"x2"}};
  if (fn == "clip")
    return {P{"x", "arr"}, P{"min", "a_min"}, P{"max", "a_max"}};
  if (fn == "where")
    return {P{"condition"}, P{"x"}, P{"y"}, P{"size"}, P{"fill_value"}};
  if (fn == "sum" || fn == "prod")
    return {P{"x", "a"}, P{"axis"},    P{"dtype"}, P{"out"},
            P{"keepdims"}, P{"initial"}, P{"where"}};
  if (fn == "max" || fn == "min")
    return {P{"x", "a"}, P{"axis"}, P{"out"}, P{"keepdims"}};
  if (fn == "any" || fn == "all" || fn == "argmax" || fn == "argmin")
    return {P{"x", "a"}, P{"axis"}, P{"out"}, P{"keepdims"}};
  if (fn == "mean")
    return {P{"x", "a"}, P{"axis"}, P{"dtype"}, P{"out"}, P{"keepdims"}};
  if (fn == "var" || fn == "std")
    return {P{"x", "a"}, P{"axis"}, P{"dtype"},
            P{"out"},     P{"ddof"}, P{"keepdims"}};
  if (fn == "cumsum" || fn == "cumprod")
    return {P{"x", "a"}, P{"axis"}, P{"dtype"}, P{"out"}};
  if (fn == "reshape")
    return {P{"x", "a"}, P{"shape", "newshape"}, P{"order"}};
  if (fn == "ravel" || fn == "flatten")
    return {P{"x", "a"}, P{"order"}};
  if (fn == "transpose")
    return {P{"x", "a"}, P{"axes"}};
  if (fn == "swapaxes")
    return {P{"x", "a"}, P{"axis1"}, P{"axis2"}};
  if (fn == "expand_dims" || fn == "squeeze")
    return {P{"x", "a"}, P{"axis"}};
  if (fn == "broadcast_to")
    return {P{"x", "array"}, P{"shape"}};
  if (fn == "concatenate")
    return {P{"arrays"}, P{"axis"}, P{"dtype"}};
  if (fn == "stack")
    return {P{"arrays"}, P{"axis"}, P{"out"}, P{"dtype"}};
  if (fn == "flip")
    return {P{"x", "m"}, P{"axis"}};
  if (fn == "pad")
    return {P{"x", "array"}, P{"pad_width"}, P{"mode"}, P{"constant_values"}};
  if (fn == "take")
    return {P{"x", "a"}, P{"indices"}, P{"axis"}, P{"out"}, P{"mode"}};
  if (fn == "dynamic_slice")
    return {P{"operand"}, P{"start_indices"}, P{"slice_sizes"}};
  if (fn == "dynamic_update_slice")
    return {P{"operand"}, P{"update"}, P{"start_indices"}};
  if (fn == "dot" || fn == "matmul" || fn == "outer")
    return {P{"a"}, P{"b"}};
  if (fn == "trace")
    return {P{"x", "a"}, P{"offset"}, P{"axis1"}, P{"axis2"}, P{"dtype"}};
  if (fn == "diag")
    return {P{"x", "v"}, P{"k"}};
  if (fn == "einsum")
    return {P{"subscripts"}};
  // Unary elementwise functions and stop_gradient.
  return {P{"x"}};
}

bool MLIRGenerator::bindLibraryCall(LibCall &call) {
  std::vector<LibArg *> args;
  for (LibArg &a : call.args)
    args.push_back(&a);

  // `x.reshape(2, 3)`, `x.transpose(1, 0)`: the shape or axes as separate
  // arguments, folded into one tuple as Sema does.
  size_t numPositional = llvm::count_if(
      call.args, [](const LibArg &a) { return a.keyword.empty(); });
  if ((call.name == "reshape" || call.name == "transpose") &&
      numPositional > 2) {
    auto tuple = std::make_unique<StaticValue>();
    tuple->kind = StaticValue::Kind::Tuple;
    auto folded = std::make_unique<LibArg>();
    std::vector<LibArg *> kept;
    size_t index = 0;
    for (LibArg *a : args) {
      if (!a->keyword.empty() || index++ == 0) {
        kept.push_back(a);
        continue;
      }
      if (!a->value) {
        fail(a->loc, "internal error: '" + call.name +
                         "' argument is not known at compile time");
        return false;
      }
      if (index == 2)
        folded->loc = a->loc;
      tuple->elements.push_back(*a->value);
    }
    folded->value = tuple.get();
    kept.insert(kept.begin() + 1, folded.get());
    call.extraValues.push_back(std::move(tuple));
    call.extraArgs.push_back(std::move(folded));
    args = std::move(kept);
  }

  llvm::SmallVector<ParamSpec, 8> params = paramsOf(call.name);
  bool variadic = call.name == "einsum";
  size_t next = 0;
  for (LibArg *a : args) {
    if (a->keyword.empty()) {
      if (next < params.size())
        call.bound.push_back({params[next++].name, a});
      else if (variadic)
        call.rest.push_back(a);
      continue;
    }
    for (const ParamSpec &p : params)
      if (a->keyword == p.name || (!p.alias.empty() && a->keyword == p.alias))
        call.bound.push_back({p.name, a});
  }
  return true;
}

std::optional<ValueTree> MLIRGenerator::libValue(LibArg &arg) {
  if (arg.tree)
    return arg.tree;
  if (!arg.expr)
    return fail(arg.loc, "internal error: library argument without a value");
  arg.tree = genExpr(*arg.expr);
  return arg.tree;
}

Value MLIRGenerator::libArray(LibArg &arg) {
  std::optional<ValueTree> v = libValue(arg);
  if (!v)
    return nullptr;
  if (!v->isLeaf()) {
    fail(arg.loc, "internal error: expected an array argument");
    return nullptr;
  }
  return v->leaf;
}

std::optional<IndexValue> MLIRGenerator::shapeEntry(LibArg &arg,
                                                    unsigned index,
                                                    const Dim &dim) {
  if (std::optional<IndexValue> known = knownDim(dim, arg.loc))
    return known;
  // A derived size (`n + 1`): the entry's run-time value.
  std::optional<ValueTree> v = libValue(arg);
  if (!v)
    return std::nullopt;
  const ValueTree *entry = nullptr;
  if (v->isLeaf() && index == 0)
    entry = &*v;
  else if (index < v->children.size() && v->children[index].isLeaf())
    entry = &v->children[index];
  if (!entry)
    return fail(arg.loc, "cannot compute the size '" + dim.str() +
                             "' at run time");
  return scalarToIndex(entry->leaf, arg.loc);
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

/// Gives `v` exactly the type `expected` where the two differ only in which
/// dims are static (a reshape that changes nothing but the type).
static Value exactType(MLIRGenerator &gen, Value v, RankedTensorType expected,
                       SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  if (type == expected)
    return v;
  if (type.getElementType() != expected.getElementType() ||
      type.getRank() != expected.getRank())
    return nullptr;
  IndexShape dims = gen.dimsOf(v, at);
  for (unsigned i = 0; i < dims.size(); ++i) {
    if (expected.isDynamicDim(i) && dims[i].constant)
      dims[i] = IndexValue::of(gen.materialize(dims[i], at));
    else if (!expected.isDynamicDim(i))
      dims[i] = IndexValue::of(expected.getDimSize(i));
  }
  return mlir::jx::ReshapeOp::create(gen.builder, gen.loc(at), expected, v,
                                     gen.dynamicSizes(dims, at));
}

std::optional<ValueTree> MLIRGenerator::genLibraryCall(LibCall &call) {
  if (!bindLibraryCall(call))
    return std::nullopt;
  std::optional<ValueTree> result;
  if (call.name == "stop_gradient") {
    LibArg *x = call.get("x");
    if (!x)
      return fail(call.loc, "internal error: 'stop_gradient' needs an "
                            "argument");
    std::optional<ValueTree> v = libValue(*x);
    if (!v)
      return std::nullopt;
    // JAX's stop_gradient maps over a pytree's leaves.
    std::function<ValueTree(const ValueTree &)> stop =
        [&](const ValueTree &t) -> ValueTree {
      if (t.isLeaf())
        return ValueTree::ofLeaf(
            dialect::StopGradientOp::create(builder, loc(call.loc), t.leaf));
      std::vector<ValueTree> children;
      for (const ValueTree &c : t.children)
        children.push_back(stop(c));
      return ValueTree::ofNode(std::move(children));
    };
    return coerce(stop(*v), x->type, call.resultType, call.loc);
  }

  std::optional<Family> family = familyOf(call.name);
  if (!family)
    return fail(call.loc, "built-in '" + call.name +
                              "' cannot be lowered to jx IR yet");
  switch (*family) {
  case Family::Creation:
    result = genCreation(call);
    break;
  case Family::Elementwise:
    result = genElementwise(call);
    break;
  case Family::Reduction:
    result = genReduction(call);
    break;
  case Family::Shape:
    result = genShapeOp(call);
    break;
  case Family::Linalg:
    result = genLinalg(call);
    break;
  case Family::Einsum:
    result = genEinsum(call);
    break;
  }
  if (!result)
    return std::nullopt;
  // Check the contract with Sema: exactly the type it assigned.
  auto *array = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  if (array && result->isLeaf()) {
    RankedTensorType expected = tensorType(array);
    Value exact = exactType(*this, result->leaf, expected, call.loc);
    if (!exact) {
      std::string got, want;
      llvm::raw_string_ostream(got) << result->leaf.getType();
      llvm::raw_string_ostream(want) << expected;
      return fail(call.loc, "internal error: '" + call.name + "' gave " +
                                got + " instead of " + want);
    }
    result = ValueTree::ofLeaf(exact);
  }
  return result;
}

std::optional<ValueTree> MLIRGenerator::genBuiltin(const CallExpr &call,
                                                   const CallInfo &info) {
  LibCall lib;
  lib.name = info.name;
  lib.loc = call.loc;
  lib.resultType = call.type;
  for (auto [i, b] : llvm::enumerate(info.builtinArgs)) {
    LibArg a;
    a.keyword = b.keyword;
    a.loc = b.loc.isValid() ? b.loc : call.loc;
    a.type = b.type;
    a.value = b.value ? &*b.value : nullptr;
    a.expr = i < info.argExprs.size() ? info.argExprs[i] : nullptr;
    lib.args.push_back(std::move(a));
  }
  return genLibraryCall(lib);
}

bool MLIRGenerator::genBuiltinInstanceBody(const FunctionInstance &inst,
                                           llvm::ArrayRef<ValueTree> params) {
  LibCall lib;
  lib.name = inst.builtin;
  lib.loc = inst.loc;
  lib.resultType = inst.resultType;
  for (auto [i, param] : llvm::enumerate(params)) {
    LibArg a;
    a.loc = i < inst.params.size() ? inst.params[i].loc : inst.loc;
    if (!a.loc.isValid())
      a.loc = inst.loc;
    a.type = i < inst.params.size() ? inst.params[i].type : nullptr;
    a.tree = param;
    lib.args.push_back(std::move(a));
  }
  std::optional<ValueTree> result = genLibraryCall(lib);
  if (!result)
    return false;
  llvm::SmallVector<Value> flat;
  result->flatten(flat);
  func::ReturnOp::create(builder, loc(inst.loc), flat);
  return true;
}

//===----------------------------------------------------------------------===//
// Attributes: x.T, x.mT, x.shape, x.ndim, x.size, x.dtype
//===----------------------------------------------------------------------===//

std::optional<ValueTree> MLIRGenerator::genAttribute(const FieldExpr &e,
                                                     const FieldRef &ref) {
  auto *base = llvm::dyn_cast_or_null<ArrayType>(e.base->type);
  if (!base)
    return fail(e.loc, "internal error: attribute '" + ref.name +
                           "' of a value that is not an array");
  llvm::StringRef name = ref.name;
  if (name == "dtype")
    return ValueTree::ofNode({});
  if (name == "ndim")
    return ValueTree::ofLeaf(
        constantScalarInt(DType::I64, base->getRank(), e.loc));

  // Dims: static ones are constants; dynamic ones are read from the recorded
  // sizes, else from the base value itself.
  Value baseValue;
  auto dims = [&]() -> std::optional<IndexShape> {
    IndexShape out;
    for (auto [i, d] : llvm::enumerate(base->getShape())) {
      if (std::optional<IndexValue> known = knownDim(d, e.loc)) {
        out.push_back(*known);
        continue;
      }
      if (!baseValue && !(baseValue = genArray(*e.base)))
        return std::nullopt;
      out.push_back(dimOf(baseValue, i, e.loc));
    }
    return out;
  };
  if (name == "shape") {
    std::optional<IndexShape> shape = dims();
    if (!shape)
      return std::nullopt;
    std::vector<ValueTree> elements;
    for (const IndexValue &d : *shape)
      elements.push_back(
          ValueTree::ofLeaf(indexToScalar(d, DType::I64, e.loc)));
    return ValueTree::ofNode(std::move(elements));
  }
  if (name == "size") {
    std::optional<IndexShape> shape = dims();
    if (!shape)
      return std::nullopt;
    return ValueTree::ofLeaf(
        indexToScalar(indexProduct(*shape, e.loc), DType::I64, e.loc));
  }
  if (name == "T" || name == "mT") {
    if (!baseValue && !(baseValue = genArray(*e.base)))
      return std::nullopt;
    unsigned rank = base->getRank();
    llvm::SmallVector<int64_t> perm;
    for (unsigned i = 0; i < rank; ++i)
      perm.push_back(name == "T" ? rank - 1 - i : i);
    if (name == "mT" && rank >= 2)
      std::swap(perm[rank - 1], perm[rank - 2]);
    return ValueTree::ofLeaf(transposeValue(baseValue, perm, e.loc));
  }
  return fail(e.loc, "attribute '" + name + "' cannot be lowered yet");
}

//===----------------------------------------------------------------------===//
// Creation
//===----------------------------------------------------------------------===//

/// linspace(start, stop, num=50, endpoint=true, retstep=false, dtype,
/// axis=0): `start + i * delta` along `axis`, in a float type, with the last
/// element exactly `stop` when `endpoint`.
static std::optional<ValueTree> genLinspace(MLIRGenerator &gen, LibCall &call,
                                            const ArrayType *result) {
  SourceLoc at = call.loc;
  const ArrayType *stepType = nullptr;
  if (auto *tuple = llvm::dyn_cast<TupleType>(call.resultType))
    stepType = llvm::dyn_cast<ArrayType>(tuple->getElements().back());
  LibArg *startArg = call.get("start"), *stopArg = call.get("stop");
  if (!startArg || !stopArg)
    return gen.fail(at, "internal error: 'linspace' needs start and stop");
  Value start = gen.libArray(*startArg), stop = gen.libArray(*stopArg);
  if (!start || !stop)
    return std::nullopt;
  unsigned rank = result->getRank();
  int64_t axis = libInt(call.get("axis")).value_or(0);
  if (axis < 0)
    axis += rank;
  bool endpoint = libBool(call.get("endpoint")).value_or(true);
  DType rd = result->getDType();
  DType cd = isFloat(rd) ? rd : (rd == DType::I64 ? DType::F64 : DType::F32);
  mlir::Type ce = gen.elementType(cd);

  IndexShape dims, bdims;
  llvm::SmallVector<int64_t> bmap;
  for (auto [i, d] : llvm::enumerate(result->getShape())) {
    std::optional<IndexValue> v;
    if (static_cast<int64_t>(i) == axis) {
      LibArg *num = call.get("num");
      v = num ? gen.shapeEntry(*num, 0, d) : gen.knownDim(d, at);
    } else {
      v = gen.knownDim(d, at);
      bmap.push_back(i);
    }
    if (!v)
      return gen.fail(at, "internal error: no size for '" + d.str() + "'");
    dims.push_back(*v);
    if (static_cast<int64_t>(i) != axis)
      bdims.push_back(*v);
  }
  IndexValue n = dims[axis];
  start = gen.broadcastShape(gen.convert(start, cd, at), bdims, at);
  stop = gen.broadcastShape(gen.convert(stop, cd, at), bdims, at);
  mlir::Type btype = start.getType();
  IndexValue div = gen.indexMax(
      endpoint ? gen.indexSub(n, IndexValue::of(1), at) : n,
      IndexValue::of(1), at);
  Value divisor =
      gen.broadcastDims(gen.indexToScalar(div, cd, at), bdims, {}, at);
  mlir::Location l = gen.loc(at);
  Value extent = dialect::SubOp::create(gen.builder, l, btype, stop, start);
  Value delta = dialect::DivOp::create(gen.builder, l, btype, extent, divisor);

  Value index = gen.iota(ce, dims, axis, at);
  mlir::Type type = index.getType();
  Value steps = dialect::MulOp::create(gen.builder, l, type, index,
                                       gen.broadcastDims(delta, dims, bmap, at));
  Value values = dialect::AddOp::create(
      gen.builder, l, type, gen.broadcastDims(start, dims, bmap, at), steps);
  if (endpoint && !(n.constant && *n.constant <= 1)) {
    // max(n - 1, 1) never matches when n == 1 (whose element is `start`).
    IndexValue last =
        gen.indexMax(gen.indexSub(n, IndexValue::of(1), at),
                     IndexValue::of(1), at);
    Value lastT =
        gen.broadcastDims(gen.indexToScalar(last, cd, at), dims, {}, at);
    Value isLast =
        gen.compare(index, lastT, dialect::ComparisonDirection::EQ, at);
    values = dialect::SelectOp::create(
        gen.builder, l, type, isLast, gen.broadcastDims(stop, dims, bmap, at),
        values);
  }
  if (!isFloat(rd))
    values = dialect::FloorOp::create(gen.builder, l, type, values);
  values = gen.convert(values, rd, at);
  if (!stepType)
    return ValueTree::ofLeaf(values);
  Value step = gen.convert(delta, stepType->getDType(), at);
  return ValueTree::ofNode(
      {ValueTree::ofLeaf(values), ValueTree::ofLeaf(step)});
}

std::optional<ValueTree> MLIRGenerator::genCreation(LibCall &call) {
  llvm::StringRef fn = call.name;
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  if (fn == "linspace" && !result)
    if (auto *tuple = llvm::dyn_cast_or_null<TupleType>(call.resultType))
      result = llvm::dyn_cast<ArrayType>(tuple->getElements().front());
  if (!result)
    return fail(call.loc, "internal error: '" + fn + "' without an array type");
  mlir::Type element = elementType(result->getDType());
  llvm::ArrayRef<Dim> shape = result->getShape();

  // The result's dims: from the shape argument, the model array (`_like`)
  // or the size arguments.
  auto dimsFrom = [&](LibArg *shapeArg,
                      LibArg *model) -> std::optional<IndexShape> {
    IndexShape dims;
    Value modelValue;
    for (auto [i, d] : llvm::enumerate(shape)) {
      if (std::optional<IndexValue> known = knownDim(d, call.loc)) {
        dims.push_back(*known);
      } else if (shapeArg) {
        std::optional<IndexValue> v = shapeEntry(*shapeArg, i, d);
        if (!v)
          return std::nullopt;
        dims.push_back(*v);
      } else if (model) {
        if (!modelValue && !(modelValue = libArray(*model)))
          return std::nullopt;
        dims.push_back(dimOf(modelValue, i, call.loc));
      } else {
        return fail(call.loc, "internal error: no size for '" + d.str() + "'");
      }
    }
    return dims;
  };

  if (fn == "zeros" || fn == "ones" || fn == "zeros_like" ||
      fn == "ones_like" || fn == "full" || fn == "full_like") {
    bool like = fn.ends_with("_like");
    LibArg *shapeArg = call.get("shape");
    if (libIsNone(shapeArg))
      shapeArg = nullptr;
    std::optional<IndexShape> dims =
        dimsFrom(shapeArg, like ? call.get("x") : nullptr);
    if (!dims)
      return std::nullopt;
    if (!fn.starts_with("full"))
      return ValueTree::ofLeaf(
          filledTensor(element, fn.starts_with("ones") ? 1 : 0, *dims,
                 call.loc));
    LibArg *fill = call.get("fill_value");
    auto *fillType = fill ? llvm::dyn_cast_or_null<ArrayType>(fill->type)
                          : nullptr;
    if (!fillType)
      return fail(call.loc, "internal error: '" + fn + "' without a fill");
    if (std::optional<double> c = libNumber(fill); c && fillType->isScalar())
      return ValueTree::ofLeaf(filledTensor(element, *c, *dims, call.loc));
    Value v = libArray(*fill);
    if (!v)
      return std::nullopt;
    v = convert(v, result->getDType(), fill->loc);
    return ValueTree::ofLeaf(broadcastShape(v, *dims, call.loc));
  }

  if (fn == "arange") {
    if (result->getDType() == DType::Bool)
      return fail(call.loc, "'arange' with dtype bool is not supported");
    LibArg *startArg = call.get("start"), *stopArg = call.get("stop");
    if (libIsNone(stopArg)) {
      stopArg = startArg;
      startArg = nullptr;
    }
    // A bound that is a size variable (`arange(n)`), as an index.
    auto sizeBound = [&](LibArg *a) -> std::optional<IndexValue> {
      if (!a || !a->value || a->value->kind != StaticValue::Kind::Size)
        return IndexValue::of(libInt(a).value_or(0));
      return shapeEntry(*a, 0, a->value->size);
    };
    bool symbolicStart = startArg && startArg->value &&
                         startArg->value->kind == StaticValue::Kind::Size;
    double step = libNumber(call.get("step")).value_or(1.0);
    std::optional<IndexValue> length = knownDim(shape[0], call.loc);
    std::optional<IndexValue> start = IndexValue::of(0);
    if (symbolicStart || !length)
      start = sizeBound(startArg);
    if (!start)
      return std::nullopt;
    if (!length) {
      // ceil((stop - start) / step), at least 0 (integer bounds).
      std::optional<IndexValue> stop = sizeBound(stopArg);
      if (!stop)
        return std::nullopt;
      auto s = static_cast<int64_t>(step);
      IndexValue extent = indexSub(*stop, *start, call.loc);
      IndexValue bias = IndexValue::of(s > 0 ? s - 1 : s + 1);
      length = indexMax(indexFloorDiv(indexAdd(extent, bias, call.loc),
                                      IndexValue::of(s), call.loc),
                        IndexValue::of(0), call.loc);
    }
    IndexShape dims = {*length};
    Value values = iota(element, dims, 0, call.loc);
    if (step != 1.0)
      values = dialect::MulOp::create(
          builder, loc(call.loc), values.getType(), values,
          filledTensor(element, step, dims, call.loc));
    Value offset;
    if (symbolicStart)
      offset = broadcastDims(indexToScalar(*start, result->getDType(),
                                           call.loc),
                             dims, {}, call.loc);
    else if (double s = libNumber(startArg).value_or(0); s != 0)
      offset = filledTensor(element, s, dims, call.loc);
    if (offset)
      values = dialect::AddOp::create(builder, loc(call.loc),
                                      values.getType(), values, offset);
    return ValueTree::ofLeaf(values);
  }

  if (fn == "eye") {
    LibArg *nArg = call.get("N"), *mArg = call.get("M");
    IndexShape dims;
    for (auto [i, d] : llvm::enumerate(shape)) {
      LibArg *a = i == 1 && !libIsNone(mArg) ? mArg : nArg;
      std::optional<IndexValue> v = shapeEntry(*a, 0, d);
      if (!v)
        return std::nullopt;
      dims.push_back(*v);
    }
    // Ones where column - row == k.
    int64_t k = libInt(call.get("k")).value_or(0);
    mlir::Type i64 = builder.getI64Type();
    Value rows = iota(i64, dims, 0, call.loc);
    Value cols = iota(i64, dims, 1, call.loc);
    Value diff = dialect::SubOp::create(builder, loc(call.loc),
                                        rows.getType(), cols, rows);
    Value mask = compare(diff, filledTensor(i64, k, dims, call.loc),
                         dialect::ComparisonDirection::EQ, call.loc);
    return ValueTree::ofLeaf(convertElement(mask, element, call.loc));
  }

  if (fn == "linspace")
    return genLinspace(*this, call, result);
  return fail(call.loc, "built-in '" + fn + "' cannot be lowered yet");
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

namespace {
/// Builds one elementwise op of the operands' type.
using UnaryBuilder = Value (*)(mlir::OpBuilder &, mlir::Location, Value);
template <typename Op>
Value unary(mlir::OpBuilder &b, mlir::Location l, Value x) {
  return Op::create(b, l, x.getType(), x);
}
} // namespace

/// The op of a float function (its operand already has the float type).
static UnaryBuilder floatUnary(llvm::StringRef fn) {
  return llvm::StringSwitch<UnaryBuilder>(fn)
      .Case("exp", unary<dialect::ExpOp>)
      .Case("exp2", unary<dialect::Exp2Op>)
      .Case("log", unary<dialect::LogOp>)
      .Case("log1p", unary<dialect::Log1pOp>)
      .Case("log2", unary<dialect::Log2Op>)
      .Case("expm1", unary<dialect::Expm1Op>)
      .Case("sqrt", unary<dialect::SqrtOp>)
      .Case("rsqrt", unary<dialect::RsqrtOp>)
      .Case("sin", unary<dialect::SinOp>)
      .Case("cos", unary<dialect::CosOp>)
      .Case("tan", unary<dialect::TanOp>)
      .Case("arcsin", unary<dialect::AsinOp>)
      .Case("arccos", unary<dialect::AcosOp>)
      .Case("arctan", unary<dialect::AtanOp>)
      .Case("sinh", unary<dialect::SinhOp>)
      .Case("cosh", unary<dialect::CoshOp>)
      .Case("tanh", unary<dialect::TanhOp>)
      .Case("erf", unary<dialect::ErfOp>)
      .Case("reciprocal", unary<dialect::ReciprocalOp>)
      .Case("floor", unary<dialect::FloorOp>)
      .Case("ceil", unary<dialect::CeilOp>)
      .Case("round", unary<dialect::RoundOp>)
      .Default(nullptr);
}

std::optional<ValueTree> MLIRGenerator::genElementwise(LibCall &call) {
  llvm::StringRef fn = call.name;
  SourceLoc at = call.loc;
  mlir::Location l = loc(at);
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  if (!result)
    return fail(at, "internal error: '" + fn + "' without an array type");
  DType rd = result->getDType();
  mlir::Type element = elementType(rd);

  // Lowers an argument and converts/broadcasts it to the result's dtype and
  // shape (or to `dtype` with the result's shape).
  auto operand = [&](llvm::StringRef param,
                     std::optional<DType> dtype = std::nullopt) -> Value {
    LibArg *a = call.get(param);
    auto *type = a ? llvm::dyn_cast_or_null<ArrayType>(a->type) : nullptr;
    if (!type) {
      fail(at, "internal error: missing argument '" + param + "' of '" + fn +
                   "'");
      return nullptr;
    }
    Value v = libArray(*a);
    if (!v)
      return nullptr;
    v = convert(v, dtype.value_or(rd), a->loc);
    return broadcastTo(v, type->getShape(), dtype.value_or(rd),
                       result->getShape(), at);
  };

  // Binary functions.
  if (fn == "power" || fn == "maximum" || fn == "minimum" ||
      fn == "arctan2") {
    Value a = operand("x1"), b = operand("x2");
    if (!a || !b)
      return std::nullopt;
    mlir::Type t = a.getType();
    if (fn == "power")
      return ValueTree::ofLeaf(dialect::PowOp::create(builder, l, t, a, b));
    if (fn == "maximum")
      return ValueTree::ofLeaf(dialect::MaxOp::create(builder, l, t, a, b));
    if (fn == "minimum")
      return ValueTree::ofLeaf(dialect::MinOp::create(builder, l, t, a, b));
    return ValueTree::ofLeaf(dialect::Atan2Op::create(builder, l, t, a, b));
  }
  if (fn == "clip") {
    // minimum(maximum(x, min), max), as jnp.clip.
    Value x = operand("x");
    if (!x)
      return std::nullopt;
    if (!libIsNone(call.get("min"))) {
      Value lo = operand("min");
      if (!lo)
        return std::nullopt;
      x = dialect::MaxOp::create(builder, l, x.getType(), x, lo);
    }
    if (!libIsNone(call.get("max"))) {
      Value hi = operand("max");
      if (!hi)
        return std::nullopt;
      x = dialect::MinOp::create(builder, l, x.getType(), x, hi);
    }
    return ValueTree::ofLeaf(x);
  }
  if (fn == "where") {
    Value c = operand("condition", DType::Bool);
    Value x = operand("x"), y = operand("y");
    if (!c || !x || !y)
      return std::nullopt;
    return ValueTree::ofLeaf(
        dialect::SelectOp::create(builder, l, x.getType(), c, x, y));
  }

  // Unary functions: the operand in its own dtype.
  LibArg *xArg = call.get("x");
  auto *xType = xArg ? llvm::dyn_cast_or_null<ArrayType>(xArg->type) : nullptr;
  if (!xType)
    return fail(at, "internal error: missing argument of '" + fn + "'");
  Value x = libArray(*xArg);
  if (!x)
    return std::nullopt;
  DType xd = xType->getDType();
  if (fn == "astype")
    return ValueTree::ofLeaf(convert(x, rd, at));
  if (fn == "logical_not")
    return ValueTree::ofLeaf(dialect::LogicalNotOp::create(
        builder, l, tensorType(result), convert(x, DType::Bool, at)));
  if (fn == "isnan" || fn == "isfinite") {
    if (isFloat(xd)) {
      if (fn == "isnan")
        return ValueTree::ofLeaf(dialect::IsNanOp::create(builder, l, x));
      return ValueTree::ofLeaf(dialect::IsFiniteOp::create(builder, l, x));
    }
    // Integers are never NaN and always finite.
    return ValueTree::ofLeaf(filledTensor(element, fn == "isfinite" ? 1 : 0,
                                          dimsOf(x, at), at));
  }

  x = convert(x, rd, at);
  mlir::Type t = x.getType();
  if (fn == "abs")
    return ValueTree::ofLeaf(rd == DType::Bool || rd == DType::U32
                                 ? x
                                 : dialect::AbsOp::create(builder, l, t, x));
  if (fn == "sign")
    return ValueTree::ofLeaf(dialect::SignOp::create(builder, l, t, x));
  if (fn == "square")
    return ValueTree::ofLeaf(dialect::SquareOp::create(builder, l, t, x));
  if (fn == "round") {
    int64_t decimals = libInt(call.get("decimals")).value_or(0);
    if (!isFloat(rd) && decimals >= 0)
      return ValueTree::ofLeaf(x);
    // x * 10^d, rounded half to even, / 10^d (in a float type for ints).
    DType fd = isFloat(rd) ? rd : DType::F64;
    Value v = convert(x, fd, at);
    mlir::Type vt = v.getType();
    if (decimals != 0) {
      IndexShape dims = dimsOf(v, at);
      Value factor = filledTensor(elementType(fd), std::pow(10.0, decimals),
                                  dims, at);
      v = dialect::MulOp::create(builder, l, vt, v, factor);
      v = dialect::RoundOp::create(builder, l, vt, v);
      v = dialect::DivOp::create(builder, l, vt, v, factor);
    } else {
      v = dialect::RoundOp::create(builder, l, vt, v);
    }
    return ValueTree::ofLeaf(convert(v, rd, at));
  }
  if (fn == "floor" || fn == "ceil") {
    if (!isFloat(rd)) // Integers are already whole.
      return ValueTree::ofLeaf(x);
  }
  if (UnaryBuilder build = floatUnary(fn)) {
    if (!isFloat(rd))
      return fail(at, "internal error: '" + fn + "' of a non-float type");
    return ValueTree::ofLeaf(build(builder, l, x));
  }
  return fail(at, "built-in '" + fn + "' cannot be lowered yet");
}
