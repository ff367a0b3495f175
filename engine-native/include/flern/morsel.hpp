// Table views (Java-owned columnar memory, CONTRACTS §2) and morsels: the unit of parallel work,
// a range of at most MORSEL_ROWS rows of one row group.
#pragma once

#include <cstdint>
#include <cstring>

#include "flern/abi.h"
#include "flern/str.hpp"

namespace flern {

using TableView = flern_table_view;
using RowGroup = flern_row_group;
using ColumnChunk = flern_column_chunk;

inline constexpr int64_t MORSEL_ROWS = 8192;

struct Morsel {
  int32_t row_group;
  int64_t begin;
  int64_t end;
};

inline int64_t row_count(const TableView* tv) {
  int64_t n = 0;
  for (int64_t g = 0; g < tv->nrowgroups; ++g) n += tv->groups[g].nrows;
  return n;
}

inline int64_t group_rows(const TableView* tv, int rg) { return tv->groups[rg].nrows; }

template <class T>
inline const T* col(const TableView* tv, int rg, int c) {
  return static_cast<const T*>(tv->groups[rg].columns[c].values);
}

// The chunk's validity bitmap, or nullptr when it has no NULLs.
inline const uint8_t* valid(const TableView* tv, int rg, int c) { return tv->groups[rg].columns[c].validity; }

inline bool is_valid(const uint8_t* bm, int64_t i) { return bm == nullptr || ((bm[i >> 3] >> (i & 7)) & 1) != 0; }

// Reads a 16-byte Utf8View: inline bytes when length <= 12, else (buffer_index, offset).
inline Str view_str(const void* view, const char* const* buffers) {
  const char* v = static_cast<const char*>(view);
  int32_t len;
  std::memcpy(&len, v, 4);
  if (len <= 12) return Str{v + 4, len};
  int32_t buf, off;
  std::memcpy(&buf, v + 8, 4);
  std::memcpy(&off, v + 12, 4);
  return Str{buffers[buf] + off, len};
}

inline Str view_str(const TableView* tv, int rg, int c, int64_t i) {
  const ColumnChunk& ch = tv->groups[rg].columns[c];
  return view_str(static_cast<const char*>(ch.values) + 16 * i, ch.buffers);
}

}  // namespace flern
