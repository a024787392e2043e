/*===- array.c - Descriptors, owned arrays, aligned allocation ------------===*/

#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Allocation
 *===----------------------------------------------------------------------===*/

jx_status_t jx_aligned_alloc(size_t alignment, size_t size, void **out_ptr) {
  if (!out_ptr)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_ptr is NULL");
  *out_ptr = NULL;
  if (alignment == 0)
    alignment = JX_DEFAULT_ALIGNMENT;
  if ((alignment & (alignment - 1)) || alignment < sizeof(void *))
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "alignment %zu is not a power of two of at least %zu",
                          alignment, sizeof(void *));
  /* C11 aligned_alloc wants a multiple of the alignment; round up, and give
   * size 0 one unit so every allocation is distinct and non-NULL. */
  size_t rounded;
  if (!jx_add_size(size, alignment - 1, &rounded) ||
      rounded - (alignment - 1) > (size_t)PTRDIFF_MAX)
    return jx_status_make(JX_OUT_OF_RANGE,
                          "cannot allocate %zu bytes: the size is too large",
                          size);
  rounded &= ~(alignment - 1);
  if (rounded == 0)
    rounded = alignment;
  void *ptr = aligned_alloc(alignment, rounded);
  if (!ptr)
    return jx_status_make(JX_OUT_OF_MEMORY,
                          "cannot allocate %zu bytes aligned to %zu", size,
                          alignment);
  *out_ptr = ptr;
  return JX_STATUS_OK;
}

void jx_aligned_free(void *ptr) { free(ptr); }

/*===----------------------------------------------------------------------===*
 * Descriptors
 *===----------------------------------------------------------------------===*/

jx_status_t jx_shape_element_count(int32_t rank, const int64_t *shape,
                                   int64_t *out_count) {
  if (!out_count)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_count is NULL");
  *out_count = 0;
  if (rank < 0)
    return jx_status_make(JX_INVALID_ARGUMENT, "negative rank %d", rank);
  if (rank > JX_ARRAY_MAX_RANK)
    return jx_status_make(JX_OUT_OF_RANGE, "rank %d exceeds the maximum of %d",
                          rank, JX_ARRAY_MAX_RANK);
  if (rank > 0 && !shape)
    return jx_status_make(JX_INVALID_ARGUMENT, "shape is NULL for rank %d",
                          rank);
  bool has_zero = false;
  for (int32_t axis = 0; axis < rank; ++axis) {
    if (shape[axis] < 0)
      return jx_status_make(JX_INVALID_ARGUMENT,
                            "dimension %d has negative size %lld", axis,
                            (long long)shape[axis]);
    has_zero |= shape[axis] == 0;
  }
  if (has_zero)
    return JX_STATUS_OK;
  int64_t count = 1;
  for (int32_t axis = 0; axis < rank; ++axis)
    if (!jx_mul_i64(count, shape[axis], &count))
      return jx_status_make(JX_OUT_OF_RANGE,
                            "the element count of the shape overflows int64");
  *out_count = count;
  return JX_STATUS_OK;
}

jx_status_t jx_array_validate(const jx_array_t *array) {
  if (!array)
    return jx_status_make(JX_INVALID_ARGUMENT, "array descriptor is NULL");
  if (!jx_dtype_is_valid(array->dtype))
    return jx_status_make(JX_INVALID_ARGUMENT, "invalid dtype %d",
                          (int)array->dtype);
  int64_t count;
  jx_status_t status =
      jx_shape_element_count(array->rank, array->shape, &count);
  if (status)
    return status;
  if (count == 0)
    return JX_STATUS_OK;
  if (!array->data)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "data is NULL for an array of %lld elements",
                          (long long)count);
  /* The furthest element from `data`, in elements, must be addressable. */
  int64_t extent = count - 1;
  if (array->strides) {
    extent = 0;
    for (int32_t axis = 0; axis < array->rank; ++axis) {
      int64_t stride = array->strides[axis];
      int64_t reach;
      if (array->shape[axis] == 1)
        continue;
      if (stride == INT64_MIN ||
          !jx_mul_i64(array->shape[axis] - 1, stride < 0 ? -stride : stride,
                      &reach) ||
          !jx_add_i64(extent, reach, &extent))
        return jx_status_make(JX_OUT_OF_RANGE,
                              "the strides of the array reach beyond the "
                              "address space");
    }
  }
  int64_t bytes;
  if (!jx_add_i64(extent, 1, &bytes) ||
      !jx_mul_i64(bytes, (int64_t)jx_dtype_size(array->dtype), &bytes) ||
      (uint64_t)bytes > (uint64_t)PTRDIFF_MAX)
    return jx_status_make(JX_OUT_OF_RANGE,
                          "the array spans more bytes than can be addressed");
  return JX_STATUS_OK;
}

