#include <cmath>

#include "check.hpp"

using namespace flern;

namespace {

Str S(const char* s) { return str_lit(s); }

std::string f64(double v) {
  char buf[48];
  return std::string(buf, static_cast<size_t>(format_f64_to(buf, v)));
}

}  // namespace

TEST(format_f64_like_postgres) {
  CHECK_EQ(f64(0.1), "0.1");
  CHECK_EQ(f64(1e20), "1e+20");
  CHECK_EQ(f64(1.5e-5), "1.5e-05");
  CHECK_EQ(f64(123456789012345678.0), "1.2345678901234568e+17");
  CHECK_EQ(f64(1e15), "1e+15");
  CHECK_EQ(f64(1e14), "100000000000000");
  CHECK_EQ(f64(123456789012345.0), "123456789012345");
  CHECK_EQ(f64(0.0001), "0.0001");
  CHECK_EQ(f64(0.00012), "0.00012");
  CHECK_EQ(f64(1.0), "1");
  CHECK_EQ(f64(-2.5), "-2.5");
  CHECK_EQ(f64(100.0), "100");
  CHECK_EQ(f64(0.0), "0");
  CHECK_EQ(f64(-0.0), "-0");
  CHECK_EQ(f64(1e100), "1e+100");
  CHECK_EQ(f64(1.7976931348623157e308), "1.7976931348623157e+308");
  CHECK_EQ(f64(5e-324), "5e-324");
  CHECK_EQ(f64(NAN), "NaN");
  CHECK_EQ(f64(INFINITY), "Infinity");
  CHECK_EQ(f64(-INFINITY), "-Infinity");
  CHECK_EQ(f64(1.0 / 3), "0.3333333333333333");
}

TEST(parse_f64_round_trip) {
  MemoryBudget budget;
  Arena arena(&budget);
  for (double v : {0.1, 1e20, 1.5e-5, 123456789012345678.0, 1.0 / 3, -2.5, 5e-324, 1.7976931348623157e308, 1e15, 1e-4}) {
    double back = 0;
    CHECK(parse_f64(format_f64(arena, v), back));
    CHECK_EQ(back, v);
  }
  double d = 0;
  CHECK(parse_f64(S("  42.5  "), d) && d == 42.5);
  CHECK(parse_f64(S("+1e3"), d) && d == 1000);
  CHECK(parse_f64(S("-Infinity"), d) && std::isinf(d) && d < 0);
  CHECK(parse_f64(S("inf"), d) && std::isinf(d) && d > 0);
  CHECK(parse_f64(S("NaN"), d) && std::isnan(d));
  CHECK(parse_f64(S(".5"), d) && d == 0.5);
  CHECK(!parse_f64(S(""), d));
  CHECK(!parse_f64(S("1.5x"), d));
  CHECK(!parse_f64(S("--1"), d));
  CHECK(!parse_f64(S("1e999"), d));
}

TEST(parse_integers_and_bools) {
  MemoryBudget budget;
  Arena arena(&budget);
  int64_t v = 0;
  CHECK(parse_i64(S(" -9223372036854775808 "), v) && v == INT64_MIN);
  CHECK(parse_i64(S("9223372036854775807"), v) && v == INT64_MAX);
  CHECK(!parse_i64(S("9223372036854775808"), v));
  CHECK(!parse_i64(S("-"), v));
  CHECK(!parse_i64(S("12a"), v));
  CHECK(!parse_i64(S("1 2"), v));
  CHECK(parse_i64(S("+7"), v) && v == 7);
  int32_t i = 0;
  CHECK(parse_i32(S("-2147483648"), i) && i == INT32_MIN);
  CHECK(!parse_i32(S("2147483648"), i));
  CHECK_EQ(format_i64(arena, INT64_MIN), "-9223372036854775808");
  CHECK_EQ(format_i64(arena, 0), "0");
  CHECK_EQ(format_i128(arena, -(static_cast<i128>(1) << 100)), "-1267650600228229401496703205376");
  bool b = false;
  for (const char* t : {"true", "TRUE", " t ", "yes", "On", "1", "Y"}) CHECK(parse_bool(S(t), b) && b);
  for (const char* f : {"false", "F", "no", "off", "0", "n"}) CHECK(parse_bool(S(f), b) && !b);
  CHECK(!parse_bool(S("maybe"), b));
  CHECK(!parse_bool(S(""), b));
  CHECK_EQ(format_bool(arena, true), "true");
  CHECK_EQ(format_bool(arena, false), "false");
}

