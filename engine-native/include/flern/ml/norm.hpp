// Softmax, LayerNormalization and BatchNormalization (inference), float32.
#ifndef FLERN_ML_NORM_HPP
#define FLERN_ML_NORM_HPP

#include <cmath>
#include <cstdint>

#include "flern/ml/act.hpp"
#include "flern/ml/simd.hpp"
#include "flern/ml/vmath.hpp"

namespace flern::ml {

namespace detail {

// Softmax of one contiguous row of d values: max, exp(x - max) and its sum, scale.
inline void softmax_row(const float* x, float* y, int64_t d) {
  constexpr int VL = simd::VL;
  simd::vf mx = simd::set1(-__builtin_inff());
  int64_t i = 0;
  for (; i + VL <= d; i += VL) mx = simd::max(mx, simd::load(x + i));
  float m = simd::hmax(mx);
  for (int64_t j = i; j < d; ++j) m = x[j] > m ? x[j] : m;
  const simd::vf vm = simd::set1(m);
  simd::vf sum = simd::zero();
  for (i = 0; i + VL <= d; i += VL) {
    const simd::vf e = vmath::exp(simd::sub(simd::load(x + i), vm));
    simd::store(y + i, e);
    sum = simd::add(sum, e);
  }
  float s = simd::hsum(sum);
  if (i < d) {
    simd::store_part(y + i, vmath::exp(simd::sub(simd::load_part(x + i, d - i), vm)), d - i);
    for (int64_t j = i; j < d; ++j) s += y[j];
  }
  const float inv = 1.0f / s;
  const simd::vf vinv = simd::set1(inv);
  for (i = 0; i + VL <= d; i += VL) simd::store(y + i, simd::mul(simd::load(y + i), vinv));
  for (; i < d; ++i) y[i] *= inv;
}

// Softmax along a strided axis of extent a for `inner` interleaved lanes (x[j * inner + l]).
inline void softmax_strided(const float* x, float* y, int64_t a, int64_t inner) {
  for (int64_t l = 0; l < inner; ++l) {
    float m = -__builtin_inff();
    for (int64_t j = 0; j < a; ++j) m = x[j * inner + l] > m ? x[j * inner + l] : m;
    float s = 0.0f;
    for (int64_t j = 0; j < a; ++j) {
      const float e = std::exp(x[j * inner + l] - m);
      y[j * inner + l] = e;
      s += e;
    }
    const float inv = 1.0f / s;
    for (int64_t j = 0; j < a; ++j) y[j * inner + l] *= inv;
  }
}

}  // namespace detail

// Softmax over an axis of extent A, the tensor viewed as [outer, A, INNER] (INNER = product of the
// dims after the axis; 1 for the last axis, ONNX's default). Numerically stable (max subtracted).
template <int64_t A, int64_t INNER = 1>
void softmax(int64_t outer, const float* x, float* y) {
  static_assert(A > 0 && INNER > 0);
  for (int64_t o = 0; o < outer; ++o) {
    if constexpr (INNER == 1)
      detail::softmax_row(x + o * A, y + o * A, A);
    else
      detail::softmax_strided(x + o * A * INNER, y + o * A * INNER, A, INNER);
  }
}

// LayerNormalization over the last D values of each of `rows` rows (ONNX axis = rank - k: D is the
// product of the normalised dims): y = (x - mean) / sqrt(var + eps) * gamma + beta, variance
// biased, computed in two passes. gamma: D floats; beta: D floats or nullptr.
template <int64_t D>
void layer_norm(int64_t rows, const float* x, const float* gamma, const float* beta, float eps, float* y) {
  static_assert(D > 0);
  constexpr int VL = simd::VL;
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * D;
    float* yr = y + r * D;
    simd::vf s = simd::zero();
    int64_t i = 0;
    for (; i + VL <= D; i += VL) s = simd::add(s, simd::load(xr + i));
    if (i < D) s = simd::add(s, simd::load_part(xr + i, D - i));
    const float mean = simd::hsum(s) / static_cast<float>(D);
    const simd::vf vm = simd::set1(mean);
    simd::vf q = simd::zero();
    for (i = 0; i + VL <= D; i += VL) {
      const simd::vf t = simd::sub(simd::load(xr + i), vm);
      q = simd::fmadd(t, t, q);
    }
    float qs = simd::hsum(q);
    for (; i < D; ++i) qs += (xr[i] - mean) * (xr[i] - mean);
    const float inv = 1.0f / std::sqrt(qs / static_cast<float>(D) + eps);
    const simd::vf vi = simd::set1(inv);
    for (i = 0; i + VL <= D; i += VL) {
      const simd::vf t = simd::mul(simd::sub(simd::load(xr + i), vm), vi);
      simd::vf out = simd::mul(t, simd::load(gamma + i));
      if (beta) out = simd::add(out, simd::load(beta + i));
      simd::store(yr + i, out);
    }
    for (; i < D; ++i) yr[i] = (xr[i] - mean) * inv * gamma[i] + (beta ? beta[i] : 0.0f);
  }
}

// BatchNormalization in inference mode, folded once per model into a per-channel scale and shift:
// scale = gamma / sqrt(var + eps), shift = beta - mean * scale.
inline void batch_norm_fold(int64_t c, const float* gamma, const float* beta, const float* mean, const float* var,
                            float eps, float* scale, float* shift) {
  for (int64_t i = 0; i < c; ++i) {
    scale[i] = static_cast<float>(static_cast<double>(gamma[i]) / std::sqrt(static_cast<double>(var[i]) + eps));
    shift[i] = static_cast<float>(static_cast<double>(beta[i]) - static_cast<double>(mean[i]) * scale[i]);
  }
}

// y = act(x * scale[c] + shift[c]) over n images of C x HW.
template <int64_t C, int64_t HW, Act ACT = Act::None>
void batch_norm(int64_t n, const float* x, const float* scale, const float* shift, float* y, float alpha = 0.0f) {
  static_assert(C > 0 && HW > 0);
  constexpr int VL = simd::VL;
  const simd::vf va = simd::set1(alpha);
  for (int64_t plane = 0; plane < n * C; ++plane) {
    const int64_t ch = plane % C;
    const simd::vf sc = simd::set1(scale[ch]), sh = simd::set1(shift[ch]);
    const float* xp = x + plane * HW;
    float* yp = y + plane * HW;
    int64_t i = 0;
    for (; i + VL <= HW; i += VL)
      simd::store(yp + i, detail::act<ACT>(simd::fmadd(simd::load(xp + i), sc, sh), va));
    if (i < HW)
      simd::store_part(yp + i, detail::act<ACT>(simd::fmadd(simd::load_part(xp + i, HW - i), sc, sh), va), HW - i);
  }
}

}  // namespace flern::ml

#endif  // FLERN_ML_NORM_HPP
