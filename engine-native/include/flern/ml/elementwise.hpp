// Element-wise operators: unary (activations, Erf, Sqrt, Clip, ...) over a flat array, and binary
// Add/Sub/Mul/Div/Pow/Max/Min with numpy broadcasting of compile-time shapes.
#ifndef FLERN_ML_ELEMENTWISE_HPP
#define FLERN_ML_ELEMENTWISE_HPP

#include <cmath>
#include <cstdint>
#include <initializer_list>

#include "flern/ml/act.hpp"
#include "flern/ml/simd.hpp"
#include "flern/ml/vmath.hpp"

namespace flern::ml {

// The symbolic batch dimension of a Shape: known only at run time, and only as the leading dim.
constexpr int64_t BATCH = -1;
constexpr int MAX_RANK = 8;

// A tensor shape as a template argument: Shape{BATCH, 64, 128}. Rank 0 is a scalar.
struct Shape {
  int rank = 0;
  int64_t d[MAX_RANK] = {};
  constexpr Shape() = default;
  constexpr Shape(std::initializer_list<int64_t> dims) {
    for (int64_t x : dims) d[rank++] = x;
  }
  constexpr bool has_batch() const { return rank > 0 && d[0] == BATCH; }
  // Product of the dims, the batch dim counted as 1.
  constexpr int64_t static_size() const {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n *= d[i] == BATCH ? 1 : d[i];
    return n;
  }
  constexpr bool valid() const {
    if (rank < 0 || rank > MAX_RANK) return false;
    for (int i = 0; i < rank; ++i)
      if (d[i] <= 0 && !(i == 0 && d[i] == BATCH)) return false;
    return true;
  }
};

enum class Unary : int { Identity, Relu, LeakyRelu, Sigmoid, Tanh, Erf, Gelu, Sqrt, Clip, Exp, Neg, Abs, Reciprocal };

namespace detail {

template <Unary U>
FLERN_ML_INLINE simd::vf unary_v(simd::vf x, simd::vf a, simd::vf b) {
  if constexpr (U == Unary::Relu) return act<Act::Relu>(x, a);
  else if constexpr (U == Unary::LeakyRelu) return act<Act::LeakyRelu>(x, a);
  else if constexpr (U == Unary::Sigmoid) return vmath::sigmoid(x);
  else if constexpr (U == Unary::Tanh) return vmath::tanh(x);
  else if constexpr (U == Unary::Erf) return vmath::erf(x);
  else if constexpr (U == Unary::Gelu) return vmath::gelu(x);
  else if constexpr (U == Unary::Sqrt) return simd::sqrt(x);
  else if constexpr (U == Unary::Clip) return simd::min(simd::max(x, a), b);
  else if constexpr (U == Unary::Exp) return vmath::exp(x);
  else if constexpr (U == Unary::Neg) return simd::neg(x);
  else if constexpr (U == Unary::Abs) return simd::abs(x);
  else if constexpr (U == Unary::Reciprocal) return simd::div(simd::set1(1.0f), x);
  else return x;
}

}  // namespace detail

// y[i] = U(x[i]) for i < n (x == y allowed). a: LeakyRelu's alpha or Clip's min; b: Clip's max
// (pass -inf/+inf for an absent bound).
template <Unary U>
void unary(int64_t n, const float* x, float* y, float a = 0.0f, float b = 0.0f) {
  const simd::vf va = simd::set1(a), vb = simd::set1(b);
  int64_t i = 0;
  for (; i + simd::VL <= n; i += simd::VL) simd::store(y + i, detail::unary_v<U>(simd::load(x + i), va, vb));
  if (i < n) simd::store_part(y + i, detail::unary_v<U>(simd::load_part(x + i, n - i), va, vb), n - i);
}

enum class Binary : int { Add, Sub, Mul, Div, Pow, Max, Min };

namespace detail {

template <Binary OP>
FLERN_ML_INLINE simd::vf binary_v(simd::vf a, simd::vf b) {
  if constexpr (OP == Binary::Add) return simd::add(a, b);
  else if constexpr (OP == Binary::Sub) return simd::sub(a, b);
  else if constexpr (OP == Binary::Mul) return simd::mul(a, b);
  else if constexpr (OP == Binary::Div) return simd::div(a, b);
  else if constexpr (OP == Binary::Max) return simd::max(a, b);
  else return simd::min(a, b);
}

template <Binary OP>
FLERN_ML_INLINE float binary_s(float a, float b) {
  if constexpr (OP == Binary::Add) return a + b;
  else if constexpr (OP == Binary::Sub) return a - b;
  else if constexpr (OP == Binary::Mul) return a * b;
  else if constexpr (OP == Binary::Div) return a / b;
  else if constexpr (OP == Binary::Pow) return std::pow(a, b);
  else if constexpr (OP == Binary::Max) return a > b ? a : b;
  else return a < b ? a : b;
}

// The innermost loop: y[i] = a[i*sa] OP b[i*sb] with sa, sb in {0, 1}.
template <Binary OP>
void binary_inner(const float* a, int64_t sa, const float* b, int64_t sb, float* y, int64_t n) {
  constexpr int VL = simd::VL;
  if constexpr (OP == Binary::Pow) {
    // Pow by a broadcast constant exponent is what exporters emit (x^2 in a decomposed LayerNorm):
    // exact fast paths for the usual ones, std::pow otherwise.
    if (sb == 0 && (b[0] == 2.0f || b[0] == 1.0f || b[0] == 0.5f || b[0] == 3.0f)) {
      const float e = b[0];
      for (int64_t i = 0; i < n; ++i) {
        const float x = a[i * sa];
        y[i] = e == 2.0f ? x * x : e == 1.0f ? x : e == 3.0f ? x * x * x : std::sqrt(x);
      }
      return;
    }
    for (int64_t i = 0; i < n; ++i) y[i] = std::pow(a[i * sa], b[i * sb]);
    return;
  } else {
    int64_t i = 0;
    if (sa == 1 && sb == 1) {
      for (; i + VL <= n; i += VL) simd::store(y + i, binary_v<OP>(simd::load(a + i), simd::load(b + i)));
      if (i < n) simd::store_part(y + i, binary_v<OP>(simd::load_part(a + i, n - i), simd::load_part(b + i, n - i)), n - i);
    } else if (sa == 1) {
      const simd::vf vb = simd::set1(b[0]);
      for (; i + VL <= n; i += VL) simd::store(y + i, binary_v<OP>(simd::load(a + i), vb));
      if (i < n) simd::store_part(y + i, binary_v<OP>(simd::load_part(a + i, n - i), vb), n - i);
    } else if (sb == 1) {
      const simd::vf va = simd::set1(a[0]);
      for (; i + VL <= n; i += VL) simd::store(y + i, binary_v<OP>(va, simd::load(b + i)));
      if (i < n) simd::store_part(y + i, binary_v<OP>(va, simd::load_part(b + i, n - i)), n - i);
    } else {
      const float v = binary_s<OP>(a[0], b[0]);
      for (; i < n; ++i) y[i] = v;
    }
  }
}

// The broadcast of two shapes, dims merged where both operands stay contiguous (or both constant)
// across them, so that most cases run as one or two loops.
struct BcastPlan {
  bool ok = false;
  int rank = 0;
  int64_t ext[MAX_RANK] = {};  // extent; dim 0 multiplied by the batch when batch0
  bool batch0 = false;
  int64_t sa[MAX_RANK] = {}, sb[MAX_RANK] = {};
  Shape out;
};

constexpr BcastPlan make_bcast(Shape a, Shape b) {
  BcastPlan p;
  if (!a.valid() || !b.valid()) return p;
  const int r = a.rank > b.rank ? a.rank : b.rank;
  int64_t ext[MAX_RANK] = {}, sa[MAX_RANK] = {}, sb[MAX_RANK] = {};
  bool isb[MAX_RANK] = {};
  int64_t stride_a = 1, stride_b = 1;
  for (int i = r - 1; i >= 0; --i) {
    const int ia = i - (r - a.rank), ib = i - (r - b.rank);
    const int64_t da = ia >= 0 ? a.d[ia] : 1, db = ib >= 0 ? b.d[ib] : 1;
    int64_t e;
    if (da == db) e = da;
    else if (da == 1) e = db;
    else if (db == 1) e = da;
    else return p;  // incompatible (including BATCH against a static dim other than 1)
    if (e == BATCH && i != 0) return p;  // the batch dim must lead the output
    ext[i] = e == BATCH ? 1 : e;
    isb[i] = e == BATCH;
    sa[i] = da == 1 && e != 1 ? 0 : stride_a;
    sb[i] = db == 1 && e != 1 ? 0 : stride_b;
    stride_a *= da == BATCH ? 1 : da;  // the batch dim leads: no dim outside it needs its size
    stride_b *= db == BATCH ? 1 : db;
  }
  p.out.rank = r;
  for (int i = 0; i < r; ++i) p.out.d[i] = isb[i] ? BATCH : ext[i];
  // Merge dim i into dim i+1 (outer into inner) when both strides chain.
  int n = 0;
  int64_t mext[MAX_RANK] = {}, msa[MAX_RANK] = {}, msb[MAX_RANK] = {};
  bool mb[MAX_RANK] = {};
  for (int i = 0; i < r; ++i) {
    if (n > 0 && !isb[i] && msa[n - 1] == sa[i] * ext[i] && msb[n - 1] == sb[i] * ext[i]) {
      mext[n - 1] *= ext[i];
      msa[n - 1] = sa[i];
      msb[n - 1] = sb[i];
    } else {
      mext[n] = ext[i];
      msa[n] = sa[i];
      msb[n] = sb[i];
      mb[n] = isb[i];
      ++n;
    }
  }
  if (n == 0) {  // both scalars
    n = 1;
    mext[0] = 1;
  }
  p.rank = n;
  for (int i = 0; i < n; ++i) {
    p.ext[i] = mext[i];
    p.sa[i] = msa[i];
    p.sb[i] = msb[i];
  }
  p.batch0 = mb[0];
  p.ok = true;
  return p;
}

template <Binary OP>
void binary_run(const BcastPlan& p, int64_t batch, const float* a, const float* b, float* y) {
  int64_t ext[MAX_RANK];
  for (int i = 0; i < p.rank; ++i) ext[i] = p.ext[i];
  if (p.batch0) ext[0] *= batch;
  const int last = p.rank - 1;
  const int64_t n = ext[last];
  int64_t outer = 1;
  for (int i = 0; i < last; ++i) outer *= ext[i];
  if (outer == 0 || n == 0) return;
  int64_t idx[MAX_RANK] = {};
  const float* pa = a;
  const float* pb = b;
  for (int64_t o = 0; o < outer; ++o) {
    binary_inner<OP>(pa, p.sa[last], pb, p.sb[last], y + o * n, n);
    // Advance the outer multi-index (odometer), keeping pa/pb in step.
    for (int i = last - 1; i >= 0; --i) {
      pa += p.sa[i];
      pb += p.sb[i];
      if (++idx[i] < ext[i]) break;
      pa -= p.sa[i] * ext[i];
      pb -= p.sb[i] * ext[i];
      idx[i] = 0;
    }
  }
}

}  // namespace detail

// The output shape of broadcasting A against B (numpy rules; BATCH only as a leading dim).
template <Shape A, Shape B>
constexpr Shape broadcast_shape() {
  constexpr detail::BcastPlan p = detail::make_bcast(A, B);
  static_assert(p.ok, "shapes do not broadcast");
  return p.out;
}

// y = a OP b with numpy broadcasting; batch is the run-time extent of a BATCH dim (ignored without).
// y is dense in the broadcast shape.
template <Binary OP, Shape A, Shape B>
void binary(int64_t batch, const float* a, const float* b, float* y) {
  static constexpr detail::BcastPlan plan = detail::make_bcast(A, B);
  static_assert(plan.ok, "shapes do not broadcast");
  detail::binary_run<OP>(plan, batch, a, b, y);
}

}  // namespace flern::ml

#endif  // FLERN_ML_ELEMENTWISE_HPP
