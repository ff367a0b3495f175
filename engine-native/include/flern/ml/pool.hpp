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

constexpr int64_t round_up_pool(int64_t v, int64_t m) { return (v + m - 1) / m * m; }

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

// One output row of one plane, VL outputs at a time, accumulated in a register over the kernel
// taps (no store/reload per tap). A tap's lanes outside its valid columns are blended away; a tap
// whose vector read would leave the plane (or a stride above 2) goes lane by lane.
template <bool MAX>
void pool2d(const Pool2d& s, int64_t n, const float* x, float* y) {
  constexpr int VL = simd::VL;
  const int64_t oh = s.oh(), ow = s.ow();
  const float init = MAX ? -__builtin_inff() : 0.0f;
  int64_t col_lo[16], col_hi[16];  // valid output columns per kernel column (kw <= 16 cached)
  for (int64_t kj = 0; kj < s.kw && kj < 16; ++kj) valid_cols(s.w, ow, s.sw, kj * s.dw - s.pl, col_lo[kj], col_hi[kj]);
  for (int64_t plane = 0; plane < n * s.c; ++plane) {
    const float* xc = x + plane * s.h * s.w;
    const float* xc_end = xc + s.h * s.w;
    float* yc = y + plane * oh * ow;
    for (int64_t o = 0; o < oh; ++o) {
      int64_t cnt_h = 0;  // rows counted by the average's divisor
      for (int64_t ki = 0; ki < s.kh; ++ki) {
        const int64_t ih = o * s.sh - s.pt + ki * s.dh;
        cnt_h += s.count_include_pad ? (ih < s.h + s.pb) : (ih >= 0 && ih < s.h);
      }
      for (int64_t q0 = 0; q0 < ow; q0 += VL) {
        const int64_t nq = ow - q0 < VL ? ow - q0 : VL;
        simd::vf acc = simd::set1(init);
        alignas(64) float lane_acc[VL];  // taps that go lane by lane
        bool scalar = false;
        for (int64_t ki = 0; ki < s.kh; ++ki) {
          const int64_t ih = o * s.sh - s.pt + ki * s.dh;
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
            const int64_t a = lo > q0 ? lo - q0 : 0, b = hi < q0 + nq ? hi - q0 : nq;
            if (a >= b) continue;
            const float* src = xc + ih * s.w + off + q0 * s.sw;  // lane j reads src[j * sw]
            if (s.sw <= 2 && src >= xc && src + VL * s.sw <= xc_end) {
              const simd::vf v = load_stride(src, s.sw);
              const simd::vf r = MAX ? simd::max(acc, v) : simd::add(acc, v);
              acc = (a == 0 && b == VL) ? r : simd::select(simd::lanes(a, b), r, acc);
            } else {
              if (!scalar) {
                for (int j = 0; j < VL; ++j) lane_acc[j] = init;
                scalar = true;
              }
              for (int64_t j = a; j < b; ++j) {
                const float v = src[j * s.sw];
                lane_acc[j] = MAX ? (v > lane_acc[j] ? v : lane_acc[j]) : lane_acc[j] + v;
              }
            }
          }
        }
        if (scalar) {
          const simd::vf l = simd::load(lane_acc);
          acc = MAX ? simd::max(acc, l) : simd::add(acc, l);
        }
        if (!MAX) {
          alignas(64) float div[VL];
          for (int64_t j = 0; j < VL; ++j) {
            int64_t cnt_w = 0;
            const int64_t start = (q0 + j) * s.sw - s.pl;
            for (int64_t kj = 0; kj < s.kw; ++kj) {
              const int64_t iw = start + kj * s.dw;
              cnt_w += s.count_include_pad ? (iw < s.w + s.pr) : (iw >= 0 && iw < s.w);
            }
            div[j] = static_cast<float>(cnt_h * (cnt_w > 0 ? cnt_w : 1));
          }
          acc = simd::div(acc, simd::load(div));
        }
        if (nq == VL)
          simd::store(yc + o * ow + q0, acc);
        else
          simd::store_part(yc + o * ow + q0, acc, nq);
      }
    }
  }
}

}  // namespace detail

namespace detail {

// Max pool without dilation and stride 1 or 2, the shape known at compile time. Per plane, first
// the valid input rows of every output row's window are reduced into a row buffer padded with -inf
// (the padding, and slack for vector reads), then the kernel columns are reduced along those rows,
// VL outputs at a time: the second pass reads rows the first one finished storing a while ago
// (unaligned reads right after a store would wait for it). Max is exact, so the order of the taps
// does not change the result.
template <Pool2d S>
constexpr int64_t pool_row_floats() {
  return round_up_pool(S.pl + S.w + (S.ow() + 2 * simd::VL) * S.sw + S.kw, simd::VL);
}
template <Pool2d S>
void max_pool_rows(int64_t n, const float* x, float* y) {
  constexpr int VL = simd::VL;
  constexpr int64_t OH = S.oh(), OW = S.ow(), TW = pool_row_floats<S>();
  alignas(64) float t[OH * TW];
  const simd::vf ninf = simd::set1(-__builtin_inff());
  for (int64_t i = 0; i < OH * TW; i += VL) simd::store(t + i, ninf);
  for (int64_t plane = 0; plane < n * S.c; ++plane) {
    const float* xc = x + plane * S.h * S.w;
    float* yc = y + plane * OH * OW;
    for (int64_t o = 0; o < OH; ++o) {
      const int64_t r0 = o * S.sh - S.pt;
      const int64_t lo = r0 < 0 ? 0 : r0, hi = r0 + S.kh < S.h ? r0 + S.kh : S.h;
      float* tr = t + o * TW + S.pl;
#pragma GCC unroll 4
      for (int64_t q = 0; q < S.w; q += VL) {
        const int64_t nq = S.w - q < VL ? S.w - q : VL;
        simd::vf acc = ninf;
        for (int64_t r = lo; r < hi; ++r) {
          const float* src = xc + r * S.w + q;
          acc = simd::max(acc, nq == VL ? simd::load(src) : simd::load_part(src, nq));
        }
        simd::store(tr + q, nq == VL ? acc : simd::select(simd::first_n(nq), acc, ninf));
      }
    }
    for (int64_t o = 0; o < OH; ++o) {
      const float* tr = t + o * TW;
#pragma GCC unroll 4
      for (int64_t q0 = 0; q0 < OW; q0 += VL) {
        const int64_t nq = OW - q0 < VL ? OW - q0 : VL;
        const float* src = tr + q0 * S.sw;
        simd::vf acc = ninf;
#pragma GCC unroll 8
        for (int64_t kj = 0; kj < S.kw; ++kj) acc = simd::max(acc, S.sw == 1 ? simd::load(src + kj) : simd::load_stride2(src + kj));
        if (nq == VL)
          simd::store(yc + o * OW + q0, acc);
        else
          simd::store_part(yc + o * OW + q0, acc, nq);
      }
    }
  }
}

}  // namespace detail

// n images of C x H x W in, n x C x OH x OW out. Padding never wins a max.
template <Pool2d S>
void max_pool(int64_t n, const float* x, float* y) {
  static_assert(S.valid(), "invalid pool shape");
  if constexpr (S.dh == 1 && S.dw == 1 && (S.sw == 1 || S.sw == 2) && S.oh() * detail::pool_row_floats<S>() <= 4096)
    detail::max_pool_rows<S>(n, x, y);
  else
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
