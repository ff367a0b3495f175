// 2-D convolution, NCHW float32. Per image and group, Y[Mg x P] = W[Mg x K] . Xcol[K x P] with
// K = C/G * KH * KW and P = OH * OW: the weights are the row operand of the GEMM, read in ONNX's own
// layout [M, C/G, KH, KW] (no packing), and the input is rearranged (im2col) straight into the
// GEMM's panel layout in a caller-provided workspace. Depthwise convolutions run a direct kernel.
#ifndef FLERN_ML_CONV_HPP
#define FLERN_ML_CONV_HPP

#include <cstdint>

#include "flern/ml/act.hpp"
#include "flern/ml/gemm.hpp"
#include "flern/ml/simd.hpp"

namespace flern::ml {

// A convolution's compile-time shape: input C x H x W, M output channels, kernel KH x KW, strides,
// pads (top, left, bottom, right), dilations, groups. Written by the generator as a designated
// initializer: Conv2d{.c = 3, .h = 64, .w = 64, .m = 64, .kh = 3, .kw = 3, .sh = 2, .sw = 2}.
struct Conv2d {
  int64_t c = 1, h = 1, w = 1;
  int64_t m = 1;
  int64_t kh = 1, kw = 1;
  int64_t sh = 1, sw = 1;
  int64_t pt = 0, pl = 0, pb = 0, pr = 0;
  int64_t dh = 1, dw = 1;
  int64_t groups = 1;

