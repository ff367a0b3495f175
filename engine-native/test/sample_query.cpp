// A hand-written stand-in for a generated query library, built as its own shared object and loaded
// with dlopen by test_query_lib.cpp: exercises linking against libflern_rt, exceptions thrown on
// either side of the library boundary, and the shape the generator emits.
// SELECT c0 % 10 AS k, sum(c0), count(*), upper(min-ish label) FROM t0 WHERE c0 > p.threshold GROUP BY 1
#include "flern/runtime.hpp"

namespace {

struct Params {
  int64_t threshold;
  int32_t fail_mode;  // 0 none, 1 raise in a morsel, 2 runtime raises (substring), 3 bad_alloc
};

struct Group {
  int64_t sum;
  int64_t count;
};

}  // namespace

extern "C" int32_t flern_query_main(flern_ctx* ctx, const void* params) {
  return flern::guard(ctx, [&] {
    const Params* p = static_cast<const Params*>(params);
    const flern::TableView* t0 = ctx->table(0);
    flern::PerWorker<flern::AggTable<int64_t, Group>> partial(ctx);
    ctx->run_morsels(t0, [&](const flern::Morsel& m, int worker) {
      const int64_t* c0 = flern::col<int64_t>(t0, m.row_group, 0);
      const uint8_t* v0 = flern::valid(t0, m.row_group, 0);
      for (int64_t i = m.begin; i < m.end; ++i) {
        if (!flern::is_valid(v0, i) || !(c0[i] > p->threshold)) continue;
        if (p->fail_mode == 1) flern::raise("custom failure");
        if (p->fail_mode == 2) flern::substring(flern::view_str(t0, m.row_group, 1, i), 1, -1);
        if (p->fail_mode == 3) throw std::bad_alloc();
        const int64_t k = c0[i] % 10;
        bool fresh;
        Group& g = partial[worker].upsert(k, flern::hash_i64(k), fresh);
        int64_t s;
        if (flern::add_ov(g.sum, c0[i], &s)) flern::raise("integer out of range");
        g.sum = s;
        g.count += 1;
      }
    });
    flern::AggTable<int64_t, Group> total(ctx);
    for (int w = 0; w < partial.size(); ++w)
      partial[w].for_each([&](const int64_t& k, Group& g) {
        bool fresh;
        Group& t = total.upsert(k, flern::hash_i64(k), fresh);
        t.sum += g.sum;
        t.count += g.count;
      });
    struct Out {
      int64_t k, sum, count;
    };
    std::vector<Out> rows;
    total.for_each([&](const int64_t& k, Group& g) { rows.push_back(Out{k, g.sum, g.count}); });
    flern::sort_rows(ctx, rows, [](const Out& a, const Out& b) { return a.k < b.k; });
    flern::ResultWriter& out = ctx->out(0);
    flern::Arena& arena = ctx->arena(0);
    for (const Out& r : rows) {
      out.put_i64(0, r.k);
      out.put_i64(1, r.sum);
      out.put_i64(2, r.count);
      out.put_str(3, flern::concat(arena, flern::str_lit("key-"), flern::format_i64(arena, r.k)));
      out.end_row();
    }
  });
}
