//===- Lexer.cpp - Tokenizer for .jx files --------------------------------===//
//
// See Lexer.h for the newline rules. The lexer never fails: invalid input
// becomes an `Error` token (already reported) or a literal marked `hasError`,
// so the parser can go on and report later, independent errors.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/Lexer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"

using namespace jx;

//===----------------------------------------------------------------------===//
// Token
//===----------------------------------------------------------------------===//

llvm::StringRef jx::tokenKindName(TokenKind kind) {
  switch (kind) {
  case TokenKind::Eof:
    return "eof";
  case TokenKind::Newline:
    return "newline";
  case TokenKind::Error:
    return "error";
  case TokenKind::Identifier:
    return "identifier";
  case TokenKind::IntLiteral:
    return "int_literal";
  case TokenKind::FloatLiteral:
    return "float_literal";
  case TokenKind::StringLiteral:
    return "string_literal";
  case TokenKind::KwDef:
    return "kw_def";
  case TokenKind::KwExport:
    return "kw_export";
  case TokenKind::KwImport:
    return "kw_import";
  case TokenKind::KwAs:
    return "kw_as";
  case TokenKind::KwStruct:
    return "kw_struct";
  case TokenKind::KwLet:
    return "kw_let";
  case TokenKind::KwFn:
    return "kw_fn";
  case TokenKind::KwIf:
    return "kw_if";
  case TokenKind::KwElse:
    return "kw_else";
  case TokenKind::KwTrue:
    return "kw_true";
  case TokenKind::KwFalse:
    return "kw_false";
  case TokenKind::KwNone:
    return "kw_none";
  case TokenKind::KwAnd:
    return "kw_and";
  case TokenKind::KwOr:
    return "kw_or";
  case TokenKind::KwNot:
    return "kw_not";
  case TokenKind::LParen:
    return "l_paren";
  case TokenKind::RParen:
    return "r_paren";
  case TokenKind::LBracket:
    return "l_square";
  case TokenKind::RBracket:
    return "r_square";
  case TokenKind::LBrace:
    return "l_brace";
  case TokenKind::RBrace:
    return "r_brace";
  case TokenKind::Comma:
    return "comma";
  case TokenKind::Colon:
    return "colon";
  case TokenKind::Semi:
    return "semi";
  case TokenKind::Dot:
    return "period";
  case TokenKind::Ellipsis:
    return "ellipsis";
  case TokenKind::Arrow:
    return "arrow";
  case TokenKind::FatArrow:
    return "fat_arrow";
  case TokenKind::Equal:
    return "equal";
  case TokenKind::Plus:
    return "plus";
  case TokenKind::Minus:
    return "minus";
  case TokenKind::Star:
    return "star";
  case TokenKind::StarStar:
    return "starstar";
  case TokenKind::Slash:
    return "slash";
  case TokenKind::SlashSlash:
    return "slashslash";
  case TokenKind::Percent:
    return "percent";
  case TokenKind::At:
    return "at";
  case TokenKind::EqEq:
    return "equalequal";
  case TokenKind::NotEq:
    return "exclaimequal";
  case TokenKind::Less:
    return "less";
  case TokenKind::LessEq:
    return "lessequal";
  case TokenKind::Greater:
    return "greater";
  case TokenKind::GreaterEq:
    return "greaterequal";
  case TokenKind::Amp:
    return "amp";
  case TokenKind::Pipe:
    return "pipe";
  case TokenKind::Caret:
    return "caret";
  case TokenKind::Tilde:
    return "tilde";
  case TokenKind::Shl:
    return "lessless";
  case TokenKind::Shr:
    return "greatergreater";
  }
  return "unknown";
}

/// Escapes control bytes so a diagnostic never prints them raw.
static std::string printable(llvm::StringRef text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7f)
      out += "\\x" + llvm::utohexstr(c, /*LowerCase=*/true, /*Width=*/2);
    else
      out += static_cast<char>(c);
  }
  return out;
}

std::string Token::describe() const {
  switch (kind) {
  case TokenKind::Eof:
    return "end of file";
  case TokenKind::Newline:
    return "newline";
  default:
    break;
  }
  std::string shown = printable(text);
  if (shown.size() > 32)
    shown = shown.substr(0, 29) + "...";
  return "'" + shown + "'";
}

//===----------------------------------------------------------------------===//
// Character classes
//===----------------------------------------------------------------------===//

