// QueryError's key function lives here so its type information is emitted once, in libflern_rt,
// and matches in every generated library that catches it.
#include <string>

#include "flern/error.hpp"
#include "flern/memory.hpp"

namespace flern {

QueryError::QueryError(const char* msg) : msg_(msg) {}
QueryError::QueryError(std::string msg) : msg_(std::move(msg)) {}
QueryError::~QueryError() = default;
const char* QueryError::what() const noexcept { return msg_.c_str(); }

void raise(const char* msg) { throw QueryError(msg); }

void raise_memory_limit(int64_t limit) {
  std::string msg("memory limit exceeded (");
  msg.append(std::to_string(limit));
  msg.append(" bytes)");
  throw QueryError(std::move(msg));
}

}  // namespace flern