TEST(dates) {
  MemoryBudget budget;
  Arena arena(&budget);
  CHECK_EQ(date_from_ymd(1970, 1, 1), 0);
  CHECK_EQ(date_from_ymd(2000, 2, 29), 11016);
  CHECK_EQ(date_from_ymd(1900, 3, 1), -25508);
  CHECK_EQ(date_from_ymd(1969, 12, 31), -1);
  CHECK_EQ(date_year(11016), 2000);
  CHECK_EQ(date_month(11016), 2);
  CHECK_EQ(date_day(11016), 29);
  CHECK_EQ(date_year(-1), 1969);
  CHECK_EQ(date_month(-25508), 3);
  CHECK_EQ(date_day(-25509), 28);  // 1900 is not a leap year
  // Every day in a wide window round-trips through y-m-d and text.
  int64_t bad = 0;
  for (int32_t d = -800000; d <= 800000; d += 37) {
    const Ymd c = civil_from_days(d);
    bad += date_from_ymd(c.year, c.month, c.day) != d;
    bad += !valid_ymd(c.year, c.month, c.day);
    int32_t back = 0;
    if (c.year >= 1 && (!parse_date(format_date(arena, d), back) || back != d)) ++bad;
  }
  CHECK_EQ(bad, 0);
  int32_t d = 0;
  CHECK(parse_date(S(" 2000-02-29 "), d) && d == 11016);
  CHECK(parse_date(S("1900-03-01"), d) && d == -25508);
  CHECK(!parse_date(S("1900-02-29"), d));
  CHECK(!parse_date(S("2001-02-29"), d));
  CHECK(!parse_date(S("2000-13-01"), d));
  CHECK(!parse_date(S("2000-04-31"), d));
  CHECK(!parse_date(S("2000-1-1x"), d));
  CHECK(!parse_date(S(""), d));
  CHECK(!parse_date(S("0000-01-01"), d));
  CHECK_EQ(format_date(arena, 11016), "2000-02-29");
  CHECK_EQ(format_date(arena, 0), "1970-01-01");
  CHECK_EQ(format_date(arena, date_from_ymd(33, 5, 7)), "0033-05-07");
  CHECK_EQ(format_date(arena, date_from_ymd(0, 1, 1)), "0001-01-01 BC");
  CHECK_EQ(date_add_months(date_from_ymd(2000, 1, 31), 1), date_from_ymd(2000, 2, 29));
  CHECK_EQ(date_add_months(date_from_ymd(1995, 3, 15), -3), date_from_ymd(1994, 12, 15));
  CHECK_EQ(date_add_months(date_from_ymd(1995, 3, 15), 12), date_from_ymd(1996, 3, 15));
}

