//===- ArrayBuiltinsEinsum.cpp - einsum subscripts ------------------------===//
//
// `einsum("ij,jk->ik", a, b)`: parses the subscripts, checks them against
// the operands (count, ranks, sizes of each label, repeated labels within an
// operand, which take a diagonal) and computes the result shape. Without
// `->` the output is NumPy's implicit one: the broadcast `...` dims, then the
// labels that appear exactly once, in alphabetical order. Labels must have
// equal sizes wherever they appear (NumPy's broadcasting of size-1 labels is
// not supported); the `...` dims broadcast.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

#include <cctype>
#include <map>

using namespace jx;
using namespace jx::builtins;

namespace {
/// One operand's (or the output's) subscripts: labels, with the position of
/// `...` among them when present.
struct Term {
  std::string labels;
  int ellipsis = -1; ///< index into `labels` where `...` stands
};

/// Parses `ij,jk->ik`; reports at `loc`. Spaces are ignored.
bool parseTerm(llvm::StringRef text, Term &term, DiagnosticEngine &diag,
               SourceLoc loc, llvm::StringRef spec) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ')
      continue;
    if (c == '.') {
      if (!text.substr(i).starts_with("...") || term.ellipsis >= 0) {
        diag.error(loc, "invalid '.' in einsum subscripts \"" + spec +
                            "\": each operand may have one '...'");
        return false;
      }
      term.ellipsis = term.labels.size();
      i += 2;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      diag.error(loc, "invalid character '" + llvm::Twine(c) +
                          "' in einsum subscripts \"" + spec + "\"");
      return false;
    }
    term.labels += c;
  }
  return true;
}
} // namespace

