// Data movement and reductions: Transpose, Concat, Gather, Slice, ReduceMean/ReduceSum over the last
// axes, ArgMax. Reshape, Flatten, Squeeze, Unsqueeze, Identity and Dropout move no data (the
// generator aliases the buffer).
#ifndef FLERN_ML_SHAPE_OPS_HPP
#define FLERN_ML_SHAPE_OPS_HPP

#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "flern/error.hpp"
#include "flern/ml/elementwise.hpp"
#include "flern/ml/simd.hpp"

namespace flern::ml {

// A permutation as a template argument: Perm{0, 2, 1, 3} (ONNX Transpose's perm).
struct Perm {
  int rank = 0;
  int p[MAX_RANK] = {};
  constexpr Perm() = default;
  constexpr Perm(std::initializer_list<int> l) {
    for (int x : l) p[rank++] = x;
  }
};

namespace detail {

constexpr bool valid_perm(Shape s, Perm p) {
  if (!s.valid() || p.rank != s.rank) return false;
  bool seen[MAX_RANK] = {};
  for (int i = 0; i < p.rank; ++i) {
    if (p.p[i] < 0 || p.p[i] >= p.rank || seen[p.p[i]]) return false;
    seen[p.p[i]] = true;
  }
  return true;
}

inline void transpose_run(const Shape& in, const Perm& perm, int64_t batch, const float* x, float* y) {
  const int r = in.rank;
  if (r == 0) {
    y[0] = x[0];
    return;
  }
  int64_t dims[MAX_RANK], stride[MAX_RANK];
  int64_t s = 1;
  for (int i = r - 1; i >= 0; --i) {
    dims[i] = in.d[i] == BATCH ? batch : in.d[i];
    stride[i] = s;
    s *= dims[i];
  }
  if (s == 0) return;
  int64_t od[MAX_RANK], os[MAX_RANK];  // output dims and the input stride of each output dim
  for (int i = 0; i < r; ++i) {
    od[i] = dims[perm.p[i]];
    os[i] = stride[perm.p[i]];
  }
  const int last = r - 1;
  const int64_t n = od[last], st = os[last];
  int64_t outer = 1;
  for (int i = 0; i < last; ++i) outer *= od[i];
  int64_t idx[MAX_RANK] = {};
  const float* px = x;
  for (int64_t o = 0; o < outer; ++o, y += n) {
    if (st == 1) {
      std::memcpy(y, px, static_cast<size_t>(n) * sizeof(float));
    } else {
      for (int64_t i = 0; i < n; ++i) y[i] = px[i * st];
    }
    for (int i = last - 1; i >= 0; --i) {
      px += os[i];
      if (++idx[i] < od[i]) break;
      px -= os[i] * od[i];
      idx[i] = 0;
    }
  }
}

}  // namespace detail

// y = x transposed by P (y's dim i is x's dim P[i]); a BATCH dim of IN takes the run-time batch.
template <Shape IN, Perm P>
void transpose(int64_t batch, const float* x, float* y) {
  static_assert(detail::valid_perm(IN, P), "invalid transpose");
  detail::transpose_run(IN, P, batch, x, y);
}

// Concat along an axis: every tensor viewed as [outer, inner_i] where outer is the product of the
// dims before the axis (batch included) and INNER_i the product of input i's dims from the axis
// on. y: [outer, sum INNER_i]. concat<64, 128>(outer, y, in0, in1).
template <int64_t... INNER, class... In>
void concat(int64_t outer, float* y, const In*... in) {
  static_assert(sizeof...(INNER) == sizeof...(In) && sizeof...(In) > 0, "one inner size per input");
  constexpr int64_t total = (INNER + ...);
  for (int64_t o = 0; o < outer; ++o) {
    float* dst = y + o * total;
    ((std::memcpy(dst, in + o * INNER, static_cast<size_t>(INNER) * sizeof(float)), dst += INNER), ...);
  }
}

// Gather along an axis: data viewed as [outer, AXIS, INNER]; y[o, i, :] = data[o, idx[i], :] for
// i < n_idx (y: [outer, n_idx, INNER]). Negative indices count from the end, as ONNX says; one
// outside [-AXIS, AXIS) fails the query. Embedding lookup: outer = 1, AXIS = vocabulary,
// INNER = width, n_idx = batch * sequence.
template <int64_t AXIS, int64_t INNER, class Index = int64_t>
void gather(int64_t outer, const float* data, const Index* idx, int64_t n_idx, float* y) {
  static_assert(AXIS > 0 && INNER > 0);
  for (int64_t i = 0; i < n_idx; ++i) {
    int64_t j = static_cast<int64_t>(idx[i]);
    if (j < 0) j += AXIS;
    if (j < 0 || j >= AXIS) flern::raise("Gather: index out of range");
  }
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < n_idx; ++i) {
      int64_t j = static_cast<int64_t>(idx[i]);
      if (j < 0) j += AXIS;
      std::memcpy(y + (o * n_idx + i) * INNER, data + (o * AXIS + j) * INNER, static_cast<size_t>(INNER) * sizeof(float));
    }
}

