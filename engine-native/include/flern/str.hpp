// String values and the SQL string functions (CONTRACTS §4). A Str points into table memory, a
// result of an Arena, or a literal; it is not NUL-terminated. Comparison is bytewise (C collation).
#pragma once

#include <cstdint>
#include <cstring>

#include "flern/arena.hpp"

namespace flern {

struct Str {
  const char* ptr;
  int32_t len;
};

// A Str over a NUL-terminated constant (for tests and constant texts of the engine).
inline Str str_lit(const char* s) { return Str{s, static_cast<int32_t>(std::strlen(s))}; }

namespace detail {
inline uint64_t load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline uint32_t load4(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
}  // namespace detail

// Inline word compares instead of a memcmp call (GROUP BY and join keys compare a string per row).
// Every load stays inside both strings: the tail is the last word, overlapping the previous one.
inline bool str_eq(Str a, Str b) {
  if (a.len != b.len) return false;
  const int32_t n = a.len;
  const char* x = a.ptr;
  const char* y = b.ptr;
  if (n >= 8) {
    for (int32_t i = 0; i + 8 < n; i += 8)
      if (detail::load8(x + i) != detail::load8(y + i)) return false;
    return detail::load8(x + n - 8) == detail::load8(y + n - 8);
  }
  if (n >= 4)
    return ((detail::load4(x) ^ detail::load4(y)) | (detail::load4(x + n - 4) ^ detail::load4(y + n - 4))) == 0;
  if (n == 0) return true;
  return x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1];
}
inline bool operator==(Str a, Str b) { return str_eq(a, b); }

// -1, 0 or 1: memcmp over the common prefix, then the shorter string first.
inline int str_cmp(Str a, Str b) {
  const int32_t m = a.len < b.len ? a.len : b.len;
  const int c = m > 0 ? std::memcmp(a.ptr, b.ptr, static_cast<size_t>(m)) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return a.len < b.len ? -1 : (a.len > b.len ? 1 : 0);
}
inline bool str_lt(Str a, Str b) { return str_cmp(a, b) < 0; }

// Code points: every byte that is not a UTF-8 continuation byte starts one.
inline int64_t char_length(Str s) {
  int64_t n = 0;
  for (int32_t i = 0; i < s.len; ++i) n += (static_cast<uint8_t>(s.ptr[i]) & 0xC0) != 0x80;
  return n;
}

inline Str ltrim(Str s) {
  int32_t b = 0;
  while (b < s.len && s.ptr[b] == ' ') ++b;
  return Str{s.ptr + b, s.len - b};
}
inline Str rtrim(Str s) {
  int32_t e = s.len;
  while (e > 0 && s.ptr[e - 1] == ' ') --e;
  return Str{s.ptr, e};
}
inline Str trim(Str s) { return rtrim(ltrim(s)); }

inline bool starts_with(Str s, Str prefix) {
  return prefix.len <= s.len && (prefix.len == 0 || std::memcmp(s.ptr, prefix.ptr, static_cast<size_t>(prefix.len)) == 0);
}
inline bool ends_with(Str s, Str suffix) {
  return suffix.len <= s.len &&
         (suffix.len == 0 || std::memcmp(s.ptr + (s.len - suffix.len), suffix.ptr, static_cast<size_t>(suffix.len)) == 0);
}

// SQL LIKE: '%' any sequence, '_' one code point, '\' makes the next pattern character literal.
bool like(Str s, Str pattern);
// Byte offset of the first occurrence of needle in s, or -1 (an empty needle is found at 0).
int64_t find(Str s, Str needle);
inline bool contains(Str s, Str needle) { return find(s, needle) >= 0; }
// PostgreSQL position(needle IN s): 1-based code point index, 0 when absent.
int64_t position(Str s, Str needle);

// PostgreSQL SUBSTRING(s FROM start FOR len): 1-based code points; a start below 1 shortens the
// result (SUBSTRING('hello', 0, 3) = 'he'); a negative len raises.
Str substring(Str s, int64_t start, int64_t len);
// SUBSTRING(s FROM start): to the end.
Str substring(Str s, int64_t start);

// ASCII case mapping; other bytes (UTF-8 sequences) pass through unchanged.
Str upper(Arena& arena, Str s);
Str lower(Arena& arena, Str s);
Str concat(Arena& arena, Str a, Str b);

// A copy of s that lives as long as the arena (for values that must outlive their source).
inline Str copy_str(Arena& arena, Str s) {
  if (s.len == 0) return Str{"", 0};
  char* p = arena.alloc(static_cast<size_t>(s.len), 1);
  std::memcpy(p, s.ptr, static_cast<size_t>(s.len));
  return Str{p, s.len};
}

}  // namespace flern
