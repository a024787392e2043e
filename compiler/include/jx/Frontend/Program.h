//===- Program.h - The checked, first-order program -------------*- C++ -*-===//
//
// What Sema hands to MLIRGen: the loaded modules, every function *instance*
// (one per function and distinct tuple of argument types and static argument
// values), and side tables keyed by AST nodes of the instances' typed bodies
// that say what each name, call, lambda and field access resolved to.
//
// How MLIRGen walks it
// --------------------
// 1. Emit one `func` per element of `instances` (any order; a callee may come
//    after its caller). `symbol` is unique. Parameters are `params` (the
//    user's `numUserParams` parameters, then the environment parameters, see
//    Callable.h), the result is `resultType`.
// 2. By `kind`:
//    - Function / Lambda: lower `body->body` (a typed clone; every Expr that
//      produces a value has a non-null `type`). `body->params[i]` is
//      `params[i]`: for a lambda the trailing parameters are its captures,
//      named like the captured variables. Nested LambdaExpr nodes are *not*
//      checked in place: they are values (see LambdaInfo) whose bodies are
//      separate instances.
//    - Builtin: the body is the section 7 built-in `builtin` applied to the
//      parameters in order (all positional).
//    - Transform: `transform` applied to `inner` (see TransformKind below for
//      each kind's parameters and result).
//    - Pullback: the reverse-mode pullback of `inner` (see below).
//    - Partial: calls `inner` with (bound..., user..., innerEnv...), where the
//      parameters are (user..., innerEnv..., bound...).
// 3. Run-time values of FunctionType: the tuple of the callable's environment
//    values (empty for named functions and built-ins). Lower a FunctionType
//    to that tuple (or to nothing when empty).
// 4. Each expression: `Program::getName` for NameExpr, `getCall` for CallExpr,
//    `getLambda` for LambdaExpr, `getField` for FieldExpr, `getIndexArgs`
//    for IndexExpr/AtUpdateExpr, `getStatic` for any expression whose value
//    is known at compile time (prefer it to the expression when it is an
//    Int/Float/Bool/DType/String; a Size value is only known at run time:
//    generate the expression, where a size-variable NameExpr reads the
//    instance's `sizeSources`).
//    Calls: dispatch on `getCall(e)->kind`. The callee of a special form
//    (`grad`, `vmap`, `fori_loop`, `psum`, `tree_map`, ...) and of a method
//    call (`x.sum`) has no NameRef and no type: do not generate it. For an
//    Instance call, generate the callee only as its `env` (when non-null).
// 5. Static parameters: a parameter with a `value` (see
//    FunctionInstance::Param) was specialized on that compile-time value,
//    like a Python value a JAX function is traced with. It stays a
//    parameter of the `func` (callers pass the argument's run-time value,
//    which equals it; strings, dtypes and none flatten to nothing), and every
//    use of it in the body has the value as its `getStatic`. Size variables
//    inside it (`mk(x.shape)` with run-time sizes) are read from the
//    parameter's i64 leaves (`sizeSources` with `axis == -1`).
// 6. Implicit conversions: an expression's type may differ from the type
//    expected where it is used (an instance parameter, a `let` annotation,
//    a struct field, an `if` branch joined with the other branch, a function
//    result, a loop carry) only in dtype and weakness: a weakly typed value
//    takes the other dtype (JAX weak types). Emit a convert when the dtypes
//    differ; shapes always agree.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_PROGRAM_H
#define JX_FRONTEND_PROGRAM_H

#include "jx/Frontend/AST.h"
#include "jx/Frontend/ArrayBuiltins.h"
#include "jx/Frontend/Callable.h"
#include "jx/Frontend/StaticValue.h"
#include "jx/Frontend/Type.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace jx {

/// One loaded `.jx` file.
struct ModuleInfo {
  /// The dotted import path (`nn`, `a.b`), or the file's stem for the main
  /// module; unique in the program, used as the symbol prefix.
  std::string name;
  std::string path;
  uint32_t fileId = 0;
  std::unique_ptr<Module> ast;
  /// `import nn as F`: "F" -> nn.
  std::map<std::string, const ModuleInfo *> imports;
  /// Top-level functions and structs by name.
  std::map<std::string, const Decl *> decls;
};

