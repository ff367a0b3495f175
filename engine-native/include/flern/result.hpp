// ResultWriter: one per worker, typed columnar appends (CONTRACTS §4). The context concatenates the
// writers 0..n-1 into the final result lazily, when Java first asks for it (src/result.cpp).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "flern/abi.h"
#include "flern/memory.hpp"
#include "flern/str.hpp"

namespace flern {

using i128 = __int128;

class ResultWriter {
 public:
  // One column of this writer. Buffers hold capacity() rows; a validity bitmap exists only once a
  // NULL was written, and then has every bit of not-yet-NULL rows set.
  struct Column {
    int32_t type = 0;            // CONTRACTS §1 code (FLOAT[n]: 7, its length only in width)
    int32_t width = 0;           // bytes per value
    uint8_t* values = nullptr;
    uint8_t* validity = nullptr;
    char* heap = nullptr;        // VARCHAR: bytes of long strings
    int64_t heap_len = 0;
    int64_t heap_cap = 0;
  };

  explicit ResultWriter(MemoryBudget* budget) : budget_(budget) {}
  ResultWriter(const ResultWriter&) = delete;
  ResultWriter& operator=(const ResultWriter&) = delete;
  ~ResultWriter();

  // Sets the column types (CONTRACTS §1 codes) and drops any rows.
  void reset(int32_t ncols, const int32_t* type_codes);

  void put_bool(int c, bool v) { values(c, FLERN_TYPE_BOOL)[rows_] = v ? 1 : 0; }
  void put_i32(int c, int32_t v) { std::memcpy(values(c, FLERN_TYPE_INT32) + 4 * rows_, &v, 4); }
  void put_i64(int c, int64_t v) { std::memcpy(values(c, FLERN_TYPE_INT64) + 8 * rows_, &v, 8); }
  void put_f64(int c, double v) { std::memcpy(values(c, FLERN_TYPE_FLOAT64) + 8 * rows_, &v, 8); }
  void put_i128(int c, i128 v) { std::memcpy(values(c, FLERN_TYPE_INT128) + 16 * rows_, &v, 16); }
  void put_str(int c, Str s) {
    uint8_t* v = values(c, FLERN_TYPE_VARCHAR) + 16 * rows_;
    std::memset(v, 0, 16);
    std::memcpy(v, &s.len, 4);
    if (s.len <= 12) {
      if (s.len > 0) std::memcpy(v + 4, s.ptr, static_cast<size_t>(s.len));
    } else {
      const int32_t off = append_heap(cols_[c], s);
      std::memcpy(v + 4, s.ptr, 4);
      std::memcpy(v + 12, &off, 4);  // buffer_index (bytes 8..11) stays 0
    }
  }
  // FLOAT[n]: copies the column's n floats from v.
  void put_f32s(int c, const float* v) {
    uint8_t* dst = values(c, FLERN_TYPE_FLOAT_ARRAY) + static_cast<int64_t>(cols_[c].width) * rows_;
    std::memcpy(dst, v, static_cast<size_t>(cols_[c].width));
  }
  void put_null(int c) {
    if (static_cast<unsigned>(c) >= cols_.size()) bad_column(c);
    Column& col = cols_[c];
    if (col.validity == nullptr) make_validity(col);
    col.validity[rows_ >> 3] &= static_cast<uint8_t>(~(1u << (rows_ & 7)));
    std::memset(col.values + col.width * rows_, 0, static_cast<size_t>(col.width));
  }
  void end_row() {
    if (++rows_ == cap_) grow();
  }

  int64_t rows() const { return rows_; }
  int32_t columns() const { return static_cast<int32_t>(cols_.size()); }
  // For the context's finalization.
  std::vector<Column>& column_data() { return cols_; }
  MemoryBudget* budget() const { return budget_; }

 private:
  uint8_t* values(int c, int32_t type) {
    if (static_cast<unsigned>(c) >= cols_.size() || cols_[c].type != type) bad_put(c, type);
    return cols_[c].values;
  }
  [[noreturn]] void bad_put(int c, int32_t type) const;
  [[noreturn]] void bad_column(int c) const;
  int32_t append_heap(Column& col, Str s);
  void make_validity(Column& col);
  void grow();
  void free_all();

  MemoryBudget* budget_;
  std::vector<Column> cols_;
  int64_t rows_ = 0;
  int64_t cap_ = 0;
  int64_t charged_ = 0;
};

}  // namespace flern
