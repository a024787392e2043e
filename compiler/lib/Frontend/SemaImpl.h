//===- SemaImpl.h - Sema's internal state and helpers -----------*- C++ -*-===//
//
// Private to the Sema*.cpp files. Sema is split by concern:
//   Sema.cpp            entry points, module loading, imports, declarations
//   SemaTypes.cpp       annotations, signatures (size-variable unification),
//                       structs, type relations (join, weak types)
//   SemaInstance.cpp    instantiation of functions and lambdas, bodies,
//                       recursion detection, size sources
//   SemaExpr.cpp        expression dispatch, names, literals, operators,
//                       static values
//   SemaScope.cpp       blocks, let patterns, if
//   SemaLambda.cpp      closure conversion (captures) of lambdas
//   SemaAccess.cpp      fields, tuple fields, indexing, .at[], struct literals
//   SemaCall.cpp        calls: argument matching, built-ins, methods,
//                       special forms
//   SemaControlFlow.cpp fori_loop, while_loop, scan, cond, switch, tree_map
//   SemaTransforms.cpp  grad & co., vmap/pmap, jvp/vjp and pullbacks
//   SemaCollectives.cpp psum & co. (axis names), partial application
//   SemaPrint.cpp       Callable spelling and printProgram
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_FRONTEND_SEMAIMPL_H
#define JX_LIB_FRONTEND_SEMAIMPL_H

#include "jx/Frontend/ArrayBuiltins.h"
#include "jx/Frontend/Callable.h"
#include "jx/Frontend/Program.h"
#include "jx/Frontend/Sema.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jx {

/// A name visible in a body.
struct Binding {
  std::string name;
  NameRef ref;
  const Type *type = nullptr; ///< null after an error (suppresses cascades)
  std::optional<StaticValue> value;
  SourceLoc loc;
};

/// A size variable bound while matching a signature, with where it was bound
/// (for the conflict diagnostic).
struct SizeBinding {
  Dim dim;
  SourceLoc loc;
  std::string what;           ///< "argument 'x'"
  const Type *type = nullptr; ///< the value's type that bound it
  bool fromCapture = false;   ///< a lambda's captured size variable
};

/// The size variables of one signature (or struct literal, or annotation).
struct SigState {
  std::map<std::string, SizeBinding> vars;
  std::vector<std::string> order; ///< names in order of first binding
  /// Unbound names may resolve to size variables of the current body.
  bool lookupScope = false;
  /// Unbound names in a pure resolution become fresh SizeVars (else error).
  bool freshVars = true;
};

/// Where a type is being matched, for diagnostics.
struct MatchCtx {
  std::string what; ///< "argument 'x' of 'f'"
  SourceLoc loc;    ///< reported at
  const ModuleInfo *module = nullptr;
};

/// A named axis bound by an enclosing vmap/pmap.
struct AxisFrame {
  std::string name;
  Dim size;
};
using AxisEnv = std::vector<AxisFrame>;

/// A checked call argument.
struct ArgValue {
  SourceLoc loc;
  std::string keyword;
  const Type *type = nullptr;
  std::optional<StaticValue> value;
  const Expr *expr = nullptr;
};

/// The state of checking one instance body.
struct FnScope {
  FunctionInstance *inst = nullptr;
  const ModuleInfo *module = nullptr;
  std::vector<Binding> bindings; ///< searched from the back
  AxisEnv axes;
};

/// An instantiation in progress (recursion detection and its notes).
struct ActiveFrame {
  const void *origin; ///< FunctionDecl or LambdaExpr
  std::string name;
  SourceLoc callLoc;
};

class SemaImpl {
public:
  SemaImpl(SourceManager &sm, DiagnosticEngine &diag, TypeContext &types,
           SemaOptions options);
  const Program *check(uint32_t mainFileId);

