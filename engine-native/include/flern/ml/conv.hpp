// 2-D convolution, NCHW float32, K = C/G * KH * KW and P = OH * OW. Chosen at compile time from the
// shape (README.md beside this file has the details):
// - depthwise: a direct kernel along output rows;
// - no dilation, one group (any stride): the direct kernels. Wide images: output channels x
//   positions as lanes, every kernel tap a contiguous vector read of the zero-padded input (split
//   into phase planes for strides), no im2col. Small images (late layers, 7x7 or 3x3): positions x
//   output channels as lanes against weights packed once as GEMM panels, the input (1x1) or an
//   im2col read in place as a transposed A;
// - otherwise (dilation, groups): per image and group a GEMM over im2col, in either orientation.
// pack_conv prepares the weights for whichever applies.
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
  // No dilation, one group: the direct kernels below (no im2col along positions).
  constexpr bool direct() const { return groups == 1 && dh == 1 && dw == 1; }
  // The direct kernels' input: per channel, the zero-padded image split into sh x sw phase planes
  // (plane (a, b) holds padded rows a, a + sh, ... and columns b, b + sw, ...) of hh() x wh(); with
  // stride 1 that is just the padded image. Output (i, j) is "virtual position" i * wh() + j, so
  // that every kernel tap reads a contiguous run of one phase plane; the wh() - ow() positions past
  // each output row are computed and dropped.
  constexpr int64_t hh() const { return (h + pt + pb + sh - 1) / sh; }
  constexpr int64_t wh() const { return (w + pl + pr + sw - 1) / sw; }
  constexpr int64_t vq() const { return (oh() - 1) * wh() + ow(); }
  constexpr int64_t tap(int64_t ki, int64_t kj) const {
    return ((ki % sh) * sw + kj % sw) * hh() * wh() + ki / sh * wh() + kj / sw;
  }
  constexpr bool padded() const { return pt + pl + pb + pr > 0; }
  constexpr bool valid() const {
    return c > 0 && h > 0 && w > 0 && m > 0 && kh > 0 && kw > 0 && sh > 0 && sw > 0 && dh > 0 && dw > 0 &&
           pt >= 0 && pl >= 0 && pb >= 0 && pr >= 0 && groups > 0 && c % groups == 0 && m % groups == 0 &&
           oh() > 0 && ow() > 0;
  }
};

namespace detail {
// Register tiles of the direct kernels. Positions as lanes: DP_MR output channels x DP_NV vectors of
// positions (weights packed in slivers of DP_MR channels). Channels as lanes: up to DC_MAXR positions
// x DC_NV vectors of channels (weights as GEMM panels).
#if defined(FLERN_ML_AVX512)
constexpr int DP_MR = 8, DP_NV = 3, DC_MAXR = 12, DC_NV = 2;
#elif defined(FLERN_ML_AVX2)
constexpr int DP_MR = 4, DP_NV = 3, DC_MAXR = 6, DC_NV = 2;
#else
constexpr int DP_MR = 4, DP_NV = 2, DC_MAXR = 4, DC_NV = 2;
#endif
// The positions kernel reads its input from a zero-padded copy when the convolution pads, or when
// the virtual positions do not fill one full tile (its vector reads then run past them).
template <Conv2d S>
constexpr bool dp_copies() {
  return S.padded() || S.sh != 1 || S.sw != 1 || S.vq() < DP_NV * simd::VL;
}
template <Conv2d S>
constexpr int64_t dp_plane() {  // floats per input channel of the copy
  return S.sh * S.sw * S.hh() * S.wh();
}
template <Conv2d S>
constexpr bool dc_im2col() {
  return S.kh != 1 || S.kw != 1 || S.padded() || S.sh != 1 || S.sw != 1;
}
// Output rows no wider than a vector, in a padded copy: one vector per output row (starting at the
// row) rather than consecutive vectors of virtual positions, when that takes fewer vectors (15x15
// padded to 17 columns: 15 vectors instead of 16).
template <Conv2d S>
constexpr bool dp_rowwise() {
  return dp_copies<S>() && S.ow() <= simd::VL && S.oh() < (S.vq() + simd::VL - 1) / simd::VL;
}
template <Conv2d S>
constexpr int64_t dp_copy_floats() {  // the padded copy and the slack its vector reads run into
  return S.c * dp_plane<S>() + (DP_NV + 1) * simd::VL;
}
// The channels kernel's im2col of a stride-1 convolution reads rows of the padded copy by whole
// vectors (compile-time offsets, no bounds per value); xcol gets one vector of slack.
template <Conv2d S>
constexpr bool dc_from_copy() {
  return dc_im2col<S>() && S.sh == 1 && S.sw == 1;
}
template <Conv2d S>
constexpr int64_t dc_xcol_floats() {
  return round_up(S.oh() * S.ow() * S.kdim() + simd::VL, simd::VL);
}
}  // namespace detail

