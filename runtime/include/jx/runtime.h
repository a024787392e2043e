/*===- jx/runtime.h - The jx runtime library (libjxrt) --------------*- C
 *-*-===*
 *
 * The umbrella header of libjxrt, the C runtime that compiled jx code and
 * `jxc run` link against. Include this one; the pieces are:
 *
 *   jx/runtime/base.h    export macro, ABI version, jx_string_free
 *   jx/runtime/status.h  jx_status_t: errors as a code and a message
 *   jx/runtime/dtype.h   jx_dtype_t and 16-bit float conversions
 *   jx/runtime/array.h   jx_array_t descriptors, owned arrays, allocation
 *   jx/runtime/npy.h     .npy reading and writing
 *   jx/runtime/format.h  printing arrays as NumPy does
 *
 * The ABI and its conventions are described in docs/abi.md. All headers are
 * valid C99 and C++.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_H
#define JX_RUNTIME_H

#include "jx/runtime/array.h"
#include "jx/runtime/base.h"
#include "jx/runtime/dtype.h"
#include "jx/runtime/format.h"
#include "jx/runtime/npy.h"
#include "jx/runtime/status.h"

#endif /* JX_RUNTIME_H */
