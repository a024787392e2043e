//===- AST.h - The jx abstract syntax tree ----------------------*- C++ -*-===//
//
// The parser builds this tree; Sema resolves names and annotates every
// expression with a type (`Expr::type`). A generic function is type-checked
// once per distinct argument type: Sema clones its declaration (`clone()`)
// and annotates the copy, so every annotated tree is first-order and
// monomorphic by the time MLIRGen sees it.
//
// Nodes use LLVM-style RTTI (`llvm::isa/cast/dyn_cast`) keyed on `kind`.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_AST_H
#define JX_FRONTEND_AST_H

#include "jx/Frontend/Diagnostics.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jx {

class Type; // Sema's types (jx/Frontend/Type.h).
struct Decl;
struct FunctionDecl;
struct StructDecl;

//===----------------------------------------------------------------------===//
// Type expressions (annotations as written)
//===----------------------------------------------------------------------===//

/// One entry of `f32[3, n]` or `Mlp[784, h, k]`: an integer or a size variable.
struct DimExpr {
  SourceLoc loc;
  std::optional<int64_t> value; ///< set for an integer literal
  std::string name;             ///< set for a size variable
};

struct TypeExpr {
  enum class Kind { Named, Tuple };
  Kind kind;
  SourceLoc loc;
  /// Named: `f32`, `f32[3, n]`, `Mlp`, `Mlp[n, h, k]`, `nn.Params`
  /// (`qualifier` holds the module alias, `name` the type name).
  std::string qualifier;
  std::string name;
  bool hasDims = false; ///< distinguishes `f32[]` from `f32`
  std::vector<DimExpr> dims;
  /// Tuple: `(f32[n], i32)`.
  std::vector<std::unique_ptr<TypeExpr>> elements;

  std::unique_ptr<TypeExpr> clone() const;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

enum class UnaryOp { Neg, Plus, Not, BitNot };
enum class BinaryOp {
  Add, Sub, Mul, Div, FloorDiv, Mod, Pow, MatMul,
  Eq, Ne, Lt, Le, Gt, Ge,
  And, Or,                  // `and`, `or`
  BitAnd, BitOr, BitXor, Shl, Shr,
};

llvm::StringRef spelling(UnaryOp op);
llvm::StringRef spelling(BinaryOp op);

struct Block;
struct Pattern;

struct Expr {
  enum class Kind {
    IntLit, FloatLit, BoolLit, StringLit, NoneLit,
    Name, Tuple, ArrayLit, Unary, Binary, Call, Index, Field, TupleField,
    AtUpdate, StructLit, If, Lambda, Block,
  };
  const Kind kind;
  SourceLoc loc;
  /// Filled by Sema. Owned by Sema's TypeContext.
  const Type *type = nullptr;

  explicit Expr(Kind kind, SourceLoc loc) : kind(kind), loc(loc) {}
  virtual ~Expr() = default;
  std::unique_ptr<Expr> clone() const;
};
using ExprPtr = std::unique_ptr<Expr>;

struct IntLitExpr : Expr {
  int64_t value;
  IntLitExpr(SourceLoc loc, int64_t value)
      : Expr(Kind::IntLit, loc), value(value) {}
  static bool classof(const Expr *e) { return e->kind == Kind::IntLit; }
};

struct FloatLitExpr : Expr {
  double value;
  std::string spellingText; ///< as written, e.g. `1e-3`
  FloatLitExpr(SourceLoc loc, double value, std::string text)
      : Expr(Kind::FloatLit, loc), value(value),
        spellingText(std::move(text)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::FloatLit; }
};

struct BoolLitExpr : Expr {
  bool value;
  BoolLitExpr(SourceLoc loc, bool value)
      : Expr(Kind::BoolLit, loc), value(value) {}
  static bool classof(const Expr *e) { return e->kind == Kind::BoolLit; }
};

struct StringLitExpr : Expr {
  std::string value; ///< unescaped
  StringLitExpr(SourceLoc loc, std::string value)
      : Expr(Kind::StringLit, loc), value(std::move(value)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::StringLit; }
};

/// `none`: an unbatched axis in `in_axes`, `axis=none`, ...
struct NoneLitExpr : Expr {
  explicit NoneLitExpr(SourceLoc loc) : Expr(Kind::NoneLit, loc) {}
  static bool classof(const Expr *e) { return e->kind == Kind::NoneLit; }
};

/// A bare identifier: a local, a parameter, a function, a module alias, a
/// dtype (`f64`), a size variable or a built-in.
struct NameExpr : Expr {
  std::string name;
  NameExpr(SourceLoc loc, std::string name)
      : Expr(Kind::Name, loc), name(std::move(name)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Name; }
};

/// `(a, b)`, `(a,)`, `()`.
struct TupleExpr : Expr {
  std::vector<ExprPtr> elements;
  explicit TupleExpr(SourceLoc loc) : Expr(Kind::Tuple, loc) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Tuple; }
};

