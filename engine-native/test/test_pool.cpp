#include <atomic>
#include <new>
#include <stdexcept>
#include <thread>

#include "check.hpp"

using namespace flern;
using flern_test::Ctx;
using flern_test::Pool;
using flern_test::TestTable;

extern "C" int flern_test_abi_c_sizes(void);

namespace {


}  // namespace

TEST(abi_sizes_in_c_and_selftest) {
  CHECK(flern_test_abi_c_sizes());
  CHECK_EQ(flern_selftest(), 0);
  CHECK(flern_pool_new(0) == nullptr);
  CHECK(flern_ctx_new(nullptr, 0) == nullptr);
}

TEST(pool_runs_every_morsel_once) {
  Pool pool(3);
  CHECK_EQ(flern_pool_threads(pool.p), 3);
  Ctx ctx(pool.p);
  CHECK_EQ(ctx.c->workers(), 3);
  TestTable t({65536, 100, 0, 20000, 8192, 1});
  const flern_table_view* tabs[] = {&t.view};
  flern_ctx_set_tables(ctx.c, 1, tabs);
  const TableView* tv = ctx.c->table(0);
  const int64_t n = row_count(tv);
  CHECK_EQ(n, 65536 + 100 + 20000 + 8192 + 1);
  std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
  std::atomic<int64_t> morsels{0}, bad{0}, sum{0};
  const int32_t rc = guard(ctx.c, [&] {
    ctx.c->run_morsels(tv, [&](const Morsel& m, int w) {
      morsels.fetch_add(1);
      if (w < 0 || w >= 3 || m.end - m.begin > MORSEL_ROWS || m.begin >= m.end || m.end > group_rows(tv, m.row_group))
        bad.fetch_add(1);
      const int64_t* v = col<int64_t>(tv, m.row_group, 0);
      const uint8_t* ok = valid(tv, m.row_group, 0);
      for (int64_t i = m.begin; i < m.end; ++i) {
        hits[static_cast<size_t>(v[i])].fetch_add(1);
        if (is_valid(ok, i)) sum.fetch_add(v[i]);
        if (!str_eq(view_str(tv, m.row_group, 1, i), str_lit(flern_test::test_string(v[i]).c_str()))) bad.fetch_add(1);
      }
    });
  });
  CHECK_EQ(rc, 0);
  CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "");
  CHECK_EQ(morsels.load(), 8 + 1 + 3 + 1 + 1);
  CHECK_EQ(bad.load(), 0);
  int64_t wrong = 0, expect = 0;
  for (int64_t i = 0; i < n; ++i) {
    wrong += hits[static_cast<size_t>(i)].load() != 1;
    if (i % 10 != 3) expect += i;
  }
  CHECK_EQ(wrong, 0);
  CHECK_EQ(sum.load(), expect);
}

TEST(run_range_covers_each_index_once) {
  Pool pool(2);
  Ctx ctx(pool.p);
  for (int64_t n : {0L, 1L, 999L, 100000L}) {
    std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
    CHECK_EQ(guard(ctx.c, [&] {
               ctx.c->run_range(n, 777, [&](int64_t b, int64_t e, int) {
                 CHECK(e - b <= 777);
                 for (int64_t i = b; i < e; ++i) hits[static_cast<size_t>(i)]++;
               });
             }),
             0);
    int64_t wrong = 0;
    for (auto& h : hits) wrong += h.load() != 1;
    CHECK_EQ(wrong, 0);
  }
}

