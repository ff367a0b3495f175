// Dates are int32 days since 1970-01-01 in the proleptic Gregorian calendar. The conversions use
// the era-based civil calendar arithmetic (400-year cycles of 146097 days), valid for all int32 days.
#pragma once

#include <cstdint>

namespace flern {

inline bool is_leap_year(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

inline int days_in_month(int64_t y, int m) {
  static constexpr int8_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

inline bool valid_ymd(int64_t y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// Days since 1970-01-01 of y-m-d (m 1..12, d 1..31; not validated).
inline int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                      // [0, 399]
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;     // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;              // [0, 146096]
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int64_t year;
  int month;
  int day;
};

inline Ymd civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                   // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                 // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Ymd{yoe + era * 400 + (m <= 2), m, d};
}

inline int32_t date_from_ymd(int64_t y, int m, int d) { return static_cast<int32_t>(days_from_civil(y, m, d)); }
inline int64_t date_year(int32_t days) { return civil_from_days(days).year; }
inline int64_t date_month(int32_t days) { return civil_from_days(days).month; }
inline int64_t date_day(int32_t days) { return civil_from_days(days).day; }

// date + n months, clamping the day to the target month's length (PostgreSQL: Jan 31 + 1 month = Feb 28/29).
inline int32_t date_add_months(int32_t days, int64_t months) {
  const Ymd c = civil_from_days(days);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  int64_t y = total >= 0 ? total / 12 : -((-total + 11) / 12);
  const int m = static_cast<int>(total - y * 12) + 1;
  const int dim = days_in_month(y, m);
  return date_from_ymd(y, m, c.day < dim ? c.day : dim);
}

}  // namespace flern
