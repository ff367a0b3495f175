// Minimal test harness: TEST(name) registers a function; CHECK* record failures and go on.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "flern/runtime.hpp"

namespace flern_test {

struct Case {
  const char* name;
  void (*fn)();
};
std::vector<Case>& cases();
extern int failures;

struct Registrar {
  Registrar(const char* name, void (*fn)()) { cases().push_back(Case{name, fn}); }
};

inline void fail(const char* file, int line, const std::string& what) {
  ++failures;
  std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, what.c_str());
}

inline std::string show(const std::string& s) { return "\"" + s + "\""; }
inline std::string show(const char* s) { return show(std::string(s)); }
inline std::string show(flern::Str s) { return show(std::string(s.ptr, static_cast<size_t>(s.len))); }
inline std::string show(bool v) { return v ? "true" : "false"; }
inline std::string show(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}
inline std::string show(__int128 v) {
  char b[48];
  return std::string(b, static_cast<size_t>(flern::format_i128_to(b, v)));
}
template <class T>
std::string show(const T& v) {
  return std::to_string(v);
}

inline bool same(flern::Str a, flern::Str b) { return flern::str_eq(a, b); }
inline bool same(flern::Str a, const char* b) { return flern::str_eq(a, flern::str_lit(b)); }
inline bool same(const char* a, const char* b) { return std::strcmp(a, b) == 0; }
inline bool same(const std::string& a, const char* b) { return a == b; }
template <class A, class B>
bool same(const A& a, const B& b) {
  return a == b;
}

}  // namespace flern_test

#define TEST(name)                                                     \
  static void name();                                                  \
  static ::flern_test::Registrar name##_registrar(#name, &name);       \
  static void name()

#define CHECK(cond) \
  do { if (!(cond)) ::flern_test::fail(__FILE__, __LINE__, #cond); } while (0)

#define CHECK_EQ(a, b)                                                                               \
  do {                                                                                               \
    const auto& check_a_ = (a);                                                                      \
    const auto& check_b_ = (b);                                                                      \
    if (!::flern_test::same(check_a_, check_b_))                                                     \
      ::flern_test::fail(__FILE__, __LINE__,                                                         \
                         std::string(#a " == " #b ": ") + ::flern_test::show(check_a_) + " vs " +    \
                             ::flern_test::show(check_b_));                                          \
  } while (0)

// Runs f and checks that it raises a QueryError whose message is msg.
#define CHECK_RAISES(stmt, msg)                                                                        \
  do {                                                                                                 \
    bool raised_ = false;                                                                              \
    try {                                                                                              \
      stmt;                                                                                            \
    } catch (const flern::QueryError& e_) {                                                            \
      raised_ = true;                                                                                  \
      CHECK_EQ(e_.what(), msg);                                                                        \
    }                                                                                                  \
    if (!raised_) ::flern_test::fail(__FILE__, __LINE__, std::string(#stmt " did not raise ") + msg); \
  } while (0)

// A table in memory shaped like Java's views (CONTRACTS §2), built column by column.
namespace flern_test {

struct TestTable {
  std::vector<std::vector<int64_t>> i64;                 // per row group: values of column 0
  std::vector<std::vector<char>> views;                  // per row group: VARCHAR views of column 1
  std::vector<std::string> data;                         // one data buffer per row group
  std::vector<const char*> bufptr;                       // per row group
  std::vector<std::vector<uint8_t>> validity;            // per row group: validity of column 0
  std::vector<std::vector<flern_column_chunk>> chunks;
  std::vector<flern_row_group> groups;
  flern_table_view view{};

  // Column 0: BIGINT = global row number (NULL when row % 10 == 3); column 1: VARCHAR "s<row>"
  // padded to a long string for odd rows.
  explicit TestTable(const std::vector<int64_t>& group_sizes);
};

inline std::string test_string(int64_t row) {
  std::string s = "s" + std::to_string(row);
  if (row % 2 == 1) s += "-a-longer-string-than-twelve";
  return s;
}

// RAII owners of a pool and a query context, for tests that drive the C ABI.
struct Pool {
  flern_pool* p;
  explicit Pool(int n) : p(flern_pool_new(n)) {}
  ~Pool() { flern_pool_free(p); }
};
struct Ctx {
  flern_ctx* c;
  explicit Ctx(flern_pool* p, int64_t limit = 0) : c(flern_ctx_new(p, limit)) {}
  ~Ctx() { flern_ctx_free(c); }
};

}  // namespace flern_test
