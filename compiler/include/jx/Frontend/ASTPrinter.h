//===- ASTPrinter.h - Readable dump of the (typed) AST ----------*- C++ -*-===//
//
// `jxc --emit=ast`. Prints one node per line, indented, with its source
// position; once Sema has run, every expression also shows its type, e.g.
//   Binary '*' <3:12> : f32[n]
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_ASTPRINTER_H
#define JX_FRONTEND_ASTPRINTER_H

#include "jx/Frontend/AST.h"

#include "llvm/Support/raw_ostream.h"

namespace jx {

void printModule(const Module &module, llvm::raw_ostream &os);
void printFunction(const FunctionDecl &fn, llvm::raw_ostream &os,
                   unsigned indent = 0);
void printExpr(const Expr &expr, llvm::raw_ostream &os, unsigned indent = 0);

/// Implemented by Sema (Type.cpp): the user-facing spelling of a type,
/// `f32[n, 4]`, `(f32, i32)`, `Mlp[784, 512, 10]`, `fn(f32[n]) -> f32`.
std::string typeToString(const Type *type);

} // namespace jx

#endif // JX_FRONTEND_ASTPRINTER_H
