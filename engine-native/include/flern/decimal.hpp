// DECIMAL helpers: values are integers scaled by 10^scale (int64 for p <= 18, i128 above).
// Rounding is half away from zero, like PostgreSQL's numeric.
#pragma once

#include <cstdint>

#include "flern/arith.hpp"
#include "flern/error.hpp"

namespace flern {

using i128 = __int128;

inline int64_t pow10_i64(int n) {
  static constexpr int64_t kPow[19] = {1LL,
                                       10LL,
                                       100LL,
                                       1000LL,
                                       10000LL,
                                       100000LL,
                                       1000000LL,
                                       10000000LL,
                                       100000000LL,
                                       1000000000LL,
                                       10000000000LL,
                                       100000000000LL,
                                       1000000000000LL,
                                       10000000000000LL,
                                       100000000000000LL,
                                       1000000000000000LL,
                                       10000000000000000LL,
                                       100000000000000000LL,
                                       1000000000000000000LL};
  if (n < 0 || n > 18) raise("decimal scale out of range");
  return kPow[n];
}

inline i128 pow10_i128(int n) {
  if (n < 0 || n > 38) raise("decimal scale out of range");
  if (n <= 18) return pow10_i64(n);
  return static_cast<i128>(pow10_i64(18)) * pow10_i128(n - 18);
}

// a / b rounded half away from zero; "division by zero" when b == 0.
inline i128 div_round(i128 a, i128 b) {
  if (b == 0) raise("division by zero");
  i128 q = a / b;
  i128 r = a % b;
  if (r < 0) r = -r;
  const i128 babs = b < 0 ? -b : b;
  if (r >= babs - r) q += ((a < 0) != (b < 0)) ? -1 : 1;  // 2r >= |b| without overflowing
  return q;
}

// v (at scale `from`) at scale `to`, rounding half away from zero; raises on overflow.
inline i128 rescale_round(i128 v, int from, int to) {
  if (to == from) return v;
  if (to > from) {
    i128 r;
    if (mul_ov(v, pow10_i128(to - from), &r)) raise("numeric value out of range");
    return r;
  }
  return div_round(v, pow10_i128(from - to));
}

inline int64_t rescale_round_i64(int64_t v, int from, int to) {
  const i128 r = rescale_round(static_cast<i128>(v), from, to);
  if (r > INT64_MAX || r < INT64_MIN) raise("numeric value out of range");
  return static_cast<int64_t>(r);
}

// Whether |v| < 10^precision (the value fits DECIMAL(precision, s)).
inline bool fits_precision(i128 v, int precision) {
  if (precision >= 39) return true;
  const i128 lim = pow10_i128(precision);
  return v < lim && v > -lim;
}

// Narrows to int64 (DECIMAL(p <= 18)); raises when it does not fit.
inline int64_t to_i64_checked(i128 v) {
  if (v > INT64_MAX || v < INT64_MIN) raise("numeric value out of range");
  return static_cast<int64_t>(v);
}

// The double closest to v / 10^scale.
inline double decimal_to_f64(i128 v, int scale) { return static_cast<double>(v) / static_cast<double>(pow10_i128(scale)); }

// double -> DECIMAL(p, scale): v * 10^scale rounded half away from zero; raises for NaN, infinities
// and values outside the i128 range (the caller checks the precision).
inline i128 f64_to_decimal(double v, int scale) {
  if (v != v || v - v != 0) raise("cannot convert NaN or infinity to numeric");
  const double x = v * static_cast<double>(pow10_i128(scale));
  const double r = x < 0 ? -__builtin_floor(-x + 0.5) : __builtin_floor(x + 0.5);
  if (!(r > -1.7e38 && r < 1.7e38)) raise("numeric value out of range");
  return static_cast<i128>(r);
}

// ---- round, trunc, ceil and floor of DECIMALs, exact (PostgreSQL's numeric functions) ----

// v (at `scale`) rounded to n decimal places (n may be negative: tens, hundreds, ...), half away
// from zero, still at `scale`. Raises when the rounded value leaves int128.
inline i128 dec_round(i128 v, int scale, int32_t n) {
  const int64_t drop = static_cast<int64_t>(scale) - n;  // digits to clear
  if (drop <= 0) return v;
  if (drop > 38) return 0;  // |v| < 2^127 < 10^39 / 2
  const i128 p = pow10_i128(static_cast<int>(drop));
  const i128 q = div_round(v, p);
  i128 r;
  if (mul_ov(q, p, &r)) raise("numeric value out of range");
  return r;
}

// v (at `scale`) truncated toward zero to n decimal places, still at `scale`.
inline i128 dec_trunc(i128 v, int scale, int32_t n) {
  const int64_t drop = static_cast<int64_t>(scale) - n;
  if (drop <= 0) return v;
  if (drop > 38) return 0;
  const i128 p = pow10_i128(static_cast<int>(drop));
  return v / p * p;
}

// The smallest integer >= v / 10^scale, at scale 0.
inline i128 dec_ceil(i128 v, int scale) {
  const i128 p = pow10_i128(scale);
  const i128 q = v / p;
  return v % p > 0 ? q + 1 : q;
}

// The largest integer <= v / 10^scale, at scale 0.
inline i128 dec_floor(i128 v, int scale) {
  const i128 p = pow10_i128(scale);
  const i128 q = v / p;
  return v % p < 0 ? q - 1 : q;
}

}  // namespace flern
