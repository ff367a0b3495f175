// The assembled query result: one contiguous buffer per column (private to libflern_rt).
#pragma once

#include <cstdint>
#include <vector>

#include "flern/result.hpp"

namespace flern {

struct FinalColumn {
  void* values = nullptr;
  uint8_t* validity = nullptr;  // nullptr when the column has no NULLs
  char* heap = nullptr;         // VARCHAR only
  int64_t heap_len = 0;
};

struct FinalResult {
  int64_t rows = 0;
  std::vector<FinalColumn> columns;
  FinalResult() = default;
  FinalResult(const FinalResult&) = delete;
  FinalResult& operator=(const FinalResult&) = delete;
  ~FinalResult();
};

// Concatenates the writers' rows in worker order; the writers give up their buffers.
FinalResult* assemble_result(const std::vector<int32_t>& types, const std::vector<ResultWriter*>& writers);

}  // namespace flern
