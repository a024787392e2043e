//===- SemaPrint.cpp - Callables' spelling and the program dump -----------===//
//
// The readable names of function values (`grad(f, argnums=1)`), their
// environments, and `printProgram`, which lists every instance with its
// signature and typed body (used by jx-check and lit tests).
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/ASTPrinter.h"
#include "jx/Frontend/Callable.h"
#include "jx/Frontend/Program.h"

#include "llvm/ADT/StringExtras.h"

using namespace jx;

llvm::StringRef jx::transformName(TransformKind kind) {
  switch (kind) {
  case TransformKind::Grad:
    return "grad";
  case TransformKind::ValueAndGrad:
    return "value_and_grad";
  case TransformKind::Jvp:
    return "jvp";
  case TransformKind::Vjp:
    return "vjp";
  case TransformKind::Jacfwd:
    return "jacfwd";
  case TransformKind::Jacrev:
    return "jacrev";
  case TransformKind::Hessian:
    return "hessian";
  case TransformKind::Vmap:
    return "vmap";
  case TransformKind::Pmap:
    return "pmap";
  }
  return "?";
}

std::string TransformOptions::str(TransformKind kind) const {
  std::vector<std::string> parts;
  if (kind == TransformKind::Vmap || kind == TransformKind::Pmap) {
    if (!(inAxes.kind == StaticValue::Kind::Int && inAxes.intValue == 0))
      parts.push_back("in_axes=" + inAxes.str());
    if (!(outAxes.kind == StaticValue::Kind::Int && outAxes.intValue == 0))
      parts.push_back("out_axes=" + outAxes.str());
    if (!axisName.empty())
      parts.push_back("axis_name=\"" + axisName + "\"");
  } else if (kind != TransformKind::Jvp && kind != TransformKind::Vjp) {
    if (argnumsIsTuple || argnums.size() != 1 || argnums[0] != 0) {
      std::vector<std::string> nums;
      for (int64_t a : argnums)
        nums.push_back(std::to_string(a));
      std::string s = llvm::join(nums, ", ");
      if (argnumsIsTuple)
        s = "(" + s + (nums.size() == 1 ? ",)" : ")");
      parts.push_back("argnums=" + s);
    }
    if (hasAux)
      parts.push_back("has_aux=true");
  }
  return llvm::join(parts, ", ");
}

std::vector<const Type *> Callable::getEnvTypes() const {
  std::vector<const Type *> env;
  switch (kind) {
  case Kind::Function:
  case Kind::Builtin:
    break;
  case Kind::Lambda:
    for (const auto &c : captures)
      env.push_back(c.type);
    break;
  case Kind::Transform:
    env = inner->getEnvTypes();
    break;
  case Kind::Pullback:
    for (const auto &p : primal->params)
      env.push_back(p.type);
    break;
  case Kind::Partial:
    env = inner->getEnvTypes();
    env.insert(env.end(), boundTypes.begin(), boundTypes.end());
    break;
  }
  return env;
}

std::string Callable::str() const {
  switch (kind) {
  case Kind::Function:
    return decl ? decl->name : "?";
  case Kind::Lambda:
    return "lambda@" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
  case Kind::Builtin:
    return builtinName;
  case Kind::Transform: {
    std::string opts = options.str(transform);
    return transformName(transform).str() + "(" + inner->str() +
           (opts.empty() ? "" : ", " + opts) + ")";
  }
  case Kind::Pullback:
    return "pullback(" + inner->str() + ")";
  case Kind::Partial:
    return "partial(" + inner->str() + ", " +
           std::to_string(boundTypes.size()) + " bound)";
  }
  return "?";
}

void jx::printProgram(const Program &program, llvm::raw_ostream &os) {
  for (const auto &inst : program.instances) {
    os << "instance " << inst->symbol << "(";
    for (size_t i = 0; i < inst->params.size(); ++i) {
      if (i)
        os << ", ";
      if (i == inst->numUserParams)
        os << "env ";
      os << inst->params[i].name << ": " << typeToString(inst->params[i].type);
    }
    os << ") -> " << typeToString(inst->resultType);
    if (inst->isExported)
      os << " export";
    if (inst->isMain)
      os << " main";
    std::vector<std::string> statics;
    for (const auto &p : inst->params)
      if (p.value)
        statics.push_back(p.name + " = " + p.value->str());
    if (!statics.empty())
      os << " static(" << llvm::join(statics, ", ") << ")";
    os << "\n";
    switch (inst->kind) {
    case FunctionInstance::Kind::Function:
    case FunctionInstance::Kind::Lambda:
      if (inst->body)
        printFunction(*inst->body, os, 1);
      break;
    case FunctionInstance::Kind::Builtin:
      os << "  = builtin " << inst->builtin << "\n";
      break;
    case FunctionInstance::Kind::Transform: {
      std::string opts = inst->options.str(inst->transform);
      os << "  = " << transformName(inst->transform) << "("
         << inst->inner->symbol << (opts.empty() ? "" : ", " + opts) << ")";
      if (inst->transform == TransformKind::Vmap ||
          inst->transform == TransformKind::Pmap)
        os << " axis size " << inst->axisSize.str();
      os << "\n";
      break;
    }
    case FunctionInstance::Kind::Pullback:
      os << "  = pullback(" << inst->inner->symbol << ")\n";
      break;
    case FunctionInstance::Kind::Partial:
      os << "  = partial(" << inst->inner->symbol << ")\n";
      break;
    }
  }
}