/// Where a size variable's run-time value lives inside an instance: axis
/// `axis` of the array leaf reached from parameter `param` by `path` (tuple
/// element / struct field indices), or, with `axis == -1`, the integer
/// scalar leaf itself reached that way (a size variable a lambda captured,
/// or one inside a static parameter's value such as a shape `(n, 3)`).
struct SizeSource {
  unsigned param = 0;
  std::vector<unsigned> path;
  int axis = -1;
};

/// One function instance: a monomorphic function MLIRGen emits.
struct FunctionInstance {
  enum class Kind { Function, Lambda, Builtin, Transform, Pullback, Partial };
  struct Param {
    std::string name;
    const Type *type = nullptr;
    SourceLoc loc;
    /// A static parameter of a Function or Lambda instance: the compile-time
    /// value of the call's argument the instance is specialized on (an Int,
    /// Bool or Size scalar, a DType, a String, None, or a Tuple of those;
    /// never a Float). Part of the instance's identity together with the
    /// types: `mk(3)` and `mk(4)` are two instances. Unset for run-time
    /// parameters, which include every parameter of an exported function,
    /// lambda captures (see Capture::value) and the parameters of functions
    /// called by loops, transformations, tree_map and partial.
    std::optional<StaticValue> value;
  };

  Kind kind = Kind::Function;
  /// Unique, module-qualified: `hello.f`, `hello.f_1`, `hello.main.lambda`,
  /// `hello.f.grad`, `builtin.sin`.
  std::string symbol;
  const ModuleInfo *module = nullptr;
  /// What was instantiated: the function, lambda, built-in, transformation
  /// (Transform), pullback or partial callable; for jvp/vjp instances the
  /// differentiated function. Entry points are instantiated from their
  /// declarations' annotations and also point at their Function callable.
  const Callable *callable = nullptr;
  std::vector<Param> params;
  unsigned numUserParams = 0;
  const Type *resultType = nullptr;
  SourceLoc loc;
  /// `export def` of the main module: part of the artifact's C ABI; its
  /// parameter types keep their size variables (run-time sizes).
  bool isExported = false;
  /// `main` of the main module (no parameters): what `jxc run` runs.
  bool isMain = false;

  /// Function / Lambda: the typed clone. For a lambda, a synthesized
  /// FunctionDecl named `lambda` whose params are the lambda's followed by
  /// one per capture.
  std::unique_ptr<FunctionDecl> body;
  /// The run-time source of every size variable in the parameter types.
  std::map<const SizeVar *, SizeSource> sizeSources;

  /// Builtin: the section 7 name.
  std::string builtin;

  /// Transform / Pullback / Partial: the transformed (or wrapped) instance.
  /// Its user parameters are the transformed function's view of the
  /// arguments (per-example types for vmap/pmap, the primal types for jvp).
  const FunctionInstance *inner = nullptr;
  TransformKind transform = TransformKind::Grad;
  /// Normalized against the argument types: argnums non-negative and in
  /// range. For vmap/pmap, `inAxes` is a Tuple with one entry per user
  /// parameter and `outAxes` describes the result; each entry is None (the
  /// whole value is unbatched), an Int (a non-negative axis of an array
  /// leaf), or a Tuple over the elements of a tuple / the fields of a struct
  /// (in order), recursively, down to the array leaves.
  TransformOptions options;
  /// vmap/pmap: the size of the mapped axis.
  Dim axisSize;

  //   Transform kinds, with P = inner's user parameter types, E = inner's
  //   environment, R = inner's result:
  //   Grad         params P ++ E -> gradient(s) (argnums), or (grads, aux)
  //   ValueAndGrad params P ++ E -> (R, grads), or ((out, aux), grads)
  //   Jacfwd/Jacrev/Hessian params P ++ E -> Jacobian(s) / Hessian(s)
  //   Jvp          params ((P...), (P...)) ++ E -> (R, R): primals and
  //                tangents are each one tuple parameter
  //   Vjp          params P ++ E -> (R, pullback) where the pullback value is
  //                the tuple (P values..., E values...)
  //   Vmap/Pmap    params batched(P) ++ E -> batched(R); E is never batched
  //   Pullback     params (ct: R) ++ P ++ E -> (P...) cotangents (a tuple)
  //   (argnums/has_aux/axis options are in `options`.)
};

