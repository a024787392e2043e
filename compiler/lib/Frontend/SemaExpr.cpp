//===- SemaExpr.cpp - Checking expressions --------------------------------===//
//
// Names and scopes (let-shadowing, patterns), literals and their weak types,
// operators (typed by ArrayBuiltins), fields, indexing, struct literals,
// `if`, blocks and lambdas (closure conversion: a lambda's free variables
// that name local values become its captures). Expressions that can be
// evaluated at compile time get a StaticValue.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

#include <set>

using namespace jx;

/// Section 7 names, for "did you mean" suggestions only (ArrayBuiltins
/// decides what is a built-in).
static const char *const kLibraryNames[] = {
    "zeros",         "ones",
    "full",          "zeros_like",
    "ones_like",     "full_like",
    "arange",        "linspace",
    "eye",           "exp",
    "exp2",          "log",
    "log1p",         "log2",
    "expm1",         "sqrt",
    "rsqrt",         "sin",
    "cos",           "tan",
    "arcsin",        "arccos",
    "arctan",        "arctan2",
    "sinh",          "cosh",
    "tanh",          "abs",
    "sign",          "floor",
    "ceil",          "round",
    "square",        "reciprocal",
    "power",         "maximum",
    "minimum",       "clip",
    "where",         "erf",
    "isnan",         "isfinite",
    "logical_not",   "astype",
    "sum",           "mean",
    "prod",          "max",
    "min",           "argmax",
    "argmin",        "any",
    "all",           "var",
    "std",           "cumsum",
    "cumprod",       "reshape",
    "transpose",     "swapaxes",
    "expand_dims",   "squeeze",
    "broadcast_to",  "concatenate",
    "stack",         "flip",
    "pad",           "take",
    "dynamic_slice", "dynamic_update_slice",
    "dot",           "matmul",
    "outer",         "einsum",
    "trace",         "diag",
    "grad",          "value_and_grad",
    "jvp",           "vjp",
    "jacfwd",        "jacrev",
    "hessian",       "vmap",
    "pmap",          "jit",
    "stop_gradient", "tree_map",
    "partial",       "fori_loop",
    "while_loop",    "scan",
    "cond",          "switch",
    "psum",          "pmean",
    "pmax",          "pmin",
    "all_gather",    "axis_index",
    "ppermute",      "f32",
    "f64",           "i32",
    "i64",           "u32",
    "bool",          "f16",
    "bf16"};

const Binding *SemaImpl::lookupLocal(llvm::StringRef name) {
  if (!inFunction())
    return nullptr;
  auto &bindings = scope().bindings;
  for (auto it = bindings.rbegin(); it != bindings.rend(); ++it)
    if (it->name == name)
      return &*it;
  return nullptr;
}

const ModuleInfo *SemaImpl::lookupModuleAlias(llvm::StringRef name) {
  if (!inFunction() || lookupLocal(name))
    return nullptr;
  const ModuleInfo *module = scope().module;
  if (module->decls.count(name.str()))
    return nullptr;
  auto it = module->imports.find(name.str());
  return it == module->imports.end() ? nullptr : it->second;
}

std::optional<StaticValue> SemaImpl::getStatic(const Expr *e) {
  if (!e)
    return std::nullopt;
  auto it = program->statics.find(e);
  if (it == program->statics.end())
    return std::nullopt;
  return it->second;
}

void SemaImpl::reportUndeclared(SourceLoc loc, llvm::StringRef name) {
  diag.error(loc, "use of undeclared name '" + name + "'");
  std::vector<std::string> candidates;
  if (inFunction()) {
    for (const auto &b : scope().bindings)
      candidates.push_back(b.name);
    for (const auto &[n, d] : scope().module->decls)
      candidates.push_back(n);
    for (const auto &[n, m] : scope().module->imports)
      candidates.push_back(n);
  }
  for (const char *n : kLibraryNames)
    candidates.push_back(n);
  if (auto s = suggest(name, candidates)) {
    diag.note(loc, "did you mean '" + *s + "'?");
    return;
  }
  // A function of an imported module must be qualified.
  if (inFunction())
    for (const auto &[alias, m] : scope().module->imports)
      if (m->decls.count(name.str())) {
        diag.note(loc, "did you mean '" + alias + "." + name + "'?");
        return;
      }
}

