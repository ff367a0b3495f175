// sort_rows: a parallel stable sort. Runs of the vector are sorted on the workers, then merged
// pairwise (each round's merges in parallel) through a buffer charged to the memory budget.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "flern/context.hpp"

namespace flern {

template <class Row, class Less>
void sort_rows(QueryContext* ctx, std::vector<Row>& rows, Less less) {
  const int64_t n = static_cast<int64_t>(rows.size());
  const int64_t min_run = 8192;
  int64_t runs = ctx->workers();
  if (runs > n / min_run) runs = n / min_run;
  if (runs <= 1) {
    std::stable_sort(rows.begin(), rows.end(), less);
    return;
  }
  std::vector<int64_t> bounds(static_cast<size_t>(runs) + 1);
  for (int64_t r = 0; r <= runs; ++r) bounds[static_cast<size_t>(r)] = n * r / runs;
  Row* data = rows.data();
  ctx->run_range(runs, 1, [&](int64_t b, int64_t e, int) {
    for (int64_t r = b; r < e; ++r)
      std::stable_sort(data + bounds[static_cast<size_t>(r)], data + bounds[static_cast<size_t>(r) + 1], less);
  });

  const int64_t bytes = n * static_cast<int64_t>(sizeof(Row));
  ctx->charge(bytes);
  struct Release {
    QueryContext* ctx;
    int64_t bytes;
    ~Release() { ctx->release(bytes); }
  } release{ctx, bytes};
  std::vector<Row> buffer(rows.size());
  Row* src = data;
  Row* dst = buffer.data();
  while (bounds.size() > 2) {
    const int64_t nruns = static_cast<int64_t>(bounds.size()) - 1;
    const int64_t pairs = (nruns + 1) / 2;
    ctx->run_range(pairs, 1, [&](int64_t b, int64_t e, int) {
      for (int64_t p = b; p < e; ++p) {
        const int64_t lo = bounds[static_cast<size_t>(2 * p)];
        const int64_t mid = bounds[static_cast<size_t>(std::min(2 * p + 1, nruns))];
        const int64_t hi = bounds[static_cast<size_t>(std::min(2 * p + 2, nruns))];
        std::merge(src + lo, src + mid, src + mid, src + hi, dst + lo, less);  // left first on ties: stable
      }
    });
    std::vector<int64_t> next;
    for (int64_t i = 0; i < nruns; i += 2) next.push_back(bounds[static_cast<size_t>(i)]);
    next.push_back(n);
    bounds.swap(next);
    std::swap(src, dst);
  }
  if (src != data) rows.swap(buffer);
}

}  // namespace flern
