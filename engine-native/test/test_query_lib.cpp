#include <dlfcn.h>

#include "check.hpp"

using namespace flern;

namespace {

struct Params {
  int64_t threshold;
  int32_t fail_mode;
};

}  // namespace

TEST(generated_library_runs_through_c_abi) {
  void* lib = dlopen(FLERN_SAMPLE_QUERY, RTLD_NOW | RTLD_LOCAL);
  CHECK(lib != nullptr);
  if (lib == nullptr) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    return;
  }
  auto main_fn = reinterpret_cast<flern_query_main_fn>(dlsym(lib, "flern_query_main"));
  CHECK(main_fn != nullptr);
  flern_pool* pool = flern_pool_new(2);
  flern_test::TestTable t({65536, 30000, 7});
  const flern_table_view* tabs[] = {&t.view};
  const int32_t types[] = {FLERN_TYPE_INT64, FLERN_TYPE_INT64, FLERN_TYPE_INT64, FLERN_TYPE_VARCHAR};
  const int64_t n = 65536 + 30000 + 7;

  {
    flern_ctx* ctx = flern_ctx_new(pool, 0);
    flern_ctx_set_tables(ctx, 1, tabs);
    flern_ctx_set_result_schema(ctx, 4, types);
    Params p{1000, 0};
    CHECK_EQ(main_fn(ctx, &p), 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx)), "");
    CHECK_EQ(flern_result_rows(ctx), 9);  // key 3 only has NULLs (TestTable)
    const void *k, *sum, *cnt, *label;
    const uint8_t* valid;
    const char* heap;
    int64_t heap_len;
    CHECK_EQ(flern_result_column(ctx, 0, &k, &valid, &heap, &heap_len), 0);
    CHECK_EQ(flern_result_column(ctx, 1, &sum, &valid, &heap, &heap_len), 0);
    CHECK_EQ(flern_result_column(ctx, 2, &cnt, &valid, &heap, &heap_len), 0);
    CHECK_EQ(flern_result_column(ctx, 3, &label, &valid, &heap, &heap_len), 0);
    for (int64_t g = 0, r = 0; g < 10; ++g) {
      if (g == 3) continue;
      int64_t rs = 0, rc = 0;
      for (int64_t i = 1001; i < n; ++i)
        if (i % 10 == g && i % 10 != 3) rs += i, rc++;
      CHECK_EQ(static_cast<const int64_t*>(k)[r], g);
      CHECK_EQ(static_cast<const int64_t*>(sum)[r], rs);
      CHECK_EQ(static_cast<const int64_t*>(cnt)[r], rc);
      const Str lab = view_str(static_cast<const char*>(label) + 16 * r, &heap);
      CHECK_EQ(std::string(lab.ptr, static_cast<size_t>(lab.len)), "key-" + std::to_string(g));
      ++r;
    }
    flern_ctx_free(ctx);
  }
  const char* expect[] = {"", "custom failure", "negative substring length not allowed", "out of memory"};
  for (int32_t mode = 1; mode <= 3; ++mode) {
    flern_ctx* ctx = flern_ctx_new(pool, 0);
    flern_ctx_set_tables(ctx, 1, tabs);
    flern_ctx_set_result_schema(ctx, 4, types);
    Params p{0, mode};
    CHECK(main_fn(ctx, &p) != 0);
    CHECK_EQ(std::string(flern_ctx_error(ctx)), expect[mode]);
    flern_ctx_free(ctx);
  }
  flern_pool_free(pool);
  dlclose(lib);
}
