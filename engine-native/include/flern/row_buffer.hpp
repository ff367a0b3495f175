// RowBuffer<Row>: a vector of rows charged to the query's memory budget (rows collected for a sort,
// a window or a final output), and gather() to concatenate per-worker buffers in worker order.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "flern/context.hpp"
#include "flern/per_worker.hpp"

namespace flern {

template <class Row>
class RowBuffer {
 public:
  explicit RowBuffer(QueryContext* ctx) : ctx_(ctx) {}
  RowBuffer(const RowBuffer&) = delete;
  RowBuffer& operator=(const RowBuffer&) = delete;
  ~RowBuffer() { ctx_->release(charged_); }

  void push(const Row& r) {
    if (rows_.size() == rows_.capacity()) reserve(rows_.capacity() < 64 ? 64 : rows_.capacity() * 2);
    rows_.push_back(r);
  }
  void reserve(size_t n) {
    if (n <= rows_.capacity()) return;
    const int64_t bytes = static_cast<int64_t>((n - rows_.capacity()) * sizeof(Row));
    ctx_->charge(bytes);
    charged_ += bytes;
    rows_.reserve(n);
  }
  int64_t size() const { return static_cast<int64_t>(rows_.size()); }
  Row& operator[](int64_t i) { return rows_[static_cast<size_t>(i)]; }
  const Row& operator[](int64_t i) const { return rows_[static_cast<size_t>(i)]; }
  // The rows, e.g. for sort_rows (keep growth going through push/reserve so it stays charged).
  std::vector<Row>& vec() { return rows_; }

 private:
  QueryContext* ctx_;
  std::vector<Row> rows_;
  int64_t charged_ = 0;
};

// Appends the rows of parts[0], parts[1], ... to out (copies run in parallel for large inputs),
// and empties the parts.
template <class Row>
void gather(QueryContext* ctx, PerWorker<RowBuffer<Row>>& parts, RowBuffer<Row>& out) {
  int64_t total = out.size();
  for (int w = 0; w < parts.size(); ++w) total += parts[w].size();
  out.reserve(static_cast<size_t>(total));
  std::vector<int64_t> offset(static_cast<size_t>(parts.size()) + 1);
  offset[0] = out.size();
  for (int w = 0; w < parts.size(); ++w) offset[static_cast<size_t>(w) + 1] = offset[static_cast<size_t>(w)] + parts[w].size();
  out.vec().resize(static_cast<size_t>(total));
  ctx->run_range(parts.size(), 1, [&](int64_t b, int64_t e, int) {
    for (int64_t w = b; w < e; ++w) {
      std::vector<Row>& src = parts[static_cast<int>(w)].vec();
      Row* dst = out.vec().data() + offset[static_cast<size_t>(w)];
      for (size_t i = 0; i < src.size(); ++i) dst[i] = src[i];
    }
  });
  for (int w = 0; w < parts.size(); ++w) {
    std::vector<Row>().swap(parts[w].vec());
  }
}

}  // namespace flern
