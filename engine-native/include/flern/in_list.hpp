// InList<T>: a literal IN list as one query parameter (a sorted, duplicate-free array of values
// that Java writes into the params struct), and in_list(), its membership test. The generated
// source is the same for any list length: the length is a value, not code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "flern/arith.hpp"
#include "flern/str.hpp"

namespace flern {

template <class T>
struct InList {
  const T* data;   // n values, ascending in the order of in_cmp, no duplicates
  int64_t n;
  bool has_null;   // the list held a NULL: a miss is NULL, not FALSE (the generated code decides)
};
// Java writes this layout (dev.flern.stage.ParamLayout.IN_LIST_*).
static_assert(sizeof(InList<int32_t>) == 24 && offsetof(InList<int32_t>, n) == 8 &&
              offsetof(InList<int32_t>, has_null) == 16);

// The order Java sorts the values in: numeric for integers, PostgreSQL's for doubles (NaN last, equal
// to itself; -0.0 = 0.0), bytewise for strings.
inline int in_cmp(int32_t a, int32_t b) { return (a > b) - (a < b); }
inline int in_cmp(int64_t a, int64_t b) { return (a > b) - (a < b); }
inline int in_cmp(__int128 a, __int128 b) { return (a > b) - (a < b); }
inline int in_cmp(double a, double b) { return cmp_f64(a, b); }
inline int in_cmp(Str a, Str b) { return str_cmp(a, b); }

// Whether x is in the list: a branch-free binary search (the comparison picks the half with a
// conditional move), then one equality test. Invariant: if x is in the list, it is in
// [base, base + len); the loop ends with len == 1.
template <class T>
inline bool in_list(const InList<T>& l, std::type_identity_t<T> x) {
  if (l.n <= 0) return false;
  const T* base = l.data;
  int64_t len = l.n;
  while (len > 1) {
    const int64_t half = len / 2;
    base = in_cmp(base[half - 1], x) < 0 ? base + half : base;
    len -= half;
  }
  return in_cmp(*base, x) == 0;
}

}  // namespace flern