const Type *Checker::checkEinsum(SourceLoc loc,
                                 llvm::ArrayRef<BuiltinArg> args) {
  llvm::StringRef fn = "einsum";
  Param params[] = {req("subscripts"), unsupported("out"), opt("optimize"),
                    unsupported("precision"),
                    unsupported("preferred_element_type")};
  // The operands are positional; bind the keywords only.
  llvm::SmallVector<BuiltinArg, 4> keywords;
  llvm::SmallVector<const BuiltinArg *, 4> operandsArgs;
  const BuiltinArg *specArg = nullptr;
  for (const BuiltinArg &a : args) {
    if (!a.keyword.empty())
      keywords.push_back(a);
    else if (!specArg)
      specArg = &a;
    else
      operandsArgs.push_back(&a);
  }
  if (specArg)
    keywords.insert(keywords.begin(), *specArg);
  auto b = bind(fn, loc, keywords, params);
  if (!b)
    return nullptr;
  std::optional<std::string> spec =
      stringArg(fn, "subscripts", b->get("subscripts"));
  if (!spec)
    return nullptr;
  SourceLoc specLoc = b->get("subscripts")->loc;

  llvm::SmallVector<const ArrayType *, 4> operands;
  for (const BuiltinArg *a : operandsArgs) {
    const ArrayType *t = arrayArg(fn, "operands", a);
    if (!t)
      return nullptr;
    operands.push_back(t);
  }

  // Split into terms.
  llvm::StringRef text = *spec;
  llvm::StringRef inputs = text, output;
  bool explicitOutput = false;
  if (size_t arrow = text.find("->"); arrow != llvm::StringRef::npos) {
    inputs = text.substr(0, arrow);
    output = text.substr(arrow + 2);
    explicitOutput = true;
    if (output.contains("->")) {
      diag.error(specLoc, "einsum subscripts \"" + text +
                              "\" may contain only one '->'");
      return nullptr;
    }
  }
  llvm::SmallVector<llvm::StringRef, 4> parts;
  inputs.split(parts, ',');
  if (parts.size() != operands.size()) {
    diag.error(specLoc, "einsum subscripts \"" + text + "\" name " +
                            llvm::Twine(parts.size()) + " operand" +
                            (parts.size() == 1 ? "" : "s") + " but " +
                            llvm::Twine(operands.size()) +
                            (operands.size() == 1 ? " was" : " were") +
                            " given");
    return nullptr;
  }
  llvm::SmallVector<Term, 4> terms(parts.size());
  for (size_t i = 0; i < parts.size(); ++i)
    if (!parseTerm(parts[i], terms[i], diag, specLoc, text))
      return nullptr;

  // Bind label sizes; broadcast the `...` dims.
  std::map<char, std::pair<Dim, size_t>> labelDims; // size, first operand
  Shape ellipsisShape;
  bool anyEllipsis = false;
  for (size_t i = 0; i < terms.size(); ++i) {
    const Term &t = terms[i];
    const ArrayType *op = operands[i];
    llvm::ArrayRef<Dim> shape = op->getShape();
    size_t n = t.labels.size();
    bool rankOk = t.ellipsis < 0 ? shape.size() == n : shape.size() >= n;
    if (!rankOk) {
      diag.error(operandsArgs[i]->loc,
                 "einsum term \"" + parts[i].trim() + "\" of operand " +
                     llvm::Twine(i) + " needs " +
                     (t.ellipsis < 0 ? "" : "at least ") + llvm::Twine(n) +
                     " dimension" + (n == 1 ? "" : "s") + ", got " + spell(op));
      return nullptr;
    }
    size_t extra = shape.size() - n;
    for (size_t j = 0; j < n; ++j) {
      char c = t.labels[j];
      // Dims after `...` are shifted by the dims it stands for.
      size_t dimIndex =
          (t.ellipsis >= 0 && int(j) >= t.ellipsis) ? j + extra : j;
      Dim d = shape[dimIndex];
      auto it = labelDims.find(c);
      if (it == labelDims.end()) {
        labelDims[c] = {d, i};
      } else if (it->second.first != d) {
        const ArrayType *firstOp = operands[it->second.second];
        diag.error(operandsArgs[i]->loc,
                   "einsum label '" + llvm::Twine(c) + "' has size " +
                       it->second.first.str() + " in operand " +
                       llvm::Twine(it->second.second) + " (" + spell(firstOp) +
                       ") but " + d.str() + " in operand " + llvm::Twine(i) +
                       " (" + spell(op) + ")");
        return nullptr;
      }
    }
    if (t.ellipsis >= 0) {
      anyEllipsis = true;
      llvm::ArrayRef<Dim> dims = shape.slice(t.ellipsis, extra);
      std::optional<Shape> s = broadcastDims(ellipsisShape, dims);
      if (!s) {
        diag.error(operandsArgs[i]->loc,
                   "the '...' dimensions of einsum operand " + llvm::Twine(i) +
                       " (" + spell(op) + ") do not broadcast with " +
                       spellShapeTuple(ellipsisShape));
        return nullptr;
      }
      ellipsisShape = *s;
    }
  }

  // The output.
  Term out;
  if (explicitOutput) {
    if (!parseTerm(output, out, diag, specLoc, text))
      return nullptr;
    for (size_t j = 0; j < out.labels.size(); ++j) {
      char c = out.labels[j];
      if (!labelDims.count(c)) {
        diag.error(specLoc, "einsum output label '" + llvm::Twine(c) +
                                "' does not appear in the inputs of \"" + text +
                                "\"");
        return nullptr;
      }
      if (out.labels.find(c) != j) {
        diag.error(specLoc, "einsum output label '" + llvm::Twine(c) +
                                "' appears more than once in \"" + text + "\"");
        return nullptr;
      }
    }
    if (out.ellipsis >= 0 && !anyEllipsis)
      ellipsisShape.clear();
  } else {
    // Implicit mode: `...` first, then the labels used once, sorted.
    // A label repeated within one operand counts as used more than once.
    std::map<char, unsigned> total;
    for (const Term &t : terms)
      for (char c : t.labels)
        ++total[c];
    for (const auto &entry : total)
      if (entry.second == 1)
        out.labels += entry.first;
    if (anyEllipsis)
      out.ellipsis = 0;
  }

  Shape result;
  for (size_t j = 0; j <= out.labels.size(); ++j) {
    if (out.ellipsis == int(j))
      result.append(ellipsisShape.begin(), ellipsisShape.end());
    if (j < out.labels.size())
      result.push_back(labelDims[out.labels[j]].first);
  }
  if (operands.empty()) {
    diag.error(loc, "'einsum' needs at least one operand");
    return nullptr;
  }
  Promotion p = promote(operands);
  return array(p.dtype, result, p.weak);
}