/// `[1.0, 2.0]`, `[[1, 2], [3, 4]]`.
struct ArrayLitExpr : Expr {
  std::vector<ExprPtr> elements;
  explicit ArrayLitExpr(SourceLoc loc) : Expr(Kind::ArrayLit, loc) {}
  static bool classof(const Expr *e) { return e->kind == Kind::ArrayLit; }
};

struct UnaryExpr : Expr {
  UnaryOp op;
  ExprPtr operand;
  UnaryExpr(SourceLoc loc, UnaryOp op, ExprPtr operand)
      : Expr(Kind::Unary, loc), op(op), operand(std::move(operand)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Unary; }
};

/// `loc` is the operator's position.
struct BinaryExpr : Expr {
  BinaryOp op;
  ExprPtr lhs, rhs;
  BinaryExpr(SourceLoc loc, BinaryOp op, ExprPtr lhs, ExprPtr rhs)
      : Expr(Kind::Binary, loc), op(op), lhs(std::move(lhs)),
        rhs(std::move(rhs)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Binary; }
};

/// A call argument, positional (`name` empty) or keyword (`axis=1`).
struct Argument {
  SourceLoc loc;
  std::string name;
  ExprPtr value;
};

/// `f(x, axis=1)`, `grad(f)(x)`, `x.sum(axis=0)` (callee is a FieldExpr).
struct CallExpr : Expr {
  ExprPtr callee;
  std::vector<Argument> args;
  CallExpr(SourceLoc loc, ExprPtr callee)
      : Expr(Kind::Call, loc), callee(std::move(callee)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Call; }
};

/// One entry of a subscript: `i`, `1:-1`, `::-1`, `...`, `none` (new axis).
struct IndexItem {
  enum class Kind { Expr, Slice, Ellipsis, NewAxis };
  Kind kind = Kind::Expr;
  SourceLoc loc;
  ExprPtr value;             ///< Kind::Expr
  ExprPtr lo, hi, step;      ///< Kind::Slice; each may be null
};

/// `x[i, 1:3, ...]`. `loc` is the `[`.
struct IndexExpr : Expr {
  ExprPtr base;
  std::vector<IndexItem> items;
  IndexExpr(SourceLoc loc, ExprPtr base)
      : Expr(Kind::Index, loc), base(std::move(base)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Index; }
};

/// `p.w1`, `x.T`, `x.shape`, `nn.relu`, and the callee of `x.sum(...)`.
/// `loc` is the field name's position.
struct FieldExpr : Expr {
  ExprPtr base;
  std::string field;
  FieldExpr(SourceLoc loc, ExprPtr base, std::string field)
      : Expr(Kind::Field, loc), base(std::move(base)),
        field(std::move(field)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Field; }
};

/// `t.0`.
struct TupleFieldExpr : Expr {
  ExprPtr base;
  unsigned index;
  TupleFieldExpr(SourceLoc loc, ExprPtr base, unsigned index)
      : Expr(Kind::TupleField, loc), base(std::move(base)), index(index) {}
  static bool classof(const Expr *e) { return e->kind == Kind::TupleField; }
};

/// `x.at[idx].set(v)`, `.add`, `.mul`, `.min`, `.max`, and `.get()`.
/// `loc` is the method name's position.
struct AtUpdateExpr : Expr {
  ExprPtr base;
  std::vector<IndexItem> items;
  std::string method;
  std::vector<Argument> args; ///< usually one positional value
  AtUpdateExpr(SourceLoc loc, ExprPtr base)
      : Expr(Kind::AtUpdate, loc), base(std::move(base)) {}
  static bool classof(const Expr *e) { return e->kind == Kind::AtUpdate; }
};

/// `Mlp { w1: a, b1: b }` or `nn.Params { ... }`.
struct StructLitExpr : Expr {
  std::string qualifier; ///< module alias, or empty
  std::string name;
  struct FieldInit {
    SourceLoc loc;
    std::string name;
    ExprPtr value;
  };
  std::vector<FieldInit> fields;
  StructLitExpr(SourceLoc loc) : Expr(Kind::StructLit, loc) {}
  static bool classof(const Expr *e) { return e->kind == Kind::StructLit; }
};