/// The name a run-time value comes from: the first operand of `e`, in
/// evaluation order, that has no compile-time value and is a name.
static const NameExpr *runTimeName(const Program &program, const Expr *e) {
  if (!e || program.getStatic(e))
    return nullptr;
  auto first = [&](std::initializer_list<const Expr *> operands) {
    for (const Expr *operand : operands)
      if (const NameExpr *n = runTimeName(program, operand))
        return n;
    return static_cast<const NameExpr *>(nullptr);
  };
  switch (e->kind) {
  case Expr::Kind::Name:
    return llvm::cast<NameExpr>(e);
  case Expr::Kind::Tuple:
    for (const auto &el : llvm::cast<TupleExpr>(e)->elements)
      if (const NameExpr *n = runTimeName(program, el.get()))
        return n;
    return nullptr;
  case Expr::Kind::Unary:
    return first({llvm::cast<UnaryExpr>(e)->operand.get()});
  case Expr::Kind::Binary:
    return first({llvm::cast<BinaryExpr>(e)->lhs.get(),
                  llvm::cast<BinaryExpr>(e)->rhs.get()});
  case Expr::Kind::TupleField:
    return first({llvm::cast<TupleFieldExpr>(e)->base.get()});
  case Expr::Kind::Index:
    return first({llvm::cast<IndexExpr>(e)->base.get()});
  case Expr::Kind::Block:
    return first({llvm::cast<BlockExpr>(e)->result.get()});
  default:
    return nullptr;
  }
}

void SemaImpl::noteRunTimeValue(const Expr *e) {
  if (!e || !inFunction())
    return;
  const NameExpr *name = runTimeName(*program, e);
  const NameRef *ref = name ? program->getName(name) : nullptr;
  if (!ref) {
    diag.note(e->loc, "this value is only known at run time");
    return;
  }
  const FunctionInstance *inst = scope().inst;
  std::string quoted = "'" + name->name + "'";
  if (ref->kind == NameRef::Kind::Local && ref->local) {
    diag.note(ref->local->loc,
              quoted + " is bound here to a value only known at run time");
    return;
  }
  if (ref->kind != NameRef::Kind::Param || ref->param >= inst->params.size()) {
    diag.note(name->loc,
              "the value of " + quoted + " is only known at run time");
    return;
  }
  const FunctionInstance::Param &param = inst->params[ref->param];
  std::string fnName = inst->body ? inst->body->name : inst->symbol;
  auto *paramArray = llvm::dyn_cast_or_null<ArrayType>(param.type);
  if (inst->isExported || (inst->kind == FunctionInstance::Kind::Function &&
                           inst->body && inst->body->isExport))
    diag.note(param.loc, quoted + " is a parameter of exported function '" +
                             fnName +
                             "', so its value is only known at "
                             "run time");
  else if (inst->kind == FunctionInstance::Kind::Lambda &&
           ref->param >= inst->numUserParams)
    diag.note(param.loc, quoted + " is captured by this lambda from the "
                                  "enclosing function, where its value is "
                                  "only known at run time");
  else if (inst->kind == FunctionInstance::Kind::Lambda)
    diag.note(param.loc, quoted + " is a parameter of this lambda and its "
                                  "value is only known at run time (a loop "
                                  "counter, a carry, or a value passed "
                                  "through a transformation is never "
                                  "static)");
  else if (paramArray && isFloat(paramArray->getDType()))
    diag.note(param.loc, quoted + " is a parameter of '" + fnName +
                             "' with a floating-point argument, which is "
                             "never static; only integers, bools, shapes, "
                             "dtypes, strings and none are");
  else
    diag.note(param.loc, quoted + " is a parameter of '" + fnName +
                             "' whose argument is only known at run time; "
                             "it is static when the call passes an "
                             "integer, bool, shape, dtype, string or none "
                             "known at compile time");
}

std::vector<bool>
SemaImpl::staticValueErrors(llvm::function_ref<void(ArrayBuiltins &)> recheck,
                            llvm::ArrayRef<SourceLoc> locs) {
  // ArrayBuiltins reports through a DiagnosticEngine only; a second run into
  // a string tells which argument its error was about.
  std::string text;
  llvm::raw_string_ostream os(text);
  DiagnosticEngine quiet(sm, os);
  quiet.setUseColors(false);
  quiet.setErrorLimit(0);
  ArrayBuiltins probe(types, quiet);
  recheck(probe);
  os.flush();
  std::vector<bool> found(locs.size(), false);
  llvm::SmallVector<llvm::StringRef, 8> lines;
  llvm::StringRef(text).split(lines, '\n');
  for (size_t i = 0; i < locs.size(); ++i) {
    if (!locs[i].isValid())
      continue;
    std::string prefix = sm.getFile(locs[i].fileId).path + ":" +
                         std::to_string(locs[i].line) + ":" +
                         std::to_string(locs[i].col) + ": error: ";
    for (llvm::StringRef line : lines)
      if (line.starts_with(prefix) && line.contains("known at compile time")) {
        found[i] = true;
        break;
      }
  }
  return found;
}

