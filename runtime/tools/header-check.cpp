//===- header-check.cpp - The runtime headers compile as C++ --------------===//
//
// Built with -pedantic-errors -Werror: C++ code can include the C API, and
// the ABI types have the layout compiled code expects.
//
//===----------------------------------------------------------------------===//

#include "jx/runtime.h"

#include "header-check.h"

#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>

static_assert(std::is_standard_layout<jx_array_t>::value, "C layout");
static_assert(sizeof(jx_array_t) == 32, "jx_array_t is 32 bytes on 64-bit");
static_assert(offsetof(jx_array_t, dtype) == 8, "dtype at 8");
static_assert(offsetof(jx_array_t, rank) == 12, "rank at 12");
static_assert(offsetof(jx_array_t, shape) == 16, "shape at 16");
static_assert(offsetof(jx_array_t, strides) == 24, "strides at 24");
static_assert(sizeof(jx_dtype_t) == 4, "dtype is 32 bits");
static_assert(JX_DTYPE_F64 == 8, "dtype values are ABI");

namespace {
struct StatusDeleter {
  void operator()(jx_status_impl_t *status) const { jx_status_free(status); }
};
using StatusPtr = std::unique_ptr<jx_status_impl_t, StatusDeleter>;
} // namespace

int jx_header_check_cxx(void) {
  StatusPtr status(jx_status_make(JX_IO_ERROR, "%s %d", "from C++", 42));
  if (jx_status_code(status.get()) != JX_IO_ERROR ||
      std::string(jx_status_message(status.get())) != "from C++ 42")
    return 1;
  jx_dtype_t dtype;
  StatusPtr parsed(jx_dtype_parse("float16", &dtype));
  return parsed || dtype != JX_DTYPE_F16;
}