//===----------------------------------------------------------------------===//
// Statements and blocks
//===----------------------------------------------------------------------===//

/// A `let` pattern: a name, `_`, or a (nested) tuple of patterns.
struct Pattern {
  enum class Kind { Name, Wildcard, Tuple };
  Kind kind;
  SourceLoc loc;
  std::string name;
  std::vector<std::unique_ptr<Pattern>> elements;

  std::unique_ptr<Pattern> clone() const;
};

struct Stmt {
  enum class Kind { Let, Expr };
  Kind kind;
  SourceLoc loc;
  /// Let: `let pattern [: type] = value`.
  std::unique_ptr<Pattern> pattern;
  std::unique_ptr<TypeExpr> annotation; ///< optional
  /// Let: the bound value. Expr: the expression statement.
  ExprPtr value;

  std::unique_ptr<Stmt> clone() const;
};

/// `{ stmts; result }`. The last expression statement is the result; a block
/// whose last statement is a `let` has no result and is an error where a
/// value is needed (Sema reports it).
struct BlockExpr : Expr {
  std::vector<std::unique_ptr<Stmt>> stmts;
  ExprPtr result; ///< may be null
  explicit BlockExpr(SourceLoc loc) : Expr(Kind::Block, loc) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Block; }
};

/// `if c { a } else { b }`; `else if` nests another IfExpr as the else branch.
struct IfExpr : Expr {
  ExprPtr cond;
  ExprPtr thenBranch; ///< a BlockExpr
  ExprPtr elseBranch; ///< a BlockExpr or an IfExpr; required
  IfExpr(SourceLoc loc) : Expr(Kind::If, loc) {}
  static bool classof(const Expr *e) { return e->kind == Kind::If; }
};

/// A parameter of a function or lambda, with an optional annotation.
struct Param {
  SourceLoc loc;
  std::string name;
  std::unique_ptr<TypeExpr> type; ///< may be null
  Param clone() const;
};

/// `fn(x, y) => expr` or `fn(x) { stmts; expr }` (body is a BlockExpr).
struct LambdaExpr : Expr {
  std::vector<Param> params;
  std::unique_ptr<TypeExpr> resultType; ///< `fn(x) -> f32 { ... }`, optional
  ExprPtr body;
  LambdaExpr(SourceLoc loc) : Expr(Kind::Lambda, loc) {}
  static bool classof(const Expr *e) { return e->kind == Kind::Lambda; }
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

struct Decl {
  enum class Kind { Import, Struct, Function };
  const Kind kind;
  SourceLoc loc; ///< the declared name
  explicit Decl(Kind kind, SourceLoc loc) : kind(kind), loc(loc) {}
  virtual ~Decl() = default;
};

/// `import nn` or `import nn as F` (also dotted paths `import a.b`, loading
/// `a/b.jx`).
struct ImportDecl : Decl {
  std::vector<std::string> path; ///< {"a", "b"} for `import a.b`
  std::string alias;             ///< the name it is bound to
  explicit ImportDecl(SourceLoc loc) : Decl(Kind::Import, loc) {}
  static bool classof(const Decl *d) { return d->kind == Kind::Import; }
};

struct StructDecl : Decl {
  std::string name;
  struct Field {
    SourceLoc loc;
    std::string name;
    std::unique_ptr<TypeExpr> type;
  };
  std::vector<Field> fields;
  explicit StructDecl(SourceLoc loc) : Decl(Kind::Struct, loc) {}
  static bool classof(const Decl *d) { return d->kind == Kind::Struct; }
};

/// `def f(x) = expr`, `def f(x: T) -> R { ... }`, `export def ...`.
/// The single-expression form is stored as a body that is not a block.
struct FunctionDecl : Decl {
  std::string name;
  bool isExport = false;
  std::vector<Param> params;
  std::unique_ptr<TypeExpr> resultType; ///< may be null
  ExprPtr body;

  explicit FunctionDecl(SourceLoc loc) : Decl(Kind::Function, loc) {}
  static bool classof(const Decl *d) { return d->kind == Kind::Function; }
  std::unique_ptr<FunctionDecl> clone() const;
};

/// One parsed `.jx` file.
struct Module {
  std::string name; ///< the file's stem: `nn` for `nn.jx`
  uint32_t fileId = 0;
  std::vector<std::unique_ptr<Decl>> decls;
};

} // namespace jx

#endif // JX_FRONTEND_AST_H
