#include <algorithm>
#include <map>
#include <random>

#include "check.hpp"

using namespace flern;
using flern_test::Ctx;
using flern_test::Pool;

namespace {


struct SumCount {
  int64_t sum;
  int64_t count;
};

}  // namespace

TEST(agg_table_matches_reference) {
  Pool pool(3);
  Ctx ctx(pool.p);
  std::mt19937_64 rng(42);
  const int64_t n = 200000;
  std::vector<int64_t> keys(n), vals(n);
  for (int64_t i = 0; i < n; ++i) {
    keys[i] = static_cast<int64_t>(rng() % 30000) - 15000;
    vals[i] = static_cast<int64_t>(rng() % 1000);
  }
  std::map<int64_t, SumCount> ref;
  for (int64_t i = 0; i < n; ++i) {
    ref[keys[i]].sum += vals[i];
    ref[keys[i]].count++;
  }
  CHECK_EQ(guard(ctx.c, [&] {
             // Thread-local tables per worker, merged on the calling thread.
             PerWorker<AggTable<int64_t, SumCount>> parts(ctx.c);
             CHECK_EQ(parts.size(), 3);
             ctx.c->run_range(n, 5000, [&](int64_t b, int64_t e, int w) {
               for (int64_t i = b; i < e; ++i) {
                 bool fresh;
                 SumCount& s = parts[w].upsert(keys[i], hash_i64(keys[i]), fresh);
                 if (fresh) CHECK(s.sum == 0 && s.count == 0);
                 s.sum += vals[i];
                 s.count++;
               }
             });
             AggTable<int64_t, SumCount> total(ctx.c);
             for (int w = 0; w < parts.size(); ++w)
               parts[w].for_each([&](const int64_t& k, SumCount& s) {
                 bool fresh;
                 SumCount& t = total.upsert(k, fresh);
                 t.sum += s.sum;
                 t.count += s.count;
               });
             CHECK_EQ(total.size(), static_cast<int64_t>(ref.size()));
             int64_t bad = 0, visited = 0;
             total.for_each_range(0, total.capacity(), [&](const int64_t& k, SumCount& s) {
               ++visited;
               auto it = ref.find(k);
               bad += it == ref.end() || it->second.sum != s.sum || it->second.count != s.count;
             });
             CHECK_EQ(bad, 0);
             CHECK_EQ(visited, static_cast<int64_t>(ref.size()));
             CHECK(total.find(99999, hash_i64(99999)) == nullptr);
             CHECK(total.find(keys[0], hash_i64(keys[0])) != nullptr);
           }),
           0);
}

TEST(agg_table_string_keys) {
  Pool pool(1);
  Ctx ctx(pool.p);
  std::vector<std::string> words;
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) words.push_back("w" + std::to_string(rng() % 3000) + (i % 3 ? "-long-long-key" : ""));
  std::map<std::string, int64_t> ref;
  for (auto& w : words) ref[w]++;
  CHECK_EQ(guard(ctx.c, [&] {
             AggTable<Str, int64_t> t(ctx.c);
             for (auto& w : words) {
               bool fresh;
               const Str s{w.data(), static_cast<int32_t>(w.size())};
               t.upsert(s, hash_str(s), fresh)++;
             }
             CHECK_EQ(t.size(), static_cast<int64_t>(ref.size()));
             int64_t bad = 0;
             t.for_each([&](const Str& k, int64_t& c) { bad += ref[std::string(k.ptr, static_cast<size_t>(k.len))] != c; });
             CHECK_EQ(bad, 0);
           }),
           0);
}

