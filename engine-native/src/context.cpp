// QueryContext and the C ABI over it (CONTRACTS §3). Every extern "C" function catches everything.
#include <cstring>
#include <new>
#include <string>

#include "flern/context.hpp"
#include "result_final.hpp"

namespace flern {

QueryContext::QueryContext(flern_pool* pool, int64_t memory_limit)
    : pool_(pool), workers_(flern_pool_threads(pool)) {
  budget_.limit = memory_limit;
  arenas_.reserve(static_cast<size_t>(workers_));
  writers_.reserve(static_cast<size_t>(workers_));
  for (int i = 0; i < workers_; ++i) {
    arenas_.push_back(std::make_unique<Arena>(&budget_));
    writers_.push_back(std::make_unique<ResultWriter>(&budget_));
  }
}

QueryContext::~QueryContext() { delete final_; }

void QueryContext::fail(const char* msg) {
  int expected = 0;
  if (!err_state_.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) return;
  try {
    error_ = (msg != nullptr && msg[0] != '\0') ? msg : "unknown error";
  } catch (...) {
    // error_ keeps whatever fitted; the state still says "failed"
  }
  err_state_.store(2, std::memory_order_release);
}

void QueryContext::fail_current_exception() noexcept {
  try {
    throw;
  } catch (const QueryError& e) {
    fail(e.what());
  } catch (const std::bad_alloc&) {
    fail("out of memory");
  } catch (const std::exception& e) {
    fail(e.what());
  } catch (...) {
    fail("internal error: unknown exception");
  }
}

void QueryContext::throw_error() const {
  // A failure may be in the middle of being recorded by a worker that lost no race; by the time a
  // parallel phase returned, it is complete.
  throw QueryError(std::string(error()));
}

std::vector<Morsel> QueryContext::morsels(const TableView* tv) {
  std::vector<Morsel> ms;
  for (int64_t g = 0; g < tv->nrowgroups; ++g) {
    const int64_t n = tv->groups[g].nrows;
    for (int64_t b = 0; b < n; b += MORSEL_ROWS)
      ms.push_back(Morsel{static_cast<int32_t>(g), b, n - b < MORSEL_ROWS ? n : b + MORSEL_ROWS});
  }
  return ms;
}

void QueryContext::set_tables(int32_t n, const TableView* const* tables) {
  tables_.assign(tables, tables + (n > 0 ? n : 0));
}

void QueryContext::set_result_schema(int32_t ncols, const int32_t* type_codes) {
  for (int32_t i = 0; i < ncols; ++i)
    if ((type_codes[i] < FLERN_TYPE_BOOL || type_codes[i] > FLERN_TYPE_VARCHAR)
        && !((type_codes[i] & 0xFF) == FLERN_TYPE_FLOAT_ARRAY && (type_codes[i] >> 8) >= 1 && (type_codes[i] >> 8) <= 65536))
      raise("invalid result column type code");
  result_types_.assign(type_codes, type_codes + (ncols > 0 ? ncols : 0));
  for (auto& w : writers_) w->reset(ncols, type_codes);
  delete final_;
  final_ = nullptr;
}

FinalResult* QueryContext::final_result() {
  if (final_ == nullptr) {
    std::vector<ResultWriter*> ws;
    for (auto& w : writers_) ws.push_back(w.get());
    final_ = assemble_result(result_types_, ws);
  }
  return final_;
}

}  // namespace flern

using flern::QueryContext;

extern "C" {

flern_ctx* flern_ctx_new(flern_pool* pool, int64_t memory_limit_bytes) {
  if (pool == nullptr) return nullptr;
  try {
    return new QueryContext(pool, memory_limit_bytes);
  } catch (...) {
    return nullptr;
  }
}

void flern_ctx_free(flern_ctx* ctx) { delete ctx; }

void flern_ctx_set_tables(flern_ctx* ctx, int32_t n, const flern_table_view* const* tables) {
  if (ctx == nullptr) return;
  try {
    ctx->set_tables(n, tables);
  } catch (...) {
    ctx->fail_current_exception();
  }
}

void flern_ctx_set_result_schema(flern_ctx* ctx, int32_t ncols, const int32_t* type_codes) {
  if (ctx == nullptr) return;
  try {
    ctx->set_result_schema(ncols, type_codes);
  } catch (...) {
    ctx->fail_current_exception();
  }
}

const char* flern_ctx_error(flern_ctx* ctx) { return ctx == nullptr ? "no query context" : ctx->error(); }

int64_t flern_result_rows(flern_ctx* ctx) {
  if (ctx == nullptr) return -1;
  try {
    return ctx->final_result()->rows;
  } catch (...) {
    ctx->fail_current_exception();
    return -1;
  }
}

int32_t flern_result_column(flern_ctx* ctx, int32_t col, const void** values, const uint8_t** validity,
                            const char** heap, int64_t* heap_len) {
  if (ctx == nullptr) return 3;
  try {
    flern::FinalResult* r = ctx->final_result();
    if (col < 0 || static_cast<size_t>(col) >= r->columns.size()) return 2;
    const flern::FinalColumn& c = r->columns[static_cast<size_t>(col)];
    if (values != nullptr) *values = c.values;
    if (validity != nullptr) *validity = c.validity;
    if (heap != nullptr) *heap = c.heap;
    if (heap_len != nullptr) *heap_len = c.heap_len;
    return 0;
  } catch (...) {
    ctx->fail_current_exception();
    return 1;
  }
}

}  // extern "C"