TEST(decimals) {
  MemoryBudget budget;
  Arena arena(&budget);
  CHECK_EQ(format_decimal(arena, static_cast<int64_t>(-50), 2), "-0.50");
  CHECK_EQ(format_decimal(arena, static_cast<int64_t>(1200), 2), "12.00");
  CHECK_EQ(format_decimal(arena, static_cast<int64_t>(5), 2), "0.05");
  CHECK_EQ(format_decimal(arena, static_cast<int64_t>(0), 0), "0");
  CHECK_EQ(format_decimal(arena, static_cast<int64_t>(-7), 0), "-7");
  CHECK_EQ(format_decimal(arena, static_cast<int64_t>(0), 3), "0.000");
  CHECK_EQ(format_decimal(arena, pow10_i128(30) + 1, 4), "100000000000000000000000000.0001");
  CHECK_EQ(rescale_round(12345, 2, 1), static_cast<i128>(1235));
  CHECK_EQ(rescale_round(-12345, 2, 1), static_cast<i128>(-1235));
  CHECK_EQ(rescale_round(12344, 2, 1), static_cast<i128>(1234));
  CHECK_EQ(rescale_round(-12344, 3, 0), static_cast<i128>(-12));
  CHECK_EQ(rescale_round(15, 1, 0), static_cast<i128>(2));
  CHECK_EQ(rescale_round(-15, 1, 0), static_cast<i128>(-2));
  CHECK_EQ(rescale_round(7, 0, 3), static_cast<i128>(7000));
  CHECK_RAISES(rescale_round(pow10_i128(37), 0, 5), "numeric value out of range");
  CHECK_EQ(div_round(7, 2), static_cast<i128>(4));
  CHECK_EQ(div_round(-7, 2), static_cast<i128>(-4));
  CHECK_EQ(div_round(7, -2), static_cast<i128>(-4));
  CHECK_EQ(div_round(5, 3), static_cast<i128>(2));
  CHECK_EQ(div_round(4, 3), static_cast<i128>(1));
  CHECK_RAISES(div_round(1, 0), "division by zero");
  CHECK_EQ(pow10_i64(18), 1000000000000000000LL);
  CHECK_EQ(pow10_i128(38) / pow10_i128(20), pow10_i128(18));
  CHECK(fits_precision(99999, 5) && !fits_precision(100000, 5) && fits_precision(-99999, 5));
  int64_t v = 0;
  CHECK(parse_decimal(S("12.345"), 2, v) && v == 1235);
  CHECK(parse_decimal(S("-12.345"), 2, v) && v == -1235);
  CHECK(parse_decimal(S("  0.05 "), 2, v) && v == 5);
  CHECK(parse_decimal(S("12"), 2, v) && v == 1200);
  CHECK(parse_decimal(S(".5"), 0, v) && v == 1);
  CHECK(parse_decimal(S("0.004"), 2, v) && v == 0);
  CHECK(parse_decimal(S("1.5e2"), 1, v) && v == 1500);
  CHECK(parse_decimal(S("000123.4500"), 2, v) && v == 12345);
  CHECK(!parse_decimal(S("1.2.3"), 2, v));
  CHECK(!parse_decimal(S("abc"), 2, v));
  CHECK(!parse_decimal(S(""), 2, v));
  CHECK(!parse_decimal(S("99999999999999999999"), 2, v));  // overflows int64
  i128 w = 0;
  CHECK(parse_decimal(S("99999999999999999999.99"), 2, w) && w == pow10_i128(22) - 1);
  CHECK(!parse_decimal(S("1e40"), 0, w));
  int64_t a;
  CHECK(add_ov(INT64_MAX, static_cast<int64_t>(1), &a));
  CHECK(!add_ov(static_cast<int64_t>(1), static_cast<int64_t>(2), &a) && a == 3);
  int32_t b;
  CHECK(mul_ov(65536, 65536, &b));
  CHECK(sub_ov(INT32_MIN, 1, &b));
  i128 c;
  CHECK(mul_ov(pow10_i128(38), static_cast<i128>(10), &c));
  CHECK_RAISES(ck_div(INT64_MIN, static_cast<int64_t>(-1)), "bigint out of range");
  CHECK_RAISES(ck_div(1, 0), "division by zero");
  CHECK_EQ(ck_mod(-7, 3), -1);
  CHECK_EQ(ck_div(-7, 2), -3);
}

TEST(float_helpers) {
  CHECK_EQ(cmp_f64(NAN, NAN), 0);
  CHECK_EQ(cmp_f64(NAN, INFINITY), 1);
  CHECK_EQ(cmp_f64(1.0, NAN), -1);
  CHECK_EQ(cmp_f64(-0.0, 0.0), 0);
  CHECK_EQ(cmp_f64(1.0, 2.0), -1);
  CHECK(eq_f64(NAN, NAN));
  CHECK_EQ(f64_to_i64(2.5), 2);
  CHECK_EQ(f64_to_i64(3.5), 4);
  CHECK_EQ(f64_to_i64(-2.5), -2);
  CHECK_EQ(f64_to_i32(-2147483648.4), INT32_MIN);
  CHECK_RAISES(f64_to_i32(2147483648.0), "integer out of range");
  CHECK_RAISES(f64_to_i64(9223372036854775808.0), "bigint out of range");
  CHECK_RAISES(f64_to_i64(NAN), "bigint out of range");
  CHECK_RAISES(div_f64(1.0, 0.0), "division by zero");
  CHECK_EQ(f64_to_decimal(1.005, 2), static_cast<i128>(100));  // 1.005 is 1.00499999... in binary
  CHECK_EQ(f64_to_decimal(-2.5, 0), static_cast<i128>(-3));
  CHECK_EQ(f64_to_decimal(0.125, 2), static_cast<i128>(13));
  CHECK_RAISES(f64_to_decimal(INFINITY, 2), "cannot convert NaN or infinity to numeric");
}
