//===- StaticValue.cpp - Printing compile-time values ---------------------===//
//
// The spelling of StaticValue in diagnostics and dumps: `3`, `1.5`, `true`,
// `n`, `(0, none)`, `f64`, `"batch"`.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/StaticValue.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace jx;

std::string StaticValue::str() const {
  switch (kind) {
  case Kind::Int:
    return std::to_string(intValue);
  case Kind::Float: {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << llvm::format("%g", floatValue);
    return s;
  }
  case Kind::Bool:
    return boolValue ? "true" : "false";
  case Kind::Size:
    return size.str();
  case Kind::Tuple: {
    std::string s = "(";
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i)
        s += ", ";
      s += elements[i].str();
    }
    if (elements.size() == 1)
      s += ",";
    return s + ")";
  }
  case Kind::DType:
    return dtypeName(dtype).str();
  case Kind::String:
    return "\"" + string + "\"";
  case Kind::None:
    return "none";
  }
  return "?";
}