static bool isIdentStart(char c) { return llvm::isAlpha(c) || c == '_'; }
static bool isIdentChar(char c) { return llvm::isAlnum(c) || c == '_'; }
static bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/// Tokens after which a newline does not end the statement.
static bool continuesLine(TokenKind kind) {
  switch (kind) {
  case TokenKind::Plus:
  case TokenKind::Minus:
  case TokenKind::Star:
  case TokenKind::StarStar:
  case TokenKind::Slash:
  case TokenKind::SlashSlash:
  case TokenKind::Percent:
  case TokenKind::At:
  case TokenKind::EqEq:
  case TokenKind::NotEq:
  case TokenKind::Less:
  case TokenKind::LessEq:
  case TokenKind::Greater:
  case TokenKind::GreaterEq:
  case TokenKind::Amp:
  case TokenKind::Pipe:
  case TokenKind::Caret:
  case TokenKind::Tilde:
  case TokenKind::Shl:
  case TokenKind::Shr:
  case TokenKind::KwAnd:
  case TokenKind::KwOr:
  case TokenKind::KwNot:
  case TokenKind::Equal:
  case TokenKind::FatArrow:
  case TokenKind::Arrow:
  case TokenKind::Comma:
  case TokenKind::Colon:
  case TokenKind::Dot:
    return true;
  default:
    return false;
  }
}

//===----------------------------------------------------------------------===//
// Lexer
//===----------------------------------------------------------------------===//

Lexer::Lexer(uint32_t fileId, const SourceManager &sm, DiagnosticEngine &diag)
    : fileId(fileId), buffer(sm.getFile(fileId).text), diag(diag) {
  // A UTF-8 byte order mark is not part of the program; columns start after
  // it.
  if (buffer.starts_with("\xEF\xBB\xBF"))
    pos = lineStart = 3;
}

SourceLoc Lexer::locAt(uint32_t offset) const {
  SourceLoc loc;
  loc.fileId = fileId;
  loc.line = line;
  loc.col = offset - lineStart + 1;
  loc.offset = offset;
  return loc;
}

void Lexer::error(uint32_t offset, const llvm::Twine &message) {
  diag.error(locAt(offset), message);
}

Token Lexer::makeToken(TokenKind kind, uint32_t start) {
  Token token;
  token.kind = kind;
  token.loc = locAt(start);
  token.text = buffer.slice(start, pos);
  return token;
}

void Lexer::skipBlanks() {
  while (pos < buffer.size()) {
    char c = buffer[pos];
    if (isBlank(c)) {
      ++pos;
    } else if (c == '#') {
      while (pos < buffer.size() && buffer[pos] != '\n')
        ++pos;
    } else {
      break;
    }
  }
}

uint32_t Lexer::nextSignificant(uint32_t from) {
  if (from >= significantFrom && from <= significantTo)
    return significantTo;
  uint32_t p = from;
  while (p < buffer.size()) {
    char c = buffer[p];
    if (isBlank(c) || c == '\n') {
      ++p;
    } else if (c == '#') {
      while (p < buffer.size() && buffer[p] != '\n')
        ++p;
    } else {
      break;
    }
  }
  significantFrom = from;
  significantTo = p;
  return p;
}

bool Lexer::newlineEndsStatement() {
  if (lastKind == TokenKind::Newline)
    return false;
  uint32_t next = nextSignificant(pos);
  if (!brackets.empty() && brackets.back() != '{') {
    // Inside ( or [: the newline is whitespace, unless the next line starts
    // a new statement, which means a bracket was left unclosed.
    uint32_t end = next;
    while (end < buffer.size() && isIdentChar(buffer[end]))
      ++end;
    llvm::StringRef word = buffer.slice(next, end);
    if (word != "def" && word != "export" && word != "struct" &&
        word != "import" && word != "let")
      return false;
    while (!brackets.empty() && brackets.back() != '{')
      brackets.pop_back();
    return true;
  }
  if (continuesLine(lastKind))
    return false;
  // A line starting with `.name` continues a method chain.
  if (next + 1 < buffer.size() && buffer[next] == '.' &&
      isIdentStart(buffer[next + 1]))
    return false;
  return true;
}

