//===- ExportWrappers.cpp - C entry points of compiled functions ----------===//
//
// The generated source has a fixed prelude of static helpers (checking,
// descriptor building, taking results) and, per function, constant tables of
// its leaves plus a short entry point that calls the helpers. Nothing in it
// is mutable global state: the tables are `static const`.
//
// Compiled functions return each result as a memref descriptor whose
// `allocated` pointer came from malloc/aligned_alloc in the lowered code and
// is owned by the caller (ownership-based deallocation clones any buffer it
// does not own before returning it). The same buffer may come back as two
// results (`(y, y)`); it is then copied for all but one and freed once.
// A buffer that starts 64-byte aligned at offset 0 is adopted without a copy
// (libjxrt frees owned arrays with free(), like the lowered code).
//
//===----------------------------------------------------------------------===//

#include "jx/Target/ExportWrappers.h"

#include "jx/Target/CHeader.h"

#include "llvm/ADT/StringSet.h"

using namespace jx;

namespace {

/// The helpers every generated file shares (static, so modules linked
/// together do not clash).
constexpr const char *kPrelude = R"c(
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One array leaf of a signature. dims[k]: a static size (>= 0), -1 - v for
 * size variable v, or JXABI_UNCHECKED. */
typedef struct jxabi_leaf_t {
  const char *name;
  const char *type;
  jx_dtype_t dtype;
  int32_t rank;
  const int64_t *dims;
} jxabi_leaf_t;

#define JXABI_UNCHECKED INT64_MIN
/* What lowered MLIR puts in `allocated` for a constant global. */
#define JXABI_GLOBAL_MARKER ((intptr_t)0xdeadbeef)

static int64_t jxabi_words(int32_t rank) { return 3 + 2 * (int64_t)rank; }

static jx_status_t jxabi_check(const char *fn, int32_t n,
                               const jxabi_leaf_t *leaves,
                               const jx_array_t *const *args,
                               const char *const *vars, int64_t *values,
                               int32_t *bound_leaf, int32_t *bound_axis) {
  int32_t i, k;
  for (i = 0; i < n; ++i) {
    const jxabi_leaf_t *leaf = &leaves[i];
    const jx_array_t *a = args[i];
    jx_status_t status;
    if (!a)
      return jx_status_make(JX_INVALID_ARGUMENT, "%s: argument '%s' is NULL",
                            fn, leaf->name);
    status = jx_array_validate(a);
    if (status)
      return jx_status_annotate(status, "%s: argument '%s'", fn,
                                leaf->name);
    if (a->dtype != leaf->dtype)
      return jx_status_make(JX_INVALID_ARGUMENT,
                            "%s: argument '%s' has dtype %s but must be %s",
                            fn, leaf->name, jx_dtype_name(a->dtype),
                            leaf->type);
    if (a->rank != leaf->rank)
      return jx_status_make(JX_INVALID_ARGUMENT,
                            "%s: argument '%s' has rank %d but must be %s "
                            "(rank %d)",
                            fn, leaf->name, (int)a->rank, leaf->type,
                            (int)leaf->rank);
    for (k = 0; k < a->rank; ++k) {
      int64_t want = leaf->dims[k], size = a->shape[k];
      int32_t v;
      if (want == JXABI_UNCHECKED)
        continue;
      if (want >= 0) {
        if (size != want)
          return jx_status_make(JX_SHAPE_MISMATCH,
                                "%s: argument '%s' axis %d has size %lld but "
                                "must be %lld (%s)",
                                fn, leaf->name, (int)k, (long long)size,
                                (long long)want, leaf->type);
        continue;
      }
      v = (int32_t)(-1 - want);
      if (bound_leaf[v] < 0) {
        bound_leaf[v] = i;
        bound_axis[v] = k;
        values[v] = size;
      } else if (values[v] != size) {
        return jx_status_make(
            JX_SHAPE_MISMATCH,
            "%s: argument '%s' axis %d has size %lld but '%s' axis %d says "
            "%s = %lld",
            fn, leaf->name, (int)k, (long long)size,
            leaves[bound_leaf[v]].name, (int)bound_axis[v], vars[v],
            (long long)values[v]);
      }
    }
  }
  return JX_STATUS_OK;
}

/* Writes the memref descriptor {allocated, aligned, offset, sizes, strides}
 * of each argument, C-contiguous; strided or misaligned inputs are copied
 * into `copies` first. */
static jx_status_t jxabi_prepare(const char *fn, int32_t n,
                                 const jxabi_leaf_t *leaves,
                                 const jx_array_t *const *args,
                                 int64_t *words,
                                 jx_owned_array_t **copies) {
  int32_t i, k;
  for (i = 0; i < n; ++i) {
    const jx_array_t *a = args[i];
    size_t size = jx_dtype_size(a->dtype);
    uint64_t stride = 1;
    if (!jx_array_is_contiguous(a) || (uintptr_t)a->data % size != 0) {
      jx_status_t status = jx_array_create_copy(a, &copies[i]);
      if (status)
        return jx_status_annotate(status, "%s: argument '%s'", fn,
                                  leaves[i].name);
      a = jx_array_view(copies[i]);
    }
    words[0] = words[1] = (int64_t)(intptr_t)a->data;
    words[2] = 0;
    for (k = a->rank - 1; k >= 0; --k) {
      words[3 + k] = a->shape[k];
      words[3 + a->rank + k] = (int64_t)stride;
      stride *= (uint64_t)a->shape[k];
    }
    words += jxabi_words(a->rank);
  }
  return JX_STATUS_OK;
}

/* True when `allocated` of result `i` must not be freed by us: a constant,
 * an argument's buffer, or a buffer an earlier result already has. */
static int jxabi_borrowed(intptr_t allocated, int32_t i,
                          const jxabi_leaf_t *results,
                          const int64_t *result_words, int32_t num_args,
                          const jxabi_leaf_t *args, const int64_t *arg_words) {
  int32_t j;
  if (!allocated || allocated == JXABI_GLOBAL_MARKER)
    return 1;
  for (j = 0; j < num_args; ++j) {
    if ((intptr_t)arg_words[0] == allocated)
      return 1;
    arg_words += jxabi_words(args[j].rank);
  }
  for (j = 0; j < i; ++j) {
    if ((intptr_t)result_words[0] == allocated)
      return 1;
    result_words += jxabi_words(results[j].rank);
  }
  return 0;
}

/* Moves the returned buffers into owned arrays (`*slots[i]`), then frees
 * what the compiled code allocated and nobody adopted. */
static jx_status_t jxabi_take(const char *fn, int32_t n,
                              const jxabi_leaf_t *results, int64_t *words,
                              jx_owned_array_t **const *slots,
                              int32_t num_args, const jxabi_leaf_t *args,
                              const int64_t *arg_words) {
  jx_status_t status = JX_STATUS_OK;
  int32_t i, j;
  int64_t *w = words;
  for (i = 0; i < n; ++i) {
    int32_t rank = results[i].rank;
    intptr_t allocated = (intptr_t)w[0];
    char *aligned = (char *)(intptr_t)w[1];
    jx_array_t view;
    int shared = 0;
    int64_t *other = words;
    view.data = aligned + w[2] * (int64_t)jx_dtype_size(results[i].dtype);
    view.dtype = results[i].dtype;
    view.rank = rank;
    view.shape = w + 3;
    view.strides = w + 3 + rank;
    for (j = 0; j < n; ++j) {
      if (j != i && (intptr_t)other[0] == allocated)
        shared = 1;
      other += jxabi_words(results[j].rank);
    }
    if (!status) {
      if (!shared &&
          !jxabi_borrowed(allocated, i, results, words, num_args, args,
                          arg_words) &&
          allocated == (intptr_t)aligned && w[2] == 0 &&
          (uintptr_t)aligned % JX_DEFAULT_ALIGNMENT == 0 &&
          jx_array_is_contiguous(&view)) {
        status = jx_array_adopt(view.dtype, rank, view.shape, aligned,
                                slots[i]);
        if (!status)
          w[0] = 0; /* adopted: not freed below */
      } else {
        status = jx_array_create_copy(&view, slots[i]);
      }
    }
    w += jxabi_words(rank);
  }
  w = words;
  for (i = 0; i < n; ++i) {
    if (!jxabi_borrowed((intptr_t)w[0], i, results, words, num_args, args,
                        arg_words))
      free((void *)(intptr_t)w[0]);
    w += jxabi_words(results[i].rank);
  }
  if (status) {
    for (i = 0; i < n; ++i) {
      jx_array_free(*slots[i]);
      *slots[i] = NULL;
    }
    return jx_status_annotate(status, "%s", fn);
  }
  return JX_STATUS_OK;
}

/* memref.copy between non-contiguous layouts lowers to a call of this
 * function of MLIR's runner utilities; a private copy keeps objects
 * self-contained. Descriptors: {rank, {allocated, aligned, offset,
 * sizes[rank], strides[rank]}}. */
typedef struct jxabi_unranked_t {
  int64_t rank;
  int64_t *descriptor;
} jxabi_unranked_t;

__attribute__((weak, visibility("hidden"))) void
memrefCopy(int64_t elem_size, jxabi_unranked_t *src, jxabi_unranked_t *dst);
void memrefCopy(int64_t elem_size, jxabi_unranked_t *src,
                jxabi_unranked_t *dst) {
  int64_t rank = src->rank, k;
  const int64_t *s = src->descriptor, *d = dst->descriptor;
  const char *from = (const char *)(intptr_t)s[1] + s[2] * elem_size;
  char *to = (char *)(intptr_t)d[1] + d[2] * elem_size;
  int64_t index[64] = {0};
  for (k = 0; k < rank; ++k)
    if (s[3 + k] == 0)
      return;
  for (;;) {
    memcpy(to, from, (size_t)elem_size);
    for (k = rank - 1; k >= 0; --k) {
      from += s[3 + rank + k] * elem_size;
      to += d[3 + rank + k] * elem_size;
      if (++index[k] < s[3 + k])
        break;
      from -= s[3 + rank + k] * elem_size * index[k];
      to -= d[3 + rank + k] * elem_size * index[k];
      index[k] = 0;
    }
    if (k < 0)
      return;
  }
}
)c";

