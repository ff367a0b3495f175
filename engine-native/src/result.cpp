// ResultWriter growth and the assembly of the final result (CONTRACTS §3-§4).
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "flern/error.hpp"
#include "flern/result.hpp"
#include "result_final.hpp"

namespace flern {

namespace {

int32_t width_of(int32_t type) {
  switch (type) {
    case FLERN_TYPE_BOOL: return 1;
    case FLERN_TYPE_INT32: return 4;
    case FLERN_TYPE_INT64: return 8;
    case FLERN_TYPE_FLOAT64: return 8;
    case FLERN_TYPE_INT128: return 16;
    case FLERN_TYPE_VARCHAR: return 16;
    default:
      if ((type & 0xFF) == FLERN_TYPE_FLOAT_ARRAY && (type >> 8) >= 1 && (type >> 8) <= 65536) return 4 * (type >> 8);
      raise("invalid result column type code");
  }
}

void* checked_malloc(size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

// An empty, NUL-terminated heap for VARCHAR columns without long strings.
char kEmptyHeap[16] = {};

}  // namespace

ResultWriter::~ResultWriter() { free_all(); }

void ResultWriter::free_all() {
  for (Column& c : cols_) {
    std::free(c.values);
    std::free(c.validity);
    std::free(c.heap);
  }
  cols_.clear();
  budget_->release(charged_);
  charged_ = 0;
  rows_ = 0;
  cap_ = 0;
}

void ResultWriter::reset(int32_t ncols, const int32_t* type_codes) {
  free_all();
  if (ncols <= 0) {
    cap_ = -1;  // no columns: end_row only counts
    return;
  }
  const int64_t cap = 256;
  cols_.resize(static_cast<size_t>(ncols));
  int64_t bytes = 0;
  for (int32_t i = 0; i < ncols; ++i) {
    cols_[static_cast<size_t>(i)].type = type_codes[i] & 0xFF;
    cols_[static_cast<size_t>(i)].width = width_of(type_codes[i]);
    bytes += cap * cols_[static_cast<size_t>(i)].width;
  }
  budget_->charge(bytes);
  charged_ += bytes;
  for (Column& c : cols_) c.values = static_cast<uint8_t*>(checked_malloc(static_cast<size_t>(cap * c.width)));
  cap_ = cap;
}

void ResultWriter::grow() {
  if (cap_ < 0) return;
  const int64_t ncap = cap_ * 2;
  int64_t bytes = 0;
  for (Column& c : cols_) bytes += (ncap - cap_) * c.width + (c.validity != nullptr ? (ncap - cap_) / 8 : 0);
  budget_->charge(bytes);
  charged_ += bytes;
  for (Column& c : cols_) {
    void* v = std::realloc(c.values, static_cast<size_t>(ncap * c.width));
    if (v == nullptr) throw std::bad_alloc();
    c.values = static_cast<uint8_t*>(v);
    if (c.validity != nullptr) {
      void* b = std::realloc(c.validity, static_cast<size_t>((ncap + 7) / 8));
      if (b == nullptr) throw std::bad_alloc();
      c.validity = static_cast<uint8_t*>(b);
      const int64_t old_bytes = (cap_ + 7) / 8;
      std::memset(c.validity + old_bytes, 0xFF, static_cast<size_t>((ncap + 7) / 8 - old_bytes));
    }
  }
  cap_ = ncap;
}

void ResultWriter::make_validity(Column& c) {
  const int64_t bytes = (cap_ + 7) / 8;
  budget_->charge(bytes);
  charged_ += bytes;
  c.validity = static_cast<uint8_t*>(checked_malloc(static_cast<size_t>(bytes)));
  std::memset(c.validity, 0xFF, static_cast<size_t>(bytes));
}

int32_t ResultWriter::append_heap(Column& c, Str s) {
  const int64_t need = c.heap_len + s.len;
  if (need > INT32_MAX) raise("result strings exceed 2 GiB per worker");
  if (need > c.heap_cap) {
    int64_t ncap = c.heap_cap == 0 ? 4096 : c.heap_cap * 2;
    while (ncap < need) ncap *= 2;
    budget_->charge(ncap - c.heap_cap);
    charged_ += ncap - c.heap_cap;
    void* h = std::realloc(c.heap, static_cast<size_t>(ncap));
    if (h == nullptr) throw std::bad_alloc();
    c.heap = static_cast<char*>(h);
    c.heap_cap = ncap;
  }
  std::memcpy(c.heap + c.heap_len, s.ptr, static_cast<size_t>(s.len));
  const int32_t off = static_cast<int32_t>(c.heap_len);
  c.heap_len = need;
  return off;
}

void ResultWriter::bad_put(int, int32_t) const { raise("result column index or type mismatch"); }
void ResultWriter::bad_column(int) const { raise("result column index out of range"); }

FinalResult::~FinalResult() {
  for (FinalColumn& c : columns) {
    std::free(c.values);
    std::free(c.validity);
    if (c.heap != kEmptyHeap) std::free(c.heap);
  }
}

FinalResult* assemble_result(const std::vector<int32_t>& types, const std::vector<ResultWriter*>& writers) {
  auto r = std::make_unique<FinalResult>();
  const size_t ncols = types.size();
  r->columns.resize(ncols);
  int64_t total = 0;
  int nonempty = 0;
  ResultWriter* only = writers.empty() ? nullptr : writers[0];
  for (ResultWriter* w : writers) {
    total += w->rows();
    if (w->rows() > 0) {
      ++nonempty;
      only = w;
    }
  }
  r->rows = total;
  for (size_t c = 0; c < ncols; ++c) {
    FinalColumn& f = r->columns[c];
    const int32_t width = width_of(types[c]);
    const bool varchar = types[c] == FLERN_TYPE_VARCHAR;
    if (nonempty <= 1 && only != nullptr && only->columns() == static_cast<int32_t>(ncols)) {
      // One writer holds every row (typical: final output written sequentially): take its buffers.
      ResultWriter::Column& wc = only->column_data()[c];
      f.values = wc.values;
      wc.values = nullptr;
      if (only->rows() > 0 && wc.validity != nullptr) f.validity = wc.validity; else std::free(wc.validity);
      wc.validity = nullptr;
      if (varchar) {
        f.heap = wc.heap != nullptr ? wc.heap : kEmptyHeap;
        f.heap_len = wc.heap_len;
        wc.heap = nullptr;
      }
      if (f.values == nullptr) f.values = checked_malloc(16);
      continue;
    }
    f.values = checked_malloc(static_cast<size_t>(total * width + 16));
    bool any_nulls = false;
    int64_t heap_total = 0;
    for (ResultWriter* w : writers) {
      if (w->rows() == 0) continue;
      ResultWriter::Column& wc = w->column_data()[c];
      any_nulls |= wc.validity != nullptr;
      heap_total += wc.heap_len;
    }
    if (varchar) {
      if (heap_total > INT32_MAX) raise("result strings exceed 2 GiB");
      f.heap = heap_total == 0 ? kEmptyHeap : static_cast<char*>(checked_malloc(static_cast<size_t>(heap_total)));
      f.heap_len = heap_total;
    }
    if (any_nulls) {
      f.validity = static_cast<uint8_t*>(checked_malloc(static_cast<size_t>((total + 7) / 8)));
      std::memset(f.validity, 0xFF, static_cast<size_t>((total + 7) / 8));
    }
    int64_t row_base = 0;
    int64_t heap_base = 0;
    for (ResultWriter* w : writers) {
      const int64_t n = w->rows();
      if (n == 0) continue;
      ResultWriter::Column& wc = w->column_data()[c];
      uint8_t* dst = static_cast<uint8_t*>(f.values) + row_base * width;
      std::memcpy(dst, wc.values, static_cast<size_t>(n * width));
      if (varchar && wc.heap_len > 0) {
        std::memcpy(f.heap + heap_base, wc.heap, static_cast<size_t>(wc.heap_len));
        for (int64_t i = 0; i < n; ++i) {
          uint8_t* v = dst + 16 * i;
          int32_t len;
          std::memcpy(&len, v, 4);
          if (len > 12) {
            int32_t off;
            std::memcpy(&off, v + 12, 4);
            off += static_cast<int32_t>(heap_base);
            std::memcpy(v + 12, &off, 4);
          }
        }
      }
      if (wc.validity != nullptr) {
        for (int64_t i = 0; i < n; ++i)
          if (((wc.validity[i >> 3] >> (i & 7)) & 1) == 0) {
            const int64_t j = row_base + i;
            f.validity[j >> 3] &= static_cast<uint8_t>(~(1u << (j & 7)));
          }
      }
      // Give memory back as soon as a part is copied.
      std::free(wc.values);
      std::free(wc.validity);
      std::free(wc.heap);
      wc.values = nullptr;
      wc.validity = nullptr;
      wc.heap = nullptr;
      row_base += n;
      heap_base += wc.heap_len;
    }
  }
  return r.release();
}

}  // namespace flern
