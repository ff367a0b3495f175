// Activations fused into the epilogue of GEMM and convolution, and the element-wise apply loop that
// the standalone operators share.
#ifndef FLERN_ML_ACT_HPP
#define FLERN_ML_ACT_HPP

#include <cstdint>

#include "flern/ml/simd.hpp"
#include "flern/ml/vmath.hpp"

namespace flern::ml {

// What a kernel applies to each output after the bias. alpha is LeakyRelu's slope (ignored otherwise).
enum class Act : int { None, Relu, LeakyRelu, Sigmoid, Tanh, Gelu };

namespace detail {

template <Act A>
FLERN_ML_INLINE simd::vf act(simd::vf x, simd::vf alpha) {
  if constexpr (A == Act::Relu) {
    return simd::max(x, simd::zero());
  } else if constexpr (A == Act::LeakyRelu) {
    return simd::select(simd::lt(x, simd::zero()), simd::mul(x, alpha), x);
  } else if constexpr (A == Act::Sigmoid) {
    return vmath::sigmoid(x);
  } else if constexpr (A == Act::Tanh) {
    return vmath::tanh(x);
  } else if constexpr (A == Act::Gelu) {
    return vmath::gelu(x);
  } else {
    (void)alpha;
    return x;
  }
}

// y[i] = act(x[i]) for n values (x == y allowed).
template <Act A>
void act_array(const float* x, float* y, int64_t n, float alpha) {
  const simd::vf va = simd::set1(alpha);
  int64_t i = 0;
  for (; i + simd::VL <= n; i += simd::VL) simd::store(y + i, act<A>(simd::load(x + i), va));
  if (i < n) simd::store_part(y + i, act<A>(simd::load_part(x + i, n - i), va), n - i);
}

}  // namespace detail
}  // namespace flern::ml

#endif  // FLERN_ML_ACT_HPP
