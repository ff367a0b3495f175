// Checked arithmetic: true on overflow (the caller raises "integer out of range"), and division
// helpers with SQL's errors.
#pragma once

#include <cmath>
#include <cstdint>

#include "flern/error.hpp"

namespace flern {

using i128 = __int128;

inline bool add_ov(int32_t a, int32_t b, int32_t* out) { return __builtin_add_overflow(a, b, out); }
inline bool sub_ov(int32_t a, int32_t b, int32_t* out) { return __builtin_sub_overflow(a, b, out); }
inline bool mul_ov(int32_t a, int32_t b, int32_t* out) { return __builtin_mul_overflow(a, b, out); }
inline bool add_ov(int64_t a, int64_t b, int64_t* out) { return __builtin_add_overflow(a, b, out); }
inline bool sub_ov(int64_t a, int64_t b, int64_t* out) { return __builtin_sub_overflow(a, b, out); }
inline bool mul_ov(int64_t a, int64_t b, int64_t* out) { return __builtin_mul_overflow(a, b, out); }
inline bool add_ov(i128 a, i128 b, i128* out) { return __builtin_add_overflow(a, b, out); }
inline bool sub_ov(i128 a, i128 b, i128* out) { return __builtin_sub_overflow(a, b, out); }
inline bool mul_ov(i128 a, i128 b, i128* out) { return __builtin_mul_overflow(a, b, out); }

// PostgreSQL's words for an overflow of each integer width.
template <class T>
constexpr const char* range_error() {
  if constexpr (sizeof(T) == 4) return "integer out of range";
  else if constexpr (sizeof(T) == 8) return "bigint out of range";
  else return "numeric value out of range";
}

// Raising forms, one expression each: what generated code calls for SQL's + - * / % on integers
// and scaled decimals.
template <class T>
inline T ck_add(T a, T b) {
  T r;
  if (__builtin_add_overflow(a, b, &r)) raise(range_error<T>());
  return r;
}
template <class T>
inline T ck_sub(T a, T b) {
  T r;
  if (__builtin_sub_overflow(a, b, &r)) raise(range_error<T>());
  return r;
}
template <class T>
inline T ck_mul(T a, T b) {
  T r;
  if (__builtin_mul_overflow(a, b, &r)) raise(range_error<T>());
  return r;
}
template <class T>
inline T ck_neg(T a) {
  return ck_sub(T(0), a);
}
// Division truncating toward zero; "division by zero"; MIN / -1 is out of range.
template <class T>
inline T ck_div(T a, T b) {
  if (b == 0) raise("division by zero");
  if (b == -1) return ck_neg(a);
  return a / b;
}
// Remainder with the sign of the dividend; MIN % -1 is 0.
template <class T>
inline T ck_mod(T a, T b) {
  if (b == 0) raise("division by zero");
  if (b == -1) return 0;
  return a % b;
}
template <class T>
inline T abs_ck(T a) {
  return a < 0 ? ck_neg(a) : a;
}
inline double abs_ck(double a) { return a < 0 ? -a : a; }

// Double division: SQL raises on a zero divisor (PostgreSQL does for float8 too).
inline double div_f64(double a, double b) {
  if (b == 0.0) raise("division by zero");
  return a / b;
}

// PostgreSQL's float order: -0 equals 0, NaN equals NaN and sorts above every other value.
inline int cmp_f64(double a, double b) {
  const bool an = a != a, bn = b != b;
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}
inline bool eq_f64(double a, double b) { return cmp_f64(a, b) == 0; }

// double -> integer casts: round half to even (rint) and range-check, like PostgreSQL.
inline int64_t f64_to_i64(double v) {
  const double r = __builtin_rint(v);
  // 2^63 is exactly representable; every double below it fits.
  if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) raise("bigint out of range");
  return static_cast<int64_t>(r);
}
inline int32_t f64_to_i32(double v) {
  const double r = __builtin_rint(v);
  if (!(r >= -2147483648.0 && r < 2147483648.0)) raise("integer out of range");
  return static_cast<int32_t>(r);
}

// ---- PostgreSQL's float8 math functions (float.c): the same errors for the same inputs ----

// The two range errors of float8 results, as PostgreSQL words them.
[[noreturn]] inline void float_overflow() { raise("value out of range: overflow"); }
[[noreturn]] inline void float_underflow() { raise("value out of range: underflow"); }