/// What a NameExpr refers to.
struct NameRef {
  enum class Kind {
    Local,    ///< a `let`-bound name: `local` is its Pattern (Kind::Name)
    Param,    ///< parameter `param` of the instance (captures included)
    SizeVar,  ///< a size variable as an i64 value: `size` (see SizeSource)
    Function, ///< a named function or built-in as a value (empty env)
    DType,    ///< `f64` as a value
    Module,   ///< an import alias (only as the base of a FieldExpr)
  };
  Kind kind = Kind::Local;
  const Pattern *local = nullptr;
  unsigned param = 0;
  Dim size;
  const Callable *callable = nullptr;
  DType dtype = DType::F32;
  const ModuleInfo *module = nullptr;
};

/// A function value used by a control-flow built-in or tree_map: the
/// instance to call, and the expression whose run-time value (a tuple) is its
/// environment, appended to the arguments. With `envElement >= 0` the
/// environment is element `envElement` of that expression's tuple value
/// (`switch(i, fs, x)` with a tuple `fs` of functions).
struct FunctionRef {
  const FunctionInstance *instance = nullptr;
  const Expr *env = nullptr;
  int envElement = -1;
};

enum class ControlFlowKind { ForiLoop, WhileLoop, Scan, Cond, Switch };

/// What a CallExpr resolved to.
struct CallInfo {
  enum class Kind {
    /// Call `instance` with `args` (in parameter order: keywords already
    /// placed) followed by the elements of the run-time value of `env` (the
    /// callee expression, or the function argument of jvp/vjp; null when
    /// the callee has an empty environment).
    Instance,
    /// A section 7 built-in or a method (`x.sum(axis=0)` is `sum` with the
    /// receiver as first argument): `name`, `builtinArgs` and, parallel to
    /// them, `argExprs`. Also `stop_gradient`.
    Builtin,
    /// A collective (`psum`, ...): `name`, `axisName`, `builtinArgs`,
    /// `argExprs` (operands and static options as written); `axisSize` is the
    /// size of the named axis.
    Collective,
    /// The call evaluates to a function value (`grad(f)`, `jit(f)`,
    /// `partial(f, a)`): `callable`. Its run-time environment is the
    /// concatenation over `envParts` of: the elements of the part's value
    /// when the part is a function value, else the part's value.
    Closure,
    /// `fori_loop`, `while_loop`, `scan`, `cond`, `switch`: see `operands`.
    ControlFlow,
    /// `tree_map(f, *trees)`: `fns[0].env` is `f`'s environment (its
    /// `instance` is null); `leaves` lists, per leaf of the result's pytree,
    /// its path and the instance of `f` applied to the corresponding leaves
    /// of `operands` (the trees), in depth-first order.
    TreeMap,
  };
  Kind kind = Kind::Instance;

  // Instance.
  const FunctionInstance *instance = nullptr;
  std::vector<const Expr *> args;
  const Expr *env = nullptr;

  // Builtin / Collective.
  std::string name;
  std::vector<BuiltinArg> builtinArgs;
  std::vector<const Expr *> argExprs;
  std::string axisName;
  Dim axisSize;

  // Closure.
  const Callable *callable = nullptr;
  std::vector<const Expr *> envParts;

  // ControlFlow:
  //   ForiLoop  operands [lo, hi, init]        fns [body(i, carry)]
  //   WhileLoop operands [init]                fns [cond, body]
  //   Scan      operands [init, xs or null]    fns [f(carry, x)]; `reverse`,
  //             `length` (the scanned size)
  //   Cond      operands [pred, operands...]   fns [true_fn, false_fn]
  //   Switch    operands [index, operands...]  fns [branch0, branch1, ...]
  //   The carry type is `carryType` (loops); the result is the call's type.
  ControlFlowKind controlFlow = ControlFlowKind::ForiLoop;
  std::vector<FunctionRef> fns;
  std::vector<const Expr *> operands;
  bool reverse = false;
  Dim length;
  const Type *carryType = nullptr;

