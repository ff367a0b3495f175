// FLOAT[n] values in generated code (CONTRACTS §1, type code 7): a `const float*` to n contiguous
// floats — in a table's column, in the params struct (literals) or in a worker's arena (values built
// by a query) — all of which live as long as the query. NULL is nullptr. n is the generator's.
#pragma once

#include <cstdint>

#include "flern/arena.hpp"

namespace flern {

// The generated code's type of a FLOAT[n] value (a name, so that `const F32s x` reads as intended).
using F32s = const float*;

// Row i of a chunk's FLOAT[n] values.
inline const float* f32s_at(const float* values, int64_t i, int32_t n) { return values + i * n; }

// Element k (1-based, as SQL); the caller has checked 1 <= k <= n.
inline double f32s_get(const float* v, int64_t k) { return static_cast<double>(v[k - 1]); }

// A new value of the given elements (ARRAY[a, b, c]), rounded to float, in the worker's arena.
template <class... D>
inline const float* f32s_make(Arena& arena, D... xs) {
  float* out = reinterpret_cast<float*>(arena.alloc(sizeof(float) * sizeof...(xs), 16));
  int i = 0;
  ((out[i++] = static_cast<float>(xs)), ...);
  return out;
}

}  // namespace flern