constexpr const char *kMainPrelude = R"c(
static void jxabi_print(const char *path, const char *text) {
  if (!*path) {
    printf("%s\n", text);
    return;
  }
  {
    int width = (int)strlen(path) + 9; /* "result" + path + " = " */
    printf("result%s = ", path);
    for (; *text; ++text) {
      putchar(*text);
      if (*text == '\n')
        printf("%*s", width, "");
    }
    putchar('\n');
  }
}
)c";

std::string cString(llvm::StringRef s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string dtypeConstant(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return "JX_DTYPE_BOOL";
  case DType::I32:
    return "JX_DTYPE_I32";
  case DType::I64:
    return "JX_DTYPE_I64";
  case DType::U32:
    return "JX_DTYPE_U32";
  case DType::F16:
    return "JX_DTYPE_F16";
  case DType::BF16:
    return "JX_DTYPE_BF16";
  case DType::F32:
    return "JX_DTYPE_F32";
  case DType::F64:
    return "JX_DTYPE_F64";
  }
  return "JX_DTYPE_INVALID";
}

int64_t descriptorWords(llvm::ArrayRef<ABILeaf> leaves) {
  int64_t words = 0;
  for (const ABILeaf &leaf : leaves)
    words += 3 + 2 * static_cast<int64_t>(leaf.shape.size());
  return words;
}