  //===--- Sema.cpp: modules ---------------------------------------------===//
  ModuleInfo *loadModule(uint32_t fileId, std::string name);
  void loadImports(ModuleInfo &module);
  std::string findModuleFile(const ModuleInfo &importer,
                             const ImportDecl &import,
                             std::vector<std::string> &searched);
  void checkEntries(ModuleInfo &main);

  //===--- SemaTypes.cpp: annotations and type relations ----------------===//
  const Type *matchType(const TypeExpr &te, const Type *actual, SigState &st,
                        const MatchCtx &ctx);
  std::optional<Dim> matchDim(const DimExpr &de, std::optional<Dim> actual,
                              SigState &st, const MatchCtx &ctx,
                              const Type *actualType, bool &ok);
  const StructDecl *lookupStruct(const ModuleInfo *module,
                                 llvm::StringRef qualifier,
                                 llvm::StringRef name, SourceLoc loc,
                                 const ModuleInfo **declModule);
  const std::vector<std::string> &structParams(const StructDecl *decl,
                                               const ModuleInfo *module);
  const StructType *makeStructType(const StructDecl *decl,
                                   const ModuleInfo *module,
                                   llvm::ArrayRef<Dim> params);
  /// `Mlp { w1: a, ... }` given the checked field values.
  const StructType *
  inferStructType(const StructDecl *decl, const ModuleInfo *module,
                  llvm::ArrayRef<std::pair<std::string, const Type *>> values,
                  llvm::ArrayRef<SourceLoc> locs, SourceLoc loc);
  bool weakConvertible(const ArrayType *from, DType to);
  /// Drops weakness everywhere in a pytree.
  const Type *strongify(const Type *t);
  /// Joins two branch types (weak types take the other's dtype); null when
  /// incompatible (no diagnostic).
  const Type *joinTypes(const Type *a, const Type *b);
  /// True when a value of `from` may flow where `to` is expected (equal up to
  /// weak dtypes).
  bool assignable(const Type *from, const Type *to);
  bool containsFunction(const Type *t);
  std::string typeExprToString(const TypeExpr &te);

  //===--- SemaInstance.cpp: instances ---------------------------------===//
  /// Instantiates `c` at the (ordered, positional) argument types. Reports
  /// errors; returns null on failure (the result type may also be null when
  /// the body had errors).
  /// With `specialize` (a direct call `f(3)`), a function or lambda is
  /// specialized on its arguments' compile-time values (see
  /// FunctionInstance::Param::value); otherwise every argument is a run-time
  /// value (loops, transformations, tree_map, partial).
  FunctionInstance *instantiate(const Callable *c,
                                llvm::ArrayRef<ArgValue> args,
                                SourceLoc callLoc, const AxisEnv &axes,
                                bool specialize = false);
  FunctionInstance *instantiateFunction(const Callable *c,
                                        llvm::ArrayRef<ArgValue> args,
                                        SourceLoc callLoc, const AxisEnv &axes,
                                        bool specialize);
  FunctionInstance *instantiateLambda(const Callable *c,
                                      llvm::ArrayRef<ArgValue> args,
                                      SourceLoc callLoc, const AxisEnv &axes,
                                      bool specialize);
  FunctionInstance *instantiateBuiltin(const Callable *c,
                                       llvm::ArrayRef<ArgValue> args,
                                       SourceLoc callLoc);
  FunctionInstance *instantiateExport(const FunctionDecl *decl,
                                      const ModuleInfo *module, bool exported);
  /// Checks `inst->body` with the size variables of `st` and the parameters
  /// in scope; sets the result type.
  void checkBody(FunctionInstance *inst, const ModuleInfo *module, SigState &st,
                 const AxisEnv &axes, const TypeExpr *resultAnn,
                 llvm::StringRef displayName);
  void computeSizeSources(FunctionInstance *inst);
  bool enterActive(const void *origin, llvm::StringRef name, SourceLoc callLoc);
  /// Reports a recursive instantiation (with the cycle as notes).
  bool isRecursive(const void *origin, llvm::StringRef name, SourceLoc callLoc);
  std::string uniqueSymbol(const std::string &base);
  /// Memoization key of an instance: the origin, the argument types, the
  /// static argument values (ArgValue::value, when set) and the named axes.
  std::string instanceKey(llvm::StringRef prefix, const void *origin,
                          llvm::ArrayRef<ArgValue> args, const AxisEnv &axes);
  FunctionInstance *newInstance(FunctionInstance::Kind kind,
                                const std::string &symbolBase);

