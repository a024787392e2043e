//===- MLIRGenLibraryEinsum.cpp - einsum as dot_general, reduce, transpose ===//
//
// `einsum(spec, a, b, ...)` is lowered operand by operand:
//   1. labels repeated within one operand (`ii`, a trace or diagonal) are
//      masked with iotas and summed to one axis;
//   2. labels no later operand and not the output needs are summed away;
//   3. operands are contracted left to right with `jx.dot_general`: labels
//      both sides share are batch dims when still needed, else contracted;
//   4. the remaining labels are transposed to the output's order.
// `...` stands for the broadcast dims (right-aligned, as in NumPy); size-1
// dims are stretched explicitly first. Bool operands are computed in i32.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include <cctype>
#include <map>
#include <set>

using namespace jx;
using mlir::RankedTensorType;
using mlir::Value;
namespace dialect = mlir::jx;

namespace {
/// Labels are chars; the k-th dim of the broadcast `...` is kEllipsis + k.
constexpr int kEllipsis = 256;

struct Term {
  std::vector<int> labels; ///< with kEllipsis-based ids already expanded
  std::string letters;
  int ellipsis = -1; ///< position of `...` among `letters`
};

/// An operand being contracted: its value and one label per dim.
struct Operand {
  Value value;
  std::vector<int> labels;
};

bool parseTerm(llvm::StringRef text, Term &term) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ')
      continue;
    if (c == '.') {
      if (!text.substr(i).starts_with("...") || term.ellipsis >= 0)
        return false;
      term.ellipsis = term.letters.size();
      i += 2;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c)))
      return false;
    term.letters += c;
  }
  return true;
}

/// Expands `term` for an operand (or output) whose `...` has `extra` dims
/// out of the broadcast `total`.
void expand(Term &term, unsigned extra, unsigned total) {
  term.labels.clear();
  for (size_t j = 0; j <= term.letters.size(); ++j) {
    if (term.ellipsis == static_cast<int>(j))
      for (unsigned k = 0; k < extra; ++k)
        term.labels.push_back(kEllipsis + total - extra + k);
    if (j < term.letters.size())
      term.labels.push_back(static_cast<unsigned char>(term.letters[j]));
  }
}
} // namespace

/// Sums `op` over its dims at `positions` (and drops their labels).
static void sumOver(MLIRGenerator &gen, Operand &op,
                    llvm::SmallVector<int64_t> positions, SourceLoc at) {
  if (positions.empty())
    return;
  llvm::sort(positions);
  auto type = llvm::cast<RankedTensorType>(op.value.getType());
  llvm::SmallVector<int64_t> kept;
  std::vector<int> labels;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (!llvm::is_contained(positions, d)) {
      kept.push_back(type.getDimSize(d));
      labels.push_back(op.labels[d]);
    }
  op.value = dialect::ReduceOp::create(
      gen.builder, gen.loc(at),
      RankedTensorType::get(kept, type.getElementType()),
      dialect::ReduceKind::Sum, op.value, positions);
  op.labels = std::move(labels);
}

/// Sums away the labels of `op` that `keep` does not contain.
static void sumUnused(MLIRGenerator &gen, Operand &op,
                      const std::set<int> &keep, SourceLoc at) {
  llvm::SmallVector<int64_t> positions;
  for (auto [d, label] : llvm::enumerate(op.labels))
    if (!keep.count(label))
      positions.push_back(d);
  sumOver(gen, op, positions, at);
}

