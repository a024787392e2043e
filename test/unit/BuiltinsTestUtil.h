//===- BuiltinsTestUtil.h - Fixture for the ArrayBuiltins unit tests ------===//
//
// A TypeContext, a DiagnosticEngine printing into a string, and shorthands
// for types, static values and call arguments.
//
//===----------------------------------------------------------------------===//

#ifndef JX_TEST_UNIT_BUILTINSTESTUTIL_H
#define JX_TEST_UNIT_BUILTINSTESTUTIL_H

#include "jx/Frontend/ArrayBuiltins.h"
#include "jx/Frontend/Diagnostics.h"
#include "jx/Frontend/StaticValue.h"
#include "jx/Frontend/Type.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace jx::test {

class BuiltinsTest : public ::testing::Test {
protected:
  BuiltinsTest() {
    fileId = sm.addBuffer("t.jx", "line one\nline two\nline three\n");
  }

  SourceManager sm;
  std::string output;
  llvm::raw_string_ostream os{output};
  DiagnosticEngine diag{sm, os};
  TypeContext types;
  ArrayBuiltins builtins{types, diag};
  uint32_t fileId = 0;
  const SizeVar *n = types.newSizeVar("n", {});
  const SizeVar *m = types.newSizeVar("m", {});

  /// A location in the test buffer, so messages carry `t.jx:L:C`.
  SourceLoc at(uint32_t line, uint32_t col) {
    SourceLoc l;
    l.fileId = fileId;
    l.line = line;
    l.col = col;
    return l;
  }

  static Dim d(int64_t s) { return Dim::of(s); }
  static Dim d(const SizeVar *v) { return Dim::of(v); }

  const ArrayType *arr(DType dt, std::initializer_list<Dim> shape = {},
                       bool weak = false) {
    return types.getArray(dt, Shape(shape.begin(), shape.end()), weak);
  }
  const ArrayType *f32(std::initializer_list<Dim> shape = {}) {
    return arr(DType::F32, shape);
  }
  const ArrayType *i32(std::initializer_list<Dim> shape = {}) {
    return arr(DType::I32, shape);
  }
  const ArrayType *weakInt() { return arr(DType::I32, {}, true); }
  const ArrayType *weakFloat() { return arr(DType::F32, {}, true); }

  static StaticValue iv(int64_t v) { return StaticValue::ofInt(v); }
  static StaticValue fv(double v) {
    StaticValue s;
    s.kind = StaticValue::Kind::Float;
    s.floatValue = v;
    return s;
  }
  static StaticValue bv(bool v) {
    StaticValue s;
    s.kind = StaticValue::Kind::Bool;
    s.boolValue = v;
    return s;
  }
  static StaticValue sv(const SizeVar *v) { return StaticValue::ofSize(d(v)); }
  static StaticValue strv(std::string v) {
    StaticValue s;
    s.kind = StaticValue::Kind::String;
    s.string = std::move(v);
    return s;
  }
  static StaticValue nonev() { return StaticValue(); }
  static StaticValue tv(std::vector<StaticValue> elements) {
    StaticValue s;
    s.kind = StaticValue::Kind::Tuple;
    s.elements = std::move(elements);
    return s;
  }

  /// The type Sema would give a static value.
  const Type *typeOf(const StaticValue &v) {
    switch (v.kind) {
    case StaticValue::Kind::Int:
      return weakInt();
    case StaticValue::Kind::Float:
      return weakFloat();
    case StaticValue::Kind::Bool:
      return arr(DType::Bool);
    case StaticValue::Kind::Size:
      return arr(DType::I64, {}, true);
    case StaticValue::Kind::Tuple: {
      std::vector<const Type *> elements;
      for (const StaticValue &e : v.elements)
        elements.push_back(typeOf(e));
      return types.getTuple(elements);
    }
    case StaticValue::Kind::DType:
      return types.getDTypeVal(v.dtype);
    case StaticValue::Kind::String:
      return types.getString();
    case StaticValue::Kind::None:
      return types.getNone();
    }
    return nullptr;
  }

  /// A positional (or, with `kw`, keyword) argument of a given type.
  BuiltinArg a(const Type *type, std::string kw = "") {
    BuiltinArg arg;
    arg.loc = at(2, 5);
    arg.keyword = std::move(kw);
    arg.type = type;
    return arg;
  }
  /// A compile-time argument.
  BuiltinArg s(StaticValue v, std::string kw = "") {
    BuiltinArg arg;
    arg.loc = at(2, 5);
    arg.keyword = std::move(kw);
    arg.type = typeOf(v);
    arg.value = std::move(v);
    return arg;
  }
  BuiltinArg dt(DType dtype, std::string kw = "dtype") {
    StaticValue v;
    v.kind = StaticValue::Kind::DType;
    v.dtype = dtype;
    return s(v, std::move(kw));
  }

  /// `name(args...)` spelled as its result type, or `error` (the message
  /// is in `output`).
  std::string call(llvm::StringRef name, std::vector<BuiltinArg> args) {
    const Type *t = builtins.checkCall(name, at(1, 1), args);
    return t ? typeToString(t) : "error";
  }

  static std::string str(const Type *t) {
    return t ? typeToString(t) : "error";
  }

  bool hasError(llvm::StringRef text) {
    return llvm::StringRef(output).contains(text);
  }
};

} // namespace jx::test

#endif // JX_TEST_UNIT_BUILTINSTESTUTIL_H