/// `static const jxabi_leaf_t NAME[] = {...};` with the dims tables first.
void emitLeafTable(const std::string &name, llvm::ArrayRef<ABILeaf> leaves,
                   llvm::ArrayRef<std::vector<int64_t>> dims,
                   llvm::raw_ostream &os) {
  if (leaves.empty())
    return;
  for (auto [i, leaf] : llvm::enumerate(leaves)) {
    if (leaf.shape.empty() || dims.empty())
      continue;
    os << "static const int64_t " << name << "_dims" << i << "[] = {";
    for (auto [k, d] : llvm::enumerate(dims[i]))
      os << (k ? ", " : "")
         << (d == INT64_MIN ? std::string("JXABI_UNCHECKED")
                            : std::to_string(d));
    os << "};\n";
  }
  os << "static const jxabi_leaf_t " << name << "[] = {\n";
  for (auto [i, leaf] : llvm::enumerate(leaves)) {
    os << "    {" << cString(leaf.name) << ", " << cString(leaf.typeText)
       << ", " << dtypeConstant(leaf.dtype) << ", " << leaf.shape.size()
       << ", ";
    if (leaf.shape.empty() || dims.empty())
      os << "NULL";
    else
      os << name << "_dims" << i;
    os << "},\n";
  }
  os << "};\n";
}

/// `extern void NAME(...) __asm__("_mlir_ciface_SYMBOL");`
void emitImplDecl(const ABIFunction &fn, const std::string &name,
                  llvm::raw_ostream &os) {
  os << "extern void " << name << "(";
  bool first = true;
  if (!fn.results.empty()) {
    os << "int64_t *results";
    first = false;
  }
  for (size_t i = 0; i < fn.args.size(); ++i) {
    os << (first ? "" : ", ") << "int64_t *arg" << i;
    first = false;
  }
  if (first)
    os << "void";
  os << ") __asm__(" << cString("_mlir_ciface_" + fn.mlirSymbol) << ");\n";
}

