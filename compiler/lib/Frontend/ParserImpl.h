//===- ParserImpl.h - The recursive-descent parser (private) ----*- C++ -*-===//
//
// Shared by Parser.cpp (token handling, recovery, module), ParseDecl.cpp
// (declarations, types, parameters, patterns) and ParseExpr.cpp (expressions,
// blocks, statements).
//
// Conventions:
//  - A parse function that returns null (or false) has reported an error;
//    its callers return at once without reporting another one, and the
//    enclosing statement or declaration loop recovers by skipping tokens.
//  - At most one error is reported per token offset, so a follow-on error
//    at the same spot never doubles the first one.
//  - Recursion is capped (`kMaxNesting`), so no input exhausts the stack,
//    and so is the height of every expression tree (`kMaxHeight`), so that
//    later recursive walks of the tree (printing, Sema, destruction) are
//    safe too. Every function that returns an expression sets `lastHeight`
//    to the height of what it returns.
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_FRONTEND_PARSERIMPL_H
#define JX_LIB_FRONTEND_PARSERIMPL_H

#include "jx/Frontend/AST.h"
#include "jx/Frontend/Lexer.h"

#include "llvm/ADT/Twine.h"

#include <deque>

namespace jx {

/// Parses an integer literal's spelling (`42`, `1_000`, `0xff`, `0b101`,
/// `0o17`). Returns false when it does not fit in 64 bits.
bool parseIntegerText(llvm::StringRef text, uint64_t &value);

class Parser {
public:
  Parser(uint32_t fileId, const SourceManager &sm, DiagnosticEngine &diag);

  std::unique_ptr<Module> parseModule();

  /// Nested brackets, blocks, unary operators and `else if`s allowed before
  /// "expression nested too deeply".
  static constexpr unsigned kMaxNesting = 256;
  /// The tallest expression tree allowed. Long operator and postfix chains
  /// (`a + b + ...`, `x.f().g()...`) are parsed by loops, so this is
  /// what bounds them.
  static constexpr unsigned kMaxHeight = 2048;

private:
  //===--------------------------------------------------------------------===//
  // Tokens (Parser.cpp)
  //===--------------------------------------------------------------------===//

  const Token &tok() { return peek(0); }
  const Token &peek(unsigned n);
  Token consume();
  bool consumeIf(TokenKind kind);
  /// Consumes `Newline` tokens.
  void skipNewlines();
  /// Skips one newline if the token after it is `kind` (`}\nelse`).
  void skipNewlineBefore(TokenKind kind);
  /// Whether the current token ends a statement: newline, `;`, `}` or EOF.
  bool atStmtEnd();

  //===--------------------------------------------------------------------===//
  // Diagnostics and recovery (Parser.cpp)
  //===--------------------------------------------------------------------===//

  void error(SourceLoc loc, const llvm::Twine &message);
  /// `expected <what>, found <current token>`; says nothing at an `Error`
  /// token, which the lexer has reported already.
  void errorExpected(const llvm::Twine &what);
  /// Consumes `kind` or reports `expected <what>`; returns whether it did.
  bool expect(TokenKind kind, const llvm::Twine &what);
  /// Consumes the closing bracket `kind` or reports `expected ')' <context>`
  /// with a note at `open`.
  bool expectClosing(TokenKind kind, const Token &open,
                     llvm::StringRef context);
  /// Reports "expression nested too deeply" when the nesting is over the cap.
  bool checkNesting();
  /// Reports "expression nested too deeply" when `height` is over the cap.
  bool checkHeight(unsigned height);
  /// Returns `expr`, recording its height in `lastHeight`.
  ExprPtr withHeight(ExprPtr expr, unsigned height) {
    lastHeight = height;
    return expr;
  }

