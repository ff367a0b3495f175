// PerWorker<T>: one T per worker for thread-local state of a pipeline (partial aggregates, hash
// table parts), each on its own cache lines so workers do not share lines.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>

#include "flern/context.hpp"

namespace flern {

template <class T>
class PerWorker {
 public:
  // Constructs each T from ctx when T accepts a QueryContext*, else by default.
  explicit PerWorker(QueryContext* ctx) : n_(ctx->workers()) {
    slots_ = std::make_unique<Slot[]>(static_cast<size_t>(n_));
    for (int i = 0; i < n_; ++i) {
      if constexpr (std::is_constructible_v<T, QueryContext*>) {
        slots_[static_cast<size_t>(i)].p = std::make_unique<T>(ctx);
      } else {
        slots_[static_cast<size_t>(i)].p = std::make_unique<T>();
      }
    }
  }

  T& operator[](int worker) { return *slots_[static_cast<size_t>(worker)].p; }
  const T& operator[](int worker) const { return *slots_[static_cast<size_t>(worker)].p; }
  int size() const { return n_; }

 private:
  struct alignas(64) Slot {
    std::unique_ptr<T> p;  // T on its own heap block; the slot keeps pointers apart
  };
  int n_;
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace flern
