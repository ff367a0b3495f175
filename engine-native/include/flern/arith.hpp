// Checked arithmetic: true on overflow (the caller raises "integer out of range"), and division
// helpers with SQL's errors.
#pragma once

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


}  // namespace flern
