//===- Type.h - Sema's types: dtypes, shapes, pytrees, functions -*- C++ -*-===//
//
// Every expression Sema checks gets one of these types. Types are immutable
// and owned by a TypeContext, which uniques array, tuple and simple types so
// that pointer equality is type equality.
//
// Shapes are lists of `Dim`: a static size, or a size variable (`n`). Size
// variables are objects (`SizeVar`), so two dims are equal exactly when they
// are the same static size or the same variable. A size Sema derives but
// cannot name statically (`n + m` after a concatenate, a data-dependent size)
// is a fresh SizeVar whose `name` is its spelling.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_TYPE_H
#define JX_FRONTEND_TYPE_H

#include "jx/Frontend/AST.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jx {

//===----------------------------------------------------------------------===//
// Dtypes
//===----------------------------------------------------------------------===//

enum class DType { Bool, I32, I64, U32, F16, BF16, F32, F64 };

llvm::StringRef dtypeName(DType dtype);
std::optional<DType> parseDType(llvm::StringRef name);
bool isFloat(DType dtype);
bool isInteger(DType dtype); ///< i32, i64, u32 (not bool)
bool isSigned(DType dtype);
unsigned bitWidth(DType dtype);
/// Whether an integer `value` is representable in `dtype` (always true for
/// i64, bool and the float dtypes, whose conversions do not wrap it).
bool fitsDType(int64_t value, DType dtype);

//===----------------------------------------------------------------------===//
// Dimensions
//===----------------------------------------------------------------------===//

/// A size variable: a parameter of a signature (`n` in `f32[n]`), or a size
/// Sema derived (`n+m`). Owned by the TypeContext.
struct SizeVar {
  std::string name;
  SourceLoc loc; ///< where it was bound (for notes)
  unsigned id;   ///< unique in the context
  bool derived = false;
};

struct Dim {
  static constexpr int64_t kDynamic = -1;
  int64_t size = kDynamic;       ///< >= 0 when static
  const SizeVar *var = nullptr;  ///< set when dynamic

  static Dim of(int64_t size) { return Dim{size, nullptr}; }
  static Dim of(const SizeVar *var) { return Dim{kDynamic, var}; }
  bool isStatic() const { return size >= 0; }
  bool operator==(const Dim &o) const {
    return size == o.size && var == o.var;
  }
  bool operator!=(const Dim &o) const { return !(*this == o); }
  bool operator<(const Dim &o) const {
    return size != o.size ? size < o.size : var < o.var;
  }
  std::string str() const;
};

using Shape = llvm::SmallVector<Dim, 4>;
std::string shapeToString(llvm::ArrayRef<Dim> shape); ///< `[n, 4]`

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class Callable;

class Type {
public:
  enum class Kind {
    Array,    ///< dtype + shape (rank 0 = scalar)
    Tuple,    ///< (T, U, ...)
    Struct,   ///< an instance of a `struct` declaration
    Function, ///< a compile-time function value (resolved statically)
    String,   ///< a string literal (einsum specs, axis names)
    DTypeVal, ///< a dtype used as a value: `x.astype(f64)`
    None,     ///< `none`
    Module,   ///< an imported module's alias (only as a `.` base)
  };
  Kind getKind() const { return kind; }
  virtual ~Type() = default;

protected:
  explicit Type(Kind kind) : kind(kind) {}

private:
  const Kind kind;
};

class ArrayType : public Type {
public:
  DType getDType() const { return dtype; }
  llvm::ArrayRef<Dim> getShape() const { return shape; }
  unsigned getRank() const { return shape.size(); }
  bool isScalar() const { return shape.empty(); }
  /// JAX's weak type: a Python-scalar literal (or an expression of only such
  /// literals) that takes the dtype of the other operand.
  bool isWeak() const { return weak; }
  static bool classof(const Type *t) { return t->getKind() == Kind::Array; }

private:
  friend class TypeContext;
  ArrayType(DType dtype, Shape shape, bool weak)
      : Type(Kind::Array), dtype(dtype), shape(std::move(shape)), weak(weak) {}
  DType dtype;
  Shape shape;
  bool weak;
};

class TupleType : public Type {
public:
  llvm::ArrayRef<const Type *> getElements() const { return elements; }
  static bool classof(const Type *t) { return t->getKind() == Kind::Tuple; }

private:
  friend class TypeContext;
  explicit TupleType(std::vector<const Type *> elements)
      : Type(Kind::Tuple), elements(std::move(elements)) {}
  std::vector<const Type *> elements;
};

