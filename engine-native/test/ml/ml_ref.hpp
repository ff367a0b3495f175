// Shared pieces of the ML kernel tests: random data, naive double-precision references, and a
// closeness check that reports the worst element.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "../check.hpp"
#include "flern/ml/ml.hpp"

namespace ml_test {

using flern::ml::Act;

inline std::vector<float> random_vec(size_t n, uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

inline double ref_act(double x, Act a, double alpha) {
  switch (a) {
    case Act::Relu: return x > 0 ? x : 0;
    case Act::LeakyRelu: return x < 0 ? alpha * x : x;
    case Act::Sigmoid: return 1.0 / (1.0 + std::exp(-x));
    case Act::Tanh: return std::tanh(x);
    case Act::Gelu: return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    case Act::None: break;
  }
  return x;
}

// Largest |got - want| / (|want| + floor) must stay within tol; reports the worst element.
inline bool close(const char* what, const float* got, const std::vector<double>& want, double tol, double floor,
                  const char* file, int line) {
  double worst = 0;
  size_t at = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    const double e = std::fabs(static_cast<double>(got[i]) - want[i]) / (std::fabs(want[i]) + floor);
    if (!(e <= worst)) {
      worst = e;
      at = i;
    }
  }
  if (!(worst <= tol)) {
    char msg[256];
    std::snprintf(msg, sizeof msg, "%s: error %.3g > %.3g at [%zu]: got %.9g want %.9g", what, worst, tol, at,
                  static_cast<double>(got[at]), want[at]);
    ::flern_test::fail(file, line, msg);
    return false;
  }
  return true;
}
#define CHECK_CLOSE(what, got, want, tol, floor) ::ml_test::close(what, got, want, tol, floor, __FILE__, __LINE__)

// C = act(A B + bias), A: m x k (row stride lda), B: k x n row-major.
inline std::vector<double> ref_gemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
                                    const float* bias, Act act, double alpha) {
  std::vector<double> c(static_cast<size_t>(m * n));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double s = bias ? bias[j] : 0.0;
      for (int64_t kk = 0; kk < k; ++kk) s += static_cast<double>(a[i * lda + kk]) * b[kk * n + j];
      c[static_cast<size_t>(i * n + j)] = ref_act(s, act, alpha);
    }
  return c;
}

inline std::vector<double> ref_conv(const flern::ml::Conv2d& s, int64_t n, const float* x, const float* w,
                                    const float* bias, Act act, double alpha) {
  const int64_t oh = s.oh(), ow = s.ow(), cg = s.cg(), mg = s.mg();
  std::vector<double> y(static_cast<size_t>(n * s.m * oh * ow));
  for (int64_t img = 0; img < n; ++img)
    for (int64_t oc = 0; oc < s.m; ++oc) {
      const int64_t g = oc / mg;
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          double acc = bias ? bias[oc] : 0.0;
          for (int64_t ci = 0; ci < cg; ++ci)
            for (int64_t ki = 0; ki < s.kh; ++ki)
              for (int64_t kj = 0; kj < s.kw; ++kj) {
                const int64_t ih = i * s.sh - s.pt + ki * s.dh, iw = j * s.sw - s.pl + kj * s.dw;
                if (ih < 0 || ih >= s.h || iw < 0 || iw >= s.w) continue;
                acc += static_cast<double>(x[((img * s.c + g * cg + ci) * s.h + ih) * s.w + iw]) *
                       w[((oc * cg + ci) * s.kh + ki) * s.kw + kj];
              }
          y[static_cast<size_t>(((img * s.m + oc) * oh + i) * ow + j)] = ref_act(acc, act, alpha);
        }
    }
  return y;
}

}  // namespace ml_test