  constexpr int64_t oh() const { return (h + pt + pb - dh * (kh - 1) - 1) / sh + 1; }
  constexpr int64_t ow() const { return (w + pl + pr - dw * (kw - 1) - 1) / sw + 1; }
  constexpr int64_t cg() const { return c / groups; }
  constexpr int64_t mg() const { return m / groups; }
  constexpr int64_t kdim() const { return cg() * kh * kw; }
  constexpr bool depthwise() const { return groups > 1 && groups == c && m == c; }
  constexpr bool valid() const {
    return c > 0 && h > 0 && w > 0 && m > 0 && kh > 0 && kw > 0 && sh > 0 && sw > 0 && dh > 0 && dw > 0 &&
           pt >= 0 && pl >= 0 && pb >= 0 && pr >= 0 && groups > 0 && c % groups == 0 && m % groups == 0 &&
           oh() > 0 && ow() > 0;
  }
};

// Floats of the workspace conv2d needs (the im2col matrix of one group of one image).
template <Conv2d S>
constexpr int64_t conv_workspace() {
  return S.depthwise() ? 0 : S.kdim() * round_up(S.oh() * S.ow(), PANEL);
}

namespace detail {

// dst[p] of the panel layout of a K x P matrix, row k: dst = ws + k * PANEL, column p at
// (p / PANEL) * K * PANEL + p % PANEL. Copies len contiguous floats of src to columns p0.. of row k.
FLERN_ML_INLINE void panel_copy(const float* src, int64_t len, float* row, int64_t pstride, int64_t p0) {
  int64_t p = p0, i = 0;
  while (i < len && p % PANEL != 0) row[(p / PANEL) * pstride + p % PANEL] = src[i++], ++p;
  for (; i + PANEL <= len; i += PANEL, p += PANEL) {
    float* d = row + (p / PANEL) * pstride;
#pragma GCC unroll 4
    for (int v = 0; v < PANEL / simd::VL; ++v) simd::store(d + v * simd::VL, simd::load(src + i + v * simd::VL));
  }
  for (; i < len; ++i, ++p) row[(p / PANEL) * pstride + p % PANEL] = src[i];
}

// im2col of channels [0, cg) of x (cg x h x w) into ws, panel layout, zero-padded past P.
inline void im2col_panels(const Conv2d& s, const float* x, int64_t cg, float* ws) {
  const int64_t oh = s.oh(), ow = s.ow(), p_total = oh * ow, kdim = cg * s.kh * s.kw;
  const int64_t pstride = kdim * PANEL;
  const int64_t p_pad = round_up(p_total, PANEL);
  for (int64_t ci = 0; ci < cg; ++ci) {
    const float* xc = x + ci * s.h * s.w;
    for (int64_t ki = 0; ki < s.kh; ++ki) {
      for (int64_t kj = 0; kj < s.kw; ++kj) {
        const int64_t k = (ci * s.kh + ki) * s.kw + kj;
        float* row = ws + k * PANEL;
        // Output columns whose input column is inside the image: [lo, hi).
        const int64_t off_w = kj * s.dw - s.pl;
        int64_t lo = off_w >= 0 ? 0 : (-off_w + s.sw - 1) / s.sw;
        int64_t hi = s.w - 1 - off_w < 0 ? 0 : (s.w - 1 - off_w) / s.sw + 1;
        if (hi > ow) hi = ow;
        if (lo > hi) lo = hi;
        for (int64_t o = 0; o < oh; ++o) {
          const int64_t ih = o * s.sh - s.pt + ki * s.dh;
          const int64_t p0 = o * ow;
          if (ih < 0 || ih >= s.h) {
            for (int64_t q = 0; q < ow; ++q) row[((p0 + q) / PANEL) * pstride + (p0 + q) % PANEL] = 0.0f;
            continue;
          }
          const float* xr = xc + ih * s.w + off_w;
          for (int64_t q = 0; q < lo; ++q) row[((p0 + q) / PANEL) * pstride + (p0 + q) % PANEL] = 0.0f;
          if (s.sw == 1) {
            panel_copy(xr + lo, hi - lo, row, pstride, p0 + lo);
          } else {
            for (int64_t q = lo; q < hi; ++q) row[((p0 + q) / PANEL) * pstride + (p0 + q) % PANEL] = xr[q * s.sw];
          }
          for (int64_t q = hi; q < ow; ++q) row[((p0 + q) / PANEL) * pstride + (p0 + q) % PANEL] = 0.0f;
        }
        for (int64_t q = p_total; q < p_pad; ++q) row[(q / PANEL) * pstride + q % PANEL] = 0.0f;
      }
    }
  }
}

template <Act ACT>
void conv_gemm(const Conv2d& s, int64_t n, const float* x, const float* w, const float* bias, float* y, float* ws,
               float alpha, int64_t y_image_stride) {
  const int64_t p_total = s.oh() * s.ow(), cg = s.cg(), mg = s.mg(), kdim = s.kdim();
  for (int64_t img = 0; img < n; ++img) {
    for (int64_t g = 0; g < s.groups; ++g) {
      im2col_panels(s, x + (img * s.c + g * cg) * s.h * s.w, cg, ws);
      const float* wg = w + g * mg * kdim;
      float* yg = y + img * y_image_stride + g * mg * p_total;
      if (bias)
        gemm_panels<ACT, Bias::Row>(GemmArgs{mg, p_total, kdim, wg, kdim, ws, bias + g * mg, yg, p_total, alpha});
      else
        gemm_panels<ACT, Bias::None>(GemmArgs{mg, p_total, kdim, wg, kdim, ws, nullptr, yg, p_total, alpha});
    }
  }
}

// Depthwise: each channel convolved with its own KH x KW filter, vectorised along the output row
// when the stride is 1.
template <Act ACT>
void conv_depthwise(const Conv2d& s, int64_t n, const float* x, const float* w, const float* bias, float* y,
                    float alpha, int64_t y_image_stride) {
  const int64_t oh = s.oh(), ow = s.ow();
  for (int64_t img = 0; img < n; ++img) {
    for (int64_t ch = 0; ch < s.c; ++ch) {
      const float* xc = x + (img * s.c + ch) * s.h * s.w;
      const float* wc = w + ch * s.kh * s.kw;
      float* yc = y + img * y_image_stride + ch * oh * ow;
      const float b = bias ? bias[ch] : 0.0f;
      for (int64_t o = 0; o < oh; ++o) {
        float* yr = yc + o * ow;
        for (int64_t q = 0; q < ow; ++q) yr[q] = b;
        for (int64_t ki = 0; ki < s.kh; ++ki) {
          const int64_t ih = o * s.sh - s.pt + ki * s.dh;
          if (ih < 0 || ih >= s.h) continue;
          for (int64_t kj = 0; kj < s.kw; ++kj) {
            const int64_t off_w = kj * s.dw - s.pl;
            int64_t lo = off_w >= 0 ? 0 : (-off_w + s.sw - 1) / s.sw;
            int64_t hi = s.w - 1 - off_w < 0 ? 0 : (s.w - 1 - off_w) / s.sw + 1;
            if (hi > ow) hi = ow;
            const float* xr = xc + ih * s.w + off_w;
            const float wv = wc[ki * s.kw + kj];
            int64_t q = lo;
            if (s.sw == 1) {
              const simd::vf vw = simd::set1(wv);
              for (; q + simd::VL <= hi; q += simd::VL)
                simd::store(yr + q, simd::fmadd(vw, simd::load(xr + q), simd::load(yr + q)));
            }
            for (; q < hi; ++q) yr[q] += wv * xr[q * s.sw];
          }
        }
        if constexpr (ACT != Act::None) act_array<ACT>(yr, yr, ow, alpha);
      }
    }
  }
}

}  // namespace detail

// y = act(conv(x, w) + bias) for n images. x: n x C x H x W; w: M x C/G x KH x KW (ONNX layout, as
// is); bias: M floats or nullptr; y: n images of M x OH x OW, image i at y + i * y_image_stride (a
// larger stride writes into a channel slice of a Concat's output). workspace: conv_workspace<S>()
// floats, per caller (one per worker).
template <Conv2d S, Act ACT = Act::None>
void conv2d(int64_t n, const float* x, const float* w, const float* bias, float* y, float* workspace,
            float alpha = 0.0f, int64_t y_image_stride = S.m * S.oh() * S.ow()) {
  static_assert(S.valid(), "invalid convolution shape");
  if constexpr (S.depthwise())
    detail::conv_depthwise<ACT>(S, n, x, w, bias, y, alpha, y_image_stride);
  else
    detail::conv_gemm<ACT>(S, n, x, w, bias, y, workspace, alpha, y_image_stride);
}

}  // namespace flern::ml

#endif  // FLERN_ML_CONV_HPP
