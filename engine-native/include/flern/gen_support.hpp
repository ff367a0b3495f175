// The one-expression helpers the Java code generator calls (dev.flern.stage.ir.RtFn names them):
// SQL's errors raised from inside an expression, so the generator can stage `a + b` as one call
// whatever the type, and PostgreSQL's messages stay in one place.
// An include guard rather than #pragma once: this header is part of the precompiled header.
#ifndef FLERN_GEN_SUPPORT_HPP
#define FLERN_GEN_SUPPORT_HPP

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "flern/arith.hpp"
#include "flern/cast.hpp"
#include "flern/context.hpp"
#include "flern/decimal.hpp"
#include "flern/error.hpp"
#include "flern/per_worker.hpp"
#include "flern/sort.hpp"

#include <algorithm>

namespace flern {

inline QueryContext* context(flern_ctx* c) { return c; }

// ck_add/ck_sub/ck_mul/ck_neg/ck_div/ck_mod/abs_ck: arith.hpp.

// Float division is div_f64 (arith.hpp): PostgreSQL raises on a zero divisor, as we do.
inline double fmod_checked(double a, double b) {
  if (b == 0.0) raise("division by zero");
  return std::fmod(a, b);
}

// ---- DECIMAL, computed in int128 at explicit scales ----

inline i128 dec_check(i128 v, int precision) {
  if (!fits_precision(v, precision)) raise("numeric field overflow");
  return v;
}

// (a / 10^sa) / (b / 10^sb) at scale s, rounded half away from zero.
inline i128 dec_div(i128 a, int sa, i128 b, int sb, int s) {
  if (b == 0) raise("division by zero");
  const int k = s - sa + sb;
  if (k >= 0) return div_round(ck_mul(a, pow10_i128(k)), b);
  return div_round(a, ck_mul(b, pow10_i128(-k)));
}

inline i128 dec_mod(i128 a, i128 b) {
  if (b == 0) raise("division by zero");
  return a % b;
}

inline i128 f64_to_dec(double d, int scale, int precision) {
  if (!std::isfinite(d)) raise("cannot convert NaN or infinity to numeric");
  const double r = std::round(d * std::pow(10.0, scale));
  if (!(std::fabs(r) < 1e38)) raise("numeric field overflow");
  return dec_check(static_cast<i128>(r), precision);
}

inline int64_t dec_to_i64(i128 v, int scale) {
  const i128 r = div_round(v, pow10_i128(scale));
  if (r > INT64_MAX || r < INT64_MIN) raise("bigint out of range");
  return static_cast<int64_t>(r);
}
inline int32_t dec_to_i32(i128 v, int scale) {
  const i128 r = div_round(v, pow10_i128(scale));
  if (r > INT32_MAX || r < INT32_MIN) raise("integer out of range");
  return static_cast<int32_t>(r);
}
inline int32_t i64_to_i32(int64_t v) {
  if (v > INT32_MAX || v < INT32_MIN) raise("integer out of range");
  return static_cast<int32_t>(v);
}
inline int64_t i128_to_i64(i128 v) {
  if (v > INT64_MAX || v < INT64_MIN) raise("bigint out of range");
  return static_cast<int64_t>(v);
}
// f64_to_i32 / f64_to_i64 / cmp_f64 come from arith.hpp.

// ---- casts from text: bad input is an error, as in PostgreSQL ----

// Whether s is an integer literal (spaces, an optional sign, digits, spaces): when it does not parse,
// it is out of range rather than malformed, and PostgreSQL says which.
inline bool integer_text(Str s) {
  int32_t i = 0, n = s.len;
  while (i < n && s.ptr[i] == ' ') ++i;
  if (i < n && (s.ptr[i] == '+' || s.ptr[i] == '-')) ++i;
  const int32_t digits = i;
  while (i < n && s.ptr[i] >= '0' && s.ptr[i] <= '9') ++i;
  if (i == digits) return false;
  while (i < n && s.ptr[i] == ' ') ++i;
  return i == n;
}
inline int32_t cast_str_i32(Str s) {
  int32_t v;
  if (!parse_i32(s, v))
    raise(integer_text(s) ? "value out of range for type integer" : "invalid input syntax for type integer");
  return v;
}
inline int64_t cast_str_i64(Str s) {
  int64_t v;
  if (!parse_i64(s, v))
    raise(integer_text(s) ? "value out of range for type bigint" : "invalid input syntax for type bigint");
  return v;
}
inline double cast_str_f64(Str s) {
  double v;
  if (!parse_f64(s, v)) raise("invalid input syntax for type double precision");
  return v;
}
inline bool cast_str_bool(Str s) {
  bool v;
  if (!parse_bool(s, v)) raise("invalid input syntax for type boolean");
  return v;
}
inline int32_t cast_str_date(Str s) {
  int32_t v;
  if (!parse_date(s, v)) raise("invalid input syntax for type date");
  return v;
}
inline i128 cast_str_dec(Str s, int scale, int precision) {
  i128 v;
  if (!parse_decimal(s, scale, v)) raise("invalid input syntax for type numeric");
  return dec_check(v, precision);
}
inline Str format_dec(Arena& arena, i128 v, int scale) { return format_decimal(arena, v, scale); }

// The workers' sort runs joined into one vector (moved, not copied).
template <class Row>
std::vector<Row> concat_runs(PerWorker<std::vector<Row>>& runs) {
  size_t n = 0;
  for (int w = 0; w < runs.size(); ++w) n += runs[w].size();
  std::vector<Row> all;
  all.reserve(n);
  for (int w = 0; w < runs.size(); ++w) {
    std::vector<Row>& r = runs[w];
    all.insert(all.end(), std::make_move_iterator(r.begin()), std::make_move_iterator(r.end()));
    std::vector<Row>().swap(r);
  }
  return all;
}

// ORDER BY ... LIMIT: only the first k rows in order are needed, so a partial sort does (rows tied
// on every key may come in any order, as SQL allows); without a useful k, the full parallel sort.
template <class Row, class Less>
void sort_top(QueryContext* ctx, std::vector<Row>& rows, int64_t k, Less less) {
  if (k >= 0 && static_cast<uint64_t>(k) < rows.size() / 2) {
    std::partial_sort(rows.begin(), rows.begin() + k, rows.end(), less);
    rows.resize(static_cast<size_t>(k));
  } else {
    sort_rows(ctx, rows, less);
  }
}

}  // namespace flern

#endif  // FLERN_GEN_SUPPORT_HPP
