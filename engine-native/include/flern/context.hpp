// QueryContext (= flern_ctx): one per query execution. It owns the per-worker arenas and result
// writers, the memory budget and the first error, and runs parallel phases on the database's pool.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "flern/abi.h"
#include "flern/arena.hpp"
#include "flern/error.hpp"
#include "flern/memory.hpp"
#include "flern/morsel.hpp"
#include "flern/result.hpp"

namespace flern {

struct FinalResult;  // the assembled result (src/result.cpp)

class QueryContext {
 public:
  QueryContext(flern_pool* pool, int64_t memory_limit);
  QueryContext(const QueryContext&) = delete;
  QueryContext& operator=(const QueryContext&) = delete;
  ~QueryContext();

  int workers() const { return workers_; }

  const TableView* table(int i) const {
    if (static_cast<size_t>(i) >= tables_.size()) raise("table index out of range");
    return tables_[static_cast<size_t>(i)];
  }
  int table_count() const { return static_cast<int>(tables_.size()); }

  Arena& arena(int worker) { return *arenas_[static_cast<size_t>(worker)]; }
  ResultWriter& out(int worker) { return *writers_[static_cast<size_t>(worker)]; }

  // Records msg as the query's error unless an earlier error was recorded (first error wins).
  void fail(const char* msg);
  bool failed() const { return err_state_.load(std::memory_order_acquire) != 0; }
  const char* error() const { return err_state_.load(std::memory_order_acquire) == 2 ? error_.c_str() : ""; }
  // Records the exception being handled (call only inside a catch block).
  void fail_current_exception() noexcept;
  // Rethrows the recorded error in the calling thread (after a parallel phase).
  void check() const {
    if (failed()) throw_error();
  }

  void charge(int64_t bytes) { budget_.charge(bytes); }
  void release(int64_t bytes) { budget_.release(bytes); }
  MemoryBudget& budget() { return budget_; }
  int64_t memory_used() const { return budget_.used.load(std::memory_order_relaxed); }

  // f(const Morsel&, int worker) for every morsel of tv, on the pool; blocks until all are done.
  // After the first error no more morsels are handed out and the error is rethrown here.
  template <class F>
  void run_morsels(const TableView* tv, F&& f) {
    std::vector<Morsel> ms = morsels(tv);
    run_tasks(static_cast<int64_t>(ms.size()), [&](int64_t t, int w) { f(static_cast<const Morsel&>(ms[static_cast<size_t>(t)]), w); });
  }

  // f(int64_t begin, int64_t end, int worker) over [0, n) in pieces of at most grain elements.
  template <class F>
  void run_range(int64_t n, int64_t grain, F&& f) {
    if (n <= 0) return;
    if (grain <= 0) grain = 1;
    const int64_t tasks = (n + grain - 1) / grain;
    run_tasks(tasks, [&](int64_t t, int w) {
      const int64_t b = t * grain;
      const int64_t e = n - b < grain ? n : b + grain;
      f(b, e, w);
    });
  }

  // f(int64_t task, int worker) for task in [0, ntasks) on the pool.
  template <class F>
  void run_tasks(int64_t ntasks, F&& f) {
    check();
    if (ntasks <= 0) return;
    struct Job {
      QueryContext* ctx;
      F* f;
    } job{this, &f};
    flern_pool_run(pool_, ntasks, &trampoline<Job>, &job);
    check();
  }

  static std::vector<Morsel> morsels(const TableView* tv);

  // For the C ABI (src/context.cpp).
  void set_tables(int32_t n, const TableView* const* tables);
  void set_result_schema(int32_t ncols, const int32_t* type_codes);
  FinalResult* final_result();  // assembles on first call; raises on failure
  flern_pool* pool() const { return pool_; }

 private:
  template <class Job>
  static int32_t trampoline(void* arg, int64_t task, int32_t worker) {
    Job* job = static_cast<Job*>(arg);
    if (job->ctx->failed()) return 1;
    try {
      (*job->f)(task, static_cast<int>(worker));
      return 0;
    } catch (...) {
      job->ctx->fail_current_exception();
      return 1;
    }
  }
  [[noreturn]] void throw_error() const;

  flern_pool* pool_;
  int workers_;
  MemoryBudget budget_;
  std::atomic<int> err_state_{0};  // 0 none, 1 being written, 2 recorded
  std::string error_;
  std::vector<const TableView*> tables_;
  std::vector<int32_t> result_types_;
  std::vector<std::unique_ptr<Arena>> arenas_;
  std::vector<std::unique_ptr<ResultWriter>> writers_;
  FinalResult* final_ = nullptr;
};

// Runs body and turns every exception into the context's error; returns 0 or a non-zero status.
// Generated code: extern "C" int32_t flern_query_main(flern_ctx* ctx, const void* params)
//                 { return flern::guard(ctx, [&] { ... }); }
template <class F>
int32_t guard(QueryContext* ctx, F&& body) noexcept {
  try {
    body();
  } catch (...) {
    ctx->fail_current_exception();
  }
  return ctx->failed() ? 1 : 0;
}

}  // namespace flern
