#include "check.hpp"

namespace flern_test {

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}
int failures = 0;

TestTable::TestTable(const std::vector<int64_t>& group_sizes) {
  const size_t g = group_sizes.size();
  i64.resize(g);
  views.resize(g);
  data.resize(g);
  bufptr.resize(g);
  validity.resize(g);
  chunks.resize(g);
  groups.resize(g);
  int64_t row = 0;
  for (size_t k = 0; k < g; ++k) {
    const int64_t n = group_sizes[k];
    i64[k].resize(static_cast<size_t>(n));
    views[k].assign(static_cast<size_t>(16 * n), 0);
    validity[k].assign(static_cast<size_t>((n + 7) / 8), 0);
    std::vector<std::pair<int64_t, int32_t>> long_offsets;
    for (int64_t i = 0; i < n; ++i, ++row) {
      i64[k][static_cast<size_t>(i)] = row;
      if (row % 10 != 3) validity[k][static_cast<size_t>(i / 8)] |= static_cast<uint8_t>(1u << (i % 8));
      const std::string s = test_string(row);
      char* v = views[k].data() + 16 * i;
      const int32_t len = static_cast<int32_t>(s.size());
      std::memcpy(v, &len, 4);
      if (len <= 12) {
        std::memcpy(v + 4, s.data(), s.size());
      } else {
        const int32_t off = static_cast<int32_t>(data[k].size());
        data[k] += s;
        std::memcpy(v + 4, s.data(), 4);
        const int32_t buf = 0;
        std::memcpy(v + 8, &buf, 4);
        std::memcpy(v + 12, &off, 4);
      }
    }
  }
  row = 0;
  for (size_t k = 0; k < g; ++k) {
    bufptr[k] = data[k].data();
    chunks[k].resize(2);
    chunks[k][0] = flern_column_chunk{i64[k].data(), validity[k].data(), nullptr, 0};
    chunks[k][1] = flern_column_chunk{views[k].data(), nullptr, &bufptr[k], 1};
    groups[k] = flern_row_group{group_sizes[k], chunks[k].data()};
  }
  view = flern_table_view{2, static_cast<int64_t>(g), groups.data()};
}

}  // namespace flern_test

int main(int argc, char** argv) {
  int run = 0;
  for (const auto& c : flern_test::cases()) {
    if (argc > 1 && std::strstr(c.name, argv[1]) == nullptr) continue;
    const int before = flern_test::failures;
    c.fn();
    ++run;
    std::fprintf(stderr, "%s %s\n", flern_test::failures == before ? "ok  " : "FAIL", c.name);
  }
  std::fprintf(stderr, "%d tests, %d failed checks\n", run, flern_test::failures);
  return flern_test::failures == 0 && run > 0 ? 0 : 1;
}
