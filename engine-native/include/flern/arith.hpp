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

// Raising forms, for code that wants one expression.
template <class T>
inline T add_checked(T a, T b) {
  T r;
  if (add_ov(a, b, &r)) raise("integer out of range");
  return r;
}
template <class T>
inline T sub_checked(T a, T b) {
  T r;
  if (sub_ov(a, b, &r)) raise("integer out of range");
  return r;
}
template <class T>
inline T mul_checked(T a, T b) {
  T r;
  if (mul_ov(a, b, &r)) raise("integer out of range");
  return r;
}

// Integer division truncating toward zero; "division by zero"; MIN / -1 is out of range.
template <class T>
inline T div_int(T a, T b) {
  if (b == 0) raise("division by zero");
  if (b == -1) {
    T r;
    if (sub_ov(T(0), a, &r)) raise("integer out of range");
    return r;
  }
  return a / b;
}
// Remainder with the sign of the dividend; MIN % -1 is 0.
template <class T>
inline T mod_int(T a, T b) {
  if (b == 0) raise("division by zero");
  if (b == -1) return 0;
  return a % b;
}

}  // namespace flern
