//===- Diagnostics.h - Source files and Clang-style diagnostics -*- C++ -*-===//
//
// The source manager owns every loaded `.jx` buffer; the diagnostic engine
// prints `file:line:col: error: message`, the source line and a caret, then
// notes, in the style of Clang. Every frontend stage reports through it.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_DIAGNOSTICS_H
#define JX_FRONTEND_DIAGNOSTICS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jx {

/// A position in a source file. `fileId` 0 means "no location".
struct SourceLoc {
  uint32_t fileId = 0;
  uint32_t line = 0; ///< 1-based
  uint32_t col = 0;  ///< 1-based, in bytes
  uint32_t offset = 0;

  bool isValid() const { return fileId != 0; }
};

/// A loaded source file.
struct SourceFile {
  std::string path;
  std::string text;
};

/// Owns source buffers; hands out 1-based file ids.
class SourceManager {
public:
  /// Reads `path` from disk. Returns 0 and sets `error` when it cannot.
  uint32_t loadFile(llvm::StringRef path, std::string &error);
  /// Registers an in-memory buffer (used by tests and the fuzzer).
  uint32_t addBuffer(llvm::StringRef path, std::string text);

  uint32_t getNumFiles() const { return files.size(); }
  const SourceFile &getFile(uint32_t fileId) const {
    return files[fileId - 1];
  }
  /// The location of 1-based `line` and `col` in a file, with its offset
  /// (for positions that come back from MLIR locations).
  SourceLoc getLocation(uint32_t fileId, uint32_t line, uint32_t col) const;
  /// The text of line `loc.line`, without its newline.
  llvm::StringRef getLineText(SourceLoc loc) const;

private:
  std::vector<SourceFile> files;
};

enum class DiagKind { Error, Warning, Note };

/// Collects and prints diagnostics. Printing is immediate; the engine keeps
/// counts so a driver can decide its exit code.
class DiagnosticEngine {
public:
  DiagnosticEngine(const SourceManager &sm, llvm::raw_ostream &os);

  void error(SourceLoc loc, const llvm::Twine &message);
  void warning(SourceLoc loc, const llvm::Twine &message);
  void note(SourceLoc loc, const llvm::Twine &message);
  void report(DiagKind kind, SourceLoc loc, const llvm::Twine &message);

  unsigned getNumErrors() const { return numErrors; }
  bool hasErrors() const { return numErrors != 0; }

  /// Colors are used only when the stream is a terminal; tests may force them.
  void setUseColors(bool enable) { useColors = enable; }

  /// Stops printing (but keeps counting) after this many errors, so that a
  /// broken file does not bury the first, most useful error.
  void setErrorLimit(unsigned limit) { errorLimit = limit; }

  const SourceManager &getSourceManager() const { return sm; }

private:
  const SourceManager &sm;
  llvm::raw_ostream &os;
  bool useColors;
  unsigned numErrors = 0;
  unsigned errorLimit = 50;
  bool suppressNotes = false;
};

} // namespace jx

#endif // JX_FRONTEND_DIAGNOSTICS_H
