// flern_selftest: a smoke test Java calls through Panama right after loading the runtime.
#include "flern/runtime.hpp"

extern "C" int32_t flern_selftest(void) {
  try {
    if (flern::date_from_ymd(2000, 2, 29) != 11016) return 1;
    if (flern::hash_u64(1) == flern::hash_u64(2)) return 2;
    if (!flern::like(flern::str_lit("flern"), flern::str_lit("f%n"))) return 3;
    return 0;
  } catch (...) {
    return 99;
  }
}
