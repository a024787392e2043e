//===- ASTPrinter.cpp - Readable dump of the (typed) AST ------------------===//
//
// One node per line, two spaces of indentation per level: the node kind, its
// salient data, `<line:col>`, and ` : type` once Sema has typed it. Type
// annotations and patterns print in source syntax. For example:
//
//   Function dense <3:5>
//     Param w: f32[i, o] <3:11>
//     Result f32[o]
//     Block <3:46>
//       Let y <4:3>
//         Binary '+' <4:15>
//           ...
//
// A block prints its statements, then its result expression unwrapped; an
// expression statement that is not the result prints as `ExprStmt`.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/ASTPrinter.h"

#include "llvm/ADT/StringExtras.h"

using namespace jx;

//===----------------------------------------------------------------------===//
// Source syntax for types and patterns
//===----------------------------------------------------------------------===//

static void printTypeExpr(const TypeExpr &type, llvm::raw_ostream &os) {
  if (type.kind == TypeExpr::Kind::Tuple) {
    os << '(';
    llvm::interleaveComma(type.elements, os,
                          [&](const std::unique_ptr<TypeExpr> &element) {
                            printTypeExpr(*element, os);
                          });
    if (type.elements.size() == 1)
      os << ',';
    os << ')';
    return;
  }
  if (!type.qualifier.empty())
    os << type.qualifier << '.';
  os << type.name;
  if (!type.hasDims)
    return;
  os << '[';
  llvm::interleaveComma(type.dims, os, [&](const DimExpr &dim) {
    if (dim.value)
      os << *dim.value;
    else
      os << dim.name;
  });
  os << ']';
}

static void printPattern(const Pattern &pattern, llvm::raw_ostream &os) {
  switch (pattern.kind) {
  case Pattern::Kind::Name:
    os << pattern.name;
    return;
  case Pattern::Kind::Wildcard:
    os << '_';
    return;
  case Pattern::Kind::Tuple:
    os << '(';
    llvm::interleaveComma(pattern.elements, os,
                          [&](const std::unique_ptr<Pattern> &element) {
                            printPattern(*element, os);
                          });
    if (pattern.elements.size() == 1)
      os << ',';
    os << ')';
    return;
  }
}

static void printQuoted(llvm::StringRef text, llvm::raw_ostream &os) {
  os << '"';
  for (unsigned char c : text) {
    switch (c) {
    case '\n':
      os << "\\n";
      break;
    case '\t':
      os << "\\t";
      break;
    case '\r':
      os << "\\r";
      break;
    case '"':
      os << "\\\"";
      break;
    case '\\':
      os << "\\\\";
      break;
    default:
      if (c < 0x20 || c == 0x7f)
        os << "\\x" << llvm::utohexstr(c, /*LowerCase=*/true, /*Width=*/2);
      else
        os << static_cast<char>(c);
    }
  }
  os << '"';
}

//===----------------------------------------------------------------------===//
// The printer
//===----------------------------------------------------------------------===//

namespace {
class ASTPrinter {
public:
  explicit ASTPrinter(llvm::raw_ostream &os) : os(os) {}

  void printDecl(const Decl &decl, unsigned depth);
  void printFunction(const FunctionDecl &fn, unsigned depth);
  void printExpr(const Expr &expr, unsigned depth);

private:
  llvm::raw_ostream &line(unsigned depth) {
    os.indent(2 * depth);
    return os;
  }
  void printLoc(SourceLoc loc) {
    os << " <" << loc.line << ':' << loc.col << '>';
  }
  /// Ends the line of an expression: location, then its type if any.
  void endExpr(const Expr &expr) {
    printLoc(expr.loc);
    if (expr.type)
      os << " : " << typeToString(expr.type);
    os << '\n';
  }
  void printChild(const Expr *expr, unsigned depth) {
    if (expr)
      printExpr(*expr, depth);
    else
      line(depth) << "<<null>>\n";
  }
  void printParams(const std::vector<Param> &params, const TypeExpr *resultType,
                   unsigned depth);
  void printArgs(const std::vector<Argument> &args, unsigned depth);
  void printItems(const std::vector<IndexItem> &items, unsigned depth);
  void printStmt(const Stmt &stmt, unsigned depth);

  llvm::raw_ostream &os;
};
} // namespace