bool jx_array_is_contiguous(const jx_array_t *array) {
  if (!array->strides)
    return true;
  for (int32_t axis = 0; axis < array->rank; ++axis)
    if (array->shape[axis] == 0)
      return true;
  int64_t expected = 1;
  for (int32_t axis = array->rank - 1; axis >= 0; --axis) {
    if (array->shape[axis] != 1 && array->strides[axis] != expected)
      return false;
    expected *= array->shape[axis];
  }
  return true;
}

/*===----------------------------------------------------------------------===*
 * Owned arrays
 *===----------------------------------------------------------------------===*/

struct jx_owned_array_t {
  jx_array_t view;
  int64_t dims[]; /* shape, then strides: 2 * rank values */
};

/* Checks dtype and shape and computes the byte size of a contiguous array. */
static jx_status_t contiguous_byte_size(jx_dtype_t dtype, int32_t rank,
                                        const int64_t *shape,
                                        size_t *out_bytes) {
  if (!jx_dtype_is_valid(dtype))
    return jx_status_make(JX_INVALID_ARGUMENT, "invalid dtype %d", (int)dtype);
  int64_t count;
  jx_status_t status = jx_shape_element_count(rank, shape, &count);
  if (status)
    return status;
  size_t bytes;
  if ((uint64_t)count > (uint64_t)PTRDIFF_MAX ||
      !jx_mul_size((size_t)count, jx_dtype_size(dtype), &bytes) ||
      bytes > (size_t)PTRDIFF_MAX)
    return jx_status_make(JX_OUT_OF_RANGE,
                          "an array of %lld %s elements is too large to "
                          "allocate",
                          (long long)count, jx_dtype_name(dtype));
  *out_bytes = bytes;
  return JX_STATUS_OK;
}

/* Allocates the array object around `data` (checked by the caller). */
static jx_status_t wrap(jx_dtype_t dtype, int32_t rank, const int64_t *shape,
                        void *data, jx_owned_array_t **out_array) {
  size_t header = sizeof(jx_owned_array_t) + 2 * (size_t)rank * sizeof(int64_t);
  jx_owned_array_t *array = malloc(header);
  if (!array)
    return jx_status_make(JX_OUT_OF_MEMORY, "cannot allocate an array object");
  int64_t *own_shape = array->dims;
  int64_t *own_strides = array->dims + rank;
  if (rank)
    memcpy(own_shape, shape, (size_t)rank * sizeof(int64_t));
  jx_row_major_strides(rank, own_shape, own_strides);
  array->view.data = data;
  array->view.dtype = dtype;
  array->view.rank = rank;
  array->view.shape = rank ? own_shape : NULL;
  array->view.strides = rank ? own_strides : NULL;
  *out_array = array;
  return JX_STATUS_OK;
}

jx_status_t jx_array_create(jx_dtype_t dtype, int32_t rank,
                            const int64_t *shape,
                            jx_owned_array_t **out_array) {
  if (!out_array)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_array is NULL");
  *out_array = NULL;
  size_t bytes;
  jx_status_t status = contiguous_byte_size(dtype, rank, shape, &bytes);
  if (status)
    return status;
  void *data;
  status = jx_aligned_alloc(JX_DEFAULT_ALIGNMENT, bytes, &data);
  if (status)
    return status;
  memset(data, 0, bytes);
  status = wrap(dtype, rank, shape, data, out_array);
  if (status)
    jx_aligned_free(data);
  return status;
}

jx_status_t jx_array_adopt(jx_dtype_t dtype, int32_t rank, const int64_t *shape,
                           void *data, jx_owned_array_t **out_array) {
  if (!out_array)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_array is NULL");
  *out_array = NULL;
  if (!data)
    return jx_status_make(JX_INVALID_ARGUMENT, "data to adopt is NULL");
  size_t bytes;
  jx_status_t status = contiguous_byte_size(dtype, rank, shape, &bytes);
  if (status)
    return status;
  return wrap(dtype, rank, shape, data, out_array);
}

