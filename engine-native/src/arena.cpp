#include <cstdlib>
#include <new>

#include "flern/arena.hpp"

namespace flern {

Arena::~Arena() {
  void* c = chunks_;
  while (c != nullptr) {
    void* next = *static_cast<void**>(c);
    std::free(c);
    c = next;
  }
  budget_->release(bytes_);
}

char* Arena::grow(size_t n, size_t align) {
  // Chunks double up to 1 MiB; a larger request gets a chunk of its own size.
  const size_t header = 16;
  size_t size = next_size_;
  if (next_size_ < (size_t{1} << 20)) next_size_ *= 2;
  if (size < n + align + header) size = n + align + header;
  budget_->charge(static_cast<int64_t>(size));
  void* c = std::malloc(size);
  if (c == nullptr) {
    budget_->release(static_cast<int64_t>(size));
    throw std::bad_alloc();
  }
  bytes_ += static_cast<int64_t>(size);
  *static_cast<void**>(c) = chunks_;
  chunks_ = c;
  cur_ = static_cast<char*>(c) + header;
  end_ = static_cast<char*>(c) + size;
  uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
  cur_ = reinterpret_cast<char*>(p + n);
  return reinterpret_cast<char*>(p);
}

}  // namespace flern
