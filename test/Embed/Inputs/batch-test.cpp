// C++17 client of Inputs/mlp.jx (see embed-cpp.test): RAII around the C
// API, and several threads calling one entry point concurrently with
// different batch sizes.
#include "mlp.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

namespace {

struct StatusDeleter {
  void operator()(jx_status_impl_t *s) const { jx_status_free(s); }
};
struct ArrayDeleter {
  void operator()(jx_owned_array_t *a) const { jx_array_free(a); }
};
using Array = std::unique_ptr<jx_owned_array_t, ArrayDeleter>;

jx_array_t view(float *data, std::vector<int64_t> &shape) {
  return jx_array_t{data, JX_DTYPE_F32, static_cast<int32_t>(shape.size()),
                    shape.data(), nullptr};
}

/// `axpy(a, x, y)` for n elements; returns the number of wrong values.
int runAxpy(int n) {
  float a = 3.0f;
  std::vector<float> x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x[i] = static_cast<float>(i);
    y[i] = static_cast<float>(n - i);
  }
  std::vector<int64_t> scalar, shape = {n};
  jx_array_t aa = view(&a, scalar), xa = view(x.data(), shape),
             ya = view(y.data(), shape);
  mlp_axpy_result out;
  std::unique_ptr<jx_status_impl_t, StatusDeleter> status(
      mlp_axpy(&aa, &xa, &ya, &out));
  if (status) {
    std::printf("error: %s\n", jx_status_message(status.get()));
    return 1;
  }
  Array z(out._0), total(out._1);
  int wrong = 0;
  auto *zs = static_cast<const float *>(jx_array_view(z.get())->data);
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    wrong += zs[i] != a * x[i] + y[i];
    sum += zs[i];
  }
  float got = *static_cast<const float *>(jx_array_view(total.get())->data);
  wrong += std::fabs(got - sum) > 1e-3f * std::fabs(sum);
  return wrong;
}

} // namespace

int main() {
  for (int n : {1, 3, 7, 1000})
    std::printf("axpy n=%d: %d wrong\n", n, runAxpy(n));
  std::vector<std::thread> threads;
  std::vector<int> wrong(8);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([t, &wrong] {
      for (int round = 0; round < 50; ++round)
        wrong[t] += runAxpy(1 + (t * 37 + round) % 300);
    });
  int total = 0;
  for (int t = 0; t < 8; ++t) {
    threads[t].join();
    total += wrong[t];
  }
  std::printf("threads: %d wrong\n", total);
  return total != 0;
}
