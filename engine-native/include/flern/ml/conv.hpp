// 2-D convolution, NCHW float32, K = C/G * KH * KW and P = OH * OW. Two orientations, chosen at
// compile time from the shape:
// - wide images (P >= 64 or few channels): per image and group Y[Mg x P] = W[Mg x K] . Xcol[K x P],
//   vectorised along P; the weights stay in ONNX's layout [M, C/G, KH, KW] and the input is
//   rearranged (im2col) straight into the GEMM's panel layout in a caller-provided workspace;
// - small images (late layers, 7x7 or 3x3): Y^T[P x Mg] = Xcol^T[P x K] . W^T[K x Mg], vectorised
//   along the output channels against weights packed once as GEMM panels; the P x Mg result is
//   transposed into NCHW.
// Depthwise convolutions run a direct kernel. pack_conv prepares the weights for whichever applies.
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
  // Vectorise along output channels rather than positions (see above).
  constexpr bool channels_major() const { return !depthwise() && oh() * ow() < 64 && mg() >= 16; }
  constexpr bool valid() const {
    return c > 0 && h > 0 && w > 0 && m > 0 && kh > 0 && kw > 0 && sh > 0 && sw > 0 && dh > 0 && dw > 0 &&
           pt >= 0 && pl >= 0 && pb >= 0 && pr >= 0 && groups > 0 && c % groups == 0 && m % groups == 0 &&
           oh() > 0 && ow() > 0;
  }
};

// Floats of the workspace conv2d needs (one group of one image at a time).
template <Conv2d S>
constexpr int64_t conv_workspace() {
  if constexpr (S.depthwise()) return 0;
  else if constexpr (S.channels_major()) return S.oh() * S.ow() * (S.kdim() + S.mg());
  else return S.kdim() * round_up(S.oh() * S.ow(), PANEL);
}

// Floats of the prepared weights, and their preparation from ONNX's W [M, C/G, KH, KW] (once per
// model): a copy, or per group the GEMM panels of W^T.
template <Conv2d S>
constexpr int64_t conv_packed_size() {
  if constexpr (S.channels_major()) return S.groups * packed_b_floats(S.kdim(), S.mg());
  else return S.m * S.kdim();
}
template <Conv2d S>
void pack_conv(const float* w, float* packed) {
  if constexpr (S.channels_major()) {
    for (int64_t g = 0; g < S.groups; ++g)
      pack_b_rt(S.kdim(), S.mg(), w + g * S.mg() * S.kdim(), true, packed + g * packed_b_floats(S.kdim(), S.mg()));
  } else {
    for (int64_t i = 0; i < S.m * S.kdim(); ++i) packed[i] = w[i];
  }
}

namespace detail {

// Writes consecutive columns of one row of a K x P matrix in the panel layout (column p of row k at
// (p / PANEL) * K * PANEL + k * PANEL + p % PANEL), without a division per value.
struct PanelRow {
  float* panel;     // the current panel's row
  int64_t lane;     // column within it
  int64_t pstride;  // floats from one panel to the next

  PanelRow(float* row, int64_t p, int64_t pstride_) : panel(row + (p / PANEL) * pstride_), lane(p % PANEL), pstride(pstride_) {}