// Floats of the workspace conv2d needs (one group of one image at a time).
template <Conv2d S>
constexpr int64_t conv_workspace() {
  if constexpr (S.depthwise()) return 0;
  else if constexpr (S.direct() && S.channels_major())
    return detail::dc_from_copy<S>() ? detail::dc_xcol_floats<S>() + detail::dp_copy_floats<S>()
           : detail::dc_im2col<S>()  ? S.oh() * S.ow() * S.kdim()
                                     : 0;
  else if constexpr (S.direct()) return detail::dp_copies<S>() ? detail::dp_copy_floats<S>() : 0;
  else if constexpr (S.channels_major()) return S.oh() * S.ow() * S.kdim();
  else return S.kdim() * round_up(S.oh() * S.ow(), PANEL);
}

// Floats of the prepared weights, and their preparation from ONNX's W [M, C/G, KH, KW] (once per
// model): per group the GEMM panels of W^T (channels as lanes), slivers of DP_MR output channels
// k-major (the direct positions kernel), or a copy.
template <Conv2d S>
constexpr int64_t conv_packed_size() {
  if constexpr (S.channels_major()) return S.groups * packed_b_floats(S.kdim(), S.mg());
  else if constexpr (S.direct() && !S.depthwise()) return round_up(S.m, detail::DP_MR) * S.kdim();
  else return S.m * S.kdim();
}
template <Conv2d S>
void pack_conv(const float* w, float* packed) {
  if constexpr (S.channels_major()) {
    for (int64_t g = 0; g < S.groups; ++g)
      pack_b_rt(S.kdim(), S.mg(), w + g * S.mg() * S.kdim(), true, packed + g * packed_b_floats(S.kdim(), S.mg()));
  } else if constexpr (S.direct() && !S.depthwise()) {
    constexpr int64_t K = S.kdim(), MR = detail::DP_MR;
    for (int64_t s0 = 0; s0 < S.m; s0 += MR)
      for (int64_t k = 0; k < K; ++k)
        for (int64_t i = 0; i < MR; ++i) packed[(s0 / MR * K + k) * MR + i] = s0 + i < S.m ? w[(s0 + i) * K + k] : 0.0f;
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
  FLERN_ML_INLINE void zeros(int64_t n) {
    while (n > 0) {
      const int64_t c = n < PANEL - lane ? n : PANEL - lane;
      for (int64_t i = 0; i < c; i += simd::VL) put(panel + lane + i, simd::zero(), c - i);
      advance(c);
      n -= c;
    }
  }
  // src[0], src[s], ..., n values; src + (n - 1) * s + 1 <= end. Stride 1 and 2 copy by vectors.
  FLERN_ML_INLINE void copy(const float* src, int64_t n, int64_t s, const float* end) {
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

// im2col, plain: row k of a K x P row-major matrix holds input k of every output position.
inline void im2col_plain(const Conv2d& s, const float* x, int64_t cg, float* xcol) {
  const int64_t oh = s.oh(), ow = s.ow(), p_total = oh * ow;
  for (int64_t ci = 0; ci < cg; ++ci) {
    const float* xc = x + ci * s.h * s.w;
    for (int64_t ki = 0; ki < s.kh; ++ki)
      for (int64_t kj = 0; kj < s.kw; ++kj) {
        float* row = xcol + ((ci * s.kh + ki) * s.kw + kj) * p_total;
        const int64_t off_w = kj * s.dw - s.pl;
        int64_t lo = off_w >= 0 ? 0 : (-off_w + s.sw - 1) / s.sw;
        int64_t hi = s.w - 1 - off_w < 0 ? 0 : (s.w - 1 - off_w) / s.sw + 1;
        if (hi > ow) hi = ow;
        if (lo > hi) lo = hi;
        for (int64_t o = 0; o < oh; ++o, row += ow) {
          const int64_t ih = o * s.sh - s.pt + ki * s.dh;
          if (ih < 0 || ih >= s.h) {
            for (int64_t q = 0; q < ow; ++q) row[q] = 0.0f;
            continue;
          }
          const float* xr = xc + ih * s.w + off_w;
          for (int64_t q = 0; q < lo; ++q) row[q] = 0.0f;
          int64_t q = lo;
          if (s.sw == 1)
            for (; q + simd::VL <= hi; q += simd::VL) simd::store(row + q, simd::load(xr + q));
          for (; q < hi; ++q) row[q] = xr[q * s.sw];
          for (q = hi; q < ow; ++q) row[q] = 0.0f;
        }
      }
  }
}

// Y^T = Xcol^T W^T with Xcol read as a transposed A and Y written as a transposed C: the GEMM's
// row operand is the output position, its vector lanes the output channels.
template <Act ACT>
void conv_channels_major(const Conv2d& s, int64_t n, const float* x, const float* packed, const float* bias,
                         float* y, float* ws, float alpha, int64_t y_image_stride) {
  const int64_t p_total = s.oh() * s.ow(), cg = s.cg(), mg = s.mg(), kdim = s.kdim();
  const int64_t gstride = packed_b_floats(kdim, mg);
  for (int64_t img = 0; img < n; ++img) {
    for (int64_t g = 0; g < s.groups; ++g) {
      im2col_plain(s, x + (img * s.c + g * cg) * s.h * s.w, cg, ws);
      float* yg = y + img * y_image_stride + g * mg * p_total;
      GemmArgs args{p_total, mg, kdim, ws, p_total, packed + g * gstride, bias ? bias + g * mg : nullptr, yg, p_total,
                    alpha, true, true};
      if (bias)
        gemm_panels<ACT, Bias::Col>(args);
      else
        gemm_panels<ACT, Bias::None>(args);
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


// ---- Direct kernels (stride 1, no dilation, one group) ----------------------------------------

// Positions as lanes: Y[m0..m0+DP_MR) x virtual positions [q0, q0 + NV * VL) of one image. xp: the
// (padded) input, C planes of hp x wp; wp_: the weight sliver (K x DP_MR, k-major). Every tap of the
// kernel is a contiguous vector read of the padded plane, so nothing is rearranged (no im2col).
// Where the lanes of a tile's vectors go: the output index of each vector's first valid lane, how
// many are valid (consecutive in the output: the dropped positions sit between rows), which ones.
struct DpLanes {
  int64_t dst[DP_NV], cnt[DP_NV];
  uint32_t keep[DP_NV];
};
template <Conv2d S>
DpLanes dp_lanes(int64_t q0, int nv) {
  constexpr int64_t WH = S.wh(), OW = S.ow(), Q = S.vq();
  DpLanes r{};
  if constexpr (dp_rowwise<S>()) {
    for (int v = 0; v < nv; ++v) {
      const int64_t row = q0 / WH + v;
      r.dst[v] = row * OW;
      r.cnt[v] = row < S.oh() ? OW : 0;
      r.keep[v] = row < S.oh() ? (1u << OW) - 1u : 0u;
    }
    return r;
  }
  // Walk the lanes with the row and column of q (no division per lane).
  int64_t row = q0 / WH, col = q0 % WH;
  for (int v = 0; v < nv; ++v) {
    r.dst[v] = -1;
    for (int l = 0; l < simd::VL; ++l) {
      if (row * WH + col < Q && col < OW) {
        r.keep[v] |= 1u << l;
        if (r.dst[v] < 0) r.dst[v] = row * OW + col;
        ++r.cnt[v];
      }
      if (++col == WH) {
        col = 0;
        ++row;
      }
    }
  }
  return r;
}

template <Conv2d S, int NV, Act ACT>
void dp_tile(const float* xp, int64_t q0, const DpLanes& lanes, const float* wsl, const float* bias, float* y,
             int64_t rows, float alpha) {
  using simd::vf;
  constexpr int VL = simd::VL, MR = DP_MR;
  constexpr int64_t WP = S.wh(), PLANE = dp_plane<S>(), OW = S.ow(), P = S.oh() * S.ow(), Q = S.vq();
  vf acc[MR][NV];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[i][v] = simd::zero();
  const float* xb = xp + q0;
  const float* wk = wsl;
  for (int64_t c = 0; c < S.c; ++c, xb += PLANE) {
#pragma GCC unroll 8
    for (int64_t ki = 0; ki < S.kh; ++ki) {
#pragma GCC unroll 8
      for (int64_t kj = 0; kj < S.kw; ++kj) {
        vf b[NV];
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) b[v] = simd::load(xb + S.tap(ki, kj) + v * (dp_rowwise<S>() ? S.wh() : VL));
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) {
          const vf a = simd::set1(wk[i]);
#pragma GCC unroll 4
          for (int v = 0; v < NV; ++v) acc[i][v] = simd::fmadd(a, b[v], acc[i][v]);
        }
        wk += MR;
      }
    }
  }
  const vf va = simd::set1(alpha);
  const int64_t* dst = lanes.dst;
  const int64_t* cnt = lanes.cnt;
  const uint32_t* keep = lanes.keep;
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i) {
    if (i >= rows) break;
    const vf bi = simd::set1(bias ? bias[i] : 0.0f);
    float* yr = y + i * P;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const vf r = act<ACT>(simd::add(acc[i][v], bi), va);
      // The kept lanes are the first cnt ones unless a row ends inside the vector (then compress).
      if (cnt[v] == VL)
        simd::store(yr + dst[v], r);
      else if (WP == OW || dp_rowwise<S>() || keep[v] == (1u << cnt[v]) - 1u)
        simd::store_part(yr + dst[v], r, cnt[v]);
      else
        simd::store_compress(yr + dst[v], keep[v], r);
    }
  }
}

// The zero-padded phase planes of one image (see Conv2d::hh), and zeros past the last plane for the
// vector reads of a short last tile.
template <Conv2d S>
void dp_copy(const float* x, float* ws) {
  constexpr int VL = simd::VL;
  constexpr int64_t WH = S.wh(), PH = S.hh() * S.wh(), PLANE = dp_plane<S>(), WS = dp_copy_floats<S>();
  // Zeros where the image does not land: everywhere when padded (or a phase plane is not full),
  // else only the slack past the planes.
  constexpr bool full = !S.padded() && S.h % S.sh == 0 && S.w % S.sw == 0;
  for (int64_t i = full ? S.c * PLANE : 0; i < WS; i += VL) {
    if (WS - i >= VL)
      simd::store(ws + i, simd::zero());
    else
      simd::store_part(ws + i, simd::zero(), WS - i);
  }
  for (int64_t c = 0; c < S.c; ++c)
    for (int64_t r = 0; r < S.h; ++r) {
      const float* src = x + (c * S.h + r) * S.w;
      const int64_t pr = r + S.pt;
      float* row = ws + c * PLANE + (pr % S.sh) * S.sw * PH + pr / S.sh * WH;
      if constexpr (S.sw == 1) {
        float* d = row + S.pl;
        int64_t j = 0;
        for (; j + VL <= S.w; j += VL) simd::store(d + j, simd::load(src + j));
        if (j < S.w) simd::store_part(d + j, simd::load_part(src + j, S.w - j), S.w - j);
      } else {
        // Padded column pc goes to phase pc % sw, column pc / sw; its source column is pc - pl.
        for (int64_t ph = 0; ph < S.sw; ++ph) {
          float* d = row + ph * PH;
          int64_t pc = ph;
          while (pc < S.pl) pc += S.sw;
          int64_t j = pc - S.pl, o = pc / S.sw;
          if constexpr (S.sw == 2) {
            for (; j + 2 * VL <= S.w; j += 2 * VL, o += VL) simd::store(d + o, simd::load_stride2(src + j));
          }
          for (; j < S.w; j += S.sw, ++o) d[o] = src[j];
        }
      }
    }
}

template <Conv2d S, Act ACT>
void conv_direct_positions(int64_t n, const float* x, const float* packed, const float* bias, float* y, float* ws,
                           float alpha, int64_t y_image_stride) {
  constexpr int VL = simd::VL, MR = DP_MR;
  constexpr int64_t K = S.kdim(), Q = S.vq(), P = S.oh() * S.ow();
  // Vectors of virtual positions, or output rows (dp_rowwise), and the distance between them.
  constexpr int64_t NQ = dp_rowwise<S>() ? S.oh() : (Q + VL - 1) / VL, VS = dp_rowwise<S>() ? S.wh() : VL;
  // With a copy, whole vectors may run into its slack: FULL tiles, then one of REST vectors. On the
  // input itself nothing may be read past Q: FULL tiles that end at or before Q, then one full tile
  // ending exactly at Q (REST = 1 marks it).
  constexpr int64_t FULL = dp_copies<S>() ? NQ / DP_NV : Q / (DP_NV * VL);
  constexpr int64_t REST = dp_copies<S>() ? NQ % DP_NV : Q % (DP_NV * VL) != 0;
  for (int64_t img = 0; img < n; ++img) {
    const float* xp = x + img * S.c * S.h * S.w;
    if constexpr (dp_copies<S>()) {
      dp_copy<S>(xp, ws);
      xp = ws;
    }
    float* yi = y + img * y_image_stride;
    // Per tile of positions (its input stays in L1), every sliver of output channels.
    auto tile = [&]<int NV>(int64_t q0) {
      const DpLanes lanes = dp_lanes<S>(q0, NV);
      for (int64_t m0 = 0; m0 < S.m; m0 += MR)
        dp_tile<S, NV, ACT>(xp, q0, lanes, packed + m0 * K, bias ? bias + m0 : nullptr, yi + m0 * P,
                            S.m - m0 < MR ? S.m - m0 : MR, alpha);
    };
    // Tiles of DP_NV vectors, then the rest: a narrower tile reading into the copy's slack, or
    // without a copy a full tile ending at Q (overlapping the one before: its positions are
    // computed twice, to the same floats).
    for (int64_t t = 0; t < FULL; ++t) tile.template operator()<DP_NV>(t * DP_NV * VS);
    if constexpr (REST > 0) {
      if constexpr (dp_copies<S>())
        tile.template operator()<static_cast<int>(REST)>(FULL * DP_NV * VS);
      else
        tile.template operator()<DP_NV>(Q - DP_NV * VL);
    }
  }
}

// Channels as lanes: Y^T[p0..p0+R) x channels [j0, j0 + NV * VL) of one image, against the weights'
// GEMM panels; a: the im2col matrix (K x P, row k holds tap k of every position), or the input itself
// for a 1x1 convolution, read as a transposed A: row p's taps are a[k * P + p], no copy.
template <int R, int NV, Act ACT>
void dc_tile(int64_t kdim, int64_t P, const float* a, const float* packed, int64_t j0, const float* bias, float* y,
             int64_t cols, float alpha) {
  using simd::vf;
  constexpr int VL = simd::VL;
  const int64_t pstride = kdim * PANEL;
  vf acc[R][NV];
#pragma GCC unroll 16
  for (int i = 0; i < R; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[i][v] = simd::zero();
  const float* bv[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) bv[v] = packed + (j0 + v * VL) / PANEL * pstride + (j0 + v * VL) % PANEL;
  for (int64_t k = 0; k < kdim; ++k) {
    vf bk[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) bk[v] = simd::load(bv[v] + k * PANEL);
    const float* ak = a + k * P;
#pragma GCC unroll 16
    for (int i = 0; i < R; ++i) {
      const vf ai = simd::set1(ak[i]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = simd::fmadd(ai, bk[v], acc[i][v]);
    }
  }
  const vf va = simd::set1(alpha);
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    const int64_t nv = cols - v * VL < VL ? cols - v * VL : VL;
    const vf bb = bias ? (nv == VL ? simd::load(bias + v * VL) : simd::load_part(bias + v * VL, nv)) : simd::zero();
#pragma GCC unroll 16
    for (int i = 0; i < R; ++i) acc[i][v] = act<ACT>(simd::add(acc[i][v], bb), va);
  }
  // Transposed store: lane l of row i goes to channel l, position i (channel planes P apart).
  alignas(64) float t[R * NV * VL];
#pragma GCC unroll 16
  for (int i = 0; i < R; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) simd::store(t + (i * NV + v) * VL, acc[i][v]);
  for (int64_t j = 0; j < cols; ++j) {
    float* yj = y + j * P;
#pragma GCC unroll 16
    for (int i = 0; i < R; ++i) yj[i] = t[i * NV * VL + j];
  }
}

// im2col (K x P, row k: tap k of every output position) of a stride-1 convolution from its padded
// copy: each output row of a tap is a contiguous run of the padded plane, copied by whole vectors in
// increasing address order (a vector's lanes past the run are overwritten by the next one, the last
// ones land in the slack).
template <Conv2d S>
void dc_im2col_rows(const float* pad, float* xcol) {
  constexpr int VL = simd::VL;
  constexpr int64_t OH = S.oh(), OW = S.ow(), WP = S.wh(), PLANE = dp_plane<S>(), P = OH * OW;
  float* row = xcol;
  for (int64_t c = 0; c < S.c; ++c) {
#pragma GCC unroll 8
    for (int64_t ki = 0; ki < S.kh; ++ki) {
#pragma GCC unroll 8
      for (int64_t kj = 0; kj < S.kw; ++kj) {
        const float* src = pad + c * PLANE + ki * WP + kj;
#pragma GCC unroll 16
        for (int64_t o = 0; o < OH; ++o)
#pragma GCC unroll 4
          for (int64_t q = 0; q < OW; q += VL) simd::store(row + o * OW + q, simd::load(src + o * WP + q));
        row += P;
      }
    }
  }
}

template <Conv2d S, Act ACT>
void conv_direct_channels(int64_t n, const float* x, const float* packed, const float* bias, float* y, float* ws,
                          float alpha, int64_t y_image_stride) {
  constexpr int VL = simd::VL, CW = DC_NV * VL;
  constexpr int64_t K = S.kdim(), P = S.oh() * S.ow(), M = S.m;
  // Rows per tile: all positions when they fit, else equal tiles, the last one ending at P.
  constexpr int64_t NT = (P + DC_MAXR - 1) / DC_MAXR;
  constexpr int R = static_cast<int>((P + NT - 1) / NT);
  for (int64_t img = 0; img < n; ++img) {
    const float* a = x + img * S.c * S.h * S.w;
    if constexpr (dc_from_copy<S>()) {
      float* pad = ws + dc_xcol_floats<S>();
      dp_copy<S>(a, pad);
      dc_im2col_rows<S>(pad, ws);
      a = ws;
    } else if constexpr (dc_im2col<S>()) {
      im2col_plain(S, a, S.c, ws);
      a = ws;
    }
    float* yi = y + img * y_image_stride;
    for (int64_t j0 = 0; j0 < M; j0 += CW) {
      const int64_t cols = M - j0 < CW ? M - j0 : CW;
      const float* bj = bias ? bias + j0 : nullptr;
      for (int64_t t = 0; t < NT; ++t) {
        const int64_t p0 = t == NT - 1 ? P - R : t * R;
        if (cols > VL || DC_NV == 1)
          dc_tile<R, DC_NV, ACT>(K, P, a + p0, packed, j0, bj, yi + j0 * P + p0, cols, alpha);
        else
          dc_tile<R, 1, ACT>(K, P, a + p0, packed, j0, bj, yi + j0 * P + p0, cols, alpha);
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
  else if constexpr (S.direct() && S.channels_major())
    detail::conv_direct_channels<S, ACT>(n, x, w, bias, y, workspace, alpha, y_image_stride);
  else if constexpr (S.direct())
    detail::conv_direct_positions<S, ACT>(n, x, w, bias, y, workspace, alpha, y_image_stride);
  else if constexpr (S.channels_major())
    detail::conv_channels_major<ACT>(S, n, x, w, bias, y, workspace, alpha, y_image_stride);
  else
    detail::conv_gemm<ACT>(S, n, x, w, bias, y, workspace, alpha, y_image_stride);
}

}  // namespace flern::ml

#endif  // FLERN_ML_CONV_HPP