TEST(error_in_task_stops_work_and_surfaces) {
  Pool pool(3);
  TestTable t(std::vector<int64_t>(40, 65536));  // 320 morsels
  const flern_table_view* tabs[] = {&t.view};
  {
    Ctx ctx(pool.p);
    flern_ctx_set_tables(ctx.c, 1, tabs);
    std::atomic<int> ran{0};
    bool after = false;
    const int32_t rc = guard(ctx.c, [&] {
      ctx.c->run_morsels(ctx.c->table(0), [&](const Morsel&, int) {
        if (ran.fetch_add(1) == 0) raise("boom");
        // Other workers stay in their morsel until the failure is recorded (the first throw of a
        // process can be slow), so what they may run afterwards is bounded.
        while (!ctx.c->failed()) std::this_thread::yield();
      });
      after = true;  // not reached: run_morsels rethrows
    });
    CHECK(rc != 0);
    CHECK(!after);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "boom");
    CHECK(ran.load() <= 3);  // the failing morsel and at most one more per other worker
    // A failed context hands out no more work.
    int later = 0;
    CHECK_RAISES(ctx.c->run_range(10, 1, [&](int64_t, int64_t, int) { ++later; }), "boom");
    CHECK_EQ(later, 0);
  }
  {
    Ctx ctx(pool.p);
    CHECK(guard(ctx.c, [&] { ctx.c->run_range(100, 1, [&](int64_t b, int64_t, int) { if (b == 50) throw std::bad_alloc(); }); }) != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "out of memory");
  }
  {
    Ctx ctx(pool.p);
    CHECK(guard(ctx.c, [&] { throw std::runtime_error("std error"); }) != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "std error");
    ctx.c->fail("second");  // first error wins
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "std error");
  }
  {
    Ctx ctx(pool.p);  // fail() without throwing still fails the query
    CHECK(guard(ctx.c, [&] { ctx.c->fail("integer out of range"); }) != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "integer out of range");
  }
}

TEST(nested_and_concurrent_runs) {
  Pool pool(2);
  Ctx ctx(pool.p);
  std::atomic<int64_t> total{0};
  CHECK_EQ(guard(ctx.c, [&] {
             ctx.c->run_range(4, 1, [&](int64_t, int64_t, int w) {
               ctx.c->run_range(10, 3, [&](int64_t b, int64_t e, int w2) {
                 CHECK_EQ(w2, w);  // nested runs stay on the worker
                 total += e - b;
               });
             });
           }),
           0);
  CHECK_EQ(total.load(), 40);
  // Two queries share the pool from two threads.
  std::atomic<int64_t> a{0}, b{0};
  auto query = [&](std::atomic<int64_t>* sum) {
    Ctx c(pool.p);
    for (int k = 0; k < 20; ++k)
      guard(c.c, [&] { c.c->run_range(1000, 10, [&](int64_t s, int64_t e, int) { *sum += e - s; }); });
  };
  std::thread t1(query, &a), t2(query, &b);
  t1.join();
  t2.join();
  CHECK_EQ(a.load(), 20000);
  CHECK_EQ(b.load(), 20000);
}

TEST(memory_limit_raises) {
  Pool pool(2);
  {
    Ctx ctx(pool.p, 1 << 20);
    const int32_t rc = guard(ctx.c, [&] {
      for (int i = 0; i < 100; ++i) ctx.c->arena(0).alloc(100000);
    });
    CHECK(rc != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "memory limit exceeded (1048576 bytes)");
  }
  {
    Ctx ctx(pool.p, 1 << 20);
    const int32_t rc = guard(ctx.c, [&] {
      AggTable<int64_t, int64_t> t(ctx.c);
      bool fresh;
      for (int64_t i = 0; i < 1000000; ++i) t.upsert(i, hash_i64(i), fresh) += 1;
    });
    CHECK(rc != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "memory limit exceeded (1048576 bytes)");
    CHECK_EQ(ctx.c->memory_used(), 0);  // the table released what it held when it was destroyed
  }
  {
    Ctx ctx(pool.p, 1 << 20);
    const int32_t rc = guard(ctx.c, [&] {
      JoinTable<int64_t> jt(ctx.c);
      ctx.c->run_range(1000000, 10000, [&](int64_t b, int64_t e, int w) {
        for (int64_t i = b; i < e; ++i) jt.add(w, hash_i64(i), i);
      });
    });
    CHECK(rc != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx.c)), "memory limit exceeded (1048576 bytes)");
  }
  {
    Ctx ctx(pool.p, 0);  // unlimited
    CHECK_EQ(guard(ctx.c, [&] { ctx.c->arena(1).alloc(8 << 20); }), 0);
    CHECK(ctx.c->memory_used() >= (8 << 20));
  }
}
