//===- MLIRGenBuiltins.cpp - Section 7 calls, instances and attributes ---===//
//
// The entry points of the array library's lowering: built-in calls and
// methods (`sum(x, axis=0)`, `x.sum(axis=0)`), Builtin instances (a built-in
// used as a function value, `vmap(sin)`), and the array attributes (`x.T`,
// `x.shape`). Arguments are matched to jax.numpy's parameters as Sema matched
// them (ArrayBuiltins*.cpp), then each family lowers a LibCall in its
// MLIRGenLibrary*.cpp file.
//
// Sema has checked every call and chosen its result type; the lowering
// converts the operands explicitly and produces exactly that type.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/StringSwitch.h"

#include <functional>

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
      .Cases({"exp",   "exp2",    "log",      "log1p",       "log2",
              "expm1", "sqrt",    "rsqrt",    "sin",         "cos",
              "tan",   "arcsin",  "arccos",   "arctan",      "arctan2",
              "sinh",  "cosh",    "tanh",     "abs",         "sign",
              "floor", "ceil",    "round",    "square",      "reciprocal",
              "power", "maximum", "minimum",  "clip",        "where",
              "erf",   "isnan",   "isfinite", "logical_not", "astype"},
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
    return {P{"x", "a"}, P{"fill_value"}, P{"dtype"}, P{"shape"}, P{"device"}};
  if (fn == "arange")
    return {P{"start"}, P{"stop"}, P{"step"}, P{"dtype"}, P{"device"}};
  if (fn == "linspace")
    return {P{"start"},   P{"stop"},  P{"num"},  P{"endpoint"},
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
    return {P{"x", "a"},   P{"axis"},    P{"dtype"}, P{"out"},
            P{"keepdims"}, P{"initial"}, P{"where"}};
  if (fn == "max" || fn == "min")
    return {P{"x", "a"}, P{"axis"}, P{"out"}, P{"keepdims"}};
  if (fn == "any" || fn == "all" || fn == "argmax" || fn == "argmin")
    return {P{"x", "a"}, P{"axis"}, P{"out"}, P{"keepdims"}};
  if (fn == "mean")
    return {P{"x", "a"}, P{"axis"}, P{"dtype"}, P{"out"}, P{"keepdims"}};
  if (fn == "var" || fn == "std")
    return {P{"x", "a"}, P{"axis"}, P{"dtype"},
            P{"out"},    P{"ddof"}, P{"keepdims"}};
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

std::optional<IndexValue> MLIRGenerator::shapeEntry(LibArg &arg, unsigned index,
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
    return fail(arg.loc,
                "cannot compute the size '" + dim.str() + "' at run time");
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
    return fail(call.loc,
                "built-in '" + call.name + "' cannot be lowered to jx IR yet");
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
      return fail(call.loc, "internal error: '" + call.name + "' gave " + got +
                                " instead of " + want);
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