void Lexer::updateBrackets(Token &token) {
  token.depth = brackets.size();
  char want = 0;
  switch (token.kind) {
  case TokenKind::LParen:
    brackets.push_back('(');
    return;
  case TokenKind::LBracket:
    brackets.push_back('[');
    return;
  case TokenKind::LBrace:
    brackets.push_back('{');
    return;
  case TokenKind::RParen:
    want = '(';
    break;
  case TokenKind::RBracket:
    want = '[';
    break;
  case TokenKind::RBrace:
    want = '{';
    break;
  default:
    return;
  }
  // A `)` or `]` closes its opener only within the innermost `{`; a `}`
  // closes the innermost `{` and every bracket left open inside it. An
  // unmatched closer changes nothing (the parser reports it).
  for (size_t i = brackets.size(); i > 0; --i) {
    char open = brackets[i - 1];
    if (open == want) {
      brackets.resize(i - 1);
      token.depth = i - 1;
      return;
    }
    if (open == '{')
      return;
  }
}

Token Lexer::next() {
  while (true) {
    skipBlanks();
    if (pos >= buffer.size()) {
      Token token = makeToken(TokenKind::Eof, buffer.size());
      token.depth = brackets.size();
      lastKind = TokenKind::Eof;
      return token;
    }
    if (buffer[pos] == '\n') {
      uint32_t start = pos;
      SourceLoc loc = locAt(start);
      ++pos;
      ++line;
      lineStart = pos;
      if (!newlineEndsStatement())
        continue;
      Token token;
      token.kind = TokenKind::Newline;
      token.loc = loc;
      token.text = buffer.slice(start, start + 1);
      token.depth = brackets.size();
      lastKind = TokenKind::Newline;
      lastWasTupleIndex = false;
      afterTupleDot = false;
      return token;
    }
    bool wasTupleDot = afterTupleDot;
    Token token = lexToken();
    updateBrackets(token);
    lastWasTupleIndex = wasTupleDot && token.is(TokenKind::IntLiteral);
    afterTupleDot = token.is(TokenKind::Dot) && pos < buffer.size() &&
                    llvm::isDigit(buffer[pos]);
    lastKind = token.kind;
    return token;
  }
}

Token Lexer::lexToken() {
  uint32_t start = pos;
  char c = buffer[pos];
  char c1 = pos + 1 < buffer.size() ? buffer[pos + 1] : '\0';
  char c2 = pos + 2 < buffer.size() ? buffer[pos + 2] : '\0';

  if (isIdentStart(c))
    return lexIdentifier(start);
  if (llvm::isDigit(c))
    return lexNumber(start);
  if (c == '"')
    return lexString(start);

  auto punct = [&](TokenKind kind, unsigned length) {
    pos += length;
    return makeToken(kind, start);
  };
  switch (c) {
  case '.':
    if (c1 == '.' && c2 == '.')
      return punct(TokenKind::Ellipsis, 3);
    if (llvm::isDigit(c1)) {
      // `t.0` and `t.0.1` are tuple fields; elsewhere `.5` is a float.
      bool tupleField =
          lastKind == TokenKind::Identifier || lastKind == TokenKind::RParen ||
          lastKind == TokenKind::RBracket || lastKind == TokenKind::RBrace ||
          (lastKind == TokenKind::IntLiteral && lastWasTupleIndex);
      if (!tupleField)
        return lexNumber(start);
    }
    return punct(TokenKind::Dot, 1);
  case '(':
    return punct(TokenKind::LParen, 1);
  case ')':
    return punct(TokenKind::RParen, 1);
  case '[':
    return punct(TokenKind::LBracket, 1);
  case ']':
    return punct(TokenKind::RBracket, 1);
  case '{':
    return punct(TokenKind::LBrace, 1);
  case '}':
    return punct(TokenKind::RBrace, 1);
  case ',':
    return punct(TokenKind::Comma, 1);
  case ':':
    return punct(TokenKind::Colon, 1);
  case ';':
    return punct(TokenKind::Semi, 1);
  case '+':
    return punct(TokenKind::Plus, 1);
  case '-':
    if (c1 == '>')
      return punct(TokenKind::Arrow, 2);
    return punct(TokenKind::Minus, 1);
  case '*':
    if (c1 == '*')
      return punct(TokenKind::StarStar, 2);
    return punct(TokenKind::Star, 1);
  case '/':
    if (c1 == '/')
      return punct(TokenKind::SlashSlash, 2);
    return punct(TokenKind::Slash, 1);
  case '%':
    return punct(TokenKind::Percent, 1);
  case '@':
    return punct(TokenKind::At, 1);
  case '=':
    if (c1 == '=')
      return punct(TokenKind::EqEq, 2);
    if (c1 == '>')
      return punct(TokenKind::FatArrow, 2);
    return punct(TokenKind::Equal, 1);
  case '!':
    if (c1 == '=')
      return punct(TokenKind::NotEq, 2);
    break;
  case '<':
    if (c1 == '<')
      return punct(TokenKind::Shl, 2);
    if (c1 == '=')
      return punct(TokenKind::LessEq, 2);
    return punct(TokenKind::Less, 1);
  case '>':
    if (c1 == '>')
      return punct(TokenKind::Shr, 2);
    if (c1 == '=')
      return punct(TokenKind::GreaterEq, 2);
    return punct(TokenKind::Greater, 1);
  case '&':
    return punct(TokenKind::Amp, 1);
  case '|':
    return punct(TokenKind::Pipe, 1);
  case '^':
    return punct(TokenKind::Caret, 1);
  case '~':
    return punct(TokenKind::Tilde, 1);
  case '\'': {
    // A Python habit: report it once and treat it as a string.
    error(start, "strings use double quotes, not single quotes");
    ++pos;
    while (pos < buffer.size() && buffer[pos] != '\n' && buffer[pos] != '\'')
      ++pos;
    if (pos < buffer.size() && buffer[pos] == '\'')
      ++pos;
    Token token = makeToken(TokenKind::StringLiteral, start);
    token.stringValue = token.text.drop_front().rtrim('\'').str();
    token.hasError = true;
    return token;
  }
  default:
    break;
  }
  return lexInvalid(start);
}

