// What a query that calls a model needs around the model's staged forward pass (CONTRACTS §4):
// each worker gathers a morsel's rows into batch buffers, runs the forward pass on them, and hands
// the outputs on. The forward pass itself is generated; its kernels are in flern/ml.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>

#include "flern/arena.hpp"
#include "flern/context.hpp"

namespace flern {

// The batch buffers of a model call, one region per worker, charged to the query's memory budget
// (a model with large intermediates and many workers meets the limit as a clean error).
template <class T>
class BatchBuffer {
 public:
  BatchBuffer(QueryContext* ctx, int64_t n) : ctx_(ctx), bytes_(n * static_cast<int64_t>(sizeof(T))) {
    ctx_->charge(bytes_);
    data_ = std::make_unique<T[]>(static_cast<size_t>(n));
  }
  ~BatchBuffer() { ctx_->release(bytes_); }
  BatchBuffer(const BatchBuffer&) = delete;
  BatchBuffer& operator=(const BatchBuffer&) = delete;

  T* data() { return data_.get(); }

 private:
  QueryContext* ctx_;
  int64_t bytes_;
  std::unique_ptr<T[]> data_;
};

// A native address the query was given as a parameter (a model's packed weights), as a pointer.
template <class T>
inline T* as_ptr(int64_t address) {
  return reinterpret_cast<T*>(static_cast<uintptr_t>(address));
}

// A FLOAT[n] argument's values into a float input row of a model.
inline void f32s_store(float* dst, const float* src, int64_t n) {
  std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(float));
}

// ... or into an int64 input row (token ids written as floats; exact up to 2^24).
inline void f32s_store(int64_t* dst, const float* src, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<int64_t>(src[i]);
}

// A model's FLOAT[n] output for one row, copied into the worker's arena: FLOAT[n] values live as
// long as the query, and the batch's output buffer is reused by the next batch.
inline const float* f32s_copy(Arena& arena, const float* src, int64_t n) {
  float* out = reinterpret_cast<float*>(arena.alloc(sizeof(float) * static_cast<size_t>(n), 16));
  std::memcpy(out, src, static_cast<size_t>(n) * sizeof(float));
  return out;
}

// An inlined logistic regression's output: 1 / (1 + e^-x), 0 or 1 in the limits (never an error).
inline double sigmoid_f64(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace flern