TEST(join_table_matches_reference) {
  Pool pool(3);
  Ctx ctx(pool.p);
  struct Row {
    int64_t key;
    int64_t payload;
  };
  std::mt19937_64 rng(1);
  const int64_t n = 100000;
  std::vector<Row> build(n);
  std::multimap<int64_t, int64_t> ref;
  for (int64_t i = 0; i < n; ++i) {
    build[i] = Row{static_cast<int64_t>(rng() % 50000), i};
    ref.emplace(build[i].key, i);
  }
  CHECK_EQ(guard(ctx.c, [&] {
             JoinTable<Row> jt(ctx.c);
             CHECK_EQ(jt.size(), 0);
             int probes_before = 0;
             jt.probe(hash_i64(1), [&](const Row&) { ++probes_before; });  // empty before build
             CHECK_EQ(probes_before, 0);
             ctx.c->run_range(n, 4096, [&](int64_t b, int64_t e, int w) {
               for (int64_t i = b; i < e; ++i) jt.add(w, hash_i64(build[i].key), build[i]);
             });
             jt.build(ctx.c);
             CHECK_EQ(jt.size(), n);
             jt.enable_marks();
             std::atomic<int64_t> bad{0};
             ctx.c->run_range(60000, 1000, [&](int64_t b, int64_t e, int) {
               for (int64_t k = b; k < e; ++k) {
                 int64_t count = 0, psum = 0;
                 jt.probe_idx(hash_i64(k), [&](int64_t idx, const Row& r) {
                   if (r.key != k) return;
                   ++count;
                   psum += r.payload;
                   jt.mark(idx);
                 });
                 int64_t rcount = 0, rsum = 0;
                 auto range = ref.equal_range(k);
                 for (auto it = range.first; it != range.second; ++it) ++rcount, rsum += it->second;
                 if (count != rcount || psum != rsum) bad++;
                 // probe with early stop
                 int64_t first = 0;
                 jt.probe(hash_i64(k), [&](const Row& r) { if (r.key != k) return false; ++first; return true; });
                 if (first != (rcount > 0 ? 1 : 0)) bad++;
               }
             });
             CHECK_EQ(bad.load(), 0);
             int64_t unmarked = 0, total = 0;
             for (int64_t i = 0; i < jt.size(); ++i) unmarked += !jt.marked(i);
             jt.for_each_range(0, jt.size(), [&](const Row& r) { total += r.payload; });
             CHECK_EQ(unmarked, 0);
             CHECK_EQ(total, n * (n - 1) / 2);
           }),
           0);
  CHECK_EQ(ctx.c->memory_used(), 0);
}

TEST(sort_rows_parallel_stable) {
  Pool pool(3);
  Ctx ctx(pool.p);
  struct Row {
    int32_t key;
    int64_t seq;
  };
  for (int64_t n : {0L, 5L, 8191L, 100000L, 250001L}) {
    std::mt19937 rng(static_cast<unsigned>(n));
    std::vector<Row> rows(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) rows[static_cast<size_t>(i)] = Row{static_cast<int32_t>(rng() % 1000), i};
    std::vector<Row> ref = rows;
    auto less = [](const Row& a, const Row& b) { return a.key < b.key; };
    std::stable_sort(ref.begin(), ref.end(), less);
    CHECK_EQ(guard(ctx.c, [&] { sort_rows(ctx.c, rows, less); }), 0);
    int64_t bad = 0;
    for (int64_t i = 0; i < n; ++i) bad += rows[static_cast<size_t>(i)].seq != ref[static_cast<size_t>(i)].seq;
    CHECK_EQ(bad, 0);
  }
  CHECK_EQ(ctx.c->memory_used(), 0);
}

TEST(hash_functions) {
  CHECK(hash_f64(0.0) == hash_f64(-0.0));
  CHECK(hash_f64(std::nan("")) == hash_f64(-std::nan("1")));
  CHECK(hash_f64(1.0) != hash_f64(2.0));
  CHECK(hash_str(str_lit("abcdefghijk")) == hash_str(Str{"xabcdefghijk" + 1, 11}));
  CHECK(hash_str(str_lit("abcdefghijk")) != hash_str(str_lit("abcdefghijj")));
  CHECK(hash_str(str_lit("")) != hash_str(str_lit("a")));
  CHECK(hash_combine(1, 2) != hash_combine(2, 1));
  // Low bits of consecutive integers spread over buckets (the join table masks them).
  std::vector<int> buckets(64);
  for (int64_t i = 0; i < 6400; ++i) buckets[hash_i64(i) & 63]++;
  int worst = 0;
  for (int b : buckets) worst = std::max(worst, b);
  CHECK(worst < 160);
}

TEST(row_buffers_gather_and_sort) {
  Pool pool(3);
  Ctx ctx(pool.p);
  struct Row {
    int64_t key;
    int64_t seq;
  };
  CHECK_EQ(guard(ctx.c, [&] {
             PerWorker<RowBuffer<Row>> parts(ctx.c);
             ctx.c->run_range(100000, 1000, [&](int64_t b, int64_t e, int w) {
               for (int64_t i = b; i < e; ++i) parts[w].push(Row{(i * 7919) % 1000, i});
             });
             CHECK(ctx.c->memory_used() >= static_cast<int64_t>(100000 * sizeof(Row)));
             RowBuffer<Row> all(ctx.c);
             gather(ctx.c, parts, all);
             CHECK_EQ(all.size(), 100000);
             sort_rows(ctx.c, all.vec(), [](const Row& a, const Row& b) { return a.key < b.key; });
             int64_t bad = 0, seqsum = 0;
             for (int64_t i = 0; i < all.size(); ++i) {
               seqsum += all[i].seq;
               if (i > 0 && all[i - 1].key > all[i].key) ++bad;
             }
             CHECK_EQ(bad, 0);
             CHECK_EQ(seqsum, int64_t{100000} * 99999 / 2);
           }),
           0);
  CHECK_EQ(ctx.c->memory_used(), 0);
}