  //===--- SemaExpr.cpp: expressions -----------------------------------===//
  const Type *checkExpr(Expr *e);
  const Type *checkName(NameExpr *e);
  const Type *checkBlock(BlockExpr *e);
  const Type *checkIf(IfExpr *e);
  const Type *checkLambda(LambdaExpr *e);
  const Type *checkField(FieldExpr *e);
  const Type *checkTupleField(TupleFieldExpr *e);
  const Type *checkIndex(IndexExpr *e);
  const Type *checkAtUpdate(AtUpdateExpr *e);
  const Type *checkStructLit(StructLitExpr *e);
  const Type *checkUnary(UnaryExpr *e);
  const Type *checkBinary(BinaryExpr *e);
  bool checkIndexItems(std::vector<IndexItem> &items,
                       std::vector<IndexArg> &out);
  /// After a failed subscript check: explains a slice bound that is only
  /// known at run time.
  void noteRunTimeSlice(const std::vector<IndexItem> &items,
                        llvm::function_ref<void(ArrayBuiltins &)> recheck);
  void bindPattern(Pattern &p, const Type *t,
                   const std::optional<StaticValue> &value);
  const Binding *lookupLocal(llvm::StringRef name);
  /// A module alias visible (not shadowed by a local) from the current body.
  const ModuleInfo *lookupModuleAlias(llvm::StringRef name);
  const Callable *functionCallable(const FunctionDecl *decl,
                                   const ModuleInfo *module, SourceLoc loc);
  const Callable *builtinCallable(llvm::StringRef name, SourceLoc loc);
  void setStatic(const Expr *e, StaticValue v) { program->statics[e] = v; }
  std::optional<StaticValue> getStatic(const Expr *e);
  void reportUndeclared(SourceLoc loc, llvm::StringRef name);
  /// After an error that needed `e`'s value at compile time: a note that
  /// the value is only known at run time, at the name it comes from (a
  /// parameter of an exported function, a loop counter, ...) when found.
  void noteRunTimeValue(const Expr *e);
  /// Re-runs a failed ArrayBuiltins check quietly; true for each of `locs`
  /// at which it reported that a value must be known at compile time (so
  /// that noteRunTimeValue explains the right argument).
  std::vector<bool>
  staticValueErrors(llvm::function_ref<void(ArrayBuiltins &)> recheck,
                    llvm::ArrayRef<SourceLoc> locs);
  std::optional<StaticValue> foldBinary(BinaryOp op, const StaticValue &a,
                                        const StaticValue &b);

  //===--- SemaCall.cpp: calls -----------------------------------------===//
  const Type *checkCall(CallExpr *e);
  bool checkArgs(std::vector<Argument> &args, std::vector<ArgValue> &out);
  /// Calls a function value: instantiation or a built-in.
  const Type *callCallable(CallExpr *e, const Callable *c,
                           std::vector<ArgValue> args, const Expr *env);
  /// Orders `args` by the parameter names (keywords). Reports errors.
  bool orderArgs(llvm::ArrayRef<std::string> paramNames,
                 std::vector<ArgValue> &args, llvm::StringRef fnName,
                 SourceLoc loc);
  const Type *checkBuiltinCall(CallExpr *e, llvm::StringRef name,
                               const Expr *receiver,
                               std::vector<ArgValue> args);
  const Type *checkSpecialCall(CallExpr *e, llvm::StringRef name);
  static bool isSpecialName(llvm::StringRef name);
  /// Finds a positional-or-keyword argument (`index` positional, or
  /// `keyword`). Returns null when absent.
  const ArgValue *getArg(llvm::ArrayRef<ArgValue> args, size_t index,
                         llvm::StringRef keyword);
  bool checkKeywords(llvm::ArrayRef<ArgValue> args, llvm::StringRef fnName,
                     llvm::ArrayRef<llvm::StringRef> allowed,
                     size_t maxPositional);
  const Callable *expectFunction(const ArgValue &arg, llvm::StringRef fnName);
  FunctionRef makeFunctionRef(const FunctionInstance *inst,
                              const ArgValue &fnArg);

