//===- Sema.cpp - Sema entry points, modules and imports ------------------===//
//
// Loads the main module and, depth first, every module it imports (detecting
// cycles), collects each module's top-level declarations, then checks the
// entry points; everything else is checked when an entry point reaches it.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "jx/Frontend/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace jx;

Sema::Sema(SourceManager &sm, DiagnosticEngine &diag, TypeContext &types,
           SemaOptions options)
    : impl(std::make_unique<SemaImpl>(sm, diag, types, std::move(options))) {}

Sema::~Sema() = default;

const Program *Sema::check(uint32_t mainFileId) {
  return impl->check(mainFileId);
}

SemaImpl::SemaImpl(SourceManager &sm, DiagnosticEngine &diag,
                   TypeContext &types, SemaOptions options)
    : sm(sm), diag(diag), types(types), options(std::move(options)),
      builtins(types, diag), program(std::make_unique<Program>()) {}

const FunctionInstance *Program::lookupInstance(llvm::StringRef symbol) const {
  for (const auto &inst : instances)
    if (inst->symbol == symbol)
      return inst.get();
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Modules
//===----------------------------------------------------------------------===//

static std::string canonicalPath(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (!llvm::sys::fs::real_path(path, real))
    return std::string(real);
  return path.str();
}

ModuleInfo *SemaImpl::loadModule(uint32_t fileId, std::string name) {
  auto info = std::make_unique<ModuleInfo>();
  info->fileId = fileId;
  info->path = sm.getFile(fileId).path;
  info->ast = parseModule(fileId, sm, diag);
  if (!info->ast)
    info->ast = std::make_unique<Module>();
  // Keep symbol prefixes unique when two files share a stem.
  std::string unique = name;
  for (unsigned n = 1;; ++n) {
    bool taken = false;
    for (const auto &m : program->modules)
      taken |= m->name == unique;
    if (!taken)
      break;
    unique = name + "_" + std::to_string(n);
  }
  info->name = unique;
  ModuleInfo *raw = info.get();
  program->modules.push_back(std::move(info));
  modulesByPath[canonicalPath(raw->path)] = raw;

  // Top-level declarations by name.
  std::map<std::string, SourceLoc> seen;
  for (const auto &decl : raw->ast->decls) {
    std::string declName;
    if (auto *fn = llvm::dyn_cast<FunctionDecl>(decl.get()))
      declName = fn->name;
    else if (auto *st = llvm::dyn_cast<StructDecl>(decl.get()))
      declName = st->name;
    else
      continue;
    auto [it, inserted] = seen.emplace(declName, decl->loc);
    if (!inserted) {
      diag.error(decl->loc, "redefinition of '" + declName + "'");
      diag.note(it->second,
                "previous definition of '" + declName + "' is here");
      continue;
    }
    raw->decls[declName] = decl.get();
  }
  return raw;
}

std::string SemaImpl::findModuleFile(const ModuleInfo &importer,
                                     const ImportDecl &import,
                                     std::vector<std::string> &searched) {
  llvm::SmallString<128> rel;
  for (size_t i = 0; i < import.path.size(); ++i)
    llvm::sys::path::append(rel, import.path[i]);
  rel += ".jx";

  std::vector<std::string> dirs;
  llvm::SmallString<256> importerDir(importer.path);
  llvm::sys::path::remove_filename(importerDir);
  dirs.push_back(importerDir.empty() ? "." : std::string(importerDir));
  for (const auto &dir : options.includeDirs)
    dirs.push_back(dir);
  if (!options.stdlibDir.empty())
    dirs.push_back(options.stdlibDir);

  for (size_t i = 0; i < dirs.size(); ++i) {
    // The importing file's own directory may be empty (a relative path).
    llvm::SmallString<256> candidate(i == 0 && importerDir.empty()
                                         ? llvm::StringRef()
                                         : llvm::StringRef(dirs[i]));
    llvm::sys::path::append(candidate, rel);
    searched.push_back(dirs[i]);
    if (llvm::sys::fs::is_regular_file(candidate))
      return std::string(candidate);
  }
  return "";
}

void SemaImpl::loadImports(ModuleInfo &module) {
  loading.push_back(&module);
  for (const auto &decl : module.ast->decls) {
    auto *import = llvm::dyn_cast<ImportDecl>(decl.get());
    if (!import || import->path.empty())
      continue;
    std::string dotted = llvm::join(import->path, ".");
    std::string alias =
        import->alias.empty() ? import->path.back() : import->alias;

    std::vector<std::string> searched;
    std::string file = findModuleFile(module, *import, searched);
    if (file.empty()) {
      diag.error(import->loc, "cannot find module '" + dotted + "'");
      diag.note(import->loc, "searched for '" + llvm::join(import->path, "/") +
                                 ".jx' in: " + llvm::join(searched, ", "));
      continue;
    }

    std::string key = canonicalPath(file);
    ModuleInfo *target = nullptr;
    auto it = modulesByPath.find(key);
    if (it != modulesByPath.end()) {
      target = it->second;
      auto cycleStart = std::find(loading.begin(), loading.end(), target);
      if (cycleStart != loading.end()) {
        std::string chain;
        for (auto i = cycleStart; i != loading.end(); ++i)
          chain += "'" + (*i)->name + "' -> ";
        chain += "'" + target->name + "'";
        diag.error(import->loc, "import cycle: " + chain);
        continue;
      }
    } else {
      std::string error;
      uint32_t fileId = sm.loadFile(file, error);
      if (!fileId) {
        diag.error(import->loc,
                   "cannot read module '" + dotted + "': " + error);
        continue;
      }
      target = loadModule(fileId, dotted);
      loadImports(*target);
    }

    auto [aliasIt, inserted] = module.imports.emplace(alias, target);
    if (!inserted && aliasIt->second != target) {
      diag.error(import->loc, "import alias '" + alias +
                                  "' is already bound to module '" +
                                  aliasIt->second->name + "'");
      continue;
    }
    if (module.decls.count(alias))
      diag.error(import->loc, "import alias '" + alias +
                                  "' conflicts with a declaration of the "
                                  "same name in this module");
  }
  loading.pop_back();
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

void SemaImpl::checkEntries(ModuleInfo &main) {
  // Validate every struct declaration of every module once (unknown field
  // types, bad dims), independently of its uses.
  for (const auto &module : program->modules)
    for (const auto &decl : module->ast->decls)
      if (auto *st = llvm::dyn_cast<StructDecl>(decl.get())) {
        const auto &params = structParams(st, module.get());
        Shape dims;
        for (const auto &name : params)
          dims.push_back(Dim::of(types.newSizeVar(name, st->loc)));
        makeStructType(st, module.get(), dims);
      }

  // Reserve the plain symbols of the entry points so that generic instances
  // of the same functions get suffixed names.
  for (const auto &decl : main.ast->decls)
    if (auto *fn = llvm::dyn_cast<FunctionDecl>(decl.get()))
      if (fn->isExport || (fn->name == "main" && fn->params.empty()))
        reservedSymbols.insert(main.name + "." + fn->name);

  for (const auto &decl : main.ast->decls) {
    auto *fn = llvm::dyn_cast<FunctionDecl>(decl.get());
    if (!fn || main.decls[fn->name] != fn)
      continue;
    bool isMain = fn->name == "main" && fn->params.empty() && !fn->isExport;
    if (fn->isExport || isMain) {
      FunctionInstance *inst = instantiateExport(fn, &main, fn->isExport);
      if (inst) {
        inst->isExported = fn->isExport;
        inst->isMain = isMain;
        program->entries.push_back(inst);
      }
    }
  }
  // `main` goes last among the entries.
  std::stable_partition(
      program->entries.begin(), program->entries.end(),
      [](const FunctionInstance *inst) { return !inst->isMain; });

  // Functions whose parameters are all annotated are checked even when
  // nothing calls them, so that their errors are reported.
  std::set<const FunctionDecl *> instantiated;
  for (const auto &inst : program->instances)
    if (inst->callable && inst->callable->kind == Callable::Kind::Function)
      instantiated.insert(inst->callable->decl);
  for (const auto &decl : main.ast->decls) {
    auto *fn = llvm::dyn_cast<FunctionDecl>(decl.get());
    if (!fn || fn->isExport || main.decls[fn->name] != fn ||
        fn->params.empty() || instantiated.count(fn))
      continue;
    bool annotated = true;
    for (const auto &param : fn->params)
      annotated &= param.type != nullptr;
    if (annotated)
      instantiateExport(fn, &main, /*exported=*/false);
  }
}

const Program *SemaImpl::check(uint32_t mainFileId) {
  std::string stem = llvm::sys::path::stem(sm.getFile(mainFileId).path).str();
  ModuleInfo *main = loadModule(mainFileId, stem.empty() ? "main" : stem);
  loadImports(*main);
  checkEntries(*main);
  if (diag.hasErrors())
    return nullptr;
  return program.get();
}