  // TreeMap.
  struct Leaf {
    std::vector<unsigned> path; ///< tuple element / struct field indices
    const FunctionInstance *instance = nullptr;
  };
  std::vector<Leaf> leaves;
};

/// A lambda used as a value.
struct LambdaInfo {
  const Callable *callable = nullptr;
  /// Parallel to callable->captures: how to read each captured value in the
  /// enclosing instance (a Local, Param or SizeVar reference).
  std::vector<NameRef> captureSources;
};

/// What a FieldExpr resolved to.
struct FieldRef {
  enum class Kind {
    StructField, ///< `p.w1`: field `index` of the struct
    Attribute,   ///< `x.T`, `x.shape`: `name` (typed by ArrayBuiltins)
    Member,      ///< `nn.relu`: `name` (a function value) in `module`
    Method,      ///< the callee of `x.sum(...)`: no value of its own
  };
  Kind kind = Kind::StructField;
  unsigned index = 0;
  std::string name;
  const ModuleInfo *module = nullptr;
  const Callable *callable = nullptr; ///< Member
};

/// The checked program. Owned by Sema; valid while the Sema and the
/// TypeContext that made it are alive.
class Program {
public:
  /// modules[0] is the main module; the others in load order.
  std::vector<std::unique_ptr<ModuleInfo>> modules;
  /// Every instance, in creation order.
  std::vector<std::unique_ptr<FunctionInstance>> instances;
  /// The main module's exported functions in source order, then `main`.
  std::vector<const FunctionInstance *> entries;

  const NameRef *getName(const NameExpr *e) const { return find(names, e); }
  const CallInfo *getCall(const CallExpr *e) const { return find(calls, e); }
  const LambdaInfo *getLambda(const LambdaExpr *e) const {
    return find(lambdas, e);
  }
  const FieldRef *getField(const FieldExpr *e) const { return find(fields, e); }
  /// The checked subscript of an IndexExpr or AtUpdateExpr (slice bounds and
  /// static indices; dynamic entries are the AST's expressions).
  const std::vector<IndexArg> *getIndexArgs(const Expr *e) const {
    return find(indexArgs, e);
  }
  /// `t[0]` on a tuple value (e.g. `x.shape[0]`): the element index.
  std::optional<unsigned> getTupleIndex(const IndexExpr *e) const {
    auto it = tupleIndices.find(e);
    if (it == tupleIndices.end())
      return std::nullopt;
    return it->second;
  }
  const StaticValue *getStatic(const Expr *e) const { return find(statics, e); }
  /// The type of a `let` pattern node (each Name, Tuple and Wildcard).
  const Type *getPatternType(const Pattern *p) const {
    auto it = patternTypes.find(p);
    return it == patternTypes.end() ? nullptr : it->second;
  }
  const FunctionInstance *lookupInstance(llvm::StringRef symbol) const;

  // Side tables (filled by Sema).
  llvm::DenseMap<const NameExpr *, NameRef> names;
  llvm::DenseMap<const CallExpr *, CallInfo> calls;
  llvm::DenseMap<const LambdaExpr *, LambdaInfo> lambdas;
  llvm::DenseMap<const FieldExpr *, FieldRef> fields;
  llvm::DenseMap<const Expr *, std::vector<IndexArg>> indexArgs;
  llvm::DenseMap<const IndexExpr *, unsigned> tupleIndices;
  llvm::DenseMap<const Expr *, StaticValue> statics;
  llvm::DenseMap<const Pattern *, const Type *> patternTypes;

private:
  template <typename M, typename K>
  static const typename M::mapped_type *find(const M &map, K key) {
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
  }
};

/// Prints every instance: a header line with the symbol and signature, then
/// the typed body (printFunction) or the transform it applies. For tests.
void printProgram(const Program &program, llvm::raw_ostream &os);

} // namespace jx

#endif // JX_FRONTEND_PROGRAM_H
