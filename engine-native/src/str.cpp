// SQL string functions over Str (CONTRACTS §4).
#include <cstring>

#include "flern/error.hpp"
#include "flern/str.hpp"

namespace flern {

namespace {

inline bool is_cont(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// Index just past the code point that starts at i.
inline int32_t next_cp(Str s, int32_t i) {
  ++i;
  while (i < s.len && is_cont(s.ptr[i])) ++i;
  return i;
}

// Byte offset of code point number k (0-based), or s.len when the string is shorter.
int32_t byte_of_cp(Str s, int64_t k) {
  int32_t i = 0;
  while (k > 0 && i < s.len) {
    i = next_cp(s, i);
    --k;
  }
  return i;
}

Str map_ascii(Arena& arena, Str s, char lo, char hi, int delta) {
  int32_t first = 0;
  while (first < s.len && (s.ptr[first] < lo || s.ptr[first] > hi)) ++first;
  if (first == s.len) return s;  // nothing to change: no copy
  char* p = arena.alloc(static_cast<size_t>(s.len), 1);
  std::memcpy(p, s.ptr, static_cast<size_t>(s.len));
  for (int32_t i = first; i < s.len; ++i)
    if (p[i] >= lo && p[i] <= hi) p[i] = static_cast<char>(p[i] + delta);
  return Str{p, s.len};
}

}  // namespace

bool like(Str s, Str p) {
  // Greedy matching that backtracks to the last '%' only: enough because '%' matches any sequence.
  // Backtracking advances by whole code points so '_' stays aligned to UTF-8 sequences.
  int32_t si = 0, pi = 0;
  int32_t star_p = -1, star_s = 0;
  while (si < s.len) {
    if (pi < p.len) {
      const char c = p.ptr[pi];
      if (c == '%') {
        while (pi < p.len && p.ptr[pi] == '%') ++pi;
        if (pi == p.len) return true;
        star_p = pi;
        star_s = si;
        continue;
      }
      if (c == '_') {
        si = next_cp(s, si);
        ++pi;
        continue;
      }
      char lit = c;
      int32_t plen = 1;
      if (c == '\\') {
        if (pi + 1 >= p.len) raise("LIKE pattern must not end with escape character");
        lit = p.ptr[pi + 1];
        plen = 2;
      }
      if (s.ptr[si] == lit) {
        ++si;
        pi += plen;
        continue;
      }
    }
    if (star_p < 0) return false;
    star_s = next_cp(s, star_s);
    si = star_s;
    pi = star_p;
  }
  while (pi < p.len && p.ptr[pi] == '%') ++pi;
  if (pi < p.len && p.ptr[pi] == '\\' && pi + 1 >= p.len) raise("LIKE pattern must not end with escape character");
  return pi == p.len;
}

int64_t find(Str s, Str needle) {
  if (needle.len == 0) return 0;
  if (needle.len > s.len) return -1;
  const char first = needle.ptr[0];
  const char* end = s.ptr + (s.len - needle.len) + 1;
  for (const char* q = s.ptr; q < end;) {
    q = static_cast<const char*>(std::memchr(q, first, static_cast<size_t>(end - q)));
    if (q == nullptr) return -1;
    if (std::memcmp(q, needle.ptr, static_cast<size_t>(needle.len)) == 0) return q - s.ptr;
    ++q;
  }
  return -1;
}

int64_t position(Str s, Str needle) {
  const int64_t b = find(s, needle);
  if (b < 0) return 0;
  return char_length(Str{s.ptr, static_cast<int32_t>(b)}) + 1;
}

Str substring(Str s, int64_t start, int64_t len) {
  if (len < 0) raise("negative substring length not allowed");
  // Code points [start, start + len) in 1-based positions, clipped to [1, length].
  int64_t end;
  if (__builtin_add_overflow(start, len, &end)) end = INT64_MAX;
  if (start < 1) start = 1;
  if (end <= start) return Str{s.ptr, 0};
  const int32_t b = byte_of_cp(s, start - 1);
  const int32_t e = b + byte_of_cp(Str{s.ptr + b, s.len - b}, end - start);
  return Str{s.ptr + b, e - b};
}

Str substring(Str s, int64_t start) {
  if (start < 1) start = 1;
  const int32_t b = byte_of_cp(s, start - 1);
  return Str{s.ptr + b, s.len - b};
}

Str upper(Arena& arena, Str s) { return map_ascii(arena, s, 'a', 'z', 'A' - 'a'); }
Str lower(Arena& arena, Str s) { return map_ascii(arena, s, 'A', 'Z', 'a' - 'A'); }

Str concat(Arena& arena, Str a, Str b) {
  if (a.len == 0) return b;
  if (b.len == 0) return a;
  const int64_t n = static_cast<int64_t>(a.len) + b.len;
  if (n > INT32_MAX) raise("string too long");
  char* p = arena.alloc(static_cast<size_t>(n), 1);
  std::memcpy(p, a.ptr, static_cast<size_t>(a.len));
  std::memcpy(p + a.len, b.ptr, static_cast<size_t>(b.len));
  return Str{p, static_cast<int32_t>(n)};
}

}  // namespace flern
