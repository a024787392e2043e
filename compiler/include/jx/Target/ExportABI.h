//===- ExportABI.h - The C ABI of a module's exported functions -*- C++ -*-===//
//
// The C view of a checked program (docs/abi.md, "Calling compiled
// functions"): one C function per `export def`, the C structs its pytree
// parameters and results map to, and the flattened array leaves with their
// dtypes, static sizes and size variables. Built once from Sema's program;
// the header emitter and the wrapper generator both read it, so the two
// cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef JX_TARGET_EXPORTABI_H
#define JX_TARGET_EXPORTABI_H

#include "jx/Frontend/Type.h"

#include "mlir/Support/LLVM.h"

#include <optional>
#include <string>
#include <vector>

namespace jx {

class Program;
struct FunctionInstance;
class DiagnosticEngine;

/// One array leaf of a flattened parameter list or result.
struct ABILeaf {
  /// C expression of the leaf's `jx_array_t` (arguments: `x`, `&p->w1`) or
  /// of its `jx_owned_array_t *` slot (results: `out_result`,
  /// `&out_result->_0`).
  std::string access;
  /// The leaf's name in messages and docs: `x`, `p.w1`, `result.0`.
  std::string name;
  /// Its path from the result for `jxc run`-style labels: ``, `.0`, `.w1`.
  std::string path;
  DType dtype = DType::F32;
  std::vector<Dim> shape;
  /// `f32[b, d]`.
  std::string typeText;
};

/// A C struct of the API: a jx struct or tuple, with `jx_array_t` fields
/// (arguments, borrowed) or `jx_owned_array_t *` fields (results, owned).
struct ABIStruct {
  std::string cName;
  std::string doc; ///< what it maps, e.g. `struct Mlp[d, h, k]`
  struct Field {
    std::string cType; ///< `jx_array_t`, `jx_owned_array_t *`, a struct
    std::string name;
    std::string doc; ///< the jx type of the field
  };
  std::vector<Field> fields;
};

struct ABIParam {
  std::string name;  ///< the jx parameter name
  std::string cName; ///< the C parameter name (a keyword gets a `_`)
  std::string cType; ///< `const jx_array_t *` or `const m_Mlp *`
  std::string typeText;
};

/// One exported function (or `main`, for executables).
struct ABIFunction {
  std::string mlirSymbol; ///< `m.predict`, the func.func in the module
  std::string cName;      ///< `m_predict`
  std::string signature;  ///< `export def predict(p: Mlp, x: f32[b, d]) -> ...`
  std::vector<ABIParam> params;
  std::vector<ABILeaf> args; ///< flattened, in the compiled function's order
  std::vector<ABILeaf> results;
  /// The result parameter: `jx_owned_array_t **` for a single array, a
  /// pointer to `resultStruct` for a pytree; empty when there is no result.
  std::string resultCType;
  std::string resultStruct; ///< `m_f_result` for pytrees, else empty
  std::string resultTypeText;
  /// Size variables in order of first appearance in the parameters.
  std::vector<std::string> sizeVars;
  /// For every argument leaf and axis: a static size (>= 0) or `-1 - k` for
  /// size variable `k`; INT64_MIN for a size that is not checked.
  std::vector<std::vector<int64_t>> argDims;
};

struct ModuleABI {
  std::string moduleName; ///< `m`, the jx module (the main file's stem)
  std::string prefix;     ///< `m`, the C identifier prefix
  std::string sourcePath;
  std::vector<ABIStruct> structs; ///< dependencies first
  std::vector<ABIFunction> functions;
  std::optional<ABIFunction> main; ///< `def main()`, when there is one
};

/// Builds the C ABI of `program`'s exported functions (and `main`).
/// Reports signatures the C ABI cannot express (a function-valued or string
/// parameter) through `diag` and fails.
mlir::FailureOr<ModuleABI> buildModuleABI(const Program &program,
                                          DiagnosticEngine &diag);

/// A valid C identifier from `name` (`.`, `-` and other characters become
/// `_`; a C or C++ keyword gets a trailing `_`).
std::string cIdentifier(llvm::StringRef name);

} // namespace jx

#endif // JX_TARGET_EXPORTABI_H