Token Lexer::lexIdentifier(uint32_t start) {
  while (pos < buffer.size() && isIdentChar(buffer[pos]))
    ++pos;
  llvm::StringRef text = buffer.slice(start, pos);
  TokenKind kind = llvm::StringSwitch<TokenKind>(text)
                       .Case("def", TokenKind::KwDef)
                       .Case("export", TokenKind::KwExport)
                       .Case("import", TokenKind::KwImport)
                       .Case("as", TokenKind::KwAs)
                       .Case("struct", TokenKind::KwStruct)
                       .Case("let", TokenKind::KwLet)
                       .Case("fn", TokenKind::KwFn)
                       .Case("if", TokenKind::KwIf)
                       .Case("else", TokenKind::KwElse)
                       .Case("true", TokenKind::KwTrue)
                       .Case("false", TokenKind::KwFalse)
                       .Case("none", TokenKind::KwNone)
                       .Case("and", TokenKind::KwAnd)
                       .Case("or", TokenKind::KwOr)
                       .Case("not", TokenKind::KwNot)
                       .Default(TokenKind::Identifier);
  return makeToken(kind, start);
}

Token Lexer::lexNumber(uint32_t start) {
  auto at = [&](uint32_t p) { return p < buffer.size() ? buffer[p] : '\0'; };
  auto skipDigits = [&] {
    while (llvm::isDigit(at(pos)) || at(pos) == '_')
      ++pos;
  };
  auto exponentAt = [&](uint32_t p) {
    if (at(p) != 'e' && at(p) != 'E')
      return false;
    if (llvm::isDigit(at(p + 1)))
      return true;
    return (at(p + 1) == '+' || at(p + 1) == '-') && llvm::isDigit(at(p + 2));
  };

  pos = start;
  // The index of a tuple field: digits only, so `t.0.1` is two fields.
  if (afterTupleDot) {
    while (llvm::isDigit(at(pos)))
      ++pos;
    return makeToken(TokenKind::IntLiteral, start);
  }

  bool isFloat = false;
  bool hasError = false;
  char c1 = at(pos + 1);
  if (at(pos) == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'b' || c1 == 'B' ||
                         c1 == 'o' || c1 == 'O')) {
    unsigned radix = (c1 == 'x' || c1 == 'X')   ? 16
                     : (c1 == 'o' || c1 == 'O') ? 8
                                                : 2;
    llvm::StringRef radixName = radix == 16  ? "hexadecimal"
                                : radix == 8 ? "octal"
                                             : "binary";
    pos += 2;
    uint32_t digitsStart = pos;
    while (isIdentChar(at(pos)))
      ++pos;
    bool anyDigit = false;
    for (uint32_t p = digitsStart; p < pos && !hasError; ++p) {
      char c = buffer[p];
      if (c == '_')
        continue;
      unsigned value = llvm::isDigit(c)   ? c - '0'
                       : llvm::isAlpha(c) ? llvm::toLower(c) - 'a' + 10
                                          : 99;
      if (value >= radix) {
        error(p, "invalid digit '" + llvm::Twine(c) + "' in " + radixName +
                     " literal");
        hasError = true;
      }
      anyDigit = true;
    }
    if (!anyDigit && !hasError) {
      error(start, "expected " + radixName + " digits after '0" +
                       llvm::Twine(c1) + "'");
      hasError = true;
    }
    Token token = makeToken(TokenKind::IntLiteral, start);
    token.hasError = hasError;
    return token;
  }

  if (at(pos) == '.') {
    ++pos; // `.5`
    isFloat = true;
  }
  skipDigits();
  if (!isFloat && at(pos) == '.') {
    char next = at(pos + 1);
    if (llvm::isDigit(next)) {
      ++pos;
      skipDigits();
      isFloat = true;
    } else if (next == '.') {
      // `1...`: leave the dots alone.
    } else if (isIdentStart(next) && !exponentAt(pos + 1)) {
      // `1.T`: a field of an integer literal, not a float.
    } else {
      ++pos; // `1.` and `1.e5`
      isFloat = true;
    }
  }
  if (exponentAt(pos)) {
    pos += (at(pos + 1) == '+' || at(pos + 1) == '-') ? 2 : 1;
    skipDigits();
    isFloat = true;
  }
  if (isIdentChar(at(pos))) {
    uint32_t suffixStart = pos;
    while (isIdentChar(at(pos)))
      ++pos;
    error(suffixStart, "invalid suffix '" + buffer.slice(suffixStart, pos) +
                           "' on numeric literal");
    hasError = true;
  }
  Token token = makeToken(
      isFloat ? TokenKind::FloatLiteral : TokenKind::IntLiteral, start);
  token.hasError = hasError;
  return token;
}