/// The call of the compiled function on `words` / `result_words`.
void emitImplCall(const ABIFunction &fn, const std::string &name,
                  llvm::raw_ostream &os) {
  os << name << "(";
  bool first = true;
  if (!fn.results.empty()) {
    os << "result_words";
    first = false;
  }
  int64_t offset = 0;
  for (const ABILeaf &leaf : fn.args) {
    os << (first ? "" : ", ") << "words + " << offset;
    offset += 3 + 2 * static_cast<int64_t>(leaf.shape.size());
    first = false;
  }
  os << ");\n";
}

void emitEntry(const ABIFunction &fn, llvm::StringSet<> &freed,
               llvm::raw_ostream &os) {
  std::string impl = fn.cName + "__impl";
  os << "\n/* jx: " << fn.signature << " */\n";
  emitLeafTable(fn.cName + "__args", fn.args, fn.argDims, os);
  emitLeafTable(fn.cName + "__results", fn.results, {}, os);
  if (!fn.sizeVars.empty()) {
    os << "static const char *const " << fn.cName << "__vars[] = {";
    for (auto [i, var] : llvm::enumerate(fn.sizeVars))
      os << (i ? ", " : "") << cString(var);
    os << "};\n";
  }
  emitImplDecl(fn, impl, os);

  size_t numArgs = fn.args.size(), numResults = fn.results.size(),
         numVars = fn.sizeVars.size();
  std::string name = cString(fn.cName);
  os << "jx_status_t " << fn.cName << "(";
  bool first = true;
  for (const ABIParam &param : fn.params) {
    os << (first ? "" : ", ") << param.cType << param.cName;
    first = false;
  }
  if (!fn.resultCType.empty())
    os << (first ? "" : ", ") << fn.resultCType << "out_result";
  else if (first)
    os << "void";
  os << ") {\n";
  os << "  const jx_array_t *args[" << numArgs + 1 << "];\n";
  os << "  jx_owned_array_t **slots[" << numResults + 1 << "];\n";
  os << "  jx_owned_array_t *copies[" << numArgs + 1 << "] = {NULL};\n";
  os << "  int64_t words[" << descriptorWords(fn.args) + 1 << "];\n";
  os << "  int64_t result_words[" << descriptorWords(fn.results) + 1 << "];\n";
  os << "  int64_t values[" << numVars + 1 << "];\n";
  os << "  int32_t bound_leaf[" << numVars + 1 << "], bound_axis["
     << numVars + 1 << "];\n";
  os << "  jx_status_t status;\n  int32_t i;\n";
  if (numResults) {
    os << "  if (!out_result)\n    return jx_status_make(JX_INVALID_ARGUMENT, "
       << cString(fn.cName + ": 'out_result' is NULL") << ");\n";
    for (auto [i, leaf] : llvm::enumerate(fn.results))
      os << "  slots[" << i << "] = " << leaf.access << ";\n";
    os << "  for (i = 0; i < " << numResults << "; ++i)\n"
       << "    *slots[i] = NULL;\n";
  }
  for (const ABIParam &param : fn.params)
    os << "  if (!" << param.cName
       << ")\n    return jx_status_make(JX_INVALID_ARGUMENT, "
       << cString(fn.cName + ": argument '" + param.name + "' is NULL")
       << ");\n";
  for (auto [i, leaf] : llvm::enumerate(fn.args))
    os << "  args[" << i << "] = " << leaf.access << ";\n";
  os << "  for (i = 0; i < " << numVars << "; ++i)\n"
     << "    bound_leaf[i] = -1;\n";
  if (numArgs)
    os << "  status = jxabi_check(" << name << ", " << numArgs << ", "
       << fn.cName << "__args, args, "
       << (numVars ? fn.cName + "__vars" : std::string("NULL"))
       << ", values, bound_leaf, bound_axis);\n"
       << "  if (status)\n    return status;\n"
       << "  status = jxabi_prepare(" << name << ", " << numArgs << ", "
       << fn.cName << "__args, args, words, copies);\n";
  else
    os << "  status = JX_STATUS_OK;\n";
  os << "  if (!status) {\n    ";
  emitImplCall(fn, impl, os);
  if (numResults)
    os << "    status = jxabi_take(" << name << ", " << numResults << ", "
       << fn.cName << "__results, result_words, slots, " << numArgs << ", "
       << (numArgs ? fn.cName + "__args" : std::string("NULL"))
       << ", words);\n";
  os << "  }\n";
  os << "  for (i = 0; i < " << numArgs << "; ++i)\n"
     << "    jx_array_free(copies[i]);\n";
  os << "  (void)args;\n  (void)slots;\n  (void)values;\n"
        "  (void)bound_leaf;\n  (void)bound_axis;\n  (void)result_words;\n";
  os << "  return status;\n}\n";

  if (!fn.resultStruct.empty() && freed.insert(fn.resultStruct).second) {
    os << "void " << fn.resultStruct << "_free(" << fn.resultStruct
       << " *result) {\n  if (!result)\n    return;\n";
    for (const ABILeaf &leaf : fn.results) {
      std::string field = "result->" + leaf.access.substr(13);
      os << "  jx_array_free(" << field << ");\n  " << field << " = NULL;\n";
    }
    os << "}\n";
  }
}

