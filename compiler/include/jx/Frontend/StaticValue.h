//===- StaticValue.h - Values Sema knows at compile time --------*- C++ -*-===//
//
// Built-ins take arguments that must be known while type checking: axes
// (`axis=(0, 1)`), shapes (`zeros((n, 3))`, where `n` is a size variable),
// dtypes (`astype(f64)`), einsum specs, `keepdims=true`. Sema evaluates such
// argument expressions to a StaticValue when it can.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_STATICVALUE_H
#define JX_FRONTEND_STATICVALUE_H

#include "jx/Frontend/Type.h"

#include <optional>
#include <string>
#include <vector>

namespace jx {

struct StaticValue {
  enum class Kind { Int, Float, Bool, Size, Tuple, DType, String, None };
  Kind kind = Kind::None;
  int64_t intValue = 0;   ///< Int
  double floatValue = 0;  ///< Float
  bool boolValue = false; ///< Bool
  Dim size;               ///< Size: a size variable used as a value (`n`)
  std::vector<StaticValue> elements; ///< Tuple
  DType dtype = DType::F32;          ///< DType
  std::string string;                ///< String

  static StaticValue ofInt(int64_t v) {
    StaticValue s;
    s.kind = Kind::Int;
    s.intValue = v;
    return s;
  }
  static StaticValue ofSize(Dim d) {
    if (d.isStatic())
      return ofInt(d.size);
    StaticValue s;
    s.kind = Kind::Size;
    s.size = d;
    return s;
  }

  /// An Int or a Size as a Dim (`zeros((n, 3))`).
  std::optional<Dim> asDim() const {
    if (kind == Kind::Int)
      return Dim::of(intValue);
    if (kind == Kind::Size)
      return size;
    return std::nullopt;
  }
  std::string str() const;
};

} // namespace jx

#endif // JX_FRONTEND_STATICVALUE_H