/// Replaces each label repeated within `op` by its diagonal.
static void takeDiagonals(MLIRGenerator &gen, Operand &op, SourceLoc at) {
  mlir::Location l = gen.loc(at);
  for (size_t p1 = 0; p1 < op.labels.size(); ++p1) {
    for (size_t p2 = p1 + 1; p2 < op.labels.size(); ++p2) {
      if (op.labels[p1] != op.labels[p2])
        continue;
      // x[..., i, ..., j, ...] where i == j, summed over j.
      IndexShape dims = gen.dimsOf(op.value, at);
      mlir::Type i64 = gen.builder.getI64Type();
      Value a = gen.iota(i64, dims, p1, at), b = gen.iota(i64, dims, p2, at);
      Value mask = gen.compare(a, b, dialect::ComparisonDirection::EQ, at);
      auto type = llvm::cast<RankedTensorType>(op.value.getType());
      Value zero = gen.filledTensor(type.getElementType(), 0, dims, at);
      op.value =
          dialect::SelectOp::create(gen.builder, l, type, mask, op.value, zero);
      sumOver(gen, op, {static_cast<int64_t>(p2)}, at);
      --p2;
    }
  }
}

std::optional<ValueTree> MLIRGenerator::genEinsum(LibCall &call) {
  SourceLoc at = call.loc;
  auto *result = llvm::dyn_cast_or_null<ArrayType>(call.resultType);
  std::optional<std::string> spec = libString(call.get("subscripts"));
  if (!result || !spec)
    return fail(at, "internal error: malformed call of 'einsum'");
  auto unsupported = [&](const llvm::Twine &why) {
    return fail(at, "einsum spec '" + *spec + "' is not supported yet: " + why);
  };
  DType rd = result->getDType();
  DType cd = computeDType(rd);

  // Parse.
  llvm::StringRef text = *spec, inputs = text, output;
  bool explicitOutput = false;
  if (size_t arrow = text.find("->"); arrow != llvm::StringRef::npos) {
    inputs = text.substr(0, arrow);
    output = text.substr(arrow + 2);
    explicitOutput = true;
  }
  llvm::SmallVector<llvm::StringRef, 4> parts;
  inputs.split(parts, ',');
  if (parts.size() != call.rest.size() || call.rest.empty())
    return unsupported("the operands do not match the subscripts");
  std::vector<Term> terms(parts.size());
  Term out;
  for (size_t i = 0; i < parts.size(); ++i)
    if (!parseTerm(parts[i], terms[i]))
      return unsupported("cannot parse the subscripts");
  if (explicitOutput && !parseTerm(output, out))
    return unsupported("cannot parse the output subscripts");

  // Lower the operands and expand `...` (right-aligned broadcast dims).
  std::vector<Operand> operands;
  unsigned total = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    Value v = libArray(*call.rest[i]);
    if (!v)
      return std::nullopt;
    unsigned rank = llvm::cast<RankedTensorType>(v.getType()).getRank();
    if (rank < terms[i].letters.size() ||
        (terms[i].ellipsis < 0 && rank != terms[i].letters.size()))
      return unsupported("an operand's rank does not match its subscripts");
    total = std::max<unsigned>(total, rank - terms[i].letters.size());
    operands.push_back({convert(v, cd, at), {}});
  }
  bool anyEllipsis = false;
  for (size_t i = 0; i < terms.size(); ++i) {
    unsigned rank =
        llvm::cast<RankedTensorType>(operands[i].value.getType()).getRank();
    expand(terms[i], rank - terms[i].letters.size(), total);
    operands[i].labels = terms[i].labels;
    anyEllipsis |= terms[i].ellipsis >= 0;
  }
  if (!explicitOutput) {
    // NumPy's implicit output: `...`, then the labels used once, sorted.
    std::map<char, unsigned> count;
    for (const Term &t : terms)
      for (char c : t.letters)
        ++count[c];
    for (const auto &[c, n] : count)
      if (n == 1)
        out.letters += c;
    if (anyEllipsis)
      out.ellipsis = 0;
  }
  expand(out, out.ellipsis >= 0 ? total : 0, total);

  // Stretch size-1 `...` dims to the broadcast size.
  std::map<int, std::pair<Value, unsigned>> source;
  for (Operand &op : operands) {
    auto type = llvm::cast<RankedTensorType>(op.value.getType());
    for (auto [d, label] : llvm::enumerate(op.labels))
      if (label >= kEllipsis && type.getDimSize(d) != 1 && !source.count(label))
        source[label] = {op.value, d};
  }
  for (Operand &op : operands) {
    auto type = llvm::cast<RankedTensorType>(op.value.getType());
    auto stretched = [&](unsigned d) {
      return op.labels[d] >= kEllipsis && type.getDimSize(d) == 1 &&
             source.count(op.labels[d]);
    };
    bool stretch = false;
    for (unsigned d = 0; d < op.labels.size(); ++d)
      stretch |= stretched(d);
    if (!stretch)
      continue;
    IndexShape dims;
    llvm::SmallVector<int64_t> identity;
    for (unsigned d = 0; d < op.labels.size(); ++d) {
      auto [from, axis] =
          stretched(d) ? source[op.labels[d]] : std::make_pair(op.value, d);
      dims.push_back(dimOf(from, axis, at));
      identity.push_back(d);
    }
    op.value = broadcastDims(op.value, dims, identity, at);
  }

  // Contract left to right.
  for (Operand &op : operands)
    takeDiagonals(*this, op, at);
  std::set<int> outLabels(out.labels.begin(), out.labels.end());
  auto neededAfter = [&](size_t i) {
    std::set<int> keep = outLabels;
    for (size_t j = i + 1; j < operands.size(); ++j)
      keep.insert(operands[j].labels.begin(), operands[j].labels.end());
    return keep;
  };
  Operand cur = operands[0];
  for (size_t i = 1; i < operands.size(); ++i) {
    Operand &next = operands[i];
    std::set<int> later = neededAfter(i);
    std::set<int> keepCur = later, keepNext = later;
    keepCur.insert(next.labels.begin(), next.labels.end());
    keepNext.insert(cur.labels.begin(), cur.labels.end());
    sumUnused(*this, cur, keepCur, at);
    sumUnused(*this, next, keepNext, at);

    llvm::SmallVector<int64_t> lb, rb, lc, rc;
    std::vector<int> labels;
    for (auto [d, label] : llvm::enumerate(cur.labels)) {
      auto it = llvm::find(next.labels, label);
      if (it == next.labels.end())
        continue;
      bool batch = later.count(label);
      (batch ? lb : lc).push_back(d);
      (batch ? rb : rc).push_back(it - next.labels.begin());
      if (batch)
        labels.push_back(label);
    }
    auto curType = llvm::cast<RankedTensorType>(cur.value.getType());
    auto nextType = llvm::cast<RankedTensorType>(next.value.getType());
    llvm::SmallVector<int64_t> dims;
    for (int64_t d : lb)
      dims.push_back(curType.getDimSize(d));
    for (auto [d, label] : llvm::enumerate(cur.labels))
      if (!llvm::is_contained(lb, int64_t(d)) &&
          !llvm::is_contained(lc, int64_t(d))) {
        dims.push_back(curType.getDimSize(d));
        labels.push_back(label);
      }
    for (auto [d, label] : llvm::enumerate(next.labels))
      if (!llvm::is_contained(rb, int64_t(d)) &&
          !llvm::is_contained(rc, int64_t(d))) {
        dims.push_back(nextType.getDimSize(d));
        labels.push_back(label);
      }
    auto type = RankedTensorType::get(dims, curType.getElementType());
    cur.value = dialect::DotGeneralOp::create(builder, loc(at), type, cur.value,
                                              next.value, lb, rb, lc, rc);
    cur.labels = std::move(labels);
  }
  sumUnused(*this, cur, outLabels, at);

  // Transpose to the output order.
  llvm::SmallVector<int64_t> perm;
  for (int label : out.labels) {
    auto it = llvm::find(cur.labels, label);
    if (it == cur.labels.end())
      return unsupported("output label without an input");
    perm.push_back(it - cur.labels.begin());
  }
  if (perm.size() != cur.labels.size())
    return unsupported("labels left over");
  return ValueTree::ofLeaf(
      convert(transposeValue(cur.value, perm, at), rd, at));
}
