/*===- jx/runtime/npy.h - Reading and writing NumPy .npy files ------*- C
 *-*-===*
 *
 * Part of the jx runtime (libjxrt). The .npy format is NumPy's: a magic
 * string, a version, a header that is a Python dict literal, then the raw
 * elements. See docs/abi.md for what is supported and how errors are
 * reported.
 *
 * Thread-safety: reentrant; concurrent calls on different files (or streams)
 * are safe. A stream must not be used by another thread during a call.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_NPY_H
#define JX_RUNTIME_NPY_H

#include "jx/runtime/array.h"

#include <stdio.h>

JX_EXTERN_C_BEGIN

/// Reads a .npy file (format 1.0, 2.0 or 3.0) into a new C-contiguous array.
/// Dtypes: <f2 <f4 <f8 <i4 <i8 <u4 |b1 and their big-endian forms (swapped
/// on reading). Fortran-order files are transposed into C order. Bool bytes
/// other than 0 are read as 1. Errors (the message names the file):
///  - JX_IO_ERROR: cannot open or read, or the file is truncated;
///  - JX_INVALID_ARGUMENT: not a .npy file, or a malformed header;
///  - JX_UNSUPPORTED: a dtype jx has no equivalent for, an unknown version;
///  - JX_OUT_OF_RANGE: a rank above JX_ARRAY_MAX_RANK, or a size that
///    overflows; JX_OUT_OF_MEMORY.
JX_RUNTIME_API jx_status_t jx_npy_read(const char *path,
                                       jx_owned_array_t **out_array);

/// Like jx_npy_read, from the current position of an open stream. `name` is
/// only used in messages (NULL gives "<stream>"). Exactly the bytes of one
/// .npy file are consumed on success, so several may be read in a row.
JX_RUNTIME_API jx_status_t jx_npy_read_stream(FILE *stream, const char *name,
                                              jx_owned_array_t **out_array);

/// Writes any valid array (of any strides) as a C-order .npy file, byte for
/// byte what numpy.save writes for the same array: format 1.0 (2.0 when the
/// header needs it), the header padded to 64 bytes. bf16 has no .npy
/// equivalent: JX_UNSUPPORTED. JX_IO_ERROR when the file cannot be written; a
/// partially written file is then left behind.
JX_RUNTIME_API jx_status_t jx_npy_write(const char *path,
                                        const jx_array_t *array);

/// Like jx_npy_write, to an open stream. `name` is only used in messages.
JX_RUNTIME_API jx_status_t jx_npy_write_stream(FILE *stream, const char *name,
                                               const jx_array_t *array);

JX_EXTERN_C_END

#endif /* JX_RUNTIME_NPY_H */