void emitMain(const ABIFunction &fn, llvm::raw_ostream &os) {
  os << kMainPrelude;
  emitLeafTable("jxabi_main_results", fn.results, {}, os);
  emitImplDecl(fn, "jxabi_main_impl", os);
  size_t numResults = fn.results.size();
  os << "int main(void) {\n"
     << "  int64_t words[1];\n"
     << "  int64_t result_words[" << descriptorWords(fn.results) + 1 << "];\n"
     << "  int64_t *w = result_words;\n  int failed = 0;\n  int32_t i;\n"
     << "  jx_format_options_t options;\n"
     << "  jx_format_options_initialize(&options);\n"
     << "  options.style = JX_FORMAT_STYLE_REPR;\n  ";
  emitImplCall(fn, "jxabi_main_impl", os);
  if (numResults) {
    os << "  for (i = 0; i < " << numResults << "; ++i) {\n"
       << "    const jxabi_leaf_t *leaf = &jxabi_main_results[i];\n"
       << "    static const char *const paths[] = {";
    for (auto [i, leaf] : llvm::enumerate(fn.results))
      os << (i ? ", " : "") << cString(leaf.path);
    os << "};\n"
       << "    jx_array_t view;\n    char *text = NULL;\n"
       << "    jx_status_t status;\n"
       << "    view.data = (char *)(intptr_t)w[1] +\n"
       << "                w[2] * (int64_t)jx_dtype_size(leaf->dtype);\n"
       << "    view.dtype = leaf->dtype;\n    view.rank = leaf->rank;\n"
       << "    view.shape = w + 3;\n    view.strides = w + 3 + leaf->rank;\n"
       << "    status = jx_array_format(&view, &options, &text);\n"
       << "    if (status) {\n"
       << "      fprintf(stderr, \"error: cannot print result%s: %s\\n\",\n"
       << "              paths[i], jx_status_message(status));\n"
       << "      jx_status_free(status);\n      failed = 1;\n"
       << "    } else {\n      jxabi_print(paths[i], text);\n"
       << "      jx_string_free(text);\n    }\n"
       << "    w += jxabi_words(leaf->rank);\n  }\n"
       << "  w = result_words;\n"
       << "  for (i = 0; i < " << numResults << "; ++i) {\n"
       << "    if (!jxabi_borrowed((intptr_t)w[0], i, jxabi_main_results,\n"
       << "                        result_words, 0, NULL, NULL))\n"
       << "      free((void *)(intptr_t)w[0]);\n"
       << "    w += jxabi_words(jxabi_main_results[i].rank);\n  }\n";
  }
  os << "  (void)words;\n  (void)w;\n  (void)i;\n  (void)options;\n"
     << "  fflush(stdout);\n  return failed;\n}\n";
}

} // namespace

void jx::emitExportWrappers(const ModuleABI &abi, bool withMain,
                            llvm::raw_ostream &os) {
  os << "/* Entry points of the jx module '" << abi.moduleName
     << "' (generated by jxc; see docs/abi.md). */\n\n"
     << "#include <jx/runtime.h>\n\n";
  emitCDeclarations(abi, os);
  os << kPrelude;
  llvm::StringSet<> freed;
  for (const ABIFunction &fn : abi.functions)
    emitEntry(fn, freed, os);
  if (withMain && abi.main)
    emitMain(*abi.main, os);
}
