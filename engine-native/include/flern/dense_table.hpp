// DenseTable<State>: aggregate states in a plain array indexed by (key - min), for a GROUP BY whose
// single integer key has a small domain known at staging time (from the column's min and max). No
// hashing, no key comparison: the generator picks it instead of AggTable when the domain is small.
// The last slot holds the NULL group.
#ifndef FLERN_DENSE_TABLE_HPP
#define FLERN_DENSE_TABLE_HPP

#include <cstdint>
#include <cstring>
#include <new>

#include "flern/context.hpp"
#include "flern/error.hpp"

namespace flern {

template <class State>
class DenseTable {
 public:
  explicit DenseTable(QueryContext* ctx) : ctx_(ctx) {}
  DenseTable(const DenseTable&) = delete;
  DenseTable& operator=(const DenseTable&) = delete;
  ~DenseTable() { reset(); }

  // Makes room for slots [0, n); every slot starts unseen with a value-initialised state.
  void resize(int64_t n) {
    reset();
    if (n <= 0) return;
    const int64_t bytes = n * static_cast<int64_t>(sizeof(State) + 1);
    ctx_->charge(bytes);
    charged_ = bytes;
    states_ = new State[static_cast<size_t>(n)]();
    seen_ = new uint8_t[static_cast<size_t>(n)]();
    n_ = n;
  }

  int64_t size() const { return n_; }

  // The state of slot i, marked as a group that exists.
  State& slot(int64_t i) {
    seen_[i] = 1;
    return states_[i];
  }
  bool seen(int64_t i) const { return seen_[i] != 0; }
  State& at(int64_t i) { return states_[i]; }

 private:
  void reset() {
    delete[] states_;
    delete[] seen_;
    states_ = nullptr;
    seen_ = nullptr;
    n_ = 0;
    if (charged_) ctx_->release(charged_);
    charged_ = 0;
  }

  QueryContext* ctx_;
  State* states_ = nullptr;
  uint8_t* seen_ = nullptr;
  int64_t n_ = 0;
  int64_t charged_ = 0;
};

}  // namespace flern

#endif  // FLERN_DENSE_TABLE_HPP
