# lit configuration for the jx test suite.
import os
import shutil

import lit.formats
from lit.llvm import llvm_config

config.name = "jx"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".jx", ".mlir", ".test", ".c", ".cpp"]
config.excludes = ["Inputs", "lib", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.jx_obj_root, "test")

config.environment["FILECHECK_OPTS"] = "--enable-var-scope"
# Diagnostics are checked without colors whatever the terminal is.
config.environment["NO_COLOR"] = "1"

llvm_config.with_system_environment(["HOME", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS"])
llvm_config.use_default_substitutions()

tool_dirs = [config.jx_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["jxc", "jx-opt", "jx-parse", "jx-check", "not", "split-file"], tool_dirs)
config.substitutions.append(("%stdlib", os.path.join(config.jx_src_root, "stdlib")))
config.substitutions.append(("%examples", os.path.join(config.jx_src_root, "examples")))
config.substitutions.append(("%design", os.path.join(config.jx_src_root, "..", "shared", "design")))

# Debian's interpreter carries python3-numpy; a pyenv python3 on PATH may not.
system_python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else shutil.which("python3")
config.substitutions.append(("%system_python", system_python))
config.substitutions.append(("%python", shutil.which("python3") or system_python))

# Under `make asan` our code is instrumented but Debian's libMLIR.so is not.
# LLVM's inline allocator headers then poison memory that the uninstrumented
# library legitimately reuses, a known false positive of mixed builds; turn
# manual poisoning off (real out-of-bounds and use-after-free are still
# caught in our code).
if config.jx_sanitizers in ("ON", "1", "TRUE", "True", "YES"):
    config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0:detect_leaks=1"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
