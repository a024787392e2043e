//===- Linker.h - Compiling and linking with the system toolchain -*- C++
//-*-===//
//
// jxc compiles the generated C entry points and links objects, executables
// and shared libraries with clang (LLVM 22's, or $JX_CC), the runtime
// library libjxrt.a and libm. The tools are found at run time: the runtime
// next to the jxc binary (`<bin>/../lib`, `<bin>/../include`, an install or
// a build tree), else where CMake configured it.
//
//===----------------------------------------------------------------------===//

#ifndef JX_TARGET_LINKER_H
#define JX_TARGET_LINKER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace jx {

/// Where the toolchain and the runtime are.
struct Toolchain {
  std::string cc;             ///< a C compiler driver that can link (clang)
  std::string runtimeLibrary; ///< libjxrt.a
  std::string runtimeInclude; ///< the directory with jx/runtime.h
  /// Extra flags for compiling and linking, e.g. the sanitizers libjxrt was
  /// built with.
  std::vector<std::string> flags;
};

/// Finds the toolchain; on failure returns false with a message.
bool findToolchain(Toolchain &toolchain, std::string &error);

/// Runs `cc` with `args`; on failure returns false with a message that
/// includes the command's diagnostics.
bool runCompiler(const Toolchain &toolchain, llvm::ArrayRef<std::string> args,
                 std::string &error);

} // namespace jx

#endif // JX_TARGET_LINKER_H
