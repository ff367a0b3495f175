// AggTable<Key, State, Hash, Eq>: a hash table for grouping. Open addressing with linear probing
// over a power-of-two slot array, grown at 60% load. Each slot keeps the hash with bit 0 set as an
// occupancy tag (0 = empty) and is indexed by the hash's high bits, so growing never rehashes keys.
// Typically one per worker (PerWorker), merged at the pipeline breaker.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

#include "flern/context.hpp"
#include "flern/hash.hpp"

namespace flern {

template <class Key, class State, class Hash = DefaultHash, class Eq = DefaultEq>
class AggTable {
 public:
  struct Slot {
    uint64_t tag;  // hash | 1, or 0 when empty
    Key key;
    State state;
  };

  explicit AggTable(QueryContext* ctx, int64_t initial_capacity = 64) : ctx_(ctx) {
    uint64_t cap = 16;
    while (cap < static_cast<uint64_t>(initial_capacity)) cap <<= 1;
    allocate(cap);
  }
  AggTable(const AggTable&) = delete;
  AggTable& operator=(const AggTable&) = delete;
  ~AggTable() { destroy(slots_, cap_); }

  // The state of key (hash h), inserting a value-initialized State when absent (fresh = true).
  // The reference is valid until the next insertion.
  State& upsert(const Key& key, uint64_t h, bool& fresh) {
    const uint64_t tag = h | 1;
    Eq eq;
    for (uint64_t i = tag >> shift_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.tag == tag && eq(s.key, key)) {
        fresh = false;
        return s.state;
      }
      if (s.tag == 0) {
        if ((size_ + 1) * 5 > static_cast<int64_t>(cap_) * 3) {
          grow();
          return insert_new(key, tag, fresh);
        }
        new (&s.key) Key(key);
        new (&s.state) State();
        s.tag = tag;
        ++size_;
        fresh = true;
        return s.state;
      }
    }
  }
  State& upsert(const Key& key, bool& fresh) { return upsert(key, Hash{}(key), fresh); }

  // The state of key, or nullptr.
  State* find(const Key& key, uint64_t h) {
    const uint64_t tag = h | 1;
    Eq eq;
    for (uint64_t i = tag >> shift_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.tag == 0) return nullptr;
      if (s.tag == tag && eq(s.key, key)) return &s.state;
    }
  }

  // f(const Key&, State&) for every group.
  template <class F>
  void for_each(F&& f) {
    for (uint64_t i = 0; i < cap_; ++i)
      if (slots_[i].tag != 0) f(static_cast<const Key&>(slots_[i].key), slots_[i].state);
  }
  // f(const Key&, State&) for the groups in slots [begin, end) of [0, capacity()): a parallel scan.
  template <class F>
  void for_each_range(int64_t begin, int64_t end, F&& f) {
    for (int64_t i = begin; i < end; ++i)
      if (slots_[i].tag != 0) f(static_cast<const Key&>(slots_[i].key), slots_[i].state);
  }

  int64_t size() const { return size_; }
  int64_t capacity() const { return static_cast<int64_t>(cap_); }

 private:
  State& insert_new(const Key& key, uint64_t tag, bool& fresh) {
    uint64_t i = tag >> shift_;
    while (slots_[i].tag != 0) i = (i + 1) & mask_;
    Slot& s = slots_[i];
    new (&s.key) Key(key);
    new (&s.state) State();
    s.tag = tag;
    ++size_;
    fresh = true;
    return s.state;
  }

  void allocate(uint64_t cap) {
    const int64_t bytes = static_cast<int64_t>(cap * sizeof(Slot));
    ctx_->charge(bytes);
    // calloc: every tag starts 0 (empty); keys and states are constructed on insertion.
    Slot* s = static_cast<Slot*>(std::calloc(cap, sizeof(Slot)));
    if (s == nullptr) {
      ctx_->release(bytes);
      throw std::bad_alloc();
    }
    slots_ = s;
    cap_ = cap;
    mask_ = cap - 1;
    int bits = 0;
    while ((uint64_t{1} << bits) < cap) ++bits;
    shift_ = 64 - bits;
  }

  void grow() {
    Slot* old = slots_;
    const uint64_t old_cap = cap_;
    allocate(old_cap * 2);
    for (uint64_t j = 0; j < old_cap; ++j) {
      Slot& o = old[j];
      if (o.tag == 0) continue;
      uint64_t i = o.tag >> shift_;
      while (slots_[i].tag != 0) i = (i + 1) & mask_;
      Slot& s = slots_[i];
      new (&s.key) Key(std::move(o.key));
      new (&s.state) State(std::move(o.state));
      s.tag = o.tag;
    }
    destroy(old, old_cap);
  }

  void destroy(Slot* slots, uint64_t cap) {
    if (slots == nullptr) return;
    if constexpr (!std::is_trivially_destructible_v<Key> || !std::is_trivially_destructible_v<State>) {
      for (uint64_t j = 0; j < cap; ++j)
        if (slots[j].tag != 0) {
          slots[j].key.~Key();
          slots[j].state.~State();
        }
    }
    std::free(slots);
    ctx_->release(static_cast<int64_t>(cap * sizeof(Slot)));
  }

  QueryContext* ctx_;
  Slot* slots_ = nullptr;
  uint64_t cap_ = 0;
  uint64_t mask_ = 0;
  int shift_ = 64;
  int64_t size_ = 0;
};

}  // namespace flern