// Slice with steps >= 1 of a tensor viewed as [outer, AXIS, INNER]: y[o, i, :] = x[o, START + i *
// STEP, :] for i < COUNT (the generator normalises ONNX's starts/ends/axes/steps to these; several
// sliced axes become several calls or a Transpose).
template <int64_t AXIS, int64_t INNER, int64_t START, int64_t COUNT, int64_t STEP = 1>
void slice(int64_t outer, const float* x, float* y) {
  static_assert(AXIS > 0 && INNER > 0 && STEP > 0 && COUNT >= 0 && START >= 0 &&
                    (COUNT == 0 || START + (COUNT - 1) * STEP < AXIS),
                "invalid slice");
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < COUNT; ++i)
      std::memcpy(y + (o * COUNT + i) * INNER, x + (o * AXIS + START + i * STEP) * INNER,
                  static_cast<size_t>(INNER) * sizeof(float));
}

// Mean (or sum) over the last axes: x viewed as [outer, INNER], y[o] = mean of row o.
template <int64_t INNER>
void reduce_sum(int64_t outer, const float* x, float* y) {
  static_assert(INNER > 0);
  for (int64_t o = 0; o < outer; ++o) {
    const float* xr = x + o * INNER;
    simd::vf acc = simd::zero();
    int64_t i = 0;
    for (; i + simd::VL <= INNER; i += simd::VL) acc = simd::add(acc, simd::load(xr + i));
    if (i < INNER) acc = simd::add(acc, simd::load_part(xr + i, INNER - i));
    y[o] = simd::hsum(acc);
  }
}
template <int64_t INNER>
void reduce_mean(int64_t outer, const float* x, float* y) {
  reduce_sum<INNER>(outer, x, y);
  for (int64_t o = 0; o < outer; ++o) y[o] /= static_cast<float>(INNER);
}

// ArgMax along an axis: x viewed as [outer, AXIS, INNER], y[o, l] = the index of the largest
// x[o, :, l]; ties go to the first index, or the last with select_last_index. NaN never wins.
template <int64_t AXIS, int64_t INNER = 1>
void argmax(int64_t outer, const float* x, int64_t* y, bool select_last_index = false) {
  static_assert(AXIS > 0 && INNER > 0);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t l = 0; l < INNER; ++l) {
      const float* xs = x + o * AXIS * INNER + l;
      int64_t best = 0;
      float bv = xs[0];
      for (int64_t j = 1; j < AXIS; ++j) {
        const float v = xs[j * INNER];
        if (v > bv || (select_last_index && v == bv) || (bv != bv && v == v)) {
          bv = v;
          best = j;
        }
      }
      y[o * INNER + l] = best;
    }
}

}  // namespace flern::ml

#endif  // FLERN_ML_SHAPE_OPS_HPP
