// The worker pool: a fixed set of threads owned by a flern_pool object (one per database, owned by
// Java). One parallel run at a time; workers take task indices from an atomic counter.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#include "flern/abi.h"

namespace {

// The pool and worker index of the current thread when it is a pool worker: a nested run on the
// same pool executes inline instead of deadlocking on the run lock.
thread_local flern_pool* tls_pool = nullptr;
thread_local int32_t tls_worker = -1;

}  // namespace

struct flern_pool {
  std::vector<std::thread> threads;
  std::mutex mu;
  std::condition_variable work_cv;
  std::condition_variable done_cv;
  std::mutex run_mu;  // serializes runs of different queries sharing the pool
  uint64_t generation = 0;
  bool shutdown = false;
  int active = 0;
  // The current run.
  flern_task_fn fn = nullptr;
  void* arg = nullptr;
  int64_t ntasks = 0;
  std::atomic<int64_t> next{0};
  std::atomic<bool> stop{false};

  void work(int32_t w) {
    tls_pool = this;
    tls_worker = w;
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu);
        work_cv.wait(lock, [&] { return shutdown || generation != seen; });
        if (shutdown) return;
        seen = generation;
      }
      for (;;) {
        if (stop.load(std::memory_order_relaxed)) break;
        const int64_t t = next.fetch_add(1, std::memory_order_relaxed);
        if (t >= ntasks) break;
        int32_t rc;
        try {
          rc = fn(arg, t, w);
        } catch (...) {  // tasks must not throw; a C caller's bug must not kill the process
          rc = 1;
        }
        if (rc != 0) stop.store(true, std::memory_order_relaxed);
      }
      std::lock_guard<std::mutex> lock(mu);
      if (--active == 0) done_cv.notify_all();
    }
  }
};

extern "C" {

flern_pool* flern_pool_new(int32_t threads) {
  if (threads < 1) return nullptr;
  flern_pool* p = new (std::nothrow) flern_pool();
  if (p == nullptr) return nullptr;
  try {
    p->threads.reserve(static_cast<size_t>(threads));
    for (int32_t i = 0; i < threads; ++i) p->threads.emplace_back([p, i] { p->work(i); });
  } catch (...) {
    flern_pool_free(p);
    return nullptr;
  }
  return p;
}

void flern_pool_free(flern_pool* p) {
  if (p == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(p->mu);
    p->shutdown = true;
  }
  p->work_cv.notify_all();
  for (std::thread& t : p->threads) t.join();
  delete p;
}

int32_t flern_pool_threads(flern_pool* p) { return p == nullptr ? 0 : static_cast<int32_t>(p->threads.size()); }

int32_t flern_pool_run(flern_pool* p, int64_t ntasks, flern_task_fn fn, void* arg) {
  if (ntasks <= 0) return 0;
  if (p == nullptr || fn == nullptr) return 1;
  if (tls_pool == p) {  // nested: run inline on this worker
    for (int64_t t = 0; t < ntasks; ++t) {
      int32_t rc;
      try {
        rc = fn(arg, t, tls_worker);
      } catch (...) {
        rc = 1;
      }
      if (rc != 0) return 1;
    }
    return 0;
  }
  std::lock_guard<std::mutex> run_lock(p->run_mu);
  {
    std::lock_guard<std::mutex> lock(p->mu);
    p->fn = fn;
    p->arg = arg;
    p->ntasks = ntasks;
    p->next.store(0, std::memory_order_relaxed);
    p->stop.store(false, std::memory_order_relaxed);
    p->active = static_cast<int>(p->threads.size());
    ++p->generation;
  }
  p->work_cv.notify_all();
  std::unique_lock<std::mutex> lock(p->mu);
  p->done_cv.wait(lock, [&] { return p->active == 0; });
  return p->stop.load(std::memory_order_relaxed) ? 1 : 0;
}

}  // extern "C"
