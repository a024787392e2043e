//===- Linker.cpp - Compiling and linking with the system toolchain -------===//

#include "jx/Target/Linker.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"

using namespace jx;

static std::string mainExecutableDir() {
  std::string exe = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&mainExecutableDir));
  return exe.empty() ? std::string()
                     : std::string(llvm::sys::path::parent_path(exe));
}

bool jx::findToolchain(Toolchain &toolchain, std::string &error) {
  if (auto env = llvm::sys::Process::GetEnv("JX_CC"))
    toolchain.cc = *env;
  else if (llvm::sys::fs::can_execute(JX_CLANG_PATH))
    toolchain.cc = JX_CLANG_PATH;
  else if (auto found = llvm::sys::findProgramByName("clang"))
    toolchain.cc = *found;
  else if (auto cc = llvm::sys::findProgramByName("cc"))
    toolchain.cc = *cc;
  if (toolchain.cc.empty()) {
    error = "no C compiler to link with: install clang or set JX_CC";
    return false;
  }

  // `<bin>/../lib/libjxrt.a` and `<bin>/../include` (installed), then the
  // configured build and source trees.
  std::string bin = mainExecutableDir();
  llvm::SmallString<256> lib(bin), include(bin);
  llvm::sys::path::append(lib, "..", "lib", "libjxrt.a");
  llvm::sys::path::append(include, "..", "include");
  llvm::SmallString<256> header(include);
  llvm::sys::path::append(header, "jx", "runtime.h");
  toolchain.runtimeLibrary = llvm::sys::fs::exists(lib)
                                 ? std::string(lib)
                                 : std::string(JX_RUNTIME_LIBRARY);
  toolchain.runtimeInclude = llvm::sys::fs::exists(header)
                                 ? std::string(include)
                                 : std::string(JX_RUNTIME_INCLUDE_DIR);
  if (!llvm::sys::fs::exists(toolchain.runtimeLibrary)) {
    error = "cannot find the runtime library libjxrt.a (looked in '" +
            std::string(lib) + "' and '" + JX_RUNTIME_LIBRARY + "')";
    return false;
  }
  llvm::StringRef flags = JX_RUNTIME_LINK_FLAGS;
  llvm::SmallVector<llvm::StringRef> parts;
  flags.split(parts, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef flag : parts)
    toolchain.flags.push_back(flag.str());
  return true;
}

bool jx::runCompiler(const Toolchain &toolchain,
                     llvm::ArrayRef<std::string> args, std::string &error) {
  llvm::SmallString<128> log;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("jxc-cc", "log", log)) {
    error = "cannot create a temporary file: " + ec.message();
    return false;
  }
  llvm::FileRemover removeLog(log);
  std::vector<llvm::StringRef> argv = {toolchain.cc};
  for (const std::string &arg : args)
    argv.push_back(arg);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.str(),
                                                log.str()};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(toolchain.cc, argv, std::nullopt,
                                     redirects, 0, 0, &message);
  if (rc == 0)
    return true;
  std::string command;
  for (llvm::StringRef arg : argv)
    command += (command.empty() ? "" : " ") + arg.str();
  error = "'" + command + "' failed" + (message.empty() ? "" : ": " + message);
  if (auto buffer = llvm::MemoryBuffer::getFile(log))
    if (!(*buffer)->getBuffer().empty())
      error += "\n" + (*buffer)->getBuffer().rtrim().str();
  return false;
}
