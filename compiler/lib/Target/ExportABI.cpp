//===- ExportABI.cpp - The C ABI of a module's exported functions ---------===//
//
// Walks each exported signature depth first, as MLIRGen flattens pytrees at
// function boundaries, and names what C sees: one parameter per jx
// parameter (a `jx_array_t` for an array, a struct of them for a jx struct
// or tuple) and one result slot per result leaf.
//
//===----------------------------------------------------------------------===//

#include "jx/Target/ExportABI.h"

#include "jx/Frontend/Diagnostics.h"
#include "jx/Frontend/Program.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

#include <climits>
#include <map>

using namespace jx;

std::string jx::cIdentifier(llvm::StringRef name) {
  static const llvm::StringSet<> keywords = {
      "auto",     "break",     "case",     "char",     "const",     "continue",
      "default",  "do",        "double",   "else",     "enum",      "extern",
      "float",    "for",       "goto",     "if",       "inline",    "int",
      "long",     "register",  "restrict", "return",   "short",     "signed",
      "sizeof",   "static",    "struct",   "switch",   "typedef",   "union",
      "unsigned", "void",      "volatile", "while",    "bool",      "true",
      "false",    "class",     "delete",   "new",      "namespace", "operator",
      "private",  "protected", "public",   "template", "this",      "throw",
      "try",      "catch",     "virtual",  "friend",   "using",     "typename",
      "mutable",  "explicit",  "export",   "nullptr",  "and",       "or",
      "not",      "xor",       "main"};
  std::string id;
  for (char c : name)
    id += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])))
    id = "_" + id;
  if (keywords.contains(id))
    id += "_";
  return id;
}

namespace {

std::string typeText(const ArrayType *array) {
  std::string s = dtypeName(array->getDType()).str();
  if (!array->isScalar())
    s += shapeToString(array->getShape());
  return s;
}

class ABIBuilder {
public:
  ABIBuilder(const Program &program, DiagnosticEngine &diag)
      : program(program), diag(diag) {}

  mlir::FailureOr<ModuleABI> build() {
    const ModuleInfo &main = *program.modules.front();
    abi.moduleName = main.name;
    abi.prefix = cIdentifier(main.name);
    abi.sourcePath = main.path;
    for (const FunctionInstance *inst : program.entries) {
      if (inst->isExported) {
        auto fn = buildFunction(*inst);
        if (mlir::failed(fn))
          return mlir::failure();
        abi.functions.push_back(std::move(*fn));
      }
      if (inst->isMain && inst->params.empty()) {
        auto fn = buildFunction(*inst);
        if (mlir::failed(fn))
          return mlir::failure();
        abi.main = std::move(*fn);
      }
    }
    return std::move(abi);
  }

private:
  /// The C type of a value of `type`, declaring the structs it needs.
  /// `hint` names tuples (which have no name of their own).
  mlir::FailureOr<std::string> cType(const Type *type, bool result,
                                     const std::string &hint) {
    if (llvm::isa<ArrayType>(type))
      return std::string(result ? "jx_owned_array_t *" : "jx_array_t");
    ABIStruct st;
    std::vector<std::pair<std::string, const Type *>> fields;
    if (auto *tuple = llvm::dyn_cast<TupleType>(type)) {
      st.cName = hint;
      st.doc = "the tuple " + typeToString(type);
      for (auto [i, element] : llvm::enumerate(tuple->getElements()))
        fields.push_back({"_" + std::to_string(i), element});
    } else if (auto *s = llvm::dyn_cast<StructType>(type)) {
      auto key =
          std::make_pair(static_cast<const void *>(s->getDecl()), result);
      if (auto it = structNames.find(key); it != structNames.end())
        return it->second;
      st.cName = abi.prefix + "_" + cIdentifier(s->getName()) +
                 (result ? "_result" : "");
      st.doc = "struct " + s->getName().str();
      for (const StructType::Field &field : s->getFields())
        fields.push_back({cIdentifier(field.name), field.type});
      structNames[key] = st.cName;
    } else {
      return mlir::failure();
    }
    if (fields.empty())
      return mlir::failure();
    for (auto &[name, fieldType] : fields) {
      auto fieldCType = cType(fieldType, result, st.cName + "_" + name);
      if (mlir::failed(fieldCType))
        return mlir::failure();
      std::string doc = typeToString(fieldType);
      if (auto *array = llvm::dyn_cast<ArrayType>(fieldType))
        doc = typeText(array);
      st.fields.push_back({*fieldCType, name, doc});
    }
    std::string name = st.cName;
    abi.structs.push_back(std::move(st));
    return name;
  }

  /// Appends the array leaves of a value of `type` reached by `access` (a C
  /// lvalue) named `name` in messages.
  void flatten(const Type *type, const std::string &access,
               const std::string &name, const std::string &path,
               std::vector<ABILeaf> &out) {
    if (auto *array = llvm::dyn_cast<ArrayType>(type)) {
      ABILeaf leaf;
      leaf.access = access;
      leaf.name = name;
      leaf.path = path;
      leaf.dtype = array->getDType();
      leaf.shape.assign(array->getShape().begin(), array->getShape().end());
      leaf.typeText = typeText(array);
      out.push_back(std::move(leaf));
    } else if (auto *tuple = llvm::dyn_cast<TupleType>(type)) {
      for (auto [i, element] : llvm::enumerate(tuple->getElements())) {
        std::string index = std::to_string(i);
        flatten(element, access + "._" + index, name + "." + index,
                path + "." + index, out);
      }
    } else if (auto *st = llvm::dyn_cast<StructType>(type)) {
      for (const StructType::Field &field : st->getFields())
        flatten(field.type, access + "." + cIdentifier(field.name),
                name + "." + field.name, path + "." + field.name, out);
    }
  }

