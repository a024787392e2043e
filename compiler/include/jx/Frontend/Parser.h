//===- Parser.h - Recursive-descent parser for .jx files --------*- C++ -*-===//
//
// Parses one source file into a `Module`. Syntax errors are reported through
// the DiagnosticEngine; the parser recovers at statement and declaration
// boundaries so that several independent errors are all reported. A module is
// returned even when errors occurred (with the declarations that parsed).
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_PARSER_H
#define JX_FRONTEND_PARSER_H

#include "jx/Frontend/AST.h"

#include "llvm/Support/raw_ostream.h"

namespace jx {

std::unique_ptr<Module> parseModule(uint32_t fileId, const SourceManager &sm,
                                    DiagnosticEngine &diag);

/// `jxc --emit=tokens`: one token per line, `line:col kind 'text'`.
void dumpTokens(uint32_t fileId, const SourceManager &sm,
                DiagnosticEngine &diag, llvm::raw_ostream &os);

} // namespace jx

#endif // JX_FRONTEND_PARSER_H