jx_status_t jx_array_create_copy(const jx_array_t *source,
                                 jx_owned_array_t **out_array) {
  if (!out_array)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_array is NULL");
  *out_array = NULL;
  jx_status_t status = jx_array_validate(source);
  if (status)
    return status;
  jx_owned_array_t *copy;
  status = jx_array_create(source->dtype, source->rank, source->shape, &copy);
  if (status)
    return status;
  status = jx_array_copy(source, &copy->view);
  if (status) {
    jx_array_free(copy);
    return status;
  }
  *out_array = copy;
  return JX_STATUS_OK;
}

void jx_array_free(jx_owned_array_t *array) {
  if (!array)
    return;
  jx_aligned_free(array->view.data);
  free(array);
}

const jx_array_t *jx_array_view(const jx_owned_array_t *array) {
  return array ? &array->view : NULL;
}

/*===----------------------------------------------------------------------===*
 * Copies
 *===----------------------------------------------------------------------===*/

typedef struct copy_plan_t {
  int32_t rank;
  const int64_t *shape;
  int64_t source_strides[JX_ARRAY_MAX_RANK]; /* in bytes */
  int64_t target_strides[JX_ARRAY_MAX_RANK];
  size_t element_size;
} copy_plan_t;

static void copy_axis(const copy_plan_t *plan, int32_t axis, const char *source,
                      char *target) {
  int64_t n = plan->shape[axis];
  int64_t source_stride = plan->source_strides[axis];
  int64_t target_stride = plan->target_strides[axis];
  if (axis + 1 < plan->rank) {
    for (int64_t i = 0; i < n; ++i)
      copy_axis(plan, axis + 1, source + i * source_stride,
                target + i * target_stride);
    return;
  }
  size_t size = plan->element_size;
  if (source_stride == (int64_t)size && target_stride == (int64_t)size) {
    memcpy(target, source, (size_t)n * size);
    return;
  }
  for (int64_t i = 0; i < n; ++i)
    memcpy(target + i * target_stride, source + i * source_stride, size);
}

jx_status_t jx_array_copy(const jx_array_t *source, const jx_array_t *target) {
  jx_status_t status = jx_array_validate(source);
  if (status)
    return jx_status_annotate(status, "source");
  status = jx_array_validate(target);
  if (status)
    return jx_status_annotate(status, "target");
  if (source->dtype != target->dtype)
    return jx_status_make(
        JX_SHAPE_MISMATCH, "cannot copy %s elements into a %s array",
        jx_dtype_name(source->dtype), jx_dtype_name(target->dtype));
  bool same_shape = source->rank == target->rank;
  for (int32_t axis = 0; same_shape && axis < source->rank; ++axis)
    same_shape = source->shape[axis] == target->shape[axis];
  if (!same_shape) {
    char source_shape[128], target_shape[128];
    jx_shape_text(source->rank, source->shape, source_shape,
                  sizeof source_shape);
    jx_shape_text(target->rank, target->shape, target_shape,
                  sizeof target_shape);
    return jx_status_make(JX_SHAPE_MISMATCH,
                          "cannot copy an array of shape %s into one of shape "
                          "%s",
                          source_shape, target_shape);
  }
  int64_t count;
  status = jx_shape_element_count(source->rank, source->shape, &count);
  if (status || count == 0)
    return status;
  copy_plan_t plan;
  plan.rank = source->rank;
  plan.shape = source->shape;
  plan.element_size = jx_dtype_size(source->dtype);
  if (source->rank == 0) {
    memcpy(target->data, source->data, plan.element_size);
    return JX_STATUS_OK;
  }
  /* Validation bounded every stride * size of an axis longer than 1 by the
   * address space; the stride of a length-1 axis is never used. */
  for (int32_t axis = 0; axis < source->rank; ++axis) {
    bool used = source->shape[axis] > 1;
    plan.source_strides[axis] =
        used ? jx_array_stride(source, axis) * (int64_t)plan.element_size : 0;
    plan.target_strides[axis] =
        used ? jx_array_stride(target, axis) * (int64_t)plan.element_size : 0;
  }
  copy_axis(&plan, 0, source->data, target->data);
  return JX_STATUS_OK;
}
