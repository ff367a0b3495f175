// Bump allocator for computed strings and other query-lifetime data: one per worker, freed when the
// query context is freed. Chunks are charged to the query's memory budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "flern/memory.hpp"

namespace flern {

class Arena {
 public:
  explicit Arena(MemoryBudget* budget) : budget_(budget) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  // n bytes aligned to 8 (16 when align = 16); never null (raises when over the memory limit).
  char* alloc(size_t n, size_t align = 8) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
    if (cur_ != nullptr && p + n <= reinterpret_cast<uintptr_t>(end_)) {
      cur_ = reinterpret_cast<char*>(p + n);
      return reinterpret_cast<char*>(p);
    }
    return grow(n, align);
  }

  // Bytes held by this arena (for tests and statistics).
  int64_t bytes() const { return bytes_; }

 private:
  char* grow(size_t n, size_t align);

  MemoryBudget* budget_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  void* chunks_ = nullptr;   // singly linked list through each chunk's first word
  int64_t bytes_ = 0;
  size_t next_size_ = 64 * 1024;
};

}  // namespace flern