  /// Skips to the end of the statement whose tokens have depth `depth`:
  /// past the next newline or `;` at that depth, or up to a `}` that closes
  /// the enclosing block, a declaration keyword, or EOF. With `stopAtComma`
  /// a `,` at that depth ends it too (struct fields).
  void skipToStmtEnd(unsigned depth, bool stopAtComma = false);
  /// Skips to the next declaration keyword at any depth (or EOF).
  void skipToDecl();

  /// Raises the nesting count while alive.
  struct NestingScope {
    explicit NestingScope(Parser &parser) : parser(parser) { ++parser.nesting; }
    ~NestingScope() { --parser.nesting; }
    Parser &parser;
  };
  /// Sets `noStructLiteral` while alive, restoring it afterwards.
  struct StructLiteralScope {
    StructLiteralScope(Parser &parser, bool forbid)
        : parser(parser), saved(parser.noStructLiteral) {
      parser.noStructLiteral = forbid;
    }
    ~StructLiteralScope() { parser.noStructLiteral = saved; }
    Parser &parser;
    bool saved;
  };

  //===--------------------------------------------------------------------===//
  // Declarations, types, parameters and patterns (ParseDecl.cpp)
  //===--------------------------------------------------------------------===//

  std::unique_ptr<Decl> parseDecl();
  std::unique_ptr<ImportDecl> parseImport();
  std::unique_ptr<StructDecl> parseStruct();
  std::unique_ptr<FunctionDecl> parseFunction(bool isExport);
  /// Reports trailing tokens after a declaration; returns false if any.
  bool expectDeclEnd();
  /// `(params)`; the current token is the `(`.
  bool parseParams(std::vector<Param> &params);
  std::unique_ptr<TypeExpr> parseType();
  bool parseDim(DimExpr &dim);
  std::unique_ptr<Pattern> parsePattern();

  //===--------------------------------------------------------------------===//
  // Expressions, blocks and statements (ParseExpr.cpp)
  //===--------------------------------------------------------------------===//

  ExprPtr parseExpr();
  ExprPtr parseBinary(int minPrec);
  ExprPtr parseUnary();
  ExprPtr parsePower();
  ExprPtr parsePostfix();
  ExprPtr parsePrimary();
  ExprPtr parseParenExpr();
  ExprPtr parseArrayLiteral();
  ExprPtr parseIf();
  ExprPtr parseLambda();
  /// `{ stmts }`; the current token is the `{`.
  std::unique_ptr<BlockExpr> parseBlock();
  std::unique_ptr<Stmt> parseStmt();
  /// `(args)`; the current token is the `(`. Sets `lastHeight` to the
  /// tallest argument's height (0 without arguments).
  bool parseCallArgs(std::vector<Argument> &args);
  /// `[items]`; the current token is the `[`. Sets `lastHeight` to the
  /// tallest index expression's height.
  bool parseIndexItems(std::vector<IndexItem> &items);
  /// Returns the item's tallest expression height, or 0 on error.
  unsigned parseIndexItem(IndexItem &item);
  bool looksLikeStructLiteral(const Expr &base);
  ExprPtr parseStructLiteral(ExprPtr base);
  ExprPtr parseIntLiteral();
  ExprPtr parseFloatLiteral();
  /// Whether the current token cannot continue a list and should be
  /// reported as a missing closing bracket.
  bool atListTerminator();

  Lexer lexer;
  DiagnosticEngine &diag;
  const SourceManager &sm;
  uint32_t fileId;
  std::deque<Token> lookahead;

  unsigned nesting = 0;
  /// The height of the expression the last parse function returned.
  unsigned lastHeight = 0;
  /// "nested too deeply" is reported once per declaration: after recovery
  /// inside a block, the next statement is usually as deep.
  bool reportedTooDeep = false;
  /// Inside an `if` condition, `Name {` starts the block, not a literal.
  bool noStructLiteral = false;
  /// The offset of the last reported error (to report one per token).
  uint64_t lastErrorOffset = UINT64_MAX;
};

} // namespace jx

#endif // JX_LIB_FRONTEND_PARSERIMPL_H
