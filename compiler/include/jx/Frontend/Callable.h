//===- Callable.h - Statically known function values ------------*- C++ -*-===//
//
// jx functions are first-class at compile time only: every function value is
// known to Sema as a `Callable`, and the type of an expression that yields a
// function is a FunctionType pointing at its Callable. Calls through a
// function value are therefore resolved and instantiated statically
// (defunctionalization); there are no function pointers at run time.
//
// A function value still carries run-time data: the values a lambda captured,
// the primals a `vjp` pullback closes over, the arguments a `partial` bound.
// That data is the callable's *environment*. Its types are `getEnvTypes()`;
// at run time a value of a FunctionType is exactly the tuple of its
// environment values (empty for a named function or a built-in). Every
// function instance made from a callable takes the environment as extra
// trailing parameters after the user's parameters (see Program.h).
//
// Callables are owned by the TypeContext and interned by Sema, so two
// equal callables are the same pointer and FunctionType equality is
// callable identity.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_CALLABLE_H
#define JX_FRONTEND_CALLABLE_H

#include "jx/Frontend/StaticValue.h"
#include "jx/Frontend/Type.h"

#include <string>
#include <vector>

namespace jx {

struct ModuleInfo;
struct FunctionInstance;

/// The function transformations of language.md section 6 that produce a new
/// function (or, for jvp/vjp, are applied directly). `jit` is the identity
/// and never appears here.
enum class TransformKind {
  Grad,
  ValueAndGrad,
  Jvp,
  Vjp,
  Jacfwd,
  Jacrev,
  Hessian,
  Vmap,
  Pmap,
};

llvm::StringRef transformName(TransformKind kind);

/// Static options of a transformation, as written (before normalization
/// against the argument types; FunctionInstance holds normalized copies).
struct TransformOptions {
  /// grad/value_and_grad/jac*/hessian: the differentiated arguments.
  std::vector<int64_t> argnums = {0};
  /// True when argnums was written as a tuple: the gradient is then a tuple.
  bool argnumsIsTuple = false;
  /// grad/value_and_grad/jac*: `has_aux=true`.
  bool hasAux = false;
  /// vmap/pmap: an Int, a None, or a Tuple pytree prefix (with None leaves).
  StaticValue inAxes = StaticValue::ofInt(0);
  StaticValue outAxes = StaticValue::ofInt(0);
  /// vmap/pmap: the bound axis name, or empty for `none`.
  std::string axisName;

  /// A canonical spelling, used for interning and printing
  /// (`argnums=(0, 1), has_aux=true`); empty for defaults.
  std::string str(TransformKind kind) const;
};

/// One variable a lambda captured from its enclosing scope. Captures become
/// trailing parameters of the lambda's instances, in this order.
struct Capture {
  std::string name;
  const Type *type = nullptr;
  /// Known at compile time (a captured size variable carries its Dim, a
  /// captured static parameter its value); uses in the lambda's body have
  /// it as their static value. Still passed at run time like any capture.
  std::optional<StaticValue> value;
};

/// A statically known function value.
class Callable {
public:
  enum class Kind {
    /// A top-level `def` (possibly generic): `decl` in `module`.
    Function,
    /// A lambda closure: `lambda` (a node of the enclosing instance's typed
    /// body) with its `captures`; `enclosing` names the instance it was
    /// created in (for symbol names).
    Lambda,
    /// A section 7 built-in used as a value (`sin`, `vmap(exp)`):
    /// `builtinName`.
    Builtin,
    /// `grad(inner)`, `vmap(inner, in_axes=...)`, ...: `transform`, `options`
    /// and `inner`. Environment: the inner callable's.
    Transform,
    /// The pullback returned by `vjp(f, *primals)`: `primal` is the instance
    /// of `f` at the primal types and `inner` is `f`. Environment: the primal
    /// values, then `f`'s environment.
    Pullback,
    /// `partial(inner, *bound)`: environment is `inner`'s environment
    /// followed by the bound argument values (types `boundTypes`).
    Partial,
  };

  Kind kind = Kind::Function;
  /// Where the value was formed (the name, lambda or transform call).
  SourceLoc loc;

  // Function.
  const FunctionDecl *decl = nullptr;
  const ModuleInfo *module = nullptr; ///< also set for Lambda
  // Lambda.
  const LambdaExpr *lambda = nullptr;
  std::vector<Capture> captures;
  const FunctionInstance *enclosing = nullptr;
  /// The name under which the enclosing instance is known (`hello.main`).
  std::string enclosingSymbol;
  // Builtin.
  std::string builtinName;
  // Transform, Pullback, Partial.
  TransformKind transform = TransformKind::Grad;
  TransformOptions options;
  const Callable *inner = nullptr;
  const FunctionInstance *primal = nullptr; ///< Pullback
  std::vector<const Type *> boundTypes;     ///< Partial

  /// The types of the run-time environment, in order (see the file comment).
  std::vector<const Type *> getEnvTypes() const;
  /// True when the environment is empty.
  bool hasEmptyEnv() const { return getEnvTypes().empty(); }
  /// A readable name: `f`, `nn.relu`, `sin`, `grad(f)`,
  /// `vmap(lambda@4:10, in_axes=(0, none))`, `pullback(f)`.
  std::string str() const;
};

} // namespace jx

#endif // JX_FRONTEND_CALLABLE_H