/// A struct instance: the declaration with its size parameters fixed
/// (`Mlp[784, 512, 10]`, or `Mlp[d, h, k]` with size variables).
class StructType : public Type {
public:
  struct Field {
    std::string name;
    const Type *type;
  };
  const StructDecl *getDecl() const { return decl; }
  llvm::StringRef getName() const { return name; }
  llvm::ArrayRef<Dim> getParams() const { return params; }
  llvm::ArrayRef<Field> getFields() const { return fields; }
  /// Index of `name` in getFields(), or -1.
  int getFieldIndex(llvm::StringRef fieldName) const;
  static bool classof(const Type *t) { return t->getKind() == Kind::Struct; }

private:
  friend class TypeContext;
  StructType(const StructDecl *decl, std::string name, Shape params,
             std::vector<Field> fields)
      : Type(Kind::Struct), decl(decl), name(std::move(name)),
        params(std::move(params)), fields(std::move(fields)) {}
  const StructDecl *decl;
  std::string name; ///< qualified display name (`nn.Params`)
  Shape params;
  std::vector<Field> fields;
};

/// A function value. The callee is known at compile time (defunctionalized):
/// every call through it is resolved and instantiated statically.
class FunctionType : public Type {
public:
  const Callable *getCallable() const { return callable; }
  static bool classof(const Type *t) { return t->getKind() == Kind::Function; }

private:
  friend class TypeContext;
  explicit FunctionType(const Callable *callable)
      : Type(Kind::Function), callable(callable) {}
  const Callable *callable;
};

class DTypeValType : public Type {
public:
  DType getDType() const { return dtype; }
  static bool classof(const Type *t) {
    return t->getKind() == Kind::DTypeVal;
  }

private:
  friend class TypeContext;
  explicit DTypeValType(DType dtype) : Type(Kind::DTypeVal), dtype(dtype) {}
  DType dtype;
};

class SimpleType : public Type {
public:
  static bool classof(const Type *t) {
    return t->getKind() == Kind::String || t->getKind() == Kind::None ||
           t->getKind() == Kind::Module;
  }

private:
  friend class TypeContext;
  explicit SimpleType(Kind kind) : Type(kind) {}
};

/// Owns and uniques types, size variables and callables.
class TypeContext {
public:
  TypeContext();
  ~TypeContext();

  const ArrayType *getArray(DType dtype, llvm::ArrayRef<Dim> shape = {},
                            bool weak = false);
  const ArrayType *getScalar(DType dtype, bool weak = false) {
    return getArray(dtype, {}, weak);
  }
  const TupleType *getTuple(llvm::ArrayRef<const Type *> elements);
  const StructType *getStruct(const StructDecl *decl, std::string name,
                              llvm::ArrayRef<Dim> params,
                              std::vector<StructType::Field> fields);
  const FunctionType *getFunction(const Callable *callable);
  const DTypeValType *getDTypeVal(DType dtype);
  const Type *getString() { return stringType.get(); }
  const Type *getNone() { return noneType.get(); }
  const Type *getModule() { return moduleType.get(); }

  const SizeVar *newSizeVar(std::string name, SourceLoc loc,
                            bool derived = false);
  /// Takes ownership of a callable (see Sema's Callable).
  const Callable *own(std::unique_ptr<Callable> callable);

private:
  std::map<std::tuple<DType, Shape, bool>, std::unique_ptr<ArrayType>> arrays;
  std::map<std::vector<const Type *>, std::unique_ptr<TupleType>> tuples;
  std::vector<std::unique_ptr<StructType>> structs;
  /// Uniques struct instances by declaration and size parameters.
  std::map<std::pair<const StructDecl *, Shape>, const StructType *>
      structIndex;
  std::map<const Callable *, std::unique_ptr<FunctionType>> functions;
  std::map<DType, std::unique_ptr<DTypeValType>> dtypeVals;
  std::unique_ptr<SimpleType> stringType, noneType, moduleType;
  std::vector<std::unique_ptr<SizeVar>> sizeVars;
  std::vector<std::unique_ptr<Callable>> callables;
};

/// `f32[n, 4]`, `(f32, i32)`, `Mlp[784, 512, 10]`, `fn(...)`. Declared in
/// ASTPrinter.h too.
std::string typeToString(const Type *type);

} // namespace jx

#endif // JX_FRONTEND_TYPE_H
