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
llvm_config.add_tool_substitutions(["jxc", "jx-opt", "jx-parse", "jx-check", "not", "split-file",
                                    "jxrt-npy-tool", "jxrt-format-tool", "jxrt-api-test"], tool_dirs)

# Execution tests of the linalg lowering run the IR with upstream MLIR's JIT
# runner and its printing helpers (printMemrefF32, ...). Debian ships them in
# the mlir-22-tools and libmlir-22-dev packages; an installation without them
# (a bare LLVM, another distribution) lacks the `mlir-runner` feature and the
# tests that REQUIRE it are reported UNSUPPORTED instead of failing.
mlir_lib_dir = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")
mlir_runner = os.path.join(config.llvm_tools_dir, "mlir-runner")
mlir_opt = os.path.join(config.llvm_tools_dir, "mlir-opt")
mlir_c_runner_utils = os.path.join(mlir_lib_dir, "libmlir_c_runner_utils.so")
mlir_runner_utils = os.path.join(mlir_lib_dir, "libmlir_runner_utils.so")
if all(os.path.exists(f) for f in [mlir_runner, mlir_opt, mlir_c_runner_utils, mlir_runner_utils]):
    config.available_features.add("mlir-runner")
    llvm_config.add_tool_substitutions(["mlir-runner", "mlir-opt"], [config.llvm_tools_dir])
config.substitutions.append(("%mlir_c_runner_utils", mlir_c_runner_utils))
config.substitutions.append(("%mlir_runner_utils", mlir_runner_utils))
# Lowers the output of `jx-opt -convert-jx-to-linalg` (linalg, tensor, arith,
# math, scf, func on tensors) to the LLVM dialect for mlir-runner with the
# very pipeline jxc uses (compiler/lib/Pipeline), registered in jx-opt.
config.substitutions.append(("%jx_lower_to_llvm",
                             os.path.join(config.jx_tools_dir, "jx-opt") + " -jx-linalg-to-llvm"))
# Embedding tests (test/Embed) compile C and C++ programs against the
# generated headers and link them with the objects and libjxrt. Under a
# sanitized build libjxrt is instrumented, so the programs are too.
clang = os.path.join(config.llvm_tools_dir, "clang")
config.substitutions.append(("%clangxx", clang + "++"))
config.substitutions.append(("%clang", clang))
config.substitutions.append(("%jxrt_lib", os.path.join(config.jx_obj_root, "lib", "libjxrt.a")))
config.substitutions.append(("%jxrt_include", os.path.join(config.jx_src_root, "runtime", "include")))
embed_cflags = "-g"
if config.jx_sanitizers in ("ON", "1", "TRUE", "True", "YES"):
    embed_cflags += " -fsanitize=address,undefined -fno-omit-frame-pointer"
config.substitutions.append(("%embed_cflags", embed_cflags))
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
