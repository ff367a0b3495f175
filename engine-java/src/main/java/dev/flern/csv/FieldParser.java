package dev.flern.csv;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Parses CSV field bytes as typed values without making Strings on the common paths. Each method
 * returns {@link #OK}, {@link #INVALID} or {@link #RANGE} and leaves the value in a field of this
 * (reused) object. Numbers, dates and booleans may be surrounded by blanks, as PostgreSQL allows.
 */
final class FieldParser {
  static final int OK = 0;
  static final int INVALID = 1;
  static final int RANGE = 2;

  private static final long[] POW10 = new long[19];
  private static final double[] POW10D = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    POW10D[0] = 1;
    for (int i = 1; i < POW10D.length; i++) POW10D[i] = POW10D[i - 1] * 10;
  }

  long longValue;
  double doubleValue;
  int intValue;
  boolean boolValue;
  /** DECIMAL(p>18): the value at the column's scale. */
  BigInteger bigValue;

  private int s;
  private int e;

  /** Narrows [from, from+len) to its non-blank part in {@link #s}..{@link #e}. */
  private void trim(byte[] b, int from, int len) {
    s = from;
    e = from + len;
    while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
    while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
  }

  int parseLong(byte[] b, int from, int len) {
    trim(b, from, len);
    int i = s;
    if (i == e) return INVALID;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
      if (i == e) return INVALID;
    }
    // Accumulate negatively so that Long.MIN_VALUE fits.
    long v = 0;
    boolean overflow = false;
    for (; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) return INVALID;
      if (v < (Long.MIN_VALUE + d) / 10) overflow = true;
      else v = v * 10 - d;
    }
    if (overflow) return RANGE;
    if (!neg) {
      if (v == Long.MIN_VALUE) return RANGE;
      v = -v;
    }
    longValue = v;
    return OK;
  }

  int parseInt(byte[] b, int from, int len) {
    int r = parseLong(b, from, len);
    if (r != OK) return r;
    if (longValue != (int) longValue) return RANGE;
    intValue = (int) longValue;
    return OK;
  }

  /** Digits with an optional fraction and exponent, or Infinity / inf / NaN in any case. */
  int parseDouble(byte[] b, int from, int len) {
    trim(b, from, len);
    int i = s;
    if (i == e) return INVALID;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    // Fast path (exact): up to 15 digits and a short fraction; both operands are exact doubles,
    // so one IEEE division rounds correctly.
    long u = 0;
    int digits = 0;
    int frac = -1;
    int j = i;
    for (; j < e; j++) {
      byte c = b[j];
      if (c >= '0' && c <= '9') {
        u = u * 10 + (c - '0');
        if (++digits > 15) break;
        if (frac >= 0) frac++;
      } else if (c == '.' && frac < 0) {
        frac = 0;
      } else {
        break;
      }
    }
    if (j == e && digits > 0 && digits <= 15 && frac <= 22) {
      double d = frac > 0 ? u / POW10D[frac] : (double) u;
      doubleValue = neg ? -d : d;
      return OK;
    }
    // Anything else goes to the JDK, after checking it holds only what a decimal number may.
    boolean digit = false;
    for (int k = i; k < e; k++) {
      byte c = b[k];
      if (c >= '0' && c <= '9') digit = true;
      else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
        return special(b, i, neg);
      }
    }
    if (!digit) return INVALID;
    try {
      doubleValue = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
      return OK;
    } catch (NumberFormatException ex) {
      return INVALID;
    }
  }

  private int special(byte[] b, int i, boolean neg) {
    String w = new String(b, i, e - i, StandardCharsets.ISO_8859_1);
    if (w.equalsIgnoreCase("infinity") || w.equalsIgnoreCase("inf")) {
      doubleValue = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return OK;
    }
    if (w.equalsIgnoreCase("nan")) {
      doubleValue = Double.NaN;
      return OK;
    }
    return INVALID;
  }

  /**
   * DECIMAL(precision, scale): rounds half away from zero to {@code scale} digits, then checks the
   * precision. Sets {@link #longValue} (unscaled) when precision ≤ 18, else {@link #bigValue}.
   */
  int parseDecimal(byte[] b, int from, int len, int precision, int scale) {
    trim(b, from, len);
    int i = s;
    if (i == e) return INVALID;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    if (precision <= 18) {
      long u = 0;
      int intDigits = 0;
      boolean any = false;
      for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
        any = true;
        int d = b[i] - '0';
        if (u == 0 && d == 0) continue;
        if (++intDigits > 18) return slowDecimal(b, precision, scale);
        u = u * 10 + d;
      }
      // The unscaled value has intDigits + scale digits; beyond 18 it may not fit a long.
      if (intDigits + scale > 18) return slowDecimal(b, precision, scale);
      int frac = 0;
      boolean roundUp = false;
      if (i < e && b[i] == '.') {
        for (i++; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
          any = true;
          int d = b[i] - '0';
          if (frac < scale) {
            u = u * 10 + d;
            frac++;
          } else if (frac == scale) {
            roundUp = d >= 5; // half away from zero looks at the first dropped digit only
            frac++;
          }
        }
      }
      if (i < e) return (b[i] == 'e' || b[i] == 'E') && any ? slowDecimal(b, precision, scale) : INVALID;
      if (!any) return INVALID;
      for (; frac < scale; frac++) u *= 10;
      if (roundUp) u++;
      if (u >= POW10[precision]) return RANGE;
      longValue = neg ? -u : u;
      return OK;
    }
    return slowDecimal(b, precision, scale);
  }

  private int slowDecimal(byte[] b, int precision, int scale) {
    for (int k = s; k < e; k++) {
      byte c = b[k];
      if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return INVALID;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException | ArithmeticException ex) {
      return INVALID;
    }
    // A huge exponent would make setScale build an enormous number; it is out of range anyway.
    if (d.signum() != 0 && d.precision() - d.scale() > precision) return RANGE;
    BigInteger u = d.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
    if (u.abs().compareTo(BigInteger.TEN.pow(precision)) >= 0) return RANGE;
    if (precision <= 18) longValue = u.longValue();
    else bigValue = u;
    return OK;
  }

  /** [+-]YYYY-MM-DD with a year of at least 4 digits; as days since 1970-01-01. */
  int parseDate(byte[] b, int from, int len) {
    trim(b, from, len);
    int i = s;
    boolean neg = false;
    if (i < e && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    int start = i;
    long year = 0;
    for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
      year = year * 10 + (b[i] - '0');
      if (year > 6_000_000) return RANGE;
    }
    if (i - start < 4 || i >= e || b[i] != '-') return INVALID;
    i++;
    start = i;
    int month = 0;
    for (; i < e && b[i] >= '0' && b[i] <= '9' && i - start < 2; i++) month = month * 10 + (b[i] - '0');
    if (i == start || i >= e || b[i] != '-') return INVALID;
    i++;
    start = i;
    int day = 0;
    for (; i < e && b[i] >= '0' && b[i] <= '9' && i - start < 2; i++) day = day * 10 + (b[i] - '0');
    if (i == start || i != e) return INVALID;
    if (neg) year = -year;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return INVALID;
    long days = daysFromCivil(year, month, day);
    if (days != (int) days) return RANGE;
    intValue = (int) days;
    return OK;
  }

  static int daysInMonth(long y, int m) {
    return switch (m) {
      case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  /** true/false/t/f/1/0/yes/no in any case; {@code strict} (for inference) accepts true/false only. */
  int parseBoolean(byte[] b, int from, int len, boolean strict) {
    trim(b, from, len);
    int n = e - s;
    if (n == 4 && word(b, "true")) boolValue = true;
    else if (n == 5 && word(b, "false")) boolValue = false;
    else if (strict) return INVALID;
    else if (n == 1 && (b[s] == 't' || b[s] == 'T' || b[s] == '1')) boolValue = true;
    else if (n == 1 && (b[s] == 'f' || b[s] == 'F' || b[s] == '0')) boolValue = false;
    else if (n == 3 && word(b, "yes")) boolValue = true;
    else if (n == 2 && word(b, "no")) boolValue = false;
    else return INVALID;
    return OK;
  }

  private boolean word(byte[] b, String w) {
    for (int k = 0; k < w.length(); k++) if ((b[s + k] | 0x20) != w.charAt(k)) return false;
    return true;
  }

  /** Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF). */
  static boolean isUtf8(byte[] b, int from, int len) {
    int i = from;
    int end = from + len;
    while (i < end) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int n;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + n >= end) return false;
      int cp = c & (0x3F >> n);
      for (int k = 1; k <= n; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      i += n + 1;
    }
    return true;
  }
}