  // The first min(n, VL) lanes of v to d.
  static FLERN_ML_INLINE void put(float* d, simd::vf v, int64_t n) {
    if (n >= simd::VL)
      simd::store(d, v);
    else
      simd::store_part(d, v, n);
  }
  FLERN_ML_INLINE void advance(int64_t n) {
    lane += n;
    if (lane == PANEL) {
      lane = 0;
      panel += pstride;
    }
  }
  // n zeros.
  void zeros(int64_t n) {
    while (n > 0) {
      const int64_t c = n < PANEL - lane ? n : PANEL - lane;
      for (int64_t i = 0; i < c; i += simd::VL) put(panel + lane + i, simd::zero(), c - i);
      advance(c);
      n -= c;
    }
  }
  // src[0], src[s], ..., n values; src + (n - 1) * s + 1 <= end. Stride 1 and 2 copy by vectors.
  void copy(const float* src, int64_t n, int64_t s, const float* end) {
    while (n > 0) {
      const int64_t c = n < PANEL - lane ? n : PANEL - lane;
      if (s == 1) {
        for (int64_t i = 0; i < c; i += simd::VL)
          put(panel + lane + i, c - i >= simd::VL ? simd::load(src + i) : simd::load_part(src + i, c - i), c - i);
      } else if (s == 2 && src + 2 * PANEL <= end) {
        for (int64_t i = 0; i < c; i += simd::VL) put(panel + lane + i, simd::load_stride2(src + 2 * i), c - i);
      } else {
        for (int64_t i = 0; i < c; ++i) panel[lane + i] = src[i * s];
      }
      src += c * s;
      advance(c);
      n -= c;
    }
  }
};

// im2col of channels [0, cg) of x (cg x h x w) into ws, panel layout, zero-padded past P.
inline void im2col_panels(const Conv2d& s, const float* x, int64_t cg, float* ws) {
  const int64_t oh = s.oh(), ow = s.ow(), p_total = oh * ow, kdim = cg * s.kh * s.kw;
  const int64_t pstride = kdim * PANEL;
  const int64_t p_pad = round_up(p_total, PANEL);
  const float* xend = x + cg * s.h * s.w;
  const bool pointwise = s.kh == 1 && s.kw == 1 && s.sh == 1 && s.sw == 1 && s.pt == 0 && s.pl == 0 && s.pb == 0 &&
                         s.pr == 0;
  for (int64_t ci = 0; ci < cg; ++ci) {
    const float* xc = x + ci * s.h * s.w;
    for (int64_t ki = 0; ki < s.kh; ++ki) {
      for (int64_t kj = 0; kj < s.kw; ++kj) {
        const int64_t k = (ci * s.kh + ki) * s.kw + kj;
        PanelRow out(ws + k * PANEL, 0, pstride);
        if (pointwise) {
          out.copy(xc, p_total, 1, xend);
          out.zeros(p_pad - p_total);
          continue;
        }
        // Output columns whose input column is inside the image: [lo, hi).
        const int64_t off_w = kj * s.dw - s.pl;
        int64_t lo = off_w >= 0 ? 0 : (-off_w + s.sw - 1) / s.sw;
        int64_t hi = s.w - 1 - off_w < 0 ? 0 : (s.w - 1 - off_w) / s.sw + 1;
        if (hi > ow) hi = ow;
        if (lo > hi) lo = hi;
        for (int64_t o = 0; o < oh; ++o) {
          const int64_t ih = o * s.sh - s.pt + ki * s.dh;
          if (ih < 0 || ih >= s.h) {
            out.zeros(ow);
            continue;
          }
          out.zeros(lo);
          out.copy(xc + ih * s.w + off_w + lo * s.sw, hi - lo, s.sw, xend);
          out.zeros(ow - hi);
        }
        out.zeros(p_pad - p_total);
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

// im2col transposed: row p of a P x K matrix holds the K inputs of output position p.
inline void im2col_rows(const Conv2d& s, const float* x, int64_t cg, float* rows) {
  const int64_t oh = s.oh(), ow = s.ow(), kdim = cg * s.kh * s.kw;
  for (int64_t o = 0; o < oh; ++o)
    for (int64_t q = 0; q < ow; ++q) {
      float* r = rows + (o * ow + q) * kdim;
      for (int64_t ci = 0; ci < cg; ++ci)
        for (int64_t ki = 0; ki < s.kh; ++ki) {
          const int64_t ih = o * s.sh - s.pt + ki * s.dh;
          const bool row_in = ih >= 0 && ih < s.h;
          const float* xr = x + (ci * s.h + ih) * s.w;
          for (int64_t kj = 0; kj < s.kw; ++kj) {
            const int64_t iw = q * s.sw - s.pl + kj * s.dw;
            *r++ = row_in && iw >= 0 && iw < s.w ? xr[iw] : 0.0f;
          }
        }
    }
}

template <Act ACT>
void conv_channels_major(const Conv2d& s, int64_t n, const float* x, const float* packed, const float* bias,
                         float* y, float* ws, float alpha, int64_t y_image_stride) {
  const int64_t p_total = s.oh() * s.ow(), cg = s.cg(), mg = s.mg(), kdim = s.kdim();
  const int64_t gstride = packed_b_floats(kdim, mg);
  float* rows = ws;
  float* yt = ws + p_total * kdim;  // P x Mg
  for (int64_t img = 0; img < n; ++img) {
    for (int64_t g = 0; g < s.groups; ++g) {
      im2col_rows(s, x + (img * s.c + g * cg) * s.h * s.w, cg, rows);
      if (bias)
        gemm_panels<ACT, Bias::Col>(GemmArgs{p_total, mg, kdim, rows, kdim, packed + g * gstride, bias + g * mg, yt, mg, alpha});
      else
        gemm_panels<ACT, Bias::None>(GemmArgs{p_total, mg, kdim, rows, kdim, packed + g * gstride, nullptr, yt, mg, alpha});
      float* yg = y + img * y_image_stride + g * mg * p_total;
      for (int64_t p = 0; p < p_total; ++p)
        for (int64_t m = 0; m < mg; ++m) yg[m * p_total + p] = yt[p * mg + m];
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

// y = act(conv(x, w) + bias) for n images. x: n x C x H x W; w: the weights prepared by
// pack_conv<S> (conv_packed_size<S>() floats); bias: M floats or nullptr; y: n images of M x OH x OW, image i at y + i * y_image_stride (a
// larger stride writes into a channel slice of a Concat's output). workspace: conv_workspace<S>()
// floats, per caller (one per worker).
template <Conv2d S, Act ACT = Act::None>
void conv2d(int64_t n, const float* x, const float* w, const float* bias, float* y, float* workspace,
            float alpha = 0.0f, int64_t y_image_stride = S.m * S.oh() * S.ow()) {
  static_assert(S.valid(), "invalid convolution shape");
  if constexpr (S.depthwise())
    detail::conv_depthwise<ACT>(S, n, x, w, bias, y, alpha, y_image_stride);
  else if constexpr (S.channels_major())
    detail::conv_channels_major<ACT>(S, n, x, w, bias, y, workspace, alpha, y_image_stride);
  else
    detail::conv_gemm<ACT>(S, n, x, w, bias, y, workspace, alpha, y_image_stride);
}

}  // namespace flern::ml

#endif  // FLERN_ML_CONV_HPP
