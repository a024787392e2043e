/* Loads the shared library of Inputs/mlp.jx with dlopen and calls an entry
 * point found by name (see shared-library.test). */
#include "mlp.h"

#include <dlfcn.h>
#include <stdio.h>

typedef jx_status_t (*axpy_fn)(const jx_array_t *, const jx_array_t *,
                               const jx_array_t *, mlp_axpy_result *);
typedef void (*free_fn)(mlp_axpy_result *);
typedef const char *(*message_fn)(jx_status_t);
typedef void (*status_free_fn)(jx_status_t);
typedef const jx_array_t *(*view_fn)(const jx_owned_array_t *);

int main(int argc, char **argv) {
  void *lib;
  axpy_fn axpy;
  free_fn result_free;
  message_fn message;
  status_free_fn status_free;
  view_fn view;
  float a = 0.5f, x[2] = {2, 4}, y[2] = {1, 1};
  int64_t n[1] = {2}, m[1] = {1};
  jx_array_t aa = {NULL, JX_DTYPE_F32, 0, NULL, NULL};
  jx_array_t xa = {NULL, JX_DTYPE_F32, 1, NULL, NULL};
  jx_array_t ya = {NULL, JX_DTYPE_F32, 1, NULL, NULL};
  mlp_axpy_result out;
  jx_status_t status;
  if (argc != 2)
    return 2;
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  *(void **)&axpy = dlsym(lib, "mlp_axpy");
  *(void **)&result_free = dlsym(lib, "mlp_axpy_result_free");
  *(void **)&message = dlsym(lib, "jx_status_message");
  *(void **)&status_free = dlsym(lib, "jx_status_free");
  *(void **)&view = dlsym(lib, "jx_array_view");
  printf("symbols: %s\n", axpy && result_free && message && status_free && view
                              ? "found"
                              : "missing");
  if (!(axpy && result_free && message && status_free && view))
    return 1;
  printf("internal symbol: %s\n",
         dlsym(lib, "_mlir_ciface_mlp.axpy") ? "visible" : "hidden");
  aa.data = &a;
  xa.data = x;
  xa.shape = n;
  ya.data = y;
  ya.shape = m;
  status = axpy(&aa, &xa, &ya, &out);
  printf("error: %s\n", message(status));
  status_free(status);
  ya.shape = n;
  status = axpy(&aa, &xa, &ya, &out);
  printf("status: %s\n", status ? message(status) : "ok");
  printf("z = %g %g, sum = %g\n",
         (double)((const float *)view(out._0)->data)[0],
         (double)((const float *)view(out._0)->data)[1],
         (double)*(const float *)view(out._1)->data);
  result_free(&out);
  dlclose(lib);
  return 0;
}