// sign(): -1, 0 or 1 of the argument's type; NaN and -0 give 0.
template <class T>
inline T sign_of(T v) {
  return static_cast<T>((v > 0) - (v < 0));
}
inline double sign_of(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }

inline double sqrt_f64(double x) {
  if (x < 0) raise("cannot take square root of a negative number");
  return std::sqrt(x);
}

// exp(): NaN stays NaN, exp(-inf) is 0; a finite argument whose result is infinite or zero is out
// of range (PostgreSQL checks the result the same way; it also trusts errno, which we do not read).
inline double exp_f64(double x) {
  if (x != x) return x;
  if (std::isinf(x)) return x > 0 ? x : 0.0;
  const double r = std::exp(x);
  if (std::isinf(r)) float_overflow();
  if (r == 0.0) float_underflow();
  return r;
}

inline void check_log_arg(double x) {
  if (x == 0.0) raise("cannot take logarithm of zero");
  if (x < 0.0) raise("cannot take logarithm of a negative number");
}
inline double ln_f64(double x) {
  check_log_arg(x);
  return std::log(x);
}
inline double log10_f64(double x) {
  check_log_arg(x);
  return std::log10(x);
}
// log(b, x): the base's checks first, then the argument's (PostgreSQL's numeric log); base 1 is a
// division by zero. An exact power of the base gives its exponent exactly (log(10, 1000) is 3, not
// 2.9999999999999996), as PostgreSQL's exact numeric computation does.
inline double log_base_f64(double b, double x) {
  check_log_arg(b);
  check_log_arg(x);
  const double lb = std::log(b);
  if (lb == 0.0) raise("division by zero");
  const double r = std::log(x) / lb;
  const double k = std::nearbyint(r);
  if (k != r && std::fabs(k - r) < 1e-9 * (1.0 + std::fabs(k)) && std::pow(b, k) == x) return k;
  return r;
}

// power(x, y) as PostgreSQL's dpow: POSIX's NaN and infinity cases spelled out, SQL's errors for
// 0 ^ negative and negative ^ non-integer, range errors for infinite or vanished results.
inline double pow_f64(double x, double y) {
  if (x != x) return (y != y || y != 0.0) ? x : 1.0;
  if (y != y) return x != 1.0 ? y : 1.0;
  if (x == 0.0 && y < 0.0) raise("zero raised to a negative power is undefined");
  if (x < 0.0 && std::floor(y) != y) raise("a negative number raised to a non-integer power yields a complex result");
  if (std::isinf(y)) {
    const double ax = std::fabs(x);
    if (ax == 1.0) return 1.0;
    if (y > 0.0) return ax > 1.0 ? y : 0.0;
    return ax > 1.0 ? 0.0 : -y;
  }
  if (std::isinf(x)) {
    if (y == 0.0) return 1.0;
    if (x > 0.0) return y > 0.0 ? x : 0.0;
    const bool odd = std::floor(y) == y && std::floor(y * 0.5) != y * 0.5;
    if (y > 0.0) return odd ? x : -x;
    return odd ? -0.0 : 0.0;
  }
  const double r = std::pow(x, y);
  if (std::isinf(r)) float_overflow();
  if (r == 0.0 && x != 0.0) float_underflow();
  return r;
}

// round(x) of a float8 rounds half to even (rint), as PostgreSQL's.
inline double round_f64(double x) { return std::nearbyint(x); }

// round(x, n) and trunc(x, n) of a DOUBLE (PostgreSQL has them for numeric only): x scaled by 10^n,
// rounded half away from zero (or truncated), scaled back. Where the scaled value has no fraction
// left (|x * 10^n| >= 2^52, infinities, NaN) x already is its own rounding.
inline double round_digits_f64(double x, int32_t n, bool truncate) {
  constexpr double kNoFraction = 4503599627370496.0;  // 2^52
  if (n >= 0) {
    if (n > 330) return x;
    const double m = std::pow(10.0, n);
    const double y = x * m;
    if (!(std::fabs(y) < kNoFraction)) return x;
    return (truncate ? std::trunc(y) : std::round(y)) / m;
  }
  if (n < -330) return std::isfinite(x) ? 0.0 * x : x;
  const double m = std::pow(10.0, -n);
  const double y = x / m;
  if (!(std::fabs(y) < kNoFraction)) return x;
  return (truncate ? std::trunc(y) : std::round(y)) * m;
}

}  // namespace flern