const Type *SemaImpl::checkExpr(Expr *e) {
  if (!e)
    return nullptr;
  const Type *t = nullptr;
  switch (e->kind) {
  case Expr::Kind::IntLit:
    t = types.getScalar(DType::I32, /*weak=*/true);
    setStatic(e, StaticValue::ofInt(llvm::cast<IntLitExpr>(e)->value));
    break;
  case Expr::Kind::FloatLit: {
    t = types.getScalar(DType::F32, /*weak=*/true);
    StaticValue v;
    v.kind = StaticValue::Kind::Float;
    v.floatValue = llvm::cast<FloatLitExpr>(e)->value;
    setStatic(e, v);
    break;
  }
  case Expr::Kind::BoolLit: {
    t = types.getScalar(DType::Bool);
    StaticValue v;
    v.kind = StaticValue::Kind::Bool;
    v.boolValue = llvm::cast<BoolLitExpr>(e)->value;
    setStatic(e, v);
    break;
  }
  case Expr::Kind::StringLit: {
    t = types.getString();
    StaticValue v;
    v.kind = StaticValue::Kind::String;
    v.string = llvm::cast<StringLitExpr>(e)->value;
    setStatic(e, v);
    break;
  }
  case Expr::Kind::NoneLit:
    t = types.getNone();
    setStatic(e, StaticValue());
    break;
  case Expr::Kind::Name:
    t = checkName(llvm::cast<NameExpr>(e));
    break;
  case Expr::Kind::Tuple: {
    auto *tuple = llvm::cast<TupleExpr>(e);
    std::vector<const Type *> elements;
    StaticValue value;
    value.kind = StaticValue::Kind::Tuple;
    bool ok = true, isStatic = true;
    for (auto &el : tuple->elements) {
      const Type *et = checkExpr(el.get());
      ok &= et != nullptr;
      elements.push_back(et);
      auto sv = getStatic(el.get());
      if (sv)
        value.elements.push_back(*sv);
      else
        isStatic = false;
    }
    if (ok)
      t = types.getTuple(elements);
    if (ok && isStatic)
      setStatic(e, value);
    break;
  }
  case Expr::Kind::ArrayLit: {
    auto *array = llvm::cast<ArrayLitExpr>(e);
    std::vector<BuiltinArg> elements;
    bool ok = true;
    for (auto &el : array->elements) {
      BuiltinArg arg;
      arg.loc = el ? el->loc : e->loc;
      arg.type = checkExpr(el.get());
      arg.value = getStatic(el.get());
      ok &= arg.type != nullptr;
      elements.push_back(arg);
    }
    if (ok) {
      for (const auto &el : elements)
        if (containsFunction(el.type)) {
          diag.error(el.loc, "an array literal cannot contain a function "
                             "value");
          ok = false;
          break;
        }
    }
    if (ok)
      t = builtins.checkArrayLiteral(e->loc, elements);
    break;
  }
  case Expr::Kind::Unary:
    t = checkUnary(llvm::cast<UnaryExpr>(e));
    break;
  case Expr::Kind::Binary:
    t = checkBinary(llvm::cast<BinaryExpr>(e));
    break;
  case Expr::Kind::Call:
    t = checkCall(llvm::cast<CallExpr>(e));
    break;
  case Expr::Kind::Index:
    t = checkIndex(llvm::cast<IndexExpr>(e));
    break;
  case Expr::Kind::Field:
    t = checkField(llvm::cast<FieldExpr>(e));
    break;
  case Expr::Kind::TupleField:
    t = checkTupleField(llvm::cast<TupleFieldExpr>(e));
    break;
  case Expr::Kind::AtUpdate:
    t = checkAtUpdate(llvm::cast<AtUpdateExpr>(e));
    break;
  case Expr::Kind::StructLit:
    t = checkStructLit(llvm::cast<StructLitExpr>(e));
    break;
  case Expr::Kind::If:
    t = checkIf(llvm::cast<IfExpr>(e));
    break;
  case Expr::Kind::Lambda:
    t = checkLambda(llvm::cast<LambdaExpr>(e));
    break;
  case Expr::Kind::Block:
    t = checkBlock(llvm::cast<BlockExpr>(e));
    break;
  }
  e->type = t;
  return t;
}

