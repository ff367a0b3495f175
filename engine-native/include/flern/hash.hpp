// Hash functions for join and aggregation tables. The tables index by the hash bits directly, so
// every function ends in a full avalanche finalizer (the 64-bit mixer of MurmurHash3's fmix64).
#pragma once

#include <cstdint>
#include <cstring>

#include "flern/str.hpp"

namespace flern {

inline uint64_t hash_u64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t hash_combine(uint64_t h, uint64_t v) {
  return hash_u64(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

inline uint64_t hash_i64(int64_t v) { return hash_u64(static_cast<uint64_t>(v)); }
inline uint64_t hash_i32(int32_t v) { return hash_u64(static_cast<uint64_t>(static_cast<int64_t>(v))); }
inline uint64_t hash_bool(bool v) { return hash_u64(v ? 1 : 0); }
inline uint64_t hash_i128(__int128 v) {
  const auto u = static_cast<unsigned __int128>(v);
  return hash_combine(hash_u64(static_cast<uint64_t>(u)), static_cast<uint64_t>(u >> 64));
}

// -0.0 and 0.0 hash alike (they compare equal), and so do all NaNs (SQL groups them together).
inline uint64_t hash_f64(double d) {
  if (d == 0.0) d = 0.0;
  if (d != d) return hash_u64(0x7ff8000000000000ULL);
  uint64_t bits;
  std::memcpy(&bits, &d, 8);
  return hash_u64(bits);
}

// Word-at-a-time over the bytes. The tail (len % 8 bytes) is read with loads that stay inside the
// string — the last 8 bytes, overlapping the previous word, or two overlapping 4-byte loads, or three
// single bytes — rather than a variable-length memcpy, which compiles to a call.
inline uint64_t hash_str(Str s) {
  const uint64_t k = 0x9ddfea08eb382d69ULL;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.ptr);
  uint64_t h = 0x27d4eb2f165667c5ULL ^ (static_cast<uint64_t>(s.len) * k);
  const int32_t n = s.len;
  auto mix = [&](uint64_t w) {
    w *= k;
    w ^= w >> 47;
    h = (h ^ w) * 0x87c37b91114253d5ULL;
    h = (h << 31) | (h >> 33);
  };
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    mix(w);
  }
  if (i < n) {
    uint64_t w;
    if (n >= 8) {
      std::memcpy(&w, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      w = lo | (static_cast<uint64_t>(hi) << 32);
    } else {
      w = p[0] | (static_cast<uint64_t>(p[n / 2]) << 8) | (static_cast<uint64_t>(p[n - 1]) << 16);
    }
    mix(w);
  }
  return hash_u64(h);
}

// Overloads for generic code (AggTable's default hasher).
inline uint64_t hash_value(bool v) { return hash_bool(v); }
inline uint64_t hash_value(int32_t v) { return hash_i32(v); }
inline uint64_t hash_value(int64_t v) { return hash_i64(v); }
inline uint64_t hash_value(__int128 v) { return hash_i128(v); }
inline uint64_t hash_value(double v) { return hash_f64(v); }
inline uint64_t hash_value(Str v) { return hash_str(v); }

struct DefaultHash {
  template <class T>
  uint64_t operator()(const T& v) const { return hash_value(v); }
};
struct DefaultEq {
  template <class T>
  bool operator()(const T& a, const T& b) const { return a == b; }
};

}  // namespace flern
