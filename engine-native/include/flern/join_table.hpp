// JoinTable<Row>: the build side of a hash join. Workers append rows to their own parts; build()
// copies them into one array and links a chained index in parallel (CAS on bucket heads); probe
// walks one chain. Rows must be trivially copyable (generated row structs of scalars and Str).
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>

#include "flern/context.hpp"
#include "flern/error.hpp"

namespace flern {

template <class Row>
class JoinTable {
  static_assert(std::is_trivially_copyable_v<Row>, "JoinTable rows must be trivially copyable");

 public:
  struct Entry {
    uint64_t hash;
    uint64_t next;  // index + 1 of the next entry in the chain, 0 at the end
    Row row;
  };

  explicit JoinTable(QueryContext* ctx) : ctx_(ctx), nparts_(ctx->workers()) {
    parts_ = std::make_unique<Part[]>(static_cast<size_t>(nparts_));
  }
  JoinTable(const JoinTable&) = delete;
  JoinTable& operator=(const JoinTable&) = delete;
  ~JoinTable() {
    free_parts();
    std::free(entries_);
    if (heads_ != &empty_head_) std::free(heads_);
    std::free(marks_);
    ctx_->release(charged_);
  }

  void add(int worker, uint64_t hash, const Row& row) {
    Part& p = parts_[static_cast<size_t>(worker)];
    if (p.size == p.cap) grow(p);
    Entry& e = p.data[p.size++];
    e.hash = hash;
    e.next = 0;
    e.row = row;
  }

  // Links the index; call once after all adds (on the calling thread, not inside a task).
  void build(QueryContext* ctx) {
    if (built_) raise("join table built twice");
    built_ = true;
    auto off = std::make_unique<int64_t[]>(static_cast<size_t>(nparts_) + 1);
    off[0] = 0;
    for (int i = 0; i < nparts_; ++i) off[i + 1] = off[i] + parts_[static_cast<size_t>(i)].size;
    n_ = off[nparts_];
    if (n_ == 0) {
      free_parts();
      return;
    }
    uint64_t cap = 16;
    while (cap < static_cast<uint64_t>(n_) * 2) cap <<= 1;
    take(static_cast<int64_t>(cap * sizeof(uint64_t) + static_cast<uint64_t>(n_) * sizeof(Entry)));
    heads_ = static_cast<uint64_t*>(std::calloc(cap, sizeof(uint64_t)));
    entries_ = static_cast<Entry*>(std::malloc(static_cast<size_t>(n_) * sizeof(Entry)));
    if (heads_ == nullptr || entries_ == nullptr) {
      if (heads_ == nullptr) heads_ = &empty_head_;
      throw std::bad_alloc();
    }
    mask_ = cap - 1;
    Part* parts = parts_.get();
    const int64_t* offs = off.get();
    const int nparts = nparts_;
    ctx->run_range(n_, 16384, [&](int64_t b, int64_t e, int) {
      int p = 0;
      while (offs[p + 1] <= b) ++p;
      for (int64_t i = b; i < e; ++i) {
        while (offs[p + 1] <= i) ++p;
        Entry& dst = entries_[i];
        dst = parts[p].data[i - offs[p]];
        std::atomic_ref<uint64_t> head(heads_[dst.hash & mask_]);
        uint64_t old = head.load(std::memory_order_relaxed);
        do {
          dst.next = old;
        } while (!head.compare_exchange_weak(old, static_cast<uint64_t>(i + 1), std::memory_order_relaxed));
      }
      (void)nparts;
    });
    free_parts();
  }

  // f(const Row&) for every row with this hash (the caller compares keys). f may return bool:
  // true stops the walk (semi/anti joins).
  template <class F>
  void probe(uint64_t hash, F&& f) const {
    for (uint64_t i = heads_[hash & mask_]; i != 0;) {
      const Entry& e = entries_[i - 1];
      if (e.hash == hash) {
        if constexpr (std::is_same_v<decltype(f(e.row)), bool>) {
          if (f(e.row)) return;
        } else {
          f(e.row);
        }
      }
      i = e.next;
    }
  }
  // Like probe, with the row's index: f(int64_t index, const Row&).
  template <class F>
  void probe_idx(uint64_t hash, F&& f) const {
    for (uint64_t i = heads_[hash & mask_]; i != 0;) {
      const Entry& e = entries_[i - 1];
      if (e.hash == hash) {
        if constexpr (std::is_same_v<decltype(f(static_cast<int64_t>(i - 1), e.row)), bool>) {
          if (f(static_cast<int64_t>(i - 1), e.row)) return;
        } else {
          f(static_cast<int64_t>(i - 1), e.row);
        }
      }
      i = e.next;
    }
  }

  int64_t size() const { return n_; }
  const Row& row(int64_t i) const { return entries_[i].row; }

  // f(const Row&) for rows [begin, end) of the built table (scan the build side with run_range).
  template <class F>
  void for_each_range(int64_t begin, int64_t end, F&& f) const {
    for (int64_t i = begin; i < end; ++i) f(static_cast<const Row&>(entries_[i].row));
  }

  // Match marks for outer/semi joins: enable after build, mark from probes, read in a final scan.
  void enable_marks() {
    if (marks_ != nullptr || n_ == 0) return;
    take(n_);
    marks_ = static_cast<uint8_t*>(std::calloc(static_cast<size_t>(n_), 1));
    if (marks_ == nullptr) throw std::bad_alloc();
  }
  void mark(int64_t i) { std::atomic_ref<uint8_t>(marks_[i]).store(1, std::memory_order_relaxed); }
  bool marked(int64_t i) const { return marks_[i] != 0; }

 private:
  struct alignas(64) Part {
    Entry* data = nullptr;
    int64_t size = 0;
    int64_t cap = 0;
  };

  void take(int64_t bytes) {
    ctx_->charge(bytes);
    charged_ += bytes;
  }
  void give(int64_t bytes) {
    ctx_->release(bytes);
    charged_ -= bytes;
  }
  void grow(Part& p) {
    const int64_t ncap = p.cap == 0 ? 256 : p.cap * 2;
    // Charged by the worker that grows; charged_ is updated atomically since parts grow in parallel.
    const int64_t delta = (ncap - p.cap) * static_cast<int64_t>(sizeof(Entry));
    ctx_->charge(delta);
    std::atomic_ref<int64_t>(charged_).fetch_add(delta, std::memory_order_relaxed);
    Entry* d = static_cast<Entry*>(std::realloc(p.data, static_cast<size_t>(ncap) * sizeof(Entry)));
    if (d == nullptr) throw std::bad_alloc();
    p.data = d;
    p.cap = ncap;
  }
  void free_parts() {
    for (int i = 0; i < nparts_; ++i) {
      Part& p = parts_[static_cast<size_t>(i)];
      if (p.data != nullptr) {
        std::free(p.data);
        give(p.cap * static_cast<int64_t>(sizeof(Entry)));
      }
      p = Part{};
    }
  }

  QueryContext* ctx_;
  int nparts_;
  std::unique_ptr<Part[]> parts_;
  Entry* entries_ = nullptr;
  int64_t n_ = 0;
  uint64_t empty_head_ = 0;
  uint64_t* heads_ = &empty_head_;
  uint64_t mask_ = 0;
  uint8_t* marks_ = nullptr;
  bool built_ = false;
  alignas(8) int64_t charged_ = 0;
};

}  // namespace flern