const Type *SemaImpl::checkName(NameExpr *e) {
  if (const Binding *b = lookupLocal(e->name)) {
    program->names[e] = b->ref;
    if (b->value)
      setStatic(e, *b->value);
    return b->type;
  }
  const ModuleInfo *module = scope().module;
  if (auto it = module->decls.find(e->name); it != module->decls.end()) {
    if (auto *fn = llvm::dyn_cast<FunctionDecl>(it->second)) {
      NameRef ref;
      ref.kind = NameRef::Kind::Function;
      ref.callable = functionCallable(fn, module, e->loc);
      program->names[e] = ref;
      return types.getFunction(ref.callable);
    }
    diag.error(e->loc, "'" + e->name +
                           "' is a struct type, not a value; construct one "
                           "with '" +
                           e->name + " { ... }'");
    return nullptr;
  }
  if (module->imports.count(e->name)) {
    diag.error(e->loc, "module '" + e->name +
                           "' cannot be used as a value; use one of its "
                           "members, e.g. '" +
                           e->name + ".name'");
    return nullptr;
  }
  if (auto dtype = parseDType(e->name)) {
    NameRef ref;
    ref.kind = NameRef::Kind::DType;
    ref.dtype = *dtype;
    program->names[e] = ref;
    StaticValue v;
    v.kind = StaticValue::Kind::DType;
    v.dtype = *dtype;
    setStatic(e, v);
    return types.getDTypeVal(*dtype);
  }
  if (isSpecialName(e->name)) {
    diag.error(e->loc,
               "'" + e->name + "' cannot be used as a value; call it directly");
    return nullptr;
  }
  if (ArrayBuiltins::isBuiltin(e->name)) {
    NameRef ref;
    ref.kind = NameRef::Kind::Function;
    ref.callable = builtinCallable(e->name, e->loc);
    program->names[e] = ref;
    return types.getFunction(ref.callable);
  }
  reportUndeclared(e->loc, e->name);
  return nullptr;
}

/// False for an integer that does not fit the (integer) dtype of the value
/// it stands for: `n * 1000000000` with a static `n = 3` is a run-time i32
/// computation (which wraps), not a constant out of the type's range.
static bool fitsType(const StaticValue &v, const Type *t) {
  auto *a = llvm::dyn_cast_or_null<ArrayType>(t);
  return v.kind != StaticValue::Kind::Int || !a ||
         fitsDType(v.intValue, a->getDType());
}

const Type *SemaImpl::checkUnary(UnaryExpr *e) {
  const Type *t = checkExpr(e->operand.get());
  if (!t)
    return nullptr;
  const Type *r = builtins.checkUnary(e->op, e->loc, t);
  if (r)
    if (auto sv = getStatic(e->operand.get())) {
      if (e->op == UnaryOp::Neg && sv->kind == StaticValue::Kind::Int) {
        if (sv->intValue != INT64_MIN &&
            fitsType(StaticValue::ofInt(-sv->intValue), r))
          setStatic(e, StaticValue::ofInt(-sv->intValue));
      } else if (e->op == UnaryOp::Neg &&
                 sv->kind == StaticValue::Kind::Float) {
        StaticValue v = *sv;
        v.floatValue = -v.floatValue;
        setStatic(e, v);
      } else if (e->op == UnaryOp::Plus) {
        setStatic(e, *sv);
      } else if (e->op == UnaryOp::Not && sv->kind == StaticValue::Kind::Bool) {
        StaticValue v = *sv;
        v.boolValue = !v.boolValue;
        setStatic(e, v);
      }
    }
  return r;
}

/// The value of an integer literal, negated or not (`-2147483648`).
static std::optional<int64_t> literalInt(const Expr *e) {
  if (auto *lit = llvm::dyn_cast<IntLitExpr>(e))
    return lit->value;
  if (auto *u = llvm::dyn_cast<UnaryExpr>(e); u && u->op == UnaryOp::Neg)
    if (auto *lit = llvm::dyn_cast<IntLitExpr>(u->operand.get()))
      if (lit->value != INT64_MIN)
        return -lit->value;
  return std::nullopt;
}

