//===- Diagnostics.cpp - Source files and Clang-style diagnostics ---------===//
//
// Output format, as in Clang:
//
//   path:line:col: error: message
//     source line
//          ^
//
// A diagnostic without a location prints `jxc: error: message` alone.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cstdlib>

using namespace jx;

//===----------------------------------------------------------------------===//
// SourceManager
//===----------------------------------------------------------------------===//

uint32_t SourceManager::loadFile(llvm::StringRef path, std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false,
                                                   /*RequiresNullTerminator=*/
                                                   false);
  if (!buffer) {
    error = "cannot open '" + path.str() + "': " + buffer.getError().message();
    return 0;
  }
  return addBuffer(path, (*buffer)->getBuffer().str());
}

uint32_t SourceManager::addBuffer(llvm::StringRef path, std::string text) {
  files.push_back(SourceFile{path.str(), std::move(text)});
  return static_cast<uint32_t>(files.size());
}

SourceLoc SourceManager::getLocation(uint32_t fileId, uint32_t line,
                                     uint32_t col) const {
  SourceLoc loc;
  if (fileId == 0 || fileId > files.size() || line == 0)
    return loc;
  llvm::StringRef text = files[fileId - 1].text;
  size_t offset = 0;
  for (uint32_t l = 1; l < line && offset < text.size(); ++l) {
    size_t newline = text.find('\n', offset);
    offset = newline == llvm::StringRef::npos ? text.size() : newline + 1;
  }
  loc.fileId = fileId;
  loc.line = line;
  loc.col = col;
  loc.offset = static_cast<uint32_t>(
      std::min<size_t>(offset + (col > 0 ? col - 1 : 0), text.size()));
  return loc;
}

llvm::StringRef SourceManager::getLineText(SourceLoc loc) const {
  if (!loc.isValid() || loc.fileId > files.size())
    return {};
  llvm::StringRef text = files[loc.fileId - 1].text;
  size_t offset = std::min<size_t>(loc.offset, text.size());
  size_t begin = offset;
  while (begin > 0 && text[begin - 1] != '\n')
    --begin;
  size_t end = text.find('\n', offset);
  if (end == llvm::StringRef::npos)
    end = text.size();
  llvm::StringRef line = text.slice(begin, end).rtrim('\r');
  // The lexer skips a byte order mark, so columns start after it.
  if (begin == 0)
    line.consume_front("\xEF\xBB\xBF");
  return line;
}

//===----------------------------------------------------------------------===//
// DiagnosticEngine
//===----------------------------------------------------------------------===//

DiagnosticEngine::DiagnosticEngine(const SourceManager &sm,
                                   llvm::raw_ostream &os)
    : sm(sm), os(os),
      useColors(os.has_colors() && std::getenv("NO_COLOR") == nullptr) {}

void DiagnosticEngine::error(SourceLoc loc, const llvm::Twine &message) {
  report(DiagKind::Error, loc, message);
}

void DiagnosticEngine::warning(SourceLoc loc, const llvm::Twine &message) {
  report(DiagKind::Warning, loc, message);
}

void DiagnosticEngine::note(SourceLoc loc, const llvm::Twine &message) {
  report(DiagKind::Note, loc, message);
}

/// Lines longer than this are shown as a window around the column.
static constexpr size_t kMaxShownLine = 400;

/// Prints the source line of `loc` and a caret under its column. Control
/// bytes become spaces and tabs stay tabs, so the caret lines up.
static void printSourceLine(llvm::raw_ostream &os, bool useColors,
                            llvm::StringRef line, uint32_t col) {
  size_t column = col == 0 ? 0 : col - 1;
  column = std::min(column, line.size());
  llvm::StringRef prefix;
  size_t begin = 0;
  if (line.size() > kMaxShownLine) {
    begin = column > kMaxShownLine / 2 ? column - kMaxShownLine / 2 : 0;
    if (begin > 0)
      prefix = "...";
  }
  llvm::StringRef shown = line.substr(begin, kMaxShownLine);
  bool cut = begin + shown.size() < line.size();

  std::string text = prefix.str();
  for (char c : shown) {
    unsigned char u = static_cast<unsigned char>(c);
    text += (u < 0x20 && c != '\t') || u == 0x7f ? ' ' : c;
  }
  if (cut)
    text += "...";
  os << text << '\n';

  std::string caret(prefix.size(), ' ');
  for (size_t i = begin; i < column; ++i) {
    unsigned char u = static_cast<unsigned char>(line[i]);
    if (u == '\t')
      caret += '\t';
    else if ((u & 0xC0) != 0x80) // not a UTF-8 continuation byte
      caret += ' ';
  }
  os << caret;
  if (useColors)
    os.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  os << '^';
  if (useColors)
    os.resetColor();
  os << '\n';
}

/// Prints one diagnostic: header line, then the source line and caret.
static void emit(llvm::raw_ostream &os, const SourceManager &sm, bool useColors,
                 DiagKind kind, SourceLoc loc, const llvm::Twine &message) {
  if (useColors) {
    os.enable_colors(true);
    os.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  }
  if (loc.isValid())
    os << sm.getFile(loc.fileId).path << ':' << loc.line << ':' << loc.col
       << ": ";
  else
    os << "jxc: ";

  llvm::raw_ostream::Colors color = llvm::raw_ostream::RED;
  llvm::StringRef label = "error: ";
  if (kind == DiagKind::Warning) {
    color = llvm::raw_ostream::MAGENTA;
    label = "warning: ";
  } else if (kind == DiagKind::Note) {
    color = llvm::raw_ostream::CYAN;
    label = "note: ";
  }
  if (useColors)
    os.changeColor(color, /*Bold=*/true);
  os << label;
  if (useColors) {
    os.resetColor();
    if (kind != DiagKind::Note)
      os.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  }
  os << message;
  if (useColors)
    os.resetColor();
  os << '\n';

  if (loc.isValid())
    printSourceLine(os, useColors, sm.getLineText(loc), loc.col);
  os.flush();
}

void DiagnosticEngine::report(DiagKind kind, SourceLoc loc,
                              const llvm::Twine &message) {
  bool overLimit = errorLimit != 0 && numErrors >= errorLimit;
  switch (kind) {
  case DiagKind::Error:
    ++numErrors;
    if (overLimit) {
      // Keep counting, print the limit message once, and drop the rest
      // together with their notes.
      if (numErrors == errorLimit + 1)
        emit(os, sm, useColors, DiagKind::Error, SourceLoc(),
             "too many errors emitted, stopping now");
      suppressNotes = true;
      return;
    }
    suppressNotes = false;
    break;
  case DiagKind::Warning:
    if (overLimit) {
      suppressNotes = true;
      return;
    }
    suppressNotes = false;
    break;
  case DiagKind::Note:
    if (suppressNotes)
      return;
    break;
  }
  emit(os, sm, useColors, kind, loc, message);
}
