// The numeric SQL functions' helpers (arith.hpp, decimal.hpp): PostgreSQL's values and errors.
#include <cmath>

#include "check.hpp"

using namespace flern;

namespace {
i128 I(int64_t v) { return static_cast<i128>(v); }
}  // namespace

TEST(float_math_values) {
  CHECK_EQ(sqrt_f64(2.25), 1.5);
  CHECK_EQ(sqrt_f64(0.0), 0.0);
  CHECK(std::isnan(sqrt_f64(NAN)));
  CHECK_EQ(std::cbrt(-27.0), -3.0);
  CHECK_EQ(exp_f64(0.0), 1.0);
  CHECK_EQ(exp_f64(-INFINITY), 0.0);
  CHECK_EQ(exp_f64(INFINITY), INFINITY);
  CHECK_EQ(ln_f64(1.0), 0.0);
  CHECK_EQ(log10_f64(1000.0), 3.0);
  CHECK_EQ(log_base_f64(2.0, 8.0), 3.0);
  CHECK_EQ(log_base_f64(10.0, 1000.0), 3.0);  // ln(1000) / ln(10) alone is 2.9999999999999996
  CHECK_EQ(log_base_f64(4.0, 2.0), 0.5);
  CHECK_EQ(pow_f64(2.0, 10.0), 1024.0);
  CHECK_EQ(pow_f64(-2.0, 3.0), -8.0);
  CHECK_EQ(pow_f64(0.0, 0.0), 1.0);
  CHECK_EQ(pow_f64(NAN, 0.0), 1.0);
  CHECK_EQ(pow_f64(1.0, NAN), 1.0);
  CHECK(std::isnan(pow_f64(2.0, NAN)));
  CHECK_EQ(pow_f64(0.5, INFINITY), 0.0);
  CHECK_EQ(pow_f64(-INFINITY, 3.0), -INFINITY);
  CHECK_EQ(pow_f64(-INFINITY, 2.0), INFINITY);
  CHECK(std::signbit(pow_f64(-INFINITY, -3.0)));
  CHECK_EQ(sign_of(-7.5), -1.0);
  CHECK_EQ(sign_of(NAN), 0.0);
  CHECK(!std::signbit(sign_of(-0.0)));
  CHECK_EQ(sign_of(static_cast<int64_t>(-9)), static_cast<int64_t>(-1));
  CHECK_EQ(sign_of(I(0)), I(0));
}

TEST(float_math_errors) {
  CHECK_RAISES(sqrt_f64(-1.0), "cannot take square root of a negative number");
  CHECK_RAISES(sqrt_f64(-INFINITY), "cannot take square root of a negative number");
  CHECK_RAISES(ln_f64(0.0), "cannot take logarithm of zero");
  CHECK_RAISES(ln_f64(-0.0), "cannot take logarithm of zero");
  CHECK_RAISES(log10_f64(-3.0), "cannot take logarithm of a negative number");
  CHECK_RAISES(log_base_f64(0.0, -1.0), "cannot take logarithm of zero");
  CHECK_RAISES(log_base_f64(2.0, -1.0), "cannot take logarithm of a negative number");
  CHECK_RAISES(log_base_f64(1.0, 5.0), "division by zero");
  CHECK_RAISES(exp_f64(1000.0), "value out of range: overflow");
  CHECK_RAISES(exp_f64(-1000.0), "value out of range: underflow");
  CHECK_RAISES(pow_f64(10.0, 400.0), "value out of range: overflow");
  CHECK_RAISES(pow_f64(10.0, -400.0), "value out of range: underflow");
  CHECK_RAISES(pow_f64(0.0, -1.0), "zero raised to a negative power is undefined");
  CHECK_RAISES(pow_f64(-8.0, 1.0 / 3), "a negative number raised to a non-integer power yields a complex result");
}

TEST(float_rounding) {
  CHECK_EQ(round_f64(2.5), 2.0);  // half to even, as PostgreSQL's float8 round
  CHECK_EQ(round_f64(3.5), 4.0);
  CHECK_EQ(round_f64(-2.5), -2.0);
  CHECK_EQ(round_digits_f64(2.5, 0, false), 3.0);  // with digits: half away from zero
  CHECK_EQ(round_digits_f64(-1.25, 1, false), -1.3);
  CHECK_EQ(round_digits_f64(1234.5, -2, false), 1200.0);
  CHECK_EQ(round_digits_f64(-1250.0, -2, false), -1300.0);
  CHECK_EQ(round_digits_f64(1.99, 1, true), 1.9);
  CHECK_EQ(round_digits_f64(-1299.0, -2, true), -1200.0);
  CHECK_EQ(round_digits_f64(1e300, 5, false), 1e300);
  CHECK_EQ(round_digits_f64(INFINITY, 2, false), INFINITY);
  CHECK_EQ(round_digits_f64(123.0, -400, false), 0.0);
}

TEST(decimal_rounding) {
  // 12.345 at scale 3
  CHECK_EQ(dec_round(I(12345), 3, 2), I(12350));
  CHECK_EQ(dec_round(I(-12345), 3, 2), I(-12350));
  CHECK_EQ(dec_round(I(12345), 3, 0), I(12000));
  CHECK_EQ(dec_round(I(12345), 3, -1), I(10000));
  CHECK_EQ(dec_round(I(15000), 3, -1), I(20000));
  CHECK_EQ(dec_round(I(12345), 3, 5), I(12345));
  CHECK_EQ(dec_round(I(12345), 3, -100), I(0));
  CHECK_EQ(dec_round(I(12345), 3, INT32_MIN), I(0));
  CHECK_EQ(dec_trunc(I(-12345), 3, 1), I(-12300));
  CHECK_EQ(dec_trunc(I(19999), 3, -1), I(10000));
  CHECK_EQ(dec_ceil(I(-1250), 2), I(-12));
  CHECK_EQ(dec_ceil(I(1201), 2), I(13));
  CHECK_EQ(dec_ceil(I(1200), 2), I(12));
  CHECK_EQ(dec_floor(I(-1201), 2), I(-13));
  CHECK_EQ(dec_floor(I(1299), 2), I(12));
  CHECK_EQ(dec_floor(I(-1200), 2), I(-12));
  CHECK_RAISES(dec_round(16 * pow10_i128(37), 0, -38), "numeric value out of range");  // 2 * 10^38
}
