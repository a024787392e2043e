/*===- jx/runtime/array.h - Array descriptors, owned arrays, memory -*- C
 *-*-===*
 *
 * Part of the jx runtime (libjxrt).
 *
 *  - jx_array_t: the descriptor through which arrays cross the ABI (compiled
 *    jx functions take and return them). It borrows everything it points to.
 *  - jx_owned_array_t: an opaque array that owns its data, shape and strides;
 *    jx_array_view gives its descriptor.
 *  - jx_aligned_alloc / jx_aligned_free: the allocator behind array data
 *    (64-byte aligned), also meant for compiled code.
 *
 * Thread-safety: the functions are reentrant and keep no global state. An
 * owned array may be read from several threads at once; writing its elements
 * while another thread reads or writes them needs the caller's
 * synchronization, as for any memory. jx_array_free must not race with any
 * other use of the array.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_ARRAY_H
#define JX_RUNTIME_ARRAY_H

#include "jx/runtime/dtype.h"

JX_EXTERN_C_BEGIN

/// The most dimensions an array may have (NumPy 2 allows 64 as well).
#define JX_ARRAY_MAX_RANK 64

/// The alignment of every buffer the runtime allocates, in bytes: a cache line
/// and an AVX-512 vector.
#define JX_DEFAULT_ALIGNMENT 64

/// A strided view of an n-dimensional array in host memory (32 bytes on
/// 64-bit targets). Element (i0, ..., ik) lives at
///
///     (char *)data + (i0 * strides[0] + ... + ik * strides[k]) * elem_size
///
/// where elem_size = jx_dtype_size(dtype). Strides count elements, not bytes,
/// and may be negative or zero (broadcast). `strides == NULL` means
/// C-contiguous (row-major, last axis fastest). `shape` (and `strides` when
/// not NULL) point to `rank` int64_t values; for rank 0 both may be NULL and
/// `data` points to the single element. `data` may be NULL only when the array
/// has no elements. The descriptor owns nothing: the data, shape and strides
/// must outlive every use of it.
typedef struct jx_array_t {
  void *data;
  jx_dtype_t dtype;
  int32_t rank;
  const int64_t *shape;
  const int64_t *strides;
} jx_array_t;

/// Allocates `size` bytes aligned to `alignment` (a power of two of at least
/// sizeof(void *); 0 means JX_DEFAULT_ALIGNMENT). Always returns a distinct,
/// non-NULL pointer on success, also for size 0. Free with jx_aligned_free.
/// JX_INVALID_ARGUMENT for a bad alignment, JX_OUT_OF_RANGE when the size
/// rounded up to the alignment overflows, JX_OUT_OF_MEMORY when the system has
/// no memory.
JX_RUNTIME_API jx_status_t jx_aligned_alloc(size_t alignment, size_t size,
                                            void **out_ptr);

/// Frees memory from jx_aligned_alloc. NULL is allowed and does nothing.
JX_RUNTIME_API void jx_aligned_free(void *ptr);

/// The number of elements of a shape (1 for rank 0), checking every dimension
/// is non-negative (JX_INVALID_ARGUMENT) and that the product fits in int64_t
/// (JX_OUT_OF_RANGE). A shape with a zero dimension has 0 elements whatever
/// the other dimensions are, as long as each is non-negative.
JX_RUNTIME_API jx_status_t jx_shape_element_count(int32_t rank,
                                                  const int64_t *shape,
                                                  int64_t *out_count);

/// Checks that a descriptor is well formed: valid dtype, 0 <= rank <=
/// JX_ARRAY_MAX_RANK, shape present and non-negative, element count and the
/// byte extent the strides reach representable, data present when there are
/// elements. The runtime checks every descriptor it is given this way.
JX_RUNTIME_API jx_status_t jx_array_validate(const jx_array_t *array);

/// True when `array` is C-contiguous: strides are NULL or equal the row-major
/// strides (dimensions of size 1 may have any stride). Arrays with no elements
/// are contiguous. Assumes a valid descriptor.
JX_RUNTIME_API bool jx_array_is_contiguous(const jx_array_t *array);

/// An array that owns its memory. Opaque.
typedef struct jx_owned_array_t jx_owned_array_t;

/// Creates a C-contiguous, zero-filled array. Its data is aligned to
/// JX_DEFAULT_ALIGNMENT and never NULL (also with no elements); its
/// descriptor has explicit row-major strides. `shape` is copied.
JX_RUNTIME_API jx_status_t jx_array_create(jx_dtype_t dtype, int32_t rank,
                                           const int64_t *shape,
                                           jx_owned_array_t **out_array);

/// Creates an owned array around `data`, which must come from
/// jx_aligned_alloc and hold at least the array's bytes, C-contiguous. On
/// success the array owns `data` (jx_array_free frees it); on failure the
/// caller still owns it. This is how compiled code hands back results.
JX_RUNTIME_API jx_status_t jx_array_adopt(jx_dtype_t dtype, int32_t rank,
                                          const int64_t *shape, void *data,
                                          jx_owned_array_t **out_array);

/// Creates a C-contiguous copy of any (strided) array.
JX_RUNTIME_API jx_status_t jx_array_create_copy(const jx_array_t *source,
                                                jx_owned_array_t **out_array);

/// Frees an owned array and its data. NULL is allowed and does nothing.
JX_RUNTIME_API void jx_array_free(jx_owned_array_t *array);

/// The descriptor of an owned array, valid until jx_array_free. Its elements
/// may be written through `data`; its shape and strides must not be.
JX_RUNTIME_API const jx_array_t *jx_array_view(const jx_owned_array_t *array);

/// Copies the elements of `source` into `target`, both of any strides.
/// JX_SHAPE_MISMATCH unless dtypes, ranks and shapes are equal. The two may
/// not overlap in memory unless they are the same view.
JX_RUNTIME_API jx_status_t jx_array_copy(const jx_array_t *source,
                                         const jx_array_t *target);

JX_EXTERN_C_END

#endif /* JX_RUNTIME_ARRAY_H */
