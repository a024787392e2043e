//===- TypePromotion.cpp - JAX's dtype promotion lattice -----------------===//
//
// jax.numpy's type promotion (`jax._src.dtypes`): a lattice over the dtypes
// plus two weak types, `i*` (a Python int) and `f*` (a Python float), that
// sit below every strong integer and float type, so a literal never widens
// the other operand (`x_f16 * 2.0` stays f16). The result of combining
// operands is their least upper bound.
//
// jx has the 64-bit types, so the lattice is JAX's x64 one (u32 with i32 goes
// to i64); a weak result materializes as the language's default types, i32
// and f32 (language.md section 2), as JAX does without x64.
//
//===----------------------------------------------------------------------===//

#include "ArrayBuiltinsImpl.h"

#include <array>
#include <bitset>

using namespace jx;
using namespace jx::builtins;

namespace {

/// The lattice nodes. u8, u16, i8, i16 and u64 are not jx dtypes but are
/// kept so that least upper bounds are exactly JAX's.
enum Node : unsigned {
  B1,
  IWeak,
  U8,
  U16,
  U32,
  U64,
  I8,
  I16,
  I32,
  I64,
  FWeak,
  BF16,
  F16,
  F32,
  F64,
  NumNodes
};

using NodeSet = std::bitset<NumNodes>;

/// The nodes directly above each node (JAX's `_type_promotion_lattice` with
/// strict=False, x64=True, without the complex and sub-byte types).
NodeSet successors(Node n) {
  NodeSet s;
  auto add = [&](std::initializer_list<Node> nodes) {
    for (Node m : nodes)
      s.set(m);
  };
  switch (n) {
  case B1:
    add({IWeak});
    break;
  case IWeak:
    add({U8, I8});
    break;
  case U8:
    add({I16, U16});
    break;
  case U16:
    add({I32, U32});
    break;
  case U32:
    add({I64, U64});
    break;
  case U64:
    add({FWeak});
    break;
  case I8:
    add({I16});
    break;
  case I16:
    add({I32});
    break;
  case I32:
    add({I64});
    break;
  case I64:
    add({FWeak});
    break;
  case FWeak:
    add({BF16, F16});
    break;
  case BF16:
  case F16:
    add({F32});
    break;
  case F32:
    add({F64});
    break;
  case F64:
  case NumNodes:
    break;
  }
  return s;
}

/// Every node's set of upper bounds (itself included), computed once.
const std::array<NodeSet, NumNodes> &upperBounds() {
  static const std::array<NodeSet, NumNodes> bounds = [] {
    std::array<NodeSet, NumNodes> ub;
    for (unsigned n = 0; n < NumNodes; ++n) {
      ub[n].set(n);
      while (true) {
        NodeSet next = ub[n];
        for (unsigned m = 0; m < NumNodes; ++m)
          if (ub[n].test(m))
            next |= successors(static_cast<Node>(m));
        if (next == ub[n])
          break;
        ub[n] = next;
      }
    }
    return ub;
  }();
  return bounds;
}

Node leastUpperBound(NodeSet nodes) {
  const auto &ub = upperBounds();
  NodeSet common;
  common.set();
  for (unsigned n = 0; n < NumNodes; ++n)
    if (nodes.test(n))
      common &= ub[n];
  // A node of the input that bounds all others is the answer.
  NodeSet inBoth = common & nodes;
  for (unsigned n = 0; n < NumNodes; ++n)
    if (inBoth.test(n))
      return static_cast<Node>(n);
  for (unsigned c = 0; c < NumNodes; ++c)
    if (common.test(c) && (common & ~ub[c]).none())
      return static_cast<Node>(c);
  // The lattice has a top (f64), so some common bound always exists.
  return F64;
}

Node strongNode(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return B1;
  case DType::I32:
    return I32;
  case DType::I64:
    return I64;
  case DType::U32:
    return U32;
  case DType::F16:
    return F16;
  case DType::BF16:
    return BF16;
  case DType::F32:
    return F32;
  case DType::F64:
    return F64;
  }
  return F32;
}

/// `_jax_type`: a weak operand counts as its Python scalar type.
Node jaxNode(DType dtype, bool weak) {
  if (!weak || dtype == DType::Bool)
    return strongNode(dtype);
  return isFloat(dtype) ? FWeak : IWeak;
}

/// The dtype of a result node. The weak nodes materialize as the default
/// types; the nodes that are not jx dtypes cannot be reached from jx dtypes.
DType nodeDType(Node n) {
  switch (n) {
  case B1:
    return DType::Bool;
  case IWeak:
  case U8:
  case U16:
  case I8:
  case I16:
  case I32:
    return DType::I32;
  case U32:
    return DType::U32;
  case U64:
  case I64:
    return DType::I64;
  case FWeak:
  case F32:
    return DType::F32;
  case BF16:
    return DType::BF16;
  case F16:
    return DType::F16;
  case F64:
  case NumNodes:
    return DType::F64;
  }
  return DType::F32;
}

} // namespace

Promotion builtins::promoteMany(llvm::ArrayRef<std::pair<DType, bool>> ops) {
  assert(!ops.empty() && "promotion of no operands");
  // This follows `jax._src.dtypes.lattice_result_type` case by case.
  if (ops.size() == 1)
    return {ops[0].first, ops[0].second && ops[0].first != DType::Bool};
  bool allSame = true, allWeak = true;
  for (const auto &op : ops) {
    allSame &= op.first == ops[0].first;
    allWeak &= op.second;
  }
  if (allSame && !allWeak)
    return {ops[0].first, false};
  NodeSet nodes;
  if (allWeak) {
    // The bound of the strong counterparts, made weak at the end.
    for (const auto &op : ops)
      nodes.set(strongNode(op.first));
    DType result = nodeDType(leastUpperBound(nodes));
    return {result, result != DType::Bool};
  }
  for (const auto &op : ops)
    nodes.set(jaxNode(op.first, op.second));
  Node result = leastUpperBound(nodes);
  bool weak = result == IWeak || result == FWeak;
  return {nodeDType(result), weak};
}

Promotion jx::promoteDTypes(DType a, bool aWeak, DType b, bool bWeak) {
  std::pair<DType, bool> ops[] = {{a, aWeak}, {b, bWeak}};
  return promoteMany(ops);
}

DType builtins::toInexact(DType dtype) {
  switch (dtype) {
  case DType::Bool:
  case DType::I32:
  case DType::U32:
    return DType::F32;
  case DType::I64:
    return DType::F64;
  default:
    return dtype;
  }
}

DType builtins::toNumeric(DType dtype) {
  return dtype == DType::Bool ? DType::I32 : dtype;
}