  mlir::FailureOr<ABIFunction> buildFunction(const FunctionInstance &inst) {
    ABIFunction fn;
    fn.mlirSymbol = inst.symbol;
    llvm::StringRef shortName = llvm::StringRef(inst.symbol).rsplit('.').second;
    fn.cName = abi.prefix + "_" + cIdentifier(shortName);
    if (inst.isMain && !inst.isExported)
      fn.cName = abi.prefix + "_main";

    std::string params;
    for (const FunctionInstance::Param &param : inst.params) {
      if (!params.empty())
        params += ", ";
      params += param.name + ": " + typeToString(param.type);
      ABIParam p;
      p.name = param.name;
      p.cName = cIdentifier(param.name);
      p.typeText = typeToString(param.type);
      auto ct = cType(param.type, /*result=*/false, fn.cName + "_" + p.cName);
      if (mlir::failed(ct) || hasNonArrayLeaf(param.type)) {
        diag.error(param.loc, "parameter '" + param.name + "' of type " +
                                  typeToString(param.type) +
                                  " cannot be passed through the C ABI; "
                                  "exported functions take arrays, tuples "
                                  "and structs of arrays");
        return mlir::failure();
      }
      bool isArray = llvm::isa<ArrayType>(param.type);
      p.cType = "const " + *ct + " *";
      std::size_t first = fn.args.size();
      flatten(param.type, isArray ? p.cName : "(*" + p.cName + ")", param.name,
              "", fn.args);
      for (std::size_t i = first; i < fn.args.size(); ++i) {
        ABILeaf &leaf = fn.args[i];
        // `(*p).w1` reads better as `p->w1`; arrays are passed as pointers.
        if (isArray)
          leaf.access = p.cName;
        else
          leaf.access =
              "&" + p.cName + "->" + leaf.access.substr(p.cName.size() + 4);
      }
      fn.params.push_back(std::move(p));
    }
    std::string resultText = typeToString(inst.resultType);
    if (auto *array = llvm::dyn_cast_or_null<ArrayType>(inst.resultType))
      resultText = typeText(array);
    fn.resultTypeText = resultText;
    fn.signature = std::string(inst.isExported ? "export " : "") + "def " +
                   shortName.str() + "(" + params + ") -> " + resultText;

    if (llvm::isa_and_nonnull<ArrayType>(inst.resultType)) {
      fn.resultCType = "jx_owned_array_t **";
      flatten(inst.resultType, "out_result", "result", "", fn.results);
    } else if (inst.resultType && !hasNonArrayLeaf(inst.resultType)) {
      auto ct = cType(inst.resultType, /*result=*/true, fn.cName + "_result");
      if (mlir::succeeded(ct)) {
        fn.resultStruct = *ct;
        fn.resultCType = *ct + " *";
        flatten(inst.resultType, "(*out_result)", "result", "", fn.results);
        for (ABILeaf &leaf : fn.results)
          leaf.access = "&out_result->" + leaf.access.substr(14);
      }
    }
    if (fn.resultCType.empty() && inst.resultType &&
        !isEmptyTuple(inst.resultType)) {
      diag.error(inst.loc, "the result type " + resultText + " of '" +
                               shortName.str() +
                               "' cannot be returned through the C ABI");
      return mlir::failure();
    }

    // Size variables, in order of first appearance.
    llvm::DenseMap<const SizeVar *, int64_t> vars;
    for (const ABILeaf &leaf : fn.args) {
      std::vector<int64_t> dims;
      for (const Dim &dim : leaf.shape) {
        if (dim.isStatic()) {
          dims.push_back(dim.size);
        } else if (!dim.var || dim.var->derived) {
          dims.push_back(INT64_MIN);
        } else {
          auto [it, inserted] =
              vars.try_emplace(dim.var, static_cast<int64_t>(vars.size()));
          if (inserted)
            fn.sizeVars.push_back(dim.var->name);
          dims.push_back(-1 - it->second);
        }
      }
      fn.argDims.push_back(std::move(dims));
    }
    return fn;
  }

  static bool isEmptyTuple(const Type *type) {
    auto *tuple = llvm::dyn_cast<TupleType>(type);
    return tuple && tuple->getElements().empty();
  }

  /// True for function values, strings, dtypes and none anywhere inside.
  static bool hasNonArrayLeaf(const Type *type) {
    if (llvm::isa<ArrayType>(type))
      return false;
    if (auto *tuple = llvm::dyn_cast<TupleType>(type)) {
      for (const Type *element : tuple->getElements())
        if (hasNonArrayLeaf(element))
          return true;
      return tuple->getElements().empty();
    }
    if (auto *st = llvm::dyn_cast<StructType>(type)) {
      for (const StructType::Field &field : st->getFields())
        if (hasNonArrayLeaf(field.type))
          return true;
      return st->getFields().empty();
    }
    return true;
  }

  const Program &program;
  DiagnosticEngine &diag;
  ModuleABI abi;
  std::map<std::pair<const void *, bool>, std::string> structNames;
};

} // namespace

mlir::FailureOr<ModuleABI> jx::buildModuleABI(const Program &program,
                                              DiagnosticEngine &diag) {
  return ABIBuilder(program, diag).build();
}