void ASTPrinter::printDecl(const Decl &decl, unsigned depth) {
  if (const auto *import = llvm::dyn_cast<ImportDecl>(&decl)) {
    line(depth) << "Import " << llvm::join(import->path, ".") << " as "
                << import->alias;
    printLoc(import->loc);
    os << '\n';
    return;
  }
  if (const auto *structDecl = llvm::dyn_cast<StructDecl>(&decl)) {
    line(depth) << "Struct " << structDecl->name;
    printLoc(structDecl->loc);
    os << '\n';
    for (const StructDecl::Field &field : structDecl->fields) {
      line(depth + 1) << "Field " << field.name << ": ";
      if (field.type)
        printTypeExpr(*field.type, os);
      printLoc(field.loc);
      os << '\n';
    }
    return;
  }
  printFunction(llvm::cast<FunctionDecl>(decl), depth);
}

void ASTPrinter::printParams(const std::vector<Param> &params,
                             const TypeExpr *resultType, unsigned depth) {
  for (const Param &param : params) {
    line(depth) << "Param " << param.name;
    if (param.type) {
      os << ": ";
      printTypeExpr(*param.type, os);
    }
    printLoc(param.loc);
    os << '\n';
  }
  if (resultType) {
    line(depth) << "Result ";
    printTypeExpr(*resultType, os);
    os << '\n';
  }
}

void ASTPrinter::printFunction(const FunctionDecl &fn, unsigned depth) {
  line(depth) << "Function " << fn.name;
  if (fn.isExport)
    os << " export";
  printLoc(fn.loc);
  os << '\n';
  printParams(fn.params, fn.resultType.get(), depth + 1);
  printChild(fn.body.get(), depth + 1);
}

void ASTPrinter::printArgs(const std::vector<Argument> &args, unsigned depth) {
  for (const Argument &arg : args) {
    if (arg.name.empty()) {
      printChild(arg.value.get(), depth);
      continue;
    }
    line(depth) << "Keyword " << arg.name;
    printLoc(arg.loc);
    os << '\n';
    printChild(arg.value.get(), depth + 1);
  }
}

void ASTPrinter::printItems(const std::vector<IndexItem> &items,
                            unsigned depth) {
  for (const IndexItem &item : items) {
    switch (item.kind) {
    case IndexItem::Kind::Expr:
      printChild(item.value.get(), depth);
      break;
    case IndexItem::Kind::Ellipsis:
      line(depth) << "Ellipsis";
      printLoc(item.loc);
      os << '\n';
      break;
    case IndexItem::Kind::NewAxis:
      line(depth) << "NewAxis";
      printLoc(item.loc);
      os << '\n';
      break;
    case IndexItem::Kind::Slice:
      // `Slice lo:hi:step`, naming the parts present; they follow in order.
      line(depth) << "Slice " << (item.lo ? "lo" : "") << ':'
                  << (item.hi ? "hi" : "");
      if (item.step)
        os << ":step";
      printLoc(item.loc);
      os << '\n';
      for (const ExprPtr *part : {&item.lo, &item.hi, &item.step})
        if (*part)
          printExpr(**part, depth + 1);
      break;
    }
  }
}

void ASTPrinter::printStmt(const Stmt &stmt, unsigned depth) {
  if (stmt.kind == Stmt::Kind::Expr) {
    line(depth) << "ExprStmt";
    printLoc(stmt.loc);
    os << '\n';
    printChild(stmt.value.get(), depth + 1);
    return;
  }
  line(depth) << "Let ";
  if (stmt.pattern)
    printPattern(*stmt.pattern, os);
  if (stmt.annotation) {
    os << ": ";
    printTypeExpr(*stmt.annotation, os);
  }
  printLoc(stmt.loc);
  os << '\n';
  printChild(stmt.value.get(), depth + 1);
}

