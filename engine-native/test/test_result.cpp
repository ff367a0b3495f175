#include <map>
#include <set>

#include "check.hpp"

using namespace flern;
using flern_test::Ctx;
using flern_test::Pool;

namespace {


struct Column {
  const void* values = nullptr;
  const uint8_t* validity = nullptr;
  const char* heap = nullptr;
  int64_t heap_len = -1;
};

Column column(flern_ctx* c, int i) {
  Column k;
  CHECK_EQ(flern_result_column(c, i, &k.values, &k.validity, &k.heap, &k.heap_len), 0);
  return k;
}

// Reads a view of the final result: inline, or (buffer 0, offset) into the column's heap.
std::string read_view(const Column& k, int64_t row) {
  const char* v = static_cast<const char*>(k.values) + 16 * row;
  int32_t len, buf, off;
  std::memcpy(&len, v, 4);
  if (len <= 12) return std::string(v + 4, static_cast<size_t>(len));
  std::memcpy(&buf, v + 8, 4);
  std::memcpy(&off, v + 12, 4);
  CHECK_EQ(buf, 0);
  CHECK(off >= 0 && off + len <= k.heap_len);
  CHECK(std::memcmp(v + 4, k.heap + off, 4) == 0);  // prefix
  return std::string(k.heap + off, static_cast<size_t>(len));
}

}  // namespace

TEST(result_writer_across_workers) {
  Pool pool(3);
  Ctx ctx(pool.p);
  const int32_t types[] = {FLERN_TYPE_INT64, FLERN_TYPE_BOOL, FLERN_TYPE_INT32, FLERN_TYPE_FLOAT64,
                           FLERN_TYPE_INT128, FLERN_TYPE_VARCHAR, FLERN_TYPE_INT32};
  flern_ctx_set_result_schema(ctx.c, 7, types);
  const int64_t n = 50000;
  CHECK_EQ(guard(ctx.c, [&] {
             ctx.c->run_range(n, 1000, [&](int64_t b, int64_t e, int w) {
               ResultWriter& out = ctx.c->out(w);
               for (int64_t i = b; i < e; ++i) {
                 // any order of columns within a row
                 out.put_str(5, str_lit(flern_test::test_string(i).c_str()));
                 out.put_i64(0, i);
                 if (i % 7 == 0) out.put_null(1); else out.put_bool(1, i % 2 == 0);
                 out.put_i32(2, static_cast<int32_t>(i * 3));
                 if (i % 11 == 0) out.put_null(3); else out.put_f64(3, static_cast<double>(i) / 4);
                 out.put_i128(4, static_cast<i128>(i) * static_cast<i128>(INT64_MAX));
                 if (i % 13 == 0) out.put_null(6); else out.put_i32(6, -1);
                 out.end_row();
               }
             });
           }),
           0);
  CHECK_EQ(flern_result_rows(ctx.c), n);
  Column id = column(ctx.c, 0), bo = column(ctx.c, 1), i32 = column(ctx.c, 2), f64 = column(ctx.c, 3),
         i128c = column(ctx.c, 4), str = column(ctx.c, 5), last = column(ctx.c, 6);
  CHECK(id.validity == nullptr);
  CHECK(i32.validity == nullptr);
  CHECK(bo.validity != nullptr);
  CHECK(f64.validity != nullptr);
  CHECK(id.heap == nullptr && id.heap_len == 0);
  CHECK(str.heap != nullptr && str.heap_len > 0);
  CHECK(flern_result_column(ctx.c, 7, nullptr, nullptr, nullptr, nullptr) != 0);
  std::set<int64_t> seen;
  int64_t bad = 0;
  for (int64_t r = 0; r < n; ++r) {
    const int64_t i = static_cast<const int64_t*>(id.values)[r];
    seen.insert(i);
    const bool bnull = !is_valid(bo.validity, r);
    bad += bnull != (i % 7 == 0);
    if (!bnull) bad += static_cast<const uint8_t*>(bo.values)[r] != (i % 2 == 0 ? 1 : 0);
    bad += static_cast<const int32_t*>(i32.values)[r] != i * 3;
    const bool fnull = !is_valid(f64.validity, r);
    bad += fnull != (i % 11 == 0);
    if (!fnull) bad += static_cast<const double*>(f64.values)[r] != static_cast<double>(i) / 4;
    i128 w;
    std::memcpy(&w, static_cast<const char*>(i128c.values) + 16 * r, 16);
    bad += w != static_cast<i128>(i) * static_cast<i128>(INT64_MAX);
    bad += read_view(str, r) != flern_test::test_string(i);
    bad += is_valid(last.validity, r) == (i % 13 == 0);
  }
  CHECK_EQ(bad, 0);
  CHECK_EQ(static_cast<int64_t>(seen.size()), n);
}

TEST(result_single_writer_and_empty) {
  Pool pool(2);
  {
    Ctx ctx(pool.p);
    const int32_t types[] = {FLERN_TYPE_VARCHAR, FLERN_TYPE_INT64};
    flern_ctx_set_result_schema(ctx.c, 2, types);
    CHECK_EQ(guard(ctx.c, [&] {
               ResultWriter& out = ctx.c->out(0);
               for (int i = 0; i < 1000; ++i) {
                 if (i == 500) out.put_null(0); else out.put_str(0, str_lit(flern_test::test_string(i).c_str()));
                 out.put_i64(1, i);
                 out.end_row();
               }
             }),
             0);
    CHECK_EQ(flern_result_rows(ctx.c), 1000);
    Column s = column(ctx.c, 0), v = column(ctx.c, 1);
    int bad = 0;
    for (int i = 0; i < 1000; ++i) {
      bad += static_cast<const int64_t*>(v.values)[i] != i;
      if (i == 500) bad += is_valid(s.validity, i); else bad += read_view(s, i) != flern_test::test_string(i);
    }
    CHECK_EQ(bad, 0);
  }
  {
    Ctx ctx(pool.p);
    const int32_t types[] = {FLERN_TYPE_VARCHAR, FLERN_TYPE_BOOL};
    flern_ctx_set_result_schema(ctx.c, 2, types);
    CHECK_EQ(flern_result_rows(ctx.c), 0);
    Column s = column(ctx.c, 0), b = column(ctx.c, 1);
    CHECK(s.values != nullptr && s.validity == nullptr && s.heap != nullptr && s.heap_len == 0);
    CHECK(b.values != nullptr && b.heap == nullptr);
  }
  {
    Ctx ctx(pool.p);
    const int32_t types[] = {FLERN_TYPE_INT32};
    flern_ctx_set_result_schema(ctx.c, 1, types);
    CHECK(guard(ctx.c, [&] { ctx.c->out(0).put_i64(0, 1); }) != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "result column index or type mismatch");
  }
  {
    Ctx ctx(pool.p);
    const int32_t types[] = {9};
    flern_ctx_set_result_schema(ctx.c, 1, types);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "invalid result column type code");
  }
}
