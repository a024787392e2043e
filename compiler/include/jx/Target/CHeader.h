//===- CHeader.h - The C header of a compiled module ------------*- C++ -*-===//
//
// `jxc FILE.jx --emit-header FILE.h`: declarations of the module's exported
// functions and of the structs their parameters and results map to, valid C99
// and C++, with doc comments that show each jx signature (docs/abi.md).
//
//===----------------------------------------------------------------------===//

#ifndef JX_TARGET_CHEADER_H
#define JX_TARGET_CHEADER_H

#include "jx/Target/ExportABI.h"

#include "llvm/Support/raw_ostream.h"

namespace jx {

/// Writes the header of `abi`: an include guard, `#include
/// <jx/runtime.h>`, the structs and the function declarations.
void emitCHeader(const ModuleABI &abi, llvm::raw_ostream &os);

/// Writes only the declarations (structs and prototypes, without the guard
/// and includes), for the generated wrapper source.
void emitCDeclarations(const ModuleABI &abi, llvm::raw_ostream &os);

} // namespace jx

#endif // JX_TARGET_CHEADER_H
