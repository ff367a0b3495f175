// Per-query memory accounting: every structure that grows with the data charges it here, so
// exceeding the configured limit is a clean QueryError, not a crash or an OOM kill.
#pragma once

#include <atomic>
#include <cstdint>

namespace flern {

[[noreturn]] void raise_memory_limit(int64_t limit);

struct MemoryBudget {
  int64_t limit = 0;  // <= 0: unlimited
  std::atomic<int64_t> used{0};

  void charge(int64_t bytes) {
    const int64_t now = used.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    if (limit > 0 && now > limit) {
      used.fetch_sub(bytes, std::memory_order_relaxed);
      raise_memory_limit(limit);
    }
  }
  void release(int64_t bytes) { used.fetch_sub(bytes, std::memory_order_relaxed); }
};

}  // namespace flern