Token Lexer::lexString(uint32_t start) {
  pos = start + 1;
  std::string value;
  bool hasError = false;
  while (true) {
    if (pos >= buffer.size() || buffer[pos] == '\n') {
      error(start, "unterminated string literal");
      hasError = true;
      break;
    }
    char c = buffer[pos];
    if (c == '"') {
      ++pos;
      break;
    }
    if (c != '\\') {
      value += c;
      ++pos;
      continue;
    }
    if (pos + 1 >= buffer.size() || buffer[pos + 1] == '\n') {
      ++pos; // reported as unterminated on the next iteration
      continue;
    }
    char e = buffer[pos + 1];
    switch (e) {
    case 'n':
      value += '\n';
      break;
    case 't':
      value += '\t';
      break;
    case 'r':
      value += '\r';
      break;
    case '0':
      value += '\0';
      break;
    case '"':
    case '\\':
    case '\'':
      value += e;
      break;
    default:
      error(pos, "invalid escape sequence '\\" +
                     printable(llvm::StringRef(&buffer.data()[pos + 1], 1)) +
                     "' in string literal");
      hasError = true;
      value += e;
      break;
    }
    pos += 2;
  }
  Token token = makeToken(TokenKind::StringLiteral, start);
  token.stringValue = std::move(value);
  token.hasError = hasError;
  return token;
}

/// Whether `c` (at `p`) can begin a token.
static bool startsToken(llvm::StringRef buffer, uint32_t p) {
  char c = buffer[p];
  if (isIdentStart(c) || llvm::isDigit(c) || isBlank(c) || c == '\n')
    return true;
  if (c == '!')
    return p + 1 < buffer.size() && buffer[p + 1] == '=';
  return llvm::StringRef("#.\"'()[]{},:;+-*/%@=<>&|^~").contains(c);
}

Token Lexer::lexInvalid(uint32_t start) {
  // One diagnostic for a run of invalid characters.
  unsigned char c = buffer[start];
  std::string shown;
  unsigned length = 1;
  if (c >= 0xC2 && c <= 0xF4) {
    // A UTF-8 sequence: show the character itself when it is well formed.
    unsigned want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned n = 1;
    while (n < want && start + n < buffer.size() &&
           (static_cast<unsigned char>(buffer[start + n]) & 0xC0) == 0x80)
      ++n;
    if (n == want) {
      length = n;
      shown = buffer.substr(start, n).str();
    }
  }
  if (shown.empty()) {
    if (c >= 0x20 && c < 0x7f)
      shown = std::string(1, c);
    else
      shown = "\\x" + llvm::utohexstr(c, /*LowerCase=*/true, /*Width=*/2);
  }
  error(start, "invalid character '" + shown + "'");
  pos = start + length;
  while (pos < buffer.size() && !startsToken(buffer, pos))
    ++pos;
  return makeToken(TokenKind::Error, start);
}