  //===--- SemaControlFlow.cpp ------------------------------------------===//
  const Type *checkControlFlow(CallExpr *e, ControlFlowKind kind,
                               std::vector<ArgValue> &args);
  const Type *checkTreeMap(CallExpr *e, std::vector<ArgValue> &args);
  const Type *checkStopGradient(CallExpr *e, std::vector<ArgValue> &args);

  //===--- SemaTransforms.cpp -------------------------------------------===//
  const Type *checkTransformCtor(CallExpr *e, llvm::StringRef name,
                                 std::vector<ArgValue> &args);
  const Type *checkJvp(CallExpr *e, std::vector<ArgValue> &args);
  const Type *checkVjp(CallExpr *e, std::vector<ArgValue> &args);
  const Type *checkPartial(CallExpr *e, std::vector<ArgValue> &args);
  const Type *checkCollective(CallExpr *e, llvm::StringRef name,
                              std::vector<ArgValue> &args);
  FunctionInstance *instantiateTransform(const Callable *c,
                                         llvm::ArrayRef<ArgValue> args,
                                         SourceLoc callLoc,
                                         const AxisEnv &axes);
  FunctionInstance *instantiatePullback(const Callable *c,
                                        llvm::ArrayRef<ArgValue> args,
                                        SourceLoc callLoc, const AxisEnv &axes);
  FunctionInstance *instantiatePartial(const Callable *c,
                                       llvm::ArrayRef<ArgValue> args,
                                       SourceLoc callLoc, const AxisEnv &axes);

  //===--- Shared helpers -----------------------------------------------===//
  const Callable *intern(std::unique_ptr<Callable> c, const std::string &key);
  FnScope &scope() { return *fnStack.back(); }
  bool inFunction() const { return !fnStack.empty(); }
  AxisEnv currentAxes() const {
    return fnStack.empty() ? AxisEnv() : fnStack.back()->axes;
  }
  const ArrayType *i64Type() { return types.getScalar(DType::I64); }
  std::optional<std::string> suggest(llvm::StringRef name,
                                     llvm::ArrayRef<std::string> candidates);

  SourceManager &sm;
  DiagnosticEngine &diag;
  TypeContext &types;
  SemaOptions options;
  ArrayBuiltins builtins;
  std::unique_ptr<Program> program;

  std::map<std::string, ModuleInfo *> modulesByPath;
  std::vector<ModuleInfo *> loading; ///< import stack (cycle detection)
  std::map<std::string, const Callable *> callables;
  std::map<std::string, FunctionInstance *> instanceMemo;
  std::map<std::string, unsigned> symbolCounts;
  std::set<std::string> reservedSymbols;
  std::map<const StructDecl *, std::vector<std::string>> structParamCache;
  std::set<const StructDecl *> structsInProgress;
  std::set<const StructDecl *> structsBuilding;
  /// Recursive structs (reported once, then silently unusable).
  std::set<const StructDecl *> badStructs;
  std::vector<FnScope *> fnStack;
  std::vector<ActiveFrame> active;
  unsigned recursionErrors = 0;
};

} // namespace jx

#endif // JX_LIB_FRONTEND_SEMAIMPL_H