/// As JAX raises OverflowError for a Python int that does not fit the
/// dtype it is converted to: an integer literal operand of a binary op must
/// fit the dtype both operands are promoted to (`x_i32 + 3000000000` is an
/// error; `x_u32 + 4294967295` is not).
static bool checkLiteralsFit(DiagnosticEngine &diag, const BinaryExpr *e,
                             const Type *l, const Type *r) {
  auto *la = llvm::dyn_cast<ArrayType>(l);
  auto *ra = llvm::dyn_cast<ArrayType>(r);
  if (!la || !ra)
    return true;
  DType common =
      promoteDTypes(la->getDType(), la->isWeak(), ra->getDType(), ra->isWeak())
          .dtype;
  bool ok = true;
  for (const Expr *side : {e->lhs.get(), e->rhs.get()}) {
    std::optional<int64_t> value = literalInt(side);
    if (!value || fitsDType(*value, common))
      continue;
    diag.error(side->loc, "integer literal " + std::to_string(*value) +
                              " does not fit in " + dtypeName(common).str() +
                              ", the dtype of this operation");
    ok = false;
  }
  return ok;
}

const Type *SemaImpl::checkBinary(BinaryExpr *e) {
  const Type *l = checkExpr(e->lhs.get());
  const Type *r = checkExpr(e->rhs.get());
  if (!l || !r)
    return nullptr;
  if (!checkLiteralsFit(diag, e, l, r))
    return nullptr;
  const Type *t = builtins.checkBinary(e->op, e->loc, l, r);
  if (t) {
    auto a = getStatic(e->lhs.get());
    auto b = getStatic(e->rhs.get());
    if (a && b)
      if (auto v = foldBinary(e->op, *a, *b); v && fitsType(*v, t))
        setStatic(e, *v);
  }
  return t;
}

static int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0)))
    --q;
  return q;
}

std::optional<StaticValue>
SemaImpl::foldBinary(BinaryOp op, const StaticValue &a, const StaticValue &b) {
  using K = StaticValue::Kind;
  if (a.kind == K::Int && b.kind == K::Int) {
    int64_t x = a.intValue, y = b.intValue;
    auto boolean = [](bool v) {
      StaticValue s;
      s.kind = K::Bool;
      s.boolValue = v;
      return s;
    };
    int64_t r;
    switch (op) {
    case BinaryOp::Add:
      if (llvm::AddOverflow(x, y, r))
        return std::nullopt;
      return StaticValue::ofInt(r);
    case BinaryOp::Sub:
      if (llvm::SubOverflow(x, y, r))
        return std::nullopt;
      return StaticValue::ofInt(r);
    case BinaryOp::Mul:
      if (llvm::MulOverflow(x, y, r))
        return std::nullopt;
      return StaticValue::ofInt(r);
    case BinaryOp::FloorDiv:
      if (y == 0 || (x == INT64_MIN && y == -1))
        return std::nullopt;
      return StaticValue::ofInt(floorDiv(x, y));
    case BinaryOp::Mod:
      if (y == 0 || (x == INT64_MIN && y == -1))
        return std::nullopt;
      r = x % y; // Python's modulo takes the divisor's sign
      if (r != 0 && ((r < 0) != (y < 0)))
        r += y;
      return StaticValue::ofInt(r);
    case BinaryOp::Eq:
      return boolean(x == y);
    case BinaryOp::Ne:
      return boolean(x != y);
    case BinaryOp::Lt:
      return boolean(x < y);
    case BinaryOp::Le:
      return boolean(x <= y);
    case BinaryOp::Gt:
      return boolean(x > y);
    case BinaryOp::Ge:
      return boolean(x >= y);
    default:
      return std::nullopt;
    }
  }
  bool aNum = a.kind == K::Int || a.kind == K::Float;
  bool bNum = b.kind == K::Int || b.kind == K::Float;
  if (aNum && bNum) {
    double x = a.kind == K::Int ? a.intValue : a.floatValue;
    double y = b.kind == K::Int ? b.intValue : b.floatValue;
    StaticValue v;
    v.kind = K::Float;
    switch (op) {
    case BinaryOp::Add:
      v.floatValue = x + y;
      return v;
    case BinaryOp::Sub:
      v.floatValue = x - y;
      return v;
    case BinaryOp::Mul:
      v.floatValue = x * y;
      return v;
    case BinaryOp::Div:
      if (y == 0)
        return std::nullopt;
      v.floatValue = x / y;
      return v;
    default:
      return std::nullopt;
    }
  }
  // Arithmetic on sizes gives a derived size (`n * 2`): ArrayBuiltins'
  // polynomial sizes, so that `reshape(zeros((2 * n,)), (n, 2))` is proven
  // and the same size derived twice is the same variable.
  auto da = a.asDim(), db = b.asDim();
  if (!da || !db || (a.kind != K::Size && b.kind != K::Size))
    return std::nullopt;
  if (auto d = builtins.sizeArithmetic(op, SourceLoc(), *da, *db))
    return StaticValue::ofSize(*d);
  return std::nullopt;
}