void ASTPrinter::printExpr(const Expr &expr, unsigned depth) {
  switch (expr.kind) {
  case Expr::Kind::IntLit:
    line(depth) << "IntLit " << llvm::cast<IntLitExpr>(expr).value;
    endExpr(expr);
    return;
  case Expr::Kind::FloatLit:
    line(depth) << "FloatLit " << llvm::cast<FloatLitExpr>(expr).spellingText;
    endExpr(expr);
    return;
  case Expr::Kind::BoolLit:
    line(depth) << "BoolLit "
                << (llvm::cast<BoolLitExpr>(expr).value ? "true" : "false");
    endExpr(expr);
    return;
  case Expr::Kind::StringLit:
    line(depth) << "StringLit ";
    printQuoted(llvm::cast<StringLitExpr>(expr).value, os);
    endExpr(expr);
    return;
  case Expr::Kind::NoneLit:
    line(depth) << "NoneLit";
    endExpr(expr);
    return;
  case Expr::Kind::Name:
    line(depth) << "Name " << llvm::cast<NameExpr>(expr).name;
    endExpr(expr);
    return;
  case Expr::Kind::Tuple:
    line(depth) << "Tuple";
    endExpr(expr);
    for (const ExprPtr &element : llvm::cast<TupleExpr>(expr).elements)
      printChild(element.get(), depth + 1);
    return;
  case Expr::Kind::ArrayLit:
    line(depth) << "ArrayLit";
    endExpr(expr);
    for (const ExprPtr &element : llvm::cast<ArrayLitExpr>(expr).elements)
      printChild(element.get(), depth + 1);
    return;
  case Expr::Kind::Unary: {
    const auto &unary = llvm::cast<UnaryExpr>(expr);
    line(depth) << "Unary '" << spelling(unary.op) << '\'';
    endExpr(expr);
    printChild(unary.operand.get(), depth + 1);
    return;
  }
  case Expr::Kind::Binary: {
    const auto &binary = llvm::cast<BinaryExpr>(expr);
    line(depth) << "Binary '" << spelling(binary.op) << '\'';
    endExpr(expr);
    printChild(binary.lhs.get(), depth + 1);
    printChild(binary.rhs.get(), depth + 1);
    return;
  }
  case Expr::Kind::Call: {
    // The callee first, then the arguments.
    const auto &call = llvm::cast<CallExpr>(expr);
    line(depth) << "Call";
    endExpr(expr);
    printChild(call.callee.get(), depth + 1);
    printArgs(call.args, depth + 1);
    return;
  }
  case Expr::Kind::Index: {
    const auto &index = llvm::cast<IndexExpr>(expr);
    line(depth) << "Index";
    endExpr(expr);
    printChild(index.base.get(), depth + 1);
    printItems(index.items, depth + 1);
    return;
  }
  case Expr::Kind::Field: {
    const auto &field = llvm::cast<FieldExpr>(expr);
    line(depth) << "Field " << field.field;
    endExpr(expr);
    printChild(field.base.get(), depth + 1);
    return;
  }
  case Expr::Kind::TupleField: {
    const auto &field = llvm::cast<TupleFieldExpr>(expr);
    line(depth) << "TupleField " << field.index;
    endExpr(expr);
    printChild(field.base.get(), depth + 1);
    return;
  }
  case Expr::Kind::AtUpdate: {
    // The base, the indices under `At`, then the method's arguments.
    const auto &update = llvm::cast<AtUpdateExpr>(expr);
    line(depth) << "AtUpdate " << update.method;
    endExpr(expr);
    printChild(update.base.get(), depth + 1);
    line(depth + 1) << "At\n";
    printItems(update.items, depth + 2);
    printArgs(update.args, depth + 1);
    return;
  }
  case Expr::Kind::StructLit: {
    const auto &literal = llvm::cast<StructLitExpr>(expr);
    line(depth) << "StructLit ";
    if (!literal.qualifier.empty())
      os << literal.qualifier << '.';
    os << literal.name;
    endExpr(expr);
    for (const StructLitExpr::FieldInit &field : literal.fields) {
      line(depth + 1) << "FieldInit " << field.name;
      printLoc(field.loc);
      os << '\n';
      printChild(field.value.get(), depth + 2);
    }
    return;
  }
  case Expr::Kind::If: {
    const auto &ifExpr = llvm::cast<IfExpr>(expr);
    line(depth) << "If";
    endExpr(expr);
    printChild(ifExpr.cond.get(), depth + 1);
    printChild(ifExpr.thenBranch.get(), depth + 1);
    printChild(ifExpr.elseBranch.get(), depth + 1);
    return;
  }
  case Expr::Kind::Lambda: {
    const auto &lambda = llvm::cast<LambdaExpr>(expr);
    line(depth) << "Lambda";
    endExpr(expr);
    printParams(lambda.params, lambda.resultType.get(), depth + 1);
    printChild(lambda.body.get(), depth + 1);
    return;
  }
  case Expr::Kind::Block: {
    const auto &block = llvm::cast<BlockExpr>(expr);
    line(depth) << "Block";
    endExpr(expr);
    for (const auto &stmt : block.stmts)
      printStmt(*stmt, depth + 1);
    if (block.result)
      printExpr(*block.result, depth + 1);
    return;
  }
  }
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

void jx::printModule(const Module &module, llvm::raw_ostream &os) {
  ASTPrinter printer(os);
  for (const auto &decl : module.decls)
    printer.printDecl(*decl, 0);
}

void jx::printFunction(const FunctionDecl &fn, llvm::raw_ostream &os,
                       unsigned indent) {
  ASTPrinter(os).printFunction(fn, indent);
}

void jx::printExpr(const Expr &expr, llvm::raw_ostream &os, unsigned indent) {
  ASTPrinter(os).printExpr(expr, indent);
}
