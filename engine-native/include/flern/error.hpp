// Errors inside the runtime and generated code are C++ exceptions; they are caught before any C
// ABI boundary (QueryContext's task trampolines and flern::guard) and turned into a status.
#pragma once

#include <exception>
#include <string>

namespace flern {

// The one exception type of query failures. Its key function lives in libflern_rt, so its type
// information is unique across the runtime and every generated library that catches it.
class QueryError : public std::exception {
 public:
  explicit QueryError(const char* msg);
  explicit QueryError(std::string msg);
  ~QueryError() override;
  const char* what() const noexcept override;

 private:
  std::string msg_;
};

// Fails the current query. Messages are constant texts of the engine, never query text.
[[noreturn]] void raise(const char* msg);

}  // namespace flern
