// MaxPool, AveragePool and GlobalAveragePool, NCHW float32. The pooled row of a kernel tap is
// vectorised along the output row for strides 1 and 2 (SqueezeNet's pools are 3x3 stride 2).
#ifndef FLERN_ML_POOL_HPP
#define FLERN_ML_POOL_HPP

#include <cstdint>

#include "flern/ml/simd.hpp"

namespace flern::ml {

// A pool's compile-time shape: C x H x W input, kernel, strides, pads (top, left, bottom, right),
// dilations, ceil_mode, and for AveragePool count_include_pad.
struct Pool2d {
  int64_t c = 1, h = 1, w = 1;
  int64_t kh = 1, kw = 1;
  int64_t sh = 1, sw = 1;
  int64_t pt = 0, pl = 0, pb = 0, pr = 0;
  int64_t dh = 1, dw = 1;
  bool ceil_mode = false;
  bool count_include_pad = false;

  // ONNX's output size; with ceil_mode, a last window that would start inside the end padding is
  // dropped (as PyTorch and ONNX Runtime do).
  static constexpr int64_t out(int64_t in, int64_t k, int64_t s, int64_t pa, int64_t pb_, int64_t d, bool ceil) {
    const int64_t span = in + pa + pb_ - d * (k - 1) - 1;
    int64_t o = (ceil ? (span + s - 1) / s : span / s) + 1;
    if (ceil && (o - 1) * s >= in + pa) --o;
    return o;
  }
  constexpr int64_t oh() const { return out(h, kh, sh, pt, pb, dh, ceil_mode); }
  constexpr int64_t ow() const { return out(w, kw, sw, pl, pr, dw, ceil_mode); }
  constexpr bool valid() const {
    return c > 0 && h > 0 && w > 0 && kh > 0 && kw > 0 && sh > 0 && sw > 0 && dh > 0 && dw > 0 && pt >= 0 &&
           pl >= 0 && pb >= 0 && pr >= 0 && pt < kh && pl < kw && pb < kh && pr < kw && oh() > 0 && ow() > 0;
  }
};

namespace detail {

// VL values src[0], src[s], ... for s = 1 or 2; the caller guarantees src[VL * s - 1] is readable.
FLERN_ML_INLINE simd::vf load_stride(const float* src, int64_t s) {
  return s == 1 ? simd::load(src) : simd::load_stride2(src);
}

// Output columns [lo, hi) whose input column q * s + off lies inside [0, w).
FLERN_ML_INLINE void valid_cols(int64_t w, int64_t ow, int64_t s, int64_t off, int64_t& lo, int64_t& hi) {
  lo = off >= 0 ? 0 : (-off + s - 1) / s;
  hi = w - 1 - off < 0 ? 0 : (w - 1 - off) / s + 1;
  if (hi > ow) hi = ow;
  if (lo > hi) lo = hi;
}

// acc[q] = op(acc[q], xr[q * s]) for q in [lo, hi); xr[0 .. readable) may be read.
template <bool MAX>
FLERN_ML_INLINE void pool_row(float* acc, const float* xr, int64_t lo, int64_t hi, int64_t s, int64_t readable) {
  int64_t q = lo;
  if (s <= 2) {
    // A vector reads xr[q*s .. (q+VL)*s - 1] (lanes past hi are read but not stored).
    for (; q < hi && (q + simd::VL) * s <= readable; q += simd::VL) {
      const simd::vf v = load_stride(xr + q * s, s);
      if (hi - q >= simd::VL) {
        const simd::vf a = simd::load(acc + q);
        simd::store(acc + q, MAX ? simd::max(a, v) : simd::add(a, v));
      } else {
        const simd::vf a = simd::load_part(acc + q, hi - q);
        simd::store_part(acc + q, MAX ? simd::max(a, v) : simd::add(a, v), hi - q);
      }
    }
  }
  for (; q < hi; ++q) {
    const float v = xr[q * s];
    acc[q] = MAX ? (v > acc[q] ? v : acc[q]) : acc[q] + v;
  }
}

template <bool MAX>
void pool2d(const Pool2d& s, int64_t n, const float* x, float* y) {
  const int64_t oh = s.oh(), ow = s.ow();
  // Per output column: divisor of the average (column factor; the row factor is per output row).
  float cnt_w[1024];
  float* cw = cnt_w;
  float* heap = nullptr;
  if (!MAX && ow > 1024) cw = heap = new float[static_cast<size_t>(ow)];
  if (!MAX) {
    for (int64_t q = 0; q < ow; ++q) {
      const int64_t start = q * s.sw - s.pl;
      int64_t cnt = 0;
      for (int64_t kj = 0; kj < s.kw; ++kj) {
        const int64_t iw = start + kj * s.dw;
        cnt += s.count_include_pad ? (iw < s.w + s.pr) : (iw >= 0 && iw < s.w);
      }
      cw[q] = static_cast<float>(cnt);
    }
  }
  int64_t col_lo[16], col_hi[16];  // valid output columns per kernel column
  for (int64_t kj = 0; kj < s.kw && kj < 16; ++kj) valid_cols(s.w, ow, s.sw, kj * s.dw - s.pl, col_lo[kj], col_hi[kj]);
  for (int64_t plane = 0; plane < n * s.c; ++plane) {
    const float* xc = x + plane * s.h * s.w;
    float* yc = y + plane * oh * ow;
    for (int64_t o = 0; o < oh; ++o) {
      float* yr = yc + o * ow;
      for (int64_t q = 0; q < ow; ++q) yr[q] = MAX ? -__builtin_inff() : 0.0f;
      int64_t cnt_h = 0;
      for (int64_t ki = 0; ki < s.kh; ++ki) {
        const int64_t ih = o * s.sh - s.pt + ki * s.dh;
        if (!MAX) cnt_h += s.count_include_pad ? (ih < s.h + s.pb) : (ih >= 0 && ih < s.h);
        if (ih < 0 || ih >= s.h) continue;
        for (int64_t kj = 0; kj < s.kw; ++kj) {
          const int64_t off = kj * s.dw - s.pl;
          int64_t lo, hi;
          if (kj < 16) {
            lo = col_lo[kj];
            hi = col_hi[kj];
          } else {
            valid_cols(s.w, ow, s.sw, off, lo, hi);
          }
          // Readable floats from xr: to the end of the input plane.
          const float* xr = xc + ih * s.w + off;
          pool_row<MAX>(yr, xr, lo, hi, s.sw, (s.h - ih) * s.w - off);
        }
      }
      if (!MAX) {
        const float fh = static_cast<float>(cnt_h);
        for (int64_t q = 0; q < ow; ++q) yr[q] = yr[q] / (fh * cw[q]);
      }
    }
  }
  delete[] heap;
}

}  // namespace detail

// n images of C x H x W in, n x C x OH x OW out. Padding never wins a max.
template <Pool2d S>
void max_pool(int64_t n, const float* x, float* y) {
  static_assert(S.valid(), "invalid pool shape");
  detail::pool2d<true>(S, n, x, y);
}

// Average over the window; the divisor counts the positions inside the image, or with
// count_include_pad those inside the padded image (a ceil_mode window hanging past the end padding
// counts only what lies within it).
template <Pool2d S>
void avg_pool(int64_t n, const float* x, float* y) {
  static_assert(S.valid(), "invalid pool shape");
  detail::pool2d<false>(S, n, x, y);
}

// y[plane] = mean of its HW values, for planes = n * C.
template <int64_t HW>
void global_avg_pool(int64_t planes, const float* x, float* y) {
  static_assert(HW > 0);
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * HW;
    simd::vf acc = simd::zero();
    int64_t i = 0;
    for (; i + simd::VL <= HW; i += simd::VL) acc = simd::add(acc, simd::load(xp + i));
    if (i < HW) acc = simd::add(acc, simd::load_part(xp + i, HW - i));
    y[p] = simd::hsum(acc) / static_cast<float>(HW);
  }
}

}  // namespace flern::ml

#endif  // FLERN_ML_POOL_HPP
