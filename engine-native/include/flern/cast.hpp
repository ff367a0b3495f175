// Casts between text and values (CONTRACTS §4). parse_* return false on bad input (the caller raises
// "invalid input syntax for type ..."); format_* write into the arena. Both accept/produce
// PostgreSQL's text forms. Implemented in libflern_rt (src/cast.cpp).
#pragma once

#include <cstdint>

#include "flern/arena.hpp"
#include "flern/str.hpp"

namespace flern {

using i128 = __int128;

bool parse_i64(Str s, int64_t& out);
bool parse_i32(Str s, int32_t& out);
bool parse_f64(Str s, double& out);
bool parse_bool(Str s, bool& out);
bool parse_date(Str s, int32_t& out);
// Rounds extra fraction digits half away from zero; false also when the value overflows the type.
bool parse_decimal(Str s, int scale, int64_t& out);
bool parse_decimal(Str s, int scale, i128& out);

Str format_i64(Arena& arena, int64_t v);
Str format_i128(Arena& arena, i128 v);
// Shortest text that reads back as the same double; plain notation for decimal exponents in
// [-4, 15), else d.ddde+XX; "Infinity", "-Infinity", "NaN"; -0 is "-0" (PostgreSQL 12+).
Str format_f64(Arena& arena, double v);
// Exactly `scale` fraction digits: "-0.50", "12.00", "0.05".
Str format_decimal(Arena& arena, int64_t v, int scale);
Str format_decimal(Arena& arena, i128 v, int scale);
Str format_date(Arena& arena, int32_t days);
Str format_bool(Arena& arena, bool v);

// Arena-free forms: write into buf (at least 48 bytes) and return the length.
int format_f64_to(char* buf, double v);
int format_i128_to(char* buf, i128 v);

}  // namespace flern
