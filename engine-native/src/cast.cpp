// Text <-> value casts with PostgreSQL's text forms (CONTRACTS §4).
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>

#include "flern/cast.hpp"
#include "flern/date.hpp"
#include "flern/decimal.hpp"
#include "flern/error.hpp"

namespace flern {

namespace {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Str strip(Str s) {
  int32_t b = 0, e = s.len;
  while (b < e && is_space(s.ptr[b])) ++b;
  while (e > b && is_space(s.ptr[e - 1])) --e;
  return Str{s.ptr + b, e - b};
}

inline char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(Str s, const char* word) {
  const size_t n = std::strlen(word);
  if (static_cast<size_t>(s.len) != n) return false;
  for (size_t i = 0; i < n; ++i)
    if (lower_ascii(s.ptr[i]) != word[i]) return false;
  return true;
}

Str arena_copy(Arena& arena, const char* buf, int n) {
  char* p = arena.alloc(static_cast<size_t>(n), 1);
  std::memcpy(p, buf, static_cast<size_t>(n));
  return Str{p, n};
}

// Digits of |v| (v may be the minimum value) into the end of buf; returns the start.
char* u128_digits(unsigned __int128 u, char* end) {
  char* p = end;
  do {
    *--p = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  } while (u != 0);
  return p;
}

// Sign, integer digits, optional fraction and exponent, scaled to `scale` fraction digits with
// rounding half away from zero; false on syntax or when the magnitude passes 10^38.
bool parse_scaled(Str s, int scale, i128& out) {
  s = strip(s);
  int32_t i = 0;
  bool neg = false;
  if (i < s.len && (s.ptr[i] == '+' || s.ptr[i] == '-')) neg = s.ptr[i++] == '-';
  // Collect significant digits and the position of the decimal point.
  char digits[80];
  int nd = 0;          // digits kept (leading zeros skipped)
  int point = 0;       // decimal exponent correction: value = digits * 10^(point_exp)
  int64_t exp10 = 0;
  bool any = false, seen_point = false;
  int dropped_nonzero = 0;  // digits beyond our buffer (only matter for rounding)
  for (; i < s.len; ++i) {
    const char c = s.ptr[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (nd == 0 && c == '0') {
        if (seen_point) --point;
        continue;
      }
      if (nd < 78) {
        digits[nd++] = c;
        if (seen_point) --point;
      } else {
        if (!seen_point) ++point;
        if (c != '0') dropped_nonzero = 1;
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any) return false;
  if (i < s.len && (s.ptr[i] == 'e' || s.ptr[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.len && (s.ptr[i] == '+' || s.ptr[i] == '-')) eneg = s.ptr[i++] == '-';
    if (i >= s.len) return false;
    int64_t e = 0;
    for (; i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9'; ++i) {
      e = e * 10 + (s.ptr[i] - '0');
      if (e > 100000) return false;
    }
    exp10 = eneg ? -e : e;
  }
  if (i != s.len) return false;
  // value = digits * 10^(point + exp10); we want round(value * 10^scale).
  const int64_t shift = point + exp10 + scale;
  int keep = nd;
  bool round_up = false;
  if (shift < 0) {
    const int64_t cut = -shift;
    if (cut > nd) {
      keep = 0;
    } else {
      keep = nd - static_cast<int>(cut);
      round_up = digits[keep] >= '5';
    }
  }
  (void)dropped_nonzero;
  // Magnitudes stay below 10^38, so v * 10 + 9 never overflows i128.
  const i128 limit10 = pow10_i128(37);
  i128 v = 0;
  for (int k = 0; k < keep; ++k) {
    if (v >= limit10) return false;
    v = v * 10 + (digits[k] - '0');
  }
  if (shift > 0 && v != 0) {
    for (int64_t k = 0; k < shift; ++k) {
      if (v >= limit10) return false;
      v *= 10;
    }
  }
  if (round_up) ++v;
  out = neg ? -v : v;
  return true;
}

}  // namespace

bool parse_i64(Str s, int64_t& out) {
  s = strip(s);
  int32_t i = 0;
  bool neg = false;
  if (i < s.len && (s.ptr[i] == '+' || s.ptr[i] == '-')) neg = s.ptr[i++] == '-';
  if (i >= s.len) return false;
  uint64_t v = 0;
  const uint64_t lim = neg ? uint64_t{1} << 63 : static_cast<uint64_t>(INT64_MAX);
  for (; i < s.len; ++i) {
    const char c = s.ptr[i];
    if (c < '0' || c > '9') return false;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (lim - d) / 10) return false;
    v = v * 10 + d;
  }
  out = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

bool parse_i32(Str s, int32_t& out) {
  int64_t v;
  if (!parse_i64(s, v) || v < INT32_MIN || v > INT32_MAX) return false;
  out = static_cast<int32_t>(v);
  return true;
}

bool parse_f64(Str s, double& out) {
  s = strip(s);
  if (s.len == 0) return false;
  int32_t i = 0;
  bool neg = false;
  if (s.ptr[0] == '+' || s.ptr[0] == '-') {
    neg = s.ptr[0] == '-';
    i = 1;
  }
  const Str rest{s.ptr + i, s.len - i};
  if (iequals(rest, "infinity") || iequals(rest, "inf")) {
    out = neg ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (iequals(rest, "nan")) {
    if (i != 0 && neg) return false;
    out = std::nan("");
    return true;
  }
  if (rest.len == 0 || rest.ptr[0] == '+' || rest.ptr[0] == '-') return false;
  double v;
  const auto r = std::from_chars(rest.ptr, rest.ptr + rest.len, v, std::chars_format::general);
  if (r.ec != std::errc() || r.ptr != rest.ptr + rest.len) return false;
  out = neg ? -v : v;
  return true;
}

bool parse_bool(Str s, bool& out) {
  s = strip(s);
  static const char* const kTrue[] = {"true", "t", "yes", "y", "on", "1"};
  static const char* const kFalse[] = {"false", "f", "no", "n", "off", "0"};
  for (const char* w : kTrue)
    if (iequals(s, w)) {
      out = true;
      return true;
    }
  for (const char* w : kFalse)
    if (iequals(s, w)) {
      out = false;
      return true;
    }
  return false;
}

bool parse_date(Str s, int32_t& out) {
  s = strip(s);
  int32_t i = 0;
  auto number = [&](int maxd, int64_t& v) {
    const int32_t b = i;
    v = 0;
    while (i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9' && i - b < maxd) v = v * 10 + (s.ptr[i++] - '0');
    return i > b;
  };
  int64_t y, m, d;
  if (!number(7, y) || i >= s.len || s.ptr[i++] != '-') return false;
  if (!number(2, m) || i >= s.len || s.ptr[i++] != '-') return false;
  if (!number(2, d) || i != s.len) return false;
  if (y < 1 || !valid_ymd(y, static_cast<int>(m), static_cast<int>(d))) return false;  // no year 0 (PostgreSQL)
  const int64_t days = days_from_civil(y, static_cast<int>(m), static_cast<int>(d));
  if (days < INT32_MIN || days > INT32_MAX) return false;
  out = static_cast<int32_t>(days);
  return true;
}

bool parse_decimal(Str s, int scale, int64_t& out) {
  i128 v;
  if (!parse_scaled(s, scale, v) || v > INT64_MAX || v < INT64_MIN) return false;
  out = static_cast<int64_t>(v);
  return true;
}

bool parse_decimal(Str s, int scale, i128& out) { return parse_scaled(s, scale, out); }

int format_i128_to(char* buf, i128 v) {
  char tmp[48];
  const bool neg = v < 0;
  const unsigned __int128 u = neg ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(v)
                                  : static_cast<unsigned __int128>(v);
  char* p = u128_digits(u, tmp + sizeof tmp);
  if (neg) *--p = '-';
  const int n = static_cast<int>(tmp + sizeof tmp - p);
  std::memcpy(buf, p, static_cast<size_t>(n));
  return n;
}

Str format_i64(Arena& arena, int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return arena_copy(arena, buf, static_cast<int>(r.ptr - buf));
}

Str format_i128(Arena& arena, i128 v) {
  char buf[48];
  return arena_copy(arena, buf, format_i128_to(buf, v));
}

int format_f64_to(char* buf, double v) {
  if (std::isnan(v)) {
    std::memcpy(buf, "NaN", 3);
    return 3;
  }
  if (std::isinf(v)) {
    if (v < 0) {
      std::memcpy(buf, "-Infinity", 9);
      return 9;
    }
    std::memcpy(buf, "Infinity", 8);
    return 8;
  }
  if (v == 0) {
    if (std::signbit(v)) {
      std::memcpy(buf, "-0", 2);
      return 2;
    }
    buf[0] = '0';
    return 1;
  }
  // Shortest round-trip digits in scientific form: [-]d[.ddd]e[+-]XX.
  char sci[40];
  const auto r = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific);
  const char* p = sci;
  const char* end = r.ptr;
  int n = 0;
  if (*p == '-') {
    buf[n++] = '-';
    ++p;
  }
  char digits[20];
  int nd = 0;
  while (p < end && *p != 'e') {
    if (*p != '.') digits[nd++] = *p;
    ++p;
  }
  int exp = 0;
  std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exp);
  if (exp < -4 || exp >= 15) {
    buf[n++] = digits[0];
    if (nd > 1) {
      buf[n++] = '.';
      for (int k = 1; k < nd; ++k) buf[n++] = digits[k];
    }
    buf[n++] = 'e';
    buf[n++] = exp < 0 ? '-' : '+';
    const int ax = exp < 0 ? -exp : exp;
    if (ax < 10) buf[n++] = '0';
    const auto er = std::to_chars(buf + n, buf + n + 4, ax);
    n = static_cast<int>(er.ptr - buf);
    return n;
  }
  if (exp < 0) {
    buf[n++] = '0';
    buf[n++] = '.';
    for (int k = 0; k < -exp - 1; ++k) buf[n++] = '0';
    for (int k = 0; k < nd; ++k) buf[n++] = digits[k];
    return n;
  }
  // exp in [0, 15): integer part has exp + 1 digits.
  for (int k = 0; k <= exp; ++k) buf[n++] = k < nd ? digits[k] : '0';
  if (nd > exp + 1) {
    buf[n++] = '.';
    for (int k = exp + 1; k < nd; ++k) buf[n++] = digits[k];
  }
  return n;
}

Str format_f64(Arena& arena, double v) {
  char buf[48];
  return arena_copy(arena, buf, format_f64_to(buf, v));
}

Str format_decimal(Arena& arena, i128 v, int scale) {
  char buf[64];
  const bool neg = v < 0;
  const unsigned __int128 u = neg ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(v)
                                  : static_cast<unsigned __int128>(v);
  char tmp[48];
  char* p = u128_digits(u, tmp + sizeof tmp);
  int nd = static_cast<int>(tmp + sizeof tmp - p);
  int n = 0;
  if (neg) buf[n++] = '-';
  if (nd <= scale) {
    buf[n++] = '0';
    if (scale > 0) buf[n++] = '.';
    for (int k = 0; k < scale - nd; ++k) buf[n++] = '0';
    std::memcpy(buf + n, p, static_cast<size_t>(nd));
    n += nd;
  } else {
    std::memcpy(buf + n, p, static_cast<size_t>(nd - scale));
    n += nd - scale;
    if (scale > 0) {
      buf[n++] = '.';
      std::memcpy(buf + n, p + nd - scale, static_cast<size_t>(scale));
      n += scale;
    }
  }
  return arena_copy(arena, buf, n);
}

Str format_decimal(Arena& arena, int64_t v, int scale) { return format_decimal(arena, static_cast<i128>(v), scale); }

Str format_date(Arena& arena, int32_t days) {
  const Ymd c = civil_from_days(days);
  char buf[32];
  int n = 0;
  // Years before 1 print as PostgreSQL does: year 0 is 1 BC.
  const bool bc = c.year <= 0;
  const int64_t y = bc ? 1 - c.year : c.year;
  char yd[24];
  const auto yr = std::to_chars(yd, yd + sizeof yd, y);
  const int ylen = static_cast<int>(yr.ptr - yd);
  for (int k = ylen; k < 4; ++k) buf[n++] = '0';
  std::memcpy(buf + n, yd, static_cast<size_t>(ylen));
  n += ylen;
  buf[n++] = '-';
  buf[n++] = static_cast<char>('0' + c.month / 10);
  buf[n++] = static_cast<char>('0' + c.month % 10);
  buf[n++] = '-';
  buf[n++] = static_cast<char>('0' + c.day / 10);
  buf[n++] = static_cast<char>('0' + c.day % 10);
  if (bc) {
    std::memcpy(buf + n, " BC", 3);
    n += 3;
  }
  return arena_copy(arena, buf, n);
}

Str format_bool(Arena&, bool v) { return v ? Str{"true", 4} : Str{"false", 5}; }

}  // namespace flern
